"""The charges commands' contract: fees, payment add, charges [--json], receipt."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from contactcentre.domain.bookings import attendance
from contactcentre.domain.supervised import report
from contactcentre.store.engine import Store
from contactcentre.store.models import EventKind, TeamRole
from tests.cli.conftest import Run
from tests.domain.charges.helpers import DAY, book, local
from tests.domain.supervised.helpers import approved, as_, supervised_family
from tests.factories import add_family, ready_family
from tests.pdf_text import pdf_text

FEES = ("fees", "--session", "3.00", "--late-cancel", "5.00", "--late-cancel-hours", "48")


def attended_session(store: Store) -> None:
    """F-0001 attended the 13 March 2027 session (after fees were set, in 2026)."""
    family = ready_family(store, "F-0001")
    booking_id = book(store, family)
    with store.session() as s:
        attendance.record_event(s, booking_id, EventKind.nonresident_arrived, local(DAY, 9, 45))


def test_fees_with_no_options_prints_the_schedule_and_a_free_centre_says_so(cli: Run) -> None:
    assert cli("fees")[:2] == (0, "This centre charges no fees.\n")
    code, out, err = cli(*FEES, "--referral", "20.00")
    assert code == 0, err
    assert "Supported session: £3.00, usually paid by the parent having contact" in out
    assert "Late cancellation (less than 48 hours before the session): £5.00" in out
    assert "Referral: £20.00" in cli("fees")[1]
    assert cli("fees", "--off")[1] == "This centre charges no fees.\n"


def test_a_payment_pays_the_session_and_charges_shows_pence_and_pounds(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    assert cli(*FEES)[0] == 0
    attended_session(store)
    code, out, err = cli(
        "payment", "add", "F-0001", "--amount", "12.50", "--method", "card",
        "--date", "2026-12-01", "--payer", "Cafcass",
    )  # fmt: skip
    assert (code, out, err) == (0, "P-0001\n", "")
    code, out, _ = cli("charges", "--family", "f-0001")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "F-0001: balance -£9.50 (-950p), £9.50 in credit"
    assert "Supported session on Sat 13 Mar 2027  £3.00 (300p)" in lines[1]
    assert lines[1].endswith("owed £0.00 (0p)")
    assert "payment P-0001 (card) from Cafcass  £12.50 (1250p)" in lines[2]
    assert lines[3] == (
        "  by payer: the parent having contact £3.00 (300p) owed; Cafcass £12.50 (1250p) in credit"
    )
    [account] = json.loads(cli("charges", "--json")[1])
    assert account["balance_pence"] == -950 and account["charged_pence"] == 300
    assert account["charges"][0]["amount_pence"] == 300
    assert account["charges"][0]["outstanding_pence"] == 0
    assert account["payments"][0] == {
        "ref": "P-0001", "date": "2026-12-01", "method": "card", "payer": "Cafcass",
        "amount_pence": 1250, "credit_pence": 950,
    }  # fmt: skip
    assert account["by_payer_pence"] == {"non_resident": 300, "cafcass": -1250}

    receipt = tmp_path / "receipt.pdf"
    assert cli("receipt", "P-0001", "-o", str(receipt))[0] == 0
    text = pdf_text(receipt)
    for words in [
        "Test Contact Centre", "Registered charity no. 1234567", "Receipt P-0001",
        "Received from Cafcass", "£12.50", "Card", "Tue 1 Dec 2026",
        "Supported session on Sat 13 Mar 2027 £3.00", "Credit towards future charges £9.50",
    ]:  # fmt: skip
        assert words in text, words


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--amount", "12.505"), "more than two decimal places"),
        (("--amount", "-1"), "cannot be negative"),
        (("--amount", "abc"), "is not an amount of money"),
        (("--amount", "99999999"), "too large"),
        (("--amount", "0"), "more than £0.00"),
        (("--amount", "1", "--date", "2999-01-01"), "still to come"),
    ],
)
def test_a_bad_payment_is_refused_in_one_line_and_nothing_is_recorded(
    cli: Run, store: Store, args: tuple[str, ...], message: str
) -> None:
    add_family(store, "F-0001")
    options = dict(zip(args[::2], args[1::2], strict=True))
    options.setdefault("--date", "2026-11-30")
    flat = [x for pair in options.items() for x in pair]
    code, out, err = cli("payment", "add", "F-0001", "--method", "cash", *flat)
    assert (code, out) == (1, "") and message in err and len(err.splitlines()) == 1
    assert json.loads(cli("charges", "--json")[1]) == []


def test_unknown_families_payments_and_bad_dates_get_one_line(
    cli: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli("payment", "add", "F-0404", "--amount", "1", "--method", "cash",
                       "--date", "2026-11-30")  # fmt: skip
    assert code == 1 and "No family with reference 'F-0404'" in err
    code, _, err = cli("receipt", "P-0404", "-o", str(tmp_path / "r.pdf"))
    assert code == 1 and "No payment with reference 'P-0404'" in err
    assert not (tmp_path / "r.pdf").exists()
    with pytest.raises(SystemExit):
        cli("payment", "add", "F-0001", "--amount", "1", "--method", "cash", "--date", "31/11")
    assert "'31/11' is not a date (use YYYY-MM-DD)" in capsys.readouterr().err
    code, _, err = cli("fees", "--session", "£3.001")
    assert code == 1 and "The session fee has more than two decimal places" in err


def test_a_statement_lists_the_period_with_its_balances(
    cli: Run, store: Store, tmp_path: Path
) -> None:
    assert cli(*FEES)[0] == 0
    attended_session(store)
    cli("payment", "add", "F-0001", "--amount", "1", "--method", "cash", "--date", "2026-12-01")
    target = tmp_path / "statement.pdf"
    code, _, err = cli(
        "statement", "F-0001", "--from", "2027-03-01", "--to", "2027-03-31", "-o", str(target)
    )
    assert code == 0, err
    text = pdf_text(target)
    assert "Statement for family F-0001" in text and "01/03/2027 to 31/03/2027" in text
    assert "Balance brought forward -£1.00" in text
    assert "Supported session on Sat 13 Mar 2027 £3.00" in text
    assert "Balance on 31/03/2027: £2.00 owed." in text
    assert datetime.now(UTC).year >= 2026


def test_charge_add_and_void_by_hand(cli: Run, store: Store) -> None:
    add_family(store, "F-0001")
    assert cli("charge", "add", "F-0001", "--amount", "4", "--for", "Copy of the file",
               "--date", "2026-11-01")[1] == "£4.00 charged to F-0001\n"  # fmt: skip
    [account] = json.loads(cli("charges", "--json")[1])
    charge_id = account["charges"][0]["id"]
    code, out, _ = cli("charge", "void", str(charge_id), "--reason", "Waived")
    assert (code, out) == (0, "Voided Copy of the file (£4.00)\n")
    code, _, err = cli("charge", "void", str(charge_id), "--reason", "Again")
    assert code == 1 and "already voided" in err
    add_family(store, "F-0002")
    cli("charge", "add", "F-0002", "--amount", "2", "--for", "Copy", "--payer", "solicitor")
    lines = cli("charges")[1].splitlines()
    assert (
        lines[-1] == "All families: balance £2.00 (200p); by payer: a solicitor £2.00 (200p) owed"
    )
    assert lines[0] == "F-0001: balance £0.00 (0p), nothing owed"
    assert lines[1].endswith(": Waived)") and "voided (Voided " in lines[1]


def test_a_released_reports_fee_is_listed_with_what_it_was_for(cli: Run, store: Store) -> None:
    code, out, err = cli("fees", "--report", "45.00", "--report-payer", "cafcass")
    assert code == 0, err
    assert "Report: £45.00, usually paid by Cafcass" in out
    family_id, booking = supervised_family(store)
    approved(store, booking)
    as_(store, "Pat Coordinator", TeamRole.coordinator)
    with store.session() as s:
        report.release_report(s, family_id, date(2027, 3, 1), date(2027, 3, 31))
    code, out, _ = cli("charges", "--family", "F-0001")
    assert code == 0
    assert "13/03/2027  Report, 01/03/2027–31/03/2027  £45.00 (4500p)  Cafcass" in out
    [account] = json.loads(cli("charges", "--json")[1])
    [fee] = [c for c in account["charges"] if c["for"].startswith("Report")]
    assert (fee["for"], fee["amount_pence"], fee["payer"]) == (
        "Report, 01/03/2027–31/03/2027",
        4500,
        "cafcass",
    )

"""The field checks behind every form and import: what a coordinator may type, and the
message they see when it cannot be stored."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactcentre.domain import validate
from contactcentre.domain.errors import ValidationError
from contactcentre.store.models import ContactType, Role

TODAY = date(2027, 3, 13)
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)


# --- phone numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "0113 496 0123",
        "01134960123",
        "0113-496-0123",
        "(0113) 496 0123",
        "0113.496.0123",
        "+44 113 496 0123",
        "+441134960123",
        "+44 (0)113 496 0123",
        "0044 113 496 0123",
        " 0113 496 0123 ",
        "0113\u00a0496\u00a00123",  # non-breaking spaces pasted from a web page
    ],
)
def test_a_uk_landline_in_any_usual_format_is_stored_once_and_shown_the_uk_way(
    typed: str,
) -> None:
    stored = validate.uk_phone(typed)
    assert stored == "+441134960123"
    assert validate.display_phone(stored) == "0113 496 0123"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("07911 123456", "07911 123456"),
        ("07911123456", "07911 123456"),
        ("+44 7911 123456", "07911 123456"),
        ("+44(0)7911-123-456", "07911 123456"),
        ("020 7946 0000", "020 7946 0000"),
        ("0161 496 0000", "0161 496 0000"),
        ("0800 123 4567", "0800 123 4567"),
    ],
)
def test_mobiles_london_and_freephone_numbers_are_accepted(typed: str, shown: str) -> None:
    assert validate.display_phone(validate.uk_phone(typed)) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("07700 900000", "07700 900000"),
        ("07700900999", "07700 900999"),
        ("+44 7700 900123", "07700 900123"),
        ("01632 960000", "01632 960000"),
        ("01632 960999", "01632 960999"),
        ("0113 496 0999", "0113 496 0999"),
        ("0117 496 0123", "0117 496 0123"),
    ],
)
def test_ofcom_drama_numbers_used_in_training_and_examples_are_accepted(
    typed: str, shown: str
) -> None:
    assert validate.display_phone(validate.uk_phone(typed)) == shown


@pytest.mark.parametrize("typed", ["07700 901000", "01632 961000"])
def test_numbers_next_to_the_drama_ranges_are_still_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="not a valid UK phone number"):
        validate.uk_phone(typed)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("12345", "not a valid UK phone number"),
        ("0113 496 012", "not a valid UK phone number"),
        ("999", "not a valid UK phone number"),
        ("abc", "not a phone number"),
        ("+", "not a phone number"),
        ("0113 496 0123 / 07911 123456", "not a phone number"),
        ("0113 496 0123 ext 204", "extension (204)"),
        ("0" * 41, "too long"),
        ("0113\n496 0123", "control character"),
    ],
)
def test_a_wrong_phone_number_is_refused_with_a_reason(typed: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        validate.uk_phone(typed)


def test_an_empty_phone_is_fine_unless_required() -> None:
    assert validate.uk_phone("") == ""
    assert validate.uk_phone("   ") == ""
    with pytest.raises(ValueError, match="is required"):
        validate.uk_phone("  ", required=True)


def test_a_number_abroad_keeps_its_country_code() -> None:
    """A parent living abroad: accepted when typed with its code, shown internationally."""
    stored = validate.uk_phone("+33 1 23 45 67 89")
    assert stored == "+33123456789"
    assert validate.display_phone(stored) == "+33 1 23 45 67 89"


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_typed_phone_gives_e164_or_a_message(typed: str) -> None:
    try:
        stored = validate.uk_phone(typed)
    except ValueError as error:
        assert str(error)
        return
    assert stored == "" or (stored.startswith("+") and stored[1:].isdigit())
    assert stored == "" or validate.uk_phone(validate.display_phone(stored)) == stored


@settings(max_examples=200, deadline=None)
@given(
    area=st.sampled_from(["113 496", "114 496", "117 496", "121 496", "161 496"]),
    tail=st.integers(0, 999),
    style=st.sampled_from(["0{a} 0{t:03d}", "0{a}0{t:03d}", "+44 {a} 0{t:03d}", "(0{a}) 0{t:03d}"]),
)
def test_drama_numbers_in_any_style_round_trip(area: str, tail: int, style: str) -> None:
    typed = style.format(a=area, t=tail)
    stored = validate.uk_phone(typed)
    assert validate.display_phone(stored) == f"0{area} 0{tail:03d}"


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["2027-03-13", "13/03/2027", " 13/03/2027 ", "2027-3-13", "13/3/2027"]
)
def test_dates_are_read_in_iso_and_uk_order(typed: str) -> None:
    assert validate.parse_date(typed) == date(2027, 3, 13)


@pytest.mark.parametrize(
    "typed",
    [
        "2027-02-29",  # not a leap year
        "29/02/2027",
        "31/04/2027",
        "2027-13-01",
        "00/01/2027",
        "03/13/2027",  # American order
        "13-03-2027",
        "13/03/27",
        "2027-03-13T10:00",
        "tomorrow",
    ],
)
def test_impossible_or_ambiguous_dates_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        validate.parse_date(typed)


def test_a_leap_day_is_a_date_in_a_leap_year() -> None:
    assert validate.parse_date("29/02/2028") == date(2028, 2, 29)


def test_an_empty_date_is_none_unless_required() -> None:
    assert validate.parse_date("") is None
    assert validate.parse_date(None) is None
    with pytest.raises(ValueError, match="is required"):
        validate.parse_date(" ", required=True)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_real_date_reads_back_in_both_formats(day: date) -> None:
    assert validate.parse_date(day.isoformat()) == day
    assert validate.parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_typed_date_gives_a_date_none_or_a_message(typed: str) -> None:
    try:
        found = validate.parse_date(typed)
    except ValueError as error:
        assert "is not a date" in str(error)
        assert len(str(error)) < 120, "the message quotes at most a short piece of the input"
        return
    assert found is None or isinstance(found, date)


def test_future_and_ancient_dates_are_refused_where_they_must_be_past() -> None:
    validate.past_date(TODAY, TODAY)
    validate.past_date(None, TODAY)
    with pytest.raises(ValueError, match="14/03/2027 is in the future"):
        validate.past_date(date(2027, 3, 14), TODAY)
    with pytest.raises(ValueError, match="too long ago"):
        validate.past_date(date(1899, 12, 31), TODAY)


# --- names and free text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Zoë  ", "Zoë"),
        ("Mary   Ann", "Mary Ann"),
        ("Siobhán Ó Briain", "Siobhán Ó Briain"),
        ("Łukasz", "Łukasz"),
        ("李小龍", "李小龍"),
        ("محمد", "محمد"),
        ("O'Neill-Smith", "O'Neill-Smith"),
    ],
)
def test_names_from_any_language_are_kept_as_typed(typed: str, kept: str) -> None:
    assert validate.name(typed) == kept


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("1234", "must contain letters"),
        ("--", "must contain letters"),
        ("x" * 101, "too long (101 characters; at most 100)"),
        ("Zo\x00ë", "control character"),
        ("Zoë\nJones", "control character"),
        ("Zoë\tJones", "control character"),
        ("Zo\ud800e", "control character"),
        ("Jo\u202enhoJ", "hidden text-direction character (U+202E)"),
        ("\u2067محمد\u2069", "hidden text-direction character (U+2067)"),
        ("Zoë\u200f", "hidden text-direction character (U+200F)"),
    ],
)
def test_bad_names_are_refused_with_a_reason(typed: str, problem: str) -> None:
    with pytest.raises(ValueError) as raised:
        validate.name(typed)
    assert problem in str(raised.value)


def test_an_optional_name_may_be_empty() -> None:
    assert validate.name("  ", required=False) == ""


def test_free_text_keeps_lines_and_tabs_but_not_other_controls() -> None:
    assert validate.text("line one\r\nline\ttwo\n") == "line one\nline\ttwo"
    with pytest.raises(ValueError, match="control character"):
        validate.text("bell\x07")
    with pytest.raises(ValueError, match="control character"):
        validate.text("one\ntwo", multiline=False)
    with pytest.raises(ValueError, match="at most 10000"):
        validate.text("x" * 10_001)
    assert len(validate.text("x" * 10_000)) == 10_000


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT | st.text(min_size=90, max_size=120))
def test_any_typed_name_is_clean_or_refused(typed: str) -> None:
    try:
        kept = validate.name(typed)
    except ValueError as error:
        assert str(error)
        return
    assert kept == kept.strip() and "  " not in kept
    assert 0 < len(kept) <= validate.MAX_NAME
    assert any(ch.isalpha() for ch in kept)
    assert not any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in kept)
    assert not validate.BIDI_CONTROLS & set(kept)
    assert kept.split() == typed.split()


@pytest.mark.parametrize("control", sorted(validate.BIDI_CONTROLS))
def test_every_text_direction_control_is_refused_in_a_name(control: str) -> None:
    """U+202A-U+202E, U+2066-U+2069, U+200E, U+200F and U+061C: a name shows as typed."""
    with pytest.raises(
        ValueError, match=f"hidden text-direction character \\(U\\+{ord(control):04X}\\)"
    ):
        validate.name(f"Dana{control} Scully")
    assert len(validate.BIDI_CONTROLS) == 12


# --- emails, closed sets, yes/no --------------------------------------------------------


@pytest.mark.parametrize("typed", ["sam@example.org", "s.o'brien+cc@mail.example.co.uk"])
def test_plausible_emails_are_kept(typed: str) -> None:
    assert validate.email(f" {typed} ") == typed


@pytest.mark.parametrize(
    "typed", ["sam", "sam@", "@example.org", "sam@example", "sam @example.org", "a@b@c.org"]
)
def test_implausible_emails_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="is not an email address"):
        validate.email(typed)


def test_an_empty_email_is_fine() -> None:
    assert validate.email("") == ""


def test_closed_sets_accept_their_values_in_any_case_and_list_the_options() -> None:
    assert validate.choice(ContactType, " Supervised ") is ContactType.supervised
    assert validate.choice(Role, Role.child) is Role.child
    with pytest.raises(ValueError) as raised:
        validate.choice(Role, "grandparent")
    assert "'grandparent' is not one of child|resident_parent|non_resident_parent|relative" in (
        str(raised.value)
    )


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [("yes", True), ("YES", True), ("y", True), ("no", False), ("No", False), ("", False)],
)
def test_yes_no_cells(typed: str, meaning: bool) -> None:
    assert validate.yes_no(typed) is meaning


def test_a_yes_no_cell_with_anything_else_is_refused() -> None:
    with pytest.raises(ValueError, match="must be yes or no"):
        validate.yes_no("maybe")


# --- search folding and the checker -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Zoë", "zoe"),
        ("Łukasz", "lukasz"),
        ("Søren", "soren"),
        ("Siobhán Ó Briain", "siobhan o briain"),
        ("Đorđe", "dorde"),
        ("Ærøskøbing", "aeroskobing"),
        ("Straße", "strasse"),
        ("Nguyễn", "nguyen"),
    ],
)
def test_search_folds_case_and_accents_as_people_type_on_a_uk_keyboard(
    name: str, typed: str
) -> None:
    assert validate.folded(name) == typed


def test_the_checker_collects_every_problem_with_its_field_key() -> None:
    c = validate.Checker()
    assert c.check("people.0.phone", "Phone", validate.uk_phone, "123") is None
    assert c.check("referral_date", "Referral date", validate.parse_date, "31/02/2027") is None
    assert c.check("notes", "Notes", validate.text, "fine") == "fine"
    with pytest.raises(ValidationError) as raised:
        c.done()
    assert set(raised.value.errors) == {"people.0.phone", "referral_date"}
    assert raised.value.errors["people.0.phone"].startswith("Phone '123' is not")
    assert "referral_date: Referral date '31/02/2027' is not a date" in str(raised.value)


def test_quick_times_typed_from_a_paper_sheet() -> None:
    assert str(validate.quick_time("912")) == "09:12:00"
    assert str(validate.quick_time("10.12")) == "10:12:00"
    with pytest.raises(ValueError, match="not a time of day"):
        validate.quick_time("2512")


def test_a_stored_number_that_cannot_be_read_is_shown_as_it_is() -> None:
    assert validate.display_phone("ask reception") == "ask reception"


def test_a_long_wrong_email_is_quoted_short_in_its_message() -> None:
    """Hypothesis found a 95-character email whose message ran past one short line."""
    with pytest.raises(ValueError) as raised:
        validate.email("0" * 95)
    message = str(raised.value)
    assert len(message) <= 80 and message.startswith("'000") and "…'" in message, message

"""A whole session on the board: two families, staggered, one late collection."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from contactcentre.domain import audit
from contactcentre.domain.agreements import readiness
from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.models import ComesWith, EventKind, EventSource, Person, Role
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.conftest import COORDINATOR
from tests.factories import family_form, ready_family
from tests.pdf_text import pdf_text

DAY = date(2027, 3, 13)


def click_next(qtbot: QtBot, screen: SessionDayScreen, ref: str) -> None:
    card = next(c for c in screen.cards.values() if c.row.family_ref == ref)
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)


def card_of(screen: SessionDayScreen, ref: str):  # type: ignore[no-untyped-def]
    return next(c for c in screen.cards.values() if c.row.family_ref == ref)


def shown_alerts(card: QWidget) -> list[str]:
    """The alert messages a volunteer sees on a family's card."""
    return [
        label.text()
        for box in card.findChildren(QFrame, "alert")
        for label in box.findChildren(QLabel)
    ]


def one_family_board(qtbot: QtBot, ctx: Context, clock: FixedClock, now: datetime):  # type: ignore[no-untyped-def]
    """The board at `now`, with F-0001 booked on DAY."""
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    clock.set(now)
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def test_a_session_days_ahead_says_its_day_not_thousands_of_minutes(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    screen = one_family_board(qtbot, ctx, clock, datetime(2027, 3, 2, 23, 26))
    screen.day_edit.set_value(DAY)
    screen.refresh()
    shown = card_of(screen, "F-0001").next_label.text()
    assert shown == "Next: Visiting parent arrived (09:45 on Sat 13 Mar 2027)"
    assert " min" not in shown


def test_one_family_and_one_alert_are_counted_in_the_singular(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    # the visiting parent is 20 min overdue
    screen = one_family_board(qtbot, ctx, clock, datetime(2027, 3, 13, 10, 5))
    assert screen.summary.text() == "1 family booked — 1 alert needs attention"


def test_a_whole_session_with_two_staggered_families_and_a_late_collection(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    for ref in ("F-0001", "F-0002"):
        family_id = ready_family(ctx.store, ref)
        with ctx.store.session() as s:
            bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    clock.set(datetime(2027, 3, 13, 9, 40))
    screen.refresh()
    assert screen.volunteer.isReadOnly() and screen.volunteer.text() == COORDINATOR  # recording as
    assert screen.day_edit.value() == DAY
    assert (
        "Visiting parent arrived (09:45, in 5 min)" in card_of(screen, "F-0001").next_label.text()
    )

    def at(hh: int, mm: int) -> None:
        clock.set(datetime(2027, 3, 13, hh, mm))
        screen.refresh()

    at(9, 45)
    click_next(qtbot, screen, "F-0001")
    at(9, 50)
    click_next(qtbot, screen, "F-0002")
    at(10, 0)
    click_next(qtbot, screen, "F-0001")
    at(10, 5)
    click_next(qtbot, screen, "F-0002")
    assert card_of(screen, "F-0002").done_labels[EventKind.child_dropped_off].text() == "✔ 10:05"
    assert "Child collected (11:55" in card_of(screen, "F-0001").next_label.text()

    at(11, 55)
    click_next(qtbot, screen, "F-0001")
    at(12, 0)
    assert shown_alerts(card_of(screen, "F-0002")) == []
    at(12, 9)  # Lily is late: Mark's leave time moves with her collection
    keep = (
        "⚠ The collection is late: keep Mark in the contact room until 15 min after Lily "
        "is collected (12:24 at the earliest)."
    )
    assert shown_alerts(card_of(screen, "F-0002")) == [keep]
    at(12, 10)  # ten minutes after the planned 12:00 collection
    late = card_of(screen, "F-0002")
    assert [a.key for a in late.row.state.alerts] == ["keep-visitor", "overdue-child_collected"]
    assert shown_alerts(late) == [
        keep.replace("12:24", "12:25"),
        "⚠ Lily has not been collected: 10 min after the planned 12:00. "
        "Ring Sarah on 0113 496 0001.",
    ]
    assert "2 alerts need attention" in screen.summary.text()
    at(12, 13)  # it stays up, counting, until someone deals with it
    assert shown_alerts(late)[1].startswith("⚠ Lily has not been collected: 13 min after")

    at(12, 14)
    click_next(qtbot, screen, "F-0002")
    assert shown_alerts(card_of(screen, "F-0002")) == [
        "⚠ Keep Mark in the contact room until 12:29 (Lily collected at 12:14)."
    ]
    assert "Visiting parent left (12:29, in 15 min)" in card_of(screen, "F-0002").next_label.text()
    at(12, 15)
    click_next(qtbot, screen, "F-0001")
    at(12, 28)
    assert len(shown_alerts(card_of(screen, "F-0002"))) == 1  # until he has left
    at(12, 29)
    click_next(qtbot, screen, "F-0002")
    assert shown_alerts(card_of(screen, "F-0002")) == []
    assert "alert" not in screen.summary.text()
    for ref in ("F-0001", "F-0002"):
        assert card_of(screen, ref).next_label.text() == "All done for today"
        assert not card_of(screen, ref).action.isEnabled()

    with ctx.store.session() as s:
        events = attendance.history(s, card_of(screen, "F-0002").row.booking_id)
    assert [(e.kind, e.occurred_at.astimezone(clock.tz).strftime("%H:%M")) for e in events] == [
        (EventKind.nonresident_arrived, "09:50"),
        (EventKind.child_dropped_off, "10:05"),
        (EventKind.child_collected, "12:14"),
        (EventKind.nonresident_left, "12:29"),
    ]
    assert {e.recorded_by for e in events} == {COORDINATOR}
    assert {e.source for e in events} == {EventSource.live}
    dropoff = events[1]
    assert dropoff.person_id is not None  # who handed over is recorded


def test_the_time_can_be_adjusted_before_saving_and_the_door_check_warns(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    clock.set(datetime(2027, 3, 13, 9, 52))
    screen.refresh()
    card = card_of(screen, "F-0001")
    card.when.setFocus()
    card.when.setTime(card.when.time().addSecs(-7 * 60))
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    assert card_of(screen, "F-0001").done_labels[EventKind.nonresident_arrived].text() == "✔ 09:45"

    qtbot.keyClicks(screen.door, "sarah")
    assert "Sarah Jones" in screen.door_result.text() and "F-0001" in screen.door_result.text()
    screen.door.clear()
    qtbot.keyClicks(screen.door, "Kevin Stranger")
    assert "Not named" in screen.door_result.text()


def test_an_alert_stays_until_dealt_with(qtbot: QtBot, ctx: Context, clock: FixedClock) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    clock.set(datetime(2027, 3, 13, 9, 58))
    screen.refresh()
    card = card_of(screen, "F-0001")
    with ctx.store.session() as s:
        attendance.record_event(s, card.row.booking_id, EventKind.resident_arrived, clock.now())
    screen.refresh()
    assert "resident-before-visitor" in [a.key for a in card_of(screen, "F-0001").row.state.alerts]
    screen.dismiss(card.row.booking_id, "resident-before-visitor")
    assert "resident-before-visitor" not in [
        a.key for a in card_of(screen, "F-0001").row.state.alerts
    ]


def test_the_sign_in_sheet_and_a_blank_one_are_saved_where_the_volunteer_chooses(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    offered: list[str] = []

    def save_file(_parent: object, _title: str, suggested: str, _filter: str) -> Path:
        offered.append(Path(suggested).name)
        return tmp_path / Path(suggested).name

    monkeypatch.setattr(prompts, "save_file", save_file)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)  # not opened
    screen.save_sheet(blank=False)
    screen.save_sheet(blank=True)

    assert offered == ["sign-in sheet 2027-03-13.pdf", "sign-in sheet blank.pdf"]
    day_text = pdf_text(tmp_path / "sign-in sheet 2027-03-13.pdf")
    assert "Sat 13 Mar 2027" in day_text and "Mark Jones Non-resident parent 09:45" in day_text
    assert "Mark Jones" not in pdf_text(tmp_path / "sign-in sheet blank.pdf")
    assert screen.sheet_status.text() == "Saved to sign-in sheet blank.pdf"


def test_a_saved_sheet_is_in_the_audit_trail_with_the_files_sha256(
    qtbot: QtBot, ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    monkeypatch.setattr(prompts, "save_file", lambda _p, _t, name, _f: tmp_path / Path(name).name)
    monkeypatch.setattr(prompts, "confirm", lambda *_a, **_k: False)
    screen.save_sheet(blank=False)
    screen.save_sheet(blank=True)

    written = hashlib.sha256((tmp_path / "sign-in sheet 2027-03-13.pdf").read_bytes()).hexdigest()
    with ctx.store.session() as s:
        sheets = [e for e in audit.entries(s) if e.action == "document.signin_sheet"]
    assert [(e.entity, e.detail) for e in sheets] == [("session", f"sha256 {written}")]


def test_a_session_with_nobody_booked_says_so_instead_of_printing(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: errors.append(message))
    qtbot.mouseClick(screen.print_sheet, Qt.MouseButton.LeftButton)
    assert errors == ["No families are booked for this session."]


def test_the_board_keeps_time_only_while_it_is_on_screen(qtbot: QtBot, ctx: Context) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert not screen.timer.isActive()  # built but never shown: nothing ticks

    screen.show()
    qtbot.waitExposed(screen)
    assert screen.timer.isActive()

    screen.hide()  # another tab, or the lock screen
    assert not screen.timer.isActive()


def family_with_grandmother(ctx: Context, *, also: list[PersonForm] | None = None) -> int:
    """F-0001, ready and booked, with Nora (the children's grandmother, Mark's mother)
    named to attend with him."""
    nora = PersonForm(
        Role.relative,
        "Nora",
        "Jones",
        relationship="grandmother",
        phone="0113 496 0003",
        comes_with=ComesWith.non_resident_parent,
    )
    people = [*family_form().people, nora, *(also or [])]
    family_id = ready_family(ctx.store, "F-0001", people=people)
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
    return family_id


def test_a_grandmothers_arrival_and_departure_are_recorded_from_her_line_on_the_card(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    family_with_grandmother(ctx)
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    clock.set(datetime(2027, 3, 13, 10, 2))
    screen.refresh()
    assert screen.volunteer.isReadOnly() and screen.volunteer.text() == COORDINATOR  # recording as
    card = card_of(screen, "F-0001")
    (nora,) = card.relative_lines.values()
    assert nora.who.text() == "Nora Jones (grandmother)"
    assert nora.progress.text() == "not arrived yet"
    assert nora.action.text() == "✔ Arrived"

    qtbot.mouseClick(nora.action, Qt.MouseButton.LeftButton)
    assert nora.progress.text() == "✔ arrived 10:02"
    assert nora.action.text() == "✔ Left"
    # Her coming does not move the family's own next step.
    assert card.next_label.text().startswith("Next: Visiting parent arrived")

    clock.set(datetime(2027, 3, 13, 11, 30))
    screen.refresh()
    nora.when.setFocus()  # she left a few minutes ago: the volunteer sets the time back
    nora.when.setTime(nora.when.time().addSecs(-5 * 60))
    qtbot.mouseClick(nora.action, Qt.MouseButton.LeftButton)
    assert nora.progress.text() == "✔ arrived 10:02   ✔ left 11:25"
    assert nora.action.isHidden() and nora.when.isHidden()  # nothing more to record for her

    with ctx.store.session() as s:
        events = attendance.history(s, card.row.booking_id)
    assert [(e.kind, e.person_id, e.recorded_by, e.source) for e in events] == [
        (EventKind.relative_arrived, nora.person_id, COORDINATOR, EventSource.live),
        (EventKind.relative_left, nora.person_id, COORDINATOR, EventSource.live),
    ]

    clock.set(datetime(2027, 3, 13, 12, 30))  # after the session, with the sheet in hand
    history = screen.show_history(card.row.booking_id)
    qtbot.addWidget(history)
    table = history.table
    shown = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert shown == [
        ["10:02", "Relative arrived · Nora Jones", "live"],
        ["11:25", "Relative left · Nora Jones", "live"],
    ]
    # A correction made there shows on her line.
    table.setCurrentCell(1, 0)
    history.new_time.setTime(QTime(11, 40))
    qtbot.keyClicks(history.why, "She left at twenty to, says the sheet")
    qtbot.mouseClick(history.findChild(QPushButton, "changeTime"), Qt.MouseButton.LeftButton)
    assert nora.progress.text() == "✔ arrived 10:02   ✔ left 11:40"
    history.close()


def test_the_door_check_finds_the_grandmother_and_records_her_arrival_in_one_click(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    ted = PersonForm(Role.relative, "Ted", "Jones", relationship="uncle", phone="0113 496 0004")
    family_id = family_with_grandmother(ctx, also=[ted])
    with ctx.store.session() as s:
        uncle = s.exec(
            select(Person).where(Person.family_id == family_id, Person.first_name == "Ted")
        ).one()
        readiness.set_attends(s, uncle.id or 0, False)  # named, but not for contact
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    clock.set(datetime(2027, 3, 13, 10, 7))
    screen.refresh()
    assert screen.volunteer.isReadOnly() and screen.volunteer.text() == COORDINATOR  # recording as
    card = card_of(screen, "F-0001")
    assert [line.who.text() for line in card.relative_lines.values()] == [
        "Nora Jones (grandmother)"
    ]

    qtbot.keyClicks(screen.door, "nora")
    assert (
        screen.door_result.text()
        == "Nora Jones (grandmother) — Named relative, F-0001 (comes with Mark, 09:45–12:15): "
        "not arrived yet"
    )
    (arrived,) = screen.door_buttons
    assert arrived.text() == "✔ Nora Jones arrived"
    qtbot.mouseClick(arrived, Qt.MouseButton.LeftButton)

    (nora,) = card_of(screen, "F-0001").relative_lines.values()
    assert nora.progress.text() == "✔ arrived 10:07"
    assert (
        screen.door_result.text()
        == "Nora Jones (grandmother) — Named relative, F-0001 (comes with Mark, 09:45–12:15): "
        "✔ arrived 10:07"
    )
    assert screen.door_buttons == []  # she is in: nothing more to offer
    with ctx.store.session() as s:
        (event,) = attendance.history(s, card.row.booking_id)
    assert (event.kind, event.person_id, event.recorded_by) == (
        EventKind.relative_arrived,
        nora.person_id,
        COORDINATOR,
    )

    screen.door.clear()
    qtbot.keyClicks(screen.door, "ted")
    assert "not down to come to contact" in screen.door_result.text()
    assert screen.door_buttons == []
    screen.door.clear()
    qtbot.keyClicks(screen.door, "Kevin Stranger")
    assert "Not named for any family" in screen.door_result.text()
    assert screen.door_result.property("alarm") is True
    assert screen.door_buttons == []


def test_saving_a_sheet_over_the_centres_database_is_refused_and_changes_nothing(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    before = hashlib.sha256(ctx.store.path.read_bytes()).hexdigest()
    errors: list[str] = []
    monkeypatch.setattr(prompts, "save_file", lambda *_a: ctx.store.path)
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: errors.append(message))
    screen.save_sheet(blank=True)
    assert errors == [f"{ctx.store.path} is the centre's own database: choose another file."]
    assert hashlib.sha256(ctx.store.path.read_bytes()).hexdigest() == before


def test_the_board_shows_the_team_on_duty_and_who_leads_without_phone_numbers(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    from contactcentre.domain.team import rota
    from tests.domain.team.people import add_person

    kim = add_person(ctx.store, "Kim Lee", phone="07700 900123")
    sam = add_person(ctx.store, "Sam Jones", phone="07700 900456")
    with ctx.store.session() as s:
        rota.put_on_duty(s, DAY, sam)
    screen = one_family_board(qtbot, ctx, clock, datetime(2027, 3, 13, 9, 30))
    assert screen.on_duty.text() == "On duty: Sam Jones (nobody leads yet)"
    with ctx.store.session() as s:
        rota.put_on_duty(s, DAY, kim, leads=True)
    screen.refresh()
    assert screen.on_duty.text() == "On duty: Kim Lee (leads), Sam Jones"
    assert "900" not in screen.on_duty.text()

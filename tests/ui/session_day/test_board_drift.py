"""When the morning drifts, the board says what to do now, refuses what cannot have
happened, and shows what a volunteer needs at the door."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFrame, QLabel, QLineEdit, QTimeEdit
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import attendance
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.clock import FixedClock
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.store.models import EventKind, Role
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.session_day.board_card import FamilyCard
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from tests.factories import family_form, ready_family

DAY = date(2027, 3, 13)
NEXT = date(2027, 3, 27)
NOWAKS = [
    PersonForm(Role.resident_parent, "Anna", "Nowak", phone="07911 123456"),
    PersonForm(Role.non_resident_parent, "Łukasz", "Nowak", phone="07911 123789"),
    PersonForm(Role.child, "Zofia", "Nowak", date_of_birth=date(2019, 5, 1), needs="nut allergy"),
]


def book(ctx: Context, ref: str = "F-0001", *days: date) -> None:
    family_id = ready_family(ctx.store, ref, people=family_form(people=NOWAKS).people)
    with ctx.store.session() as s:
        for day in days or (DAY,):
            bookings.book(s, family_id, day, today=date(2027, 3, 1))


def board(qtbot: QtBot, ctx: Context, clock: FixedClock, hh: int, mm: int) -> SessionDayScreen:
    screen = SessionDayScreen(ctx)
    qtbot.addWidget(screen)
    clock.set(datetime(2027, 3, 13, hh, mm))
    screen.refresh()
    qtbot.keyClicks(screen.volunteer, "Ann")
    return screen


def card(screen: SessionDayScreen) -> FamilyCard:
    (only,) = screen.cards.values()
    return only


def shown_alerts(family: FamilyCard) -> list[str]:
    return [
        label.text()
        for box in family.findChildren(QFrame, "alert")
        for label in box.findChildren(QLabel)
    ]


def record_next(qtbot: QtBot, screen: SessionDayScreen) -> None:
    qtbot.mouseClick(card(screen).action, Qt.MouseButton.LeftButton)


def did_not_come(qtbot: QtBot, screen: SessionDayScreen) -> None:
    qtbot.mouseClick(card(screen).findChild(QAbstractButton, "noShow"), Qt.MouseButton.LeftButton)


def logged(ctx: Context, screen: SessionDayScreen) -> list:  # type: ignore[type-arg]
    """Everything in the family's attendance log, withdrawn lines included."""
    with ctx.store.session() as s:
        return attendance.history(s, card(screen).row.booking_id)


def test_a_late_collection_keeps_lukasz_in_the_contact_room_until_the_stagger_is_kept(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    book(ctx)
    screen = board(qtbot, ctx, clock, 9, 45)

    def at(hh: int, mm: int) -> None:
        clock.set(datetime(2027, 3, 13, hh, mm))
        screen.refresh()

    record_next(qtbot, screen)  # Łukasz arrives
    at(10, 0)
    record_next(qtbot, screen)  # Anna hands Zofia over
    at(12, 8)  # Anna is late for the collection
    assert shown_alerts(card(screen)) == [
        "⚠ The collection is late: keep Łukasz in the contact room until 15 min after "
        "Zofia is collected (12:23 at the earliest)."
    ]
    assert not card(screen).findChildren(QAbstractButton, "dismissAlert")  # an instruction
    record_next(qtbot, screen)  # Zofia collected at 12:08
    assert shown_alerts(card(screen)) == [
        "⚠ Keep Łukasz in the contact room until 12:23 (Zofia collected at 12:08)."
    ]
    assert card(screen).next_label.text() == "Next: Visiting parent left (12:23, in 15 min)"
    assert card(screen).expected_labels[EventKind.nonresident_left].text() == "→ now 12:23"
    at(12, 25)  # ten minutes after the old 12:15, he is not "late": he is kept
    assert shown_alerts(card(screen)) == [
        "⚠ Keep Łukasz in the contact room until 12:23 (Zofia collected at 12:08)."
    ]
    record_next(qtbot, screen)
    assert shown_alerts(card(screen)) == []
    assert card(screen).next_label.text() == "All done for today"


def test_the_door_check_keeps_anna_waiting_while_lukasz_is_not_in_the_contact_room(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    book(ctx)
    screen = board(qtbot, ctx, clock, 9, 38)
    qtbot.keyClicks(screen.door, "anna")
    assert screen.door_result.text() == (
        "Anna Nowak — Resident parent/carer, F-0001\n"
        "⚠ Wait: Łukasz is not in the contact room yet — keep Anna in the waiting room"
    )
    assert screen.door_result.property("alarm") is True
    (waiting,) = screen.door_buttons  # the volunteer records that she is waiting
    qtbot.mouseClick(waiting, Qt.MouseButton.LeftButton)
    alert = (
        "⚠ Anna arrived before Łukasz was in the contact room: keep Anna in the waiting room "
        "until Łukasz is in the contact room."
    )
    assert shown_alerts(card(screen)) == [alert]
    assert screen.door_buttons == []  # recorded once
    clock.set(datetime(2027, 3, 13, 9, 44))
    screen.refresh()
    record_next(qtbot, screen)  # Łukasz is in
    assert screen.door_result.text() == "Anna Nowak — Resident parent/carer, F-0001"
    assert screen.door_result.property("alarm") is False
    # The alert stays (they may have met on the way in) until someone deals with it.
    assert shown_alerts(card(screen)) == [
        "⚠ Anna arrived before Łukasz was in the contact room: check they did not meet."
    ]
    assert [e.kind for e in logged(ctx, screen)] == [
        EventKind.resident_arrived,
        EventKind.nonresident_arrived,
    ]


def test_the_card_shows_who_comes_the_number_to_ring_and_zofias_allergy(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    book(ctx)
    screen = board(qtbot, ctx, clock, 12, 10)
    family = card(screen)
    assert family.people.text() == (
        "Anna Nowak (resident parent/carer) ☎ 07911 123456   ·   Łukasz Nowak (non-resident parent)"
    )
    assert family.needs.text() == "⚑ Zofia: nut allergy"
    assert (
        "⚠ Łukasz has not arrived: 145 min after the planned 09:45. Ring Łukasz on 07911 123789."
        in shown_alerts(family)
    )
    with ctx.store.session() as s:
        for kind, hh in ((EventKind.nonresident_arrived, 9), (EventKind.child_dropped_off, 10)):
            moment = datetime(2027, 3, 13, hh, 0, tzinfo=clock.tz)
            attendance.record_event(s, family.row.booking_id, kind, moment)
    screen.refresh()
    assert (
        "⚠ Zofia has not been collected: 10 min after the planned 12:00. "
        "Ring Anna on 07911 123456." in shown_alerts(card(screen))
    )


def test_events_for_another_day_or_a_time_to_come_are_refused_on_the_card(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    book(ctx, "F-0001", DAY, NEXT)
    screen = board(qtbot, ctx, clock, 9, 45)
    screen.day_edit.set_value(NEXT)  # the volunteer looks ahead to the next session
    record_next(qtbot, screen)
    assert card(screen).error.text() == (
        "⚠ Not recorded: Sat 27 Mar 2027 has not come yet: the board records today's session only."
    )
    assert card(screen).error.isVisibleTo(card(screen))

    screen.day_edit.set_value(DAY)
    family = card(screen)
    family.when.setFocus()
    family.when.setTime(family.when.time().addSecs(10 * 60))  # 09:55, a slip of the wheel
    record_next(qtbot, screen)
    assert family.error.text() == (
        "⚠ Not recorded: 09:55 has not come yet (it is 09:45 now): check the time."
    )
    with ctx.store.session() as s:
        assert attendance.history(s, family.row.booking_id) == []
    family.when.setTime(QTime(9, 45))
    record_next(qtbot, screen)
    assert family.error.text() == "" and not family.error.isVisibleTo(family)
    assert family.done_labels[EventKind.nonresident_arrived].text() == "✔ 09:45"

    history = screen.show_history(family.row.booking_id)  # nor can History move it ahead
    qtbot.addWidget(history)
    history.table.setCurrentCell(0, 0)
    history.new_time.setTime(QTime(9, 50))
    qtbot.keyClicks(history.why, "typed the wrong minute")
    qtbot.mouseClick(history.findChild(QAbstractButton, "changeTime"), Qt.MouseButton.LeftButton)
    assert history.error.text() == "09:50 has not come yet (it is 09:45 now): check the time."
    assert len(logged(ctx, screen)) == 1
    history.close()


def test_did_not_come_after_lukasz_arrived_withdraws_the_arrival_only_when_confirmed(
    qtbot: QtBot, ctx: Context, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    book(ctx)
    screen = board(qtbot, ctx, clock, 9, 45)
    record_next(qtbot, screen)
    clock.set(datetime(2027, 3, 13, 10, 20))
    screen.refresh()
    asked: list[str] = []
    say_yes = False
    answers = iter(["", "Zofia unwell", "Ticked the wrong family: it was F-0002's father"])
    monkeypatch.setattr(prompts, "ask_text", lambda _p, _t, label, *_a: next(answers))
    monkeypatch.setattr(
        prompts, "confirm", lambda _p, _t, question, **_k: asked.append(question) or say_yes
    )
    did_not_come(qtbot, screen)  # the volunteer says no: nothing changes
    assert [e.kind for e in logged(ctx, screen)] == [EventKind.nonresident_arrived]
    assert card(screen).next_label.text().startswith("Next: Child dropped off")

    say_yes = True
    did_not_come(qtbot, screen)
    assert asked == 2 * [
        "Already recorded today: visiting parent arrived at 09:45. 'Did not come' would "
        "withdraw it. Withdraw what was recorded and record that they did not come?"
    ]
    assert card(screen).next_label.text() == "Did not come today"
    assert [(e.kind, e.reason) for e in logged(ctx, screen)] == [
        (EventKind.nonresident_arrived, ""),
        (EventKind.voided, "Ticked the wrong family: it was F-0002's father"),
        (EventKind.no_show, "Zofia unwell"),
    ]


def test_every_control_on_the_board_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, ctx: Context, clock: FixedClock
) -> None:
    nora = PersonForm(
        Role.relative, "Nora", "Nowak", relationship="grandmother", phone="0113 496 0003"
    )
    family_id = ready_family(ctx.store, "F-0001", people=[*NOWAKS, nora])
    with ctx.store.session() as s:
        bookings.book(s, family_id, DAY, today=date(2027, 3, 1))
        attendance.record_event(
            s,
            bookings.find_booking(s, family_id, DAY).id or 0,
            EventKind.resident_arrived,
            datetime(2027, 3, 13, 9, 40, tzinfo=clock.tz),
        )
    screen = board(qtbot, ctx, clock, 10, 5)
    qtbot.keyClicks(screen.door, "nora")
    controls = (QAbstractButton, QComboBox, QTimeEdit, QLineEdit)
    every = [
        w
        for kind in controls
        for w in screen.findChildren(kind)
        if w.objectName() != "qt_spinbox_lineedit"  # the text inside a time field
    ]
    assert every and all(w.accessibleName() for w in every), [
        w.objectName() for w in every if not w.accessibleName()
    ]
    family = card(screen)
    assert family.findChildren(QAbstractButton, "dismissAlert")  # one alert is showing
    on_card = [w for w in every if family.isAncestorOf(w)]
    named = {w.objectName(): w.accessibleName() for w in on_card}
    assert all("F-0001" in name for name in named.values()), named
    assert named["recordNext"] == "Record visiting parent arrived for F-0001"
    assert named["recordRelative"] == "Record Nora Nowak arrived for F-0001"
    (door_button,) = screen.door_buttons
    assert door_button.accessibleName() == "Record Nora Nowak arrived now for F-0001"

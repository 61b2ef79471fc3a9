"""The Centre screen: the coordinator changes the letterhead, the opening pattern and the
capacity; the calendar follows, and a bad pattern is explained in place and saves nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QLineEdit, QSpinBox, QTimeEdit
from pytestqt.qtbot import QtBot

from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.centre import get_centre
from contactcentre.ui.admin.centre_screen import CentreScreen
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.context import Context
from tests.factories import ready_family


def open_screen(qtbot: QtBot, ctx: Context) -> CentreScreen:
    screen = CentreScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def line(screen: CentreScreen, key: str) -> QLineEdit:
    widget = screen.widgets[key]
    assert isinstance(widget, QLineEdit)
    return widget


def spin(screen: CentreScreen, key: str) -> QSpinBox:
    widget = screen.widgets[key]
    assert isinstance(widget, QSpinBox)
    return widget


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def save(qtbot: QtBot, screen: CentreScreen) -> None:
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)


def test_the_screen_shows_the_centre_and_previews_its_pattern(qtbot: QtBot, ctx: Context) -> None:
    screen = open_screen(qtbot, ctx)
    assert line(screen, "name").text() == "Test Contact Centre"
    assert line(screen, "phone").text() == "0113 496 0000"
    assert spin(screen, "capacity").value() == 4
    assert screen.rule_preview.text() == (
        "2nd and 4th Saturday of each month. Next: Sat 13 Mar 2027, Sat 27 Mar 2027, "
        "Sat 10 Apr 2027, Sat 24 Apr 2027."
    )


def test_a_new_capacity_and_pattern_are_saved_and_the_calendar_follows(
    qtbot: QtBot, ctx: Context
) -> None:
    family_id = ready_family(ctx.store, "F-0001")
    with ctx.store.session() as s:
        bookings.book(s, family_id, date(2027, 3, 27), today=ctx.clock.today())
    screen = open_screen(qtbot, ctx)
    retype(qtbot, line(screen, "opening_rule"), "FREQ=MONTHLY;BYDAY=+1SA")
    assert screen.rule_preview.text().startswith(
        "1st Saturday of each month. Next: Sat 03 Apr 2027"
    )
    spin(screen, "capacity").setValue(6)
    retype(qtbot, line(screen, "coordinator_name"), "Ruth Okafor")
    save(qtbot, screen)

    assert screen.summary.isHidden()
    assert screen.outcome.text() == (
        "Settings saved. Sat 27 Mar 2027 is not in the new pattern but keeps its 1 booking."
    )
    with ctx.store.session() as s:
        centre = get_centre(s)
        assert (centre.opening_rule, centre.capacity) == ("FREQ=MONTHLY;BYDAY=+1SA", 6)
        assert centre.coordinator_name == "Ruth Okafor"
    calendar = CalendarScreen(ctx)
    qtbot.addWidget(calendar)
    calendar.refresh()
    calendar.month.setCurrentPage(2027, 4)
    april = {day: (i.capacity, i.status) for day, i in calendar.month.sessions.items()}
    assert april[date(2027, 4, 3)] == (6, "open")
    assert date(2027, 4, 10) not in april
    assert april[date(2027, 3, 27)] == (6, "open")  # the booked session stays


def test_an_every_other_saturday_pattern_is_shown_in_words_not_as_a_rule(
    qtbot: QtBot, ctx: Context
) -> None:
    screen = open_screen(qtbot, ctx)
    retype(qtbot, line(screen, "opening_rule"), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA")
    assert screen.rule_preview.text().startswith("Every other Saturday. Next: Sat ")
    assert "FREQ" not in screen.rule_preview.text()


def test_an_invalid_pattern_is_explained_in_place_and_nothing_is_saved(
    qtbot: QtBot, ctx: Context
) -> None:
    screen = open_screen(qtbot, ctx)
    retype(qtbot, line(screen, "opening_rule"), "every other saturday")
    assert screen.rule_preview.text().startswith(
        "⚠ This pattern is not a rule the calendar understands"
    )
    spin(screen, "capacity").setValue(8)
    end = screen.widgets["opening_end"]
    assert isinstance(end, QTimeEdit)
    end.setTime(QTime(9, 0))
    retype(qtbot, line(screen, "email"), "not an address")
    save(qtbot, screen)

    assert screen.errors["opening_rule"].isHidden()  # the preview says it instead
    assert screen.rule_preview.text().startswith(
        "⚠ This pattern is not a rule the calendar understands (try FREQ=MONTHLY"
    )
    assert screen.errors["opening_end"].text() == "Closing time must be after the opening time."
    assert screen.errors["email"].text() == "Email 'not an address' is not an email address"
    assert screen.summary.text() == "3 things to fix; nothing was saved."
    with ctx.store.session() as s:
        centre = get_centre(s)
        assert (centre.opening_rule, centre.capacity, centre.email) == (
            "FREQ=MONTHLY;BYDAY=+2SA,+4SA",
            4,
            "",
        )


def test_the_dbs_recheck_period_is_a_centre_setting_three_years_unless_changed(
    qtbot: QtBot, ctx: Context
) -> None:
    screen = open_screen(qtbot, ctx)
    assert spin(screen, "dbs_recheck_years").value() == 3
    spin(screen, "dbs_recheck_years").setValue(2)
    save(qtbot, screen)
    with ctx.store.session() as s:
        assert get_centre(s).dbs_recheck_years == 2

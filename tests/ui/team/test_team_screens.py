"""The Team and Rota tabs as a coordinator uses them on a Saturday: add a volunteer with
a DBS date, put them on the next session (leading it), give a reason for someone whose
DBS check is overdue, and follow a Today reminder to the person's record."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contactcentre.domain.team import rota
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from contactcentre.store.types import utcnow
from contactcentre.ui import prompts
from contactcentre.ui.context import Context
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.team.register_screen import VolunteerRegisterScreen
from contactcentre.ui.team.rota_screen import RotaScreen
from contactcentre.ui.today.today_screen import TodayScreen
from tests.conftest import COORDINATOR
from tests.domain.team.people import add_person
from tests.ui.conftest import shown_screen

DAY = date(2027, 3, 13)  # today's session (tests.conftest's clock)


def texts(tree) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


def test_a_volunteer_added_with_a_dbs_date_goes_on_the_next_session_as_its_lead(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    team = shown_screen(window, VolunteerRegisterScreen)
    qtbot.mouseClick(team.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(team.fields.widgets["name"], "Sam Jones")
    qtbot.keyClicks(team.fields.widgets["phone"], "07700 900456")
    qtbot.keyClicks(team.fields.widgets["dbs_issued_on"].edit, "01/06/2025")
    qtbot.keyClicks(team.fields.widgets["induction_on"].edit, "09/01/2027")
    qtbot.mouseClick(team.save_button, Qt.MouseButton.LeftButton)
    assert team.saved_label.text() == "Saved Sam Jones."
    assert texts(team.people) == [
        ["Sam Jones", "Volunteer", "Recheck due 01/06/2028"],
        [COORDINATOR, "Coordinator", "None on record"],  # the store's own login
    ]
    assert team.due.text() == (
        "DBS recheck 01/06/2028  ·  mid-trial review due 09/04/2027  ·  "
        "end-of-trial review due 09/07/2027"
    )

    board = shown_screen(window, RotaScreen)
    assert board.heading.text() == "<b>Sat 13 Mar 2027</b>"
    assert board.person.currentText() == "Sam Jones (volunteer)"
    board.leads.setChecked(True)
    qtbot.mouseClick(board.put_on, Qt.MouseButton.LeftButton)
    assert texts(board.on_duty) == [["Sam Jones", "Volunteer", "Leads", ""]]
    assert board.sessions.topLevelItem(0).text(1) == "1 on duty, Sam Jones leads"
    with store.session() as s:
        assert rota.team_on_duty(s, DAY).lead == "Sam Jones"


def test_an_overdue_dbs_check_is_put_on_only_with_the_reason_given(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(store, "Ola Late", dbs_issued_on=date(2024, 3, 1))
    asked: list[str] = []
    answers = iter([None, "Renewal applied for on 1 March"])

    def ask_text(_parent: object, _title: str, label: str, _text: str = "") -> str | None:
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(prompts, "ask_text", ask_text)
    screen = shown_screen(window, RotaScreen)
    qtbot.mouseClick(screen.put_on, Qt.MouseButton.LeftButton)  # Cancel: not put on
    assert texts(screen.on_duty) == []
    qtbot.mouseClick(screen.put_on, Qt.MouseButton.LeftButton)
    assert asked[0].startswith(
        "Ola Late's DBS check was due for renewal on Mon 01 Mar 2027: record why"
    )
    assert texts(screen.on_duty) == [
        ["Ola Late", "Volunteer", "", "Renewal applied for on 1 March"]
    ]


def test_a_today_reminder_opens_the_persons_record(window: MainWindow, store: Store) -> None:
    member = add_person(store, "Nia New", dbs_issued_on=None)
    today = shown_screen(window, TodayScreen)
    today.refresh()
    line = next(i for i in today.items() if i.text(0).strip() == "Nia New")
    assert line.text(1) == "No DBS check on record"
    today.list.chosen.emit(line)
    team = window.tabs.current_screen()
    assert isinstance(team, VolunteerRegisterScreen)
    assert team.member_id == member
    assert team.fields.get("name") == "Nia New"


def test_a_volunteer_is_told_who_keeps_the_register_and_sees_no_team_reminders(
    qtbot: QtBot, ctx: Context
) -> None:
    add_person(ctx.store, "Nia New", dbs_issued_on=None)
    ctx.store.act_as("Sam Jones", utcnow, TeamRole.volunteer)
    screen = VolunteerRegisterScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.refused.text() == "Only a coordinator can keep the volunteer register."
    assert screen.people.topLevelItemCount() == 0
    today = TodayScreen(ctx)
    qtbot.addWidget(today)
    today.refresh()
    assert "Nia New" not in today.shown_text()
    assert "The team" not in today.shown_text()


def test_a_supervisor_writes_the_briefing_and_a_volunteer_does_not_see_it(
    qtbot: QtBot, ctx: Context
) -> None:
    ctx.store.act_as("Kim Lee", utcnow, TeamRole.supervisor)
    screen = RotaScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.show()
    qtbot.keyClicks(screen.briefing, "Side door stays locked")
    qtbot.mouseClick(screen.save_notes, Qt.MouseButton.LeftButton)
    assert screen.notes_state.text() == "Last saved by Kim Lee"
    ctx.store.act_as("Sam Jones", utcnow, TeamRole.volunteer)
    screen.refresh()
    assert not screen.notes.isVisible()

"""A button someone's role may not use is refused in place, and the refusal is in the audit
trail once, as a refused tab load or command is: who, which action, their role, and
nothing about the family on the screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from contactcentre.domain import audit, permissions
from contactcentre.store.models import AuditEntry, TeamRole
from contactcentre.ui import prompts
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.context import Context
from contactcentre.ui.register.family_editor import FamilyEditor
from tests.factories import add_family
from tests.indirect_family import SARAH_ADDRESS, indirect_family

DAY = date(2027, 3, 27)  # a Saturday session; the clock says 13 Mar 2027


def trail_since(ctx: Context, last: int) -> list[AuditEntry]:
    with ctx.store.session() as s:
        query = select(AuditEntry).where(col(AuditEntry.id) > last).order_by(col(AuditEntry.id))
        return list(s.exec(query))


def last_entry(ctx: Context) -> int:
    with ctx.store.session() as s:
        last = s.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc())).first()
        return (last.id or 0) if last else 0


def values(entry: AuditEntry) -> str:
    return " ".join(str(v) for v in entry.model_dump().values())


def test_a_supervisor_pressing_show_address_leaves_one_refusal_naming_only_the_action(
    qtbot: QtBot, ctx: Context
) -> None:
    family = indirect_family(ctx.store)
    editor = FamilyEditor(ctx, family.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(2)
    editor.people_tab.people_list.setCurrentRow(0)  # Sarah: her address is confidential
    cover = editor.people_tab.address_cover
    ctx.store.act_as("Kim Lee", ctx.clock.now, TeamRole.supervisor)
    before = last_entry(ctx)

    qtbot.mouseClick(cover.button, Qt.MouseButton.LeftButton)

    assert cover.note.text() == "Only a coordinator can show a confidential address."
    assert not editor.people_tab.person.widgets["address"].isVisible()
    [entry] = trail_since(ctx, before)
    assert (entry.actor, entry.action, entry.detail) == (
        "Kim Lee",
        "refused",
        "reveal_address (supervisor)",
    )
    assert (entry.entity, entry.entity_id, entry.family_id, entry.fields) == ("", None, None, "")
    for personal in ("Sarah", "Jones", SARAH_ADDRESS.splitlines()[0], editor.form.ref):
        assert personal not in values(entry)


def test_a_volunteer_pressing_close_this_day_leaves_one_refusal(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_family(ctx.store, "F-0001")
    screen = CalendarScreen(ctx)  # a coordinator's calendar, left to a volunteer
    qtbot.addWidget(screen)
    screen.refresh()
    screen.month.setSelectedDate(QDate(DAY.year, DAY.month, DAY.day))
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Hall booked for a wedding")
    ctx.store.act_as("Sam Jones", ctx.clock.now, TeamRole.volunteer)
    before = last_entry(ctx)

    qtbot.mouseClick(screen.close_day_button, Qt.MouseButton.LeftButton)

    assert screen.message.text() == "Only a coordinator can add, cancel or close sessions."
    assert screen.month.sessions[DAY].status != "closed"
    [entry] = trail_since(ctx, before)
    assert (entry.actor, entry.action, entry.detail) == (
        "Sam Jones",
        "refused",
        "manage_sessions (volunteer)",
    )
    assert "wedding" not in values(entry) and "F-0001" not in values(entry)


def test_a_refused_tab_load_is_recorded_once_though_the_window_records_it_too(
    ctx: Context,
) -> None:
    """The window wraps a tab's load in audit.refusals_recorded as well (main_window), and
    a unit of work may open inside another: still one entry."""
    ctx.store.act_as("Sam Jones", ctx.clock.now, TeamRole.volunteer)
    before = last_entry(ctx)
    window_load = audit.refusals_recorded(ctx.store)
    outer, inner = ctx.store.session(), ctx.store.session()
    with pytest.raises(permissions.Refused), window_load, outer, inner as s:
        permissions.require(s, "export_register")
    assert [e.detail for e in trail_since(ctx, before)] == ["export_register (volunteer)"]

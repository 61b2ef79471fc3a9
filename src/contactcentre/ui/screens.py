"""The workspace's screens: what each one is, declared in one registry.

The main window's workspace (ui/workspace.py) builds its tabs from SCREENS, in order;
what a screen must do is the `Screen` protocol in `context`.

`factory` names the screen's class (or a function that builds it) as "module:name", so
that nothing of a screen is imported, let alone built, until it is first shown: a
coordinator unlocking pays for Today only. A callable works too (imported eagerly).

`group` puts a screen in a tab of tabs ("Team", "Centre"): the window's top row must fit
a 1280-pixel screen without scroll arrows. A group shows the screens of it a person may
see, and is left out when there are none.

`watches` says after which changes the screen is reloaded when next shown: RECORDS (the
default) after any change to the records; EVERYTHING after any audit entry at all, even
one that changes no record (unlock, lock, a document written, a backup); or a set of
kinds of change, the first words of audit actions (`family`, `booking`, `centre`, …).

`needs` names the action (domain/permissions.py) a person must be allowed to see the
screen at all: `screens_for(role)` leaves the others out of that person's window. The
domain refuses them anyway; leaving them out only spares a volunteer screens that would
refuse.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from contactcentre.domain import permissions
from contactcentre.store.models.enums import TeamRole
from contactcentre.ui.context import Context

if TYPE_CHECKING:
    from contactcentre.ui.today.today_screen import TodayScreen

RECORDS = "every change to the records"
EVERYTHING = "every audit entry"
# Audit actions that change no record a screen shows.
NOT_RECORDS = frozenset({"unlock", "lock", "document", "export", "backup", "refused"})

Factory = Callable[[Context, QWidget], QWidget]


@dataclass(frozen=True)
class ScreenSpec:
    title: str
    factory: Factory | str  # "module:name", imported when the screen is first built
    watches: frozenset[str] | str = RECORDS
    needs: str | None = None  # the action one must be allowed to see it; None: everyone
    group: str | None = None  # the top-level tab it is a sub-tab of; None: its own
    kind: str | None = None  # "module:Class" it builds, when `factory` is a function

    def reloads_after(self, topics: set[str]) -> bool:
        """Whether changes of these kinds (first words of audit actions) may change it."""
        if self.watches == EVERYTHING:
            return bool(topics)
        if self.watches == RECORDS:
            return bool(topics - NOT_RECORDS)
        return bool(topics & set(self.watches))

    def build(self, ctx: Context, parent: QWidget) -> QWidget:
        return _resolve(self.factory)(ctx, parent)

    def import_code(self) -> None:
        """Import the screen's module (and what it imports), not building anything."""
        for made in (self.kind, self.factory):
            if isinstance(made, str):
                importlib.import_module(made.partition(":")[0])

    def builds(self, kind: type) -> bool:
        """Whether this spec makes screens of `kind`, without importing anything new."""
        made = self.kind or self.factory
        if isinstance(made, str):
            return made == f"{kind.__module__}:{kind.__qualname__}"
        return made is kind


def _resolve(factory: Factory | str) -> Factory:
    if not isinstance(factory, str):
        return factory
    module, _, name = factory.partition(":")
    found: Factory = getattr(importlib.import_module(module), name)
    return found


def today(ctx: Context, parent: QWidget) -> TodayScreen:
    """Today, whose lines take the coordinator to a family in the register, a day in the
    calendar or a person in the volunteer register: the workspace it sits in (the
    window builds every screen with its workspace as the parent) brings that screen
    forward, building and loading it first if it has not been shown."""
    from contactcentre.ui.today.today_screen import TodayScreen

    screen = TodayScreen(ctx, parent)
    show: Callable[[str], Any] = getattr(parent, "show_titled", lambda _title: None)

    def open_family(family_id: int) -> None:
        register = show("Register")
        if register is not None:
            register.open_family(family_id)

    def open_day(day: date) -> None:
        calendar = show("Calendar")
        if calendar is not None:
            calendar.month.setSelectedDate(QDate(day))

    def open_member(member_id: int) -> None:
        team = show("Volunteers")
        if team is not None:
            team.open_member(member_id)

    screen.family_chosen.connect(open_family)
    screen.day_chosen.connect(open_day)
    screen.member_chosen.connect(open_member)
    return screen


UI = "contactcentre.ui."
SCREENS: tuple[ScreenSpec, ...] = (
    # First: what the coordinator sees on unlocking. It shows the backup's age, so it
    # reloads after a backup too.
    ScreenSpec(
        "Today",
        f"{UI}screens:today",
        watches=EVERYTHING,
        kind=f"{UI}today.today_screen:TodayScreen",
    ),
    ScreenSpec("Register", f"{UI}register.register_screen:RegisterScreen", needs="see_register"),
    ScreenSpec("Calendar", f"{UI}bookings.calendar_screen:CalendarScreen"),
    ScreenSpec("Session day", f"{UI}session_day.board_screen:SessionDayScreen"),
    ScreenSpec("Paper entry", f"{UI}session_day.paper_entry:PaperEntryScreen"),
    ScreenSpec(
        "Supervised",
        f"{UI}supervised.supervised_screen:SupervisedScreen",
        needs="write_observations",
    ),
    ScreenSpec(
        "Volunteers",
        f"{UI}team.register_screen:VolunteerRegisterScreen",
        needs="manage_volunteer_register",
        group="Team",
    ),
    ScreenSpec("Rota", f"{UI}team.rota_screen:RotaScreen", needs="edit_rota", group="Team"),
    ScreenSpec(
        "Incidents & complaints",
        f"{UI}safeguarding.incidents_screen:IncidentsScreen",
        needs="read_incidents",
    ),
    ScreenSpec(
        "Statistics", f"{UI}statistics.statistics_screen:StatisticsScreen", needs="see_statistics"
    ),
    ScreenSpec(
        "Details",
        f"{UI}admin.centre_screen:CentreScreen",
        needs="centre_settings",
        group="Centre",
    ),
    ScreenSpec(
        "Agreement text",
        f"{UI}agreements.text_screen:AgreementScreen",
        needs="edit_agreement",
        group="Centre",
    ),
    ScreenSpec(
        "Disclosures",
        f"{UI}disclosure.log_screen:DisclosuresScreen",
        needs="disclosure_log",
        group="Centre",
    ),
    ScreenSpec(
        "Retention",
        f"{UI}retention.retention_screen:RetentionScreen",
        needs="see_retention",
        group="Centre",
    ),
    ScreenSpec(
        "Audit trail",
        f"{UI}admin.audit_screen:AuditScreen",
        watches=EVERYTHING,
        needs="read_audit",
        group="Centre",
    ),
)


def screens_for(role: TeamRole) -> tuple[ScreenSpec, ...]:
    """The screens someone in `role` works with, in order; the others are not built."""
    return tuple(
        spec for spec in SCREENS if spec.needs is None or permissions.role_may(role, spec.needs)
    )

"""The workspace's screens: what each one is, declared in one registry.

The main window builds its tabs from SCREENS, in order; what a screen must do is the
`Screen` protocol in `context`.

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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTabWidget, QWidget

from contactcentre.domain import permissions
from contactcentre.store.models.enums import TeamRole
from contactcentre.ui.admin.audit_screen import AuditScreen
from contactcentre.ui.admin.centre_screen import CentreScreen
from contactcentre.ui.agreements.text_screen import AgreementScreen
from contactcentre.ui.bookings.calendar_screen import CalendarScreen
from contactcentre.ui.context import Context
from contactcentre.ui.disclosure.log_screen import DisclosuresScreen
from contactcentre.ui.register.register_screen import RegisterScreen
from contactcentre.ui.retention.retention_screen import RetentionScreen
from contactcentre.ui.safeguarding.incidents_screen import IncidentsScreen
from contactcentre.ui.session_day.board_screen import SessionDayScreen
from contactcentre.ui.session_day.paper_entry import PaperEntryScreen
from contactcentre.ui.statistics.statistics_screen import StatisticsScreen
from contactcentre.ui.supervised.supervised_screen import SupervisedScreen
from contactcentre.ui.team.register_screen import VolunteerRegisterScreen
from contactcentre.ui.team.rota_screen import RotaScreen
from contactcentre.ui.today.today_screen import TodayScreen

RECORDS = "every change to the records"
EVERYTHING = "every audit entry"
# Audit actions that change no record a screen shows.
NOT_RECORDS = frozenset({"unlock", "lock", "document", "export", "backup", "refused"})


@dataclass(frozen=True)
class ScreenSpec:
    title: str
    factory: Callable[[Context, QWidget], QWidget]
    watches: frozenset[str] | str = RECORDS
    needs: str | None = None  # the action one must be allowed to see it; None: everyone

    def reloads_after(self, topics: set[str]) -> bool:
        """Whether changes of these kinds (first words of audit actions) may change it."""
        if self.watches == EVERYTHING:
            return bool(topics)
        if self.watches == RECORDS:
            return bool(topics - NOT_RECORDS)
        return bool(topics & set(self.watches))


T = TypeVar("T", bound=QWidget)


def today(ctx: Context, parent: QWidget) -> TodayScreen:
    """Today, whose lines take the coordinator to a family in the register, a day in the
    calendar or a person in the volunteer register: the tabs it sits among (the main
    window builds every screen with its tab widget as the parent), looked up when a line
    is chosen."""
    screen = TodayScreen(ctx, parent)
    tabs = parent if isinstance(parent, QTabWidget) else None

    def bring(kind: type[T]) -> T | None:
        for index in range(tabs.count() if tabs else 0):
            widget = tabs.widget(index) if tabs else None
            if isinstance(widget, kind):
                assert tabs is not None
                tabs.setCurrentWidget(widget)  # loads it first if it has not been shown
                return widget
        return None

    def open_family(family_id: int) -> None:
        register = bring(RegisterScreen)
        if register is not None:
            register.open_family(family_id)

    def open_day(day: date) -> None:
        calendar = bring(CalendarScreen)
        if calendar is not None:
            calendar.month.setSelectedDate(QDate(day))

    def open_member(member_id: int) -> None:
        team = bring(VolunteerRegisterScreen)
        if team is not None:
            team.open_member(member_id)

    screen.family_chosen.connect(open_family)
    screen.day_chosen.connect(open_day)
    screen.member_chosen.connect(open_member)
    return screen


SCREENS: tuple[ScreenSpec, ...] = (
    # First: what the coordinator sees on unlocking. It shows the backup's age, so it
    # reloads after a backup too.
    ScreenSpec("Today", today, watches=EVERYTHING),
    ScreenSpec("Register", RegisterScreen, needs="see_register"),
    ScreenSpec("Calendar", CalendarScreen),
    ScreenSpec("Session day", SessionDayScreen),
    ScreenSpec("Paper entry", PaperEntryScreen),
    ScreenSpec("Rota", RotaScreen, needs="edit_rota"),
    ScreenSpec("Agreement text", AgreementScreen, needs="edit_agreement"),
    ScreenSpec("Disclosures", DisclosuresScreen, needs="disclosure_log"),
    ScreenSpec("Supervised", SupervisedScreen, needs="write_observations"),
    ScreenSpec("Incidents & complaints", IncidentsScreen, needs="read_incidents"),
    ScreenSpec("Statistics", StatisticsScreen, needs="see_statistics"),
    ScreenSpec("Team", VolunteerRegisterScreen, needs="manage_volunteer_register"),
    ScreenSpec("Centre", CentreScreen, needs="centre_settings"),
    ScreenSpec("Retention", RetentionScreen, needs="see_retention"),
    ScreenSpec("Audit trail", AuditScreen, watches=EVERYTHING, needs="read_audit"),
)


def screens_for(role: TeamRole) -> tuple[ScreenSpec, ...]:
    """The screens someone in `role` works with, in order; the others are not built."""
    return tuple(
        spec for spec in SCREENS if spec.needs is None or permissions.role_may(role, spec.needs)
    )

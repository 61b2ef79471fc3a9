"""Every window and dialog fits a 1280×720 laptop screen (and so 1366×768): nothing wider
or taller than the screen, every button on it. The tests run on an offscreen screen of
exactly that size (tests/conftest.py).

The dialogs are found by importing every module of the GUI, so a new dialog fails here
until it has a builder below with realistic, long data."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

import contactcentre.ui
from contactcentre import paths
from contactcentre.documents.signin_sheet import render_signin_sheet
from contactcentre.domain.bookings import booking as bookings
from contactcentre.domain.errors import DomainError
from contactcentre.domain.indirect.items import ItemLine
from contactcentre.domain.register.family_forms import PersonForm
from contactcentre.domain.safeguarding import complaints
from contactcentre.domain.safeguarding.complaints import ComplaintLine
from contactcentre.domain.session_day import signin_sheet
from contactcentre.domain.supervised import records
from contactcentre.store.models import ContactType, Role
from contactcentre.ui import prompts, theme
from contactcentre.ui.admin.about import AboutDialog
from contactcentre.ui.admin.guide import GuideDialog
from contactcentre.ui.admin.settings_dialog import ChangePassphraseDialog, SettingsDialog
from contactcentre.ui.admin.team_dialog import TeamLoginsDialog
from contactcentre.ui.agreements.signing_dialogs import SignedOnPaperDialog, SignOnScreenDialog
from contactcentre.ui.bookings.dialogs import CancelBookingDialog, ExtraSessionDialog, SeriesDialog
from contactcentre.ui.charges.dialogs import AddChargeDialog, RecordPaymentDialog, StatementDialog
from contactcentre.ui.context import Context
from contactcentre.ui.crash import CrashDialog
from contactcentre.ui.disclosure.dialogs import (
    BatchDialog,
    NewLetterDialog,
    PeriodDialog,
    RefusalDialog,
)
from contactcentre.ui.fields import FormDialog, fit_to_screen
from contactcentre.ui.indirect.dialogs import DecideItemDialog, ItemDateDialog, LogItemDialog
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.printing import PdfPreview
from contactcentre.ui.register.end_family import EndFamilyDialog
from contactcentre.ui.register.family_editor import FamilyEditor
from contactcentre.ui.register.unsaved import AsksBeforeDiscarding
from contactcentre.ui.retention.access_dialog import SubjectAccessDialog
from contactcentre.ui.safeguarding.dialogs import (
    ComplaintDialog,
    DiscloseDialog,
    ExcludeDialog,
    IncidentDialog,
    ResolveComplaintDialog,
)
from contactcentre.ui.screens import screens_for
from contactcentre.ui.session_day.event_history import EventHistoryDialog
from contactcentre.ui.supervised.case_dialogs import (
    CaseDialog,
    EscortedVisitDialog,
    RecipientDialog,
)
from contactcentre.ui.supervised.record_dialog import RecordDialog
from contactcentre.ui.supervised.report_dialog import ReportDialog
from contactcentre.ui.team.dialogs import ConflictDialog, ReferenceDialog, TrainingDialog
from tests.factories import add_booking, add_family

SCREEN = QRect(0, 0, 1280, 720)
TITLE_BAR = 32  # a window manager's title bar sits above what Qt measures offscreen
DAY = date(2027, 3, 27)
LONG_PEOPLE = [
    PersonForm(
        Role.resident_parent, "Gwenllian Angharad", "ap Llywelyn-Rhys", phone="0113 496 0001"
    ),
    PersonForm(
        Role.non_resident_parent, "Bartłomiej", "Krzyżanowski-Wiśniewski", phone="07911 123456"
    ),
    PersonForm(Role.relative, "Małgorzata", "Brzęczyszczykiewicz", phone="0113 496 0003"),
    PersonForm(
        Role.child, "Llinos Siân", "ap Llywelyn-Krzyżanowska", date_of_birth=date(2019, 5, 1)
    ),
]


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> Iterator[None]:
    """The app's own fonts and stylesheet (bold headings, padded buttons), as it runs."""
    font, sheet = qapp.font(), qapp.styleSheet()
    theme.apply(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def not_ready_question(ctx: Context, family_id: int) -> str:
    """The real question the calendar asks before booking a family not ready."""
    with pytest.raises(bookings.NotReady) as refused, ctx.store.session() as s:
        bookings.book(s, family_id, date(2027, 4, 10), today=ctx.clock.today())
    return f"{refused.value}\n\nTo book anyway, say why (this is recorded):"


def reviewed_access(dialog: SubjectAccessDialog) -> SubjectAccessDialog:
    """The export dialog as the coordinator reviews it: the whole JSON on screen."""
    first = LONG_PEOPLE[0]
    dialog.person.setText(f"{first.first_name} {first.last_name}")
    dialog.review()
    return dialog


Builder = Callable[[Context, int, QWidget], QWidget]
BASES = {FormDialog, PeriodDialog, AsksBeforeDiscarding}  # only their subclasses are opened
BUILDERS: dict[type, Builder] = {
    AboutDialog: lambda ctx, _f, p: AboutDialog(ctx.store.path, p),
    GuideDialog: lambda _c, _f, p: GuideDialog(p),
    SettingsDialog: lambda ctx, _f, p: SettingsDialog(ctx, p),
    ChangePassphraseDialog: lambda ctx, _f, p: ChangePassphraseDialog(ctx, p),
    TeamLoginsDialog: lambda ctx, _f, p: TeamLoginsDialog(ctx, p),
    SignOnScreenDialog: lambda ctx, f, p: SignOnScreenDialog(ctx, person_of(ctx, f), p),
    SignedOnPaperDialog: lambda ctx, f, p: SignedOnPaperDialog(ctx, person_of(ctx, f), p),
    CancelBookingDialog: lambda ctx, f, p: CancelBookingDialog(ctx, f, "F-0001", DAY, p),
    ExtraSessionDialog: lambda ctx, _f, p: ExtraSessionDialog(ctx, DAY, p),
    SeriesDialog: lambda ctx, f, p: SeriesDialog(ctx, f, DAY, p),
    CrashDialog: lambda _c, _f, _p: CrashDialog("Traceback (most recent call last):\n" * 80),
    BatchDialog: lambda ctx, _f, p: BatchDialog(ctx, p),
    NewLetterDialog: lambda ctx, _f, p: NewLetterDialog(ctx, p),
    RefusalDialog: lambda ctx, _f, p: RefusalDialog(ctx, p),
    EndFamilyDialog: lambda ctx, f, p: EndFamilyDialog(ctx, f, p),
    SubjectAccessDialog: lambda ctx, _f, p: reviewed_access(SubjectAccessDialog(ctx, p)),
    FamilyEditor: lambda ctx, f, p: FamilyEditor(ctx, f, p),
    EventHistoryDialog: lambda ctx, f, p: EventHistoryDialog(ctx, booking_of(ctx, f), "Ffion", p),
    prompts.TextQuestion: lambda ctx, f, p: prompts.TextQuestion(
        p, "Book anyway?", not_ready_question(ctx, f)
    ),
    MainWindow: lambda ctx, _f, _p: unlocked_window(ctx),
    PdfPreview: lambda ctx, _f, p: PdfPreview(p, "Sign-in sheet", day_sheet(ctx)),
    LogItemDialog: lambda ctx, f, p: LogItemDialog(ctx, f, p),
    DecideItemDialog: lambda ctx, f, p: DecideItemDialog(ctx, item_of(ctx, f), p),
    ItemDateDialog: lambda ctx, f, p: ItemDateDialog(ctx, item_of(ctx, f), p),
    ReferenceDialog: lambda ctx, _f, p: ReferenceDialog(ctx, team_member(ctx), p),
    TrainingDialog: lambda ctx, _f, p: TrainingDialog(ctx, team_member(ctx), p),
    ConflictDialog: lambda ctx, _f, p: ConflictDialog(ctx, team_member(ctx), p),
    RecordPaymentDialog: lambda ctx, _f, p: RecordPaymentDialog(ctx, "F-0001", p),
    AddChargeDialog: lambda ctx, _f, p: AddChargeDialog(ctx, "F-0001", p),
    StatementDialog: lambda ctx, _f, p: StatementDialog(ctx, "F-0001", p),
    RecordDialog: lambda ctx, _f, p: RecordDialog(ctx, observation_record(ctx), p),
    ReportDialog: lambda ctx, f, p: ReportDialog(ctx, f, p),
    EscortedVisitDialog: lambda ctx, f, p: EscortedVisitDialog(ctx, f, p),
    CaseDialog: lambda ctx, f, p: CaseDialog(ctx, f, p),
    RecipientDialog: lambda ctx, f, p: RecipientDialog(ctx, f, p),
    IncidentDialog: lambda ctx, f, p: IncidentDialog(
        ctx, [(f, "F-0001 — Ffion, Bartłomiej")], p, decides=True, family_id=f
    ),
    DiscloseDialog: lambda ctx, _f, p: DiscloseDialog(ctx, 1, p),
    ExcludeDialog: lambda ctx, f, p: ExcludeDialog(
        ctx, f, [(1, "Bartłomiej Krzyżanowski-Wiśniewski"), (2, "Sarah Jones")], p
    ),
    ComplaintDialog: lambda ctx, _f, p: ComplaintDialog(ctx, p),
    ResolveComplaintDialog: lambda ctx, _f, p: ResolveComplaintDialog(ctx, complaint(ctx), p),
}


def complaint(ctx: Context) -> ComplaintLine:
    """A complaint received three weeks ago, with a long outcome already typed."""
    with ctx.store.session() as s:
        line = complaints.add_complaint(
            s, received=date(2027, 3, 6), from_whom="Bartłomiej Krzyżanowski-Wiśniewski",
            about="Waited at the door " * 20, today=DAY,
        )  # fmt: skip
        return complaints.update_complaint(s, line.ref, outcome="Apologised in writing. " * 30)


def observation_record(ctx: Context) -> int:
    """A draft record of a supervised family's session, with every text field long."""
    family_id = add_family(ctx.store, "F-0002", contact_type=ContactType.supervised)
    long = "Long words about the session, " * 12
    with ctx.store.session() as s:
        booking = add_booking(s, family_id, date(2027, 5, 8))
        record = records.start_record(s, booking_id=booking)
        assert record.id is not None
        records.edit_record(s, record.id, **dict.fromkeys(records.TEXT_FIELDS, long))
        return record.id


def item_of(ctx: Context, family_id: int) -> ItemLine:
    """A held item with a long reason, logged for the family (indirect contact agreed)."""
    from contactcentre.domain.indirect import arrangement, items
    from contactcentre.domain.indirect.rules import Terms

    with ctx.store.session() as s:
        sender, recipient, *_ = arrangement.adults(s, family_id)
        terms = Terms(agreed=True, restrained_id=recipient.id)
        arrangement.save_terms(s, family_id, terms)
        item = items.log_item(
            s, family_id, from_id=recipient.id or 0, to_id=sender.id or 0, kind="letter",
            received=DAY, description="A long letter " * 14, today=DAY,
        )  # fmt: skip
        return items.item_line(s, item.id or 0)


def team_member(ctx: Context) -> int:
    """A volunteer with a long name on the team's register."""
    from tests.domain.team.people import add_person

    return add_person(ctx.store, "Bartłomiej Krzyżanowski-Wiśniewski")


def day_sheet(ctx: Context) -> bytes:
    with ctx.store.session() as s:
        return render_signin_sheet(signin_sheet.signin_sheet(s, DAY))


def person_of(ctx: Context, family_id: int) -> int:
    from sqlmodel import select

    from contactcentre.store.models import Person

    with ctx.store.session() as s:
        person = s.exec(select(Person).where(Person.family_id == family_id)).first()
        assert person is not None and person.id is not None
        return person.id


def booking_of(ctx: Context, family_id: int) -> int:
    with ctx.store.session() as s:
        return add_booking(s, family_id, date(2027, 3, 13))


def unlocked_window(ctx: Context) -> MainWindow:
    window = MainWindow(ctx.store.path, ctx.clock)  # type: ignore[arg-type]
    window.open_workspace(ctx.store)
    return window


def windows_of_the_app() -> Iterator[type]:
    for module in pkgutil.walk_packages(contactcentre.ui.__path__, "contactcentre.ui."):
        loaded = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ == loaded.__name__ and issubclass(cls, QDialog | QMainWindow):
                yield cls


def test_every_dialog_and_window_of_the_app_is_checked_here() -> None:
    missing = {c.__qualname__ for c in windows_of_the_app()} - {
        c.__qualname__ for c in (*BUILDERS, *BASES)
    }
    assert not missing, f"add a builder for {sorted(missing)}"


def test_the_tests_run_on_a_1280_by_720_screen(qapp: QApplication) -> None:
    assert QApplication.primaryScreen().availableGeometry() == SCREEN


def outside(widget: QWidget, rect: QRect, *, title_bar: int = 0) -> str | None:
    """Why `rect` of `widget` (with a title bar above it) is not all on the screen."""
    shown = QRect(widget.mapToGlobal(rect.topLeft()), rect.size()).adjusted(0, -title_bar, 0, 0)
    if not SCREEN.contains(shown):
        return f"{shown.getRect()} is not on a {SCREEN.width()}×{SCREEN.height()} screen"
    return None


@pytest.mark.parametrize("cls", sorted(BUILDERS, key=lambda c: c.__qualname__), ids=str)
def test_fits_1280_by_720_with_every_button_on_screen(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch, cls: type
) -> None:
    monkeypatch.setattr(prompts, "error", lambda *_a: None)
    family_id = add_family(ctx.store, "F-0001", people=LONG_PEOPLE)
    with ctx.store.session() as s:
        add_booking(s, family_id, DAY)
    parent = QMainWindow()
    qtbot.addWidget(parent)
    parent.setGeometry(QRect(0, TITLE_BAR, 1280, 720 - TITLE_BAR))
    parent.show()
    try:
        widget = BUILDERS[cls](ctx, family_id, parent)
    except DomainError as error:  # pragma: no cover - a builder's data is wrong
        pytest.fail(f"could not build {cls.__qualname__}: {error}")
    qtbot.addWidget(widget)
    if widget.parentWidget() is None:  # a window manager puts its title bar on the screen
        widget.move(0, TITLE_BAR)
    widget.show()
    qtbot.waitExposed(widget)
    pages = [(tabs, i) for tabs in widget.findChildren(QTabWidget) for i in range(tabs.count())]
    for tabs, index in pages or [(None, 0)]:  # every tab of a dialog with tabs
        if tabs is not None:
            tabs.setCurrentIndex(index)
            QApplication.processEvents()  # a screen built as it is first shown is laid
            QApplication.processEvents()  # out again once its labels have their text
        page = tabs.tabText(index) if tabs is not None else ""
        frame = widget.frameGeometry()
        assert frame.width() <= SCREEN.width(), f"{page}: {frame.width()} px wide"
        assert frame.height() + TITLE_BAR <= SCREEN.height(), f"{page}: {frame.height()} px"
        problem = outside(widget, widget.rect(), title_bar=TITLE_BAR)
        assert problem is None, f"{page}: {problem}"
    for label in widget.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            needed = label.heightForWidth(label.width())
            assert label.height() >= needed, f"{label.text()[:40]!r}: lines cut off"
    for box in widget.findChildren(QDialogButtonBox):
        for button in box.findChildren(QAbstractButton):
            if button.isVisible():
                problem = outside(button, button.rect())
                assert problem is None, f"button {button.text()!r}: {problem}"
                button.setFocus()  # a focused button turns bold (the default one): still whole
                QApplication.processEvents()
                assert button.width() >= button.sizeHint().width(), f"{button.text()!r} cut"


def test_the_book_anyway_question_fits_and_its_ok_button_is_on_screen(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Booking a family not ready asks why; with four long names it was 1722 px wide."""
    from contactcentre.ui.bookings.calendar_screen import CalendarScreen

    add_family(ctx.store, "F-0001", people=LONG_PEOPLE)
    asked: list[prompts.TextQuestion] = []

    def answer(dialog: prompts.TextQuestion) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        asked.append(dialog)
        qtbot.keyClicks(dialog.answer, "Court order: contact to start now")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(prompts.TextQuestion, "exec", answer)
    screen = CalendarScreen(ctx)
    qtbot.addWidget(screen)
    fit_to_screen(screen, 1280, 720)
    screen.show()
    screen.refresh()
    screen.month.setSelectedDate(QDate(DAY.year, DAY.month, DAY.day))
    screen.family.setCurrentIndex(0)
    qtbot.mouseClick(screen.book_button, Qt.MouseButton.LeftButton)

    [dialog] = asked
    assert "Krzyżanowski-Wiśniewski" in dialog.question.text()
    assert outside(dialog, dialog.rect(), title_bar=TITLE_BAR) is None
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert outside(ok, ok.rect()) is None
    assert "Booked before ready" in screen.table.item(0, 6).text()


def test_every_screen_fits_and_no_column_heading_is_cut(qtbot: QtBot, ctx: Context) -> None:
    add_family(ctx.store, "F-0001", people=LONG_PEOPLE)
    window = unlocked_window(ctx)
    qtbot.addWidget(window)
    window.move(0, TITLE_BAR)
    window.show()
    qtbot.waitExposed(window)
    cut: list[str] = []
    for spec in screens_for(window.role):  # every screen, a group's sub-tabs too
        screen = window.tabs.show_titled(spec.title)
        assert screen is not None
        QApplication.processEvents()
        title = spec.title
        assert outside(window, window.rect(), title_bar=TITLE_BAR) is None, title
        minimum = window.minimumSizeHint()
        assert minimum.width() <= SCREEN.width(), f"{title}: {minimum.width()} px at least"
        assert minimum.height() + TITLE_BAR <= SCREEN.height(), f"{title}: {minimum.height()} px"
        for header in screen.findChildren(QHeaderView):
            if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
                continue
            bold = QFont(header.font())
            bold.setBold(True)  # headings are bold (style.qss), with 5 px padding each side
            metrics = QFontMetrics(bold)
            for section in range(header.count()):
                text = str(header.model().headerData(section, Qt.Orientation.Horizontal) or "")
                if header.isSectionHidden(section) or not text:
                    continue
                widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
                if header.sectionSize(section) < widest + 12:
                    cut.append(f"{title}: {text!r} in {header.sectionSize(section)} px")
    assert not cut, "\n".join(cut)


def test_the_top_row_of_tabs_fits_1280_pixels_without_scroll_arrows_with_room_for_one_more(
    qtbot: QtBot, ctx: Context
) -> None:
    """A coordinator sees every top-level tab at once on a 1280-pixel laptop, Supervised
    among them, with room for one more screen of "Supervised"'s width: no arrows to scroll
    hidden tabs into view."""
    window = unlocked_window(ctx)
    qtbot.addWidget(window)
    window.resize(SCREEN.width(), SCREEN.height() - TITLE_BAR)
    window.show()
    qtbot.waitExposed(window)
    bar = window.tabs.tabBar()
    labels = [bar.tabText(i) for i in range(bar.count())]
    assert "Supervised" in labels
    one_more = bar.tabSizeHint(labels.index("Supervised")).width()
    needed = sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + one_more
    assert needed <= window.tabs.width(), f"{needed} px of tabs in {window.tabs.width()} px"


def test_no_state_of_a_widget_changes_its_font_so_focused_buttons_keep_every_letter() -> None:
    """A button is measured once; when focus makes it the default and a state rule turned
    its text bold, "Cancel" lost its last letter (seen at 1280×720 under Xvfb)."""
    sheet = re.sub(
        r"/\*.*?\*/", "", paths.resource("style.qss").read_text(encoding="utf-8"), flags=re.S
    )
    changing = [
        selectors.strip()
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet)
        if re.search(r":(default|focus|hover|pressed|checked)", selectors)
        and re.search(r"\bfont(-weight|-size|-family)?\s*:", body)
    ]
    assert not changing, changing

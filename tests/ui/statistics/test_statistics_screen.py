"""The Statistics tab: the same figures as `stats --json`, the period presets and typed
dates, the charts drawn (bars counted), and who may see and save what."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from contactcentre.domain.clock import FixedClock
from contactcentre.domain.statistics.summary import FIGURES, shown, value_of
from contactcentre.store.engine import Store
from contactcentre.store.models import TeamRole
from contactcentre.store.types import utcnow
from contactcentre.ui import printing, prompts
from contactcentre.ui.context import Context
from contactcentre.ui.main_window import MainWindow
from contactcentre.ui.statistics.statistics_screen import StatisticsScreen
from tests.cli.conftest import Run, cli  # noqa: F401  (the `cli` fixture)
from tests.domain.statistics.dataset import build
from tests.pdf_text import pdf_text
from tests.ui.conftest import shown_screen

AFTER_THE_QUARTER = FixedClock(datetime(2027, 7, 2, 10, 0))


def screen_for(qtbot: QtBot, store: Store) -> StatisticsScreen:
    screen = StatisticsScreen(Context(store, AFTER_THE_QUARTER))
    qtbot.addWidget(screen)
    screen.resize(1280, 680)
    screen.show()
    return screen


def test_the_screen_shows_the_same_figures_as_stats_json(
    qtbot: QtBot,
    store: Store,
    cli: Run,  # noqa: F811
) -> None:
    build(store)
    code, out, err = cli("stats", "--from", "2027-04-01", "--to", "2027-06-30", "--json")
    assert code == 0, err
    from_cli = json.loads(out)
    screen = screen_for(qtbot, store)
    screen.refresh()  # as the window does when the tab is shown: this quarter first
    assert "Jul–Sep 2027" in screen.heading.text()
    screen.preset.setCurrentIndex(1)  # the coordinator picks the quarter before 2 Jul 2027
    screen.preset.activated.emit(1)
    assert screen.preset.currentText() == "Quarter Apr–Jun 2027"
    assert screen.figures == from_cli
    on_screen = screen.shown_values()
    for _section, label, key in FIGURES:
        assert on_screen[label] == shown(value_of(from_cli, key), key), label
    assert on_screen["Places available"] == "40" and on_screen["Capacity use (%)"] == "30.0"
    assert on_screen["Outcome: excluded"] == "0" and on_screen["Outcome: a parent withdrew"] == "1"


def test_typed_dates_show_that_period_and_a_backwards_one_is_refused(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(store)
    screen = screen_for(qtbot, store)
    screen.show_period(date(2027, 4, 3), date(2027, 4, 3))  # S1 alone
    assert screen.preset.currentText() == "From – to"
    assert screen.shown_values()["Sessions held"] == "1"
    assert "03/04/2027 to 03/04/2027" in screen.heading.text()
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: errors.append(message))
    screen.show_period(date(2027, 6, 30), date(2027, 4, 1))
    assert errors == ["The period ends (01/04/2027) before it starts (30/06/2027)."]


def test_the_charts_draw_a_bar_per_source_with_referrals_and_one_per_outcome_recorded(
    qtbot: QtBot, store: Store
) -> None:
    build(store)
    screen = screen_for(qtbot, store)
    screen.show_period(date(2027, 4, 1), date(2027, 6, 30))
    referrals, capacity, outcomes = screen.charts
    # One quarter; four sources with a referral (social services, solicitor, mediator, self).
    assert len(referrals.bar_rects()) == 4
    assert all(rect.height() > 0 for _i, rect in referrals.bar_rects())
    # Apr, May, Jun: each had sessions held, so the line has three points.
    assert [len(points) for points in capacity.line_points()] == [3]
    # Withdrew and another centre, one family each; F-0007 closed with no outcome.
    assert len(outcomes.bar_rects()) == 2
    assert outcomes.chart is not None and "1 closed before outcomes" in outcomes.chart.note
    image = screen.grab().toImage()
    assert image.width() >= 1280  # drawn without error, and it was looked at (README)


def test_the_figures_copy_as_figure_tab_value_lines(qtbot: QtBot, store: Store) -> None:
    build(store)
    screen = screen_for(qtbot, store)
    screen.show_period(date(2027, 4, 1), date(2027, 6, 30))
    everything = screen.copy_figures().splitlines()
    assert everything[:2] == ["Referrals", "Referrals received\t4"]
    screen.table.selectRow(2)
    qtbot.mouseClick(screen.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "Referred by Cafcass\t0"


def test_a_volunteer_sees_who_may_and_no_figures(qtbot: QtBot, store: Store) -> None:
    build(store)
    store.act_as("Val Volunteer", utcnow, TeamRole.volunteer)
    screen = screen_for(qtbot, store)
    screen.show_period(date(2027, 4, 1), date(2027, 6, 30))
    assert screen.figures is None and screen.table.rowCount() == 0
    assert screen.heading.text() == (
        "Only a coordinator or a supervisor can see the centre's statistics."
    )


def test_a_supervisor_sees_the_figures_but_cannot_save_the_report(
    qtbot: QtBot, store: Store
) -> None:
    build(store)
    store.act_as("Sue Supervisor", utcnow, TeamRole.supervisor)
    screen = screen_for(qtbot, store)
    screen.show_period(date(2027, 4, 1), date(2027, 6, 30))
    assert screen.shown_values()["Families seen"] == "3"
    assert not screen.save_report.isEnabled() and not screen.save_return.isEnabled()


def test_the_coordinator_saves_the_report_and_the_return(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(store)
    screen = screen_for(qtbot, store)
    screen.show_period(date(2027, 4, 1), date(2027, 6, 30))
    report, naccc = tmp_path / "report.pdf", tmp_path / "return.csv"
    monkeypatch.setattr(printing, "ask_save_path", lambda *_a: report)
    monkeypatch.setattr(printing, "offer_open", lambda *_a: None)
    qtbot.mouseClick(screen.save_report, Qt.MouseButton.LeftButton)
    assert "Places attended 12" in pdf_text(report)
    monkeypatch.setattr(prompts, "save_file", lambda *_a: naccc)
    qtbot.mouseClick(screen.save_return, Qt.MouseButton.LeftButton)
    assert "Availability,Places attended,places_attended,12" in naccc.read_text()


def test_the_main_window_has_a_statistics_tab(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store.path, AFTER_THE_QUARTER)
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(store)
    screen = shown_screen(window, StatisticsScreen)
    assert "Statistics" in window.tabs.titles()
    assert screen.heading.text().startswith("<b>Figures for Jul–Sep 2027</b>")

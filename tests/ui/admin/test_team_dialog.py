"""A coordinator adds and removes logins from Settings → Team logins; removing asks first
and says it re-keys; a volunteer is not offered the dialog."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from contactcentre.store.keyslots import WrongNameOrPassphrase
from contactcentre.store.models import TeamRole
from contactcentre.store.types import utcnow
from contactcentre.store.unlocking import unlock
from contactcentre.ui import prompts
from contactcentre.ui.admin.settings_dialog import SettingsDialog
from contactcentre.ui.admin.team_dialog import TeamLoginsDialog
from contactcentre.ui.context import Context
from tests.conftest import COORDINATOR

OMAR = "omar's first passphrase"


def shown(dialog: TeamLoginsDialog) -> list[str]:
    return [dialog.logins.item(i).text().split(" — ")[0] for i in range(dialog.logins.count())]


def test_a_coordinator_adds_a_supervisor_then_removes_him_with_a_rekey_warning(
    qtbot: QtBot, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = SettingsDialog(ctx)
    qtbot.addWidget(settings)
    assert settings.team_logins.isVisibleTo(settings)
    dialog = settings.open_team_logins()
    assert shown(dialog) == [COORDINATOR]
    dialog.name.setText("Omar Haddad")
    dialog.role.setCurrentIndex(dialog.role.findData(TeamRole.supervisor.value))
    dialog.passphrase.setText(OMAR)
    dialog.repeat.setText("not the same")
    dialog.add.click()
    assert dialog.error.text() == "The two passphrases are not the same."
    dialog.passphrase.setText(OMAR)
    dialog.repeat.setText(OMAR)
    dialog.add.click()
    assert dialog.passphrase.text() == "" and shown(dialog) == ["Omar Haddad", COORDINATOR]
    assert "supervisor, never unlocked" in dialog.logins.item(0).text()
    unlock(ctx.store.path, "Omar Haddad", OMAR).close()

    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, q, yes="": asked.append(q) or True)
    dialog.logins.setCurrentRow(0)
    dialog.remove.click()
    assert "re-encrypted with a new key" in asked[0] and "Omar Haddad" in asked[0]
    assert shown(dialog) == [COORDINATOR]
    with pytest.raises(WrongNameOrPassphrase):
        unlock(ctx.store.path, "Omar Haddad", OMAR)


def test_a_volunteer_is_not_offered_the_team_logins(qtbot: QtBot, ctx: Context) -> None:
    ctx.store.act_as("Sam Volunteer", utcnow, TeamRole.volunteer)
    settings = SettingsDialog(ctx)
    qtbot.addWidget(settings)
    assert not settings.team_logins.isVisibleTo(settings)

"""The crash report is meant to be copied and sent on: it names the exception's type and
where it happened, never its message, its arguments, local values or the user's folders."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

import pytest
from pytestqt.qtbot import QtBot

from contactcentre.domain.errors import DomainError
from contactcentre.ui import crash, prompts

MARKER = "Zoë-Nowak-MARKER-5150"
Caught = tuple[type[BaseException], BaseException, TracebackType]


class FamilyError(Exception):
    pass


def caught(error: BaseException) -> Caught:
    assert error.__traceback__ is not None
    return type(error), error, error.__traceback__


def failing_save() -> None:
    family_name = MARKER  # a local holding personal data, as any screen has
    notes = {"child": MARKER, "address": f"1 Chapel Lane, {MARKER}"}
    raise FamilyError(f"could not save {family_name}", notes, MARKER.encode())


def raise_from_a_users_folder() -> None:
    """A frame whose file sits in a folder named after the user."""
    path = f"/home/{MARKER}/apps/contactcentre/ui/register_screen.py"
    code = compile("def open_family():\n    raise KeyError(name)\n", path, "exec")
    space: dict[str, object] = {"name": MARKER}
    exec(code, space)
    space["open_family"]()  # type: ignore[operator]


def refuse_booking() -> None:
    raise DomainError(f"{MARKER} is already booked")


def an_error(action: Callable[[], None]) -> Caught:
    try:
        action()
    except Exception as error:
        return caught(error)
    raise AssertionError("it did not fail")


def test_the_report_names_the_type_and_the_place_and_nothing_else() -> None:
    kind, value, tb = an_error(failing_save)
    assert MARKER in str(value) and MARKER in repr(value.args)  # planted where it could leak
    text = crash.report(kind, tb)
    assert MARKER not in text
    assert "Nowak" not in text and "Chapel Lane" not in text
    assert f"Error: {__name__}.FamilyError" in text
    assert "in failing_save" in text


def test_a_users_folder_in_a_path_is_left_out() -> None:
    kind, _value, tb = an_error(raise_from_a_users_folder)
    text = crash.report(kind, tb)
    assert MARKER not in text and "/home/" not in text
    assert "contactcentre/ui/register_screen.py:2 in open_family" in text
    assert "Error: builtins.KeyError" in text


def test_the_hook_shows_and_logs_only_the_report(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        crash.CrashDialog, "exec", lambda dialog: shown.append(dialog.text.toPlainText())
    )
    with caplog.at_level(logging.DEBUG):
        crash.excepthook(*an_error(failing_save))
    assert len(shown) == 1 and "FamilyError" in shown[0]
    assert MARKER not in shown[0]
    assert caplog.text and MARKER not in caplog.text


def test_an_expected_failure_shows_its_message_on_screen_but_never_logs_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, _title, message: shown.append(message))
    with caplog.at_level(logging.DEBUG):
        crash.excepthook(*an_error(refuse_booking))
    assert shown == [f"{MARKER} is already booked"]  # for the coordinator, on screen
    assert "DomainError" in caplog.text and MARKER not in caplog.text


def test_install_sets_the_one_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    crash.install()
    assert sys.excepthook is crash.excepthook

"""Importing the screens stops PySide reading the whole source of every module imported
after Qt (it had kept ~1,500 files in linecache: 33 MB and ~0.09 s of every launch), while
it still tells a module that uses PySide from one that does not."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.support import feature

import contactcentre.ui  # noqa: F401  (what the app imports before any screen)


@pytest.fixture
def two_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "cc_plain_probe.py").write_text("from datetime import date\nVALUE = date.min\n")
    (tmp_path / "cc_qt_probe.py").write_text("from PySide6.QtCore import QObject\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("cc_plain_probe", "cc_qt_probe"):
        sys.modules.pop(name, None)
        feature.pyside_feature_dict.pop(name, None)


def test_a_module_imported_after_qt_is_not_read_into_memory(two_modules: Path) -> None:
    import cc_plain_probe  # noqa: F401  (the import statement is what PySide watches)
    import cc_qt_probe  # noqa: F401

    assert str(two_modules / "cc_plain_probe.py") not in linecache.cache
    assert str(two_modules / "cc_qt_probe.py") not in linecache.cache


def test_pyside_still_knows_which_modules_use_it(two_modules: Path) -> None:
    import cc_plain_probe  # noqa: F401
    import cc_qt_probe  # noqa: F401

    assert feature.pyside_feature_dict["cc_plain_probe"] == -1  # -1: "ignore this module"
    assert feature.pyside_feature_dict["cc_qt_probe"] == 0  # 0: uses PySide, no feature

"""The import contracts in pyproject.toml hold, and they are not a check that cannot fail:
each forbidden kind of import, added to a copy of the package, breaks the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "contactcentre"


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package found in `src`, with the project's contracts."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command as run; sys.exit(run())",
            "--no-cache",
            "--no-logo",
            str(ROOT / "pyproject.toml"),
        ],
        env={**os.environ, "PYTHONPATH": str(src), "COLUMNS": "250"},  # one line a contract
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_package_keeps_every_contract() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("domain/audit.py", "import PySide6.QtCore", "Only ui/ and app.py import Qt"),
        ("store/engine.py", "from contactcentre.domain import audit", "Layers"),
        ("documents/pdf.py", "import contactcentre.store.engine", "Documents are rendered"),
        (
            "domain/register/families.py",
            "from contactcentre.domain.bookings import attendance",
            "Domain features in order",
        ),
        ("ui/fields.py", "from contactcentre.ui.register import family_editor", "Screens in order"),
        (
            "ui/admin/audit_screen.py",
            "from contactcentre.store.models.audit import AuditEntry",
            "The faces get plain data",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    copy = tmp_path / "src" / "contactcentre"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", "utf-8")
    result = lint_imports(tmp_path / "src")
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(row.startswith(contract) for row in broken), result.stdout

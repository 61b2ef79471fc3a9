"""A normal install, as a user gets it: the built wheel in a fresh virtual environment
outside the checkout. An editable install hides whatever the wheel forgot (the forms,
the fonts), so this test looks only at what the wheel carries.

To stay fast and offline the wheel is built without build isolation and installed without
dependencies; the new environment then sees this environment's already-installed
dependencies through a .pth file (a plain path line: the .pth files of that folder, among
them the editable install of the checkout, are not run)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    return done.stdout


def font_names(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {}).get_object()
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.mark.slow
def test_the_built_wheel_installed_elsewhere_prints_forms_with_the_shipped_fonts(
    tmp_path: Path,
) -> None:
    wheels, venv, work = tmp_path / "wheels", tmp_path / "venv", tmp_path / "work"
    work.mkdir()
    run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", wheels, ROOT, cwd=work,
    )  # fmt: skip
    (wheel,) = wheels.glob("contactcentre-*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel, cwd=work,
    )  # fmt: skip
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=work
        ).strip()
    )
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "dev-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CONTACTCENTRE_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        CONTACTCENTRE_PASSPHRASE="demo",
    )
    package = run(
        python, "-c", "import contactcentre; print(contactcentre.__file__)", cwd=work, env=env
    )
    assert Path(package.strip()).is_relative_to(venv), "the checkout shadows the installed package"

    cli = bin_dir / "contactcentre"
    centre = ["--data-dir", work / "centre"]
    run(cli, "demo", "--families", "6", "--no-gui", *centre, cwd=work, env=env)
    run(cli, "agreement", "--blank", "-o", work / "agreement.pdf", *centre, cwd=work, env=env)
    run(cli, "sheet", "--blank", "-o", work / "sheet.pdf", *centre, cwd=work, env=env)
    today = date.today()
    period = ["--from", str(today - timedelta(days=130)), "--to", str(today)]
    # The demo's seeded register makes F-0001 an active supported family (domain/demo/).
    run(cli, "letter", "F-0001", *period, "-o", work / "letter.pdf", *centre, cwd=work, env=env)

    guide = "from contactcentre.domain import forms; print(forms.load('guide.md').version)"
    assert run(python, "-c", guide, cwd=work, env=env).strip() == "1"  # Help → Guide, offline

    for name in ("agreement.pdf", "sheet.pdf", "letter.pdf"):
        assert "DejaVuSans" in font_names(work / name), f"{name} has no embedded DejaVu Sans"

"""The centre's own texts in forms/ (agreement, letter wording, sign-in sheet notes).

Each file starts with header lines (`version: 1`, optionally more `key: value` lines),
then a blank line, then the text. The text may hold placeholders such as
`{centre_name}`; `fill()` replaces only the placeholders it is given, so any other
braces a coordinator types stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from contactcentre import paths
from contactcentre.domain.errors import DomainError

HEADER = re.compile(r"^([a-z_]+):\s*(.*)$")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class FormError(DomainError):
    """A form file is missing or cannot be read; the message names the file."""


@dataclass(frozen=True)
class FormText:
    name: str
    version: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


def parse(name: str, raw: str) -> FormText:
    """Split a form file into its header and body (the body keeps its own line breaks)."""
    lines = raw.replace("\r\n", "\n").split("\n")
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines) and lines[index].strip():
        match = HEADER.match(lines[index].strip())
        if match is None:
            break
        headers[match.group(1)] = match.group(2).strip()
        index += 1
    version_text = headers.get("version", "")
    if not version_text.isdigit() or int(version_text) < 1:
        raise FormError(f"The form {name} must start with a line like 'version: 1'.")
    body = "\n".join(lines[index:]).strip("\n")
    if not body.strip():
        raise FormError(f"The form {name} has no text after its version line.")
    return FormText(name=name, version=int(version_text), body=body + "\n", headers=headers)


def load(name: str, folder: Path | None = None) -> FormText:
    """Read forms/<name> (shipped with the app, or from `folder` in tests)."""
    path = (folder / name) if folder is not None else paths.form(name)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormError(f"The form {name} is missing from the app's forms folder.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FormError(f"The form {name} cannot be read ({type(error).__name__}).") from None
    return parse(name, raw)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def fill(text: str, **values: str) -> str:
    """Replace `{key}` for each given key; unknown `{words}` and other braces are left alone."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)

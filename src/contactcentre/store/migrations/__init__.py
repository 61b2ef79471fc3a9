"""Schema history (Alembic). Every released schema opens with today's code.

Opening a database whose schema is current must not pay for importing Alembic (about a
quarter of a second at launch): the revision it is at is one SQL read of
`alembic_version`, and the revisions this version knows are read from the headers of the
files in versions/ (`revision = "NNNN"` / `down_revision = ...`). Alembic itself is only
imported when an upgrade is due. tests/store/test_migrations.py checks that both readings
agree with Alembic's own.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, exc, text

from contactcentre.store.errors import NewerSchema

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
_HEADER = re.compile(
    r'^revision(?:: str)? = "(?P<rev>[^"]+)"\s*$.*?^down_revision[^=]*= (?P<down>None|"[^"]+")',
    re.MULTILINE | re.DOTALL,
)


def config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: not one of ours), without Alembic."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except exc.OperationalError as error:
            if "no such table" in str(error):
                return None
            raise
    return rows[0][0] if len(rows) == 1 else None


@cache
def _chain() -> dict[str, str | None]:
    """revision -> down_revision, from the files' headers."""
    chain: dict[str, str | None] = {}
    for path in sorted((HERE / "versions").glob("*.py")):
        found = _HEADER.search(path.read_text(encoding="utf-8"))
        if found:
            down = found["down"]
            chain[found["rev"]] = None if down == "None" else down.strip('"')
    return chain


def head_revision() -> str:
    """The one revision no other revises."""
    chain = _chain()
    heads = set(chain) - set(chain.values())
    assert len(heads) == 1, heads
    return heads.pop()


def known_revisions() -> set[str]:
    """Every schema revision this version of the app can open."""
    return set(_chain())


def upgrade(engine: Engine) -> None:
    """Bring the database to this version's schema; refuse one from a newer version."""
    found = current_revision(engine)
    if found is not None and found not in known_revisions():
        raise NewerSchema(found)
    if found != head_revision():
        from alembic import command

        command.upgrade(config(engine), "head")

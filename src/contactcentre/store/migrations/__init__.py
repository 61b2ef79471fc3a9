"""Schema history (Alembic). Every released schema opens with today's code."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from contactcentre.store.errors import NewerSchema

HERE = Path(__file__).resolve().parent


def config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this version of the app can open."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}


def upgrade(engine: Engine) -> None:
    """Bring the database to this version's schema; refuse one from a newer version."""
    cfg = config(engine)
    script = ScriptDirectory.from_config(cfg)
    found = current_revision(engine)
    if found is not None and found not in {rev.revision for rev in script.walk_revisions()}:
        raise NewerSchema(found)
    if found != script.get_current_head():
        command.upgrade(cfg, "head")

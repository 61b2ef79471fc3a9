"""Canary markers: overwrite every free-text column in the store with a unique string, so
a test can assert that none of them reaches a document that must not show it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import SQLModel

from contactcentre.store.engine import Store

Column = tuple[str, str]  # (table, column)
# Settings the app needs to work, not free text about anyone.
# Not text anyone typed: settings, and each login's public key (a marker there would lock
# the person out, and the key is no secret).
SETTINGS = {("centre", "timezone"), ("centre", "opening_rule"), ("team_member", "public_key")}


def plant_markers(
    store: Store, *, keep: set[Column], only_where: dict[Column, str] | None = None
) -> dict[str, Column]:
    """Replace every text column of every row, bar `keep` and the settings, with a marker
    such as "Qzpersonnotes3zQ". `only_where` limits a column to the rows matching a SQL
    condition (e.g. children's surnames only). Returns marker -> (table, column)."""
    planted: dict[str, Column] = {}
    with store.session() as s:
        connection = s.connection()
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                where = (table.name, column.name)
                # sqlmodel's AutoString is a TypeDecorator over sa.String; an Enum is
                # an sa.String too, but holds a closed set, not free text.
                stored_as = getattr(column.type, "impl", column.type)
                if (
                    not isinstance(stored_as, sa.String)
                    or isinstance(column.type, sa.Enum)
                    or where in keep | SETTINGS
                ):
                    continue
                for row_id in connection.execute(sa.select(table.c.id)).scalars().all():
                    marker = f"Qz{table.name}{column.name}{row_id}zQ".replace("_", "")
                    query = sa.update(table).where(table.c.id == row_id).values({column: marker})
                    if only_where and where in only_where:
                        query = query.where(sa.text(only_where[where]))
                    if connection.execute(query).rowcount:
                        planted[marker] = where
    return planted


# --- finding markers in files --------------------------------------------------------------

_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def squeeze(text: str) -> str:
    """Lower-case with every whitespace run removed: a marker wrapped across a line (or a
    table cell) in a PDF's text is still found."""
    return "".join(text.split()).lower()


def in_bytes(data: bytes, needle: str) -> bool:
    """Whether an ASCII needle is anywhere in raw bytes, in any case, as UTF-8 or UTF-16
    (PDF metadata, some settings files)."""
    lowered = data.lower()
    return any(needle.lower().encode(encoding) in lowered for encoding in _ENCODINGS)


def in_text(text: str, needle: str) -> bool:
    """Whether a needle is in text as a reader sees it, ignoring case and whitespace."""
    return squeeze(needle) in squeeze(text)

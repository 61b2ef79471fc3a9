"""Every table of the schema says whose data it holds and how long it is kept: a table
with no declaration in the registry fails here (add one line to DECLARATIONS)."""

from __future__ import annotations

from sqlmodel import SQLModel

import contactcentre.store.models  # noqa: F401  (registers every table)
from contactcentre.domain.retention import registry, rules


def test_every_table_in_the_schema_has_a_declaration() -> None:
    tables = {t.name for t in SQLModel.metadata.sorted_tables}
    missing = sorted(tables - set(registry.DECLARATIONS))
    assert missing == [], f"declare these in domain/retention/registry.py: {missing}"
    assert sorted(set(registry.DECLARATIONS) - tables) == []  # none for a table that is gone


def test_every_declaration_names_a_rule_that_exists_and_a_clock() -> None:
    for table, d in registry.DECLARATIONS.items():
        assert d.clock, table
        assert d.rule == "" or d.rule in rules.DEFAULTS, table
        assert (d.owner == registry.Owner.none) == (d.rule == ""), table


def test_a_table_holding_a_family_id_is_destroyed_with_the_family_or_a_volunteer() -> None:
    for table in SQLModel.metadata.sorted_tables:
        if "family_id" in table.columns and table.name != "audit_entry":
            d = registry.DECLARATIONS[table.name]
            assert d.rows and d.owner != registry.Owner.none, table.name

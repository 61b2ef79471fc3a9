"""What a screen needs, handed to it through its constructor (no global lookups)."""

from __future__ import annotations

from dataclasses import dataclass

from contactcentre.domain.clock import Clock
from contactcentre.store.engine import Store


@dataclass(frozen=True)
class Context:
    store: Store
    clock: Clock

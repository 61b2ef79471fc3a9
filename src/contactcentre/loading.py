"""Loading the app's modules without the cyclic garbage collector walking them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def modules_loading() -> Iterator[None]:
    """Pause the cyclic collector while the app's modules load, then leave what they built
    out of every later collection (`gc.freeze`). Nothing a module builds at import is
    garbage, yet a launch spent ~0.1 s in collections walking the ORM's and Qt's freshly
    imported objects, and every later full collection walked them again."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()

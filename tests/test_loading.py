"""Loading the app's modules with the cyclic collector paused (contactcentre.loading)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from contactcentre.loading import modules_loading


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_what_loaded_is_left_out_of_later_collections_and_collecting_resumes() -> None:
    before = gc.get_freeze_count()
    with modules_loading():
        assert not gc.isenabled()
        loaded = [object() for _ in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(loaded)


def test_a_module_that_fails_to_load_still_leaves_the_collector_running() -> None:
    with pytest.raises(ModuleNotFoundError), modules_loading():
        import contactcentre.no_such_module  # noqa: F401
    assert gc.isenabled()

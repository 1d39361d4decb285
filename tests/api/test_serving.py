"""How ``kroniek serve`` prepares a worker process (``kroniek.api.serving``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kroniek.api import serving


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_a_settled_heap_keeps_what_it_holds_out_of_later_collections() -> None:
    held = [[number] for number in range(1000)]  # long-lived containers, like loaded columns
    gc.unfreeze()
    serving.settle_heap()
    assert gc.get_freeze_count() >= len(held)
    assert gc.get_threshold() == serving.GC_THRESHOLDS
    assert serving.GC_THRESHOLDS[2] > 10  # the oldest generation is collected more rarely

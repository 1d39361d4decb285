"""How ``kroniek serve`` prepares a worker process (``kroniek.api.serving``)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

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


def test_a_shared_directory_left_by_a_killed_server_is_removed_at_the_next_start(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    from kroniek.api.serving import OWNER_FILE, SHARED_PREFIX, shared_directory

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale, live, unknown = (tmp_path / f"{SHARED_PREFIX}{n}" for n in ("a", "b", "c"))
    for directory in (stale, live, unknown):
        directory.mkdir()
    (stale / OWNER_FILE).write_text(gone.stdout.strip())  # that process has ended
    (live / OWNER_FILE).write_text(str(os.getpid()))
    with shared_directory(tmp_path) as made:
        assert (made / OWNER_FILE).read_text() == str(os.getpid())
        assert not stale.exists()
        assert live.exists() and unknown.exists()  # a live server's, and one nobody claims
    assert not made.exists()

"""Values shared by the processes of a server through one SQLite file (``store.shared_cache``)."""

from __future__ import annotations

from pathlib import Path

from kroniek.store.shared_cache import FILE_NAME, SharedCache


def test_a_value_put_by_one_process_is_found_by_another_under_its_state(tmp_path: Path) -> None:
    one, other = SharedCache(tmp_path / FILE_NAME, "a"), SharedCache(tmp_path / FILE_NAME, "a")
    one.put(("generation", 3), b"key", b"value")
    assert other.get(("generation", 3), b"key") == b"value"
    assert other.get(("generation", 4), b"key") is None  # another state
    assert other.get(("generation", 3), b"other") is None
    assert other.hits == 1


def test_kinds_do_not_see_each_others_keys(tmp_path: Path) -> None:
    answers, postings = (SharedCache(tmp_path / FILE_NAME, kind) for kind in ("a", "p"))
    answers.put(1, b"key", b"an answer")
    postings.put(1, b"key", b"postings")
    assert answers.get(1, b"key") == b"an answer"
    assert postings.get(1, b"key") == b"postings"


def test_pruning_drops_other_states_then_the_oldest_beyond_the_bound(tmp_path: Path) -> None:
    cache = SharedCache(tmp_path / FILE_NAME, "a", max_bytes=10_000)
    cache.put(1, b"old", b"x")
    for number in range(8):
        cache.put(2, b"page%d" % number, b"x" * 2000)
    cache.prune(2)
    assert cache.get(1, b"old") is None
    assert cache.stored_bytes() <= 10_000
    assert cache.get(2, b"page7") is not None  # the newest are kept
    assert cache.get(2, b"page0") is None


def test_a_value_larger_than_the_bound_is_not_kept(tmp_path: Path) -> None:
    cache = SharedCache(tmp_path / FILE_NAME, "a", max_bytes=1000)
    cache.put(1, b"big", b"x" * 2000)
    assert cache.get(1, b"big") is None


def test_a_damaged_file_counts_as_not_found(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"this is not a database" * 100)
    cache = SharedCache(path, "a")
    cache.put(1, b"a", b"value")  # no error
    assert cache.get(1, b"a") is None


def test_counts_are_kept_for_every_process_and_start_again_at_another_state(
    tmp_path: Path,
) -> None:
    one, other = (SharedCache(tmp_path / FILE_NAME, "counts") for _ in range(2))
    assert [one.count(1, b"key"), other.count(1, b"key"), one.count(1, b"key")] == [0, 1, 2]
    assert other.count(2, b"key") == 0  # another state
    assert one.count(2, b"other") == 0


def test_a_count_the_file_cannot_keep_is_none(tmp_path: Path) -> None:
    cache = SharedCache(tmp_path / FILE_NAME, "counts")
    cache.close()
    assert cache.count(1, b"key") is None

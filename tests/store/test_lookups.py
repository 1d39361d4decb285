"""``IN (...)`` lookups come in a few fixed shapes, whatever the number of values."""

from __future__ import annotations

from kroniek.store.lookups import LOOKUP_CHUNK, padded_chunks, padded_length


def test_lengths_are_powers_of_two_up_to_the_chunk() -> None:
    assert [padded_length(n) for n in (1, 2, 3, 5, 8, 9, 500, 512)] == [1, 2, 4, 8, 8, 16, 512, 512]
    shapes = {len(chunk) for n in range(1, 2000) for chunk in padded_chunks(list(range(n)))}
    assert shapes == {2**k for k in range(10)}
    assert max(shapes) == LOOKUP_CHUNK


def test_chunks_keep_every_value_in_order_and_pad_with_the_last() -> None:
    values = list(range(1, 1030))
    chunks = list(padded_chunks(values))
    assert [len(c) for c in chunks] == [512, 512, 8]
    assert chunks[2] == [1025, 1026, 1027, 1028, 1029, 1029, 1029, 1029]
    assert [v for c in chunks for v in dict.fromkeys(c)] == values
    assert list(padded_chunks([])) == []

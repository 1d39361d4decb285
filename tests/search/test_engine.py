"""Ranking helpers of ``search.engine``."""

from __future__ import annotations

import numpy as np

from kroniek.search.engine import best_first


def test_best_first_equals_sorting_every_match() -> None:
    rng = np.random.default_rng(5)
    for size in (0, 1, 5, 50, 400, 5000):
        for levels in (1, 3, 1000):  # all tied (no words), few scores, mostly distinct
            primary = -rng.integers(0, levels, size).astype(np.float64) / 7
            secondary = rng.permutation(size)
            for count in (1, 20, 80, size):
                expected = np.lexsort((secondary, primary))[:count]
                assert best_first(primary, secondary, count).tolist() == expected.tolist()

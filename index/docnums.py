"""Sets of document numbers as sorted, duplicate-free int64 numpy arrays."""
from __future__ import annotations

import numpy as np

EMPTY = np.zeros(0, dtype=np.int64)


def intersect(arrays: list[np.ndarray]) -> np.ndarray:
    """Documents in every one of these arrays (smallest first, so each step is cheap)."""
    arrays = sorted(arrays, key=len)
    result = arrays[0]
    for other in arrays[1:]:
        if not len(result):
            break
        result = np.intersect1d(result, other, assume_unique=True)
    return result


def union(arrays: list[np.ndarray]) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return EMPTY
    if len(arrays) == 1:
        return arrays[0]
    return distinct(np.sort(np.concatenate(arrays)))


def distinct(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (np.unique hashes first: many times slower)."""
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def difference(keep: np.ndarray, drop: np.ndarray) -> np.ndarray:
    if not len(keep) or not len(drop):
        return keep
    return np.setdiff1d(keep, drop, assume_unique=True)

"""Small array operations the passes share: sorted unique codes, ranks of texts, CSR expansion.

The passes count on integer arrays (positions into ``ties.nodes``, group columns, codes such as
``low * n + high`` for a pair). These helpers are the steps that recur: each gives what a Python
loop or ``sorted`` would give, on whole arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["expand", "sorted_unique", "sparse_entries", "text_ranks"]


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: ``np.unique(values)`` by a sort.

    numpy 2's ``np.unique`` without ``return_*`` goes through a hash table and sorts after: a
    million distinct int64 codes took a second, where sorting them takes a few hundredths.

    >>> sorted_unique(np.array([5, 1, 5, 3])).tolist()
    [1, 3, 5]
    """
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def text_ranks(texts: Sequence[str]) -> np.ndarray:
    """Each text's place in sorted order, equal texts at one place: comparing two ranks compares
    the two texts as Python does.

    Python sorts the texts (numpy's fixed-width strings drop trailing NUL characters, so two ids
    that differ only there would compare equal).

    >>> text_ranks(["b", "a", "B", "a"]).tolist()
    [2, 1, 0, 1]
    """
    rank = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        order = sorted(range(len(texts)), key=texts.__getitem__)
        ranked = [texts[position] for position in order]
        new = np.fromiter((a != b for a, b in zip(ranked, ranked[1:])), dtype=bool, count=len(ranked) - 1)
        rank[order] = np.concatenate(([0], np.cumsum(new)))
    return rank


def expand(pointer: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The entries of CSR rows ``owners`` laid end to end: for each owner in turn, the positions
    ``pointer[owner]`` to ``pointer[owner + 1] - 1``, with the index (into ``owners``) each came
    from.

    >>> positions, source = expand(np.array([0, 2, 2, 5]), np.array([2, 0, 1]))
    >>> positions.tolist(), source.tolist()
    ([2, 3, 4, 0, 1], [0, 0, 0, 1, 1])
    """
    owners = np.asarray(owners, dtype=np.int64)
    starts = pointer[owners].astype(np.int64)
    lengths = pointer[owners + 1].astype(np.int64) - starts
    source = np.repeat(np.arange(len(owners)), lengths)
    first = np.cumsum(lengths) - lengths  # where each owner's run begins in the output
    return starts[source] + np.arange(int(lengths.sum())) - first[source], source


def sparse_entries(matrix: Any, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The values of a scipy sparse matrix (without duplicate entries) at ``(rows[k], cols[k])``,
    0 where it has none: a lookup for many entries at once, where a dok matrix's costs a Python
    call each.

    >>> from scipy.sparse import csr_array
    >>> sparse_entries(csr_array(np.array([[0, 2], [3, 0]])), np.array([0, 1, 1]), np.array([1, 0, 1])).tolist()
    [2, 3, 0]
    """
    coo = matrix.tocoo()
    width = matrix.shape[1]
    codes = coo.row.astype(np.int64) * width + coo.col
    order = np.argsort(codes)
    codes, data = codes[order], coo.data[order]
    wanted = np.asarray(rows, dtype=np.int64) * width + cols
    values = np.zeros(len(wanted), dtype=data.dtype)
    if len(codes):
        at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
        found = codes[at] == wanted
        values[found] = data[at[found]]
    return values

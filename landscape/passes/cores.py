"""Core numbers and onion layers of the undirected ties, on arrays.

networkx computes both in pure Python (a dict of neighbour lists, rebuilt and sorted every round):
at 100,000 people that was most of the Voices pass. Here the core numbers come from igraph (the
Batagelj-Zaversnik algorithm in C) and the onion layers from a peeling that only looks again at
the people whose degree just fell, in O(m + n·c) for c distinct core values. Both give what
networkx gives on a simple undirected graph (``tests/test_voices.py`` compares them on random
graphs).
"""

from __future__ import annotations

import numpy as np

from landscape.passes.arrays import expand

__all__ = ["core_numbers", "onion_layers"]


def core_numbers(indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Each person's core number (the largest k of a k-core holding them), as networkx's
    ``core_number`` of the same simple undirected graph.

    ``indptr`` and ``indices`` are the undirected neighbours in CSR form (each pair both ways).

    >>> core_numbers(np.array([0, 3, 5, 7, 8, 8]), np.array([1, 2, 3, 0, 2, 0, 1, 0])).tolist()  # triangle 0-1-2, leaf 3
    [2, 2, 2, 1, 0]
    """
    import igraph

    n = len(indptr) - 1
    owners = np.repeat(np.arange(n), np.diff(indptr))
    once = owners < indices  # each pair once
    graph = igraph.Graph(n=n, edges=np.column_stack((owners[once], indices[once])).tolist(), directed=False)
    return np.array(graph.coreness(), dtype=np.int64)


def onion_layers(indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """The onion decomposition (Hébert-Dufresne, Grochow & Allard 2016) as networkx's
    ``onion_layers``: isolates are layer 1; then, round after round, everyone whose remaining
    degree is at most the current core joins the next layer and leaves the graph; the core rises to
    the smallest remaining degree when nobody is left at or below it.

    Only the neighbours of the people who just left can join the next layer without the core
    rising (everyone else had more than the core already), so each round looks at them alone, and
    at everyone only when the core rises.

    >>> onion_layers(np.array([0, 1, 3, 5, 6, 6]), np.array([1, 0, 2, 1, 3, 2])).tolist()  # path 0-1-2-3, 4 alone
    [2, 3, 3, 2, 1]
    """
    n = len(indptr) - 1
    degree = np.diff(indptr).astype(np.int64)
    layer = np.zeros(n, dtype=np.int64)
    alive = degree > 0
    current = 1
    if not alive.all():
        layer[~alive] = 1
        current = 2
    core = 1
    remaining = int(alive.sum())
    touched = np.zeros(0, dtype=np.int64)
    while remaining:
        joining = touched[alive[touched] & (degree[touched] <= core)]
        if not len(joining):
            everyone = np.flatnonzero(alive)
            core = max(core, int(degree[everyone].min()))
            joining = everyone[degree[everyone] <= core]
        layer[joining] = current
        alive[joining] = False
        remaining -= len(joining)
        touched, fall = np.unique(indices[expand(indptr, joining)[0]], return_counts=True)
        degree[touched] -= fall
        current += 1
    return layer

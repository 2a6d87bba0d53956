"""The E-I index (Krackhardt & Stern 1988): for one group, one person or the whole landscape.

Boundaries reports it by group and person; Scale reports it for every level of scale. Both use
these functions, so the index has one definition.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_array

from landscape.passes.ties import TieSelection

__all__ = ["EIIndex", "ei_index", "is_symmetric", "membership_matrix", "network_ei", "pair_counts", "tied_pairs"]


@dataclass(frozen=True)
class EIIndex:
    """An E-I index beside what random mixing would give and what is feasible.

    ``expected`` is ``(maxE - maxI) / T`` for ties falling on dyads at random given the group
    sizes; ``sd`` and ``z`` come from the hypergeometric distribution of E under that null;
    ``minimum`` and ``maximum`` are the feasible range for this many ties; ``rescaled`` maps it
    onto [-1, 1].
    """

    ei: float | None
    internal: int
    external: int
    expected: float | None
    sd: float | None
    z: float | None
    minimum: float | None
    maximum: float | None
    rescaled: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"ei": self.ei, "internal": self.internal, "external": self.external, "expected": self.expected,
                "sd": self.sd, "z": self.z, "range": [self.minimum, self.maximum], "rescaled": self.rescaled}


def ei_index(internal: int, external: int, possible_internal: float, possible_external: float) -> EIIndex:
    """Krackhardt & Stern's E-I index with its null expectation, sd, z and feasible range.

    >>> e = ei_index(internal=67, external=11, possible_internal=528, possible_external=33)  # made up
    >>> round(e.ei, 4), round(e.expected, 4)
    (-0.7179, -0.8824)
    """
    m = internal + external
    total = possible_internal + possible_external
    ei = (external - internal) / m if m else None
    expected = (possible_external - possible_internal) / total if total else None
    sd = z = minimum = maximum = rescaled = None
    if m:
        minimum = (m - 2 * min(m, possible_internal)) / m
        maximum = (2 * min(m, possible_external) - m) / m
        rescaled = -1 + 2 * (ei - minimum) / (maximum - minimum) if maximum > minimum else None
    if m and total > 1:
        p = possible_external / total
        variance = 4 * m * p * (1 - p) * (total - m) / (total - 1) / m**2
        sd = math.sqrt(variance) if variance > 0 else 0.0
        z = (ei - expected) / sd if sd else None
    return EIIndex(ei, internal, external, expected, sd, z, minimum, maximum, rescaled)



def is_symmetric(ties: TieSelection) -> bool:
    """True when every tie holds both ways: the graph is then read as undirected."""
    return ties.is_symmetric()


def membership_matrix(ties: TieSelection, memberships: Mapping[Hashable, Sequence[str]]) -> tuple[csr_array, tuple[str, ...]]:
    """People (rows, in ``ties.nodes`` order) by groups (columns, sorted): 1 where a person is in a group."""
    groups = tuple(sorted({g for members in memberships.values() for g in members}, key=str.casefold))
    column = {g: i for i, g in enumerate(groups)}
    nodes = ties.nodes
    counts = np.fromiter((len(memberships.get(node, ())) for node in nodes), dtype=np.int64, count=len(nodes))
    cols = np.fromiter((column[g] for node in nodes for g in memberships.get(node, ())), dtype=np.int64,
                       count=int(counts.sum()))
    rows = np.repeat(np.arange(len(nodes), dtype=np.int64), counts)
    return csr_array((np.ones(len(cols)), (rows, cols)), shape=(len(nodes), len(groups))), groups


def network_ei(ties: TieSelection, memberships: Mapping[Hashable, Sequence[str]], *, undirected: bool,
               membership: csr_array | None = None) -> EIIndex:
    """The E-I index of the whole landscape for one partition into groups.

    A tie is internal when its ends share a group; people without a group, and their ties, are
    left out. With ``undirected`` each pair counts once, otherwise each arc. ``membership``:
    :func:`membership_matrix` of ``memberships``, when the caller has it already.
    """
    if membership is None:
        membership, _ = membership_matrix(ties, memberships)
    sources, targets = ties.arcs
    labelled = np.asarray(membership.sum(axis=1)).reshape(-1) > 0
    shared = np.asarray((membership[sources].multiply(membership[targets])).sum(axis=1)).reshape(-1) > 0 \
        if len(sources) else np.zeros(0, dtype=bool)
    usable = labelled[sources] & labelled[targets] if len(sources) else np.zeros(0, dtype=bool)
    if undirected:
        usable &= sources < targets
    internal = int((shared & usable).sum())
    external = int((~shared & usable).sum())
    people = int(labelled.sum())
    pairs_sharing = _ordered_pairs_sharing(membership)
    dyads = people * (people - 1)
    if undirected:
        pairs_sharing, dyads = pairs_sharing / 2, dyads / 2
    return ei_index(internal, external, pairs_sharing, dyads - pairs_sharing)


def tied_pairs(ties: TieSelection) -> np.ndarray:
    """Each pair of people tied in either direction, once, as positions in ``ties.nodes`` (lower
    first, rows sorted): the count every sentence about "pairs of people tied" uses, whatever
    the ties' types and directions (a tie both ways, or advice and collaboration between the
    same two people, is one pair)."""
    n = len(ties.nodes)
    codes = ties.pair_codes  # sorted, so the rows come sorted
    if not len(codes):
        return np.zeros((0, 2), dtype=np.int64)
    low, high = codes // n, codes % n
    keep = low != high
    return np.stack([low[keep], high[keep]], axis=1).astype(np.int64)


def pair_counts(ties: TieSelection, memberships: Mapping[Hashable, Sequence[str]],
                pairs: np.ndarray | None = None, membership: csr_array | None = None) -> dict[str, int]:
    """The pairs of people tied (:func:`tied_pairs`, or ``pairs`` when the caller has them already:
    Scale counts every level over one set), by whether the two share a group (``membership``:
    :func:`membership_matrix` of ``memberships``, when the caller has it).

    ``within``: both have a group and they share one; ``across``: both have a group and share
    none; ``without_group``: one or both have none. The three add up to ``pairs``.

    >>> import networkx as nx
    >>> from landscape.passes.ties import TieSelection
    >>> g = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "d")])
    >>> ties = TieSelection.from_graph(g, ("advice",), rows=4, self_ties_dropped=0, parallel_collapsed=0)
    >>> pair_counts(ties, {"a": ("x",), "b": ("x", "y"), "c": ("y",), "d": ()})
    {'pairs': 3, 'within': 1, 'across': 1, 'without_group': 1}
    """
    pairs = tied_pairs(ties) if pairs is None else pairs
    if membership is None:
        membership, _ = membership_matrix(ties, memberships)
    labelled = np.asarray(membership.sum(axis=1)).reshape(-1) > 0
    a, b = pairs[:, 0], pairs[:, 1]
    both = labelled[a] & labelled[b] if len(pairs) else np.zeros(0, dtype=bool)
    shared = np.asarray(membership[a].multiply(membership[b]).sum(axis=1)).reshape(-1) > 0 \
        if len(pairs) else np.zeros(0, dtype=bool)
    within = int((both & shared).sum())
    return {"pairs": int(len(pairs)), "within": within, "across": int(both.sum()) - within,
            "without_group": int((~both).sum())}


def _ordered_pairs_sharing(membership: csr_array) -> float:
    """Ordered pairs of two different people who share at least one group: the off-diagonal
    nonzeros of M M^T for the people-by-groups membership matrix M.

    Counted without M M^T, which has a nonzero for every two members of a unit (hundreds of
    millions for units of thousands): the sum over groups of their sizes squared counts a pair
    once per group the two share, and only two people who each have several groups can share
    more than one, so M M^T is formed for those people alone to take the surplus off.
    """
    matrix = membership.copy()
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    matrix.data[:] = 1.0  # a group listed twice by one person is one membership
    sizes = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.int64)
    per_person = np.diff(matrix.indptr)
    several = matrix[np.flatnonzero(per_person > 1)]
    surplus = 0
    if several.shape[0]:
        shared = (several @ several.T).tocsr()
        surplus = int(np.rint(shared.data).astype(np.int64).sum()) - shared.nnz  # pairs counted more than once
    with_group = int((per_person > 0).sum())
    return float(int((sizes * sizes).sum()) - surplus - with_group)

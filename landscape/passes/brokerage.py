"""Brokerage roles and structural holes, vectorised on the sparse adjacency matrix.

:func:`brokerage_roles` counts Gould & Fernandez's five roles with R ``sna::brokerage`` semantics
(ordered pairs, full credit), with sna's expected values and z-scores under a Bernoulli graph of
the same density. :func:`structural_holes` gives Burt's constraint and effective size. Neither
networkx nor python-igraph has brokerage; these are written from the definitions and checked
against sna's published counts and against networkx on constraint and effective size.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array, diags_array

from landscape.passes.ties import TieSelection

__all__ = ["ROLES", "Brokerage", "StructuralHoles", "brokerage_roles", "main_role", "structural_holes", "top_brokers"]

#: Gould & Fernandez's roles, in sna's column order (w_I, w_O, b_IO, b_OI, b_O).
ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


@dataclass(frozen=True)
class Brokerage:
    """Brokerage counts per person and for the whole graph, with sna's null-model moments.

    Arrays are in ``nodes`` order with one column per role in :data:`ROLES` and a last column for
    the total. ``expected``, ``sd`` and ``z`` are per person (by the broker's group size);
    ``totals``, ``expected_totals``, ``sd_totals`` and ``z_totals`` for the graph.
    """

    nodes: list[Hashable]
    raw: np.ndarray
    expected: np.ndarray
    sd: np.ndarray
    z: np.ndarray
    totals: np.ndarray
    expected_totals: np.ndarray
    sd_totals: np.ndarray
    z_totals: np.ndarray
    density: float


def _colsum(matrix: csr_array) -> np.ndarray:
    return np.asarray(matrix.sum(axis=0)).reshape(-1).astype(float)


def _rowsum(matrix: csr_array) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).reshape(-1).astype(float)


def brokerage_roles(ties: TieSelection, groups: Mapping[Hashable, Hashable]) -> Brokerage:
    """Gould & Fernandez brokerage roles of every person.

    A person ``v`` brokers the ordered pair ``(a, c)`` when ``a -> v -> c``, ``a`` does not name
    ``c`` directly, and ``a``, ``v`` and ``c`` are three different people; each such pair counts
    1 (full credit), by the groups of the three: coordinator (all in one group), itinerant (``a``
    and ``c`` share a group, ``v`` is from another), representative (``a`` in ``v``'s group,
    ``c`` outside), gatekeeper (``c`` in ``v``'s group, ``a`` outside), liaison (three groups).

    Parameters
    ----------
    ties : TieSelection
        The simple directed graph; undirected ties count both ways, as sna treats a symmetric
        matrix, so every undirected count is doubled and representative equals gatekeeper.
    groups : mapping
        One group per person.

    Notes
    -----
    Counts are computed in closed form from sparse products: for broker ``v`` with in-neighbours
    ``A`` and out-neighbours ``C``, the pairs are ``|A||C|`` minus mutual neighbours (``a = c``)
    minus closed two-paths (``a -> c``), each split by the groups involved. Expected values and
    variances are sna's (Butts 2008), for a Bernoulli graph of density ``d = m / (N(N-1))``.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology*, 19, 89-126.
    Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software*,
    24(6); ``sna::brokerage``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "v"), ("v", "c")])
    >>> b = brokerage_roles(TieSelection.from_graph(g, ("advice",), 2, 0, 0), {"a": 1, "v": 2, "c": 1})
    >>> b.raw[1].tolist()  # v brokers (a, c) for one group, from another: itinerant
    [0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    """
    nodes = ties.nodes
    n = len(nodes)
    labels = list(dict.fromkeys(groups[node] for node in nodes))
    index = {label: position for position, label in enumerate(labels)}
    cls = np.array([index[groups[node]] for node in nodes], dtype=np.int64)
    k = len(labels)
    adjacency = ties.adjacency().astype(float)
    sources, targets = ties.arcs
    same = cls[sources] == cls[targets]
    within = csr_array((np.ones(int(same.sum())), (sources[same], targets[same])), shape=(n, n))
    across = adjacency - within
    membership = csr_array((np.ones(n), (np.arange(n), cls)), shape=(n, k))

    indeg = _colsum(adjacency)
    outdeg = _rowsum(adjacency)
    in_own = _colsum(within)
    out_own = _rowsum(within)
    same_group_pairs = _rowsum((adjacency.T @ membership) * (adjacency @ membership))
    mutual = _rowsum(adjacency * adjacency.T)
    mutual_own = _rowsum(within * within.T)
    # Closed two-paths a -> v -> c with a -> c, by the groups on them, from two products (each
    # of them is most of this function's time): across = adjacency - within, and
    # adjacency @ within.T is the transpose of within @ adjacency.T. Every entry counts paths,
    # a whole number, so sums in any order give the same floats.
    two_step = adjacency @ adjacency.T
    two_step_within = within @ adjacency.T  # [a, v]: c with a -> c in a's group, and v -> c
    closed = _colsum(adjacency * two_step)
    closed_same = _colsum(adjacency * two_step_within)
    closed_own = _colsum(within * two_step_within)
    closed_own_out = _colsum(within * two_step) - closed_own
    closed_out_own = _rowsum(two_step_within * across.T)

    total = indeg * outdeg - mutual - closed
    coordinator = in_own * out_own - mutual_own - closed_own
    same_pairs = same_group_pairs - mutual - closed_same
    itinerant = same_pairs - coordinator
    representative = in_own * (outdeg - out_own) - closed_own_out
    gatekeeper = (indeg - in_own) * out_own - closed_out_own
    liaison = total - same_pairs - representative - gatekeeper
    raw = np.column_stack([coordinator, itinerant, representative, gatekeeper, liaison, total])
    raw = np.rint(raw)  # exact integers; the sparse float products carry no fractional part

    arcs = float(len(sources))
    density = arcs / (n * (n - 1)) if n > 1 else 0.0
    sizes = np.bincount(cls, minlength=k).astype(float)
    expected_by, variance_by = _node_moments(sizes, float(n), density)
    expected = expected_by[cls]
    sd = np.sqrt(variance_by[cls])
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (raw - expected) / sd
    totals = raw.sum(axis=0)
    expected_totals, variance_totals = _graph_moments(sizes, float(n), density)
    sd_totals = np.sqrt(variance_totals)
    with np.errstate(invalid="ignore", divide="ignore"):
        z_totals = (totals - expected_totals) / sd_totals
    return Brokerage(nodes=nodes, raw=raw, expected=expected, sd=sd, z=z, totals=totals,
                     expected_totals=expected_totals, sd_totals=sd_totals, z_totals=z_totals, density=density)


def _node_moments(sizes: np.ndarray, total: float, d: float) -> tuple[np.ndarray, np.ndarray]:
    """sna's expected counts and variances for a broker in each group (rows) and role (columns).

    Sums over the other groups are taken as sums over all groups less the group's own term, so
    that the work grows with the number of groups, not its square.
    """
    alpha = d**2 * (1 - d)
    beta = d**3 * (1 - d) ** 3
    n = np.asarray(sizes, dtype=float)
    s1, s2, s3 = n.sum(), (n**2).sum(), (n**3).sum()
    e = np.empty((len(n), 6))
    e[:, 0] = alpha * (n - 1) * (n - 2)
    e[:, 1] = alpha * ((n * (n - 1)).sum() - n * (n - 1))
    e[:, 2] = e[:, 3] = alpha * (total - n) * (n - 1)
    e[:, 4] = alpha * ((s1 - n) ** 2 - (s2 - n**2))
    e[:, 5] = alpha * (total - 1) * (total - 2)
    v = e * (1 - alpha)
    v[:, 0] += 2 * (n - 1) * (n - 2) * (n - 3) * beta
    v[:, 1] += 2 * ((n * (n - 1) * (n - 2)).sum() - n * (n - 1) * (n - 2)) * beta
    v[:, 2] += 2 * ((n - 1) * _pairs(total - n) + (total - n) * _pairs(n - 1)) * beta
    v[:, 3] = v[:, 2]
    # sum over the other groups j of n_j * C(T - n_j - n_i, 2), with A = T - n_i (never below n_j)
    a = total - n
    v[:, 4] += 4 * 0.5 * (a * (a - 1) * (s1 - n) - (2 * a - 1) * (s2 - n**2) + (s3 - n**3)) * beta
    v[:, 5] += 2 * (total - 1) * (total - 2) * (total - 3) * beta
    return e, v


def _pairs(count: np.ndarray) -> np.ndarray:
    """C(count, 2), and 0 where count is below 2."""
    count = np.maximum(count, 0)
    return count * (count - 1) / 2


def _graph_moments(n: np.ndarray, total: float, d: float) -> tuple[np.ndarray, np.ndarray]:
    """sna's expected totals and variances for the whole graph, by role.

    sna sums over pairs and triples of groups; here those sums are written with power sums of
    the group sizes, so the work grows with the number of groups (400 communities took 97 s as a
    triple loop; the values are the same).
    """
    n = np.asarray(n, dtype=float)
    q = 1 - d
    alpha = d**2 * q
    a3, a4, a5 = d**3 * q**3, d**4 * q**2, d**5 * q
    s1, s2 = n.sum(), (n**2).sum()
    e = np.empty(6)
    v = np.empty(6)
    e[0] = alpha * np.sum(n * (n - 1) * (n - 2))
    v[0] = e[0] * (1 - alpha) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * a3 - 4 * (n - 3) * a4 + (n - 3) * a5))
    e[1] = alpha * np.sum(n * (total - n) * (n - 1))
    # sum over all (i, j) of x y (x - 1) ((2x + 2y - 6) a3 + (T - x - 1) a5), with x = n_i, y = n_j
    u = n * (n - 1)
    all_pairs = s1 * np.sum(u * ((2 * a3 - a5) * n + (total * a5 - 6 * a3 - a5))) + 2 * a3 * s2 * np.sum(u)
    v[1] = e[1] * (1 - alpha) + (all_pairs - np.sum(n * n * (n - 1) * ((4 * n - 6) * a3 + (total - n - 1) * a5)))
    e[2] = e[3] = alpha * np.sum(n * (total - n) * (n - 1))
    v[2] = v[3] = e[2] * (1 - alpha) + np.sum(n * (total - n) * (n - 1) * ((total - 3) * a3 + (n - 2) * a5))
    # sum over all (i, j) of x y (T - x - y) is T s1^2 - 2 s1 s2
    e[4] = alpha * ((total * s1**2 - 2 * s1 * s2) - np.sum(n * n * (total - 2 * n)))
    v[4] = e[4] * (1 - alpha)
    # sum over ordered triples of distinct groups of n_i n_j n_k times a term linear in the sizes:
    # c0 + ci n_i + cj n_j + ck n_k. By symmetry the three linear parts share one power sum.
    c0 = (4 * total - 2) * a3 - (4 * total - 2) * a4 + (total - 1) * a5
    linear = (-2 * a3 + 2 * a4 - a5) + (-4 * a3 + 2 * a4) + (-2 * a3 + 4 * a4 - a5)
    rest = (s1 - n) ** 2 - (s2 - n**2)  # for each i: the sum over distinct j, k other than i of n_j n_k
    v[4] += c0 * np.sum(n * rest) + linear * np.sum(n**2 * rest)
    e[5] = alpha * total * (total - 1) * (total - 2)
    v[5] = e[5] * (1 - alpha) + total * (total - 1) * (total - 2) * ((4 * total - 10) * a3 - 4 * (total - 3) * a4
                                                                    + (total - 3) * a5)
    v[np.abs(v) < 1e-8] = 0.0  # a variance that is 0 (one group: no pair of groups) stays 0, not -1e-12
    return e, v


def top_brokers(brokerage: Mapping[str, Mapping[str, int]]) -> tuple[str, ...]:
    """The top tenth of brokers across groups (Gould-Fernandez roles other than coordinator): the
    brokers a map marks and whose arrival or departure Continuity reports. Everyone at or above
    the value of the person at the tenth percentile of those who broker across groups at all (at
    least the first; ties at the cut are all in).

    >>> counts = {p: {"total": t, "coordinator": c} for p, t, c in [("a", 9, 1), ("b", 3, 3), ("c", 2, 0)]}
    >>> top_brokers(counts)
    ('a',)
    """
    across = {pid: counts["total"] - counts["coordinator"] for pid, counts in brokerage.items()}
    ranked = sorted((value for value in across.values() if value > 0), reverse=True)
    if not ranked:
        return ()
    cut = ranked[max(0, len(ranked) // 10 - 1)]
    return tuple(pid for pid, value in across.items() if value > 0 and value >= cut)


def main_role(counts: Mapping[str, int]) -> str:
    """The brokerage role across groups a person plays most; among equals, the first of itinerant,
    representative, gatekeeper and liaison (coordinator is brokerage within one group).

    >>> main_role({"coordinator": 9, "itinerant": 1, "representative": 2, "gatekeeper": 2, "liaison": 0})
    'representative'
    """
    return max(("itinerant", "representative", "gatekeeper", "liaison"), key=lambda role: counts[role])


@dataclass(frozen=True)
class StructuralHoles:
    """Burt's constraint and effective size per person (NaN for people with no tie)."""

    nodes: list[Hashable]
    constraint: np.ndarray
    effective_size: np.ndarray
    contacts: np.ndarray


def structural_holes(ties: TieSelection) -> StructuralHoles:
    """Burt's constraint and effective size, contacts being in- or out-neighbours.

    With ``w_ij = a_ij + a_ji`` (so a mutual tie weighs 2), ``p_ij = w_ij / sum_k w_ik`` and
    ``m_jq = w_jq / max_k w_jk``: constraint ``C_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` and
    effective size ``ES_i = sum_j (1 - sum_q p_iq m_jq)`` over i's contacts j (q other than i
    and j). On undirected unweighted ties ES reduces to ``n - 2t/n`` (Borgatti 1997). These are
    networkx's and igraph's definitions; the tests check the values against both.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
    *Connections*, 20(1), 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> triangle = nx.DiGraph([(0, 1), (1, 0), (1, 2), (2, 1), (0, 2), (2, 0)])
    >>> holes = structural_holes(TieSelection.from_graph(triangle, ("tie",), 3, 0, 0))
    >>> holes.constraint.round(4).tolist(), holes.effective_size.tolist()
    ([1.125, 1.125, 1.125], [1.0, 1.0, 1.0])
    """
    adjacency = ties.adjacency().astype(float)
    weights = (adjacency + adjacency.T).tocsr()
    mask = (weights > 0).astype(float)
    contacts = _rowsum(mask)
    strength = _rowsum(weights)
    with np.errstate(divide="ignore"):
        proportional = diags_array(np.where(strength > 0, 1 / strength, 0.0)) @ weights
        largest = np.asarray(weights.max(axis=1).todense()).reshape(-1)
        marginal = diags_array(np.where(largest > 0, 1 / largest, 0.0)) @ weights
    indirect = (proportional @ proportional) * mask
    constraint = _rowsum((proportional + indirect).power(2))
    redundancy = _rowsum((proportional @ marginal.T) * mask)
    effective = contacts - redundancy
    none = contacts == 0
    constraint[none] = np.nan
    effective[none] = np.nan
    return StructuralHoles(nodes=ties.nodes, constraint=constraint, effective_size=effective, contacts=contacts)

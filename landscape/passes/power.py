"""Power: how can learning trump power? Formal authority against the informal flow of learning.

Formal power comes from the organisation chart (``level``, the ``reports_to`` ties); informal
power from the learning ties (being sought out, standing between others, status). The pass shows
where the two go together and where learning goes around the hierarchy, how concentrated the
landscape is, and which people or ties hold it together. It names patterns and asks the
discipline's questions; it never calls anyone powerless.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np

from landscape.model import Landscape
from landscape.passes.statistics import too_few
from landscape.model.landscape import contradicts, level_order_evidence, reporting_lines
from landscape.passes.ties import learning_ties, TieSelection
from landscape.passes.registry import register_pass
from landscape.stats import kendall_tau_b, rankdata_average, spearman

__all__ = [
    "Correlation",
    "ParticipantPower",
    "PowerResult",
    "freeman_centralization",
    "power",
    "power_rank",
    "reciprocity",
]

INFORMAL_MEASURES: tuple[str, ...] = ("in_degree", "betweenness", "pagerank")
LevelOrder = Literal["higher-is-senior", "lower-is-senior"]


def freeman_centralization(scores: Sequence[float], maximum: float) -> float | None:
    """Freeman's centralization: ``sum_i (max_j C(j) - C(i)) / maximum``.

    ``maximum`` is the largest value the sum can take on a graph of the same size (reached by a
    star). None when it is 0 (two people or fewer).

    >>> freeman_centralization([3, 1, 1, 1], maximum=(4 - 1) * (4 - 2))  # an undirected star
    1.0
    >>> freeman_centralization([2, 2, 2, 2], maximum=6)  # a cycle
    0.0
    """
    if maximum <= 0 or not len(scores):
        return None
    top = max(scores)
    return float(sum(top - score for score in scores) / maximum)


def reciprocity(graph: nx.DiGraph) -> dict[str, float | int | None]:
    """Dyad census and reciprocity of a simple directed graph.

    ``edgewise`` = 2M/m (networkx, igraph default, sna ``edgewise``); ``dyadic`` = (M + N) /
    (n(n-1)/2), null dyads included (sna's default); ``dyadic_nonnull`` = M / (M + A).

    >>> reciprocity(nx.DiGraph([(0, 1), (1, 0), (1, 2)]))["edgewise"]
    0.6666666666666666
    """
    mutual = sum(1 for u, v in graph.edges if graph.has_edge(v, u)) // 2
    return _dyads(graph.number_of_nodes(), graph.number_of_edges(), mutual)


def _reciprocity(ties: TieSelection) -> dict[str, float | int | None]:
    """:func:`reciprocity` of the selection, counted on its arrays."""
    return _dyads(len(ties.nodes), ties.arc_count, int(ties.reciprocated.sum()) // 2)


def _dyads(n: int, arcs: int, mutual: int) -> dict[str, float | int | None]:
    asymmetric = arcs - 2 * mutual
    dyads = n * (n - 1) // 2
    null = dyads - mutual - asymmetric
    return {
        "mutual": mutual,
        "asymmetric": asymmetric,
        "null": null,
        "edgewise": 2 * mutual / arcs if arcs else None,
        "dyadic": (mutual + null) / dyads if dyads else None,
        "dyadic_nonnull": mutual / (mutual + asymmetric) if mutual + asymmetric else None,
    }


@dataclass(frozen=True)
class Correlation:
    """Rank correlation between a formal (or rated) measure and an informal one."""

    measure: str
    n: int
    spearman: float | None
    spearman_p: float | None
    kendall_tau_b: float | None
    kendall_p: float | None

    @property
    def too_few(self) -> bool:
        """Fewer people with both values than a correlation needs to be a finding (MIN_FOR_TESTS)."""
        return too_few(self.n)

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "spearman": self.spearman, "spearman_p": self.spearman_p,
                "kendall_tau_b": self.kendall_tau_b, "kendall_p": self.kendall_p, "too_few": self.too_few}


@dataclass(frozen=True)
class ParticipantPower:
    """One person's formal and informal standing."""

    id: str
    level: int | None
    formal_rank: float | None
    depth: int | None
    direct_reports: int
    in_degree: int
    out_degree: int
    betweenness: float
    pagerank: float
    mismatch: float | None
    influence: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "formal_rank": self.formal_rank,
            "depth": self.depth,
            "direct_reports": self.direct_reports,
            "in_degree": self.in_degree,
            "out_degree": self.out_degree,
            "betweenness": self.betweenness,
            "pagerank": self.pagerank,
            "mismatch": self.mismatch,
            "influence": self.influence,
        }


@dataclass(frozen=True)
class PowerResult:
    """What the Power pass found. ``to_dict()`` gives the JSON the CLI prints under ``power``."""

    pass_name = "power"

    level_order: str
    formal_basis: Literal["level", "reporting depth", "none"]
    mode: Literal["directed", "undirected"]
    ranked: int
    participants: tuple[ParticipantPower, ...]
    alignment: tuple[Correlation, ...]
    rated_alignment: tuple[Correlation, ...]
    mismatch_threshold: float
    hidden_influencers: tuple[str, ...]
    formal_only: tuple[str, ...]
    rated_above_structure: tuple[str, ...]
    structure_above_rating: tuple[str, ...]
    direction: dict[str, int]
    centralization: dict[str, float | None]
    reciprocity: dict[str, float | int | None]
    articulation_points: tuple[str, ...]
    bridges: tuple[tuple[str, str], ...]
    reporting: dict[str, Any]
    ties: dict[str, Any]
    betweenness_estimate: dict[str, Any]
    #: Each participant's name, for the findings' sentences (not in ``to_dict()``: the JSON
    #: names people by id).
    names: dict[str, str]
    #: Where the level order came from: ``option`` (given), ``reporting ties`` (read from them:
    #: at least 80% of those between two levels point one way), or ``default`` (higher-is-senior).
    level_order_source: Literal["option", "reporting ties", "default"] = "default"
    #: Reporting ties between two levels: (pointing to a higher number, pointing to a lower one).
    level_order_evidence: tuple[int, int] = (0, 0)

    @property
    def level_order_contradicted(self) -> bool:
        """True when the order was given as an option and the reporting ties show the other one."""
        return self.level_order_source == "option" and contradicts(self.level_order, self.level_order_evidence)

    def participant(self, pid: str) -> ParticipantPower:
        for person in self.participants:
            if person.id == pid:
                return person
        raise KeyError(pid)

    @property
    def seniority(self) -> dict[str, float | None]:
        """Each person's seniority as the pass used it, higher being more senior: their level
        (negated when lower is senior), or minus their reporting depth; None without one."""
        if self.formal_basis == "level":
            sign = 1 if self.level_order == "higher-is-senior" else -1
            return {p.id: None if p.level is None else sign * p.level for p in self.participants}
        if self.formal_basis == "reporting depth":
            return {p.id: None if p.depth is None else -p.depth for p in self.participants}
        return {p.id: None for p in self.participants}

    @property
    def layers(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The layers of seniority, most senior first, each named (``level 4``, ``top of the
        reporting tree``, ``2 below the top``) with its people; ``no level`` last for people
        without one."""
        members: dict[float | None, list[str]] = {}
        for pid, own in self.seniority.items():  # one pass over the people, in their order
            members.setdefault(own, []).append(pid)
        values = sorted((value for value in members if value is not None), reverse=True)
        layers = [(self._layer_name(value), tuple(members[value])) for value in values]
        if values and None in members:
            layers.append(("no level", tuple(members[None])))
        return tuple(layers)

    def _layer_name(self, value: float) -> str:
        if self.formal_basis == "level":
            return f"level {int(value if self.level_order == 'higher-is-senior' else -value)}"
        return f"{int(-value)} below the top" if value else "top of the reporting tree"

    def to_dict(self) -> dict[str, Any]:
        return {
            "level_order": self.level_order,
            "level_order_source": self.level_order_source,
            "level_order_evidence": {"to_higher_level": self.level_order_evidence[0],
                                     "to_lower_level": self.level_order_evidence[1],
                                     "contradicted": self.level_order_contradicted},
            "formal_basis": self.formal_basis,
            "mode": self.mode,
            "ranked": self.ranked,
            "participants": {p.id: p.to_dict() for p in self.participants},
            "alignment": {c.measure: c.to_dict() for c in self.alignment},
            "rated_alignment": {c.measure: c.to_dict() for c in self.rated_alignment},
            "mismatch_threshold": self.mismatch_threshold,
            "hidden_influencers": list(self.hidden_influencers),
            "formal_only": list(self.formal_only),
            "rated_above_structure": list(self.rated_above_structure),
            "structure_above_rating": list(self.structure_above_rating),
            "direction": dict(self.direction),
            "centralization": dict(self.centralization),
            "reciprocity": dict(self.reciprocity),
            "articulation_points": list(self.articulation_points),
            "bridges": [list(pair) for pair in self.bridges],
            "reporting": dict(self.reporting),
            "ties": self.ties,
            "betweenness_estimate": dict(self.betweenness_estimate),
        }


def power(
    landscape: Landscape,
    *,
    relations: Sequence[str] | None = None,
    level_order: LevelOrder | None = None,
    mismatch_threshold: float = 0.25,
    betweenness_sources: int | None = None,
    seed: int = 1,
) -> PowerResult:
    """Formal authority against the informal flow of learning.

    Parameters
    ----------
    landscape : Landscape
    relations : sequence of str, optional
        The learning ties to measure; by default the learning types (see :func:`~landscape.passes.ties.learning_ties`).
    level_order : {"higher-is-senior", "lower-is-senior"}, optional
        How ``level`` is coded; by default the landscape's setting (higher is senior).
    mismatch_threshold : float
        A person is listed as sought out beyond their rank (or ranked beyond being sought out)
        when their mismatch is at least this, in either direction (a quarter of the ranking by
        default). Nobody at the most senior level is listed as sought out beyond their rank, and
        nobody at the least senior level as ranked beyond being sought out. When in-degree is the
        same for everyone with a seniority there is nothing to compare, and nobody is listed;
        likewise for rated influence when the ratings, or the in-degrees of the people rated, are
        all the same.

    Returns
    -------
    PowerResult
        Per person: level, formal rank, depth in the reporting tree and direct reports; in-degree,
        betweenness (normalised) and PageRank on the learning ties; the mismatch between informal
        and formal rank, and rated influence. For the landscape: Spearman and Kendall tau-b
        between seniority and each informal measure (and rated influence), the direction of
        learning across levels, Freeman centralization, reciprocity, articulation points and
        bridges. Its findings are :func:`landscape.findings.findings_for` ``("power", result)``.

    Notes
    -----
    Seniority is ``level`` (negated for ``lower-is-senior``); without levels, the depth in the
    reporting tree (``i -> j``: i reports to j; roots most senior). Formal rank and the mismatch
    ``M_i = r(in-degree_i)/N - r(seniority_i)/N`` use average ranks over the N people with a
    seniority. Betweenness is Freeman's (Brandes' algorithm, via igraph), normalised by
    ``(n-1)(n-2)`` on directed ties; PageRank uses damping 0.85 and ignores weights.
    Centralization follows Freeman (1979): for directed ties the maxima are ``(n-1)^2`` for in- and
    out-degree, ``2(n-1)(n-2)`` for total degree (sna's ``cmode="freeman"``) and ``(n-1)^2(n-2)``
    for raw betweenness; when every tie holds both ways the undirected maxima ``(n-1)(n-2)`` and
    ``(n-1)^2(n-2)/2`` are used. Self-ties are left out and parallel ties collapsed first.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
    Networks*, 1, 215-239.
    Krackhardt, D. (1990). Assessing the political landscape. *Administrative Science Quarterly*,
    35, 342-369.
    Brass, D. J. (1984). Being in the right place. *ASQ*, 29, 518-539.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociol.*, 25, 163-177.
    Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. *Int. J. Bifurcation
    and Chaos*, 17(7), 2303-2318.
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University Press.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    >>> result = power(land, relations=["advice"])
    >>> round(result.alignment[0].spearman, 4), result.direction["upward"], result.direction["downward"]
    (0.6713, 57, 29)
    """
    order: LevelOrder = level_order or landscape.settings.level_order
    if order not in ("higher-is-senior", "lower-is-senior"):
        raise ValueError(f"level_order must be 'higher-is-senior' or 'lower-is-senior', not {order!r}")
    ties = learning_ties(landscape, relations)
    nodes = ties.nodes
    mode: Literal["directed", "undirected"] = "undirected" if ties.is_symmetric() else "directed"

    levels = {node: level for node, level in landscape.graph.nodes(data="level")}
    reporting = _reporting(landscape)
    basis, seniority = _seniority(levels, reporting, order)

    in_degree = dict(zip(nodes, ties.in_degree.tolist()))
    out_degree = dict(zip(nodes, ties.out_degree.tolist()))
    betweenness, estimate = _betweenness(ties, directed=mode == "directed", sources=betweenness_sources, seed=seed)
    pagerank = _pagerank(ties)
    informal = {"in_degree": in_degree, "betweenness": betweenness, "pagerank": pagerank}
    formal_rank, mismatch, alignment, hidden, formal_only = _against_rank(nodes, seniority, informal,
                                                                         mismatch_threshold)
    influence = {node: rated for node, rated in landscape.graph.nodes(data="influence") if rated is not None}
    rated_alignment, rated_above, structure_above = _against_rating(nodes, influence, informal, mismatch_threshold)

    participants = tuple(
        ParticipantPower(
            id=str(node),
            level=levels.get(node),
            formal_rank=formal_rank.get(node),
            depth=reporting["depth"].get(node),
            direct_reports=reporting["direct_reports"].get(node, 0),
            in_degree=in_degree[node],
            out_degree=out_degree[node],
            betweenness=betweenness[node],
            pagerank=float(pagerank.get(node, 0.0)),
            mismatch=mismatch.get(node),
            influence=influence.get(node),
        )
        for node in nodes
    )
    cut_points = _articulation_points(ties)
    return PowerResult(
        level_order=order, formal_basis=basis, mode=mode, ranked=len(formal_rank), participants=participants,
        alignment=alignment, rated_alignment=rated_alignment, mismatch_threshold=mismatch_threshold,
        hidden_influencers=hidden, formal_only=formal_only, rated_above_structure=rated_above,
        structure_above_rating=structure_above, direction=_direction(landscape, ties.relations, seniority),
        centralization=_centralization(ties, in_degree, out_degree, betweenness, mode),
        reciprocity=_reciprocity(ties), articulation_points=tuple(str(node) for node in nodes if node in cut_points),
        bridges=_bridges(ties), reporting=_result_reporting(reporting), ties=ties.to_dict(),
        betweenness_estimate=estimate,
        **_about(landscape, level_order),
    )


def power_rank(landscape: Landscape, scores: dict[Hashable, float], *, mismatch_threshold: float = 0.25
               ) -> tuple[Correlation | None, str, tuple[str, ...]]:
    """Another measure of being looked to set beside seniority as :func:`power` reads it: Spearman and
    Kendall between seniority and ``scores`` (None without seniority), what seniority rests on
    (``level``, ``reporting depth``, ``none``), and who is looked to beyond their rank (Power's rule).

    >>> from landscape import load, sample_path
    >>> land = load(sample_path("krackhardt-hightech"))
    >>> in_degree = dict(learning_ties(land, ["advice"]).graph.in_degree())
    >>> correlation, basis, _ = power_rank(land, in_degree)
    >>> basis, round(correlation.spearman, 4)
    ('level', 0.6713)
    """
    order = landscape.settings.level_order or "higher-is-senior"
    levels = {node: level for node, level in landscape.graph.nodes(data="level")}
    basis, seniority = _seniority(levels, _reporting(landscape), order)
    if basis == "none":
        return None, basis, ()
    nodes = [node for node in landscape.graph.nodes if node in scores]
    _, _, alignment, beyond, _ = _against_rank(nodes, seniority, {"in_degree": scores}, mismatch_threshold,
                                               measures=("in_degree",))
    return alignment[0], basis, beyond


def _seniority(levels: dict[Hashable, Any], reporting: dict[str, Any],
               order: LevelOrder) -> tuple[Literal["level", "reporting depth", "none"], dict[Hashable, float]]:
    """Each person's seniority (larger = more senior) and what it rests on: ``level`` (negated
    for ``lower-is-senior``), else the depth in the reporting tree (roots most senior), else none."""
    if any(level is not None for level in levels.values()):
        basis: Literal["level", "reporting depth", "none"] = "level"
        sign = 1 if order == "higher-is-senior" else -1
        seniority = {node: sign * level for node, level in levels.items() if level is not None}
    elif reporting["depth"]:
        basis = "reporting depth"
        seniority = {node: -depth for node, depth in reporting["depth"].items() if depth is not None}
    else:
        basis, seniority = "none", {}
    return basis, seniority


def _against_rank(
    nodes: list[Hashable],
    seniority: dict[Hashable, float],
    informal: dict[str, dict[Hashable, float]],
    mismatch_threshold: float,
    measures: Sequence[str] = INFORMAL_MEASURES,
) -> tuple[dict[Hashable, float], dict[Hashable, float], tuple[Correlation, ...], tuple[str, ...], tuple[str, ...]]:
    """Formal rank beside being sought out: each ranked person's formal rank and mismatch, the
    correlations with each informal measure, and who is sought out beyond their rank (hidden
    influencers) or holds rank that goes unsought (formal only)."""
    in_degree = informal["in_degree"]
    ranked_nodes = [node for node in nodes if node in seniority]
    formal_rank = _average_ranks({node: seniority[node] for node in ranked_nodes})
    informal_rank = _average_ranks({node: in_degree[node] for node in ranked_nodes})
    count = len(ranked_nodes)
    mismatch = {node: (informal_rank[node] - formal_rank[node]) / count for node in ranked_nodes}
    alignment = tuple(
        _correlation(name, [seniority[node] for node in ranked_nodes], [informal[name][node] for node in ranked_nodes])
        for name in measures
    )
    # Nobody at the top level can be sought out beyond their rank, and nobody at the bottom level
    # holds rank that goes unsought: average ranks would otherwise put a whole tied level mid-table.
    # When everyone ranked is sought out equally often (nobody at all, say), average ranks would
    # still rank the junior above the senior: there is nothing to compare, so nobody is listed.
    top = max(seniority.values(), default=None)
    bottom = min(seniority.values(), default=None)
    compared = ranked_nodes if _varies(in_degree[node] for node in ranked_nodes) else []
    # Equal mismatches in the order of the ids, not of the rows: reordering a sheet changes nothing.
    hidden = tuple(str(node) for node in sorted(compared, key=lambda node: (-mismatch[node], str(node)))
                   if mismatch[node] >= mismatch_threshold and seniority[node] != top)
    formal_only = tuple(str(node) for node in sorted(compared, key=lambda node: (mismatch[node], str(node)))
                        if mismatch[node] <= -mismatch_threshold and seniority[node] != bottom)
    return formal_rank, mismatch, alignment, hidden, formal_only


def _against_rating(
    nodes: list[Hashable],
    influence: dict[Hashable, float],
    informal: dict[str, dict[Hashable, float]],
    mismatch_threshold: float,
) -> tuple[tuple[Correlation, ...], tuple[str, ...], tuple[str, ...]]:
    """Rated influence beside being sought out: the correlations with each informal measure, and
    who is rated above, or below, what the ties show."""
    in_degree = informal["in_degree"]
    rated_nodes = [node for node in nodes if node in influence]
    rated_alignment = tuple(
        _correlation(name, [influence[node] for node in rated_nodes], [informal[name][node] for node in rated_nodes])
        for name in INFORMAL_MEASURES
    ) if rated_nodes else ()
    rated_gap: dict[Hashable, float] = {}
    if len(rated_nodes) >= 3 and _varies(influence[node] for node in rated_nodes) \
            and _varies(in_degree[node] for node in rated_nodes):
        rated_rank = _average_ranks({node: influence[node] for node in rated_nodes})
        structural_rank = _average_ranks({node: in_degree[node] for node in rated_nodes})
        rated_gap = {node: (structural_rank[node] - rated_rank[node]) / len(rated_nodes) for node in rated_nodes}
    rated_above = tuple(str(node) for node in sorted(rated_gap, key=lambda node: (rated_gap[node], str(node)))
                        if rated_gap[node] <= -mismatch_threshold)
    structure_above = tuple(str(node) for node in sorted(rated_gap, key=lambda node: (-rated_gap[node], str(node)))
                            if rated_gap[node] >= mismatch_threshold)
    return rated_alignment, rated_above, structure_above


def _result_reporting(reporting: dict[str, Any]) -> dict[str, Any]:
    """The reporting tree as the result gives it: ties, roots, people on a cycle, largest span."""
    return {
        "ties": reporting["ties"],
        "roots": [str(node) for node in reporting["roots"]],
        "in_cycles": [str(node) for node in reporting["in_cycles"]],
        "largest_span": max(reporting["direct_reports"].values(), default=0),
    }


def _undirected_igraph(ties: TieSelection) -> Any:
    """The ties as a simple undirected igraph graph over ``ties.nodes`` (each pair once)."""
    import igraph

    n = len(ties.nodes)
    codes = ties.pair_codes
    return igraph.Graph(n=n, edges=np.column_stack((codes // n, codes % n)).tolist() if n else [], directed=False)


def _articulation_points(ties: TieSelection) -> set[Hashable]:
    """People whose leaving would cut the undirected ties apart (igraph, in C; the same set as
    networkx's ``articulation_points``, which took seconds at 100,000 people)."""
    nodes = ties.nodes
    return {nodes[i] for i in _undirected_igraph(ties).articulation_points()} if nodes else set()


def _pagerank(ties: TieSelection, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[Hashable, float]:
    """networkx's ``pagerank(graph, alpha, weight=None)``, step for step on the arcs' arrays (the
    same sparse matrix, the same iteration, so the same floats) without building the graph.

    Raises networkx's ``PowerIterationFailedConvergence`` as it does.
    """
    from scipy.sparse import coo_array, dia_array

    n = len(ties.nodes)
    if n == 0:
        return {}
    sources, targets = ties.arcs
    matrix = coo_array((np.ones(len(sources)), (sources, targets)), shape=(n, n), dtype=float).asformat("csr")
    out = matrix.sum(axis=1)
    out[out != 0] = 1.0 / out[out != 0]
    matrix = dia_array((out.T, 0), shape=matrix.shape).tocsr() @ matrix
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling = np.where(out == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ matrix + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(ties.nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _bridges(ties: TieSelection) -> tuple[tuple[str, str], ...]:
    """Ties whose loss would cut the landscape apart (bridges of the undirected ties), each as a
    sorted pair. igraph finds them in C: networkx's bridges took 12 s of the pass's 70 s at
    100,000 people; the pairs are the same (tests/test_power.py compares them)."""
    nodes = ties.nodes
    graph = _undirected_igraph(ties)
    edges = graph.get_edgelist()
    found = (tuple(sorted((str(nodes[edges[e][0]]), str(nodes[edges[e][1]])))) for e in graph.bridges())
    return tuple(sorted(found))


def _varies(values: Any) -> bool:
    """True when the values are not all the same (two or more distinct ones)."""
    return len({_settled(value) for value in values}) >= 2


def _average_ranks(values: dict[Hashable, float]) -> dict[Hashable, float]:
    """Average ranks (1 = lowest), ties sharing the mean of their positions."""
    keys = list(values)
    if not keys:
        return {}
    ranks = rankdata_average([_settled(values[key]) for key in keys])
    return {key: float(rank) for key, rank in zip(keys, ranks)}


def _correlation(measure: str, x: Sequence[float], y: Sequence[float]) -> Correlation:
    n = len(x)
    x, y = [_settled(v) for v in x], [_settled(v) for v in y]
    if n < 3 or len(set(x)) < 2 or len(set(y)) < 2:
        return Correlation(measure, n, None, None, None, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rho, rho_p = spearman(x, y)
        tau, tau_p = kendall_tau_b(x, y)
    return Correlation(measure, n, _finite(rho), _finite(rho_p), _finite(tau), _finite(tau_p))


def _settled(value: float) -> float:
    """The value to 12 significant digits, so that two people with the same betweenness reached
    by different summation orders (last-bit float noise) tie in the ranks, whatever the row order."""
    return float(f"{value:.12g}")


def _finite(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


#: Betweenness is exact for up to this many participants; above it, it is estimated from
#: SAMPLED_SOURCES sources (Brandes & Pich 2007), seeded. Exact betweenness costs about n x ties:
#: 10 s for 10,000 people and 98,000 ties here, and hours at 100,000 people and a million ties.
EXACT_BETWEENNESS_UP_TO = 5000
SAMPLED_SOURCES = 1000
#: How close the estimate came on the benchmark landscape of 10,000 people (benchmarks/generate.py,
#: seed 1; exact against 1,000 sources): rank correlation and median relative error in the top 100.
SAMPLED_ACCURACY = "Spearman 0.93 against the exact values, median relative error 12% among the top 100"


def _betweenness(ties: TieSelection, *, directed: bool, sources: int | None = None,
                 seed: int = 1) -> tuple[dict[Hashable, float], dict[str, Any]]:
    """Freeman betweenness, normalised as networkx does: by (n-1)(n-2), and by 2/((n-1)(n-2))
    when every tie holds both ways (each unordered pair once). Computed by igraph (Brandes'
    algorithm in C, 27-32x faster than networkx here with the same values).

    Exact for up to :data:`EXACT_BETWEENNESS_UP_TO` people (or when ``sources`` is at least the
    number of people); otherwise estimated from ``sources`` (default :data:`SAMPLED_SOURCES`)
    source people drawn with ``seed``: the dependencies of the sampled sources summed and scaled
    by n / k, an unbiased estimate (Brandes & Pich 2007). The second value says which was done.
    """
    import random

    import igraph

    nodes = ties.nodes
    n = len(nodes)
    if sources is None:
        sources = n if n <= EXACT_BETWEENNESS_UP_TO else SAMPLED_SOURCES
    if sources < 1:
        raise ValueError(f"betweenness_sources must be at least 1, not {sources}")
    exact = sources >= n
    estimate: dict[str, Any] = {"method": "exact", "sources": None, "seed": None, "accuracy": None}
    if n < 3:
        return {node: 0.0 for node in nodes}, estimate
    sample = None if exact else random.Random(seed).sample(range(n), sources)
    if not exact:
        estimate = {"method": "sampled", "sources": sources, "seed": seed,
                    "accuracy": SAMPLED_ACCURACY if sources == SAMPLED_SOURCES else None}
    arc_sources, arc_targets = ties.arcs
    if directed:
        graph = igraph.Graph(n=n, edges=list(zip(arc_sources.tolist(), arc_targets.tolist())), directed=True)
        raw = graph.betweenness(directed=True, sources=sample)
        scale = 1 / ((n - 1) * (n - 2))
    else:
        graph = _undirected_igraph(ties)  # each pair once, in sorted order
        raw = graph.betweenness(directed=False, sources=sample)
        scale = 2 / ((n - 1) * (n - 2))
    if sample is not None:
        scale *= n / len(sample)
    return {node: float(value) * scale for node, value in zip(nodes, raw)}, estimate


def _centralization(
    ties: TieSelection,
    in_degree: dict[Hashable, int],
    out_degree: dict[Hashable, int],
    betweenness: dict[Hashable, float],
    mode: str,
) -> dict[str, float | None]:
    n = len(ties.nodes)
    if n < 3:
        return {"in_degree": None, "out_degree": None, "degree": None, "betweenness": None}
    if mode == "undirected":
        degree = list(in_degree.values())  # each tie both ways: in-degree is the degree
        value = freeman_centralization(degree, (n - 1) * (n - 2))
        raw = [b * (n - 1) * (n - 2) / 2 for b in betweenness.values()]
        return {"in_degree": value, "out_degree": value, "degree": value,
                "betweenness": freeman_centralization(raw, (n - 1) ** 2 * (n - 2) / 2)}
    total = [in_degree[node] + out_degree[node] for node in ties.nodes]
    raw = [b * (n - 1) * (n - 2) for b in betweenness.values()]
    return {
        "in_degree": freeman_centralization(list(in_degree.values()), (n - 1) ** 2),
        "out_degree": freeman_centralization(list(out_degree.values()), (n - 1) ** 2),
        "degree": freeman_centralization(total, 2 * (n - 1) * (n - 2)),
        "betweenness": freeman_centralization(raw, (n - 1) ** 2 * (n - 2)),
    }


def _about(landscape: Landscape, given: str | None) -> dict[str, Any]:
    """The names the findings use; where the level order came from and the reporting ties that bear on it."""
    source = "option" if given else landscape.settings.level_order_source or "default"
    # The evidence of the whole input (a wave's landscape may hold only some of its reporting lines).
    evidence = landscape.settings.level_order_evidence or level_order_evidence(landscape.tables)
    return {"names": {str(node): str(name) for node, name in landscape.graph.nodes(data="name")},
            "level_order_source": source, "level_order_evidence": evidence}


def _reporting(landscape: Landscape) -> dict[str, Any]:
    """The reporting tree: ``i -> j`` when i reports to j (reports_to, managed_by...; manages and
    supervises turned round: see :func:`landscape.model.landscape.reporting_lines`).

    Counted on arrays, with igraph's breadth-first search and strong components (networkx's took
    3.7 s at 100,000 people); each dict lists people in the order networkx's tree would (the order
    the lines first name them)."""
    import igraph

    lines = reporting_lines(landscape.relationships)
    tree = list(dict.fromkeys((s, t) for s, t in lines if s != t))  # one arc per ordered pair, as a DiGraph
    order = list(dict.fromkeys(person for line in tree for person in line))
    index = {node: position for position, node in enumerate(order)}
    k = len(order)
    arcs = np.array([(index[s], index[t]) for s, t in tree], dtype=np.int64).reshape(-1, 2)
    reports = np.bincount(arcs[:, 1], minlength=k).tolist()
    above = np.bincount(arcs[:, 0], minlength=k)
    direct_reports = dict(zip(order, reports))
    roots = [node for node in landscape.graph.nodes if node in index and above[index[node]] == 0]
    depth: dict[Hashable, int | None] = {}
    if roots:
        # Down the tree from a common top above every root: a person's depth is their distance from it, less one.
        top = k
        down = np.vstack((arcs[:, ::-1], [(top, index[root]) for root in roots]))
        reached, starts, _ = igraph.Graph(n=k + 1, edges=down.tolist(), directed=True).bfs(top, mode="out")
        distance = np.full(k + 1, -1, dtype=np.int64)
        for layer, (start, end) in enumerate(zip(starts[:-1], starts[1:])):
            distance[reached[start:end]] = layer
        depth = {node: int(distance[i]) - 1 for i, node in enumerate(order) if distance[i] >= 0}
    # People on a reporting cycle; those below one (reporting to someone on it) reach no root
    # either, and have no depth, but are not on the cycle themselves.
    parts = np.array(igraph.Graph(n=k, edges=arcs.tolist(), directed=True).connected_components(mode="strong")
                     .membership if k else [], dtype=np.int64)
    cyclic = np.bincount(parts, minlength=1)[parts] > 1 if k else np.zeros(0, dtype=bool)
    in_cycles = [node for node in landscape.graph.nodes if node in index and cyclic[index[node]]]
    for node in order:
        depth.setdefault(node, None)
    return {"ties": len(lines), "direct_reports": direct_reports, "roots": roots, "depth": depth,
            "in_cycles": in_cycles}


def _direction(landscape: Landscape, relations: Sequence[str], seniority: dict[Hashable, float]) -> dict[str, int]:
    """Each learning tie (a pair once per direction) up, down or across the hierarchy."""
    frame = landscape.relationships
    rows = frame[frame["type"].isin(relations)] if len(frame) else frame
    counts = {"upward": 0, "downward": 0, "lateral": 0, "undirected_across": 0, "undirected_same_level": 0,
              "unranked": 0}
    if not len(rows):
        return counts
    directed_pairs: set[tuple[Hashable, Hashable]] = set()
    undirected_pairs: set[frozenset[Hashable]] = set()
    for source, target, direction in zip(*(rows[c].tolist() for c in ("source", "target", "direction"))):
        if source == target:
            continue
        if direction == "directed":
            directed_pairs.add((source, target))
        else:
            undirected_pairs.add(frozenset((source, target)))
    for source, target in directed_pairs:
        if source not in seniority or target not in seniority:
            counts["unranked"] += 1
        elif seniority[target] > seniority[source]:
            counts["upward"] += 1
        elif seniority[target] < seniority[source]:
            counts["downward"] += 1
        else:
            counts["lateral"] += 1
    for pair in undirected_pairs:
        a, b = tuple(pair)
        if a not in seniority or b not in seniority:
            counts["unranked"] += 1
        elif seniority[a] == seniority[b]:
            counts["undirected_same_level"] += 1
        else:
            counts["undirected_across"] += 1
    return counts


register_pass("power", power, description="How can learning trump power? Formal authority against the informal flow.",
              settings=("level_order", "relations"))

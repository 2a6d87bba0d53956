"""Scale: how to keep a multi-scale perspective? The landscape person by person, unit by unit.

Levels of scale group the participants, from finest to coarsest: communities, the larger units
the Communities sheet nests them in, organisations, any attribute (a person may be in several
units of a level). The pass aggregates the ties at each level, says at which level each tie
sits, and sets the declared units beside the clusters the ties themselves form (Louvain at
several resolutions, seeds stated, stability across seeds reported). The clusters are called so
to keep them apart from the communities of practice people convene: the API keeps the names
``detect_communities`` and ``detected``, as the literature does.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from landscape.model import Landscape
from landscape.passes.arrays import sparse_entries, text_ranks
from landscape.passes.ei import EIIndex, is_symmetric, membership_matrix, network_ei, pair_counts, tied_pairs
from landscape.passes.groups import group_key, group_values, grouping
from landscape.passes.ties import learning_ties
from landscape.passes.registry import register_pass
from landscape.passes.statistics import too_few
from landscape.schema import normalise_header

__all__ = [
    "NESTING_LEVELS",
    "ScaleResult",
    "WIDER_UNIT",
    "adjusted_rand",
    "detect_communities",
    "normalised_mutual_information",
    "reported_detection",
    "scale",
]

#: What ``levels`` may call the steps of the Communities sheet's nesting (the units it nests
#: communities in, one step up at a time), whatever name the data give each step.
NESTING_LEVELS: tuple[str, ...] = ("parent", "grandparent", "great-grandparent", "great-great-grandparent")
#: The name of a step of the nesting when the data give it none (" (2 steps up)"... above the first).
WIDER_UNIT = "wider unit"
ACROSS = "across all levels"
#: Words of a parent column's header that say "belongs to" and name no kind of unit: a header made
#: of them only (``parent``, ``belongs_to``, ``part_of``) names no level.
_RELATIONAL_WORDS = frozenset({"parent", "parents", "belongs", "belong", "belonging", "to", "part", "of", "is",
                               "in", "within", "member", "the", "a", "an", "unit"})


@dataclass(frozen=True)
class Level:
    """One level of scale: each person's unit(s) there, and where the level came from."""

    name: str
    source: str
    units: dict[Hashable, tuple[str, ...]]

    def first(self, node: Hashable) -> str | None:
        units = self.units.get(node, ())
        return units[0] if units else None


@dataclass(frozen=True)
class Detection:
    """The clusters the ties form at one resolution (``communities`` counts them): the best of
    several seeded runs, and how stable."""

    resolution: float
    seeds: tuple[int, ...]
    membership: tuple[int, ...]
    communities: int
    modularity: float | None
    objective: float | None
    mean_ari: float | None
    node_stability: tuple[float, ...]
    nmi: dict[str, float]
    ari: dict[str, float]

    def to_dict(self, nodes: list[Hashable]) -> dict[str, Any]:
        stable = [value for value in self.node_stability if value == value]
        return {
            "resolution": self.resolution,
            "seeds": list(self.seeds),
            "communities": self.communities,
            "modularity": self.modularity,
            "objective": self.objective,
            "nmi": dict(self.nmi),
            "ari": dict(self.ari),
            "stability": {
                "mean_ari": self.mean_ari,
                "mean_node": float(np.mean(stable)) if stable else None,
                "unstable_people": [str(node) for node, value in zip(nodes, self.node_stability) if value < 0.5],
            },
        }


@dataclass(frozen=True)
class ScaleResult:
    """What the Scale pass found. ``to_dict()`` gives the JSON under ``scale``."""

    pass_name = "scale"

    levels: tuple[Level, ...]
    nodes: list[Hashable]
    aggregates: dict[str, dict[str, Any]]
    tie_levels: dict[str, int]
    ties_counted: int
    ei: dict[str, EIIndex]
    declared: dict[str, dict[str, Any]]
    detected: tuple[Detection, ...]
    spanning: tuple[dict[str, Any], ...]
    ties: dict[str, Any]

    def detection(self, resolution: float) -> Detection:
        for detection in self.detected:
            if detection.resolution == resolution:
                return detection
        raise KeyError(resolution)

    @property
    def reported(self) -> Detection | None:
        """The detection the findings report: at resolution 1 when it was run, else the first."""
        return reported_detection(self.detected)

    def to_dict(self) -> dict[str, Any]:
        index = {node: position for position, node in enumerate(self.nodes)}
        return {
            "levels": [{"name": level.name, "source": level.source,
                        "units": len({u for units in level.units.values() for u in units})} for level in self.levels],
            "aggregates": self.aggregates,
            "tie_levels": dict(self.tie_levels),
            "ties_counted": self.ties_counted,
            "too_few": too_few(len(self.nodes)),  # no E-I against chance in a finding below MIN_FOR_TESTS
            "ei": {name: e.to_dict() for name, e in self.ei.items()},
            "declared": self.declared,
            "detected": [detection.to_dict(self.nodes) for detection in self.detected],
            "spanning": list(self.spanning),
            "participants": {
                str(node): {
                    "units": {level.name: level.first(node) for level in self.levels},
                    "detected": {str(d.resolution): d.membership[index[node]] for d in self.detected},
                }
                for node in self.nodes
            },
            "ties": self.ties,
        }


#: Above this many people Louvain runs 3 times per resolution by default instead of 10.
RUNS_FEWER_ABOVE = 10_000


def scale(
    landscape: Landscape,
    *,
    levels: Sequence[str] | None = None,
    relations: Sequence[str] | None = None,
    resolutions: Sequence[float] = (0.5, 1.0, 2.0),
    seed: int = 1,
    runs: int | None = None,
) -> ScaleResult:
    """The landscape at several levels of scale, and the clusters its ties form.

    Parameters
    ----------
    landscape : Landscape
    levels : sequence of str, optional
        Levels from finest to coarsest: participant attributes (``community``, any column) or
        steps of the Communities sheet's nesting, by the name the data give them (see Notes) or
        as ``parent``, ``grandparent``... By default ``community``, then each step of the nesting
        and ``organisation`` as far as the input has them, by number of units (most first); a
        step of the nesting that groups people exactly as the step below is left out.
    relations : sequence of str, optional
        The ties to measure; by default the learning types (see :func:`~landscape.passes.ties.learning_ties`).
    resolutions : sequence of float
        Louvain resolutions (gamma) to find clusters at; larger gives more, smaller ones. Each
        must be a finite number above 0. The findings report resolution 1 when it is among them,
        else the first.
    seed, runs : int
        Louvain runs ``runs`` times with seeds ``seed, seed+1, ...`` at each resolution; the run
        with the best objective is reported, with the agreement between runs. By default 10 runs,
        or 3 above :data:`RUNS_FEWER_ABOVE` people.

    Raises
    ------
    ValueError
        A resolution that is not a finite number above 0, ``runs`` below 1, or ``levels`` empty
        or naming one level twice.
    UnknownAttribute
        A level names an attribute nobody has.

    Returns
    -------
    ScaleResult
        Per level: an aggregated graph (units sized by members; ties and density between units),
        the E-I index, the modularity of the declared units. Each tie's level (the finest at which
        its ends share a unit). Per resolution: the clusters the ties form (``detected``), their
        modularity, agreement with each level (NMI, ARI) and stability across seeds. Clusters that
        span declared units. Findings: :func:`landscape.findings.findings_for` ``("scale", result)``.

    Notes
    -----
    A step of the nesting is named from the data, never "parent": after the ``scale`` its units
    act at when every unit at that step has a row of its own in the Communities sheet and all
    give the same one (``region``); else after the parent column's header as written in the file,
    less words that only say "belongs to" (``Network`` gives ``network``; ``parent``,
    ``belongs_to``, ``part_of`` give nothing); else :data:`WIDER_UNIT`, the last two with
    `` (2 steps up)``... above the first step. A name a participant column or a lower step already
    has is passed over for the next rule, so a step has one name whichever levels are chosen.

    Ties are the pairs of people tied in either direction (self-ties left out, parallel ties
    collapsed). A person in several units of a level counts in each: in its members, in the ties
    inside it (both ends members) and between units, where a tie counts once for each (unit of one
    end, unit of the other end) pair of two different units. Density: ties inside / ``C(n_u, 2)``;
    between, ties / ``(n_u n_v - |u and v|)`` (MEASURES 5.1 writes ``n_u n_v``, for units sharing
    nobody; see ``_aggregate``). People with no unit at a level are left out of its aggregate.
    Modularity needs one unit each: the first unit listed, a unit of their own for people with
    none. Clusters are found with igraph's multilevel algorithm (Louvain) on the unweighted,
    undirected ties: ``Q_gamma = (1/2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j)``.
    ``modularity`` is Q at gamma = 1, ``objective`` Q at the run's gamma; both are None (not
    defined) without ties. Stability: the mean adjusted Rand index between runs, and for each
    person the mean Jaccard overlap between their cluster in the reported run and in each other
    run (people below 0.5 are listed).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding of
    communities in large networks. *J. Stat. Mech.*, P10008.
    Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating community structure in networks.
    *Physical Review E*, 69, 026113.
    Reichardt, J., & Bornholdt, S. (2006). Statistical mechanics of community detection. *PRE*, 74.
    Fortunato, S., & Barthelemy, M. (2007). Resolution limit in community detection. *PNAS*, 104, 36-41.
    Wenger-Trayner, E., & Wenger-Trayner, B. (2014). *Learning in Landscapes of Practice*. Routledge.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> result = scale(load(sample_path("clinical-simulation")))
    >>> [level.name for level in result.levels]
    ['community', 'organisation', 'wider unit']
    >>> [unit["members"] for unit in result.aggregates["community"]["nodes"]][:2]
    [20, 14]
    """
    if runs is not None and runs < 1:
        raise ValueError("runs must be at least 1")
    resolutions = tuple(resolutions)
    bad = [value for value in resolutions if not _positive(value)]
    if bad or not resolutions:
        raise ValueError(f"each resolution must be a finite number above 0 (got {', '.join(map(repr, bad)) or 'none'})")
    ties = learning_ties(landscape, relations)
    nodes = ties.nodes
    chosen = _levels(landscape, levels if levels is not None else landscape.settings.levels)
    pairs = tied_pairs(ties)  # once (rows of two positions, sorted): every level counts over them
    memberships = {level.name: membership_matrix(ties, level.units) for level in chosen}
    tie_levels = _tie_levels(pairs, [memberships[level.name][0] for level in chosen], chosen)
    undirected = is_symmetric(ties)
    ei = {level.name: network_ei(ties, level.units, undirected=undirected, membership=memberships[level.name][0])
          for level in chosen}
    aggregates = {level.name: _aggregate(*memberships[level.name], pairs) for level in chosen}
    graph, rank = _canonical(nodes, pairs)
    partitions = {level.name: _partition(level, nodes, np.argsort(rank)) for level in chosen}  # in graph's order
    declared = {level.name: _declared(level, ties, pairs, memberships[level.name][0], graph, partitions[level.name])
                for level in chosen}
    # Ten runs per resolution show how stable the clusters are; above RUNS_FEWER_ABOVE people
    # (where one run takes seconds) three still do, and the seeds used are in the result.
    count = runs if runs is not None else (10 if len(nodes) <= RUNS_FEWER_ABOVE else 3)
    detected = _detected(graph, rank, partitions, resolutions, tuple(range(seed, seed + count)))
    spanning = _spanning(detected, chosen, nodes)
    return ScaleResult(levels=tuple(chosen), nodes=nodes, aggregates=aggregates, tie_levels=tie_levels,
                       ties_counted=len(pairs), ei=ei, declared=declared, detected=detected, spanning=tuple(spanning),
                       ties=ties.to_dict())


def _levels(landscape: Landscape, names: Sequence[str] | None) -> list[Level]:
    present = set(landscape.participants.columns)
    default = names is None
    if names is not None and not list(names):
        raise ValueError("levels must name at least one level")
    nesting = _nesting(landscape)
    steps = _nesting_steps(landscape, nesting) if "community" in present and nesting else []
    if names is None:
        names = [name for name in ("community",) if name in present]
        names += [step.name for step in steps[: _depth(nesting)]]
        names += [name for name in ("organisation",) if name in present]
    levels: list[Level] = []
    for name in names:
        step = _step_named(name, steps)
        if step is not None:
            if default and levels and _same_partition(step, levels[-1]):
                continue  # the nesting stops here for everyone: this step only renames the units
            levels.append(step)
        elif normalise_header(name) in _ALIASES:
            from landscape.errors import UnknownAttribute

            raise UnknownAttribute(f"the level {name!r} nests communities in larger units, which needs a community "
                                   "column and a Communities sheet naming each community's parent")
        else:
            grouped = grouping(landscape, name)
            levels.append(Level(name=grouped.attribute, source="participant attribute", units=grouped.memberships))
    named = [level.name for level in levels]
    twice = sorted({name for name in named if named.count(name) > 1})
    if twice:
        raise ValueError(f"the level {', '.join(map(repr, twice))} is named more than once")
    if default and len(levels) > 2:
        first, rest = levels[0], levels[1:]
        rest.sort(key=lambda level: -len({u for units in level.units.values() for u in units}))
        levels = [first, *rest]
    return levels


_ALIASES = {normalise_header(alias): step for step, alias in enumerate(NESTING_LEVELS)}


def _step_named(name: str, steps: list[Level]) -> Level | None:
    """The step of the nesting ``name`` calls for: by its alias (``parent``, ``grandparent``...)
    or by the name the data give it, in either's header form; None when it names neither."""
    wanted = normalise_header(name)
    if wanted in _ALIASES:
        return steps[_ALIASES[wanted]] if steps else None
    return next((step for step in steps if normalise_header(step.name) == wanted), None)


def _nesting_steps(landscape: Landscape, nesting: dict[str, str]) -> list[Level]:
    """Each step up the Communities sheet's nesting as a level, named from the data.

    Every step is named, whether the default levels keep it or not, and each name is checked
    against the participants' columns and the names of the steps below, so that a step has the
    same name in every run and ``levels`` can name it without ambiguity.
    """
    table = landscape.tables.communities
    frame = table.frame
    scales = {group_key(community): _text(scale) for community, scale in
              zip(frame["community"].tolist(), frame["scale"].tolist() if "scale" in frame else [None] * len(frame))
              if community is not None}
    header = table.header_of("parent")
    taken = {normalise_header(name) for name in (*landscape.participants.columns, *landscape.attributes(),
                                                  *NESTING_LEVELS, ACROSS)}
    communities = grouping(landscape, "community").memberships
    steps = []
    for step, alias in enumerate(NESTING_LEVELS, start=1):
        units = group_values(alias, {node: [_ancestor(nesting, c, step) for c in values]
                                     for node, values in communities.items()}).memberships
        name, how = _step_name(step, units, scales, header, taken)
        taken.add(normalise_header(name))
        up = "1 step" if step == 1 else f"{step} steps"
        steps.append(Level(name=name, units=units, source=f"the Communities sheet, {up} up from community ({how}; "
                                                          f"levels may also call it {alias!r})"))
    return steps


def _step_name(step: int, units: dict[Hashable, tuple[str, ...]], scales: dict[str, str | None], header: str,
               taken: set[str]) -> tuple[str, str]:
    """A step's name and how it was found: the scale its units act at, when every unit at the step
    has a row of its own in the Communities sheet and all give the same scale; else the words of
    the parent column's header; else :data:`WIDER_UNIT`. A name already taken (a participant
    column, a step below) is passed over.

    Every unit must have its row: one partnership described as acting at the scale of a region
    does not make the hospital beside it, which has no row, a region too.
    """
    named = sorted({unit for held in units.values() for unit in held})
    given = [scales.get(group_key(unit)) for unit in named]
    if given and None not in given and len({group_key(value) for value in given}) == 1:
        # The spelling most rows use (then the first in sorting order): the same whatever the row order.
        spelled = min(Counter(given).items(), key=lambda item: (-item[1], item[0]))[0]
        if _free(spelled, taken):
            return spelled, "named after the scale its units act at, from the scale column"
    above = "" if step == 1 else f" ({step} steps up)"
    words = " ".join(word for word in normalise_header(header).split("_") if word not in _RELATIONAL_WORDS)
    if words and _free(words + above, taken):
        return words + above, f"named after the header {header!r}"
    return WIDER_UNIT + above, "the data give it no name"


def _free(name: str, taken: set[str]) -> bool:
    key = normalise_header(name)
    return bool(key) and key not in taken


def _text(value: Any) -> str | None:
    """A cell as text with its runs of spaces folded, None when blank."""
    text = " ".join(str(value).split()) if value is not None and value == value else ""
    return text or None


def _same_partition(a: Level, b: Level) -> bool:
    """True when two levels group the same people together, whatever the units are called."""
    def grouping(level: Level) -> set[frozenset[Hashable]]:
        members: dict[str, set[Hashable]] = {}
        for node, units in level.units.items():
            for unit in units:
                members.setdefault(unit, set()).add(node)
        return {frozenset(group) for group in members.values()}

    return grouping(a) == grouping(b)


def _nesting(landscape: Landscape) -> dict[str, str]:
    table = landscape.tables.communities
    if table is None or not table.complete or "parent" not in table.frame:
        return {}
    # Keyed by each community's identity (group_key), so that "Nursing" in the sheet nests the
    # participants' "nursing" too.
    return {group_key(c): str(p) for c, p in zip(table.frame["community"].tolist(), table.frame["parent"].tolist())
            if c is not None and p is not None}


def _ancestor(nesting: dict[str, str], unit: str, steps: int) -> str:
    """The unit ``steps`` up from ``unit``; where the nesting stops, the last unit reached (so a
    community with no parent is its own unit at every level above). Cycles stop the climb."""
    seen = {group_key(unit)}
    for _ in range(steps):
        parent = nesting.get(group_key(unit))
        if parent is None or group_key(parent) in seen:
            break
        seen.add(group_key(parent))
        unit = parent
    return unit


def _depth(nesting: dict[str, str]) -> int:
    deepest = 0
    for unit in nesting:
        depth, seen = 0, {unit}
        while unit in nesting and group_key(nesting[unit]) not in seen:
            unit = group_key(nesting[unit])
            seen.add(unit)
            depth += 1
        deepest = max(deepest, depth)
    return min(deepest, len(NESTING_LEVELS))


def _tie_levels(pairs: np.ndarray, memberships: list[Any], levels: list[Level]) -> dict[str, int]:
    """How many pairs tied sit at each level: the finest at which the two share a unit, else
    across all levels. ``memberships``: each level's people-by-units matrix."""
    counts = {level.name: 0 for level in levels}
    counts[ACROSS] = 0
    left = np.ones(len(pairs), dtype=bool)  # pairs that share a unit at no finer level
    for level, membership in zip(levels, memberships):
        shared = _share_a_unit(membership, pairs)
        counts[level.name] = int((left & shared).sum())
        left &= ~shared
    counts[ACROSS] = int(left.sum())
    return counts


def _share_a_unit(membership: Any, pairs: np.ndarray) -> np.ndarray:
    """For each pair (a row of two positions), whether the two have a unit in common."""
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    a, b = pairs[:, 0], pairs[:, 1]
    return np.asarray(membership[a].multiply(membership[b]).sum(axis=1)).reshape(-1) > 0


def _aggregate(membership: Any, units: tuple[str, ...], pairs: np.ndarray) -> dict[str, Any]:
    """The level's units as an aggregated graph: each unit's members and the ties inside it, and
    the ties between each two units (``membership``, ``units``: the level's
    :func:`~landscape.passes.ei.membership_matrix`).

    A person in several units is a member of each. A tie is inside a unit when both its ends are
    members. Between two different units ``u`` and ``v`` a tie counts once for each way of
    reading it as (a unit of one end, a unit of the other end) that gives ``{u, v}``: a tie
    between someone in u and someone in v counts 1; a tie between two people who are both in u
    and v counts 2 (u to v from each end), and it is also inside u and inside v. These are the
    counts of Boundaries' mixing matrix for undirected ties, and density divides by the pairs of
    two different people they count: ``C(n_u, 2)`` inside a unit, ``n_u n_v - |u and v|`` between
    two (MEASURES section 5.1 and 6.3 write ``n_u n_v``, for units that share nobody).
    """
    from scipy.sparse import csr_array

    members = np.asarray(membership.sum(axis=0)).reshape(-1).astype(int)
    n = membership.shape[0]
    upper = csr_array((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    # block[u, v]: ties (each pair once, lower end first) from a member of u to a member of v.
    block = (membership.T @ upper @ membership).tocoo()
    rows, cols = block.row.astype(np.int64), block.col.astype(np.int64)
    counts = np.rint(block.data).astype(np.int64)
    inside = rows == cols
    within = np.zeros(len(units), dtype=np.int64)
    within[rows[inside]] = counts[inside]  # one entry per unit: the product has no duplicates
    within = within.tolist()
    # Between: each pair of units once, the name that sorts first as source, both ways summed.
    rank = text_ranks(list(units))
    rows, cols, counts = rows[~inside], cols[~inside], counts[~inside]
    first = rank[rows] < rank[cols]
    width = max(len(units), 1)
    codes = np.where(first, rows, cols) * width + np.where(first, cols, rows)
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1]))) if len(codes) else np.zeros(0, int)
    codes, counts = codes[starts], np.add.reduceat(counts, starts) if len(codes) else counts
    source, target = codes // width, codes % width
    keep = counts != 0
    source, target, counts = source[keep], target[keep], counts[keep]
    shared = sparse_entries((membership.T @ membership), source, target).astype(np.int64)
    density = counts / (members[source] * members[target] - shared)
    listed = np.lexsort((rank[target], rank[source]))
    order = sorted((i for i in range(len(units)) if members[i]), key=lambda i: (-members[i], units[i]))
    return {
        "nodes": [{"id": units[i], "members": int(members[i]), "internal_ties": within[i],
                   "internal_density": within[i] / (members[i] * (members[i] - 1) / 2) if members[i] > 1 else None}
                  for i in order],
        "edges": [{"source": units[u], "target": units[v], "ties": count, "density": value}
                  for u, v, count, value in zip(source[listed].tolist(), target[listed].tolist(),
                                                counts[listed].tolist(), density[listed].tolist())],
    }


def _canonical(nodes: list[Hashable], pairs: np.ndarray) -> tuple[Any, np.ndarray]:
    """The ties as an undirected igraph graph on the people sorted by id (equal ids as listed),
    its edges sorted; and each person's vertex in it (by position in ``nodes``).

    Louvain runs on it: the seeded runs visit people in vertex order, so on the landscape's order
    the clusters would change when the rows of the spreadsheet are reordered.
    """
    import igraph

    n = len(nodes)
    order = np.argsort(text_ranks([str(node) for node in nodes]), kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    ends = rank[pairs] if len(pairs) else np.zeros((0, 2), dtype=np.int64)
    codes = np.sort(ends.min(axis=1) * n + ends.max(axis=1))  # the edges as sorted (lower, higher) pairs
    # A list of (int, int) tuples goes into igraph fastest (a numpy array is read element by element).
    edges = list(zip((codes // max(n, 1)).tolist(), (codes % max(n, 1)).tolist()))
    return igraph.Graph(n=n, edges=edges, directed=False), rank


def _detected(canonical: Any, rank: np.ndarray, partitions: dict[str, list[int]], resolutions: Sequence[float],
              seeds: tuple[int, ...]) -> tuple[Detection, ...]:
    """Louvain at each resolution on :func:`_canonical`'s graph (``partitions``: each level's
    units in its vertex order), mapped back to the landscape's order by ``rank``."""
    found = []
    for resolution in resolutions:
        detection = detect_communities(canonical, resolution, seeds=seeds, compare=partitions)
        found.append(dataclasses.replace(
            detection, membership=tuple(np.asarray(detection.membership, dtype=np.int64)[rank].tolist()),
            node_stability=tuple(np.asarray(detection.node_stability, dtype=float)[rank].tolist())))
    return tuple(found)


def _declared(level: Level, ties: Any, pairs: np.ndarray, membership: Any, graph: Any,
              partition: list[int]) -> dict[str, Any]:
    """The declared units of a level: their modularity on :func:`_canonical`'s ``graph`` (with
    ``partition`` in its vertex order), how many there are, who has none, and the pairs tied
    within and across them."""
    # Modularity on graph is the one on the ties in the landscape's order to the last bit:
    # without weights igraph sums whole numbers (edges per unit) before it divides, so the order
    # of the edges and the vertices cannot change it.
    return {"modularity": float(graph.modularity(partition)) if len(pairs) else None,
            "units": len({u for units in level.units.values() for u in units}),
            "without_unit": sum(1 for node in ties.nodes if not level.units.get(node)),
            "pairs": pair_counts(ties, level.units, pairs, membership=membership)}


def _partition(level: Level, nodes: list[Hashable], order: np.ndarray | None = None) -> list[int]:
    """Each person's first unit as an integer; people without one are units of their own. In
    the order of ``nodes``, or of the positions ``order`` lists."""
    codes: dict[Any, int] = {}
    membership = []
    units = level.units
    for node in nodes:
        held = units.get(node)
        key = held[0] if held else ("\0", node)
        membership.append(codes.setdefault(key, len(codes)))
    return membership if order is None else np.asarray(membership, dtype=np.int64)[order].tolist()


def detect_communities(graph: Any, resolution: float, *, seeds: Sequence[int],
                       compare: dict[str, list[int]] | None = None) -> Detection:
    """Louvain (igraph's multilevel) at ``resolution``, once per seed; the best run by its objective.

    What it finds are the clusters the ties form (the "communities" of community detection, not
    communities of practice; the name is kept for the API). Each run uses its own random generator, seeded, so results repeat and nothing else's
    randomness is touched. Without ties modularity is not defined (0/0): ``modularity`` and
    ``objective`` are then None, and the runs are ranked as equal (each person on their own).
    """
    import igraph

    if not _positive(resolution):
        raise ValueError(f"a resolution must be a finite number above 0 (got {resolution!r})")
    tied = graph.ecount() > 0
    runs = []
    for seed in seeds:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            clustering = graph.community_multilevel(weights=None, resolution=resolution)
        finally:
            igraph.set_random_number_generator(random)
        membership = list(clustering.membership)
        score = float(graph.modularity(membership, resolution=resolution)) if tied else None
        runs.append((score, membership))
    objective, best = max(runs, key=lambda run: -math.inf if run[0] is None else run[0])
    others = [membership for _, membership in runs]
    pairwise = [adjusted_rand(a, b) for i, a in enumerate(others) for b in others[i + 1:]]
    mean_ari = float(np.mean(pairwise)) if pairwise else None
    stability = _node_stability(best, others)
    comparisons = compare or {}
    return Detection(
        resolution=float(resolution),
        seeds=tuple(seeds),
        membership=tuple(best),
        communities=len(set(best)),
        modularity=float(graph.modularity(best)) if tied else None,
        objective=objective,
        mean_ari=mean_ari,
        node_stability=tuple(stability),
        nmi={name: normalised_mutual_information(best, declared) for name, declared in comparisons.items()},
        ari={name: adjusted_rand(best, declared) for name, declared in comparisons.items()},
    )


def _positive(value: Any) -> bool:
    """True for a finite number above 0: the resolutions modularity is defined for."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and number > 0


def reported_detection(detected: Sequence[Detection]) -> Detection | None:
    """The detection findings report: at resolution 1 (plain modularity) when it was run, else the first."""
    return next((d for d in detected if d.resolution == 1.0), detected[0] if detected else None)


def normalised_mutual_information(a: Sequence[int], b: Sequence[int]) -> float:
    """Danon et al.'s normalised mutual information between two partitions (igraph computes it).

    With one person or none, the two partitions cannot differ: 1, as igraph gives for one person.

    >>> normalised_mutual_information([0, 0, 1, 1], [5, 5, 6, 6]), normalised_mutual_information([0], [3])
    (1.0, 1.0)
    """
    import igraph

    if len(a) <= 1:
        return 1.0
    return float(igraph.compare_communities(list(a), list(b), method="nmi"))


def adjusted_rand(a: Sequence[int], b: Sequence[int]) -> float:
    """Hubert & Arabie's adjusted Rand index between two partitions (igraph computes it).

    Its 0/0 case (both partitions one group, or both all singletons: then they are the same
    partition) is 1, as in scikit-learn; so is the case of one person or none, where there is no
    pair to disagree on (igraph refuses it). Last-bit noise around 0 is dropped, so that "-0.00"
    is never printed.

    >>> adjusted_rand([0, 0, 0], [1, 1, 1]), adjusted_rand([0, 0, 0], [0, 0, 1]), adjusted_rand([0], [0])
    (1.0, 0.0, 1.0)
    """
    import igraph

    if len(a) <= 1:
        return 1.0
    value = float(igraph.compare_communities(list(a), list(b), method="adjusted_rand"))
    if value != value:
        return 1.0
    return 0.0 if abs(value) < 1e-12 else value


def _node_stability(best: list[int], runs: list[list[int]]) -> list[float]:
    """For each person, the mean Jaccard overlap between their cluster in ``best`` and in each run."""
    from scipy.sparse import coo_array

    reference = np.asarray(best)
    size_best = np.bincount(reference)
    scores = np.zeros(len(reference))
    for run in runs:
        other = np.asarray(run)
        size_other = np.bincount(other)
        table = coo_array((np.ones(len(reference)), (reference, other))).tocsr()
        common = np.asarray(table[reference, other]).reshape(-1)
        scores += common / (size_best[reference] + size_other[other] - common)
    return (scores / len(runs)).tolist() if runs else [float("nan")] * len(reference)


def _spanning(detected: tuple[Detection, ...], levels: list[Level], nodes: list[Hashable]) -> list[dict[str, Any]]:
    """Detected clusters (at resolution 1, or the first) that draw on several declared units, none
    of which holds them all. A person counts in each of their units, as in the aggregates."""
    detection = reported_detection(detected)
    if detection is None or not levels:
        return []
    groups: dict[int, list[int]] = {}
    for position, community in enumerate(detection.membership):
        groups.setdefault(community, []).append(position)
    found = []
    for community, positions in sorted(groups.items(), key=lambda item: -len(item[1])):
        if len(positions) < 4:
            continue
        best = None  # the level at which the cluster draws on the most declared units
        for level in levels:
            units = Counter(unit for p in positions for unit in level.units.get(nodes[p], ()))
            ranked = sorted(units.items(), key=lambda item: (-item[1], str(item[0]).casefold()))  # not row order
            if len(ranked) >= 2 and ranked[0][1] < len(positions) and ranked[1][1] >= 0.25 * len(positions) \
                    and (best is None or len(ranked) > len(best[1])):
                best = (level.name, ranked)
        if best is not None:
            found.append({"community": community, "size": len(positions), "level": best[0],
                          "units": dict(best[1]), "people": [str(nodes[p]) for p in positions]})
    return found


register_pass("scale", scale, description="How can we keep a multi-scale perspective? Levels, aggregates, the clusters "
                                           "the ties form.")

"""Scale: how to keep a multi-scale perspective? The landscape person by person, unit by unit.

Levels of scale are partitions of the participants, from finest to coarsest: communities, the
larger units the Communities sheet nests them in, organisations, any attribute. The pass
aggregates the ties at each level, says at which level each tie sits, and sets the declared units
beside the communities the ties themselves form (Louvain at several resolutions, seeds stated,
stability across seeds reported).
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
from landscape.passes.ei import EIIndex, is_symmetric, network_ei
from landscape.passes.groups import group_key, group_values, grouping
from landscape.passes.ties import learning_ties, TieSelection
from landscape.passes.registry import register_pass
from landscape.passes.statistics import too_few

__all__ = [
    "NESTING_LEVELS",
    "ScaleResult",
    "adjusted_rand",
    "detect_communities",
    "normalised_mutual_information",
    "reported_detection",
    "scale",
]

#: Names for the units the Communities sheet nests communities in, one step up at a time.
NESTING_LEVELS: tuple[str, ...] = ("parent", "grandparent", "great-grandparent", "great-great-grandparent")
ACROSS = "across all levels"


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
    """Communities detected at one resolution: the best of several seeded runs, and how stable."""

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
    """The landscape at several levels of scale, and the communities its ties form.

    Parameters
    ----------
    landscape : Landscape
    levels : sequence of str, optional
        Levels from finest to coarsest: participant attributes (``community``, ``organisation``,
        any column) or ``parent``, ``grandparent``... for the units the Communities sheet nests
        communities in. By default ``community`` first, then each step of the nesting and
        ``organisation``, as far as the input has them, from the level with most units to the
        level with fewest; a step of the nesting that groups people exactly as the step below it
        is left out.
    relations : sequence of str, optional
        The ties to measure; by default the learning types (see :func:`~landscape.passes.ties.learning_ties`).
    resolutions : sequence of float
        Louvain resolutions (gamma) to detect communities at; larger gives more, smaller ones.
        Each must be a finite number above 0. The findings report resolution 1 when it is among
        them, else the first.
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
        the E-I index, and the modularity of the declared units. Each tie's level (the finest at
        which its ends share a unit). Per resolution: detected communities, modularity, their
        agreement with each declared level (NMI, ARI), stability across seeds. Detected
        communities that span declared units. Its findings are
        :func:`landscape.findings.findings_for` ``("scale", result)``.

    Notes
    -----
    Ties are the pairs of people tied in either direction (self-ties left out, parallel ties
    collapsed). Aggregates and modularity put each person in the first unit listed; a person with
    no unit at a level is a unit of their own for modularity and is left out of the aggregate.
    Communities are detected with igraph's multilevel algorithm (Louvain) on the unweighted,
    undirected ties: ``Q_gamma = (1/2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j)``.
    ``modularity`` is Q at gamma = 1, ``objective`` Q at the run's gamma; both are None (not
    defined) when there are no ties. Stability: the mean adjusted Rand index between runs, and
    for each person the mean Jaccard overlap between their community in the reported run and in
    each other run (people below 0.5 are listed).

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
    ['community', 'organisation', 'parent']
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
    pairs = _pairs(ties)
    tie_levels = _tie_levels(pairs, nodes, chosen)
    undirected = is_symmetric(ties)
    ei = {level.name: network_ei(ties, level.units, undirected=undirected) for level in chosen}
    aggregates = {level.name: _aggregate(level, nodes, pairs) for level in chosen}
    graph = _igraph(nodes, pairs)
    partitions = {level.name: _partition(level, nodes) for level in chosen}
    declared = {
        level.name: {
            "modularity": float(graph.modularity(partitions[level.name])) if pairs else None,
            "units": len({u for units in level.units.values() for u in units}),
            "without_unit": sum(1 for node in nodes if not level.units.get(node)),
        }
        for level in chosen
    }
    # Ten runs per resolution show how stable the communities are; above RUNS_FEWER_ABOVE people
    # (where one run takes seconds) three still do, and the seeds used are in the result.
    count = runs if runs is not None else (10 if len(nodes) <= RUNS_FEWER_ABOVE else 3)
    detected = _detected(nodes, pairs, partitions, resolutions, tuple(range(seed, seed + count)))
    spanning = _spanning(detected, chosen, nodes)
    return ScaleResult(levels=tuple(chosen), nodes=nodes, aggregates=aggregates, tie_levels=tie_levels,
                       ties_counted=len(pairs), ei=ei, declared=declared, detected=detected, spanning=tuple(spanning),
                       ties=ties.to_dict())


def _levels(landscape: Landscape, names: Sequence[str] | None) -> list[Level]:
    nesting = _nesting(landscape)
    present = set(landscape.participants.columns)
    default = names is None
    if names is not None and not list(names):
        raise ValueError("levels must name at least one level")
    if names is None:
        names = [name for name in ("community",) if name in present]
        if "community" in present:
            names += list(NESTING_LEVELS[: _depth(nesting)])
        names += [name for name in ("organisation",) if name in present]
    levels: list[Level] = []
    for name in names:
        if name in NESTING_LEVELS:
            if "community" not in present or not nesting:
                from landscape.errors import UnknownAttribute

                raise UnknownAttribute(f"the level {name!r} nests communities in larger units, which needs a community "
                                       "column and a Communities sheet naming each community's parent")
            steps = NESTING_LEVELS.index(name) + 1
            communities = grouping(landscape, "community").memberships
            units = group_values(name, {node: [_ancestor(nesting, c, steps) for c in values]
                                        for node, values in communities.items()}).memberships
            level = Level(name=name, source=f"the Communities sheet, {steps} step(s) up from community", units=units)
            if default and levels and _same_partition(level, levels[-1]):
                continue  # the nesting stops here for everyone: this step only renames the units
            levels.append(level)
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


def _pairs(ties: TieSelection) -> list[tuple[int, int]]:
    """Each pair of people tied in either direction, once, as positions (lower first)."""
    sources, targets = ties.arcs
    low = np.minimum(sources, targets)
    high = np.maximum(sources, targets)
    unique = np.unique(np.stack([low, high], axis=1), axis=0) if len(low) else np.zeros((0, 2), dtype=np.int64)
    return [(int(a), int(b)) for a, b in unique]


def _tie_levels(pairs: list[tuple[int, int]], nodes: list[Hashable], levels: list[Level]) -> dict[str, int]:
    counts = {level.name: 0 for level in levels}
    counts[ACROSS] = 0
    sets = [[set(level.units.get(node, ())) for node in nodes] for level in levels]
    for a, b in pairs:
        for level, units in zip(levels, sets):
            if units[a] & units[b]:
                counts[level.name] += 1
                break
        else:
            counts[ACROSS] += 1
    return counts


def _aggregate(level: Level, nodes: list[Hashable], pairs: list[tuple[int, int]]) -> dict[str, Any]:
    unit_of = [level.first(node) for node in nodes]
    members = Counter(unit for unit in unit_of if unit is not None)
    within: Counter[str] = Counter()
    between: Counter[tuple[str, str]] = Counter()
    for a, b in pairs:
        u, v = unit_of[a], unit_of[b]
        if u is None or v is None:
            continue
        if u == v:
            within[u] += 1
        else:
            between[tuple(sorted((u, v)))] += 1
    units = sorted(members, key=lambda unit: (-members[unit], unit))
    return {
        "nodes": [{"id": unit, "members": members[unit], "internal_ties": within[unit],
                   "internal_density": within[unit] / (members[unit] * (members[unit] - 1) / 2)
                   if members[unit] > 1 else None} for unit in units],
        "edges": [{"source": u, "target": v, "ties": count, "density": count / (members[u] * members[v])}
                  for (u, v), count in sorted(between.items())],
    }


def _detected(nodes: list[Hashable], pairs: list[tuple[int, int]], partitions: dict[str, list[int]],
              resolutions: Sequence[float], seeds: tuple[int, ...]) -> tuple[Detection, ...]:
    """Louvain at each resolution on the people sorted by id and the ties sorted, mapped back to
    the landscape's order: the seeded runs visit people in vertex order, so without this the
    communities would change when the rows of the spreadsheet are reordered."""
    order = sorted(range(len(nodes)), key=lambda position: str(nodes[position]))
    rank = [0] * len(nodes)
    for new, old in enumerate(order):
        rank[old] = new
    canonical = _igraph(nodes, sorted((min(rank[a], rank[b]), max(rank[a], rank[b])) for a, b in pairs))
    compare = {name: [labels[old] for old in order] for name, labels in partitions.items()}
    found = []
    for resolution in resolutions:
        detection = detect_communities(canonical, resolution, seeds=seeds, compare=compare)
        found.append(dataclasses.replace(
            detection, membership=tuple(detection.membership[rank[i]] for i in range(len(nodes))),
            node_stability=tuple(detection.node_stability[rank[i]] for i in range(len(nodes)))))
    return tuple(found)


def _igraph(nodes: list[Hashable], pairs: list[tuple[int, int]]) -> Any:
    import igraph

    return igraph.Graph(n=len(nodes), edges=pairs, directed=False)


def _partition(level: Level, nodes: list[Hashable]) -> list[int]:
    """Each person's first unit as an integer; people without one are units of their own."""
    codes: dict[str, int] = {}
    membership = []
    for node in nodes:
        unit = level.first(node)
        key = unit if unit is not None else ("\0", node)
        membership.append(codes.setdefault(key, len(codes)))
    return membership


def detect_communities(graph: Any, resolution: float, *, seeds: Sequence[int],
                       compare: dict[str, list[int]] | None = None) -> Detection:
    """Louvain (igraph's multilevel) at ``resolution``, once per seed; the best run by its objective.

    Each run uses its own random generator, seeded, so results repeat and nothing else's
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

    Its 0/0 case (both partitions one community, or both all singletons: then they are the same
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
    """For each person, the mean Jaccard overlap between their community in ``best`` and in each run."""
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
    """Detected communities (at resolution 1, or the first) that draw on several declared units."""
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
        best = None  # the level at which the community draws on the most declared units
        for level in levels:
            units = Counter(level.first(nodes[p]) for p in positions if level.first(nodes[p]) is not None)
            ranked = sorted(units.items(), key=lambda item: (-item[1], str(item[0]).casefold()))  # not row order
            if len(ranked) >= 2 and ranked[1][1] >= 0.25 * len(positions) and (best is None or len(ranked) > len(best[1])):
                best = (level.name, ranked)
        if best is not None:
            found.append({"community": community, "size": len(positions), "level": best[0],
                          "units": dict(best[1]), "people": [str(nodes[p]) for p in positions]})
    return found


register_pass("scale", scale, description="How can we keep a multi-scale perspective? Levels, aggregates, communities.")

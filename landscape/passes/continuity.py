"""Continuity: two waves of the same landscape, and what changed between them.

Social learning leaders map a landscape more than once (a baseline and a follow-up); the
discipline asks *how do we enable ongoing learning loops?* :func:`compare` sets two waves side by
side: who arrived and who left, which ties were kept, gained and lost (Jaccard persistence, per
relationship type and for ties across boundaries), who moved between participation levels, how
each group's E-I index and the unbridged boundaries changed, centralization and reciprocity,
brokers who appeared or disappeared, and voices that arrived or are still missing. Each change
carries its numbers before and after. The measures are MEASURES.md §8 and, per wave, the
Voices, Power and Boundaries passes' own.

Waves come from two inputs (participants matched by id), or from the ``wave`` column of one
relationships table (:func:`split_waves`): there, a participant takes part in a wave when they
have a tie in it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from landscape.errors import UnknownWave
from landscape.model import Landscape
from landscape.passes.brokerage import top_brokers
from landscape.passes.groups import share_spellings


__all__ = ["ComparisonResult", "LEVEL_ORDER", "compare", "split_waves", "tie_keys", "top_brokers", "unchanged",
           "wave_of"]

#: Participation levels from the core outwards (the Voices pass's vocabulary).
LEVEL_ORDER = ("core", "active", "occasional", "peripheral")

TieKey = tuple[str, str, str, bool]  # (source, target, type, directed); undirected ends sorted


def tie_keys(landscape: Landscape, relations: Sequence[str] | None = None) -> set[TieKey]:
    """Each tie once, as (source, target, type, directed): parallel rows are one tie, an
    undirected tie's ends are sorted, and self-ties are left out.

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> len(tie_keys(land, ["advice"]))
    190
    """
    keys: set[TieKey] = set()
    for source, target, data in landscape.graph.edges(data=True):
        if source == target or (relations is not None and data["type"] not in relations):
            continue
        directed = data.get("direction", "directed") == "directed"
        a, b = str(source), str(target)
        if not directed and b < a:
            a, b = b, a
        keys.add((a, b, data["type"], directed))
    return keys


def wave_of(landscape: Landscape, wave: str, *, everyone: bool = False) -> Landscape:
    """The landscape of one wave: the ties whose ``wave`` is ``wave`` (case ignored) and the
    participants with at least one tie in it (a participant takes part in a wave when they have a
    tie in it), as Continuity compares waves.

    ``everyone=True`` is the wave a map or an analysis shows: every participant on the sheet (those
    with no tie in it are isolates, not missing), and the ties with no wave too (reporting lines
    written once hold in every wave).

    Raises
    ------
    ValueError
        There is no ``wave`` column, or no tie has that wave (the message lists the waves).
    """
    from landscape.model.sharing import _rebuild
    from landscape.schema.cells import text_of

    ties = landscape.relationships
    if "wave" not in ties:
        raise UnknownWave("the relationships have no wave column, so there are no waves to compare: compare two "
                         "inputs instead (landscape compare BEFORE AFTER, or landscape atlas INPUT --before BEFORE)")
    labels = pd.Series(["" if pd.isna(value) else text_of(value) for value in ties["wave"]], index=ties.index,
                       dtype=object)
    mask = labels.str.casefold() == text_of(wave).casefold()
    if not mask.any():
        raise UnknownWave(f"no tie has wave {wave!r}; the waves are {', '.join(landscape.waves) or '(none)'}")
    named = next(label for label, hit in zip(labels, mask) if hit)  # as the sheet writes it
    rows = ties[mask | (labels == "")] if everyone else ties[mask]
    people = landscape.participants
    if not everyone:
        people = people[people["id"].isin(set(rows["source"]) | set(rows["target"]))]
    from landscape.model.accounts import confirmed_only

    # The ties both people reported, under --confirm both: confirmed within the wave.
    cut = confirmed_only(_rebuild(landscape, people.reset_index(drop=True), rows.reset_index(drop=True))
                         .with_settings(wave=named))
    # The wave as shown keeps every wave beside it: the Leadership pass reads the one before.
    return dataclasses.replace(cut, whole=landscape.whole or landscape) if everyone else cut


def split_waves(landscape: Landscape, before: str, after: str) -> tuple[Landscape, Landscape, int]:
    """The landscape of each of two waves (see :func:`wave_of`), and the number of ties with no
    wave (in neither).

    Raises
    ------
    ValueError
        There is no ``wave`` column, or a wave named has no tie (the message lists the waves).
    """
    parts = [wave_of(landscape, wave) for wave in (before, after)]
    ties = landscape.relationships
    # Learning ties with no wave are in neither wave, and said so; formal, negative and other rows
    # with no wave (reporting lines written once) hold in every wave a map or an analysis shows.
    blank = ties["wave"].map(lambda value: value is None or (isinstance(value, float) and value != value)
                             or not str(value).strip())
    return parts[0], parts[1], int((blank & ties["type"].isin(landscape.relations_of_kind("learning"))).sum())


@dataclass(frozen=True)
class ComparisonResult:
    """What changed between two waves. ``to_dict()`` gives the JSON ``landscape compare`` prints
    (with the findings of :func:`landscape.findings.findings_for` ``("continuity", result)``)."""

    before: str
    after: str
    basis: Literal["two inputs", "wave column"]
    group_attribute: str
    relations: tuple[str, ...]
    ties_without_wave: int
    participants: dict[str, int]
    newcomers: tuple[str, ...]
    leavers: tuple[str, ...]
    newcomers_by_group: dict[str, int]
    leavers_by_group: dict[str, int]
    ties: dict[str, dict[str, Any]]
    boundary_ties: dict[str, Any]
    gained: tuple[TieKey, ...]
    lost: tuple[TieKey, ...]
    level_moves: tuple[dict[str, str], ...]
    newcomer_levels: dict[str, int]
    ei_network: dict[str, float | None]
    ei_groups: dict[str, dict[str, float | None]]
    boundaries_opened: tuple[dict[str, Any], ...]
    boundaries_closed: tuple[tuple[str, str], ...]
    centralization: dict[str, dict[str, float | None]]
    reciprocity: dict[str, dict[str, float | None]]
    brokers: dict[str, Any]
    voices: dict[str, Any]
    #: Each participant's name (in either wave), for the findings' sentences (not in
    #: ``to_dict()``: the JSON names people by id).
    names: dict[str, str]
    #: Who is newly widely looked to for leadership, and who no longer, with concentration then and
    #: now (:func:`landscape.passes.leadership.emergence`); None without leadership ties.
    leadership: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        def tie(key: TieKey) -> dict[str, Any]:
            return {"source": key[0], "target": key[1], "type": key[2], "directed": key[3]}

        return {
            "before": self.before,
            "after": self.after,
            "basis": self.basis,
            "group_attribute": self.group_attribute,
            "relations": list(self.relations),
            "ties_without_wave": self.ties_without_wave,
            "participants": dict(self.participants),
            "newcomers": list(self.newcomers),
            "leavers": list(self.leavers),
            "newcomers_by_group": dict(self.newcomers_by_group),
            "leavers_by_group": dict(self.leavers_by_group),
            "ties": {kind: dict(values) for kind, values in self.ties.items()},
            "boundary_ties": dict(self.boundary_ties),
            "gained": [tie(key) for key in self.gained],
            "lost": [tie(key) for key in self.lost],
            "level_moves": [dict(move) for move in self.level_moves],
            "newcomer_levels": dict(self.newcomer_levels),
            "ei_network": dict(self.ei_network),
            "ei_groups": {group: dict(values) for group, values in self.ei_groups.items()},
            "boundaries_opened": [dict(item) for item in self.boundaries_opened],
            "boundaries_closed": [list(pair) for pair in self.boundaries_closed],
            "centralization": {k: dict(v) for k, v in self.centralization.items()},
            "reciprocity": {k: dict(v) for k, v in self.reciprocity.items()},
            "brokers": dict(self.brokers),
            "voices": dict(self.voices),
            "leadership": self.leadership,
        }


def _persistence(before: set[TieKey], after: set[TieKey]) -> dict[str, Any]:
    kept, union = len(before & after), len(before | after)
    return {"before": len(before), "after": len(after), "kept": kept, "gained": len(after - before),
            "lost": len(before - after), "jaccard": kept / union if union else None}


def _pair(before: Any, after: Any) -> dict[str, Any]:
    return {"before": before, "after": after}


def _groups_of(landscape: Landscape, attribute: str) -> dict[str, tuple[str, ...]]:
    from landscape.passes.groups import grouping

    return {str(node): groups for node, groups in grouping(landscape, attribute, required=False).memberships.items()}


def _joined(result: Any) -> set[tuple[str, str]]:
    """The pairs of groups (in name order) that a tie or a shared member joins: every pair that
    is not unbridged, from the mixing counts, which are complete however many groups there are."""
    pairs = {tuple(sorted((first, second), key=str)) for first, row in result.counts.items()
             for second, count in row.items() if count and first != second}
    pairs |= {tuple(sorted(pair, key=str)) for pair in result.joined_by_membership_only}
    return pairs


def _crossing(keys: set[TieKey], groups: dict[str, tuple[str, ...]]) -> set[TieKey]:
    """Ties whose two ends share no group (both ends with at least one)."""
    return {key for key in keys if groups.get(key[0]) and groups.get(key[1])
            and not set(groups[key[0]]) & set(groups[key[1]])}


def compare(
    before: Landscape,
    after: Landscape,
    *,
    relations: Sequence[str] | None = None,
    group: str | None = None,
    by: str | None = None,
    level_order: str | None = None,
    labels: tuple[str, str] = ("before", "after"),
    basis: Literal["two inputs", "wave column"] = "two inputs",
    ties_without_wave: int = 0,
) -> ComparisonResult:
    """Compare two waves of a landscape.

    Parameters
    ----------
    before, after : Landscape
        The earlier and the later wave; participants are matched by id.
    relations : list of str, optional
        The relationship types the per-wave measures use (default: the learning types, as in the
        passes). Tie persistence is reported for every type present in either wave.
    group : str, optional
        The boundary attribute (default ``community``), for newcomers and leavers by group, E-I,
        boundaries and brokers.
    by : str, optional
        The Voices attribute (default ``stakeholder_group``).
    labels : (str, str)
        How the waves are named in the result and its sentences (``2024``, ``2025``).

    Examples
    --------
    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> same = compare(land, land)
    >>> same.newcomers, same.leavers, same.ties["all"]["gained"], same.ties["all"]["lost"]
    ((), (), 0, 0)
    """
    from landscape.passes.boundaries import boundaries
    from landscape.passes.ties import learning_ties
    from landscape.passes.power import power
    from landscape.passes.voices import voices

    rel = list(relations) if relations is not None else None
    # One name per group across both waves (the spelling most people have in either), so that a
    # group spelled "Nursing" in one wave and "nursing" in the next is one group that stayed.
    for attribute in (group or after.settings.grouping_attribute, by or after.settings.voices_attribute):
        share_spellings((before, after), attribute)
    b_voices, a_voices = (voices(land, by=by, relations=rel) for land in (before, after))
    b_power, a_power = (power(land, relations=rel, level_order=level_order) for land in (before, after))  # type: ignore[arg-type]
    b_bound, a_bound = (boundaries(land, group=group, relations=rel) for land in (before, after))
    chosen = learning_ties(after, rel).relations
    attribute = a_bound.group_attribute

    b_ids = [str(node) for node in before.graph.nodes]
    a_ids = [str(node) for node in after.graph.nodes]
    b_set, a_set = set(b_ids), set(a_ids)
    newcomers = tuple(pid for pid in a_ids if pid not in b_set)
    leavers = tuple(pid for pid in b_ids if pid not in a_set)
    b_groups, a_groups = _groups_of(before, attribute), _groups_of(after, attribute)

    def by_group(people: Sequence[str], groups: dict[str, tuple[str, ...]]) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for pid in people:
            for name in groups.get(pid) or ("(not recorded)",):
                counts[name] += 1
        return dict(counts.most_common())

    # Ties: every type, then the chosen (learning) types together, then those across boundaries.
    b_all, a_all = tie_keys(before), tie_keys(after)
    ties = {kind: _persistence({k for k in b_all if k[2] == kind}, {k for k in a_all if k[2] == kind})
            for kind in sorted({k[2] for k in b_all | a_all})}
    b_learn, a_learn = ({k for k in keys if k[2] in chosen} for keys in (b_all, a_all))
    ties["all"] = _persistence(b_learn, a_learn)
    boundary_ties = _persistence(_crossing(b_learn, b_groups), _crossing(a_learn, a_groups))

    moves, newcomer_levels = _level_moves(b_voices, a_voices, a_ids, newcomers)
    # Boundaries: E-I per group and the pairs nobody crosses.
    ei_groups = {name: _pair(b_bound.ei_groups[name].ei if name in b_bound.ei_groups else None,
                             a_bound.ei_groups[name].ei if name in a_bound.ei_groups else None)
                 for name in sorted(set(b_bound.ei_groups) | set(a_bound.ei_groups), key=str)}
    opened, closed = _boundary_changes(b_bound, a_bound, a_learn, a_groups)
    # Concentration and reciprocity.
    centralization = {name: _pair(b_power.centralization.get(name), a_power.centralization.get(name))
                      for name in a_power.centralization}
    reciprocity = {name: _pair(b_power.reciprocity.get(name), a_power.reciprocity.get(name))
                   for name in ("edgewise", "dyadic", "mutual", "asymmetric")}
    return ComparisonResult(
        before=labels[0], after=labels[1], basis=basis, group_attribute=attribute, relations=tuple(chosen),
        ties_without_wave=ties_without_wave,
        participants={"before": len(b_ids), "after": len(a_ids), "in_both": len(b_set & a_set)},
        newcomers=newcomers, leavers=leavers,
        newcomers_by_group=by_group(newcomers, a_groups), leavers_by_group=by_group(leavers, b_groups),
        ties=ties, boundary_ties=boundary_ties,
        gained=tuple(sorted(a_all - b_all)), lost=tuple(sorted(b_all - a_all)),
        level_moves=tuple(moves), newcomer_levels=newcomer_levels,
        ei_network=_pair(b_bound.ei_network.ei, a_bound.ei_network.ei), ei_groups=ei_groups,
        boundaries_opened=tuple(opened), boundaries_closed=closed,
        centralization=centralization, reciprocity=reciprocity, brokers=_broker_changes(b_bound, a_bound),
        voices=_voice_changes(b_voices, a_voices),
        names={str(node): str(data.get("name", node)) for land in (before, after)
               for node, data in land.graph.nodes(data=True)},
        leadership=_leadership_change(before, after, labels),
    )


def _leadership_change(before: Landscape, after: Landscape, labels: tuple[str, str]) -> dict[str, Any] | None:
    """Who is newly looked to for leadership between the waves, when both record leadership ties."""
    from landscape.passes.leadership import emergence

    kinds = [kind for kind in after.relations_of_kind("leadership") if kind in before.relation_types]
    return emergence(before, after, relations=kinds, labels=labels) if kinds else None


def _level_moves(b_voices: Any, a_voices: Any, a_ids: list[str],
                 newcomers: tuple[str, ...]) -> tuple[list[dict[str, str]], dict[str, int]]:
    """Participation levels of the people in both waves (who moved, and which way), and where
    newcomers landed."""
    b_level = {p.id: p.participation_level for p in b_voices.participants}
    a_level = {p.id: p.participation_level for p in a_voices.participants}
    moves = []
    for pid in a_ids:
        # Who did not answer a survey wave ("not answered") has no level to move from or to.
        if pid in b_level and b_level[pid] != a_level.get(pid) and {a_level.get(pid), b_level[pid]} <= set(LEVEL_ORDER):
            inward = LEVEL_ORDER.index(a_level[pid]) < LEVEL_ORDER.index(b_level[pid])
            moves.append({"id": pid, "before": b_level[pid], "after": a_level[pid],
                          "direction": "inward" if inward else "outward"})
    newcomer_levels = {level: sum(1 for pid in newcomers if a_level.get(pid) == level) for level in LEVEL_ORDER}
    return moves, newcomer_levels


def _boundary_changes(b_bound: Any, a_bound: Any, a_learn: set[TieKey], a_groups: dict[str, tuple[str, ...]],
                      ) -> tuple[list[dict[str, Any]], tuple[tuple[str, str], ...]]:
    """Pairs of groups nobody crossed before and someone crosses now (with the people whose ties
    cross them), and pairs crossed before and no longer."""
    b_present, a_present = set(b_bound.groups), set(a_bound.groups)
    if b_bound.mixing_complete and a_bound.mixing_complete:
        b_unbridged, a_unbridged = set(b_bound.unbridged), set(a_bound.unbridged)
        opened_pairs = sorted(pair for pair in b_unbridged - a_unbridged if set(pair) <= a_present)
        closed = tuple(pair for pair in sorted(a_unbridged - b_unbridged) if set(pair) <= b_present)
    else:
        # Above FULL_MIXING_UP_TO groups the lists of unbridged pairs are partial (the largest
        # groups only): compare the pairs that ties or shared members join, which are complete.
        both = b_present & a_present
        b_joined, a_joined = _joined(b_bound), _joined(a_bound)
        opened_pairs = sorted(pair for pair in a_joined - b_joined if set(pair) <= both)
        closed = tuple(sorted(pair for pair in b_joined - a_joined if set(pair) <= both))
    # Each crossing tie of the later wave under every pair of groups it joins, found once.
    crossing_by_pair: dict[frozenset[str], list[TieKey]] = {}
    for key in _crossing(a_learn, a_groups):
        for first in a_groups[key[0]]:
            for second in a_groups[key[1]]:
                crossing_by_pair.setdefault(frozenset((first, second)), []).append(key)
    opened = []
    for pair in opened_pairs:
        carriers: Counter[str] = Counter()
        keys = crossing_by_pair.get(frozenset(pair), [])
        for key in keys:
            carriers.update({key[0], key[1]})
        through = sorted(pid for pid, n in carriers.items() if n == len(keys))
        opened.append({"groups": list(pair), "ties": len(keys), "people": sorted(carriers), "through": through})
    return opened, closed


def _broker_changes(b_bound: Any, a_bound: Any) -> dict[str, Any]:
    """The top tenth of brokers across groups in each wave: who appeared, who disappeared."""
    b_brokers, a_brokers = top_brokers(b_bound.brokerage_participants), top_brokers(a_bound.brokerage_participants)
    union = set(b_brokers) | set(a_brokers)
    return {"before": list(b_brokers), "after": list(a_brokers),
            "appeared": [pid for pid in a_brokers if pid not in b_brokers],
            "disappeared": [pid for pid in b_brokers if pid not in a_brokers],
            "overlap": len(set(b_brokers) & set(a_brokers)) / len(union) if union else None}


def _voice_changes(b_voices: Any, a_voices: Any) -> dict[str, Any]:
    """Voices groups by status in each wave: arrived, left, still missing."""
    b_status = {g.group: g.status for g in b_voices.groups}
    a_status = {g.group: g.status for g in a_voices.groups}
    taking_part = {"present", "under-represented", "unexpected"}
    return {
        "attribute": a_voices.attribute,
        "arrived": sorted(g for g, s in a_status.items() if s in taking_part and b_status.get(g) not in taking_part),
        "left": sorted(g for g, s in b_status.items() if s in taking_part and a_status.get(g) not in taking_part),
        "still_missing": sorted(g for g, s in a_status.items() if s == "missing" and b_status.get(g) == "missing"),
        "status": {g: _pair(b_status.get(g), a_status.get(g)) for g in sorted(set(b_status) | set(a_status))},
    }


def unchanged(result: ComparisonResult) -> bool:
    """True when nothing changed: same people, same ties."""
    return not (result.newcomers or result.leavers or result.gained or result.lost)

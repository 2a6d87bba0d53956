"""Voices: who needs to be involved? Missing, thin and unheard voices.

The pass compares the stakeholder groups present with the roster of voices that should be there,
asks whether the groups that are present are heard (sought out, connected beyond themselves), and
describes how varied each person's ties are. It shows patterns and asks the discipline's
questions; peripheral participation can be a legitimate way of belonging (Lave & Wenger 1991), so
no finding passes a verdict on a named person.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from landscape.model import Landscape
from landscape.passes.arrays import expand
from landscape.passes.cores import core_numbers, onion_layers
from landscape.passes.diversity import tie_diversity
from landscape.passes.groups import group_key, grouping, value_label
from landscape.passes.statistics import holm
from landscape.passes.ties import learning_ties, TieSelection
from landscape.passes.response import Response, different_accounts
from landscape.model.accounts import answered
from landscape.passes.registry import register_pass
from landscape.schema.validate import SHARES_ROUNDING
from landscape.stats import binomial_cdf
from landscape.passes.statistics import too_few

__all__ = [
    "LEVELS",
    "NOT_ANSWERED",
    "binomial_lower_tail",
    "GroupVoice",
    "ParticipantVoice",
    "VoicesResult",
    "participation_level",
    "voices",
]

#: The participant attribute that names a person's voice unless another is asked for.
DEFAULT_ATTRIBUTE = "stakeholder_group"
#: Participation levels in Wenger-Trayner's vocabulary, from the centre outwards.
LEVELS: tuple[str, ...] = ("core", "active", "occasional", "peripheral")
#: The participation level of someone who did not answer the survey: their own ties are unknown,
#: so where they sit cannot be read (they are never counted peripheral, isolated or an out-isolate).
NOT_ANSWERED = "not answered"
Status = Literal["missing", "under-represented", "present", "unexpected", "not-expected"]


def participation_level(layer: int, deepest: int) -> str:
    """The participation level of a person in onion ``layer`` (1 = outermost) when the deepest
    layer is ``deepest``; layer 0 means no tie at all. When everyone is in one layer, all are core.

    >>> [participation_level(layer, 8) for layer in (8, 7, 6, 5, 4, 3, 2, 1, 0)]
    ['core', 'core', 'active', 'active', 'occasional', 'occasional', 'peripheral', 'peripheral', 'peripheral']
    >>> [participation_level(layer, 3) for layer in (3, 2, 1)], participation_level(1, 1)
    (['core', 'occasional', 'peripheral'], 'core')
    """
    if layer <= 0:
        return "peripheral"
    depth = 1.0 if deepest <= 1 else (layer - 1) / (deepest - 1)
    if depth > 0.75:
        return "core"
    if depth > 0.5:
        return "active"
    if depth > 0.25:
        return "occasional"
    return "peripheral"


def binomial_lower_tail(present: int, total: int, share: float) -> float:
    """P(X <= present) for X ~ Binomial(total, share): how likely so few, if people came in the
    expected mix.

    >>> round(binomial_lower_tail(1, 10, 0.5), 6)  # (1 + 10) / 2**10
    0.010742
    >>> binomial_lower_tail(3, 3, 1.0), binomial_lower_tail(2, 3, 1.0)
    (1.0, 0.0)
    """
    if total == 0 or present >= total:
        return 1.0
    if share >= 1:
        return 0.0
    return binomial_cdf(present, total, share)  # scipy.stats.binomtest(..., alternative="less"), bit for bit


@dataclass(frozen=True)
class GroupVoice:
    """One stakeholder group: its presence against the roster, and whether it is heard."""

    group: str
    present: int
    expected: int | None
    expected_share: float | None
    why: str | None
    share: float
    representation_ratio: float | None
    ratio_basis: Literal["share", "count"] | None
    p_value: float | None
    p_value_holm: float | None
    status: Status
    in_ties: int
    voice_share: float | None
    silence_ratio: float | None
    levels: tuple[tuple[str, int], ...]
    members_linking_out: tuple[str, ...]
    outside_contacts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "present": self.present,
            "expected": self.expected,
            "expected_share": self.expected_share,
            "why": self.why,
            "share": self.share,
            "representation_ratio": self.representation_ratio,
            "ratio_basis": self.ratio_basis,
            "p_value": self.p_value,
            "p_value_holm": self.p_value_holm,
            "status": self.status,
            "in_ties": self.in_ties,
            "voice_share": self.voice_share,
            "silence_ratio": self.silence_ratio,
            "levels": dict(self.levels),
            "members_linking_out": list(self.members_linking_out),
            "outside_contacts": list(self.outside_contacts),
        }


@dataclass(frozen=True)
class ParticipantVoice:
    """One person: how they are tied in, and how varied their ties are."""

    id: str
    groups: tuple[str, ...]
    in_degree: int
    out_degree: int
    neighbours: int
    in_isolate: bool
    out_isolate: bool
    isolate: bool
    pendant: bool
    coreness: int
    onion_layer: int
    participation_level: str
    alters: int
    range: int
    blau: float | None
    iqv: float | None
    shannon: float | None
    #: Whether they answered the survey (None: not known, or no ``responded`` column).
    responded: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "responded": self.responded,
            "groups": list(self.groups),
            "in_degree": self.in_degree,
            "out_degree": self.out_degree,
            "neighbours": self.neighbours,
            "in_isolate": self.in_isolate,
            "out_isolate": self.out_isolate,
            "isolate": self.isolate,
            "pendant": self.pendant,
            "coreness": self.coreness,
            "onion_layer": self.onion_layer,
            "participation_level": self.participation_level,
            "alters": self.alters,
            "range": self.range,
            "blau": self.blau,
            "iqv": self.iqv,
            "shannon": self.shannon,
        }


@dataclass(frozen=True)
class VoicesResult:
    """What the Voices pass found. ``to_dict()`` gives the JSON the CLI prints under ``voices``."""

    pass_name = "voices"

    attribute: str
    roster_given: bool
    threshold: float
    silence_threshold: float
    participants_total: int
    unrecorded: tuple[str, ...]
    groups: tuple[GroupVoice, ...]
    dissimilarity: float | None
    dissimilarity_note: str
    participants: tuple[ParticipantVoice, ...]
    largest_coreness: int
    deepest_layer: int
    ties: dict[str, Any]
    #: Each participant's name, for the findings' sentences (not in ``to_dict()``: the JSON
    #: names people by id).
    names: dict[str, str]
    #: Who answered the survey, overall and per group (None without a ``responded`` column);
    #: the ties one side reported and the other, who answered, did not (``different_accounts``).
    response: Response | None = None
    different_accounts: tuple[dict[str, Any], ...] = ()

    @property
    def non_respondents(self) -> tuple[str, ...]:
        """Who did not answer the survey: never counted isolated, out-isolated or peripheral."""
        return self.response.non_respondents if self.response is not None else ()

    @property
    def isolates(self) -> dict[str, list[str]]:
        return {
            "isolated": [p.id for p in self.participants if p.isolate],
            "in_isolates": [p.id for p in self.participants if p.in_isolate],
            "out_isolates": [p.id for p in self.participants if p.out_isolate],
        }

    @property
    def levels(self) -> dict[str, int]:
        counts = Counter(p.participation_level for p in self.participants)
        return {level: counts.get(level, 0) for level in LEVELS}

    def group(self, name: str) -> GroupVoice:
        """The group called ``name``."""
        for group in self.groups:
            if group.group == name:
                return group
        raise KeyError(name)

    def shortfall(self, group: GroupVoice) -> tuple[str, ...]:
        """Which expectation ``group`` falls short of, as decided its status: ``"count"``,
        ``"share"``, both, or neither (see the ``threshold`` option of :func:`voices`)."""
        return _shortfall(group.present, group.share, group.expected, group.expected_share, self.threshold)

    def memberships(self) -> dict[str, tuple[str, ...]]:
        """Each participant's groups, named as in ``groups`` (first listed first): the groups the
        pass counts them in, values that differ only in case and spacing being one group."""
        names = {_key(group.group): group.group for group in self.groups}
        return {p.id: tuple(dict.fromkeys(names[_key(value)] for value in p.groups)) for p in self.participants}

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "roster_given": self.roster_given,
            "threshold": self.threshold,
            "silence_threshold": self.silence_threshold,
            "participants_total": self.participants_total,
            "too_few": too_few(self.participants_total),  # no binomial p in a finding below MIN_FOR_TESTS
            "unrecorded": list(self.unrecorded),
            "groups": [group.to_dict() for group in self.groups],
            "dissimilarity": self.dissimilarity,
            "dissimilarity_note": self.dissimilarity_note,
            "participants": {p.id: p.to_dict() for p in self.participants},
            "isolates": self.isolates,
            "levels": self.levels,
            "largest_coreness": self.largest_coreness,
            "deepest_layer": self.deepest_layer,
            "ties": self.ties,
            "response": None if self.response is None else self.response.to_dict(),
            "non_respondents": list(self.non_respondents),
            "different_accounts": [dict(item) for item in self.different_accounts],
        }


def _key(text: Any) -> str:
    return group_key(text)


def _nan_to_none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def voices(
    landscape: Landscape,
    *,
    by: str | None = None,
    relations: Sequence[str] | None = None,
    threshold: float = 0.5,
    silence_threshold: float = 0.5,
) -> VoicesResult:
    """Missing, thin and unheard voices, against the roster of voices that should be there.

    Parameters
    ----------
    landscape : Landscape
    by : str, optional
        The participant attribute that names a person's voice. By default the landscape's
        setting (``stakeholder_group``); if nobody has one recorded, everyone is reported as
        unrecorded. An attribute given here or chosen in the settings must exist.
    relations : sequence of str, optional
        Relationship types to measure; by default the learning types (see :func:`~landscape.passes.ties.learning_ties`).
    threshold : float
        A group expected as a share is under-represented when its representation ratio (share
        present / share expected) is below this (0.5 by default; a convention, not a standard).
    silence_threshold : float
        A group of two or more is reported as unheard when its silence ratio (share of in-ties /
        share of members) is below this.

    Returns
    -------
    VoicesResult
        Per group: present, expected, share, representation ratio, binomial lower-tail p-value,
        status, voice share, silence ratio. Per person: in- and out-degree, isolate flags,
        coreness, onion layer, participation level, and the diversity of their ties over groups. The index of
        dissimilarity for the whole landscape. Its findings are
        :func:`landscape.findings.findings_for` ``("voices", result)``.

    Notes
    -----
    Representation ratio ``RR_g = p_g / q_g`` where a share ``q_g`` is expected, else ``n_g /
    expected_g``. The p-value is the exact binomial lower tail ``P(X <= n_g)``, ``X ~ Binomial(N,
    q_g)``, with Holm's adjustment across groups. The index of dissimilarity ``D = 1/2 sum_g |p_g
    - q_g|`` (Duncan & Duncan 1955) runs over the groups with an expected share, all other groups
    pooled as one. Voice share ``VS_g = sum_{i in g} k_in(i) / sum_i k_in(i)`` on the simple
    directed graph of learning ties (in-degree is robust to non-response); silence ratio ``VS_g /
    p_g``. A person in several groups counts in each.

    References
    ----------
    Duncan, O. D., & Duncan, B. (1955). A methodological analysis of segregation indexes.
    *American Sociological Review*, 20, 210-217.
    Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks*, 5, 269-287.
    Hebert-Dufresne, L., Grochow, J. A., & Allard, A. (2016). Multi-scale structure and
    topological anomaly detection via a new network statistic: the onion decomposition.
    *Scientific Reports*, 6, 31708.
    Lave, J., & Wenger, E. (1991). *Situated Learning: Legitimate Peripheral Participation*.
    Wenger, E., McDermott, R., & Snyder, W. (2002). *Cultivating Communities of Practice*.
    Blau, P. M. (1977); Agresti & Agresti (1978): see :func:`~landscape.passes.diversity.tie_diversity`.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> result = voices(load(sample_path("clinical-simulation")))
    >>> [g.group for g in result.groups if g.status == "missing"]
    ['pharmacists', 'paramedics']
    """
    if not 0 < threshold <= 1 or not 0 < silence_threshold <= 1:
        raise ValueError("threshold and silence_threshold must be between 0 and 1")
    ties = learning_ties(landscape, relations)
    settings = landscape.settings
    voiced = grouping(landscape, by or settings.voices_attribute, required=by is not None or settings.voices_by is not None)
    values = dict(voiced.memberships)  # each person's groups, one spelling per group
    attribute = voiced.attribute
    nodes = ties.nodes
    total = len(nodes)
    indptr, indices = ties.neighbours
    degree = ties.degree
    coreness = dict(zip(nodes, core_numbers(indptr, indices).tolist())) if total else {}
    largest = max(coreness.values(), default=0)
    # Isolates are onion layer 0 here (networkx puts them in layer 1, before everyone else's).
    onion = np.where(degree > 0, onion_layers(indptr, indices), 0) if total else np.zeros(0, dtype=np.int64)
    layers = dict(zip(nodes, onion.tolist()))
    deepest = max(layers.values(), default=0)
    in_degree = dict(zip(nodes, ties.in_degree.tolist()))
    out_degree = dict(zip(nodes, ties.out_degree.tolist()))
    answers = answered(landscape) or {}
    participants = _participants(ties, values, coreness, layers, deepest, in_degree, out_degree, answers,
                                 landscape.settings.confirm == "both")
    by_id = {p.id: p for p in participants}

    present: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for node in nodes:
        for value in dict.fromkeys(values[node]):
            present[_key(value)] += 1
            spelling.setdefault(_key(value), value_label(value))
    roster = landscape.expected_voices
    groups = _groups(landscape, ties, values, roster, present, spelling, by_id, in_degree, threshold)
    dissimilarity, note = _dissimilarity(values, roster, total)
    unrecorded = tuple(str(node) for node in nodes if not values[node])
    result_groups = tuple(groups)
    return VoicesResult(
        attribute=attribute,
        roster_given=bool(roster),
        threshold=threshold,
        silence_threshold=silence_threshold,
        participants_total=total,
        unrecorded=unrecorded,
        groups=result_groups,
        dissimilarity=dissimilarity,
        dissimilarity_note=note,
        participants=participants,
        largest_coreness=largest,
        deepest_layer=deepest,
        ties=ties.to_dict(),
        names={str(node): str(name) for node, name in landscape.graph.nodes(data="name")},
        response=ties.response,
        different_accounts=different_accounts(landscape, ties.relations, answers),
    )


def _participants(
    ties: TieSelection,
    values: dict[Hashable, tuple[Any, ...]],
    coreness: dict[Hashable, int],
    layers: dict[Hashable, int],
    deepest: int,
    in_degree: dict[Hashable, int],
    out_degree: dict[Hashable, int],
    answers: dict[str, bool | None],
    confirm_both: bool = False,
) -> tuple[ParticipantVoice, ...]:
    diversity = tie_diversity(ties, values, alters="all")
    people = []
    degree = ties.degree.tolist()
    for position, node in enumerate(ties.nodes):
        neighbours = degree[position]
        # Someone who did not answer named nobody because they were not asked: not an isolate.
        silent = answers.get(str(node)) is False
        strong = silent and confirm_both  # under the strong rule they can keep no tie: nobody naming them says nothing
        people.append(
            ParticipantVoice(
                id=str(node),
                groups=tuple(value_label(value) for value in values[node]),
                in_degree=in_degree[node],
                out_degree=out_degree[node],
                neighbours=neighbours,
                in_isolate=in_degree[node] == 0 and not strong,
                out_isolate=out_degree[node] == 0 and not silent,
                isolate=neighbours == 0 and not silent,
                pendant=neighbours == 1 and not silent,
                coreness=coreness.get(node, 0),
                onion_layer=layers[node],
                participation_level=NOT_ANSWERED if silent else participation_level(layers[node], deepest),
                responded=answers.get(str(node)),
                alters=int(diversity.alters[position]),
                range=int(diversity.range[position]),
                blau=_nan_to_none(diversity.blau[position]),
                iqv=_nan_to_none(diversity.iqv[position]),
                shannon=_nan_to_none(diversity.shannon[position]),
            )
        )
    return tuple(people)


def _reaching_out(ties: TieSelection, members: Sequence[Hashable]) -> tuple[list[Hashable], list[Hashable]]:
    """The members with a tie outside the group (in member order), and the people outside they are
    tied to (in the order the members' neighbours list them, each once)."""
    nodes = ties.nodes
    if not members:
        return [], []
    indptr, indices = ties.neighbours
    positions = np.fromiter((ties.index[node] for node in members), dtype=np.int64, count=len(members))
    inside = np.zeros(len(nodes), dtype=bool)
    inside[positions] = True
    entries, owner = expand(indptr, positions)
    around = indices[entries]
    outside = ~inside[around]
    linking = np.bincount(owner[outside], minlength=len(positions)) > 0
    reached = around[outside]
    _, first = np.unique(reached, return_index=True)
    return ([members[i] for i in np.flatnonzero(linking)], [nodes[i] for i in reached[np.sort(first)]])


def _groups(
    landscape: Landscape,
    ties: TieSelection,
    values: dict[Hashable, tuple[Any, ...]],
    roster: Sequence[Any],
    present: Counter[str],
    spelling: dict[str, str],
    by_id: dict[str, ParticipantVoice],
    in_degree: dict[Hashable, int],
    threshold: float,
) -> list[GroupVoice]:
    total = len(ties.nodes)
    total_in = sum(in_degree.values())
    members: dict[str, list[Hashable]] = {}
    for node in ties.nodes:
        for value in dict.fromkeys(values[node]):
            members.setdefault(_key(value), []).append(node)
    on_roster = {_key(voice.group): voice for voice in roster}
    order = [_key(voice.group) for voice in roster]
    order += sorted((key for key in present if key not in on_roster), key=lambda key: (-present[key], key))
    p_values: dict[str, float] = {}
    rows = []
    for key in order:
        voice = on_roster.get(key)
        n = present.get(key, 0)
        share = n / total if total else 0.0
        expected = voice.expected if voice else None
        q = voice.expected_share if voice else None
        if q:
            ratio, basis = share / q, "share"
            p_values[key] = binomial_lower_tail(n, total, q)
        elif expected:
            ratio, basis = n / expected, "count"
        else:
            ratio, basis = None, None
        if voice is None or _expects_none(voice):
            status: Status = "unexpected" if n else "not-expected"
        elif n == 0:
            status = "missing"
        elif _shortfall(n, share, expected, q, threshold):
            status = "under-represented"
        else:
            status = "present"
        group_members = members.get(key, [])
        in_ties = sum(in_degree[node] for node in group_members)
        voice_share = in_ties / total_in if total_in and n else None
        silence = voice_share / share if voice_share is not None and share else None
        linking, contacts = _reaching_out(ties, group_members)
        levels = Counter(by_id[str(node)].participation_level for node in group_members)
        rows.append(
            dict(
                group=voice.group if voice and n == 0 else spelling.get(key, voice.group if voice else key),
                present=n,
                expected=expected,
                expected_share=q,
                why=voice.why if voice else None,
                share=share,
                representation_ratio=ratio,
                ratio_basis=basis,
                status=status,
                in_ties=in_ties,
                voice_share=voice_share,
                silence_ratio=silence,
                levels=tuple((level, levels.get(level, 0)) for level in LEVELS),
                members_linking_out=tuple(str(node) for node in linking),
                outside_contacts=tuple(str(node) for node in contacts),
                key=key,
            )
        )
    adjusted = holm(p_values)
    groups = []
    for row in rows:
        key = row.pop("key")
        groups.append(GroupVoice(p_value=p_values.get(key), p_value_holm=adjusted.get(key), **row))
    return groups


def _expects_none(voice: Any) -> bool:
    """True for a roster row that expects nobody: 0 (or 0%), and no positive number beside it."""
    numbers = [value for value in (voice.expected, voice.expected_share) if value is not None]
    return bool(numbers) and not any(numbers)


def _shortfall(present: int, share: float, expected: int | None, expected_share: float | None,
               threshold: float) -> tuple[str, ...]:
    """Which expectation a group falls short of: ``"count"`` (fewer present than expected),
    ``"share"`` (representation ratio below the threshold), both, or neither."""
    found = []
    if expected and present < expected:
        found.append("count")
    if expected_share and share / expected_share < threshold:
        found.append("share")
    return tuple(found)


def _dissimilarity(values: dict[Hashable, tuple[Any, ...]], roster: Sequence[Any], total: int) -> tuple[float | None, str]:
    expected = {_key(voice.group): voice.expected_share for voice in roster if voice.expected_share}
    if not expected:
        return None, "no group on the roster has an expected share, so the mix cannot be compared"
    added = sum(expected.values())
    if added > 1 + SHARES_ROUNDING:
        return None, f"the expected shares add up to {added:.3g}, more than 1, so they are not a mix"
    if not total:
        return None, "there are no participants"
    rescaled = added > 1 + 1e-9
    if rescaled:  # shares rounded in a spreadsheet (33.4% three times): rescaled to add up to 1
        expected = {key: share / added for key, share in expected.items()}
    observed: Counter[str] = Counter()
    for groups in values.values():
        distinct = list(dict.fromkeys(_key(value) for value in groups))
        for key in distinct:
            observed[key] += 1 / len(distinct)  # a person in k groups counts 1/k in each: shares sum to 1
    shares = {key: observed.get(key, 0.0) / total for key in expected}
    rest_observed = 1 - sum(shares.values())
    rest_expected = 1 - sum(expected.values())
    d = 0.5 * (sum(abs(shares[key] - expected[key]) for key in expected) + abs(rest_observed - rest_expected))
    return round(d, 12), (
        "D = 1/2 sum |p_g - q_g| over the groups with an expected share, every other group pooled as one "
        "(Duncan & Duncan 1955)" + (f"; the expected shares added up to {added:.7g} (rounding) and were rescaled to "
                                    "add up to 1" if rescaled else "")
    )


register_pass("voices", voices, description="Who needs to be involved? Missing, thin and unheard voices.",
              settings=("voices_by", "relations"))

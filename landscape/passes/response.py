"""Response: how many people answered the survey, overall and in each group, and where two
accounts of a tie differ.

Who did not answer is missing data, not a pattern: their own ties are unknown. Measures that
count what others say of a person (in-degree, being sought out) hold up well when some people
did not answer; measures that follow paths through people (betweenness, brokerage, constraint)
and centralization do not: a broker who did not answer vanishes, and teams look more apart than
they are (Smith & Moody 2013; Costenbader & Valente 2003). Practitioners ask for at least 80% of
people answering before naming brokers (:data:`FRAGILE_BELOW`).

References
----------
Smith, J. A., & Moody, J. (2013). Structural effects of network sampling coverage I: nodes
missing at random. *Social Networks*, 35, 652-668.
Costenbader, E., & Valente, T. W. (2003). The stability of centrality measures when networks
are sampled. *Social Networks*, 25, 283-307.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from landscape.model.accounts import ONE_SIDED, answered
from landscape.passes.groups import find_attribute, grouping

if TYPE_CHECKING:  # pragma: no cover
    from landscape.model import Landscape

__all__ = ["FRAGILE_BELOW", "GroupResponse", "Response", "different_accounts", "response"]

#: A response rate below this (overall or in any group) makes findings that rest on betweenness,
#: brokerage, constraint or centralization fragile (a practitioners' threshold, not a test).
FRAGILE_BELOW = 0.8


@dataclass(frozen=True)
class GroupResponse:
    """One group's answers: ``respondents`` of the ``members`` whose answer is recorded."""

    group: str
    respondents: int
    members: int

    @property
    def rate(self) -> float | None:
        return self.respondents / self.members if self.members else None

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "respondents": self.respondents, "members": self.members}


@dataclass(frozen=True)
class Response:
    """Who answered: ``respondents`` of the ``participants`` whose answer is recorded (``unknown``
    more have a blank ``responded`` cell), and the same per group of each attribute that groups
    people (the voices attribute, then the grouping attribute: stakeholder group, community)."""

    respondents: int
    participants: int
    unknown: int
    non_respondents: tuple[str, ...]
    groups: tuple[tuple[str, tuple[GroupResponse, ...]], ...]

    @property
    def rate(self) -> float | None:
        return self.respondents / self.participants if self.participants else None

    def lowest(self) -> tuple[str, GroupResponse] | None:
        """The attribute and group with the lowest rate (the first listed among equals), or None."""
        ranked = [(group.rate, attribute, group) for attribute, groups in self.groups for group in groups
                  if group.rate is not None]
        if not ranked:
            return None
        _, attribute, group = min(ranked, key=lambda item: item[0])
        return attribute, group

    def fragile(self) -> bool:
        """True when the rate overall or in a group is below :data:`FRAGILE_BELOW`."""
        lowest = self.lowest()
        rates = [self.rate] + ([lowest[1].rate] if lowest else [])
        return any(rate is not None and rate < FRAGILE_BELOW for rate in rates)

    def to_dict(self) -> dict[str, Any]:
        lowest = self.lowest()
        return {
            "rate": self.rate, "respondents": self.respondents, "participants": self.participants,
            "unknown": self.unknown, "fragile": self.fragile(),
            "lowest": None if lowest is None else {"attribute": lowest[0], "group": lowest[1].group,
                                                   **lowest[1].to_dict()},
            "groups": {group.group: group.to_dict() for group in (self.groups[0][1] if self.groups else ())},
            "by_attribute": {attribute: {group.group: group.to_dict() for group in groups}
                             for attribute, groups in self.groups},
        }


def response(landscape: Landscape, attributes: tuple[str, ...] | None = None) -> Response | None:
    """Who answered the survey, overall and per group, from the ``responded`` column (None without
    one). ``attributes``: the attributes to group by (by default the voices attribute, then the
    grouping attribute, those the participants have). A person in several groups counts in each.

    Examples
    --------
    >>> import landscape, pandas as pd
    >>> from landscape.model.sharing import _rebuild
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> people = land.participants.assign(responded=["yes"] * 15 + ["no"] * 6)
    >>> result = response(_rebuild(land, people, land.relationships), ("department",))
    >>> result.respondents, result.participants, round(result.rate, 3)
    (15, 21, 0.714)
    """
    answers = answered(landscape)
    if answers is None:
        return None
    settings = landscape.settings
    if attributes is None:
        attributes = tuple(dict.fromkeys(name for name in (settings.voices_attribute, settings.grouping_attribute)
                                         if find_attribute(landscape, name)))
    groups = []
    for attribute in attributes:
        grouped = grouping(landscape, attribute, required=False)
        rows = []
        for group, members in grouped.members.items():
            known = [answers.get(str(node)) for node in members if answers.get(str(node)) is not None]
            rows.append(GroupResponse(str(group), sum(known), len(known)))
        groups.append((grouped.attribute, tuple(rows)))
    known = [answer for answer in answers.values() if answer is not None]
    return Response(
        respondents=sum(known), participants=len(known), unknown=len(answers) - len(known),
        non_respondents=tuple(pid for pid, answer in answers.items() if answer is False), groups=tuple(groups))


def different_accounts(landscape: Landscape, relations: tuple[str, ...],
                       answers: Mapping[str, bool | None] | None = None) -> tuple[dict[str, Any], ...]:
    """Ties one person reported and the other, who answered, did not: two accounts of one
    relationship, each ``{"reported_by", "about", "type"}``, sorted. A one-sided tie to someone
    who did not answer is missing data, not a different account, and is not listed.

    >>> import landscape, pandas as pd
    >>> from landscape.model.sharing import _rebuild
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> ties = land.relationships[land.relationships["type"] == "advice"].head(3).assign(reported_by=lambda t: t["source"])
    >>> people = land.participants.assign(responded="yes")
    >>> [item["type"] for item in different_accounts(_rebuild(land, people, ties), ("advice",))]
    ['advice', 'advice', 'advice']
    """
    status = landscape.tie_statuses
    if status is None:
        return ()
    answers = answered(landscape) if answers is None else answers
    ties = landscape.relationships
    chosen = ties[(status == ONE_SIDED).to_numpy() & ties["type"].isin(relations).to_numpy()]
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for source, target, kind, reporter in zip(chosen["source"].tolist(), chosen["target"].tolist(),
                                              chosen["type"].tolist(), chosen["reported_by"].tolist()):
        reporter = str(reporter)
        other = str(target) if reporter == str(source) else str(source) if reporter == str(target) else None
        if other is None or not (answers or {}).get(other):
            continue  # a third person's account, or the other side did not answer (or is not known to have)
        found.setdefault((reporter, other, str(kind)), {"reported_by": reporter, "about": other, "type": str(kind)})
    return tuple(found[key] for key in sorted(found))


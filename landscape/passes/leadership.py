"""Leadership: how do we foster distributed leadership? Who is looked to, how concentrated, across which boundaries.

The pass reads the leadership relation (who looks to whom for leadership): ties of kind
``leadership`` (declared in the Relation types table, or known by name: ``looks_to``, ``leads``...),
or the types chosen with ``leadership_relations``. Without any, it reads being sought out on the
learning ties as a stand-in, and says so (``relation_source``). It measures how shared leadership
is (density, centralization, Gini, top shares), names who is widely looked to and how they relate
(the configuration), whether each group is looked to from outside, whether leadership follows
seniority, which leadership groups each community has, and, with waves, who is newly looked to.
It names patterns and asks the discipline's questions; it never judges a person.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Literal

import numpy as np
import pandas as pd

from landscape.model import Landscape
from landscape.passes.groups import find_attribute, grouping, group_key
from landscape.passes.power import Correlation, freeman_centralization, power_rank
from landscape.passes.registry import register_pass
from landscape.passes.ties import TieSelection, learning_ties, tied_pairs

__all__ = ["CENTRED_SHARE", "CONFIGURATIONS", "LEADER_MIN", "LEADER_SHARE", "LEADERSHIP_GROUPS", "LeadershipResult",
           "gini", "leadership", "top_shares"]

#: Someone is *widely looked to* when at least LEADER_MIN people name them and at least LEADER_SHARE
#: as many as name the most-named person. Conventions (MEASURES §7 asks that they be stated).
LEADER_MIN = 2
LEADER_SHARE = 0.5
#: Leadership is *leader-centred* when one person holds at least this share of all nominations.
CENTRED_SHARE = 0.5
CONFIGURATIONS = ("leader-centred", "distributed-coordinated", "distributed-fragmented", "none")
#: The leadership groups of social learning spaces (Wenger-Trayner & Wenger-Trayner 2020); a
#: ``leadership_group`` cell may use these, their singulars or American spellings, or its own words.
LEADERSHIP_GROUPS = ("agenda activists", "community keepers", "critical friends", "social reporters",
                     "external messengers", "value detectives", "organisational brokers")
#: The groups whose work is to carry things across the community's edge: their E-I says whether they do.
OUTWARD_GROUPS = ("external messengers", "organisational brokers")
#: Types whose ties run from the leader to the one who follows: turned round, as nominations.
LEADING_TYPES = ("leads", "leader")

Source = Literal["leadership ties", "learning ties (proxy)"]


def gini(values: Sequence[float]) -> float | None:
    """The Gini coefficient of non-negative values: ``G = sum_i (2i - n - 1) x_(i) / (n sum x)``, x
    sorted ascending, i from 1. 0 when everyone has the same, ``(n - 1) / n`` when one person has all.
    None when there are no values or they sum to 0.

    >>> gini([0, 0, 0, 4])
    0.75
    >>> gini([2, 2, 2]), gini([0, 0])
    (0.0, None)
    """
    x = np.sort(np.asarray(values, dtype=float))
    n, total = len(x), float(x.sum()) if len(x) else 0.0
    if not n or total <= 0:
        return None
    i = np.arange(1, n + 1)
    return float(((2 * i - n - 1) * x).sum() / (n * total))


def top_shares(in_degree: dict[str, int]) -> tuple[dict[str, float | None], list[str]]:
    """The share of all nominations held by the top person, the top three and the top ⌈n/10⌉
    people by in-degree (ties broken by id), and everyone in that order.

    >>> top_shares({"a": 1, "b": 5, "c": 2, "d": 2})[0]
    {'top1': 0.5, 'top3': 0.9, 'top10pct': 0.5}
    """
    order = sorted(in_degree, key=lambda pid: (-in_degree[pid], pid))
    total = sum(in_degree.values())
    k = max(1, math.ceil(0.1 * len(order)))
    if not total:
        return {"top1": None, "top3": None, "top10pct": None}, order
    share = {name: sum(in_degree[pid] for pid in order[:count]) / total
             for name, count in (("top1", 1), ("top3", 3), ("top10pct", k))}
    return share, order


@dataclass(frozen=True)
class LeadershipResult:
    """What the Leadership pass found. ``to_dict()`` gives the JSON the CLI prints under ``leadership``."""

    pass_name = "leadership"

    relation_source: Source
    relations: tuple[str, ...]
    participants: int
    nominations: int
    weighted: bool
    density: float | None
    centralization: float | None
    gini: float | None
    top_share: dict[str, float | None]
    in_degree: dict[str, int]
    configuration: str
    leaders: tuple[str, ...]
    leader_threshold: int | None
    leaders_tied: bool
    #: Pairs of leaders tied by a nomination, either way.
    leader_pairs: int
    group_attribute: str
    groups: dict[str, dict[str, Any]]
    seniority: Correlation | None
    formal_basis: str
    beyond_rank: tuple[str, ...]
    roles: dict[str, Any] | None
    coverage: dict[str, dict[str, int]]
    emergence: dict[str, Any] | None
    ties: dict[str, Any]
    #: The waves that hold leadership nominations (of every wave the landscape was cut from).
    nomination_waves: tuple[str, ...]
    #: Each participant's name and groups, for the findings' sentences (not in ``to_dict()``: the JSON
    #: names people by id).
    names: dict[str, str]
    member_of: dict[str, tuple[str, ...]]

    @property
    def unseen_groups(self) -> tuple[str, ...]:
        """Groups with members none of whom anyone outside the group looks to for leadership."""
        return tuple(g for g, info in self.groups.items() if info["members"] and not info["looked_to_from_outside"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation_source": self.relation_source, "relations": list(self.relations),
            "participants": self.participants, "nominations": self.nominations, "weighted": self.weighted,
            "density": self.density, "centralization": self.centralization, "gini": self.gini,
            "top_share": dict(self.top_share), "in_degree": dict(self.in_degree),
            "configuration": self.configuration, "leaders": list(self.leaders),
            "leader_threshold": self.leader_threshold, "leaders_tied": self.leaders_tied,
            "leader_pairs": self.leader_pairs,
            "group_attribute": self.group_attribute, "groups": {g: dict(v) for g, v in self.groups.items()},
            "unseen_groups": list(self.unseen_groups),
            "seniority": None if self.seniority is None else {"basis": self.formal_basis, **self.seniority.to_dict()},
            "beyond_rank": list(self.beyond_rank), "roles": self.roles, "coverage": self.coverage,
            "emergence": self.emergence, "nomination_waves": list(self.nomination_waves), "ties": self.ties,
        }


def leadership(
    landscape: Landscape,
    *,
    leadership_relations: Sequence[str] | None = None,
    group: str | None = None,
) -> LeadershipResult:
    """Who is looked to for leadership, how concentrated that is, and across which boundaries.

    Parameters
    ----------
    landscape : Landscape
    leadership_relations : sequence of str, optional
        The relationship types that say who looks to whom for leadership. By default the types of
        kind ``leadership`` among those chosen with the ``relations`` setting, else those in the
        data; without any, the learning ties (the ``relations`` setting, else the learning types)
        stand in for them (``relation_source`` is then ``learning ties (proxy)``).
    group : str, optional
        The participant attribute whose groups are compared; by default the landscape's setting
        (``community``).

    Returns
    -------
    LeadershipResult
        With ``emergence`` when the landscape is one wave of a wave column (:attr:`Landscape.whole`):
        against the wave before it. :func:`emergence` compares any two landscapes.

    Notes
    -----
    A tie ``i -> j`` is a nomination: i looks to j (types ``leads`` and ``leader`` run from the leader
    and are turned round; undirected rows count both ways; self-ties are dropped and parallel rows
    are one nomination). With n participants and in-degrees ``d_i`` (distinct people naming i):

    - *shared-leadership density* (Carson, Tesluk & Marrone 2007): nominations / ``n(n-1)``; when
      the rows' weights differ (ratings), the mean rating over all ordered pairs (0 where none was
      given; a pair rated twice keeps its highest rating) divided by the highest rating;
    - *centralization* (Mayo, Meindl & Pastor 2003): Freeman's in-degree centralization,
      ``sum_i (max d - d_i) / (n-1)^2``, or ``/ (n-1)(n-2)`` when every tie holds both ways;
    - *Gini* of the in-degrees (:func:`gini`) and the *top shares* (:func:`top_shares`);
    - *widely looked to* (the leaders): named by at least :data:`LEADER_MIN` people and by at least
      :data:`LEADER_SHARE` as many as the most-named person;
    - *configuration*, after Mehra, Smith, Dixon & Robertson (2006), with these stated conventions:
      ``none`` when nobody is named by two or more people; ``leader-centred`` when one person
      holds at least :data:`CENTRED_SHARE` of all nominations or is the only one widely looked to;
      ``distributed-coordinated`` when several are widely looked to and their nominations of one
      another (either way) join them all; ``distributed-fragmented`` when they do not;
    - per group of ``group``: the E-I index of the nominations its members receive, ``(E - I) / (E + I)``,
      with I from members of the group and E from people with a group who are not in it (people with
      no group are left out); ``looked_to_from_outside`` when E > 0;
    - *seniority*: Spearman's rho between seniority (as Power reads it: ``level`` in the level
      order, else the reporting depth) and in-degree; *beyond rank* (emergent leaders): people widely
      looked to whose rank in being looked to exceeds their formal rank by a quarter of the ranking
      (Power's rule), nobody at the most senior level;
    - *leadership groups* (a ``leadership_group`` column): per group of ``group``, how many
      members hold each; which of :data:`LEADERSHIP_GROUPS` nobody holds; each leadership group's
      E-I on the learning ties (do external messengers and brokers reach outside their groups?);
    - *emergence*: the leaders of the earlier wave against those of this one, with centralization
      and Gini then and now.

    References
    ----------
    Carson, J. B., Tesluk, P. E., & Marrone, J. A. (2007). Shared leadership in teams. *Academy of
    Management Journal*, 50(5), 1217-1234.
    Mayo, M., Meindl, J. R., & Pastor, J.-C. (2003). Shared leadership in work teams: a social
    network approach. In C. L. Pearce & J. A. Conger (Eds.), *Shared Leadership* (pp. 193-214). Sage.
    Mehra, A., Smith, B. R., Dixon, A. L., & Robertson, B. (2006). Distributed leadership in teams.
    *The Leadership Quarterly*, 17(3), 232-245.
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises. *Social
    Psychology Quarterly*, 51(2), 123-140.
    Wenger-Trayner, E., & Wenger-Trayner, B. (2020). *Learning to Make a Difference*. Cambridge UP.

    Examples
    --------
    Krackhardt's managers recorded advice, not leadership: being sought out for advice stands in.

    >>> from landscape import load, sample_path
    >>> result = leadership(load(sample_path("krackhardt-hightech")))
    >>> result.relation_source, round(result.centralization, 4), round(result.gini, 4)
    ('learning ties (proxy)', 0.47, 0.2461)
    """
    return _measure(landscape, leadership_relations, group, None)


def _measure(landscape: Landscape, leadership_relations: Sequence[str] | None, group: str | None,
             earlier: Landscape | None, *, emerge: bool = True) -> LeadershipResult:
    """The pass, with the earlier wave given (:func:`emergence`) or found (None: the wave before);
    ``emerge=False`` for the earlier wave itself, which needs no wave before it."""
    chosen, present, source = _relation(landscape, leadership_relations)
    # The stand-in is the ties every pass measures: the same (cached) selection, not a second one.
    default = source == "learning ties (proxy)" and not landscape.settings.relations
    selection = learning_ties(landscape, None if default else present)
    nodes = [str(node) for node in selection.nodes]
    arcs, weighted = _nominations(landscape, selection)
    index = {pid: i for i, pid in enumerate(nodes)}
    n = len(nodes)
    positions = pd.Index(nodes)
    sources = positions.get_indexer(arcs["source"]).astype(np.int64)
    targets = positions.get_indexer(arcs["target"]).astype(np.int64)
    degree = np.bincount(targets, minlength=n) if n else np.zeros(0, dtype=np.int64)
    in_degree = {pid: int(d) for pid, d in zip(nodes, degree)}
    density = None
    if n >= 2:
        top_rating = float(arcs["rating"].max()) if len(arcs) else 1.0
        density = float(arcs["rating"].sum() / (n * (n - 1) * top_rating)) if weighted else len(arcs) / (n * (n - 1))
    code, back = sources * max(n, 1) + targets, targets * max(n, 1) + sources
    both_ways = bool(len(code)) and bool(np.isin(back, code).all())
    centralization = None if n < 3 else freeman_centralization(
        degree.tolist(), (n - 1) * (n - 2) if both_ways else (n - 1) ** 2)
    shares, _ = top_shares(in_degree)
    leaders, threshold = _leaders(in_degree)
    waves = _nomination_waves(landscape, chosen) if source == "leadership ties" else ()
    among = np.isin(sources, positions.get_indexer(list(leaders))) & np.isin(targets, positions.get_indexer(list(leaders)))
    linked = set(zip(sources[among].tolist(), targets[among].tolist()))
    tied = _joined(leaders, linked, index)
    grouped = grouping(landscape, group or landscape.settings.grouping_attribute,
                       required=group is not None or landscape.settings.group is not None)
    member_of = {str(node): groups for node, groups in grouped.memberships.items()}
    seniority, basis, beyond = power_rank(landscape, {node: in_degree[str(node)] for node in selection.nodes})
    widely = set(leaders)
    beyond = tuple(pid for pid in beyond if pid in widely)  # emergent leaders: widely looked to, beyond rank
    return LeadershipResult(
        relation_source=source, relations=chosen, participants=n, nominations=len(arcs), weighted=weighted,
        density=density, centralization=centralization, gini=gini(degree.tolist()), top_share=shares,
        in_degree=in_degree, configuration=_configuration(leaders, in_degree, shares, tied), leaders=leaders,
        leader_threshold=threshold, leaders_tied=tied,
        leader_pairs=len({(min(s, t), max(s, t)) for s, t in linked}), group_attribute=grouped.attribute,
        groups=_group_ei(grouped.groups, member_of, arcs), seniority=seniority, formal_basis=basis,
        beyond_rank=beyond, roles=_roles(landscape, member_of, grouped.attribute),
        coverage=_coverage(landscape, grouped.groups, member_of, grouped.attribute),
        emergence=_emergence(landscape, earlier, chosen, leaders, in_degree, centralization,
                             gini(degree.tolist())) if emerge and source == "leadership ties" and len(arcs) else None,
        nomination_waves=waves,
        ties={**selection.to_dict(), "turned": int(arcs.attrs.get("turned", 0))},
        names={str(node): str(name) for node, name in landscape.graph.nodes(data="name") if name is not None},
        member_of=member_of,
    )


def _relation(landscape: Landscape, given: Sequence[str] | None
              ) -> tuple[tuple[str, ...], tuple[str, ...], Source]:
    """The types read as the leadership relation (in any wave), those of them in this wave, and whether
    they are leadership ties or a stand-in. Names are read as every type name is (``Looks To`` is
    ``looks_to``); a type named that the landscape does not have is an error, naming the types."""
    if given:
        chosen = learning_ties(landscape, given).relations
        return chosen, chosen, "leadership ties"
    kinds = landscape.relation_kinds
    named = [kind for kind in landscape.settings.relations or () if kinds.get(kind) == "leadership"]
    if named:
        return tuple(named), tuple(named), "leadership ties"
    # Leadership asked in some waves only: this wave has none, and says so, rather than standing in.
    every = (landscape.whole or landscape).relations_of_kind("leadership")
    if every:
        return every, tuple(kind for kind in every if kind in landscape.relation_types), "leadership ties"
    chosen = landscape.settings.relations
    proxy = tuple(chosen) if chosen else landscape.relations_of_kind("learning")
    return proxy, proxy, "learning ties (proxy)"


def _nominations(landscape: Landscape, selection: TieSelection) -> tuple[pd.DataFrame, bool]:
    """Each nomination once (source looks to target), with its rating: the highest of its rows'
    weights; whether the rows' weights differ (a rating, not a count). ``selection`` has checked the
    types' names."""
    frame = landscape.relationships
    # Under --confirm both a nomination is kept: it is one person's view (model.accounts.one_sided_rows).
    rows = frame[frame["type"].isin(selection.relations)] if len(frame) else frame
    if not len(rows):
        empty = pd.DataFrame({"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object),
                              "rating": pd.Series([], dtype=float)})
        return empty, False
    source, target = rows["source"].astype(str), rows["target"].astype(str)
    turned = rows["type"].isin(LEADING_TYPES).to_numpy()
    source, target = source.where(~turned, target), target.where(~turned, source)
    weight = pd.to_numeric(rows["weight"], errors="coerce").fillna(1.0)
    both = rows["direction"].isin(("undirected", "mutual")).to_numpy()
    arcs = pd.concat([pd.DataFrame({"source": source, "target": target, "rating": weight}),
                      pd.DataFrame({"source": target[both], "target": source[both], "rating": weight[both]})],
                     ignore_index=True)
    weighted = bool(weight[(source != target).to_numpy()].nunique() > 1)  # a self-tie's rating is no rating
    arcs = arcs[arcs["source"] != arcs["target"]]
    arcs = arcs.groupby(["source", "target"], sort=True, as_index=False)["rating"].max()
    arcs.attrs["turned"] = int(turned.sum())
    return arcs, weighted


def _leaders(in_degree: dict[str, int]) -> tuple[tuple[str, ...], int | None]:
    """The people widely looked to (most named first, then by id), and the in-degree that takes."""
    top = max(in_degree.values(), default=0)
    if top < LEADER_MIN:
        return (), None
    threshold = max(LEADER_MIN, math.ceil(LEADER_SHARE * top))
    return tuple(sorted((pid for pid, d in in_degree.items() if d >= threshold),
                        key=lambda pid: (-in_degree[pid], pid))), threshold


def _joined(leaders: Sequence[str], pairs: set[tuple[int, int]], index: dict[str, int]) -> bool:
    """True when the leaders' nominations of one another (either way) join them all into one."""
    if len(leaders) < 2:
        return False
    members = {index[pid] for pid in leaders}
    parent = {m: m for m in members}

    def root(m: int) -> int:
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for s, t in pairs:
        if s in members and t in members:
            parent[root(s)] = root(t)
    return len({root(m) for m in members}) == 1


def _configuration(leaders: Sequence[str], in_degree: dict[str, int], shares: dict[str, float | None],
                   tied: bool) -> str:
    if not leaders:
        return "none"
    # Half the nominations held by one person: only when nobody else is named as often.
    top = in_degree[leaders[0]]
    alone = sum(1 for d in in_degree.values() if d == top) == 1
    if len(leaders) == 1 or (alone and (shares["top1"] or 0) >= CENTRED_SHARE):
        return "leader-centred"
    return "distributed-coordinated" if tied else "distributed-fragmented"


def _group_ei(groups: Sequence[str], member_of: dict[str, tuple[str, ...]], arcs: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Per group: the nominations its members receive from inside and from outside, their E-I, and
    who is looked to from outside (one table join, not a loop over the nominations)."""
    found = {g: {"members": 0, "given": 0, "internal": 0, "external": 0, "ei": None,
                 "looked_to_from_outside": False, "looked_to": []} for g in groups}
    pairs = [(pid, g) for pid, names in member_of.items() for g in names]
    for _, g in pairs:
        found[g]["members"] += 1
    membership = pd.DataFrame(pairs, columns=["pid", "group"])
    grouped = set(membership["pid"])
    # Each nomination once per group of the person named; who named them has no group: neither inside nor outside.
    received = arcs[arcs["source"].isin(grouped)].merge(membership, left_on="target", right_on="pid")
    inside = received.merge(membership, left_on=["source", "group"], right_on=["pid", "group"], how="left",
                            indicator=True)["_merge"].eq("both").to_numpy()
    received = received.assign(inside=inside)
    for g, count in arcs.merge(membership, left_on="source", right_on="pid").groupby("group").size().items():
        found[g]["given"] = int(count)  # nominations the group's members made: did they take part?
    for g, counts in received.groupby("group")["inside"].agg(["sum", "size"]).iterrows():
        found[g]["internal"], found[g]["external"] = int(counts["sum"]), int(counts["size"] - counts["sum"])
    outside = received[~received["inside"]].groupby(["group", "target"]).size().reset_index(name="count")
    # Sorted once (most nominations first, then by id), then cut by group: a sort per group took
    # seconds with thousands of groups.
    outside = outside.sort_values(["group", "count", "target"], ascending=[True, False, True], kind="stable")
    for g, rows in itertools.groupby(zip(outside["group"].tolist(), outside["target"].tolist()), key=itemgetter(0)):
        found[g]["looked_to"] = [str(target) for _, target in rows]
    for info in found.values():
        total = info["internal"] + info["external"]
        info["ei"] = (info["external"] - info["internal"]) / total if total else None
        info["looked_to_from_outside"] = info["external"] > 0
    return found


def _canonical(role: str) -> str:
    """A leadership group's name as :data:`LEADERSHIP_GROUPS` spells it, or as written.

    >>> _canonical("Organizational broker"), _canonical("value-detectives"), _canonical("Griot")
    ('organisational brokers', 'value detectives', 'Griot')
    """
    key = " ".join(re.split(r"[\s_\-\u2010-\u2015]+", group_key(role))).strip().replace("organizational",
                                                                                     "organisational")
    for name in LEADERSHIP_GROUPS:
        if key in (name, name[:-1]):
            return name
    return role


def _held(landscape: Landscape) -> dict[str, tuple[str, ...]] | None:
    """Each person's leadership groups, by the names :func:`_canonical` gives; None without the column."""
    column = find_attribute(landscape, "leadership_group")
    if column is None:
        return None
    roles = grouping(landscape, column, required=False)
    held = {str(node): tuple(dict.fromkeys(_canonical(name) for name in names))
            for node, names in roles.memberships.items()}
    return held if any(held.values()) else None


def _coverage(landscape: Landscape, groups: Sequence[str], member_of: dict[str, tuple[str, ...]],
              attribute: str) -> dict[str, dict[str, int]]:
    held = _held(landscape)
    if held is None or attribute == find_attribute(landscape, "leadership_group"):  # groups of themselves: nothing to cover
        return {}
    coverage: dict[str, dict[str, int]] = {g: {} for g in groups}
    for pid, roles in held.items():
        for g in member_of.get(pid, ()):
            for role in roles:
                coverage[g][role] = coverage[g].get(role, 0) + 1
    return {g: dict(sorted(counts.items())) for g, counts in coverage.items()}


def _roles(landscape: Landscape, member_of: dict[str, tuple[str, ...]], attribute: str) -> dict[str, Any] | None:
    """Who holds each leadership group, which nobody holds, and each one's E-I on the learning ties."""
    held = _held(landscape)
    if held is None or attribute == find_attribute(landscape, "leadership_group"):
        return None
    ties = learning_ties(landscape)
    people = sorted({role for roles in held.values() for role in roles}, key=str.casefold)
    pairs = tied_pairs(ties)
    found: dict[str, Any] = {}
    for role in people:
        holders = sorted(pid for pid, roles in held.items() if role in roles)
        holding = set(holders)
        internal = external = 0
        for a, b in pairs:
            for me, other in ((a, b), (b, a)):
                if me in holding and member_of.get(me) and member_of.get(other):
                    if set(member_of[me]) & set(member_of[other]):
                        internal += 1
                    else:
                        external += 1
        total = internal + external
        found[role] = {"people": holders, "internal": internal, "external": external,
                       "ei": (external - internal) / total if total else None}
    return {"held": found, "nobody": [role for role in LEADERSHIP_GROUPS if role not in found],
            "relations": list(ties.relations)}


def _nomination_waves(landscape: Landscape, kinds: Sequence[str]) -> tuple[str, ...]:
    """The waves (of every wave the landscape was cut from) that hold nominations of these types."""
    whole = landscape.whole or landscape
    ties = whole.relationships
    if "wave" not in ties or not whole.waves:
        return ()
    from landscape.schema.cells import text_of

    rows = ties[ties["type"].isin(kinds)]
    labels = {text_of(value).casefold() for value in rows["wave"].tolist()
              if value is not None and not (isinstance(value, float) and value != value)}
    return tuple(wave for wave in whole.waves if wave.casefold() in labels)


def _earlier(landscape: Landscape) -> tuple[Landscape | None, str | None]:
    """The wave before this one, as a map shows it, when the landscape is one wave of several."""
    whole, wave = landscape.whole, landscape.settings.wave
    if whole is None or wave is None:
        return None, None
    waves = [label.casefold() for label in whole.waves]
    if wave.casefold() not in waves or waves.index(wave.casefold()) == 0:
        return None, None
    from landscape.passes.continuity import wave_of

    label = whole.waves[waves.index(wave.casefold()) - 1]
    return wave_of(whole, label, everyone=True), label


def emergence(before: Landscape, after: Landscape, *, relations: Sequence[str] | None = None,
              labels: tuple[str, str] = ("before", "after")) -> dict[str, Any] | None:
    """Who is newly widely looked to for leadership between two waves, and who no longer, with
    centralization and Gini then and now; None when the earlier wave has none of the types.

    """
    now = _measure(after, relations, None, before)
    return now.emergence if now.emergence is None else {**now.emergence, "before": labels[0], "after": labels[1]}


def _emergence(landscape: Landscape, earlier: Landscape | None, relations: Sequence[str], leaders: Sequence[str],
               in_degree: dict[str, int], centralization: float | None,
               spread: float | None) -> dict[str, Any] | None:
    """The earlier wave's leaders against these (:func:`emergence`)."""
    label = None
    if earlier is None:
        earlier, label = _earlier(landscape)
    if earlier is None:
        return None
    present = [kind for kind in relations if kind in earlier.relation_types]
    if not present:
        return None
    then = _measure(earlier, present, None, None, emerge=False)
    if not then.nominations:
        return None
    was, now = set(then.leaders), set(leaders)
    return {
        "before": label or earlier.settings.wave or "before", "after": landscape.settings.wave or "after",
        "new": [pid for pid in leaders if pid not in was],
        "first_looked_to": sorted((pid for pid, d in in_degree.items() if d and not then.in_degree.get(pid)),
                                  key=lambda pid: (-in_degree[pid], pid)),
        "no_longer": [pid for pid in then.leaders if pid not in now],
        "leaders_before": list(then.leaders),
        "centralization": {"before": then.centralization, "after": centralization},
        "gini": {"before": then.gini, "after": spread},
        "configuration_before": then.configuration,
    }


register_pass("leadership", leadership, description="How do we foster distributed leadership? Who is looked to, how "
              "concentrated, across which boundaries.", settings=("group", "relations", "wave"))

"""Value creation: what difference are we making, and for whom? Stories set against the map.

Value is evidenced by value-creation stories (Wenger, Trayner & de Laat 2011; Wenger-Trayner &
Wenger-Trayner 2020): who tells what difference a community or a boundary made, and which cycles
of value it shows (immediate, potential, applied, realised, reframing; orienting, enabling,
strategic). Stories are annotations on people, ties and boundaries, not network measures
(MEASURES §8, §10.2): the pass counts them per cycle, per community and per pair of groups (the
value-creation matrix), follows the stories that reach applied or realised value, and sets them
against the map: where learning ties run with no story told, where a story tells of a boundary the
map holds no tie across, and whose voice tells the value story. It quotes nothing: whether a
story's words may be shown is its ``consent`` (the report and the atlas quote only ``yes``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from landscape.model import Landscape
from landscape.passes.groups import grouping
from landscape.passes.registry import register_pass
from landscape.passes.ties import learning_ties, tied_pairs
from landscape.schema.stories import CYCLES

__all__ = ["EARLY", "LATE", "Story", "ValueResult", "value"]

#: A chain runs from the early cycles (value in the activity itself, knowledge capital) to the late
#: ones (changed practice, improved performance).
EARLY = ("immediate", "potential")
LATE = ("applied", "realised")


@dataclass(frozen=True)
class Story:
    """One value-creation story, as the Stories sheet gives it (people as participant ids; the
    groups of ``communities`` and ``boundary`` in the spelling the landscape's groups have)."""

    id: str
    row: int
    title: str | None
    teller: str | None
    people: tuple[str, ...]
    communities: tuple[str, ...]
    boundaries: tuple[tuple[str, str], ...]
    tie: tuple[str, str] | None
    activity: str | None
    cycles: tuple[str, ...]
    indicators: str | None
    when: str | None
    consent: bool
    text: str | None
    #: The boundary the story's ``boundary`` column names (the groups of its tie are not in it).
    named: tuple[tuple[str, str], ...] = ()
    #: The wave the story belongs to, when it names one.
    wave: str | None = None
    #: Whether the teller was asked: ``yes``, ``no`` or None (no consent recorded).
    asked: str | None = None

    @property
    def not_quoted(self) -> str:
        """Why the story is not quoted, in a few words for a reader."""
        return "the teller did not agree to share the words" if self.asked == "no" else \
            "no consent to share the words is recorded"

    def to_dict(self) -> dict[str, Any]:
        """The story as the JSON gives it: its words only where its consent is yes."""
        words = {"title": self.title, "text": self.text, "indicators": self.indicators, "activity": self.activity} \
            if self.consent else {"title": None, "text": None, "indicators": None, "activity": None}
        return {"id": self.id, "row": self.row, "teller": self.teller, "people": list(self.people),
                "communities": list(self.communities), "boundaries": [list(pair) for pair in self.boundaries],
                "tie": list(self.tie) if self.tie else None, "cycles": list(self.cycles), "when": self.when,
                "consent": self.consent, "asked": self.asked, **words}


@dataclass(frozen=True)
class ValueResult:
    """What the Value pass found. ``to_dict()`` gives the JSON the CLI prints under ``value``."""

    pass_name = "value"

    stories: tuple[Story, ...]
    group_attribute: str
    voices_attribute: str
    cycles: dict[str, int]
    communities: dict[str, dict[str, int]]
    boundaries: tuple[dict[str, Any], ...]
    chains: tuple[str, ...]
    untold_boundaries: tuple[tuple[str, str], ...]
    untold_communities: tuple[str, ...]
    stories_without_ties: tuple[str, ...]
    tellers: dict[str, int]
    silent_groups: tuple[str, ...]
    ties: dict[str, Any]
    #: Each participant's name, for the findings' sentences (not in ``to_dict()``).
    names: dict[str, str]

    @property
    def unquoted(self) -> int:
        """Stories counted but not quoted: their consent is not yes."""
        return sum(1 for story in self.stories if not story.consent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": [story.to_dict() for story in self.stories],
            "group_attribute": self.group_attribute,
            "voices_attribute": self.voices_attribute,
            "cycles": dict(self.cycles),
            "matrix": {"communities": {c: dict(v) for c, v in self.communities.items()},
                       "boundaries": [{"groups": list(b["groups"]), "cycles": dict(b["cycles"])}
                                      for b in self.boundaries]},
            "chains": list(self.chains),
            "untold_boundaries": [list(pair) for pair in self.untold_boundaries],
            "untold_communities": list(self.untold_communities),
            "stories_without_ties": list(self.stories_without_ties),
            "tellers": dict(self.tellers),
            "silent_groups": list(self.silent_groups),
            "unquoted": self.unquoted,
            "ties": self.ties,
        }


def value(landscape: Landscape, *, group: str | None = None) -> ValueResult:
    """The value-creation stories counted per cycle, community and boundary, and set against the map.

    Parameters
    ----------
    landscape : Landscape
        With a Stories sheet (without one, every count is empty and every boundary is untold).
    group : str, optional
        The participant attribute whose pairs of groups are the boundaries; by default the
        landscape's setting (``community``).

    Returns
    -------
    ValueResult

    Notes
    -----
    - ``cycles``: how many stories show evidence of each cycle (a story with two counts in both);
      cycles no story shows are left out.
    - The value-creation matrix: per community the story names in its ``community`` column, and per
      boundary (a pair of groups, named in ``boundary``, or the groups of the two people of the tie
      in ``source`` and ``target`` that they do not share), the stories per cycle.
    - ``chains``: stories with an early cycle (immediate or potential) and a late one (applied or
      realised): value followed from the activity to changed practice or results.
    - ``untold_boundaries``: pairs of groups joined by at least one learning tie (a member of each)
      with no story about them; ``untold_communities``: communities with a learning tie between two
      members and no story naming them.
    - ``stories_without_ties``: stories about a boundary no learning tie crosses, or about a tie
      (source and target) the map does not hold: a gap in the survey, or value that travelled
      another way.
    - ``tellers``: stories by the teller's ``stakeholder_group`` (the voices attribute; ``(none)``
      without one); ``silent_groups``: stakeholder groups with members and no story told.

    References
    ----------
    Wenger, E., Trayner, B., & de Laat, M. (2011). *Promoting and assessing value creation in
    communities and networks: a conceptual framework* (Rapport 18). Ruud de Moor Centrum, Open
    Universiteit.
    Wenger-Trayner, E., & Wenger-Trayner, B. (2020). *Learning to Make a Difference: Value Creation
    in Social Learning Spaces*. Cambridge University Press.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> result = value(load(sample_path("clinical-simulation")))
    >>> result.cycles["applied"], result.chains, result.stories_without_ties
    (3, ('S1', 'S2'), ('S3', 'S5'))
    """
    attribute = group or landscape.settings.grouping_attribute
    grouped = grouping(landscape, attribute, required=group is not None or landscape.settings.group is not None)
    communities = grouping(landscape, "community", required=False)
    voices = grouping(landscape, landscape.settings.voices_attribute, required=False)
    memberships = {str(node): groups for node, groups in grouped.memberships.items()}
    stories = _stories(landscape, grouped, communities, memberships)
    ties = learning_ties(landscape)
    pairs = tied_pairs(ties)
    crossed, inside = _mixing(pairs, memberships)
    boundary_stories: dict[tuple[str, str], list[Story]] = {}
    for story in stories:
        for pair in story.boundaries:
            boundary_stories.setdefault(pair, []).append(story)
    told_communities = {c for story in stories for c in story.communities}
    by_wave: dict[str, set[tuple[str, str]]] = {}
    without = tuple(story.id for story in stories if not _held(landscape, story, pairs, memberships, by_wave))
    voice = {str(node): first for node, first in voices.first().items()}
    tellers = Counter(voice.get(story.teller) or "(none)" for story in stories if story.teller is not None)
    return ValueResult(
        stories=stories, group_attribute=grouped.attribute, voices_attribute=voices.attribute,
        cycles=_counts(stories),
        communities={c: _counts([s for s in stories if c in s.communities]) for c in
                     sorted(told_communities, key=str.casefold)},
        boundaries=tuple({"groups": pair, "cycles": _counts(found)} for pair, found in
                         sorted(boundary_stories.items(), key=lambda item: [g.casefold() for g in item[0]])),
        chains=tuple(s.id for s in stories if set(s.cycles) & set(EARLY) and set(s.cycles) & set(LATE)),
        untold_boundaries=tuple(pair for pair in sorted(crossed, key=lambda p: [g.casefold() for g in p])
                                if pair not in boundary_stories),
        untold_communities=tuple(c for c in sorted(inside, key=str.casefold) if c not in told_communities)
        if grouped.attribute == communities.attribute else tuple(
            c for c in sorted(_inside(pairs, {str(n): g for n, g in communities.memberships.items()}), key=str.casefold)
            if c not in told_communities),
        stories_without_ties=without,
        tellers=dict(sorted(tellers.items(), key=lambda item: (-item[1], item[0].casefold()))),
        silent_groups=tuple(g for g in voices.groups if voices.sizes.get(g) and g not in tellers),
        ties=ties.to_dict(),
        names={str(node): str(name) for node, name in landscape.graph.nodes(data="name") if name is not None},
    )


def _counts(stories: Sequence[Story]) -> dict[str, int]:
    """Stories per cycle, in cycle order, the cycles with none left out."""
    found = Counter(cycle for story in stories for cycle in story.cycles)
    return {cycle: found[cycle] for cycle in CYCLES if found[cycle]}


def _held(landscape: Landscape, story: Story, pairs: set[tuple[str, str]],
          memberships: dict[str, tuple[str, ...]], by_wave: dict[str, set[tuple[str, str]]]) -> bool:
    """Whether the map holds a learning tie for what the story is about: its tie, and the boundary it
    names (between members of the two groups, by whichever participant column has both), in the
    story's wave when it names one (else in the wave mapped)."""
    if story.wave is not None:
        if story.wave not in by_wave:  # each wave cut once, whatever the number of its stories
            by_wave[story.wave] = _wave_pairs(landscape, story.wave, pairs)
        pairs = by_wave[story.wave]
    if story.tie is not None and tuple(sorted(story.tie)) not in pairs:
        return False
    for g, h in story.named:
        groups = _members(landscape, (g, h), memberships)

        def crosses(a: str, b: str) -> bool:
            return g in groups.get(a, ()) and h in groups.get(b, ())

        if not any(crosses(a, b) or crosses(b, a) for a, b in pairs):
            return False
    return True


def _members(landscape: Landscape, pair: tuple[str, str], memberships: dict[str, tuple[str, ...]]
             ) -> dict[str, tuple[str, ...]]:
    """Each person's groups in the participant column that holds both groups of ``pair`` (the
    grouping attribute first): a boundary may be between organisations or stakeholder groups."""
    if all(any(g in groups for groups in memberships.values()) for g in pair):
        return memberships
    for column in landscape.participants.columns:
        if column in ("id", "name", "_row"):
            continue
        grouped = grouping(landscape, column, required=False)
        if all(grouped.name_of(g) is not None for g in pair):
            own = {str(node): tuple(groups) for node, groups in grouped.memberships.items()}
            return {pid: tuple(g for g in pair if any(grouped.name_of(g) == x for x in groups))
                    for pid, groups in own.items()}
    return {}


def _wave_pairs(landscape: Landscape, wave: str, current: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The pairs tied by a learning tie in ``wave`` (and by those with no wave), from every wave the data
    hold; the wave mapped when the data have no such wave."""
    whole = landscape.whole or landscape
    if wave.casefold() not in {label.casefold() for label in whole.waves}:
        return current
    from landscape.passes.continuity import wave_of

    cut = wave_of(whole, next(label for label in whole.waves if label.casefold() == wave.casefold()), everyone=True)
    return tied_pairs(learning_ties(cut))


def _mixing(pairs: set[tuple[str, str]], memberships: dict[str, tuple[str, ...]]
            ) -> tuple[set[tuple[str, str]], set[str]]:
    """The pairs of groups some tie joins (one end in each, the two different) and the groups with a tie
    between two members."""
    crossed: set[tuple[str, str]] = set()
    for a, b in pairs:
        for g in memberships.get(a, ()):
            for h in memberships.get(b, ()):
                if g != h:
                    crossed.add(_pair(g, h))
    return crossed, _inside(pairs, memberships)


def _inside(pairs: set[tuple[str, str]], memberships: dict[str, tuple[str, ...]]) -> set[str]:
    return {g for a, b in pairs for g in set(memberships.get(a, ())) & set(memberships.get(b, ()))}


def _pair(g: str, h: str) -> tuple[str, str]:
    return (g, h) if (g.casefold(), g) <= (h.casefold(), h) else (h, g)


def _stories(landscape: Landscape, grouped: Any, communities: Any,
             memberships: dict[str, tuple[str, ...]]) -> tuple[Story, ...]:
    """Each row of the Stories sheet as a :class:`Story`."""
    table = landscape.tables.stories
    if table is None or table.frame.empty:
        return ()
    found = []
    for record in table.frame.to_dict("records"):
        given = record.get("boundary") or ()
        named = [_pair(*(grouped.name_of(g) or g for g in given))] if len(given) == 2 else []
        boundaries = list(named)
        tie = None
        ends = _text(record.get("source")), _text(record.get("target"))
        if ends[0] is not None and ends[1] is not None:
            tie = (ends[0], ends[1])
            mine, theirs = memberships.get(tie[0], ()), memberships.get(tie[1], ())
            # Two people who share a group are tied within it: no boundary (as Boundaries counts a tie);
            # a boundary named as well is what the story is about (the tie is its example): counted once.
            if not set(mine) & set(theirs) and not named:
                boundaries += [_pair(g, h) for g in mine for h in theirs]
        found.append(Story(
            id=str(record["id"]), row=int(record["_row"]), title=_text(record.get("title")),
            teller=_text(record.get("teller")),
            people=tuple(str(pid) for pid in record.get("people") or ()),
            communities=tuple(dict.fromkeys(communities.name_of(c) or c for c in record.get("community") or ())),
            boundaries=tuple(dict.fromkeys(boundaries)), tie=tie, activity=_text(record.get("activity")),
            cycles=tuple(record.get("cycles") or ()), indicators=_text(record.get("indicators")),
            when=_text(record.get("date")) or _text(record.get("wave")), consent=record.get("consent") == "yes",
            text=_text(record.get("text")), named=tuple(named), wave=_text(record.get("wave")),
            asked=_text(record.get("consent"))))
    return tuple(found)


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


register_pass("value", value, description="What difference are we making, and for whom? Value-creation stories "
              "set against the map.", settings=("group", "relations"))

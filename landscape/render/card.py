"""The person card: what the atlas says about one person when they are clicked.

Two layers, as everywhere a facilitator reads aloud: first a few plain sentences of fact (how many
name them and how many they name, how many groups their contacts come from, how they take part),
then the numbers, each under its readable header from :mod:`landscape.render.glossary`, whose
meaning (where the statistic's own name lives) the page opens on demand. The sentences state
counts and never judge a person: nobody is called central, powerful or isolated.

>>> from landscape import load, sample_path
>>> from landscape.analysis import analyse
>>> cards = person_cards(analyse(load(sample_path("clinical-simulation"))).results)
>>> cards.summaries["P014"][0]
'Named by 23 people; names 14.'
>>> cards.numbers["P014"][:2]
[['Participation level', 'core'], ['Named by others', '23']]
>>> cards.meanings["On paths between others"].endswith("(betweenness).")
True
>>> for sentence in cards.summaries["P001"]:
...     print(sentence)
Named by 5 people; names 4.
Their contacts come from 3 groups (by stakeholder group).
Takes part occasionally.
2 people report to them.
All of their ties stay within their own group (by community).
The go-between, across group boundaries, for 3 pairs of people not tied directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from landscape.findings.phrases import count_noun
from landscape.render.glossary import Term, cluster_term, level_term, term

__all__ = ["TAKING_PART", "PersonCards", "person_cards"]

#: How each participation level reads in a sentence (the levels of landscape.passes.voices.LEVELS).
TAKING_PART = {
    "core": "Takes part at the core of the learning ties.",
    "active": "Takes part actively.",
    "occasional": "Takes part occasionally.",
    "peripheral": "Takes part at the edge of the learning ties.",
    "not answered": "Did not answer the survey: what is shown comes from what others said of them.",
}
#: Measures whose sign says which way they lean: shown with it (+0.250, -0.447).
_SIGNED = frozenset({"power.participants.*.mismatch", "boundaries.ei.participants.*"})


@dataclass(frozen=True)
class PersonCards:
    """Every person's card, by participant id: ``summaries`` the plain sentences (one fact each),
    ``numbers`` the ``[header, value]`` pairs (value as shown), and ``meanings`` each header's plain
    sentence once, for all cards."""

    summaries: dict[str, list[str]]
    numbers: dict[str, list[list[str]]]
    meanings: dict[str, str]


def person_cards(results: dict[str, Any]) -> PersonCards:
    """The cards of everyone the pass ``results`` (by pass name) measured.

    Parameters
    ----------
    results : dict
        Pass results by name, as :func:`landscape.analysis.analyse` gives them; passes other than
        voices, power, boundaries and scale are left out.

    Returns
    -------
    PersonCards
    """
    numbers: dict[str, list[list[str]]] = {}
    meanings: dict[str, str] = {}
    for pid, measure, value in _measures(results):
        if value is None:
            continue
        if isinstance(value, float):
            text = f"{value:+.3f}" if measure.key in _SIGNED and value != 0 else f"{value:.3f}"
        else:
            text = str(value)
        numbers.setdefault(pid, []).append([measure.header, text])
        meanings[measure.header] = measure.meaning
    voices = {p.id: p for p in results["voices"].participants} if "voices" in results else {}
    ranks = {p.id: p for p in results["power"].participants} if "power" in results else {}
    attribute = results["voices"].attribute if "voices" in results else ""
    # With no relationship type read as a learning tie, Voices counted nothing: the card says so
    # rather than "named by nobody" of someone tied to many.
    counted = "voices" in results and bool(results["voices"].ties.get("relations"))
    summaries = {}
    for pid in numbers:
        person = voices.get(pid) if counted else None
        sentences = _summary(pid, person, attribute, ranks.get(pid), results.get("boundaries"))
        sentences += _leadership_sentences(results.get("leadership"), pid)
        if voices and not counted:
            sentences.insert(0, _nothing_counted(results["voices"].ties))
        if sentences:
            summaries[pid] = sentences
    return PersonCards(summaries, numbers, meanings)


def _measures(results: dict[str, Any]) -> Iterator[tuple[str, Term, Any]]:
    """Each person's measures from every pass, in the order the card lists them."""
    if "voices" in results:
        for p in results["voices"].participants:
            for name in ("participation_level", "in_degree", "out_degree", "blau"):
                yield p.id, term(f"voices.participants.*.{name}"), getattr(p, name)
    if "power" in results:
        for p in results["power"].participants:
            yield p.id, term("power.participants.*.betweenness"), p.betweenness
            yield p.id, term("power.participants.*.mismatch"), p.mismatch
            if p.direct_reports:
                yield p.id, term("power.participants.*.direct_reports"), p.direct_reports
    if "boundaries" in results:
        b = results["boundaries"]
        for pid, counts in b.brokerage_participants.items():
            yield pid, term("boundaries.ei.participants.*"), b.ei_participants.get(pid)
            yield pid, term("boundaries.brokerage.participants.*.total - coordinator"), \
                counts["total"] - counts["coordinator"]
            yield pid, term("boundaries.constraint.*"), b.constraint.get(pid)
    if "leadership" in results and results["leadership"].relation_source == "leadership ties":
        for pid, named in results["leadership"].in_degree.items():
            yield pid, term("leadership.in_degree.*"), named
    if "scale" in results:
        s = results["scale"]
        detection = s.reported  # the detection the findings report: resolution 1, or the first run
        for position, node in enumerate(s.nodes):
            for level in s.levels:
                yield str(node), level_term(level.name), level.first(node)
            if detection is not None:
                yield str(node), cluster_term(str(detection.resolution)), detection.membership[position] + 1


def _leadership_sentences(result: Any, pid: str) -> list[str]:
    """Who looks to this person for leadership, when the data say (not the stand-in on learning ties)."""
    if result is None or result.relation_source != "leadership ties":
        return []
    named = result.in_degree.get(pid, 0)
    if not named:
        return []
    widely = "; they are among those most widely looked to" if pid in result.leaders else ""
    new = ", newly since " + result.emergence["before"] if result.emergence and pid in result.emergence["new"] else ""
    return [f"{named} {'person looks' if named == 1 else 'people look'} to them for leadership{widely}{new}."]


def _summary(pid: str, person: Any, attribute: str, rank: Any, boundaries: Any) -> list[str]:
    """The plain sentences about one person (their Voices and Power records, the Boundaries result)."""
    sentences = []
    if person is not None:
        named = count_noun(person.in_degree, "person", "people") if person.in_degree else "nobody"
        names = str(person.out_degree) if person.out_degree else (
            "nobody" if person.responded is not None else "nobody (or did not answer)")
        sentences.append(f"Named by {named}; names {names}.")
        by = f" (by {_readable(attribute)})"
        if person.range == 1:
            sentences.append(f"All their contacts come from one group{by}.")
        elif person.range > 1:
            sentences.append(f"Their contacts come from {person.range} groups{by}.")
        sentences.append(TAKING_PART.get(person.participation_level, ""))
    if rank is not None and rank.direct_reports:
        sentences.append(f"{count_noun(rank.direct_reports, 'person reports', 'people report')} to them.")
    if boundaries is not None:
        sentences += _boundary_sentences(boundaries, pid)
    return [sentence for sentence in sentences if sentence]


def _nothing_counted(ties: dict[str, Any]) -> str:
    """The card's first sentence when no relationship type was measured as a learning tie.

    >>> _nothing_counted({"relations": [], "left_out": {"messages": "unknown", "likes": "other"}})
    'None of the tie types (messages, likes) is declared a learning tie, so who names whom is not counted.'
    """
    left = ", ".join(ties.get("left_out") or {})
    return (f"None of the tie types ({left}) is declared a learning tie" if left else
            "No tie type is declared a learning tie") + ", so who names whom is not counted."


def _boundary_sentences(b: Any, pid: str) -> list[str]:
    """Which way their ties lean across groups, and the pairs across groups they stand between."""
    sentences = []
    by = f" (by {_readable(b.group_attribute)})"
    lean = b.ei_participants.get(pid)
    own = "their own groups" if len(b.memberships.get(pid, ())) > 1 else "their own group"
    if lean is not None:
        # The lean is (across - within) / all: its sign says which is more, its ends say "all".
        share = "All" if abs(lean) == 1 else ("Half" if lean == 0 else "Most")
        way = "stay within" if lean < 0 else "reach outside"
        sentences.append(f"{share} of their ties {way} {own}{by}." if share != "Half"
                         else f"Half their ties reach outside {own}{by}.")
    counts = b.brokerage_participants.get(pid)
    across = counts["total"] - counts["coordinator"] if counts else 0
    if across:
        sentences.append(f"The go-between, across group boundaries, for {count_noun(across, 'pair')} of people "
                         "not tied directly.")
    return sentences


def _readable(attribute: str) -> str:
    """A column's name as words: ``stakeholder_group`` reads ``stakeholder group``."""
    return str(attribute).replace("_", " ").strip()

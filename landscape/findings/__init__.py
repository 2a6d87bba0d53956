"""Findings: what each discipline's pass result says, in plain words, with its question.

Passes compute; findings phrase. Each built-in discipline has a module here with a function
``findings(result)`` that reads the finished, typed pass result and nothing else, and returns
:class:`Finding` records: what the finding is about (its :class:`Focus`: people, groups, ties),
the headline a facilitator reads aloud, the discipline's question, and the evidence: the
statement with its numbers, how it was computed and the numbers themselves.

>>> from landscape import load, sample_path
>>> from landscape.passes import voices
>>> result = voices(load(sample_path("clinical-simulation")))
>>> [f.focus.groups for f in findings_for("voices", result) if f.kind == "missing-voice"]
[('pharmacists',), ('paramedics',)]
"""

from __future__ import annotations

import dataclasses
import importlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DISCIPLINES", "FRAGILE", "IMPORTANCE", "Finding", "Focus", "findings_for", "fragility", "most_important", "question",
           "result_dict"]

#: The disciplines whose findings are built in, in the order the passes run.
DISCIPLINES: tuple[str, ...] = ("voices", "power", "boundaries", "scale", "leadership", "value", "continuity")


@dataclass(frozen=True)
class Focus:
    """What a finding is about: participant ids, group names (as in the pass result) and ties
    (pairs of participant ids, in either direction: a map highlights the tie whichever way it
    runs). All empty when it is about the whole landscape."""

    people: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    ties: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, people: Iterable[str] = (), groups: Iterable[str] = (),
           ties: Iterable[tuple[str, str]] = ()) -> Focus:
        """A focus from any iterables, each kept in its order with repeats dropped.

        >>> Focus.of(people=["b", "a", "b"], ties=[("a", "b")])
        Focus(people=('b', 'a'), groups=(), ties=(('a', 'b'),))
        """
        return cls(tuple(dict.fromkeys(people)), tuple(dict.fromkeys(groups)),
                   tuple(dict.fromkeys((a, b) for a, b in ties)))

    def to_dict(self) -> dict[str, Any]:
        """
        >>> Focus(("p1",), ("nurses",), (("p1", "p2"),)).to_dict()
        {'people': ['p1'], 'groups': ['nurses'], 'ties': [['p1', 'p2']]}
        """
        return {"people": list(self.people), "groups": list(self.groups),
                "ties": [list(pair) for pair in self.ties]}


@dataclass(frozen=True)
class Finding:
    """A pattern worth a conversation: what was computed, the numbers, and the discipline's question.

    Findings describe groups and patterns. They never pass a verdict on a named person:
    ``subjects`` and ``focus`` list who and what a finding concerns, so that a facilitator can
    look, and the words stay neutral. A sentence names people only where being named is
    recognition (sought out beyond their rank, brokering across groups, carrying the only ties
    across a boundary); who holds rank that goes unsought is in ``focus`` and the data, not in
    the sentence.

    Two layers of words: ``headline`` is a plain sentence to read aloud (no statistic's name or
    symbol; numbers only as counts or simple shares, and every name it mentions in full);
    ``statement`` is the evidence sentence with its numbers, and ``detail`` is that statement
    followed by ``how``.
    """

    discipline: str
    kind: str
    statement: str
    question: str
    how: str
    numbers: tuple[tuple[str, Any], ...] = ()
    subjects: tuple[str, ...] = ()
    focus: Focus = field(default_factory=Focus)
    headline: str = ""

    @property
    def detail(self) -> str:
        """The evidence: the statement with its numbers, then how it was computed.

        >>> Finding("scale", "no-ties", "No two people are tied.", "q", "Pairs tied either way.").detail
        'No two people are tied. Pairs tied either way.'
        """
        return f"{self.statement} {self.how}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "discipline": self.discipline,
            "kind": self.kind,
            "headline": self.headline or self.statement,
            "statement": self.statement,
            "question": self.question,
            "how": self.how,
            "detail": self.detail,
            "numbers": {name: _json_number(value) for name, value in self.numbers},
            "subjects": list(self.subjects),
            "focus": self.focus.to_dict(),
        }


def finding(discipline: str, kind: str, statement: str, question: str, how: str,
            numbers: Mapping[str, Any] | None = None, subjects: Iterable[str] = (),
            focus: Focus | None = None, *, headline: str) -> Finding:
    """A :class:`Finding` from plain arguments (a dict of numbers, any iterable of subjects); every
    built-in finding gives its ``headline``."""
    return Finding(discipline, kind, statement, question, how, tuple((numbers or {}).items()),
                   tuple(subjects), focus if focus is not None else Focus(), headline)


def findings_for(name: str, result: Any) -> tuple[Finding, ...]:
    """The findings of the pass called ``name`` on its ``result``.

    The built-in disciplines (:data:`DISCIPLINES`) have findings; a pass registered by a plugin
    has none yet, and gives ``()``.
    """
    if name not in DISCIPLINES:
        return ()
    module = importlib.import_module(f"landscape.findings.{name}")
    return _with_fragility(name, result, module.findings(result))


#: Findings that rest on paths through people or on centralization, which shift a lot when people did
#: not answer a survey (Smith & Moody 2013; Costenbader & Valente 2003), by discipline and kind, with
#: what they rest on. Findings that count who is named (in-degree) hold up, and are not here.
FRAGILE: dict[tuple[str, str], str] = {
    ("power", "concentration"): "centralization",
    ("power", "cut-points"): "who holds the paths between people together",
    ("boundaries", "brokers"): "brokerage",
    ("scale", "spanning-community"): "brokerage",
}


def fragility(ties: Mapping[str, Any] | None) -> str:
    """The sentence a fragile finding ends with when fewer than 80% answered the survey (overall or in
    a group), from a pass's ``ties`` summary; empty otherwise.

    >>> fragility({"response": {"fragile": True, "rate": 0.7, "lowest": {"group": "nurses", "rate": 0.5}}})
    'Read with care: only 70% of people answered the survey (50% of nurses), and this can change a lot when answers are missing.'
    >>> fragility({"response": {"fragile": False, "rate": 0.9, "lowest": None}})
    ''
    """
    answered = (ties or {}).get("response")
    if not answered or not answered.get("fragile"):
        return ""
    lowest = answered.get("lowest") or {}
    group = (f" ({lowest['rate']:.0%} of {lowest['group']})" if lowest.get("rate") is not None
             and lowest["rate"] < 0.8 and lowest["rate"] < answered["rate"] else "")
    share = f"only {answered['rate']:.0%}" if answered["rate"] < 0.8 else f"{answered['rate']:.0%}"
    return (f"Read with care: {share} of people answered the survey{group}, and this can change a lot when answers "
            "are missing.")


def _with_fragility(name: str, result: Any, found: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Each finding of :data:`FRAGILE` saying it is fragile, with the response rate, when it is."""
    ties = getattr(result, "ties", None)
    note = fragility(ties if isinstance(ties, Mapping) else None)
    if not note:
        return tuple(found)
    rate = ties["response"]["rate"]  # type: ignore[index]
    return tuple(dataclasses.replace(
        f, headline=f"{f.headline or f.statement} {note}", statement=f"{f.statement} {note}",
        how=f"{f.how} Rests on {FRAGILE[(name, f.kind)]}, which is fragile when people did not answer (below 80% "
            "answering, overall or in a group; Smith & Moody 2013).",
        numbers=(*f.numbers, ("response_rate", rate))) if (name, f.kind) in FRAGILE else f for f in found)


#: How soon a kind of finding belongs in a summary (1 first; a kind not listed counts 9): who is missing or
#: unheard and where learning does not reach come before how ties are spread, and notes on the data come
#: last. A judgement for the report's one-page summary, not a ranking of what matters in a landscape.
IMPORTANCE: dict[str, int] = {
    "no-ties": 1, "missing-voice": 1, "unheard-voice": 2, "unbridged": 2, "alignment": 2, "newcomers-leavers": 2,
    "ties": 2, "thin-voice": 3, "single-contact": 3, "sought-beyond-rank": 3, "cut-points": 3,
    "single-tie-boundary": 3, "one-person-bridge": 3, "ei-network": 3, "tie-levels": 3, "boundary-ties": 3,
    "boundaries-closed": 3, "isolates": 4, "rank-beyond-seeking": 4, "concentration": 4, "inward-group": 4,
    "brokers": 4, "level-ei": 4, "peripheral-group": 5, "in-isolates": 5, "direction": 5, "rated-influence": 5,
    "boundary-object": 5, "detected": 5, "spanning-community": 5, "ei": 5, "participation-levels": 6,
    "dissimilarity": 6, "reciprocity": 6, "multi-membership": 6, "unexpected-voice": 7, "unrecorded": 7,
    "ungrouped": 7, "no-hierarchy": 8, "no-roster": 8, "no-levels": 8, "response": 2, "different-accounts": 4,
    "configuration": 2, "leadership-emergence": 2, "unseen-group": 3, "leaders-beyond-rank": 3,
    "leadership-groups": 4, "outward-roles": 4, "unasked-group": 4, "looked-to-across": 5, "leadership-seniority": 5,
    "leadership-proxy": 8, "no-stories": 7, "stories": 3, "untold-boundaries": 2, "untold-communities": 3,
    "stories-without-ties": 3, "tellers": 2, "chains": 4, "unquoted": 6,
}


def most_important(findings: Iterable[Mapping[str, Any]], count: int = 5) -> list[Mapping[str, Any]]:
    """Up to ``count`` findings (as dicts, with ``discipline`` and ``kind``) for a summary: the most
    important of each discipline first (by :data:`IMPORTANCE`, then in the order given), then the
    next of each, so that the summary speaks for every discipline before it repeats one.

    >>> found = [{"discipline": "voices", "kind": "dissimilarity"}, {"discipline": "voices", "kind": "missing-voice"},
    ...          {"discipline": "power", "kind": "reciprocity"}, {"discipline": "power", "kind": "alignment"}]
    >>> [f["kind"] for f in most_important(found, 3)]
    ['missing-voice', 'alignment', 'dissimilarity']
    """
    ranked = sorted(enumerate(findings), key=lambda item: (IMPORTANCE.get(item[1]["kind"], 9), item[0]))
    seen: dict[str, int] = {}
    rounds = []
    for position, found in ranked:
        turn = seen.get(found["discipline"], 0)
        seen[found["discipline"]] = turn + 1
        rounds.append((turn, IMPORTANCE.get(found["kind"], 9), position, found))
    return [found for *_, found in sorted(rounds, key=lambda item: item[:3])[:count]]


def question(name: str) -> str:
    """The leader's question of the built-in discipline ``name`` (its module's ``QUESTION``).

    >>> question("power")
    'How can learning trump power?'
    """
    if name not in DISCIPLINES:
        raise KeyError(name)
    return importlib.import_module(f"landscape.findings.{name}").QUESTION


def result_dict(name: str, result: Any) -> dict[str, Any]:
    """The JSON of the pass called ``name``: its result's ``to_dict()`` and its findings, as
    ``landscape analyse --format json`` prints it under the pass's name."""
    return {**result.to_dict(), "findings": [f.to_dict() for f in findings_for(name, result)]}


def _json_number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value

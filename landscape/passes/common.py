"""What the passes' findings share: the Finding record and the words for counts.

(The ties a pass measures are in :mod:`landscape.passes.ties`, tie diversity in
:mod:`landscape.passes.diversity`, the E-I index in :mod:`landscape.passes.ei`, groups in
:mod:`landscape.passes.groups` and small statistics in :mod:`landscape.passes.statistics`.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Finding", "FindingList", "count_noun", "count_people"]


def count_people(count: int, one: str, many: str) -> str:
    """``"1 person has"`` / ``"3 people have"``: a count of people with its verb agreeing.

    >>> count_people(1, "has", "have"), count_people(3, "has", "have")
    ('1 person has', '3 people have')
    """
    return f"{count} person {one}" if count == 1 else f"{count} people {many}"


def count_noun(count: int, one: str, many: str | None = None) -> str:
    """``"1 tie"`` / ``"3 ties"``: a count with its noun (or noun and verb) agreeing.

    >>> count_noun(1, "tie"), count_noun(3, "tie"), count_noun(1, "boundary rests", "boundaries rest")
    ('1 tie', '3 ties', '1 boundary rests')
    """
    return f"{count} {one}" if count == 1 else f"{count} {many if many is not None else one + 's'}"


@dataclass(frozen=True)
class Finding:
    """A pattern worth a conversation: what was computed, the numbers, and the discipline's question.

    Findings describe groups and patterns. They never pass a verdict on a named person:
    ``subjects`` lists who a finding concerns, so that a facilitator can look, and the words stay
    neutral. A sentence names people only where being named is recognition (sought out beyond
    their rank, brokering across groups, carrying the only ties across a boundary); who holds
    rank that goes unsought is in ``subjects`` and the data, not in the sentence.
    """

    discipline: str
    kind: str
    statement: str
    question: str
    how: str
    numbers: tuple[tuple[str, Any], ...] = ()
    subjects: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "discipline": self.discipline,
            "kind": self.kind,
            "statement": self.statement,
            "question": self.question,
            "how": self.how,
            "numbers": {name: _json_number(value) for name, value in self.numbers},
            "subjects": list(self.subjects),
        }


class FindingList:
    """Collects one pass's findings in the order they are found."""

    def __init__(self, discipline: str) -> None:
        self.discipline = discipline
        self.items: list[Finding] = []

    def add(self, kind: str, statement: str, question: str, how: str,
            numbers: Mapping[str, Any] | None = None, subjects: Sequence[str] = ()) -> None:
        self.items.append(Finding(self.discipline, kind, statement, question, how,
                                  tuple((numbers or {}).items()), tuple(subjects)))

    def result(self) -> tuple[Finding, ...]:
        return tuple(self.items)


def _json_number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value

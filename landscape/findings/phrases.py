"""The phrasebook: the words every discipline's findings are written with, once.

Counts with the noun and verb agreeing, lists of names (every name: nothing is cut in print), a
capital letter, signed numbers, and the sentence that says which ties were measured.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "and_list",
    "capital",
    "count_noun",
    "count_people",
    "first_few",
    "left_out",
    "listed_or_said",
    "or_list",
    "plural",
    "plural_noun",
    "signed",
    "ties_measured",
    "two_places",
]


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
    >>> count_noun(0, "takes part", "take part")
    '0 take part'
    """
    return f"{count} {one}" if count == 1 else f"{count} {many if many is not None else one + 's'}"


def and_list(items: Iterable[str]) -> str:
    """``"a, b and c"``: every item, the last two joined by "and".

    >>> and_list(["Ann"]), and_list(["Ann", "Bo"]), and_list(["Ann", "Bo", "Cy"]), and_list([])
    ('Ann', 'Ann and Bo', 'Ann, Bo and Cy', '')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def or_list(items: Iterable[str]) -> str:
    """``"a, b or c"``: every item, the last two joined by "or" (what nobody is, what a group lacks).

    >>> or_list(["Ann"]), or_list(["Ann", "Bo", "Cy"])
    ('Ann', 'Ann, Bo or Cy')
    """
    items = list(items)
    return "".join(items) if len(items) <= 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def first_few(items: Iterable[str], shown: int | None = None, separator: str = ", ") -> str:
    """The items joined; every one by default, since the report and the workbook name everyone a
    finding is about. With ``shown``, the first ``shown`` and how many more: ``"a, b and 1 more"``.

    >>> first_few(["a", "b", "c"]), first_few(["a", "b", "c"], shown=2), first_few([])
    ('a, b, c', 'a, b and 1 more', '')
    >>> first_few(["x and y", "y and z", "z and w"], separator="; ")
    'x and y; y and z; z and w'
    """
    items = list(items)
    if shown is None:
        return separator.join(items)
    more = len(items) - shown
    return separator.join(items[:shown]) + (f" and {more} more" if more > 0 else "")


#: The most items a headline lists by name: beyond this a headline read aloud is a roll call, so it
#: gives the count and the evidence ("How we know", the workbook) names every one.
HEADLINE_LIST = 10


def listed_or_said(items: Iterable[str], where: str = "all are named below", separator: str = ", ") -> str:
    """Every item (``"a, b and c"``), or, beyond :data:`HEADLINE_LIST`, where to find them.

    >>> listed_or_said(["a", "b"]), listed_or_said(str(i) for i in range(11))
    ('a and b', 'all are named below')
    """
    items = list(items)
    if len(items) > HEADLINE_LIST:
        return where
    return and_list(items) if separator == ", " else separator.join(items)


def plural(count: int, noun: str) -> str:
    """A count and a column's name as words, agreeing.

    >>> plural(7, "community"), plural(1, "stakeholder_group"), plural(2, "wider unit"), plural(3, "class")
    ('7 communities', '1 stakeholder group', '2 wider units', '3 classes')
    """
    noun = noun.replace("_", " ").strip()
    return f"{count} {noun if count == 1 else plural_noun(noun)}"


def plural_noun(noun: str) -> str:
    """A column's name made plural, as words.

    >>> plural_noun("community"), plural_noun("law_school"), plural_noun("status"), plural_noun("day")
    ('communities', 'law schools', 'statuses', 'days')
    """
    noun = noun.replace("_", " ").strip()
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def capital(text: str) -> str:
    """The text with its first letter a capital (the rest untouched, unlike ``str.capitalize``).

    >>> capital("nurses from HospitalX"), capital("")
    ('Nurses from HospitalX', '')
    """
    return text[:1].upper() + text[1:]


def signed(value: float | None, missing: str = "n/a") -> str:
    """A number to two places with its sign, or ``missing`` for None.

    >>> signed(0.25), signed(-0.5), signed(None), signed(None, missing="-")
    ('+0.25', '-0.50', 'n/a', '-')
    """
    return missing if value is None else f"{value:+.2f}"


def two_places(value: float | None, missing: str = "n/a") -> str:
    """A number to two places, or ``missing`` for None.

    >>> two_places(0.256), two_places(None)
    ('0.26', 'n/a')
    """
    return missing if value is None else f"{value:.2f}"


def ties_measured(ties: Mapping[str, Any]) -> str:
    """One sentence on what was measured, for a finding's "how", from a result's ``ties`` (the
    :meth:`~landscape.passes.ties.TieSelection.to_dict` every pass result carries).

    >>> ties_measured({"relations": ["advice"], "rows": 1, "self_ties_dropped": 0, "parallel_collapsed": 2})
    '1 relationship row of type advice; 0 self-ties left out, 2 parallel ties collapsed, undirected ties counted both ways'
    >>> ties_measured({"relations": [], "rows": 0, "self_ties_dropped": 0, "parallel_collapsed": 0})[:47]
    '0 relationship rows (no type to measure); 0 sel'
    """
    relations = ties["relations"]
    kinds = f"of type {', '.join(relations)}" if relations else "(no type to measure)"
    return (
        f"{count_noun(ties['rows'], 'relationship row')} {kinds}; "
        f"{count_noun(ties['self_ties_dropped'], 'self-tie')} left out, "
        f"{count_noun(ties['parallel_collapsed'], 'parallel tie')} collapsed, undirected ties counted both ways"
        + left_out(ties) + _confirmation(ties)
    )


def _confirmation(ties: Mapping[str, Any]) -> str:
    """How survey reports were read: the rule, and the pairs confirmed by both people or one-sided.

    >>> _confirmation({"confirm": "either", "confirmed": 3, "one_sided": 5})
    '; a tie counts when either person reported it (3 pairs reported by both, 5 by one side only)'
    >>> _confirmation({"confirm": None})
    ''
    """
    rule = ties.get("confirm")
    if rule is None:
        return ""
    counts = f" ({count_noun(ties.get('confirmed') or 0, 'pair')} reported by both, {ties.get('one_sided') or 0} by one side only)"
    return ("; a tie counts when either person reported it" if rule == "either" else
            "; a tie counts only when both people reported it") + counts


def left_out(ties: Mapping[str, Any]) -> str:
    """The types not measured, with what they are: empty when every type is measured.

    >>> left_out({"left_out": {"friendship": "other", "reports_to": "formal", "advise": "unknown"}})
    '; not measured: friendship (other), reports_to (formal), advise (not declared)'
    """
    found = ties.get("left_out") or {}
    if not found:
        return ""
    named = ", ".join(f"{kind} ({'not declared' if meaning == 'unknown' else meaning})" for kind, meaning in found.items())
    return f"; not measured: {named}"

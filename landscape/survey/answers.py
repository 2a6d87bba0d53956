"""What one answer cell of a survey says: the people it names, how often, yes or no.

These are the small readings every export shape shares: a multi-select cell split into names
(:func:`split_names`), a grid cell read as a tie and its weight (:func:`tie_weight`, on the
:data:`FREQUENCY_SCALE`), a question's header read as a relationship type (:func:`question_type`),
a consent answer (:func:`consent_of`) and a timestamp (:func:`timestamp_of`).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from landscape.schema.cells import identifier, parse_number, text_of

__all__ = ["FREQUENCY_SCALE", "SCALE_TEXT", "NotAnAnswer", "consent_of", "question_type", "split_names",
           "tie_weight", "timestamp_of"]

#: Words of an ordinal frequency answer and the weight each gives the tie (None: no tie).
#: Matched whole, after case and spacing are ignored; see :func:`tie_weight` for the rest.
FREQUENCY_SCALE: dict[str, int | None] = {
    "never": None, "no": None, "none": None, "not at all": None, "n": None, "false": None,
    "less often": 1, "rarely": 1, "seldom": 1, "yearly": 1, "annually": 1, "quarterly": 1, "occasionally": 1,
    "less than monthly": 1, "less than once a month": 1, "once or twice a year": 1, "a few times a year": 1,
    "monthly": 2, "sometimes": 2, "fortnightly": 2, "every two weeks": 2, "biweekly": 2,
    "weekly": 3, "often": 3, "frequently": 3,
    "daily": 4, "very often": 4, "always": 4, "every day": 4, "several times a day": 4, "hourly": 4,
}
#: Ticks: a cell that says the person was chosen (weight 1).
TICKS = frozenset({"x", "yes", "y", "true", "1", "✓", "✔", "✔️", "☑", "☒", "tick", "ticked", "checked", "selected"})
#: The scale in words, for the report and the docstrings.
SCALE_TEXT = ("a tick (x, yes, ✓, true, 1) = 1; less often, yearly, rarely = 1; monthly, sometimes = 2; "
              "weekly, often = 3; daily, very often = 4 ('several times a week' = 3, 'once a month' = 2...); "
              "a number above 0 is used as it is; never, no, 0 and blank = no tie")

_SEPARATORS = re.compile(r"[;\n]")
_PERIODS = (("day", 4), ("daily", 4), ("week", 3), ("month", 2), ("quarter", 1), ("year", 1), ("annual", 1))


class NotAnAnswer(ValueError):
    """A cell that is neither a tick, a frequency nor a number above 0 (the report lists it)."""


def tie_weight(value: Any, *, chosen: str | None = None) -> float | int | None:
    """The weight of the tie a grid cell records, or None for no tie.

    A tick is 1; frequencies follow :data:`FREQUENCY_SCALE` (and phrases such as "several times a
    week" or "once a month" the period they name: day 4, week 3, month 2, year 1; "less than" a
    period one step lower); a number above 0 is its own weight; never, no, 0 and blank mean no
    tie. ``chosen`` is the column's own option: a cell that repeats it (SurveyMonkey writes the
    option's text in a ticked box) is a tick.

    Raises
    ------
    NotAnAnswer
        The cell says something else ("maybe", "-1"): it is listed, not guessed.

    Examples
    --------
    >>> tie_weight("x"), tie_weight("Weekly"), tie_weight("Several times a week"), tie_weight(None)
    (1, 3, 3, None)
    >>> tie_weight("less than once a month"), tie_weight(2.5), tie_weight("0"), tie_weight("Ana", chosen="Ana")
    (1, 2.5, None, 1)
    >>> tie_weight("Never in the past month"), tie_weight("Not at all in the last year")
    (None, None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return 1 if value else None
    text = " ".join(text_of(value).casefold().replace("-", " ").split())
    if chosen is not None and text == " ".join(text_of(chosen).casefold().split()):
        return 1
    if text in TICKS:
        return 1
    if text in FREQUENCY_SCALE:
        return FREQUENCY_SCALE[text]
    number = value if isinstance(value, (int, float)) else parse_number(text.replace(",", "."))
    if number is not None:
        if not math.isfinite(number) or number < 0:
            raise NotAnAnswer(text)
        return None if number == 0 else number
    if re.match(r"(never|not|no|none|nothing)\b", text):  # "never in the past month", "not at all"
        return None
    for period, weight in _PERIODS:
        if re.search(rf"\b{period}", text):
            return max(weight - 1, 1) if text.startswith(("less than", "less often than", "fewer than")) else weight
    raise NotAnAnswer(text)


def split_names(cell: Any, matches: Callable[[str], bool]) -> list[str]:
    """The names a multi-select cell lists, matched or not.

    Google Forms joins choices with ", ", Microsoft Forms with ";" (and ends with one), people
    with line breaks. A name may hold a comma itself ("Silva, Ana"), so the whole cell is tried
    first, then ``;`` and line breaks, and only then commas: commas split a part where that makes
    more of it name people (``matches`` says whether a piece names one).

    >>> known = {"Silva, Ana", "Ben Okafor", "Chen Wei"}.__contains__
    >>> split_names("Silva, Ana, Ben Okafor", known), split_names("Ben Okafor;Chen Wei;", known)
    (['Silva, Ana', 'Ben Okafor'], ['Ben Okafor', 'Chen Wei'])
    >>> split_names("Ben Okafor, Someone Else", known)
    ['Ben Okafor', 'Someone Else']
    >>> split_names("Ben Okafr, Chen Wie", known), split_names("Silvaa, Ana", known)
    (['Ben Okafr', 'Chen Wie'], ['Silvaa, Ana'])
    """
    text = text_of(cell)
    if not text:
        return []
    if matches(text):
        return [text]
    names: list[str] = []
    for part in (piece.strip() for piece in _SEPARATORS.split(text)):
        if part:
            names += _split_commas(part, matches)
    return names


def _split_commas(part: str, matches: Callable[[str], bool]) -> list[str]:
    """``part`` cut at commas into the pieces that name the most people, the fewest pieces among
    equals; a part no comma cut improves stays whole."""
    tokens = part.split(",")
    if len(tokens) == 1 or matches(part):
        return [part]
    best: list[tuple[int, int, list[str]]] = [(0, 0, [])] * (len(tokens) + 1)  # from token i: (named, -pieces, pieces)
    for start in range(len(tokens) - 1, -1, -1):
        options = []
        for end in range(start + 1, len(tokens) + 1):
            piece = ",".join(tokens[start:end]).strip()
            named = matches(piece)
            if not named and end > start + 1:
                continue
            rest = best[end]
            options.append((rest[0] + (end - start if named else 0), rest[1] - 1, [piece, *rest[2]]))
        best[start] = max(options, key=lambda option: (option[0], option[1]))
    named, _, pieces = best[0]
    if named:
        return [piece for piece in pieces if piece]
    # Nobody named (misspelt names, say): a form's ", " list of full names is still a list ("Ana Silv,
    # Ben Okafr"), but "Silva, Ana" (a piece of one word) stays whole.
    cut = [piece.strip() for piece in tokens]
    return cut if all(len(piece.split()) >= 2 for piece in cut) else [part]


_TYPE_WORDS: Sequence[tuple[str, tuple[str, ...]]] = (
    ("advice", ("advice", "advise", "ask", "help")),
    ("collaboration", ("collaborat", "work with", "work together", "works with", "worked with", "working with")),
    ("information", ("information", "inform", "news")),
)
_STOP_WORDS = frozenset("""a about an and are as at be by do does for from go goes have how i in is it me most of on or
other others people person please select tick the their this to us we what when whom who with you your""".split())


def question_type(header: str) -> str:
    """The relationship type a question's header suggests.

    advice, ask, help: advice; collaborat..., work with, work together: collaboration;
    information, inform, news: information; otherwise up to three words of the header as an
    identifier.

    >>> question_type("Who do you go to for advice?"), question_type("Who do you work with on shared activities?")
    ('advice', 'collaboration')
    >>> question_type("Who do you trust?"), question_type("Q7")
    ('trust', 'q7')
    """
    text = " ".join(header.casefold().split())
    for kind, words in _TYPE_WORDS:
        if any(word in text for word in words):
            return kind
    words = [word for word in re.findall(r"[^\W_]+", text) if word not in _STOP_WORDS]
    return identifier(" ".join(words[:3])) or "tie"


_YES = ("yes", "y", "i agree", "agree", "true", "1", "x", "ok", "i consent", "consent")
_NO = ("no", "n", "i do not", "i don't", "i dont", "disagree", "do not", "don't", "false", "0", "not")


def consent_of(value: Any) -> str | None:
    """``"yes"`` or ``"no"`` from a consent answer; None for a blank one.

    Raises
    ------
    NotAnAnswer
        The answer says neither.

    >>> consent_of("Yes, I agree"), consent_of("No"), consent_of("I do not agree"), consent_of(None)
    ('yes', 'no', 'no', None)
    """
    text = " ".join(text_of(value).casefold().replace("’", "'").split()) if value is not None else ""
    if not text:
        return None
    for answer, words in (("no", _NO), ("yes", _YES)):
        if any(text == word or re.match(rf"{re.escape(word)}\b", text) for word in words):
            return answer
    raise NotAnAnswer(text)


_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %I:%M:%S %p",
                 "%Y/%m/%d %H:%M:%S", "{d}/{m}/%Y %H:%M:%S", "{d}/{m}/%Y %H:%M", "{d}/{m}/%y %H:%M:%S",
                 "{d}/{m}/%y %H:%M", "{d}/{m}/%Y %I:%M:%S %p", "{d}/{m}/%Y", "%Y-%m-%d")


def timestamp_of(value: Any, *, day_first: bool = False) -> _dt.datetime | None:
    """A response's time from a timestamp cell (as Google Forms, Microsoft Forms, Qualtrics or
    SurveyMonkey write it), or None when it cannot be read.

    >>> timestamp_of("2024/03/05 10:15:22 AM GMT"), timestamp_of("05/03/2024 10:15:22", day_first=True)
    (datetime.datetime(2024, 3, 5, 10, 15, 22), datetime.datetime(2024, 3, 5, 10, 15, 22))
    """
    if isinstance(value, _dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+(GMT|UTC)([+-]\d{1,2}(:?\d{2})?)?$", "", value.strip())
    day, month = ("%d", "%m") if day_first else ("%m", "%d")
    for pattern in _TIME_FORMATS:
        try:
            return _dt.datetime.strptime(text, pattern.format(d=day, m=month))
        except ValueError:
            continue
    return None

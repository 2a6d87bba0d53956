"""Turning one cell into a typed value, and checking it against its column's schema.

Spreadsheets store what people typed in many shapes: an id may arrive as the text ``"007"``, the
number ``7`` or the float ``7.0``; a weight as ``"2"`` from CSV or ``2`` from Excel. A
:class:`FieldReader` brings each cell to the JSON type its schema property names, then lets
``jsonschema`` judge the result, so the rules stay in the schema files. Each distinct cell value is
coerced and judged once.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
import unicodedata
from typing import Any

from jsonschema import Draft202012Validator

from landscape.schema.contract import Field
from landscape.schema.quick import quick_check

__all__ = [
    "EXCEL_ERRORS",
    "FieldReader",
    "group_key",
    "identifier",
    "is_decimal_comma",
    "is_excel_error",
    "parse_number",
    "text_of",
    "value_label",
]


def is_excel_error(value: Any) -> bool:
    """True for a cell holding one of Excel's error values (``#N/A``, ``#REF!``...).

    >>> is_excel_error("#N/A"), is_excel_error(" #REF! "), is_excel_error("#1 fan")
    (True, True, False)
    """
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def is_decimal_comma(value: Any) -> bool:
    """True for text like ``0,5``: a decimal written with a comma."""
    return isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()) is not None


def parse_number(text: str) -> int | float | None:
    """A number written the way spreadsheets write them, or None.

    >>> parse_number("3"), parse_number("-2.50"), parse_number("1e3"), parse_number("1_000"), parse_number("inf")
    (3, -2.5, 1000.0, None, None)
    >>> parse_number("9" * 5000) is None
    True
    """
    text = text.strip()
    # No spreadsheet number has hundreds of digits (Excel keeps 15), and Python refuses to turn
    # more than 4,300 digits into an int: such text is not a number here.
    if len(text) > 400 or not _NUMBER.fullmatch(text):
        return None
    if "." not in text and "e" not in text.lower():
        return int(text)
    number = float(text)
    return number if math.isfinite(number) else None

# Spaces (non-breaking too) and every dash Unicode has (hyphen, non-breaking hyphen, figure dash,
# en and em dashes, minus, small and full-width hyphen-minus) separate the words of a type name:
# "Reports\u2011To" typed with a non-breaking hyphen is reports_to, not a new type.
_SPACE_OR_HYPHEN = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+")
#: Invisible characters that spreadsheets and word processors slip into words: soft hyphen,
#: zero-width space, joiners, byte-order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Numbers as spreadsheets write them: ASCII digits, an optional point and exponent. Python's own
# int() and float() also take "1_000", "inf" and digits of other scripts, which a cell should not.
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+", re.ASCII)
#: Values Excel shows for a formula that failed; as data they are errors, never names or numbers.
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"})


def text_of(value: Any) -> str:
    """A cell as text, the way a spreadsheet user would read it.

    Whole numbers lose Excel's trailing ``.0`` (an id stored as 7.0 is ``"7"``), dates become ISO
    dates, and text is stripped of surrounding spaces and put in Unicode NFC form.

    >>> text_of(7.0), text_of(" Ana Lima\\u00a0"), text_of(0.25)
    ('7', 'Ana Lima', '0.25')
    """
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value).strip())


def identifier(text: str) -> str:
    """A name as an identifier: case folded, words joined by ``_``, whatever spaces or dashes
    separated them, invisible characters dropped (relationship types, relation kinds).

    >>> identifier("Reports To"), identifier("reports\u2011to"), identifier(" Advice\u00a0"), identifier("co\u00adwork")
    ('reports_to', 'reports_to', 'advice', 'cowork')
    """
    return _SPACE_OR_HYPHEN.sub("_", text.translate(_INVISIBLE).casefold()).strip("_")


def value_label(value: Any) -> str:
    """A participant's value as passes and maps name it: a whole number without its ``.0``.

    Spreadsheets store 27 as 27.0; the group is "27" in a finding, a legend and a region alike.

    >>> value_label(27.0), value_label(9.333), value_label("Nursing"), value_label(3)
    ('27', '9.333', 'Nursing', '3')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def group_key(value: Any) -> str:
    """The identity of a group value: two values with one key are one group.

    Unicode NFC, runs of white space as one space, ends trimmed, case folded; a whole number
    without Excel's ``.0``. ``Nursing``, ``nursing `` and ``NURSING`` are one group, shown in the
    spelling most people have (:mod:`landscape.passes.groups`); validation warns
    (``group-spelling``) when a column holds more than one spelling of a group.

    >>> group_key("Allied  Health "), group_key("allied health"), group_key(3.0)
    ('allied health', 'allied health', '3')
    >>> group_key("Stra\u00dfe") == group_key("STRASSE"), group_key("\u0130stanbul") == group_key("istanbul")
    (True, True)
    """
    text = unicodedata.normalize("NFC", value_label(value))
    # casefold() turns the Turkish capital I with a dot into i + a combining dot: drop the dot, so
    # that a name typed with and without the capital is one group.
    return " ".join(text.split()).casefold().replace("i\u0307", "i")


class FieldReader:
    """Reads the cells of one column of the contract.

    ``read(raw)`` returns ``(value, ok)``: the typed value and whether the schema accepts it. Blank
    cells are not passed to it (the caller decides what blank means for the column). Whether the
    schema accepts a value is asked of the quick check the schema's keywords give
    (:mod:`landscape.schema.quick`), and of jsonschema where that check cannot tell.
    """

    def __init__(self, field: Field, *, quick: bool = True) -> None:
        self.field = field
        self._validator = Draft202012Validator(dict(field.schema))
        self._quick = quick_check(field.schema) if quick else None
        self._cache: dict[tuple[type, Any], tuple[Any, bool]] = {}
        kind = field.type
        self._coerce = {
            "string": self._as_string,
            "integer": self._as_integer,
            "number": self._as_number,
            "array": self._as_list,
        }.get(kind, self._as_string)

    def read(self, raw: Any) -> tuple[Any, bool]:
        key = (type(raw), raw)
        try:
            hit = self._cache.get(key)
        except TypeError:  # pragma: no cover - unhashable cells do not come from our readers
            hit = None
        if hit is None:
            value = self._coerce(raw)
            hit = (value, self.valid(value))
            try:
                self._cache[key] = hit
            except TypeError:  # pragma: no cover
                pass
        return hit

    def read_all(self, raws: list[Any]) -> list[tuple[Any, bool]]:
        """:meth:`read` of each of ``raws`` (distinct values: none is kept for later). A text
        column of text is read a step at a time over all its values."""
        if self._coerce != self._as_string or not set(map(type, raws)) <= {str}:
            return [self.read(raw) for raw in raws]
        texts = list(map(unicodedata.normalize, itertools.repeat("NFC"), map(str.strip, raws)))  # text_of
        normalise = self.field.normalise
        values = list(map(str.casefold, texts) if normalise == "lower" else map(identifier, texts)
                      if normalise == "identifier" else texts)
        verdicts = self._quick.all(values) if self._quick is not None else [None] * len(values)
        return [(value, self._validator.is_valid(value) if verdict is None else verdict)
                for value, verdict in zip(values, verdicts)]

    def valid(self, value: Any) -> bool:
        """Whether the schema accepts a typed value (a tuple is judged as the JSON array it stands for)."""
        instance = list(value) if isinstance(value, tuple) else value
        verdict = self._quick(instance) if self._quick is not None else None
        return self._validator.is_valid(instance) if verdict is None else verdict

    # Each coercion returns the typed value, or the raw value untouched when it cannot be read as
    # that type, so that the schema rejects it.

    def _normalised(self, text: str) -> str:
        if self.field.normalise == "lower":
            return text.casefold()
        if self.field.normalise == "identifier":
            return identifier(text)
        return text

    def _as_string(self, raw: Any) -> Any:
        return self._normalised(text_of(raw))

    def _as_integer(self, raw: Any) -> Any:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float):
            return int(raw) if math.isfinite(raw) and raw.is_integer() else raw
        if isinstance(raw, str):
            number = parse_number(raw)
            if isinstance(number, int):
                return number
            if number is not None and number.is_integer():
                return int(number)
        return raw

    def _as_number(self, raw: Any) -> Any:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, (int, float)):
            return raw if not isinstance(raw, float) or math.isfinite(raw) else repr(raw)
        if isinstance(raw, str):
            text = raw.strip()
            if self.field.percent and text.endswith("%"):
                number = parse_number(text[:-1])
                return number / 100 if number is not None else raw
            number = parse_number(text)
            if number is not None:
                return number
        return raw

    def _as_list(self, raw: Any) -> Any:
        text = text_of(raw)
        pattern = "|".join(re.escape(sep) for sep in self.field.separators)
        items = [self._normalised(text_of(item)) for item in re.split(pattern, text)] if pattern else [text]
        return tuple(item for item in items if item)


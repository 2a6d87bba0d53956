"""A quick check of one cell's value, derived from its column's schema, that agrees with jsonschema.

Asking ``jsonschema`` about a value costs tens of microseconds; a table of a million cells has
tens of thousands of distinct values. :func:`quick_check` reads the keywords of one column's
schema (``type``, ``enum``, ``minLength``, ``maxLength``, ``pattern``, ``minimum``, ``maximum``,
``exclusiveMinimum``, ``exclusiveMaximum``, ``items``) and returns a function that answers the
same question the way jsonschema's Draft 2020-12 rules answer it, so that the schema files stay
the only source of the rules.

The check answers only what it is sure of: for a schema with any other keyword jsonschema applies
(``anyOf``, ``const``, ``$ref``...) there is no quick check at all, and for a value of any type
but ``str``, ``int``, ``float``, ``bool`` and ``list`` (of such values) it answers ``None``, and
the caller asks jsonschema. tests/test_quick.py holds the two to the same answers on tricky values.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from jsonschema import Draft202012Validator

__all__ = ["QuickCheck", "quick_check"]

#: A value's verdict: True (valid), False (invalid) or None (ask jsonschema).
QuickCheck = Callable[[Any], "bool | None"]

#: The keywords the quick check applies as jsonschema does. Keywords jsonschema does not apply
#: (``description``, ``default``, ``examples``, the contract's own ``x-`` ones) do not matter.
_APPLIED = frozenset({"type", "enum", "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
                      "exclusiveMaximum", "items"})
_TYPES = frozenset({"string", "integer", "number", "array"})
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
#: The Python types whose JSON type is plain (jsonschema's type checker); anything else is asked.
_PLAIN = (str, int, float, bool, list)


def _is_bound(value: Any) -> bool:
    return type(value) in (int, float)


def _is_length(value: Any) -> bool:
    return type(value) is int and value >= 0


def _of_type(value: Any, kind: str) -> bool:
    """jsonschema's Draft 2020-12 type checker for a value of a plain type: a bool is no number,
    and a float with no fraction is an integer."""
    plain = type(value)
    if kind == "string":
        return plain is str
    if kind == "array":
        return plain is list
    if kind == "number":
        return plain is int or plain is float
    return plain is int or (plain is float and value.is_integer())  # integer


def quick_check(schema: Mapping[str, Any]) -> QuickCheck | None:
    """The quick check of a value against ``schema`` (one column's), or None when the schema uses
    a keyword the quick check does not know (then only jsonschema may judge).

    >>> check = quick_check({"type": "number", "exclusiveMinimum": 0, "maximum": 10})
    >>> check(2), check(0), check(True), check("2"), check(2.5)
    (True, False, False, False, True)
    >>> quick_check({"type": "string", "anyOf": [{"minLength": 1}]}) is None
    True
    """
    applied = {key for key in schema if key in Draft202012Validator.VALIDATORS}
    if not applied <= _APPLIED:
        return None
    kind = schema.get("type")
    if "type" in schema and not (isinstance(kind, str) and kind in _TYPES):  # a list of types, "object"...
        return None
    enum = schema.get("enum")
    if "enum" in schema and not (isinstance(enum, list) and all(type(each) is str for each in enum)):
        return None
    bounds = [(key, schema[key]) for key in _BOUNDS if key in schema]
    lengths = (schema.get("minLength"), schema.get("maxLength"))
    if not all(_is_bound(bound) for _, bound in bounds) or not all(
            _is_length(length) for length in lengths if length is not None):
        return None
    pattern = schema.get("pattern")
    if "pattern" in schema:
        if not isinstance(pattern, str):
            return None
        try:
            pattern = re.compile(pattern)
        except re.error:  # jsonschema would fail on it: let it
            return None
    items = None
    if "items" in schema:
        items = quick_check(schema["items"]) if isinstance(schema["items"], Mapping) else None
        if items is None:
            return None
    return _QuickCheck(kind, enum, tuple(bounds), lengths, pattern, items)


class _QuickCheck:
    """One schema's keywords, applied as jsonschema applies them: each keyword only to the values
    of the JSON type it is about (``minimum`` to numbers, ``minLength`` to strings...)."""

    def __init__(self, kind: str | None, enum: list[str] | None, bounds: tuple[tuple[str, Any], ...],
                 lengths: tuple[int | None, int | None], pattern: re.Pattern[str] | None,
                 items: QuickCheck | None) -> None:
        self.kind, self.enum, self.bounds, self.pattern, self.items = kind, enum, bounds, pattern, items
        self.shortest, self.longest = lengths

    def __call__(self, value: Any) -> bool | None:
        plain = type(value)
        if plain not in _PLAIN:
            return None
        if self.kind is not None and not _of_type(value, self.kind):
            return False
        # jsonschema's enum compares with == to each member (all text here); a value of a plain
        # type equals a text member only when it is that text.
        if self.enum is not None and not any(each == value for each in self.enum):
            return False
        if plain is str:
            return self._text(value)
        if plain is int or plain is float:
            return self._number(value)
        if plain is list and self.items is not None:
            verdicts = [self.items(item) for item in value]
            return False if False in verdicts else None if None in verdicts else True
        return True

    def all(self, values: list[Any]) -> list[bool | None]:
        """The verdict on each of ``values``; a list of text only is judged a keyword at a time."""
        if not set(map(type, values)) <= {str}:
            return list(map(self, values))
        if self.kind not in (None, "string"):
            return [False] * len(values)
        count = len(values)
        valid = np.ones(count, dtype=bool)
        lengths = np.fromiter(map(len, values), dtype=np.intp, count=count)
        if self.shortest is not None:
            valid &= lengths >= self.shortest
        if self.longest is not None:
            valid &= lengths <= self.longest
        if self.enum is not None:
            valid &= np.fromiter(map(self._members.__contains__, values), dtype=bool, count=count)
        if self.pattern is not None:
            found = map(operator.is_not, map(self.pattern.search, values), itertools.repeat(None))
            valid &= np.fromiter(found, dtype=bool, count=count)
        return valid.tolist()

    @functools.cached_property
    def _members(self) -> frozenset[str]:
        # For text, jsonschema's enum (== against each member) is membership in the set of members.
        return frozenset(self.enum or ())

    def _text(self, value: str) -> bool:
        if self.shortest is not None and len(value) < self.shortest:
            return False
        if self.longest is not None and len(value) > self.longest:
            return False
        return self.pattern is None or self.pattern.search(value) is not None

    def _number(self, value: float) -> bool:
        # The comparisons are jsonschema's own, so that NaN passes every bound as it does there.
        for key, bound in self.bounds:
            if key == "minimum" and value < bound or key == "maximum" and value > bound:
                return False
            if key == "exclusiveMinimum" and value <= bound or key == "exclusiveMaximum" and value >= bound:
                return False
        return True

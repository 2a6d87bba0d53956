"""Turning one cell into a typed value, and checking it against its column's schema.

Spreadsheets store what people typed in many shapes: an id may arrive as the text ``"007"``, the
number ``7`` or the float ``7.0``; a weight as ``"2"`` from CSV or ``2`` from Excel. A
:class:`FieldReader` brings each cell to the JSON type its schema property names, then lets
``jsonschema`` judge the result, so the rules stay in the schema files. Each distinct cell value is
coerced and judged once.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from typing import Any

from jsonschema import Draft202012Validator

from landscape.schema.contract import Field

__all__ = ["FieldReader", "text_of"]

_SPACE_OR_HYPHEN = re.compile(r"[\s\-]+")


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


class FieldReader:
    """Reads the cells of one column of the contract.

    ``read(raw)`` returns ``(value, ok)``: the typed value and whether the schema accepts it. Blank
    cells are not passed to it (the caller decides what blank means for the column).
    """

    def __init__(self, field: Field) -> None:
        self.field = field
        self._validator = Draft202012Validator(dict(field.schema))
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
            ok = self._validator.is_valid(list(value) if isinstance(value, tuple) else value)
            hit = (value, ok)
            try:
                self._cache[key] = hit
            except TypeError:  # pragma: no cover
                pass
        return hit

    # Each coercion returns the typed value, or the raw value untouched when it cannot be read as
    # that type, so that the schema rejects it.

    def _normalised(self, text: str) -> str:
        if self.field.normalise == "lower":
            return text.casefold()
        if self.field.normalise == "identifier":
            return _SPACE_OR_HYPHEN.sub("_", text.casefold()).strip("_")
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
            text = raw.strip()
            try:
                return int(text)
            except ValueError:
                pass
            number = _parse_float(text)
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
            scale = 1.0
            if self.field.percent and text.endswith("%"):
                text, scale = text[:-1].strip(), 0.01
            number = _parse_float(text)
            if number is not None:
                value = number * scale
                return int(value) if scale == 1.0 and value.is_integer() and "." not in text else value
        return raw

    def _as_list(self, raw: Any) -> Any:
        text = text_of(raw)
        pattern = "|".join(re.escape(sep) for sep in self.field.separators)
        items = [self._normalised(text_of(item)) for item in re.split(pattern, text)] if pattern else [text]
        return tuple(item for item in items if item)


def _parse_float(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None

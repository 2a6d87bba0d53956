"""Ids that are not what they look like: invisible characters, and two ids one eye cannot tell apart.

A spreadsheet can hold ``P1`` and ``P1`` followed by a zero-width joiner, an id made only of
invisible characters, Latin ``Pa`` and Cyrillic ``Pа``, or ``p1`` and ``P1``: to the reader one
person, to a program two, and every tie to "the other one" silently goes to a stranger.
:func:`check_ids`, run before the relationships are matched to the participants:

- removes invisible characters (format characters: zero-width spaces and joiners, directional
  marks, the byte-order mark, the soft hyphen...) from every id and every id a relationship or
  story names, with an ``invisible-character`` warning at each cell; an id left empty is a
  ``missing-value`` error;
- warns (``lookalike-id``) of two participants whose ids differ only by letter case, by letters of
  another script that look the same (Cyrillic ``а`` for Latin ``a``...) or by full-width forms,
  naming both rows: they stay two people, as written, until the sheet says otherwise.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

import pandas as pd

from landscape.schema.report import Issue, Severity, describe_value
from landscape.schema.tables import ROW, Problems, Table, columns_of

__all__ = ["check_ids", "skeleton", "visible"]

#: Where each table names a participant's id.
_ID_COLUMNS = {"participants": ("id",), "relationships": ("source", "target", "reported_by")}
#: Letters of other scripts that look like Latin ones (Unicode's confusables, the common ones).
_CONFUSABLE = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеорсухіјѕԁԛԝһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧΥοναικρτυχ",
    "ABESIJKMHOPCTXYaeopcyxijsdqwhlABEZHIKMNOPTYXYovaikptux")


def visible(text: str) -> str:
    """``text`` without its invisible (format) characters.

    >>> visible("P1\\u200d"), visible("\\u200b\\ufeff")
    ('P1', '')
    """
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def skeleton(text: str) -> str:
    """What an id looks like: full-width forms as plain ones, look-alike letters of other scripts as
    Latin, and case folded.

    >>> skeleton("Pа") == skeleton("Pa") == skeleton("ＰＡ")
    True
    """
    return unicodedata.normalize("NFKC", text).translate(_CONFUSABLE).casefold()


def check_ids(tables: Mapping[str, Table], issues: list[Issue]) -> None:
    """Remove invisible characters from ids (warned), then warn of participants' look-alike ids."""
    for name, columns in _ID_COLUMNS.items():
        table = tables.get(name)
        if table is None or not table.complete:
            continue
        problems = Problems(table.raw, table.name, issues)
        for column in columns:
            if column in table.frame:
                before = table.frame[column].tolist()
                _strip(table, column, problems)
                if name == "participants":
                    _same_once_visible(table, before, problems)
    people = tables.get("participants")
    if people is not None and people.complete and "id" in people.frame:
        _lookalikes(people, Problems(people.raw, people.name, issues))


def _same_once_visible(people: Table, before: list[Any], problems: Problems) -> None:
    """Two ids that were different only by invisible characters are one id now: a duplicate."""
    first: dict[Any, int] = {}
    for old, new, row in zip(before, people.frame["id"].tolist(), people.frame[ROW].tolist()):
        if new is None:
            continue
        if new in first and old != new:
            problems.add("duplicate-id", f"expected each id once (got {new!r} once its invisible characters are "
                         f"removed, already in row {first[new]}); give one of them another id",
                         row=int(row), column=people.header_of("id"), value=old)
        first.setdefault(new, int(row))


def _strip(table: Table, column: str, problems: Problems) -> None:
    header, cleaned = table.header_of(column), []
    for value, row in zip(*columns_of(table.frame, column, ROW)):
        if not isinstance(value, str) or visible(value) == value:
            cleaned.append(value)
            continue
        plain = visible(value)
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(c for c in value if c not in plain))
        if plain:
            problems.add("invisible-character", f"expected an id of visible characters (got {describe_value(value)}, "
                         f"which holds invisible {codes}); read as {plain!r}", row=int(row), column=header,
                         value=value, severity=Severity.WARNING)
        else:
            problems.add("missing-value", f"expected an id (got only invisible characters: {codes}); type the id",
                         row=int(row), column=header, value=value)
        cleaned.append(plain or None)
    if any(a is not b for a, b in zip(cleaned, table.frame[column].tolist())):
        # As an object Series: a plain list would turn every blank (None) into NaN, which names nobody.
        table.frame[column] = pd.Series(cleaned, index=table.frame.index, dtype=object)


def _lookalikes(people: Table, problems: Problems) -> None:
    seen: dict[str, tuple[Any, int]] = {}
    header = people.header_of("id")
    for value, row in zip(*columns_of(people.frame, "id", ROW)):
        if not isinstance(value, str):
            continue
        key = skeleton(value)
        first = seen.setdefault(key, (value, int(row)))
        if first[0] != value:
            how = "letter case" if value.casefold() == first[0].casefold() else "letters that look the same"
            problems.add("lookalike-id", f"expected ids that look different (got {value!r}, which differs from "
                         f"{first[0]!r} in row {first[1]} only by {how}); they are read as two people: if they are "
                         "one, write the id the same way in both rows", row=int(row), column=header, value=value,
                         severity=Severity.WARNING)

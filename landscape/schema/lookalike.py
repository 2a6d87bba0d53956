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

import itertools
import unicodedata
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from landscape.io.columnar import Distinct, first_seen, object_array
from landscape.schema.report import Issue, Severity, describe_value
from landscape.schema.tables import ROW, Problems, Table

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
                # Ids change only where invisible characters are removed: only then can two be one.
                if _strip(table, column, before, problems) and name == "participants":
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


def _strip(table: Table, column: str, values: list[Any], problems: Problems) -> bool:
    """Take the invisible characters out of a column of ids (each distinct id looked at once);
    True when any id changed."""
    distinct = Distinct(object_array(values, len(values)))
    # Text of ASCII characters only holds no invisible (format) character: most ids are not looked into.
    changed = [isinstance(value, str) and not value.isascii() and visible(value) != value for value in distinct.values]
    offsets = distinct.cells_where(changed).tolist()
    if not offsets:
        return False
    header, rows, cleaned = table.header_of(column), table.frame[ROW].tolist(), object_array(values, len(values))
    for offset in offsets:
        value = values[offset]
        plain = visible(value)
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(c for c in value if c not in plain))
        if plain:
            problems.add("invisible-character", f"expected an id of visible characters (got {describe_value(value)}, "
                         f"which holds invisible {codes}); read as {plain!r}", row=int(rows[offset]), column=header,
                         value=value, severity=Severity.WARNING)
        else:
            problems.add("missing-value", f"expected an id (got only invisible characters: {codes}); type the id",
                         row=int(rows[offset]), column=header, value=value)
        cleaned[offset] = plain or None
    # As an object Series: a plain list would turn every blank (None) into NaN, which names nobody.
    table.frame[column] = pd.Series(cleaned, index=table.frame.index, dtype=object)
    return True


def _lookalikes(people: Table, problems: Problems) -> None:
    """Warn of each id that looks like an earlier, different one (:func:`skeleton`)."""
    values, rows = people.frame["id"].tolist(), people.frame[ROW].tolist()
    texts = np.flatnonzero(np.fromiter(map(isinstance, values, itertools.repeat(str)), dtype=bool,
                                       count=len(values))).tolist()
    ids = [values[offset] for offset in texts]
    # An ASCII id's skeleton is its case folded (NFKC and the look-alike letters leave ASCII as it is).
    keys = list(map(str.casefold, ids))
    for at in np.flatnonzero(~np.fromiter(map(str.isascii, ids), dtype=bool, count=len(ids))).tolist():
        keys[at] = skeleton(ids[at])
    first = first_seen(keys, len(keys))
    header = people.header_of("id")
    for at in np.flatnonzero(first != np.arange(len(keys))).tolist():
        value, earlier = ids[at], ids[first[at]]
        if earlier != value:
            how = "letter case" if value.casefold() == earlier.casefold() else "letters that look the same"
            problems.add("lookalike-id", f"expected ids that look different (got {value!r}, which differs from "
                         f"{earlier!r} in row {int(rows[texts[first[at]]])} only by {how}); they are read as two "
                         "people: if they are one, write the id the same way in both rows",
                         row=int(rows[texts[at]]), column=header, value=value, severity=Severity.WARNING)

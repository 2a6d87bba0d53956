"""Give a raw sheet its meaning: match headers to the contract, read and check every cell.

One function, :func:`interpret`, turns a :class:`~landscape.io.raw.RawTable` and the
:class:`~landscape.schema.contract.TableSchema` it should follow into a :class:`Table` (a DataFrame
with one column per field, plus extra columns kept as they are) and the list of problems found.
Problems never stop the reading: every cell of every row is looked at.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from jsonschema import Draft202012Validator

from landscape.io.columnar import Cells, Distinct, first_seen
from landscape.io.raw import GRAPH_SUFFIXES, RawTable, row_list
from landscape.schema.cells import FieldReader, is_decimal_comma, is_excel_error, parse_number, text_of
from landscape.schema.contract import TableSchema, normalise_header
from landscape.schema.report import Issue, Severity, TableInfo, describe_value

__all__ = ["ROW", "Problems", "Table", "column_letter", "columns_of", "interpret", "row_list", "with_default"]

#: The DataFrame column holding each row's number as the spreadsheet shows it.
ROW = "_row"

_LEADING_ZERO = re.compile(r"^[+-]?0\d")
_SAFE_INTEGER = 2**53  # larger whole numbers lose digits as floats: such a column is kept as text
#: How far down a sheet the header is looked for when row 1 is not it (a title above the table).
HEADER_SEARCH_ROWS = 10
#: Fields that name a participant: a date there is an id that Excel changed as it was typed.
_ID_FIELDS = frozenset({"id", "source", "target"})
#: Columns that hold participant ids, by table: a number there longer than Excel keeps has lost digits.
_PARTICIPANT_IDS = {"participants": frozenset({"id"}), "relationships": frozenset({"source", "target", "reported_by"}),
                    "stories": frozenset({"teller", "people", "source", "target"}), "story": frozenset({"people"})}
#: Excel keeps 15 significant digits of a number: a whole number of 16 digits or more has lost some.
_EXCEL_PRECISION = 10**15


def column_letter(index: int) -> str:
    """Excel's name for a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def columns_of(frame: pd.DataFrame, *names: str) -> list[list[Any]]:
    """Columns of ``frame`` as plain lists, to zip over: element-wise access to a pandas column
    costs a method call per cell, a list costs nothing."""
    return [frame[name].tolist() for name in names]


@dataclass(frozen=True)
class Column:
    """How one column of the file is read: into a contract field, or kept as an extra attribute."""

    index: int
    header: str  # as written, or the column letter when the header cell is blank
    field: str | None  # the contract field, or None for an extra attribute
    attribute: str  # the name the value gets: the field name, or the normalised header


@dataclass(frozen=True)
class Table:
    """One table of the input after reading: values typed, defaults applied, problems found.

    ``frame`` has a column per contract field present in the file, a column per extra attribute,
    and :data:`ROW`, the spreadsheet row each record came from. Cells that were blank or invalid
    hold ``None``.
    """

    name: str
    raw: RawTable
    columns: tuple[Column, ...]
    frame: pd.DataFrame
    info: TableInfo
    complete: bool  # False when a required column is missing, so rows could not be read
    #: The raw rows column by column, as reading found them, for the checks that look at the cells
    #: as written (:func:`landscape.schema.validate.read_tables` lets them go once it is done).
    cells: Cells | None = dataclasses.field(default=None, repr=False, compare=False)

    def header_of(self, attribute: str) -> str:
        """The header, as written in the file, of the column read into ``attribute``."""
        for column in self.columns:
            if column.attribute == attribute:
                return column.header
        return attribute


class Problems:
    """Collects the issues of one table, with its file, sheet and table name filled in.

    Issues go into ``issues``: a new list, or one shared by several tables.
    """

    def __init__(self, raw: RawTable, table: str, issues: list[Issue] | None = None) -> None:
        self.raw = raw
        self.table = table
        self.issues: list[Issue] = [] if issues is None else issues

    def add(
        self,
        code: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.issues.append(
            Issue(
                code=code,
                severity=severity,
                message=message,
                file=str(self.raw.file),
                sheet=self.raw.sheet,
                table=self.table,
                row=row,
                column=column,
                value=value,
            )
        )


def interpret(raw: RawTable, schema: TableSchema) -> tuple[Table, list[Issue]]:
    """Read ``raw`` as the table ``schema`` describes; return the table and every problem found.

    Cells are read column by column, each distinct value of a column once (:mod:`landscape.io.columnar`); the
    problems of the cells are reported in the order of the rows, and in a row in the order of
    the columns, the contract's fields first, as a reading row by row would find them.
    """
    problems = Problems(raw, schema.name)
    raw = _find_header(raw, schema, problems)
    for note in raw.notes:
        column = None
        if note.column is not None:
            cell = raw.header[note.column] if note.column < len(raw.header) else None
            column = text_of(cell) if cell is not None and note.row != raw.first_row - 1 else column_letter(note.column)
        problems.add(note.code, note.message, row=note.row, column=column, value=note.value,
                     severity=Severity(note.severity))
    cells = _cells_of(raw)
    columns, complete = _plan_columns(raw, schema, problems, cells)
    blank_rows = (cells.blank + raw.first_row).tolist()
    row_numbers = cells.kept + raw.first_row
    records: dict[str, np.ndarray] = {}
    readers = {name: FieldReader(field) for name, field in schema.fields.items()}
    invalid: set[tuple[int, str]] = set()  # (row, field) of cells the schema rejected
    extras = [column for column in columns if column.field is None]
    fields = [column for column in columns if column.field is not None]
    found: list[_Found] = []
    for order, column in enumerate(fields):
        values, rejected = _read_field_column(cells, column, readers[column.field], order, found)
        invalid.update((int(row), column.attribute) for row in row_numbers[rejected])
        records[column.attribute] = values
    for order, column in enumerate(extras, start=len(fields)):
        records[column.attribute] = _read_extra_column(cells, column, order, found)
    records = {column.attribute: records[column.attribute] for column in columns}
    found.sort(key=lambda item: (item[0], item[1]))
    for offset, _, code, message, header, value, severity in found:
        problems.add(code, message, row=int(row_numbers[offset]), column=header, value=value, severity=severity)
    _check_long_numbers(raw, schema.name, columns, problems, cells)

    frame = pd.DataFrame(records, dtype=object)
    frame[ROW] = pd.Series(row_numbers, dtype="int64")
    if complete:
        _apply_defaults(frame, schema)
        _check_rows(frame, schema, invalid, problems)
        _check_primary_key(frame, schema, columns, problems)
    if blank_rows:
        problems.add(
            "blank-rows",
            f"expected a value in every row (got {len(blank_rows):,} blank row(s), skipped: "
            f"rows {row_list(blank_rows)})",
            row=blank_rows[0],
            severity=Severity.WARNING,
        )
    if not len(row_numbers) and schema.empty_severity:
        problems.add(
            "no-rows",
            f"expected at least one row of {schema.name} under the header (got none)",
            row=raw.first_row,
            severity=Severity(schema.empty_severity),
        )
    info = TableInfo(
        table=schema.name,
        file=str(raw.file),
        sheet=raw.sheet,
        rows=len(row_numbers),
        blank_rows=len(blank_rows),
        columns=tuple((column.header, column.attribute) for column in columns),
    )
    table = Table(
        name=schema.name, raw=raw, columns=tuple(columns), frame=frame, info=info, complete=complete, cells=cells
    )
    return table, problems.issues


def _cells_of(raw: RawTable) -> Cells:
    """The rows of ``raw`` column by column: as its reader found them, the first time (they are
    taken from the raw table, which then holds no second copy), else taken out of the rows."""
    found = raw.columns.pop() if raw.columns else None
    if found is not None and len(found.kept) + len(found.blank) == len(raw.rows):
        return found
    return Cells(raw.rows)


def _fields_named(cells: tuple[Any, ...], schema: TableSchema) -> set[str]:
    """The contract fields a row of cells would name if it were the header."""
    named = set()
    for cell in cells:
        if cell is not None and not isinstance(cell, (int, float, _dt.date)):
            match = schema.header_index.get(normalise_header(text_of(cell)))
            if match is not None:
                named.add(match[0])
    for field in schema.fields.values():
        if field.column_fallback in named:
            named.add(field.name)
    return named


def _find_header(raw: RawTable, schema: TableSchema, problems: Problems) -> RawTable:
    """The table with its header row: row 1, or the first of the rows below it that names every
    required column (a title and a blank row above a table are common). The rows above the
    header are reported with what they hold, never dropped unsaid."""
    required = {field.name for field in schema.fields.values() if field.required}
    if not required or required <= _fields_named(raw.header, schema):
        return raw
    for offset, cells in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        if required <= _fields_named(cells, schema):
            first = raw.first_row - 1
            header_row = raw.first_row + offset
            above = [text_of(cell) for row in (raw.header, *raw.rows[:offset]) for cell in row if cell is not None]
            shown = "; ".join(above)
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            problems.add(
                "header-not-in-row-1",
                f"expected the header in row {first} (got it in row {header_row}); row(s) {first}-{header_row - 1} "
                f"above it are taken as a title and not read" + (f": {shown!r}" if shown else " (they are blank)"),
                row=header_row,
                severity=Severity.WARNING,
            )
            return dataclasses.replace(raw, header=cells, rows=raw.rows[offset + 1:], first_row=header_row + 1,
                                       columns=[])
    return raw


def _merge_covering(raw: RawTable, index: int) -> tuple[int, int, int, int] | None:
    header_row = raw.first_row - 1
    for merge in raw.merged:
        first_row, first_col, last_row, last_col = merge
        if first_row <= header_row <= last_row and first_col <= index + 1 <= last_col and first_col != last_col:
            return merge
    return None


def _plan_columns(raw: RawTable, schema: TableSchema, problems: Problems,
                  cells: Cells) -> tuple[list[Column], bool]:
    width = max(len(raw.header), cells.width)
    candidates: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)  # field -> (index, header, exact)
    extras: list[tuple[int, str, str]] = []  # (index, header, attribute)
    filled: set[int] | None = None  # the columns holding a value, found when a column has no header
    for index in range(width):
        cell = raw.header[index] if index < len(raw.header) else None
        header = text_of(cell) if cell is not None else ""
        norm = normalise_header(header)
        if not norm:
            filled = _filled_columns(raw.rows) if filled is None else filled
            if index in filled:
                letter = column_letter(index)
                merge = _merge_covering(raw, index)
                if merge is not None:
                    span = f"{column_letter(merge[1] - 1)}{merge[0]}:{column_letter(merge[3] - 1)}{merge[2]}"
                    problems.add(
                        "merged-header",
                        f"expected a header for each column (got header cells {span} merged, so column {letter} has "
                        f"none of its own); the values are kept as attribute column_{letter.lower()}. Unmerge the "
                        "cells and give each column its own header",
                        row=raw.first_row - 1,
                        column=letter,
                        severity=Severity.WARNING,
                    )
                else:
                    problems.add(
                        "unnamed-column",
                        f"expected a header above the values in column {letter} (got a blank header "
                        f"cell); the values are kept as attribute column_{letter.lower()}",
                        row=raw.first_row - 1,
                        column=letter,
                        severity=Severity.WARNING,
                    )
                extras.append((index, letter, f"column_{letter.lower()}"))
            continue
        match = schema.header_index.get(norm)
        if match is None:
            extras.append((index, header, norm))
        else:
            candidates[match[0]].append((index, header, match[1]))

    if "type" in candidates and "direction" not in candidates and schema.direction_values:
        index, header, _ = candidates["type"][0]
        values = {text_of(cell).casefold() for cell in cells.distinct(index).values if cell is not None}
        if values and values <= schema.direction_values:
            candidates["direction"] = candidates.pop("type")

    columns: list[Column] = []
    for name, found in candidates.items():
        exact = [entry for entry in found if entry[2]]
        chosen = exact[0] if exact else found[0]
        columns.append(Column(index=chosen[0], header=chosen[1], field=name, attribute=name))
        for index, header, is_exact in found:
            if index == chosen[0]:
                continue
            if exact and not is_exact:
                extras.append((index, header, normalise_header(header)))
                continue
            problems.add(
                "duplicate-column",
                f"expected one column for {name} (got {chosen[1]!r} in column "
                f"{column_letter(chosen[0])} and {header!r} here); keep one of them",
                row=raw.first_row - 1,
                column=header,
            )

    taken = {column.attribute for column in columns} | set(schema.fields)
    for index, header, attribute in extras:
        if attribute in taken:
            problems.add(
                "duplicate-column",
                f"expected each header once (got {header!r}, which reads as {attribute!r} like "
                "another column); rename one of them",
                row=raw.first_row - 1,
                column=header,
            )
            continue
        taken.add(attribute)
        columns.append(Column(index=index, header=header, field=None, attribute=attribute))

    mapped = {column.field for column in columns if column.field}
    for field in schema.fields.values():
        fallback = field.column_fallback
        if field.name not in mapped and fallback in mapped:
            source = next(column for column in columns if column.field == fallback)
            columns.append(Column(index=source.index, header=source.header, field=field.name, attribute=field.name))
            mapped.add(field.name)

    complete = True
    headers = [text_of(cell) for cell in raw.header if cell is not None]
    for field in schema.fields.values():
        if field.required and field.name not in mapped:
            complete = False
            also = ", ".join(field.schema.get("x-aliases", [])[:5])
            got = ", ".join(repr(header) for header in headers) if headers else "no headers in row 1"
            problems.add(
                "missing-column",
                f"expected a column named {field.name} (or {also}) (got {got})",
                row=raw.first_row - 1,
                column=field.name,
            )
    columns.sort(key=lambda column: (column.index, column.field != column.attribute))
    return columns, complete


#: A problem found in a cell, before it is reported: (position among the rows read, column order,
#: code, message, header, value, severity). Sorted by the first two, they come in reading order.
_Found = tuple[int, int, str, str, str, Any, Severity]
#: What a distinct value of a column is: a value, blank (or blank once read), rejected, an Excel error.
_VALUE, _BLANK, _REJECTED, _EXCEL_ERROR = 0, 1, 2, 3


def _filled_columns(rows: list[tuple[Any, ...]]) -> set[int]:
    """The columns holding a value, in one pass over the cells (asking per column took 6 minutes
    for one stray value in Excel's last column, XFD, under 100,000 rows)."""
    return {index for row in rows for index, value in enumerate(row) if value is not None}


def _excel_error(cell: Any, expected: str) -> str:
    return (f"expected {expected} (got {str(cell).strip()}, Excel's mark of a formula that failed); "
            "fix the formula or type the value")


def _read_field_column(table: Cells, column: Column, reader: FieldReader, order: int,
                       found: list[_Found]) -> tuple[np.ndarray, np.ndarray]:
    """The values of a contract field's column (None where blank or rejected), and the positions
    of the cells rejected; the problems of its cells go into ``found``. Each distinct cell is read
    once, as the reader's cache read it before (the first of equal cells stands for them all)."""
    field = reader.field
    cells, distinct = table.column(column.index), table.distinct(column.index)
    kinds, values, hints, dated = [], [], [], []
    errors = [isinstance(raw, str) and "#" in raw and is_excel_error(raw) for raw in distinct.values]
    read = iter(reader.read_all([raw for raw, error in zip(distinct.values, errors) if raw is not None and not error]))
    for raw, error in zip(distinct.values, errors):
        value, kind, hint = None, _BLANK, ""
        if error:
            kind = _EXCEL_ERROR
        elif raw is not None:
            value, ok = next(read)
            if not ok:
                kind, hint = _REJECTED, _rejected_hint(field, raw, value)
            elif value not in ("", ()):
                kind = _VALUE
        kinds.append(kind)
        values.append(value)
        hints.append(hint)
        dated.append(kind != _REJECTED and value is not None and field.name in _ID_FIELDS
                     and isinstance(raw, (_dt.date, _dt.datetime)))
    codes = distinct.codes
    told = [kind != _VALUE and (kind != _BLANK or field.required) or date for kind, date in zip(kinds, dated)]
    header = column.header
    for offset in distinct.cells_where(told).tolist():
        code = int(codes[offset])
        raw, kind = cells[offset], kinds[code]
        if dated[code]:
            found.append((offset, order, "date-as-id", f"expected an id as text (got the date {text_of(raw)}: Excel "
                          f"turns entries such as 1-2 or 3/4 into dates as they are typed); it is read as "
                          f"{values[code]!r}. If that is not what was typed, format the column as Text and type it "
                          "again", header, raw, Severity.WARNING))
        if kind == _EXCEL_ERROR:
            found.append((offset, order, "excel-error", _excel_error(raw, field.expected), header, raw, Severity.ERROR))
        elif kind == _REJECTED:
            found.append((offset, order, "invalid-value", f"expected {field.expected} (got {describe_value(raw)})"
                          f"{hints[code]}", header, raw, Severity.ERROR))
        elif kind == _BLANK and field.required:
            found.append((offset, order, "missing-value", f"expected {field.expected} (got a blank cell)", header,
                          None, Severity.ERROR))
    rejected = distinct.cells_where([kind in (_REJECTED, _EXCEL_ERROR) for kind in kinds])
    return distinct.spread([value if kind == _VALUE else None for value, kind in zip(values, kinds)]), rejected


def _rejected_hint(field: Any, raw: Any, value: Any) -> str:
    hint = "; write decimals with a point, as in 0.5" if field.type in ("number", "integer") and \
        is_decimal_comma(raw) else ""
    near = difflib.get_close_matches(value, [str(item) for item in field.enum], n=1, cutoff=0.6) \
        if field.enum and isinstance(value, str) else []
    return hint + (f"; did you mean {near[0]}?" if near else "")


def _read_extra_column(table: Cells, column: Column, order: int, found: list[_Found]) -> np.ndarray:
    """An extra attribute's column, typed (:func:`_typed_extra`); Excel errors reported and blank."""
    cells, distinct = table.column(column.index), table.distinct(column.index)
    errors = [is_excel_error(cell) for cell in distinct.values]
    if any(errors):
        cells = cells.copy()
        for offset in distinct.cells_where(errors).tolist():
            found.append((offset, order, "excel-error", _excel_error(cells[offset], "a value"), column.header,
                          cells[offset], Severity.ERROR))
            cells[offset] = None
    if any(errors) or any(isinstance(cell, float) and cell == 0 for cell in distinct.values):
        distinct = Distinct(cells, signed_zeros=True)  # 0.0 and -0.0 are two floats here
    return distinct.spread(_typed_extra(distinct.values.tolist()))


def _too_long(cell: Any) -> bool:
    return abs(cell) >= _EXCEL_PRECISION and (type(cell) is int or (math.isfinite(cell) and cell.is_integer()))


def _check_long_numbers(raw: RawTable, table: str, columns: list[Column], problems: Problems, cells: Cells) -> None:
    """Warn where a participant id is a whole number longer than Excel keeps.

    Excel holds every number as a double, to 15 significant digits: 123456789012345678 typed into
    a cell is already another number in the file, and ids that should match may no longer do (or
    two people's may). Only workbooks store numbers here; a CSV cell is text, and a graph file's
    numbers were never Excel's.
    """
    fields = _PARTICIPANT_IDS.get(table, frozenset())
    if not fields or raw.file.suffix.lower() in GRAPH_SUFFIXES:
        return
    for column in columns:
        if column.field not in fields:
            continue
        values, distinct = cells.column(column.index), cells.distinct(column.index)
        offsets = distinct.cells_where([type(cell) in (int, float) and _too_long(cell) for cell in distinct.values])
        if not len(offsets):
            continue
        rows = (cells.kept[offsets] + raw.first_row).tolist()
        # The example quoted is the smallest number, not the first row's: the same warning whatever
        # the order of the rows.
        example, example_row = min(zip((values[offset] for offset in offsets.tolist()), rows))
        text = text_of(example)
        more = f"; {len(rows):,} rows hold such numbers: {row_list(rows)}" if len(rows) > 1 else ""
        problems.add(
            "long-number-id",
            f"expected ids stored as text (got the number {text}, {len(text.lstrip('-'))} digits long, in row {example_row}"
            f"{more}): Excel keeps only 15 digits of a number and changes the digits after them, so these ids are "
            f"probably not the ones typed, and ids that should match may not; they are read as they stand ({text!r}). "
            "To keep ids exact, format the column as Text before typing or pasting them, or type an apostrophe "
            "first (as in '123456789012345678), then check them against where they came from",
            row=example_row,
            column=column.header,
            value=example,
            severity=Severity.WARNING,
        )


def _typed_extra(values: list[Any]) -> list[Any]:
    """Give an extra column one type, the same whether it came from CSV text or Excel numbers.

    A column whose every value is a number (or text that reads as one, without a leading zero
    such as ``007``) becomes numbers: whole numbers when all are whole, floats otherwise. Other
    columns (and columns of whole numbers too large to be exact as floats) become text.
    """
    present = [value for value in values if value is not None]
    numbers: list[int | float] = []
    for value in present:
        if isinstance(value, bool):
            break
        number: int | float | None
        if isinstance(value, (int, float)):
            number = value if not isinstance(value, float) or math.isfinite(value) else None
        elif isinstance(value, str) and not _LEADING_ZERO.match(value.strip()):
            number = parse_number(value)
        else:
            number = None
        if number is None or abs(number) >= _SAFE_INTEGER:
            break
        numbers.append(number)
    else:
        if present:
            whole = all(float(number).is_integer() for number in numbers)
            converted = iter(int(number) if whole else float(number) for number in numbers)
            return [None if value is None else next(converted) for value in values]
    return [None if value is None else (text_of(value) or None) for value in values]


def with_default(column: pd.Series, default: Any) -> pd.Series:
    """``column.map(lambda value: default if value is None else value)``, each distinct value
    mapped once: the dtype pandas gives the mapped values (int64 for whole numbers, str for text...)
    depends on which values there are, not on how often, so it is the one the distinct values get.

    >>> with_default(pd.Series([2, None, 2], dtype=object), 1).tolist()
    [2, 1, 2]
    """
    def filled(value: Any) -> Any:
        return default if value is None else value

    distinct = Distinct(column.to_numpy(dtype=object), signed_zeros=True)
    mapped = pd.Series(distinct.values, dtype=object).map(filled)
    return pd.Series(mapped.array.take(distinct.codes), index=column.index, dtype=mapped.dtype)


def _apply_defaults(frame: pd.DataFrame, schema: TableSchema) -> None:
    for field in schema.fields.values():
        if field.default is not None:
            if field.name in frame:
                frame[field.name] = with_default(frame[field.name], field.default)
            else:
                frame[field.name] = pd.Series([field.default] * len(frame), dtype=object, index=frame.index)
        elif field.default_from and field.default_from in frame:
            fallback = frame[field.default_from]
            if field.name in frame:
                frame[field.name] = frame[field.name].where(frame[field.name].notna(), fallback)
            else:
                frame[field.name] = fallback.copy()


def _check_rows(frame: pd.DataFrame, schema: TableSchema, invalid: set[tuple[int, str]], problems: Problems) -> None:
    """Rules over a whole row (a voice needs an expected count or share). A cell that was
    rejected already counts as present here, so one mistake is reported once."""
    rules = schema.row_rules
    if not rules or frame.empty:
        return
    validator = Draft202012Validator(rules)
    present = [name for name in schema.fields if name in frame]
    for record in zip(*columns_of(frame, *present, ROW)):
        row = int(record[-1])
        values = dict(zip(present, record[:-1]))
        instance = {name: value for name, value in values.items() if value is not None or (row, name) in invalid}
        if not validator.is_valid(instance):
            problems.add(
                "missing-value",
                f"expected {schema.row_rules_expected} (got none)",
                row=row,
            )


def _check_primary_key(frame: pd.DataFrame, schema: TableSchema, columns: list[Column], problems: Problems) -> None:
    key = schema.primary_key
    if key is None or key not in frame:
        return
    header = next((column.header for column in columns if column.attribute == key), key)
    values, rows = columns_of(frame, key, ROW)
    first = first_seen(values, len(values))  # where each value is first: the rows after it repeat it
    for offset in np.flatnonzero(first != np.arange(len(values))).tolist():
        value = values[offset]
        if value is not None:
            problems.add(
                "duplicate-id",
                f"expected a unique {key} (got {describe_value(value)}, already in row {int(rows[first[offset]])})",
                row=int(rows[offset]),
                column=header,
                value=value,
            )

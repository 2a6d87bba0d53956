"""Reading a form tool's export as a grid of columns, whatever its header looks like.

Google Forms and Microsoft Forms write one header row. Qualtrics writes three: short names
(``Q2_1``), the question text, and ``{"ImportId": ...}`` cells; the question text is what a
column is about. SurveyMonkey writes two: the question once above the columns of its options,
and each option (or "Response") below. :func:`read_grid` turns each into :class:`Column` objects
that say which question a column belongs to and, for the columns of a grid question (Google's
``Question [Ana Silva]``, Qualtrics's ``Question - Ana Silva``, SurveyMonkey's option row), the
option it holds, and keeps every row with the number the spreadsheet shows it under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from landscape.io import RawTable, read_workbook
from landscape.schema.cells import text_of
from landscape.schema.contract import normalise_header
from landscape.schema.tables import column_letter
from landscape.schema.validate import DOCUMENTATION_SHEETS

__all__ = ["METADATA", "Column", "Grid", "grid_of", "workbook_sheets"]

#: Columns form tools add that are never questions (after normalise_header).
METADATA = frozenset("""timestamp start_time completion_time last_modified_time starttime endtime start_date end_date
startdate enddate responseid response_id respondent_id collector_id ip_address ipaddress progress duration
duration_in_seconds finished recordeddate recorded_date status distributionchannel userlanguage locationlatitude
locationlongitude externalreference external_reference recipientlastname recipientfirstname custom_data_1
custom_data first_name last_name id submitted submitted_at submission_time q_recaptchascore""".split())

_GOOGLE_GRID = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]\s*$")
_QUALTRICS_ID = re.compile(r'^\{\s*"ImportId"')
_MONKEY_RESPONSE = frozenset({"response", "open-ended response", "open ended response"})
_QUALTRICS_CHOICE = re.compile(r"\s+-\s+selected choice$", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """One column of an export: its header as written, the question it belongs to and, for a
    grid question's column, the option (the person) it holds."""

    index: int
    header: str
    question: str
    option: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        """The column as messages name it: the header, or question and option."""
        if self.option is not None:
            return f"{self.question} [{self.option}]"
        return self.header or self.question or self.letter

    @property
    def key(self) -> str:
        """The header as matched against names of columns: normalise_header of it."""
        return normalise_header(self.header)


@dataclass(frozen=True)
class Grid:
    """An export's columns and its rows of answers, each with its spreadsheet row number."""

    file: Path
    sheet: str | None
    columns: tuple[Column, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    layout: str = ""  # "", "Qualtrics" or "SurveyMonkey"
    header_rows: int = 1

    def cell(self, cells: tuple[Any, ...], column: Column) -> Any:
        return cells[column.index] if column.index < len(cells) else None

    @property
    def where(self) -> str:
        return f"{self.file}, sheet {self.sheet}" if self.sheet else str(self.file)


def _numbered(raw: RawTable) -> list[tuple[int, tuple[Any, ...]]]:
    header_row = raw.first_row - 1
    return [(header_row, raw.header), *((raw.first_row + i, row) for i, row in enumerate(raw.rows))]


def _texts(row: tuple[Any, ...], width: int) -> list[str]:
    return [text_of(row[i]) if i < len(row) and row[i] is not None else "" for i in range(width)]


def grid_of(raw: RawTable) -> Grid:
    """The columns and answer rows of one table, its header rows recognised.

    >>> from pathlib import Path
    >>> raw = RawTable(Path("x.csv"), None, ("Timestamp", "Advice [Ana]", "Advice [Ben]"), [("t", "x", None)])
    >>> [(c.question, c.option) for c in grid_of(raw).columns]
    [('Timestamp', None), ('Advice', 'Ana'), ('Advice', 'Ben')]
    """
    rows = _numbered(raw)
    width = max((len(cells) for _, cells in rows), default=0)
    first = _texts(rows[0][1], width)
    second = _texts(rows[1][1], width) if len(rows) > 1 else [""] * width
    third = _texts(rows[2][1], width) if len(rows) > 2 else [""] * width
    if any(_QUALTRICS_ID.match(text) for text in third):
        return Grid(raw.file, raw.sheet, tuple(_qualtrics_columns(first, second)), tuple(rows[3:]), "Qualtrics", 3)
    if any(text.casefold() in _MONKEY_RESPONSE for text in second):
        return Grid(raw.file, raw.sheet, tuple(_monkey_columns(first, second)), tuple(rows[2:]), "SurveyMonkey", 2)
    columns = []
    for index, header in enumerate(first):
        grid = _GOOGLE_GRID.match(header)
        columns.append(Column(index, header, grid.group(1), grid.group(2).strip()) if grid
                       else Column(index, header, header))
    return Grid(raw.file, raw.sheet, tuple(columns), tuple(rows[1:]))


def _qualtrics_columns(names: list[str], texts: list[str]) -> Iterator[Column]:
    """Qualtrics: a grid question's columns read ``Question - Option`` in the second row."""
    questions = [_QUALTRICS_CHOICE.sub("", text) for text in texts]
    prefixes = [text.rpartition(" - ")[0] for text in questions]
    for index, (name, text, prefix) in enumerate(zip(names, questions, prefixes)):
        shared = prefix and prefixes.count(prefix) > 1
        yield Column(index, name, prefix if shared else (text or name),
                     text.rpartition(" - ")[2].strip() if shared else None)


def _monkey_columns(questions: list[str], options: list[str]) -> Iterator[Column]:
    """SurveyMonkey: the question heads the first of its columns; the row below names options."""
    current = ""
    for index, (question, option) in enumerate(zip(questions, options)):
        current = question or current
        if option.casefold() in _MONKEY_RESPONSE or not option:
            yield Column(index, question or current, question or current)
        else:
            yield Column(index, question, current, option)


def workbook_sheets(path: Path) -> dict[str, RawTable]:
    """Every sheet of a workbook that holds data (Instructions and the like left out)."""
    tables = read_workbook(path).tables
    return {name: raw for name, raw in tables.items()
            if normalise_header(name) not in DOCUMENTATION_SHEETS and (raw.header or raw.rows)}

"""The shape every export is read into before names are matched: responses, answers, problems.

Whatever the form tool, one respondent's answers become a :class:`Response` holding
:class:`Answer` objects (a person named, in reply to a question, with the cell's value); what
cannot be imported as it stands becomes a :class:`Problem` with the file, row and column where a
spreadsheet user finds it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from landscape.schema.cells import text_of

__all__ = ["Answer", "Problem", "Question", "Response"]


@dataclass(frozen=True)
class Question:
    """A question read from the export: the column (or grid) that holds it, the relationship type
    its answers become, and its form: ``multi-select`` (a cell lists names), ``matrix`` (a
    column per person), ``long table`` or ``survey workbook``."""

    column: str
    type: str
    form: str
    columns: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "type": self.type, "form": self.form}


@dataclass(frozen=True)
class Answer:
    """One person named in one cell: ``named`` is the text that names them (a name of a
    multi-select cell, a grid column's option, a long table's cell); ``value`` is the cell when
    it says how much (a tick or a frequency), else None; ``chosen`` the column's own option."""

    type: str
    named: str
    row: int
    column: str
    value: Any = None
    chosen: str | None = None
    weighted: bool = False  # the cell's value gives the weight (grids, long tables, survey workbooks)


@dataclass
class Response:
    """One respondent's answers, where they were read: a row of an export, or a survey sheet."""

    file: str
    sheet: str | None
    row: int
    respondent: str
    respondent_column: str
    answers: list[Answer] = field(default_factory=list)
    consent: Any = None
    consent_column: str | None = None
    consent_row: int | None = None  # when not the response's own row (a survey sheet)
    time: _dt.datetime | None = None
    wave: str | None = None
    grouped: bool = False  # a long table: one respondent has many rows, none is a second answer


@dataclass(frozen=True)
class Problem:
    """Something in the export that was not imported as it stands, and where it is."""

    code: str
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    @property
    def location(self) -> str:
        parts = [part for part in (self.file, self.sheet and f"sheet {self.sheet}",
                                   self.row is not None and f"row {self.row}",
                                   self.column is not None and f"column {self.column}") if part]
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "value": None if self.value is None else text_of(self.value)}

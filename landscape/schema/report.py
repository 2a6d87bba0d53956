"""Validation problems with a location a spreadsheet user understands.

Every :class:`Issue` says where (file, sheet, row as the spreadsheet numbers it, column), what was
expected and what was found, and carries a stable kebab-case ``code`` that scripts and tests can
rely on. A :class:`ValidationReport` holds all of them, plus what was read from each table.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = ["Issue", "Severity", "TableInfo", "ValidationReport", "describe_value"]


class Severity(str, Enum):
    """How much a problem matters: errors stop the landscape from being built."""

    ERROR = "error"
    WARNING = "warning"


def describe_value(value: Any) -> str:
    """Show a cell value the way a user would recognise it in a message.

    >>> describe_value("high"), describe_value(None), describe_value(7.5)
    ("'high'", 'a blank cell', '7.5')
    """
    if value is None:
        return "a blank cell"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0, 0):
        value = value.date()  # as Excel shows a date without a time (openpyxl reads it as midnight)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return f"the date {value.isoformat()}"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return repr(text)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return str(value)


@dataclass(frozen=True)
class Issue:
    """One problem found in the input.

    ``row`` is the row number the spreadsheet shows (the header is row 1), ``column`` the header
    as written in the file. Either may be ``None`` for problems of a whole table or file.
    """

    code: str
    severity: Severity
    message: str
    file: str | None = None
    sheet: str | None = None
    table: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    @property
    def location(self) -> str:
        """Where the problem is, e.g. ``people.xlsx, sheet Relationships, row 12, column weight``."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "value": _jsonable(self.value),
        }


@dataclass(frozen=True)
class TableInfo:
    """What was read from one table: where from, how many rows, how each header was read."""

    table: str
    file: str
    sheet: str | None
    rows: int
    blank_rows: int
    columns: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "file": self.file,
            "sheet": self.sheet,
            "rows": self.rows,
            "blank_rows": self.blank_rows,
            "columns": [{"header": header, "field": name} for header, name in self.columns],
        }


@dataclass(frozen=True)
class ValidationReport:
    """Every problem in every table of one input, and a summary of what was read."""

    source: str
    issues: tuple[Issue, ...] = ()
    tables: tuple[TableInfo, ...] = ()
    participants: int = 0
    relationships: int = 0
    skipped_tables: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity is Severity.WARNING)

    @property
    def valid(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not self.errors

    def flat(self) -> list[tuple[str | None, int | None, str | None, str]]:
        """``(sheet or file name, row, column, code)`` for every issue, in report order."""
        return [
            (issue.sheet if issue.sheet is not None else _basename(issue.file), issue.row, issue.column, issue.code)
            for issue in self.issues
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "participants": self.participants,
            "relationships": self.relationships,
            "tables": [table.to_dict() for table in self.tables],
            "skipped_tables": list(self.skipped_tables),
            "issues": [issue.to_dict() for issue in self.issues],
        }

    def to_text(self) -> str:
        """The report as plain text, one line per issue, errors first."""
        verdict = "valid" if self.valid else "not valid"
        counts = f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        lines = [
            f"{self.source}: {verdict}: {self.participants} participants, "
            f"{self.relationships} relationships; {counts}"
        ]
        for table in self.tables:
            where = f"sheet {table.sheet}" if table.sheet else table.file
            blank = f", {table.blank_rows} blank row(s) skipped" if table.blank_rows else ""
            lines.append(f"  {table.table}: {where}, {table.rows} row(s){blank}")
            renamed = [f"{header!r} as {name}" for header, name in table.columns if header != name]
            if renamed:
                lines.append(f"    read {', '.join(renamed)}")
        for issue in (*self.errors, *self.warnings):
            lines.append(f"{issue.severity.value:<8}{issue} [{issue.code}]")
        return "\n".join(lines)


def _basename(file: str | None) -> str | None:
    if file is None:
        return None
    return file.replace("\\", "/").rsplit("/", 1)[-1]

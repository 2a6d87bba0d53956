"""Raw tables: what a sheet or CSV file holds, before any meaning is given to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FORMULA_START", "GRAPH_SUFFIXES", "Note", "RawTable", "Sources", "row_list"]

#: How text that a spreadsheet would run as a formula starts (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Suffixes of graph files landscape reads and writes (kept here, below the readers, so that naming
#: them does not import networkx).
GRAPH_SUFFIXES = (".graphml", ".gexf", ".json")


@dataclass(frozen=True)
class Note:
    """Something the reader saw that the report should mention: a formula, an encoding, a cell
    too long to be real. ``severity`` is ``"error"`` or ``"warning"``; ``row`` is the
    spreadsheet's row number and ``column`` the 0-based column index, where the note is about
    one cell (the report names the column by its header)."""

    code: str
    message: str
    severity: str = "warning"
    row: int | None = None
    column: int | None = None
    value: Any = None


@dataclass(frozen=True)
class RawTable:
    """The cells of one sheet or CSV file, exactly as read.

    ``rows[i]`` is the spreadsheet's row ``first_row + i`` (the header is row ``first_row - 1``,
    normally 1). Cells are ``None`` when empty, otherwise ``str``, ``int``, ``float``, ``bool`` or
    ``datetime`` as the file stored them. Rows may be shorter or longer than the header.
    """

    file: Path
    sheet: str | None
    header: tuple[Any, ...]
    rows: list[tuple[Any, ...]]
    first_row: int = 2
    notes: tuple[Note, ...] = ()
    #: Merged cell ranges of the sheet as (first row, first column, last row, last column), 1-based.
    merged: tuple[tuple[int, int, int, int], ...] = ()
    #: The rows column by column as reading found them (a :class:`~landscape.io.columnar.Cells`),
    #: for the first reading of the table to take (:func:`landscape.schema.tables.interpret`), so
    #: that it does not take the columns out of the rows again; empty otherwise.
    columns: list[Any] = field(default_factory=list, repr=False, compare=False)

    @property
    def where(self) -> str:
        """The table as a person would name it: the sheet name, or the CSV file's name."""
        return self.sheet if self.sheet is not None else self.file.name


@dataclass(frozen=True)
class Sources:
    """Every table found in an input, by the name it had there (sheet name or CSV file name).

    ``skipped`` names tables that were found but not read because nothing asked for them.
    """

    origin: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()


def row_list(rows: list[int], limit: int = 8) -> str:
    """Row numbers for a message, runs shortened: ``5, 9, 12-40``.

    >>> row_list([5, 9, 12, 13, 14])
    '5, 9, 12-14'
    """
    runs: list[list[int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs]
    if len(parts) > limit:
        parts = parts[:limit] + [f"and {len(parts) - limit} more"]
    return ", ".join(parts)

"""Relationships that repeat an earlier row, and ties from a person to themself.

Both are warnings: the rows are kept (measures count a pair once per type, and leave self-ties
out), and the report says where they are. A row repeats another when its cells, as written, read
the same; the rows are compared a column at a time (:mod:`landscape.io.columnar`), never a row at
a time.
"""

from __future__ import annotations

import itertools
import operator

import numpy as np

from landscape.io.columnar import Cells, first_seen, numbered, object_array
from landscape.schema.cells import text_of
from landscape.schema.report import Issue, Severity, describe_value
from landscape.schema.tables import ROW, Problems, Table, columns_of

__all__ = ["check_relationship_rows"]


def check_relationship_rows(table: Table, issues: list[Issue]) -> None:
    """Warn of self-ties and of rows that repeat an earlier row, in the order of the rows."""
    frame = table.frame
    if not table.complete or frame.empty:
        return
    problems = Problems(table.raw, table.name, issues)
    header = table.header_of("source")
    sources, targets, rows = columns_of(frame, "source", "target", ROW)
    selves = np.fromiter(map(operator.eq, sources, targets), dtype=bool, count=len(rows)) & \
        np.fromiter(map(operator.is_not, sources, itertools.repeat(None)), dtype=bool, count=len(rows))
    first = _first_same_row(table, np.asarray(rows, dtype=np.intp) - table.raw.first_row)
    repeats = first != np.arange(len(rows))
    for offset in np.flatnonzero(selves | repeats).tolist():
        row = int(rows[offset])
        if selves[offset]:
            problems.add(
                "self-tie",
                f"expected a tie between two people (got {describe_value(sources[offset])} to themself); "
                "it is kept, and measures leave self-ties out",
                row=row,
                column=header,
                value=sources[offset],
                severity=Severity.WARNING,
            )
        if repeats[offset]:
            problems.add(
                "duplicate-relationship",
                f"expected each relationship once (got the same as row {int(rows[first[offset]])}); "
                "both are kept, and measures count a pair once per type",
                row=row,
                severity=Severity.WARNING,
            )


def _first_same_row(table: Table, offsets: np.ndarray) -> np.ndarray:
    """For each of the rows at ``offsets`` of the table's raw rows, the position (among them) of
    the first whose cells read the same.

    Rows repeat when their cells, as written, do: comparing values after reading would call two
    different unknown ids (both blanked) or two different bad weights the same. A row is its
    length and the text of each cell (:func:`text_of`), a column at a time: each distinct cell's
    text is found once, and each row's texts become one number.
    """
    raw, cells = table.raw, table.cells
    if cells is None or not np.array_equal(cells.kept, offsets):
        cells = Cells(object_array(raw.rows, len(raw.rows))[offsets], keep_blank=True)
    dense = cells.dense_width()
    keys = [cells.lengths]
    for index in range(dense):
        distinct = cells.distinct(index)
        texts = [text_of(cell) if cell is not None else None for cell in distinct.values]
        keys.append(first_seen(texts, len(texts))[distinct.codes])  # cells of one text get one number
    # The cells past the columns most rows reach, as text, row by row: few rows have any.
    rest = [()] * len(offsets)
    for offset in np.flatnonzero(cells.lengths > dense).tolist():
        rest[offset] = tuple(text_of(cell) if cell is not None else None for cell in cells.row(offset)[dense:])
    keys.append(first_seen(rest, len(rest)))
    key = np.zeros(len(offsets), dtype=np.int64)
    for numbers in keys:
        size = int(numbers.max()) + 1 if len(numbers) else 1
        if int(key.max(initial=0)) >= 2**62 // size:  # renumbered before the product could overflow
            key = numbered(key)[0].astype(np.int64)
        key = key * size + numbers
    found, first = numbered(key)
    return first[found]

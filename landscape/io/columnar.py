"""A raw table column by column, and the distinct values of a column.

Reading a table cell by cell costs a Python call or more per cell, a million cells for a sheet of
ties. A column holds far fewer distinct values than cells (ids, types, weights repeat), so the
readers (:func:`clean_rows`) and :mod:`landscape.schema.tables` work on columns: :class:`Cells`
takes a column out of the rows in one pass in C, :class:`Distinct` finds its distinct values, each
is read once, and the results go back to every cell as numpy arrays. Equal cells then share one
value: a sheet of a million ties holds each id once, not once per tie.

Distinct means what a ``dict`` tells apart, by type and value: ``7``, ``7.0``, ``True`` and
``"7"`` are four values, as they were four keys of the per-value cache this replaces.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

__all__ = ["Cells", "Distinct", "clean_rows", "first_seen", "no_cycle_collection", "numbered", "object_array"]

#: Types none of whose values equals a value of another type.
_NEVER_EQUAL_TO_OTHERS = frozenset({str, type(None)})


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Hold Python's cycle collector while a landscape is read and built, and let it run after.

    Reading makes a million rows, values and dicts that all live on, and no garbage cycles; every
    few hundred of them sets the collector off, and now and then it walks every object made so
    far (about 15% of the time of loading 10,000 people). Nothing is kept from being freed:
    objects without cycles go as they always do, and cycles, if any, at the next collection. The
    collector is left as it was found (off stays off).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def object_array(values: Iterable[Any], count: int = -1) -> np.ndarray:
    """A 1-d object array of ``values``, each kept as it is (a tuple stays one cell, not a row).

    >>> object_array([(1, 2), "a", None]).shape
    (3,)
    """
    return np.fromiter(values, dtype=object, count=count)


def first_seen(values: Iterable[Any], count: int) -> np.ndarray:
    """For each of ``count`` values, the position of the first value equal to it (as a dict key).

    >>> first_seen(["a", "b", "a", "c", "b"], 5).tolist()
    [0, 1, 0, 3, 1]
    """
    seen: dict[Any, int] = {}
    try:
        return np.fromiter(map(seen.setdefault, values, itertools.count()), dtype=np.intp, count=count)
    except TypeError:  # an unhashable value (no reader gives one): every value stands for itself
        return np.arange(count, dtype=np.intp)


class Distinct:
    """The distinct values of a column, by type and value, in the order they first appear.

    ``values`` holds each once; ``codes`` says, for each cell, which of them it holds;
    :meth:`spread` gives per-cell results from per-value ones. 0.0 and -0.0 are one value, as
    they are one dict key, unless ``signed_zeros``.

    >>> distinct = Distinct(object_array(["a", 7, "a", 7.0, None]))
    >>> distinct.values.tolist(), distinct.codes.tolist()
    (['a', 7, 7.0, None], [0, 1, 0, 2, 3])
    """

    def __init__(self, cells: np.ndarray, *, signed_zeros: bool = False, by_object: bool = True) -> None:
        if by_object:
            # Cells that are one object are one value: cells are grouped by object first, in C and
            # without looking into the objects (equal cells share one object once read), then the
            # objects by value. ``by_object=False`` for cells as read, where each is an object of its own.
            groups, at = numbered(np.fromiter(map(id, cells), dtype=np.intp, count=len(cells)))
            objects = cells[at]
        else:
            groups, at, objects = None, np.arange(len(cells)), cells
        first = _first_equal(objects, signed_zeros)
        heads = np.flatnonzero(first == np.arange(len(objects)))
        slot = np.empty(len(objects), dtype=np.intp)
        slot[heads] = np.arange(len(heads))
        #: The position of each distinct value's first cell.
        self.first: np.ndarray = at[heads]
        self.codes: np.ndarray = slot[first] if groups is None else slot[first][groups]
        self.values: np.ndarray = cells[self.first]

    @classmethod
    def of(cls, codes: np.ndarray, first: np.ndarray, values: np.ndarray) -> Distinct:
        """A Distinct from its parts, found otherwise."""
        distinct = cls.__new__(cls)
        distinct.codes, distinct.first, distinct.values = codes, first, values
        return distinct

    def merged(self, values: Sequence[Any]) -> Distinct:
        """The distinct values of the cells once each of this Distinct's values is replaced by the
        one ``values`` gives for it (cleaning may make two values one)."""
        inner = Distinct(object_array(values, len(values)), by_object=False)
        return Distinct.of(inner.codes[self.codes], self.first[inner.first], inner.values)

    def part(self, keep: np.ndarray) -> Distinct:
        """The distinct values of the cells at positions ``keep`` (in order), numbered anew in the
        order they first come there."""
        codes = self.codes[keep]
        first = np.full(len(self.values), len(keep), dtype=np.intp)
        first[codes[::-1]] = np.arange(len(keep) - 1, -1, -1)
        present = np.flatnonzero(first < len(keep))
        present = present[np.argsort(first[present], kind="stable")]
        slot = np.empty(len(self.values), dtype=np.intp)
        slot[present] = np.arange(len(present))
        return Distinct.of(slot[codes], first[present], self.values[present])

    def spread(self, results: Sequence[Any]) -> np.ndarray:
        """Per-cell results (an object array) from one result per distinct value."""
        return object_array(results, len(results))[self.codes]

    def cells_where(self, flags: Sequence[bool]) -> np.ndarray:
        """The positions of the cells whose distinct value is flagged."""
        return np.flatnonzero(np.asarray(flags, dtype=bool)[self.codes]) if len(flags) else np.empty(0, np.intp)


def numbered(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keys (numbers, or text) grouped in a C hash table: each one's group (groups numbered in the
    order they first come) and the position where each group first comes."""
    import pandas as pd  # here, not when landscape.io is imported: commands that read no table start quicker

    groups, found = pd.factorize(keys)
    first = np.empty(len(found), dtype=np.intp)
    first[groups[::-1]] = np.arange(len(keys) - 1, -1, -1)  # the last write for a group is its first position
    return groups, first


def _first_equal(values: np.ndarray, signed_zeros: bool) -> np.ndarray:
    """For each value, the position of the first value equal to it as a dict key: of one type
    and equal (0.0 and -0.0 apart if ``signed_zeros``)."""
    count = len(values)
    types = set(map(type, values))
    if types == {str}:  # text only: pandas' hash table, which compares text as a dict does
        codes, first = numbered(values)
        return first[codes]
    # Cells of different types can be equal (7, 7.0 and True) only when two of them are neither
    # text nor blank: otherwise the value alone tells them apart, at half the cost.
    mixed = len(types - _NEVER_EQUAL_TO_OTHERS) > 1
    first = first_seen(zip(map(type, values), values) if mixed else values, count)
    if signed_zeros and any(issubclass(kind, float) for kind in types) and any(
            isinstance(values[at], float) and values[at] == 0 for at in np.flatnonzero(first == np.arange(count))):
        # 0.0 and -0.0 are equal keys; where the caller must keep them apart, a float's text
        # (which shows its sign) is part of its key.
        first = first_seen([(type(value), value, repr(value)) if isinstance(value, float) else (type(value), value)
                            for value in values], count)
    return first


class Cells:
    """The rows of a raw table (tuples of varying length), read column by column.

    Rows whose every cell is empty are ``blank``; :meth:`column` gives one column of the other
    rows (``kept``), ``None`` where a row is shorter. Only the columns asked for are taken out: a
    stray value in Excel's last column, XFD, must not make every row 16,384 cells wide.
    """

    def __init__(self, rows: Sequence[Sequence[Any]], *, keep_blank: bool = False) -> None:
        count = len(rows)
        lengths = np.fromiter(map(len, rows), dtype=np.intp, count=count)
        #: One more than the last column any row reaches.
        self.width = int(lengths.max()) if count else 0
        if keep_blank:
            nones = np.full(count, -1, dtype=np.intp)
        else:
            # count(None) compares each cell with None, which only None equals among the cells readers give.
            nones = np.fromiter(map(operator.methodcaller("count", None), rows), dtype=np.intp, count=count)
        #: Offsets (from the table's first row) of rows with no value at all, and of the other rows.
        self.blank: np.ndarray = np.flatnonzero(nones == lengths)
        self.kept: np.ndarray = np.flatnonzero(nones != lengths)
        #: The length of each kept row.
        self.lengths: np.ndarray = lengths[self.kept]
        self._rows = object_array(rows, count)[self.kept] if len(self.blank) else object_array(rows, count)
        self._columns: dict[int, np.ndarray] = {}
        self._distinct: dict[int, Distinct] = {}

    @classmethod
    def of(cls, rows: np.ndarray, lengths: np.ndarray, columns: dict[int, np.ndarray],
           distinct: dict[int, Distinct]) -> Cells:
        """The Cells of ``rows`` (an object array of tuples, each ending at its last value, so that
        a blank row is empty) whose columns and their distinct values were found already."""
        cells = cls.__new__(cls)
        cells.width = int(lengths.max()) if len(lengths) else 0
        cells.blank, cells.kept = np.flatnonzero(lengths == 0), np.flatnonzero(lengths != 0)
        cells.lengths, cells._rows, cells._columns, cells._distinct = lengths, rows, columns, distinct
        if len(cells.blank):
            keep = cells.kept
            cells.lengths, cells._rows = lengths[keep], rows[keep]
            cells._columns = {index: column[keep] for index, column in columns.items()}
            cells._distinct = {index: found.part(keep) for index, found in distinct.items()}
        return cells

    def __len__(self) -> int:
        return len(self.kept)

    def column(self, index: int, *, keep: bool = True) -> np.ndarray:
        """The cells at 0-based ``index`` of the kept rows (an object array); kept for the next
        call unless ``keep`` is False."""
        found = self._columns.get(index)
        if found is None:
            found = np.full(len(self.kept), None, dtype=object)
            longer = np.flatnonzero(self.lengths > index)
            rows = self._rows if len(longer) == len(self.kept) else self._rows[longer]
            found[longer] = object_array(map(operator.itemgetter(index), rows), len(longer))
            if keep:
                self._columns[index] = found
        return found

    def dense_width(self) -> int:
        """How many columns, from the first, are worth reading column by column: those a third of
        the rows reach or more. The cells beyond are better read row by row (a stray value in
        column XFD must not make 16,384 columns of a hundred thousand rows each)."""
        count = len(self.kept)
        return int(np.sort(self.lengths)[(2 * count) // 3]) if count else 0

    def forget(self) -> None:
        """Let the columns and the rows go (the memory they hold): as if no row had been kept."""
        self._columns.clear()
        self._distinct.clear()
        self._rows = object_array((), 0)
        self.kept = self.lengths = np.empty(0, dtype=np.intp)

    def row(self, offset: int) -> Sequence[Any]:
        """The kept row at ``offset``, as it was given."""
        return self._rows[offset]

    def distinct(self, index: int) -> Distinct:
        """The distinct values of :meth:`column` ``index``."""
        found = self._distinct.get(index)
        if found is None:
            found = self._distinct[index] = Distinct(self.column(index))
        return found


#: What a cell's cleaning says of it, besides its clean value: a note (or None), as readers make them.
CellNote = Callable[[int, int], Any]


def clean_rows(rows: Sequence[Sequence[Any]], first: int, clean: Callable[[Any], tuple[Any, CellNote | None]],
               notes: list[Any], clean_all: Callable[[list[Any]], list[tuple[Any, CellNote | None]]] | None = None,
               ) -> tuple[list[tuple[Any, ...]], Cells]:
    """Rows cleaned cell by cell, the empty cells after each row's last value left out; and the
    clean rows column by column (their :class:`Cells`, blank rows left out).

    ``clean(cell)`` gives a cell's clean value and, where the cleaning has something to say, a
    function of (row number, 0-based column) that makes the note; ``clean_all``, when given, does
    the same for a list of cells at once. ``rows[i]`` is row ``first + i``. Each distinct cell of a
    column is cleaned once; the notes go into ``notes`` in the order of the rows, and in a row of
    the columns, as cleaning row by row would give them.
    """
    table = Cells(rows, keep_blank=True)
    dense = table.dense_width()
    columns, distincts, filled, found = [], [], [], []
    for index in range(dense):
        distinct = Distinct(table.column(index, keep=False), signed_zeros=True, by_object=False)
        cleaned = clean_all(distinct.values.tolist()) if clean_all else [clean(cell) for cell in distinct.values]
        said = [note is not None for _, note in cleaned]
        if any(said):
            found += [(offset, index, cleaned[distinct.codes[offset]][1]) for offset in distinct.cells_where(said).tolist()]
        values = [value for value, _ in cleaned]
        columns.append(distinct.spread(values))
        distincts.append(distinct.merged(values))
        filled.append(np.asarray([value is not None for value in values], dtype=bool)[distinct.codes])
    body, lengths = _trimmed_rows(columns, filled, len(rows))
    for offset in np.flatnonzero(table.lengths > dense).tolist():  # the few rows longer than most
        cells = [column[offset] for column in columns]
        for index, cell in enumerate(table.row(offset)[dense:], start=dense):
            cell, note = clean(cell)
            if note is not None:
                found.append((offset, index, note))
            cells.append(cell)
        while cells and cells[-1] is None:
            cells.pop()
        body[offset] = tuple(cells)
        lengths[offset] = len(cells)
    found.sort(key=lambda item: item[:2])
    notes += [make(first + offset, index) for offset, index, make in found]
    # The columns past the dense ones are taken out of the clean rows when asked for.
    return body.tolist(), Cells.of(body, lengths, dict(enumerate(columns)), dict(enumerate(distincts)))


def _trimmed_rows(columns: list[np.ndarray], filled: list[np.ndarray], count: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows from columns (``filled`` says where each holds a value), each row ending at its last
    value, as an object array of tuples, and their lengths: rows of one length are zipped at once."""
    lengths = np.zeros(count, dtype=np.intp)
    for index in range(len(columns) - 1, -1, -1):
        lengths[(lengths == 0) & filled[index]] = index + 1
    rows = np.empty(count, dtype=object)
    for length in np.unique(lengths).tolist():
        at = np.flatnonzero(lengths == length)
        rows[at] = object_array(zip(*(column[at] for column in columns[:length])) if length else
                                itertools.repeat((), len(at)), len(at))
    return rows, lengths

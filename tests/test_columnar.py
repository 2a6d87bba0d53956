"""Reading column by column gives what reading cell by cell gave.

landscape/io/columnar.py, and the readers, checks and graph built on it, read each distinct value
of a column once and spread the results back; these tests hold each such path to the plain,
row-by-row way it replaced, written out here, on values chosen to trip it: equal values of
different types (7, 7.0, True, "7"), 0.0 and -0.0, NaN, blanks, rows of every length (and one
reaching column XFD), long cells, control characters, Excel errors, look-alike ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import random
import unicodedata
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from landscape import load
from landscape.io import readers, sample_path
from landscape.io.columnar import Cells, Distinct, clean_rows, first_seen, object_array
from landscape.io.raw import RawTable
from landscape.model import landscape as model
from landscape.schema.cells import FieldReader, text_of
from landscape.schema.contract import table_schemas
from landscape.schema.lookalike import _CONFUSABLE, skeleton, visible
from landscape.schema.tables import with_default
from landscape.schema.repeats import _first_same_row
from landscape.schema.validate import read_tables
from tests.conftest import DATA
from tests.test_quick import CELLS

#: Cells that are equal to one another, or nearly, in every way a dict or pandas could confuse.
TRICKY: list[Any] = [None, 0, 0.0, -0.0, False, 1, 1.0, True, "1", "1.0", " 1", 7, 7.0, "7", math.nan, float("nan"),
                     math.inf, 2**53 + 1, float(2**53), "", " ", "\u00a0", "#N/A", " #REF! ", "a", "A", "a\r\nb",
                     "a\x07b", "x" * 40_000, dt.datetime(2024, 3, 4), dt.date(2024, 3, 4), dt.time(9, 30), "P\u200b1",
                     "Pа", "Pa", "ＰＡ", (1, 2), ("a",)]
cells = st.sampled_from(TRICKY)
rows = st.lists(st.lists(cells, max_size=6).map(tuple), max_size=25)


def _same(one: Any, two: Any) -> bool:
    """The same value: of one type, equal, NaN as NaN (and NaT as NaT), 0.0 and -0.0 apart."""
    if one is two:
        return True
    if type(one) is not type(two):
        return False
    if isinstance(one, tuple):
        return len(one) == len(two) and all(map(_same, one, two))
    if isinstance(one, float):
        return repr(one) == repr(two)
    return bool(one == two)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=40))
def test_distinct_values_are_the_keys_of_a_dict_of_type_and_value(values: list[Any]) -> None:
    distinct = Distinct(object_array(values, len(values)), by_object=len(values) % 2 == 0)
    seen: dict[tuple[type, Any], int] = {}
    codes = [seen.setdefault((type(value), value), len(seen)) for value in values]
    assert distinct.codes.tolist() == codes
    assert all(_same(value, values[first]) for value, first in zip(distinct.values, distinct.first.tolist()))
    assert all(_same(kept, values[offset]) or values[offset] != values[offset]  # a NaN stands for itself
               or (isinstance(kept, float) and kept == 0) for offset, kept in enumerate(distinct.spread(list(distinct.values))))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=["a", "b", "\x00", "\ud800", "\udc00", "\u00e9", "\u0301", "\U0001f600", "\x80"],
                        max_size=4), max_size=60), st.booleans(), st.booleans())
def test_distinct_text_is_told_apart_as_a_dict_tells_it(values: list[str], shared: bool, by_object: bool) -> None:
    # Text only goes through pandas' hash table (and shared objects through one of addresses): it
    # must tell text apart exactly as a dict does, NUL characters and lone surrogates included.
    cells = object_array(values if shared else ["".join(list(value)) for value in values], len(values))
    distinct = Distinct(cells, by_object=by_object)
    seen: dict[str, int] = {}
    assert distinct.codes.tolist() == [seen.setdefault(value, len(seen)) for value in values]
    assert distinct.values.tolist() == list(seen) and all(cells[at] is distinct.values[code]
                                                          for code, at in enumerate(distinct.first.tolist()))


def test_first_seen_of_unhashable_values_takes_each_on_its_own() -> None:
    assert first_seen([[1], [1], {}], 3).tolist() == [0, 1, 2]


@settings(max_examples=200, deadline=None)
@given(rows)
def test_columns_of_ragged_rows(table: list[tuple[Any, ...]]) -> None:
    cells = Cells(table)
    blank = [offset for offset, row in enumerate(table) if all(cell is None for cell in row)]
    assert cells.blank.tolist() == blank
    assert cells.kept.tolist() == [offset for offset in range(len(table)) if offset not in blank]
    for index in range(max(map(len, table), default=0) + 1):
        expected = [table[offset][index] if index < len(table[offset]) else None for offset in cells.kept.tolist()]
        assert all(map(_identical, cells.column(index), expected))


def _identical(one: Any, two: Any) -> bool:
    return one is two


def _clean_by_row(table: list[tuple[Any, ...]], convert: Any = None) -> tuple[list[tuple[Any, ...]], list[Any]]:
    notes: list[Any] = []
    cleaned = [readers._clean_row(map(convert, row) if convert else row, number, notes)
               for number, row in enumerate(table, start=2)]
    return cleaned, notes


@settings(max_examples=200, deadline=None)
@given(rows)
def test_cleaning_by_column_is_cleaning_by_row(table: list[tuple[Any, ...]]) -> None:
    expected, expected_notes = _clean_by_row(table)
    for clean_all in (None, readers._clean_cells):
        notes: list[Any] = []
        cleaned, columns = clean_rows(table, 2, readers._clean_cell, notes, clean_all)
        assert len(cleaned) == len(expected) and all(map(_same, cleaned, expected))
        assert notes == expected_notes
        _assert_same_cells(columns, Cells(cleaned))


def _assert_same_cells(found: Cells, fresh: Cells) -> None:
    """The columns a reader hands on are those taken out of its rows afresh."""
    assert found.kept.tolist() == fresh.kept.tolist() and found.blank.tolist() == fresh.blank.tolist()
    assert found.lengths.tolist() == fresh.lengths.tolist() and found.width == fresh.width
    for index in range(fresh.width + 1):
        assert all(map(_identical, found.column(index), fresh.column(index)))
        one, two = found.distinct(index), fresh.distinct(index)
        assert one.codes.tolist() == two.codes.tolist() and one.first.tolist() == two.first.tolist()
        assert all(map(_identical, one.values, two.values))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "a", 3.0, 3.5, -0.0, True, dt.date(2024, 1, 2), " ", "a\x01"]),
                         min_size=3, max_size=3), max_size=20))
def test_calamine_cells_are_made_openpyxl_cells_as_they_are_cleaned(table: list[list[Any]]) -> None:
    expected, expected_notes = _clean_by_row([tuple(row) for row in table], readers._as_openpyxl)
    for clean_all in (None, functools.partial(readers._clean_cells, convert=readers._as_openpyxl)):
        notes: list[Any] = []
        cleaned, columns = clean_rows(table, 2, lambda cell: readers._clean_cell(readers._as_openpyxl(cell)), notes,
                                      clean_all)
        assert all(map(_same, cleaned, expected)) and notes == expected_notes
        _assert_same_cells(columns, Cells(cleaned))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY + ["", "\t", "\u2028", "a\x0bb", "x" * 32_767, "x" * 32_768, "a\rb", " \r "]),
                max_size=12), st.booleans())
def test_cleaning_cells_together_is_cleaning_each(values: list[Any], texts_only: bool) -> None:
    values = [value for value in values if isinstance(value, str)] if texts_only else values
    for convert in (None, readers._as_openpyxl):
        together = readers._clean_cells(values, convert)
        each = [readers._clean_cell(convert(value) if convert else value) for value in values]
        assert [value for value, _ in together] == [value for value, _ in each] or all(
            map(_same, [value for value, _ in together], [value for value, _ in each]))
        assert [note(2, 0) if note else None for _, note in together] == [note(2, 0) if note else None for _, note in each]


def test_a_value_in_column_xfd_is_read_row_by_row() -> None:
    table = [("a", "b")] * 300 + [("a",) + (None,) * 16_000 + (" x\r",)] + [("c", "\x01")]
    notes: list[Any] = []
    cleaned, columns = clean_rows(table, 2, readers._clean_cell, notes)
    expected, expected_notes = _clean_by_row(table)
    assert cleaned == expected and notes == expected_notes
    _assert_same_cells(columns, Cells(cleaned))
    assert len(cleaned[300]) == 16_002 and cleaned[300][-1] == " x\n"


def test_reading_all_the_values_of_a_column_is_reading_each() -> None:
    for schema in table_schemas().values():
        for field in schema.fields.values():
            for values in ([cell for cell in CELLS if isinstance(cell, str)], CELLS):
                values = list(dict.fromkeys((type(value), value) for value in values))
                raws = [value for _, value in values]
                read = FieldReader(field)
                assert all(_same(a, b) and ok_a == ok_b for (a, ok_a), (b, ok_b)
                           in zip(read.read_all(raws), map(FieldReader(field).read, raws)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([1, 2, 2.5, -0.0, 0.0, True, "a", "tie", None, (1,), 2**63, 2**64,
                                 dt.datetime(2024, 1, 1), math.nan]), max_size=12),
       st.sampled_from([1, "tie", "directed", 2.5]))
def test_a_default_fills_a_column_as_pandas_map_does(values: list[Any], default: Any) -> None:
    column = pd.Series(values, dtype=object, index=pd.RangeIndex(len(values)) + 5)
    expected = column.map(lambda value: default if value is None else value)
    filled = with_default(column, default)
    assert filled.dtype == expected.dtype and filled.index.equals(expected.index)
    assert all(map(_same, filled.tolist(), expected.tolist()))


def _first_same_by_row(raw: RawTable, offsets: list[int]) -> list[int]:
    first: dict[tuple[Any, ...], int] = {}
    return [first.setdefault(tuple(text_of(cell) if cell is not None else None for cell in raw.rows[offset]), at)
            for at, offset in enumerate(offsets)]


@settings(max_examples=200, deadline=None)
@given(rows)
def test_repeated_rows_are_found_as_row_by_row(table: list[tuple[Any, ...]]) -> None:
    raw = RawTable(file=Path("t.csv"), sheet=None, header=("source", "target"), rows=table)
    offsets = [offset for offset, row in enumerate(table) if any(cell is not None for cell in row)]
    frame = pd.DataFrame({"_row": [offset + 2 for offset in offsets]})
    from landscape.schema.tables import Table

    for cells in (None, Cells(table)):
        found = Table(name="relationships", raw=raw, columns=(), frame=frame, info=None, complete=True,  # type: ignore[arg-type]
                      cells=cells)
        assert _first_same_row(found, np.asarray(offsets, dtype=np.intp)).tolist() == _first_same_by_row(raw, offsets)


def test_ascii_ids_hold_no_invisible_character_and_their_skeleton_is_their_case_folded() -> None:
    ascii_text = "".join(map(chr, range(128)))
    assert visible(ascii_text) == ascii_text
    assert all(code > 127 for code in _CONFUSABLE)
    assert skeleton(ascii_text) == ascii_text.casefold()
    assert unicodedata.normalize("NFKC", ascii_text) == ascii_text


def _graph_by_networkx(land: Any) -> nx.MultiDiGraph:
    """The graph as landscape built it with networkx's own add_nodes_from and add_edges_from."""
    tables = land.tables
    graph = nx.MultiDiGraph(name=Path(tables.source).stem, source=tables.source)
    people, ties = tables.participants.frame, tables.relationships.frame
    names = [column for column in people.columns if column not in ("id", "_row")]
    graph.add_nodes_from((row[0], {name: value for name, value in zip(names, row[1:]) if model._present(value)})
                         for row in zip(*(people[column].tolist() for column in ("id", *names))))
    names = [column for column in ties.columns if column not in ("source", "target", "_row")]
    graph.add_edges_from((row[0], row[1], int(row[2]), {name: value for name, value in zip(names, row[3:])
                                                         if model._present(value)})
                         for row in zip(*(ties[column].tolist() for column in ("source", "target", "_row", *names))))
    return graph


def _same_graph(one: nx.MultiDiGraph, two: nx.MultiDiGraph) -> bool:
    return (one.graph == two.graph and list(one.nodes(data=True)) == list(two.nodes(data=True))
            and list(one.edges(keys=True, data=True)) == list(two.edges(keys=True, data=True))
            and list(one.in_edges(keys=True, data=True)) == list(two.in_edges(keys=True, data=True))
            and all(list(one.pred[node]) == list(two.pred[node]) for node in one)
            and all(one._succ[u][v] is one._pred[v][u] for u, v in one.edges()))


@pytest.mark.parametrize("name", ["clinical-simulation", "krackhardt-hightech", "freeman-eies", "peer-circle"])
def test_the_graph_is_the_one_networkx_builds(name: str) -> None:
    land = load(sample_path(name))
    assert _same_graph(land.graph, _graph_by_networkx(land))


def test_the_graph_of_repeated_ties_self_ties_and_blank_attributes_is_the_one_networkx_builds(tmp_path: Path) -> None:
    people = [["id", "name", "level", "organisation"], ["a", "A", "1", ""], ["b", "", "", "Org"], ["c", "C", "2", ""]]
    ties = [["source", "target", "type", "weight", "wave"], ["a", "b", "advice", "", "1"], ["a", "b", "advice", "2", ""],
            ["b", "a", "", "", ""], ["c", "c", "advice", "1", "1"], ["a", "b", "advice", "", "1"], ["b", "c", "x", "3", "2"]]
    for name, table in (("participants", people), ("relationships", ties)):
        (tmp_path / f"{name}.csv").write_text("\n".join(",".join(row) for row in table) + "\n", encoding="utf-8")
    land = load(tmp_path)
    assert _same_graph(land.graph, _graph_by_networkx(land))


def test_edges_between_nodes_not_yet_there_go_through_networkx() -> None:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(["a"])
    model._add_edges(graph, ["a", "z"], ["z", "a"], [2, 3], [{"w": 1}, {}])
    expected = nx.MultiDiGraph()
    expected.add_nodes_from(["a"])
    expected.add_edges_from([("a", "z", 2, {"w": 1}), ("z", "a", 3, {})])
    assert _same_graph(graph, expected)


@pytest.mark.parametrize(("nodes", "keys"), [(["a", "b", "a"], [2, 3]), (["a", "b"], [3, 2]), (["a", "b"], [2, 2]),
                                             (["a", "b"], ["x", "y"]), ([], [])])
def test_nodes_and_edges_go_in_as_networkx_puts_them(nodes: list[str], keys: list[Any]) -> None:
    graph, expected = nx.MultiDiGraph(), nx.MultiDiGraph()
    data = [{"n": at} for at in range(len(nodes))]
    model._add_nodes(graph, nodes, [dict(values) for values in data])
    expected.add_nodes_from(zip(nodes, [dict(values) for values in data]))
    edges = list(zip(["a", "b"][:len(keys)], ["b", "a"][:len(keys)], keys, [{"w": 1}, {"w": 2}][:len(keys)]))
    model._add_edges(graph, *[list(part) for part in zip(*edges)] if edges else ([], [], [], []))
    expected.add_edges_from(edges)
    assert _same_graph(graph, expected)


def test_records_leave_out_none_and_nan_only() -> None:
    values = [None, math.nan, np.float64("nan"), 0.0, "", pd.NA, "x", (), dt.datetime(2024, 1, 1)]
    frame = pd.DataFrame({"a": pd.Series(values, dtype=object), "b": pd.Series(list(reversed(values)), dtype=object)})
    expected = [{name: value for name, value in zip(("a", "b"), row) if model._present(value)}
                for row in zip(values, reversed(values))]
    records = model._records(frame, ["a", "b"])
    assert records == expected and [list(record) for record in records] == [list(record) for record in expected]
    assert model._records(frame, []) == [{}] * len(values)
    typed = pd.DataFrame({"i": [1, 2, 3], "f": [0.5, math.nan, -0.0], "b": [True, False, True],
                          "s": pd.Series(["x", None, "z"], dtype="str"), "n": pd.Series([1, None, 3], dtype="Int64"),
                          "g": pd.Series([0.5, None, 1.0], dtype="Float64"), "o": pd.Series([None, 1, "a"], dtype=object)})
    names = list(typed.columns)
    expected = [{name: value for name, value in zip(names, row) if model._present(value)}
                for row in zip(*(typed[name].tolist() for name in names))]
    assert model._records(typed, names) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([None, 0.0, -0.0, 1, 1.0, True, "1", "007", "#N/A", " x ", 2.5, "2,5", math.nan,
                                 dt.datetime(2024, 1, 1), 2**60]), min_size=1, max_size=12))
def test_an_extra_column_is_typed_as_it_was_cell_by_cell(values: list[Any]) -> None:
    from landscape.schema.tables import _typed_extra, interpret

    raw = RawTable(file=Path("t.xlsx"), sheet="People", header=("id", "extra"),
                   rows=[(f"P{n}", value) for n, value in enumerate(values)])
    table, issues = interpret(raw, table_schemas()["participants"])
    expected = _typed_extra([None if isinstance(value, str) and value.strip() == "#N/A" else value for value in values])
    assert all(map(_same, table.frame["extra"].tolist(), expected))
    assert [issue.row for issue in issues if issue.code == "excel-error"] == \
        [n + 2 for n, value in enumerate(values) if value == "#N/A"]


def test_the_corpus_reads_the_same_by_column_as_row_by_row_would_have_read_it() -> None:
    """Every cell of every table of the test corpus, cleaned, as cleaning row by row gives it."""
    for path in sorted(DATA.iterdir()):
        if path.suffix not in (".xlsx", "") or path.name.startswith(("__", "zip", "fuzz", "billion")):
            continue
        try:
            tables = read_tables(path)
        except Exception:  # noqa: BLE001 - the unreadable ones are tested elsewhere
            continue
        for table in (tables.participants, tables.relationships):
            raw = table.raw
            again, _ = _clean_by_row(raw.rows)
            assert all(map(_same, again, raw.rows)), path.name


def test_equal_cells_share_one_value_once_read() -> None:
    table = [(f"P{n % 7}", random.choice(["advice", "trust"])) for n in range(200)]
    cleaned, _ = clean_rows([tuple(text[:] + "" for text in row) for row in table], 2, readers._clean_cell, [])
    assert len({id(row[0]) for row in cleaned}) == 7
    assert list(itertools.chain(*cleaned)) == list(itertools.chain(*table))

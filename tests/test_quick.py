"""The quick check of a cell (landscape.schema.quick) gives jsonschema's answer, on tricky values.

Reading asks the quick check derived from a column's schema first and jsonschema only where the
quick check cannot tell; these tests hold the two to the same answer for every column of the
contract, on the values spreadsheets hold (numbers as text, 7.0, booleans, blanks, Excel errors,
unicode, dates...), both as cells read through FieldReader and as typed values judged directly,
so that the quick path cannot silently diverge from the rules in schemas/.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from landscape.schema.cells import FieldReader
from landscape.schema.contract import table_schemas
from landscape.schema.quick import quick_check

FIELDS = [(table, name, field) for table, schema in table_schemas().items() for name, field in schema.fields.items()]
IDS = [f"{table}.{name}" for table, name, _ in FIELDS]

#: Cells as the readers give them: CSV text, Excel numbers, booleans, dates, errors, unicode.
CELLS: list[Any] = [
    "", " ", "\u00a0", "7", "007", "7.0", "7.5", "-7", "+7", "0", "-0", "0.0", "-0.0", "1e3", "1E-3", ".5", "5.",
    "0,5", "1,000", "1_000", "inf", "-inf", "nan", "NaN", "Infinity", "25%", "150%", "-5%", "%", "10", "10.0", "11",
    "1000000000", "1000000001", "1e9", "1e10", "9" * 30, "\u0661\u0662", "\uff17", "TRUE", "FALSE", "true", "yes",
    "Yes", " YES ", "no", "No ", "maybe", "directed", "Directed", "undirected", "mutual", "Mutual ", "learning",
    "Formal", "negative", "leadership", "other", "otherwise", "#N/A", "#REF!", " #DIV/0! ", "#VALUE!", "a;b", "a; ;b",
    ";", "|", "a|b", " ; | ", "Ana Lima", "Ana\u00a0Lima", "Cafe\u0301", "Caf\u00e9", "\u0130stanbul", "Stra\u00dfe",
    "P\u200b1", "\u200b", "\ufeff", "\u00ad", "Reports To", "reports\u2011to", "co\u00adwork", "x" * 300,
    "\U0001f600", "a\nb", "\t", "voices", "power", "boundaries", "scale", "leadership", "value", "1-2", "3/4",
    0, 1, -1, 7, 10, 11, 2**53, 2**53 + 1, 10**16, -(10**16), 1000000000, 1000000001,
    0.0, -0.0, 0.5, 7.0, 7.5, -7.5, 10.0, 10.5, 1e9, 1e9 + 0.5, 1e300, math.inf, -math.inf, math.nan,
    True, False,
    dt.datetime(2024, 3, 4), dt.datetime(2024, 3, 4, 12, 30), dt.date(2024, 3, 4), dt.time(9, 30),
]

#: Typed values as the coercions give them, and as nothing gives them yet.
VALUES: list[Any] = [
    *[cell for cell in CELLS if not isinstance(cell, (dt.date, dt.time))],
    [], [""], ["a"], ["a", ""], ["a", "b"], [1], ["a", 1], [True], [None], [["a"]], [math.nan],
    None, {}, {"a": 1}, ("a",), b"a", 1j, dt.date(2024, 3, 4),
]


@pytest.mark.parametrize(("table", "name", "field"), FIELDS, ids=IDS)
def test_every_column_has_a_quick_check(table: str, name: str, field: Any) -> None:
    """The contract's columns use only keywords the quick check knows: none is left to jsonschema."""
    assert quick_check(field.schema) is not None


@pytest.mark.parametrize(("table", "name", "field"), FIELDS, ids=IDS)
def test_reading_a_cell_agrees_with_jsonschema(table: str, name: str, field: Any) -> None:
    quick, slow = FieldReader(field), FieldReader(field, quick=False)
    for cell in CELLS:
        assert _same(quick.read(cell), slow.read(cell)), (table, name, cell)


@pytest.mark.parametrize(("table", "name", "field"), FIELDS, ids=IDS)
def test_the_quick_check_agrees_with_jsonschema_or_asks_it(table: str, name: str, field: Any) -> None:
    check, validator = quick_check(field.schema), Draft202012Validator(dict(field.schema))
    for value in VALUES:
        verdict = check(value)
        assert verdict is None or verdict == validator.is_valid(value), (table, name, value)
        if type(value) in (str, int, float, bool):
            assert verdict is not None, (table, name, value)  # the plain types never need jsonschema


@pytest.mark.parametrize(("table", "name", "field"), FIELDS, ids=IDS)
def test_judging_a_column_at_once_is_judging_each_value(table: str, name: str, field: Any) -> None:
    check = quick_check(field.schema)
    for values in ([value for value in VALUES if isinstance(value, str)], VALUES, []):
        assert check.all(values) == [check(value) for value in values], (table, name)


@given(st.lists(st.text(max_size=5), max_size=8))
def test_judging_text_at_once_is_judging_each_text(values: list[str]) -> None:
    for schema in ({"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-z]"}, {"enum": ["a", "b"]},
                   {"type": "number"}, {"type": "string", "enum": ["", "x"]}):
        check = quick_check(schema)
        assert check.all(values) == [check(value) for value in values]


@pytest.mark.parametrize("schema", [
    {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-z]"},
    {"type": "integer", "minimum": -1, "exclusiveMaximum": 5},
    {"type": "number", "exclusiveMinimum": 0.5, "maximum": 1e9},
    {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
    {"enum": ["yes", "no"]},
    {"minimum": 3},
    {"type": "array", "items": {"type": "integer", "minimum": 1}},
])
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda children: st.lists(children, max_size=3), max_leaves=6))
def test_schemas_the_contract_may_grow_into_agree_with_jsonschema(schema: dict[str, Any], value: Any) -> None:
    verdict = quick_check(schema)(value)
    assert verdict is None or verdict == Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize("schema", [
    {"type": ["string", "null"]}, {"type": "object"}, {"type": "string", "anyOf": [{"minLength": 1}]},
    {"const": "a"}, {"$ref": "#/$defs/x"}, {"type": "string", "format": "date"}, {"enum": ["a", 1]},
    {"type": "array", "items": {"anyOf": []}}, {"type": "array", "prefixItems": [{}]}, {"type": "string", "minLength": 1.0},
    {"type": "number", "minimum": True}, {"type": "string", "pattern": "("},
])
def test_keywords_the_quick_check_does_not_know_leave_the_schema_to_jsonschema(schema: dict[str, Any]) -> None:
    assert quick_check(schema) is None


def _same(one: tuple[Any, bool], two: tuple[Any, bool]) -> bool:
    """Equal results, NaN equal to itself and types compared too (7 is not 7.0, nor True 1)."""
    (a, ok_a), (b, ok_b) = one, two
    if ok_a != ok_b or type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b

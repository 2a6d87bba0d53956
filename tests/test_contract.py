"""The data contract: the schema files themselves, and how cells are read against them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from landscape.schema import load_schema, normalise_header, table_schemas
from landscape.schema.cells import FieldReader, text_of
from landscape.schema.contract import SCHEMA_NAMES

REPO = Path(__file__).resolve().parents[1]
KNOWN_ANNOTATIONS = {"x-table", "x-aliases", "x-expected", "x-separators", "x-normalise", "x-default-from",
                     "x-built-in-kinds",
                     "x-column-fallback", "x-percent", "x-any-of-expected"}


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_schema_is_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


def test_shipped_schemas_are_the_files_in_the_repository() -> None:
    files = sorted(path.name for path in (REPO / "schemas").glob("*.schema.json"))
    assert files == sorted(f"{name}.schema.json" for name in SCHEMA_NAMES)
    for name in SCHEMA_NAMES:
        assert load_schema(name) == json.loads((REPO / "schemas" / f"{name}.schema.json").read_text("utf-8"))


def _annotations(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("x-"):
                found.add(key)
            found |= _annotations(value)
    elif isinstance(node, list):
        for item in node:
            found |= _annotations(item)
    return found


def test_only_documented_annotations_are_used() -> None:
    used = set().union(*(_annotations(load_schema(name)) for name in SCHEMA_NAMES))
    assert used <= KNOWN_ANNOTATIONS


@pytest.mark.parametrize("table", ["participants", "relationships", "voices", "communities", "story"])
def test_no_header_means_two_fields(table: str) -> None:
    schema = table_schemas()[table]
    seen: dict[str, str] = {}
    for field in schema.fields.values():
        for header in (normalise_header(field.name), *field.aliases):
            assert seen.setdefault(header, field.name) == field.name, header
    sheet_names = [name for other in table_schemas().values() for name in other.sheet_names]
    assert len(sheet_names) == len(set(sheet_names))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ID", "id"), ("  Stakeholder  Group ", "stakeholder_group"), ("Organization", "organization"),
     ("boundary-object", "boundary_object"), ("Ｎａｍｅ", "name"), ("Level (1-5)", "level_1_5")],
)
def test_normalise_header(text: str, expected: str) -> None:
    assert normalise_header(text) == expected


def _reader(table: str, field: str) -> FieldReader:
    return FieldReader(table_schemas()[table].fields[field])


@pytest.mark.parametrize(
    ("table", "field", "raw", "value", "ok"),
    [
        ("participants", "id", 7, "7", True),
        ("participants", "id", 7.0, "7", True),
        ("participants", "id", "007", "007", True),
        ("participants", "id", " P\u00a01 ", "P\u00a01", True),
        ("participants", "level", "3", 3, True),
        ("participants", "level", "3.0", 3, True),
        ("participants", "level", 2.5, 2.5, False),
        ("participants", "level", True, True, False),
        ("participants", "influence", "10", 10, True),
        ("participants", "influence", "10.5", 10.5, False),
        ("participants", "community", "A; B ;;C", ("A", "B", "C"), True),
        ("participants", "community", "A|B", ("A", "B"), True),
        ("relationships", "type", " Reports to ", "reports_to", True),
        ("relationships", "type", "Co-Teaching", "co_teaching", True),
        ("relationships", "direction", "Undirected", "undirected", True),
        ("relationships", "direction", "both", "both", False),
        ("relationships", "weight", "0.5", 0.5, True),
        ("relationships", "weight", 0, 0, False),
        ("relationships", "weight", "nan", "nan", False),
        ("relationships", "wave", 2024, "2024", True),
        ("voices", "expected_share", "25%", 0.25, True),
        ("voices", "expected_share", 0.25, 0.25, True),
        ("voices", "expected", "-1", -1, False),
    ],
)
def test_cells_are_coerced_to_the_schema_type_then_judged_by_the_schema(table, field, raw, value, ok) -> None:
    got, accepted = _reader(table, field).read(raw)
    assert (got, accepted) == (value, ok)
    assert type(got) is type(value)


def test_text_of_whole_floats_dates_and_unicode_forms() -> None:
    import datetime as dt

    assert text_of(12.0) == "12"
    assert text_of(dt.datetime(2024, 5, 1)) == "2024-05-01"
    assert text_of(dt.datetime(2024, 5, 1, 9, 30)) == "2024-05-01T09:30:00"
    assert text_of("Jose\u0301") == text_of("Jos\u00e9") == "Jos\u00e9"

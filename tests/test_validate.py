"""Validation: every problem of every broken input in tests/data, with its exact location and code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from landscape.errors import SheetNotFound
from landscape.schema import Severity, load_schema, validate
from tests.conftest import DATA, PEOPLE, TIES

P, R, V = "participants.csv", "relationships.csv", "voices.csv"

# One broken input per defect: the exact (sheet or file, row, column, code) the report must list.
EXPECTED = {
    "missing-id-column": [(P, 1, "id", "missing-column")],
    "blank-id": [(P, 5, "id", "missing-value")],
    "duplicate-id": [(P, 5, "id", "duplicate-id")],
    "unknown-participant": [(R, 5, "target", "unknown-participant")],
    "ambiguous-name": [(R, 5, "source", "ambiguous-participant")],
    "names-as-endpoints": [(R, None, "source", "matched-by-name"), (R, None, "target", "matched-by-name")],
    "bad-weight": [(R, 2, "weight", "invalid-value"), (R, 3, "weight", "invalid-value"),
                   (R, 4, "weight", "invalid-value")],
    "level-not-integer": [(P, 2, "level", "invalid-value"), (P, 3, "level", "invalid-value")],
    "influence-out-of-range": [(P, 2, "influence", "invalid-value"), (P, 3, "influence", "invalid-value")],
    "self-tie": [(R, 5, "source", "self-tie")],
    "duplicate-relationship": [(R, 5, None, "duplicate-relationship")],
    "blank-rows": [(P, 3, None, "blank-rows"), (R, 3, None, "blank-rows")],
    "duplicate-column": [(P, 1, "name", "duplicate-column")],
    "unnamed-column": [(P, 1, "F", "unnamed-column")],
    "bad-direction": [(R, 2, "direction", "invalid-value")],
    "voices-defects": [(V, 3, None, "missing-value"), (V, 4, "expected_share", "invalid-value"),
                       (V, 5, "stakeholder_group", "duplicate-id")],
    "undeclared-community": [(P, 3, "community", "undeclared-community")],
    "no-relationship-rows": [(R, 2, None, "no-rows")],
    "no-participant-rows": [(P, 2, None, "no-rows"), (R, 2, None, "no-rows")],
    "gephi-headers": [],
    "synonym-headers": [],
    "utf16-csv": [],
    "semicolon-bom-csv": [],
    "kumu-export.xlsx": [],
    "excel-number-ids.xlsx": [("Relationships", 4, "source", "self-tie")],
    "unrecognised-sheet.xlsx": [("Sheet2", None, None, "unrecognised-sheet")],
    "duplicate-sheet.xlsx": [("People", None, None, "duplicate-sheet")],
    "typed-cells.xlsx": [("Participants", 4, "level", "invalid-value")],
}
ERRORS = {"missing-column", "missing-value", "duplicate-id", "unknown-participant", "ambiguous-participant",
          "invalid-value", "duplicate-column", "duplicate-sheet"}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_defect_is_reported_exactly(case: str) -> None:
    report = validate(DATA / case)
    assert report.flat() == EXPECTED[case]
    for issue in report.issues:
        assert (issue.severity is Severity.ERROR) == (issue.code in ERRORS or (
            issue.code == "no-rows" and issue.table == "participants"))
        assert issue.file and issue.file.startswith(str(DATA / case))
        assert issue.message.startswith("expected ")
        assert "(got " in issue.message
    assert report.valid == (not report.errors)


def test_every_corpus_entry_has_an_expectation_or_a_reader_test() -> None:
    unreadable = {"password-protected.xlsx", "legacy-xls-renamed.xlsx", "ods-renamed.xlsx", "truncated.xlsx",
                  "not-a-workbook.xlsx", "latin1-csv", "empty-workbook.xlsx", "missing-relationships-table"}
    entries = {path.name for path in DATA.iterdir() if path.name != "build_corpus.py" and not path.name.startswith("_")}
    assert entries == set(EXPECTED) | unreadable


def test_report_json_follows_its_schema_for_every_case() -> None:
    validator = jsonschema.Draft202012Validator(load_schema("validation-report"))
    for case in EXPECTED:
        document = json.loads(json.dumps(validate(DATA / case).to_dict()))
        validator.validate(document)


def test_messages_name_what_was_expected_and_what_was_found() -> None:
    [issue] = validate(DATA / "unknown-participant").issues
    assert str(issue) == (
        f"{DATA / 'unknown-participant' / 'relationships.csv'}, row 5, column target: expected the id of "
        "a row in participants.csv (got 'P-03', which is not there); did you mean P-003 (Chen Wei)?"
    )
    [weight, *_] = validate(DATA / "bad-weight").issues
    assert weight.message == "expected a positive number (got 'high')"
    assert weight.value == "high"
    [duplicate] = validate(DATA / "duplicate-id").issues
    assert duplicate.message == "expected a unique id (got 'P-002', already in row 3)"
    [ambiguous] = validate(DATA / "ambiguous-name").issues
    assert "P-001 (row 2), P-004 (row 5)" in ambiguous.message


def test_missing_participants_or_relationships_table_stops_with_a_clear_error() -> None:
    with pytest.raises(SheetNotFound, match="expected a relationships table") as caught:
        validate(DATA / "missing-relationships-table")
    assert "got 'participants.csv'" in str(caught.value)
    with pytest.raises(SheetNotFound, match="got 'Sheet1'"):
        validate(DATA / "empty-workbook.xlsx")


def test_every_problem_in_every_table_is_collected_at_once(csv_input: Callable[..., Path]) -> None:
    people = [*PEOPLE, ["A", "Again", "", "", "", "high"], ["", "Nobody", "", "", "", ""]]
    ties = [*TIES, ["A", "Zed", "advice", "-2", "sideways", ""]]
    voices = [["stakeholder_group", "expected_share"], ["patients", "2"]]
    report = validate(csv_input(participants=people, relationships=ties, voices=voices))
    assert report.flat() == [
        (P, 6, "level", "invalid-value"),
        (P, 6, "id", "duplicate-id"),
        (P, 7, "id", "missing-value"),
        (R, 7, "weight", "invalid-value"),
        (R, 7, "direction", "invalid-value"),
        (R, 7, "target", "unknown-participant"),
        (V, 2, "expected_share", "invalid-value"),
    ]


def test_explicit_table_paths_override_and_need_no_folder(csv_input: Callable[..., Path]) -> None:
    folder = csv_input(participants=PEOPLE, relationships=TIES)
    other = csv_input(ties=[["from", "to"], ["A", "C"]])
    report = validate(folder, relationships=other / "ties.csv")
    assert report.relationships == 1
    alone = validate(participants=folder / "participants.csv", relationships=folder / "relationships.csv")
    assert alone.valid and alone.relationships == 5


def test_explicit_table_may_be_a_one_sheet_workbook(workbook_input: Callable[..., Path], csv_input) -> None:
    book = workbook_input({"Data": PEOPLE})
    folder = csv_input(relationships=TIES)
    report = validate(participants=book, relationships=folder / "relationships.csv")
    assert report.valid and report.participants == 4
    two = workbook_input({"One": PEOPLE, "Two": PEOPLE})
    with pytest.raises(SheetNotFound, match="expected a sheet named participants"):
        validate(participants=two, relationships=folder / "relationships.csv")


def test_header_mapping_is_reported(csv_input: Callable[..., Path]) -> None:
    report = validate(DATA / "synonym-headers")
    columns = {info.table: dict(info.columns) for info in report.tables}
    assert columns["participants"] == {"Participant ID": "id", "Full Name": "name", "Organization": "organisation",
                                       "Stakeholder Group": "stakeholder_group", "Communities": "community"}
    assert columns["relationships"] == {"From": "source", "To": "target", "Relation": "type", "Strength": "weight"}


def test_exact_header_wins_over_a_synonym(csv_input: Callable[..., Path]) -> None:
    folder = csv_input(participants=[["id", "Organisation", "Organization"], ["A", "Northgate", "NGU"]],
                       relationships=[["source", "target"], ["A", "A"]])
    report = validate(folder)
    participants = report.tables[0]
    assert dict(participants.columns) == {"id": "id", "Organisation": "organisation", "Organization": "organization"}


def test_blank_cells_in_optional_columns_are_not_problems(csv_input: Callable[..., Path]) -> None:
    people = [["id", "name", "level", "influence", "community"], ["A", "", "", "", ""], ["B", "Ben", "2", "", ";"]]
    report = validate(csv_input(participants=people, relationships=[["source", "target"], ["A", "B"]]))
    assert report.issues == ()

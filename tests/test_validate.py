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
    "group-spelling": [(P, 5, "community", "group-spelling"), (P, 5, "stakeholder_group", "group-spelling")],
    "no-relationship-rows": [(R, 2, None, "no-rows")],
    "no-participant-rows": [(P, 2, None, "no-rows"), (R, 2, None, "no-rows")],
    "gephi-headers": [],
    "synonym-headers": [],
    "utf16-csv": [],
    "semicolon-bom-csv": [],
    # Kumu's "member" is a type of its own: warned about, and not measured until declared.
    "kumu-export.xlsx": [("Connections", 3, "Type", "unknown-relation-type")],
    "excel-number-ids.xlsx": [("Relationships", 4, "source", "self-tie")],
    "unrecognised-sheet.xlsx": [("Sheet2", None, None, "unrecognised-sheet")],
    "duplicate-sheet.xlsx": [("People", None, None, "duplicate-sheet")],
    "typed-cells.xlsx": [("Participants", 4, "level", "invalid-value")],
    # Awkward inputs that read, each with what the report must say.
    "latin1-csv": [(P, 2, None, "not-utf8")],
    "empty-participants-sheet.xlsx": [("Participants", 1, "id", "missing-column"), ("Participants", 2, None, "no-rows")],
    "title-above-header.xlsx": [("Participants", 3, None, "header-not-in-row-1")],
    "merged-header.xlsx": [("Participants", 1, "B", "merged-header")],
    "formulas-not-calculated.xlsx": [("Participants", 2, "level", "formula-not-calculated")],
    "formulas-calculated.xlsx": [("Participants", 2, "level", "formulas")],
    "dates-in-number-columns.xlsx": [("Participants", 2, "level", "invalid-value"),
                                     ("Relationships", 2, "weight", "invalid-value")],
    "ids-as-dates.xlsx": [("Participants", 2, "id", "date-as-id"), ("Relationships", 2, "source", "date-as-id"),
                          ("Relationships", 3, "target", "date-as-id")],
    "spaces-in-ids.xlsx": [],
    "huge-cell.xlsx": [("Participants", 2, "name", "cell-too-long")],
    "empty-rows-100k.xlsx": [],  # 100,000 rows that hold only formatting are not rows
    "hostile-sheet-name.xlsx": [("<img src=x onerror=alert(1)>", None, None, "unrecognised-sheet")],
    "leading-zero-ids": [(R, 3, "source", "unknown-participant")],
    "unicode-normal-forms": [(R, None, "target", "matched-by-name")],
    "mixed-case-types": [],
    # Each hostile string is a relationship type nobody declared: quoted (escaped) in a warning.
    "hostile-content": [(R, row, "type", "unknown-relation-type") for row in range(2, 9)],
    # Issue 21: read wrongly without a word before; see tests/test_reading_round2.py for the messages.
    "participants-csv-and-tsv": [("participants.tsv", None, None, "duplicate-sheet")],
    "long-number-ids.xlsx": [("Participants", 2, "id", "long-number-id"), ("Relationships", 2, "source", "long-number-id"),
                             ("Relationships", 3, "target", "long-number-id")],
    "hidden-sheet.xlsx": [("Relationships", None, None, "hidden-sheet")],
    "very-hidden-sheet.xlsx": [("Participants", None, None, "hidden-sheet")],
    "hidden-rows.xlsx": [("Participants", 3, None, "hidden-rows")],
    "rich-text-runs.xlsx": [],
    "undeclared-node.graphml": [("edges", 3, "target", "unknown-participant")],
    "undeclared-node.gexf": [("edges", 3, "source", "unknown-participant")],
    "undeclared-node.json": [("edges", 3, "target", "unknown-participant")],
}
ERRORS = {"missing-column", "missing-value", "duplicate-id", "unknown-participant", "ambiguous-participant",
          "invalid-value", "duplicate-column", "duplicate-sheet", "cell-too-long", "formula-not-calculated"}


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
                  "not-a-workbook.xlsx", "empty-workbook.xlsx", "missing-relationships-table", "numbers-renamed.xlsx",
                  "billion-laughs.xlsx", "zip-bomb.xlsx", "unclosed-quote-csv", "binary-csv", "not-windows-1252-csv",
                  "fuzz-row-past-excel-limit.xlsx", "fuzz-zip-unknown-compression.xlsx", "fuzz-zip-bad-name.xlsx",
                  "fuzz-zip-version-too-new.xlsx", "zip-bad-deflate.xlsx", "zip-encrypted-part.xlsx",
                  "duplicate-row-number.xlsx", "rows-out-of-order.xlsx", *(path.name for path in DATA.glob("json-*.json"))}
    entries = {path.name for path in DATA.iterdir()
               if path.name not in ("build_corpus.py", "reference", "__pycache__") and not path.name.startswith("_")}
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
    assert weight.message == "expected a positive number up to 1,000,000,000 (got 'high')"
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



# Found in review: inputs that once slipped through, each with its exact report.

def test_excel_error_values_are_errors_wherever_they_are(workbook_input) -> None:
    book = workbook_input({
        "Participants": [["id", "name", "score"], ["#N/A", "Ana", 1], ["P2", "#REF!", "#DIV/0!"]],
        "Relationships": [["source", "target", "weight"], ["P2", "P2", "#VALUE!"]],
    })
    report = validate(book)
    assert report.flat() == [("Participants", 2, "id", "excel-error"), ("Participants", 3, "name", "excel-error"),
                             ("Participants", 3, "score", "excel-error"), ("Relationships", 2, "weight", "excel-error"),
                             ("Relationships", 2, "source", "self-tie")]
    assert report.issues[0].message == ("expected a unique, non-blank identifier (got #N/A, Excel's mark of a formula "
                                        "that failed); fix the formula or type the value")


def test_numbers_are_written_the_spreadsheet_way(csv_input) -> None:
    people = [["id", "level", "extra"], ["A", "1_000", "1_000"], ["B", "\u0663", "\u0663"]]
    ties = [["source", "target", "weight"], ["A", "B", "0,5"], ["B", "A", "inf"]]
    report = validate(csv_input(participants=people, relationships=ties))
    assert report.flat() == [(P, 2, "level", "invalid-value"), (P, 3, "level", "invalid-value"),
                             (R, 2, "weight", "invalid-value"), (R, 3, "weight", "invalid-value")]
    assert report.issues[2].message.endswith("(got '0,5'); write decimals with a point, as in 0.5")
    from landscape import load as load_landscape

    land_people = [["id", "extra", "huge"], ["A", "1_000", "9" * 400], ["B", "12", "1"]]
    graph = load_landscape(csv_input(participants=land_people, relationships=[["source", "target"], ["A", "B"]])).graph
    assert graph.nodes["A"]["extra"] == "1_000" and graph.nodes["B"]["extra"] == "12"  # a text column
    assert graph.nodes["A"]["huge"] == "9" * 400  # too large to be a number exactly: kept as text


def test_different_rows_with_the_same_bad_values_are_not_duplicates(csv_input) -> None:
    ties = [["source", "target", "weight"], ["X1", "P2", "1"], ["X2", "P2", "1"], ["A", "B", "inf"], ["A", "B", "nan"],
            ["A", "B", "2"], ["A", "B", "2.0"]]
    report = validate(csv_input(participants=[["id"], ["A"], ["B"], ["P2"]], relationships=ties))
    assert [code for *_, code in report.flat()] == ["unknown-participant", "unknown-participant", "invalid-value",
                                                    "invalid-value"]


def test_an_empty_communities_sheet_is_as_if_absent(csv_input) -> None:
    report = validate(csv_input(participants=[["id", "community"], ["A", "X;Y"]], relationships=[["source", "target"]],
                                communities=[["community", "parent"]]))
    assert [code for *_, code in report.flat()] == ["no-rows"]


def test_headers_in_any_script_and_in_camel_case(csv_input) -> None:
    people = [["ParticipantID", "StakeholderGroup", "Région", "Имя", "名前"], ["A", "nurses", "Nord", "Аня", "花子"]]
    report = validate(csv_input(participants=people, relationships=[["source", "target"]]))
    assert dict(report.tables[0].columns) == {"ParticipantID": "id", "StakeholderGroup": "stakeholder_group",
                                              "Région": "région", "Имя": "имя", "名前": "名前"}
    assert [code for *_, code in report.flat()] == ["no-rows"]


def test_a_second_matching_sheet_in_an_explicit_workbook_is_reported(workbook_input, csv_input) -> None:
    book = workbook_input({"Participants": [["id"], ["P1"], ["P2"]], "People": [["id"], ["P3"]]})
    ties = csv_input(relationships=[["source", "target"], ["P1", "P2"]]) / "relationships.csv"
    report = validate(participants=book, relationships=ties)
    assert report.flat() == [("People", None, None, "duplicate-sheet")]


def test_hidden_files_in_a_folder_are_not_tables(small_input: Path) -> None:
    (small_input / "._participants.csv").write_bytes(b"\x00\x05\x16\x07Mac OS X")
    assert validate(small_input).issues == ()


def test_excel_separator_line_and_tab_separated_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "participants.csv").write_text("sep=;\nid;name\nA;Ana\nB;\n", encoding="utf-8")
    (folder / "relationships.tsv").write_text("source\ttarget\tweight\nA\tB\tx\n", encoding="utf-8")
    report = validate(folder)
    assert report.flat() == [(R.replace(".csv", ".tsv"), 2, "weight", "invalid-value")]
    assert report.participants == 2


def test_a_folder_holding_a_workbook_says_so(tmp_path: Path, workbook_input) -> None:
    folder = tmp_path / "only-a-book"
    folder.mkdir()
    (folder / "landscape.xlsx").write_bytes(workbook_input({"Participants": [["id"]]}).read_bytes())
    with pytest.raises(SheetNotFound, match="The folder holds landscape.xlsx: give that workbook's path instead"):
        validate(folder)


def test_awkward_inputs_read_into_the_graph_their_authors_meant() -> None:
    from landscape import load

    spaces = load(DATA / "spaces-in-ids.xlsx").graph  # trailing, non-breaking and tab spaces around ids
    assert sorted((u, v) for u, v in spaces.edges()) == [("P-001", "P-002"), ("P-002", "P-003"), ("P-003", "P-001")]
    types = load(DATA / "mixed-case-types").graph
    assert sorted(d["type"] for *_, d in types.edges(data=True)) == ["advice", "advice", "advice", "reports_to"]
    forms = load(DATA / "unicode-normal-forms").graph  # NFD in the relationships, NFC in the participants
    assert sorted(forms.edges()) == [("B", "José"), ("José", "B")]
    dates = load(DATA / "ids-as-dates.xlsx").graph
    assert sorted(dates.edges()) == [("1-3", "2024-01-02"), ("2024-01-02", "1-3")]
    title = load(DATA / "title-above-header.xlsx")
    assert sorted(title.graph.nodes) == ["P-001", "P-002", "P-003"]
    assert title.participants["_row"].tolist() == [4, 5, 6]  # the rows the spreadsheet shows, below the title
    [issue] = title.report.issues
    assert "'Clinical simulation partnership: who takes part'" in issue.message
    merged = load(DATA / "merged-header.xlsx").graph
    assert merged.nodes["P-001"]["column_b"] == "Ana Lima"
    formulas = load(DATA / "formulas-calculated.xlsx").graph
    assert formulas.nodes["P-001"]["level"] == 3
    [zero] = validate(DATA / "leading-zero-ids").issues
    assert "did you mean 007 (Ana Lima)?" in zero.message
    assert load(DATA / "empty-rows-100k.xlsx").graph.number_of_nodes() == 3

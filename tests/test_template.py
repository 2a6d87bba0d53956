"""The blank workbook: the contract's sheets and headers, Excel's own checks, and clean once filled."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from landscape import OutputNotWritable, validate, write_template
from landscape.schema import table_schemas


def test_template_has_every_table_with_the_contracts_headers(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "t.xlsx"))
    assert book.sheetnames == ["Instructions", "Participants", "Relationships", "Voices", "Communities",
                               "Relation types", "Story", "Stories"]
    for name, schema in table_schemas().items():
        sheet = book[schema.schema["title"]]
        assert [cell.value for cell in sheet[1]] == list(schema.fields)
        assert sheet.freeze_panes == "A2"
    instructions = " ".join(str(cell.value) for row in book["Instructions"].iter_rows() for cell in row if cell.value)
    assert "landscape validate" in instructions and "stakeholder_group" in instructions


def _rules(sheet) -> dict[str, tuple]:
    rules = {}
    for validation in sheet.data_validations.dataValidation:
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        header = sheet[f"{letter}1"].value
        rules[header] = (validation.type, validation.operator, validation.formula1, validation.formula2,
                         validation.errorStyle)
    return rules


def test_excel_checks_what_the_schema_checks(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "t.xlsx"))
    assert _rules(book["Participants"]) == {
        "level": ("whole", "between", "-1000000", "1000000", "stop"),
        "influence": ("decimal", "between", "0", "10", "stop"),
        "consent": ("list", None, '"yes,no"', None, "stop"),
        "responded": ("list", None, '"yes,no"', None, "stop"),
    }
    assert _rules(book["Relationships"]) == {
        "type": ("list", None, '"advice,collaboration,information,reports_to,tie"', None, "warning"),
        "weight": ("decimal", "greaterThan", "0", None, "stop"),
        "direction": ("list", None, '"directed,undirected,mutual"', None, "stop"),
    }
    assert _rules(book["Voices"]) == {
        "expected": ("whole", "greaterThanOrEqual", "0", None, "stop"),
        "expected_share": ("decimal", "between", "0", "1", "stop"),
    }


def test_filled_in_template_validates_clean(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    blank = validate(path)
    assert [issue.code for issue in blank.errors] == ["no-rows"]  # an empty template says what is missing
    book = load_workbook(path)
    book["Participants"].append(["P1", "Ana Lima", "Nursing;Simulation", "Northgate", "nursing faculty", "Lecturer",
                                 3, "organisation", 7.5, "Northgate campus", "lead|faculty"])
    book["Participants"].append(["P2", "Ben Okafor", "Simulation", "Northgate", "technicians", None, 2])
    book["Relationships"].append(["P1", "P2", "advice", 2, "Scenario library", "2026", "directed", None])
    book["Relationships"].append(["P2", "P1", "collaboration", 1.5, None, None, "undirected"])
    book["Voices"].append(["patients", 3, None, "They are who care is for."])
    book["Voices"].append(["technicians", None, 0.1])
    book["Communities"].append(["Nursing", "Northgate", "organisation", "Nursing faculty"])
    book["Communities"].append(["Simulation", "Partnership", "region"])
    book.save(path)
    report = validate(path)
    assert report.issues == ()
    assert (report.participants, report.relationships) == (2, 2)


def test_template_path_must_be_xlsx_in_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputNotWritable, match="ending in .xlsx"):
        write_template(tmp_path / "t.csv")
    with pytest.raises(OutputNotWritable, match="no such folder"):
        write_template(tmp_path / "nope" / "t.xlsx")
    assert list(tmp_path.iterdir()) == []

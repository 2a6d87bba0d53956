"""Reading files: what each kind of file turns into, and clear errors for what cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from landscape.errors import UnreadableFile
from landscape.io import file_kind, read_csv, read_input, read_workbook
from tests.conftest import DATA, write_workbook


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("password-protected.xlsx", "password-protected"),
        ("legacy-xls-renamed.xlsx", "old-style Excel .xls"),
        ("ods-renamed.xlsx", "OpenDocument spreadsheet"),
        ("truncated.xlsx", "damaged or incomplete"),
        ("not-a-workbook.xlsx", "expected an .xlsx workbook or a folder of CSV files"),
    ],
)
def test_unreadable_workbooks_say_what_they_are_and_what_to_do(name: str, words: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_input(DATA / name)
    message = str(caught.value)
    assert message.startswith(str(DATA / name) + ":")
    assert words in message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such file"):
        read_input(tmp_path / "nowhere.xlsx")


def test_latin1_csv_names_the_line_and_the_fix() -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_csv(DATA / "latin1-csv" / "participants.csv")
    assert "line 2" in str(caught.value)
    assert "byte 0xE9" in str(caught.value)
    assert "CSV UTF-8" in str(caught.value)


def test_utf16_and_bom_and_semicolons_read_the_same_as_plain_csv() -> None:
    plain = read_csv(DATA / "utf16-csv" / "relationships.csv")  # written as plain UTF-8
    utf16 = read_csv(DATA / "utf16-csv" / "participants.csv")
    semicolon = read_csv(DATA / "semicolon-bom-csv" / "participants.csv")
    assert plain.header == ("source", "target", "type", "weight")
    assert utf16.header == semicolon.header == ("id", "name", "community", "stakeholder_group", "level")
    assert utf16.rows == semicolon.rows
    assert utf16.rows[1] == ("P-002", "Ben Okafor", "Nursing;Simulation", "simulation technicians", "2")


def test_csv_with_nul_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_bytes(b"id,name\nA,Ana\x00\n")
    with pytest.raises(UnreadableFile, match="line 2: the file holds binary data"):
        read_csv(path)


def test_workbook_named_csv_is_recognised(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "people.xlsx", {"Participants": [["id"], ["A"]]})
    renamed = path.rename(tmp_path / "people.csv")
    with pytest.raises(UnreadableFile, match="Excel workbook with a .csv name"):
        read_csv(renamed)


def test_csv_cells_are_text_and_blank_cells_are_none(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,name,note\n007,  ,"a, b"\n', encoding="utf-8")
    table = read_csv(path)
    assert table.rows == [("007", None, "a, b")]
    assert table.first_row == 2
    assert table.where == "t.csv"


def test_workbook_cells_keep_their_types_and_trailing_blanks_are_dropped(tmp_path: Path) -> None:
    when = dt.datetime(2024, 3, 1)
    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id", "level", "joined"], [7, 2.5, when],
                                                                 [None, None, None], ["B", None, None]]})
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Participants"]["A20"] = None  # touch a far cell: a formatting-only row
    book["Participants"]["A20"].number_format = "0.00"
    book.save(path)
    table = read_workbook(path).tables["Participants"]
    assert table.header == ("id", "level", "joined")
    assert table.rows == [(7, 2.5, when), (), ("B",)]  # empty cells after a row's last value are not kept
    assert table.sheet == "Participants"


def test_read_input_reads_only_wanted_sheets_and_lists_the_rest(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id"]], "Scratch": [["x"]]})
    sources = read_input(path, want=lambda name: name == "Participants")
    assert list(sources.tables) == ["Participants"]
    assert sources.skipped == ("Scratch",)


def test_file_kind_tells_csv_from_workbook(tmp_path: Path) -> None:
    text = tmp_path / "a.xlsx"
    text.write_text("id\nA\n", encoding="utf-8")
    book = write_workbook(tmp_path / "b.csv", {"Participants": [["id"]]})
    assert file_kind(text) == "csv"
    assert file_kind(book) == "xlsx"



def _rewrite(path: Path, member: str, change) -> Path:
    import zipfile

    out = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == member else data)
    return out


def test_a_wrong_dimension_tag_loses_no_row_or_column(tmp_path: Path) -> None:
    import re

    rows = [["id", "name", "community"]] + [[f"P{i}", f"N{i}", "C"] for i in range(5)]
    path = write_workbook(tmp_path / "w.xlsx", {"Participants": rows})
    wrong = _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B3"', xml))
    table = read_workbook(wrong).tables["Participants"]
    assert table.header == ("id", "name", "community")
    assert [row[0] for row in table.rows] == [f"P{i}" for i in range(5)]
    assert all(len(row) == 3 for row in table.rows)


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml",
                                    "xl/_rels/workbook.xml.rels", "[Content_Types].xml"])
def test_damaged_parts_of_a_workbook_are_unreadable_not_a_crash(tmp_path: Path, member: str) -> None:
    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id"], ["P1"]]})
    damaged = _rewrite(path, member, lambda xml: xml[: len(xml) // 2])
    with pytest.raises(UnreadableFile, match="cannot be read"):
        read_workbook(damaged)


def test_a_formatted_far_cell_does_not_pad_every_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id"], ["P1"], ["P2"]]})
    book = load_workbook(path)
    book["Participants"]["XFD2"].font = Font(bold=True)
    book.save(path)
    table = read_workbook(path).tables["Participants"]
    assert table.rows == [("P1",), ("P2",)]


def test_very_long_csv_cells_are_read(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    long_name = "x" * 500_000
    path.write_text(f"id,name\nA,{long_name}\n", encoding="utf-8")
    assert read_csv(path).rows == [("A", long_name)]

"""Reading files: what each kind of file turns into, and clear errors for what cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from landscape.errors import UnreadableFile
from landscape import validate
from landscape.io import file_kind, read_csv, read_input, read_workbook
from tests.conftest import DATA, write_workbook
from landscape.io import sample_path


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("password-protected.xlsx", "password-protected"),
        ("legacy-xls-renamed.xlsx", "old-style Excel .xls"),
        ("ods-renamed.xlsx", "OpenDocument spreadsheet"),
        ("truncated.xlsx", "damaged or incomplete"),
        ("not-a-workbook.xlsx", "expected an .xlsx workbook or a folder of CSV files"),
        ("numbers-renamed.xlsx", "an Apple Numbers document"),
        ("billion-laughs.xlsx", "refused: the workbook's XML declares its own entities"),
        ("zip-bomb.xlsx", "refused: the part xl/worksheets/sheet1.xml would unpack from"),
        # found by tests/fuzz (fuzz-*) and made by hand beside them: zipfile's many ways of failing
        ("fuzz-row-past-excel-limit.xlsx", "has a row numbered 1,009,790,758,352, past row 1,048,576"),
        ("fuzz-zip-unknown-compression.xlsx", "damaged or incomplete"),
        ("fuzz-zip-bad-name.xlsx", "damaged or incomplete"),
        ("fuzz-zip-version-too-new.xlsx", "damaged or incomplete"),
        ("zip-bad-deflate.xlsx", "damaged or incomplete"),
        ("zip-encrypted-part.xlsx", "damaged or incomplete"),
    ],
)
def test_unreadable_workbooks_say_what_they_are_and_what_to_do(name: str, words: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_input(DATA / name)
    message = str(caught.value)
    assert message.startswith((str(DATA / name) + ":", str(DATA / name) + ", sheet "))
    assert words in message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such file"):
        read_input(tmp_path / "nowhere.xlsx")


def test_windows_1252_csv_is_read_and_the_report_shows_a_decoded_line() -> None:
    table = read_csv(DATA / "latin1-csv" / "participants.csv")
    assert table.rows[0] == ("P-001", "José Núñez")
    [note] = table.notes
    assert note.code == "not-utf8" and note.row == 2
    assert "byte 0xE9 on line 2" in note.message and "'P-001,José Núñez'" in note.message
    assert "CSV UTF-8" in note.message


@pytest.mark.parametrize(("case", "words"), [
    ("not-windows-1252-csv", "line 2: the file is neither UTF-8 nor Windows-1252 text (byte 0x81)"),
    ("unclosed-quote-csv", "line 2: the CSV cannot be parsed (unexpected end of data)"),
    ("binary-csv", "line 2: the file holds binary data (a NUL byte)"),
])
def test_csv_that_cannot_be_read_names_the_line(case: str, words: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_input(DATA / case)
    assert str(caught.value) == f"{DATA / case / 'participants.csv'}, {words}" + str(caught.value).split(words, 1)[1]


def test_the_bombs_are_refused_quickly_and_in_little_memory() -> None:
    import resource
    import time

    for case in ("billion-laughs.xlsx", "zip-bomb.xlsx"):
        start = time.perf_counter()
        with pytest.raises(UnreadableFile):
            read_input(DATA / case)
        assert time.perf_counter() - start < 5, case
    # the whole test process, which has read both, has stayed far below what either would unpack to
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_500_000  # kB


def test_archive_limits(tmp_path: Path) -> None:
    import zipfile

    from landscape.io import readers

    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/media/padding.bin", b"\0" * (readers.RATIO_FLOOR + 1))
    with pytest.raises(UnreadableFile, match=r"would unpack from .* to 100.0 MB \(\d[\d,]* times larger\)"):
        readers.check_archive(path)
    readers.check_archive(DATA / "huge-cell.xlsx")  # 50 MB of text at a ratio of 500 is below the floor: read


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


def test_workbook_cells_keep_their_types_and_formatting_is_not_a_row(tmp_path: Path) -> None:
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
    # empty cells after a row's last value are not kept; a blank row between rows is (the report
    # counts it); rows below the last value that hold only formatting (row 20 here) are not rows
    assert table.rows == [(7, 2.5, when), (), ("B",)]
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
    try:
        table = read_workbook(damaged).tables["Participants"]
    except UnreadableFile as exc:
        assert "cannot be read" in str(exc)
    else:  # calamine reads cells without needing that part: the cells must then be right
        assert member in ("xl/styles.xml", "[Content_Types].xml") and table.rows == [("P1",)]


def test_a_formatted_far_cell_does_not_pad_every_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id"], ["P1"], ["P2"]]})
    book = load_workbook(path)
    book["Participants"]["XFD2"].font = Font(bold=True)
    book.save(path)
    table = read_workbook(path).tables["Participants"]
    assert table.rows == [("P1",), ("P2",)]


def _xlsx_cases() -> list[Path]:
    from landscape.io import SAMPLES

    books = [sample_path(name) for name in SAMPLES if sample_path(name).suffix == ".xlsx"]
    return books + sorted(path for path in DATA.glob("*.xlsx"))


@pytest.mark.parametrize("path", _xlsx_cases(), ids=lambda path: path.name)
def test_calamine_and_openpyxl_give_the_same_report_and_graph(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from landscape import LandscapeError, load
    from landscape.io import readers
    from landscape.schema import validate

    def outcome() -> Any:
        try:
            report = validate(path)
        except LandscapeError as exc:
            return type(exc).__name__, str(exc).split(" (", 1)[0]
        # (calamine drops the trailing space of a 50 MB cell: the count in that one message differs by one)
        flat = [(i.table, i.sheet, i.row, i.column, i.code, i.message if i.code != "cell-too-long" else "")
                for i in report.issues]
        if not report.valid:
            return flat, report.participants, report.relationships
        graph = load(path).graph
        return flat, sorted(graph.nodes(data=True)), sorted((u, v, k, sorted(d.items())) for u, v, k, d in
                                                            graph.edges(keys=True, data=True))

    with_calamine = outcome()
    monkeypatch.setattr(readers, "_cells_calamine", lambda path, names: None)
    assert outcome() == with_calamine


def test_cells_up_to_excels_limit_are_read_and_longer_ones_reported(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    longest, too_long = "x" * 32_767, "y" * 500_000
    path.write_text(f"id,name\nA,{longest}\nB,{too_long}\n", encoding="utf-8")
    table = read_csv(path)
    assert table.rows == [("A", longest), ("B",)]
    [note] = table.notes
    assert (note.code, note.severity, note.row, note.column) == ("cell-too-long", "error", 3, 1)
    assert "got 500,000 characters, starting 'yyyy" in note.message


def test_csv_export_neutralises_formulas_and_reads_them_back(tmp_path: Path) -> None:
    from landscape.io.graphfiles import csv_text

    values = ["=1+2", "+3", "-4", "@SUM(A1)", "'=quoted", "''=twice", "'plain", "plain", "a=b"]
    path = tmp_path / "participants.csv"
    rows = [["id", "name"]] + [[f"P{i}", csv_text(value)] for i, value in enumerate(values)]
    import csv as _csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        _csv.writer(handle).writerows(rows)
    written = path.read_text("utf-8")
    assert "P0,'=1+2" in written and "P4,''=quoted" in written and "P6,'plain" in written
    assert [row[1] for row in read_csv(path).rows] == values


def _participant_at_row(tmp_path: Path, row: int) -> Path:
    """The clinical-simulation sample with one more participant, "x", at ``row`` of its sheet."""
    import zipfile

    book = tmp_path / f"row-{row}.xlsx"
    with zipfile.ZipFile(sample_path("clinical-simulation")) as source, \
            zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # the Participants sheet
                data = data.replace(b"</sheetData>", f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>x</t>'
                                    f'</is></c></row></sheetData>'.encode())
            target.writestr(item, data)
    return book


@pytest.mark.parametrize("row", [1_048_577, 2_000_000, 10_000_000])
def test_a_row_past_excel_last_row_is_refused(tmp_path: Path, row: int) -> None:
    """Rows 1,048,577 to 9,999,999 (seven digits, like Excel's own last rows) are refused too: read,
    such a row made a two-million-row table (7 s, 1.3 GB) and a participant Excel cannot hold."""
    with pytest.raises(UnreadableFile, match=f"has a row numbered {row:,}, past row 1,048,576"):
        validate(_participant_at_row(tmp_path, row))


def test_excel_last_row_is_a_row_like_any_other(tmp_path: Path) -> None:
    report = validate(_participant_at_row(tmp_path, 1_048_576))
    assert report.participants == 77 and [issue.code for issue in report.issues] == ["blank-rows"]


def _rewritten(source: Path, target: Path, edit: Any) -> Path:
    """A copy of a workbook with ``edit(name, data) -> (name, data)`` applied to every part."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            name, data = edit(item.filename, old.read(item.filename))
            new.writestr(name, data)
    return target


def _read(path: Path) -> dict[str, tuple[list[tuple[Any, ...]], list[str]]]:
    return {name: (table.rows, [note.code for note in table.notes]) for name, table in read_workbook(path).tables.items()}


@pytest.mark.parametrize("target", ["/xl/data/people.xml", "data/people.xml", "./data/people.xml",
                                    "../xl/data/people.xml"])
def test_a_worksheet_is_found_by_its_relationship_wherever_its_part_is(tmp_path: Path, target: str) -> None:
    """A worksheet's part may have any name and its relationship a relative target: the sheet is
    read with its formula notes and error cells, as in the workbook it was moved from."""
    source = DATA / "formulas-calculated.xlsx"

    def move(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "xl/worksheets/sheet1.xml":
            return "xl/data/people.xml", data
        if name == "xl/_rels/workbook.xml.rels":
            return name, data.replace(b'Target="/xl/worksheets/sheet1.xml"', f'Target="{target}"'.encode())
        return name, data.replace(b"/xl/worksheets/sheet1.xml", b"/xl/data/people.xml")

    moved = _rewritten(source, tmp_path / "moved.xlsx", move)
    assert _read(moved) == _read(source) and _read(source)["Participants"][1] == ["formulas"]


def test_chart_sheets_are_not_tables_on_either_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart

    from landscape.io import readers

    book = Workbook()
    people = book.active
    people.title = "Participants"
    for row in (["id", "name"], ["P1", "A"], ["P2", "B"]):
        people.append(row)
    ties = book.create_sheet("Relationships")
    for row in (["source", "target"], ["P1", "P2"]):
        ties.append(row)
    book.create_chartsheet("Chart1").add_chart(BarChart())
    book.save(tmp_path / "chart.xlsx")
    report = validate(tmp_path / "chart.xlsx")
    assert report.valid and report.issues == ()
    assert set(read_workbook(tmp_path / "chart.xlsx").tables) == {"Participants", "Relationships"}
    monkeypatch.setattr(readers, "_cells_calamine", lambda path, names: None)  # openpyxl's path
    assert validate(tmp_path / "chart.xlsx").issues == () and validate(tmp_path / "chart.xlsx").valid


def test_a_self_closing_error_cell_does_not_take_the_next_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from landscape.io import readers

    def error_role(name: str, data: bytes) -> tuple[str, bytes]:
        # P001's role (F2) becomes an error cell with no value, as some writers save it; the next
        # cell (G2) holds a value, which the scan once took for the error's.
        if name == "xl/worksheets/sheet2.xml":
            start = data.index(b'<c r="F2"')
            end = data.index(b"</c>", start) + len(b"</c>")
            return name, data[:start] + b'<c r="F2" t="e"/>' + data[end:]
        return name, data

    book = _rewritten(sample_path("clinical-simulation"), tmp_path / "error.xlsx", error_role)
    calamine = read_workbook(book).tables["Participants"].rows
    monkeypatch.setattr(readers, "_cells_calamine", lambda path, names: None)
    assert read_workbook(book).tables["Participants"].rows == calamine
    assert calamine[0][:7] == ("P001", "Hiro Yamamoto", "Northgate University", "Simulation Steering Committee",
                               "university leaders", None, 5)


def test_one_value_in_excel_last_column_is_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """calamine would build the whole rectangle up to the far cell (549 GB for XFD1048576, a Rust
    abort); such a workbook is read by openpyxl, and the table's columns found in one pass."""
    from openpyxl import Workbook

    from landscape.io import sheetxml

    book = Workbook()
    people = book.active
    people.title = "Participants"
    for row in (["id", "name"], ["P1", "A"], ["P2", "B"]):
        people.append(row)
    people["XFD100000"] = "note"
    ties = book.create_sheet("Relationships")
    for row in (["source", "target"], ["P1", "P2"]):
        ties.append(row)
    book.save(tmp_path / "stray.xlsx")
    assert sheetxml.scan_sheet(tmp_path / "stray.xlsx", "xl/worksheets/sheet1.xml", "Participants").cells == 16_384 * 100_000
    report = validate(tmp_path / "stray.xlsx")
    assert sorted((issue.code, issue.row, issue.column or "") for issue in report.issues) == [
        ("blank-rows", 4, ""), ("missing-value", 100_000, "id"), ("unnamed-column", 1, "XFD")]


def test_rows_without_numbers_past_excel_last_row_are_refused(tmp_path: Path) -> None:
    """Row numbers are optional in a sheet's XML: the rows are then counted as read."""
    rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * (1_048_576 + 1)

    def longer(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "xl/worksheets/sheet2.xml":
            return name, data.replace(b"</sheetData>", rows + b"</sheetData>")
        return name, data

    book = _rewritten(sample_path("clinical-simulation"), tmp_path / "long.xlsx", longer)
    with pytest.raises(UnreadableFile, match="sheet Participants: refused: the sheet has rows past row 1,048,576"):
        validate(book)


def test_excel_escapes_in_text_read_the_same_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel writes a carriage return in text as _x000D_ and an underscore that would start such an
    escape as _x005F_; calamine decodes them, and so does the openpyxl path."""
    from landscape.io import readers
    from landscape.io.xlsx import Sheet, write_xlsx

    notes = ["line1\r\nline2", "user_x0041_", "plain_x12_"]
    people = [["P1", "A", notes[0]], ["P2", "B", notes[1]], ["P3", "C", notes[2]]]
    path = write_xlsx(tmp_path / "escapes.xlsx", [Sheet("Participants", ["id", "name", "note"], people),
                                                  Sheet("Relationships", ["source", "target"], [["P1", "P2"]])])
    calamine = read_workbook(path).tables["Participants"].rows
    monkeypatch.setattr(readers, "_cells_calamine", lambda path, names: None)
    assert read_workbook(path).tables["Participants"].rows == calamine
    assert [row[2] for row in calamine] == ["line1\nline2", *notes[1:]]  # line ends are read as "\n"

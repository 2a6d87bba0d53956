"""The small .xlsx writer behind metrics.xlsx, read back by openpyxl and python-calamine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import python_calamine
from openpyxl import load_workbook

from landscape.io.xlsx import ROUNDED_FORMAT, Sheet, write_xlsx


def test_values_come_back_as_written(tmp_path: Path) -> None:
    rows = [[1, 2.5, np.int64(3), np.float64(0.25), True, None, "text"],
            ["=SUM(A1)", "+1", "-x", "@me", "a & <b>", "bell\x07gone", "Zoë ✓"],
            [float("nan"), float("inf"), 10**15, -0.0, "", "x" * 200, 7]]
    path = write_xlsx(tmp_path / "w.xlsx", [Sheet("Data & <more>", ["a", "b", "c", "d", "e", "f", "g"], rows, [9] * 7),
                                           Sheet("Empty", ["only"], [])])
    book = load_workbook(path)
    sheet = book["Data & <more>"]
    assert book.sheetnames == ["Data & <more>", "Empty"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet.column_dimensions["C"].width == 9
    assert [cell.value for cell in sheet[2]] == [1, 2.5, 3, 0.25, True, None, "text"]
    assert [cell.value for cell in sheet[3]] == ["=SUM(A1)", "+1", "-x", "@me", "a & <b>", "bellgone", "Zoë ✓"]
    for cell in sheet[3][:4]:  # formula-looking text is text, marked so that Excel never runs it
        assert cell.data_type == "s" and cell.quotePrefix
    assert [cell.value for cell in sheet[4]][:4] == [None, None, 10**15, 0]  # NaN and infinity are left blank
    assert sheet.max_row == 4 and book["Empty"].max_row == 1
    calamine = python_calamine.CalamineWorkbook.from_path(str(path))
    assert calamine.get_sheet_by_name("Data & <more>").to_python()[2][0] == "=SUM(A1)"


def test_text_reads_back_as_written_escapes_and_carriage_returns(tmp_path: Path) -> None:
    """Excel writes characters XML cannot keep as _xHHHH_ and reads text of that shape back as the
    character: text that only looks like the escape is escaped itself, and a carriage return (XML
    reads it back as a line feed) is written as _x000D_. Empty text is a blank cell."""
    texts = ["user_x0041_", "line1_x000D_", "a\rb", "a\r\nb", "_x", "plain_x12_", ""]
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("T", [str(i) for i in range(len(texts))], [texts])])
    # As Excel does, calamine decodes the escapes (openpyxl leaves them as they are in the file).
    assert python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("T").to_python()[1] == texts
    assert [cell.value for cell in load_workbook(path)["T"][2]][-1] is None  # no cell at all


def test_fractions_are_stored_exactly_and_shown_rounded(tmp_path: Path) -> None:
    rows = [[0.6399999999999999, np.float64(1 / 3), 7, np.int64(2), True, "0.5"]]
    path = write_xlsx(tmp_path / "r.xlsx", [Sheet("R", list("abcdef"), rows)])
    cells = load_workbook(path)["R"][2]
    assert [cell.value for cell in cells] == [0.6399999999999999, 1 / 3, 7, 2, True, "0.5"]
    assert [cell.number_format for cell in cells] == [ROUNDED_FORMAT, ROUNDED_FORMAT, "General", "General",
                                                      "General", "General"]
    calamine = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("R").to_python()
    assert calamine[1][:2] == [0.6399999999999999, 1 / 3]

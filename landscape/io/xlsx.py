"""A small, fast writer of plain .xlsx workbooks: sheets of values under a bold, frozen header.

metrics.xlsx holds every person, group and tie of a landscape: millions of cells for a large one.
openpyxl's write-only mode builds a Python object per cell and took 17 s for 10,000 people;
writing the SpreadsheetML text directly takes a fraction of that. Only what the metrics need is
written: numbers, booleans and text (inline strings), column widths, a frozen bold header, and
text that a spreadsheet would take for a formula stored as quoted text (Excel's ``quotePrefix``),
so that it is never run; numbers that are not whole are stored exactly and shown to three decimals
(a number format). openpyxl and python-calamine read the result back (tests/test_report.py).
"""

from __future__ import annotations

import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from landscape.io.raw import FORMULA_START

__all__ = ["ROUNDED_FORMAT", "Sheet", "write_xlsx"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Characters XML 1.0 cannot hold (a cell with them would make the file unreadable).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BOLD, _QUOTED, _ROUNDED = 1, 2, 3  # cellXfs indexes in the styles below
#: How a number that is not whole is shown (the cell keeps every digit).
ROUNDED_FORMAT = "0.000"


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title (31 characters at most, as Excel allows), header, rows and widths."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] = ()


def _letters(count: int) -> list[str]:
    letters = []
    for index in range(count):
        name, number = "", index + 1
        while number:
            number, remainder = divmod(number - 1, 26)
            name = chr(65 + remainder) + name
        letters.append(name)
    return letters


_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")


def _text(value: str) -> str:
    value = _ILLEGAL.sub("", value)
    if "_x" in value:  # text that looks like Excel's own escape (_x000D_) is itself escaped
        value = _ESCAPED.sub(r"_x005F_\1", value)
    value = value.replace("\r", "_x000D_")  # XML would read a carriage return back as a line feed
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(ref: str, value: Any, style: int = 0) -> str:
    if value is None or value == "":
        return ""
    kind = type(value)  # exact types first: the abstract checks cost seconds per million cells
    if kind is int:
        return f'<c r="{ref}"><v>{value}</v></c>'
    if kind is float:
        return f'<c r="{ref}" s="{_ROUNDED}"><v>{value!r}</v></c>' if math.isfinite(value) else ""
    if kind is not str:
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, numbers.Integral):  # numpy's integers too
            return f'<c r="{ref}"><v>{int(value)}</v></c>'
        if isinstance(value, numbers.Real):
            number = float(value)
            return f'<c r="{ref}" s="{_ROUNDED}"><v>{number!r}</v></c>' if math.isfinite(number) else ""
        value = str(value)
    return f'<c r="{ref}"{_text_cell(value, style)}'


def _text_cell(value: str, style: int = 0) -> str:
    """A text cell after its reference: style, type and the escaped text."""
    if style == 0 and value.startswith(FORMULA_START):
        style = _QUOTED
    styled = f' s="{style}"' if style else ""
    return f'{styled} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _row_cells(number: int, row: Sequence[Any], letters: Sequence[str], texts: dict[str, str]) -> str:
    """One row's cells. Text repeats down a sheet (types, names, groups): each distinct text is
    escaped once, in ``texts``; whole numbers and plain floats take the short path."""
    cells = []
    for i, value in enumerate(row):
        kind = type(value)
        if kind is str:
            if value:
                body = texts.get(value)
                if body is None:
                    body = texts[value] = _text_cell(value)
                cells.append(f'<c r="{letters[i]}{number}"{body}')
        elif kind is int:
            cells.append(f'<c r="{letters[i]}{number}"><v>{value}</v></c>')
        elif value is not None:
            cells.append(_cell(f"{letters[i]}{number}", value))
    return "".join(cells)


def _sheet_xml(sheet: Sheet) -> Iterable[str]:
    header = list(sheet.header)
    letters = _letters(max(len(header), 1))
    rows = sheet.rows if isinstance(sheet.rows, list) else list(sheet.rows)
    width = max([len(header), *(len(row) for row in rows)], default=1) or 1
    dimension = f'<dimension ref="A1:{_letters(width)[-1]}{len(rows) + 1}"/>'
    yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
           f'xmlns:r="{_DOC_RELS}">{dimension}<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
           'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>')
    if sheet.widths:
        yield "<cols>" + "".join(f'<col min="{i + 1}" max="{i + 1}" width="{width:.1f}" customWidth="1"/>'
                                 for i, width in enumerate(sheet.widths)) + "</cols>"
    yield '<sheetData><row r="1">' + "".join(_cell(f"{letters[i]}1", name, _BOLD) for i, name in enumerate(header)) \
        + "</row>"
    texts: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        if len(row) > len(letters):
            letters = _letters(len(row))
        yield f'<row r="{number}">{_row_cells(number, row, letters, texts)}</row>'
        if len(texts) > 200_000:  # a sheet of mostly distinct text: keep the cache small
            texts.clear()
    yield "</sheetData></worksheet>"


_STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
           f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{ROUNDED_FORMAT}"/></numFmts>'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
           '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
           '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def write_xlsx(path: str | Path, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` to ``path`` as an .xlsx workbook. Raises OSError if it cannot be written."""
    path = Path(path)
    titles = [_text(sheet.title[:31]).replace('"', "&quot;") for sheet in sheets]
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for i in range(1, len(sheets) + 1))
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
             'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
             f'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>')
    package_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PACKAGE_RELS}">'
                    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
                    '</Relationships>')
    book = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_DOC_RELS}"><sheets>'
            + "".join(f'<sheet name="{title}" sheetId="{i}" r:id="rId{i}"/>' for i, title in enumerate(titles, start=1))
            + "</sheets></workbook>")
    book_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PACKAGE_RELS}">'
                 + "".join(f'<Relationship Id="rId{i}" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                           for i in range(1, len(sheets) + 1))
                 + f'<Relationship Id="rId{len(sheets) + 1}" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
                 "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        archive.writestr("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as stream:
                buffer: list[str] = []
                size = 0
                for piece in _sheet_xml(sheet):
                    buffer.append(piece)
                    size += len(piece)
                    if size > 1 << 20:
                        stream.write("".join(buffer).encode("utf-8"))
                        buffer, size = [], 0
                stream.write("".join(buffer).encode("utf-8"))
    return path

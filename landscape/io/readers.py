"""Read workbooks and CSV files into :class:`~landscape.io.raw.RawTable` objects.

Readers give no meaning to what they read; :mod:`landscape.schema` decides which table is which.
Anything that stops a file from being read at all raises :class:`~landscape.errors.UnreadableFile`
with a message that names the file and says what to do.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import itertools
import operator
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from landscape.errors import UnreadableFile
from landscape.io.raw import FORMULA_START, GRAPH_SUFFIXES, Note, RawTable, Sources, row_list
from landscape.io.sheetxml import EXCEL_ROWS, BookParts, book_parts, scan_sheet, spaced_text_cells
from landscape.io.sheetxml import workbook_error as _unreadable

__all__ = ["check_path", "file_kind", "read_csv", "read_input", "read_workbook"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_CSV_DELIMITERS = (",", ";", "\t")
_CSV_SUFFIXES = (".csv", ".tsv")
_EXCEL_SEPARATOR_LINE = re.compile(r"^sep=(.)\r?$")  # Excel's hint at the top of some CSV files
#: The largest CSV cell read at all (csv's default is 131,072 characters).
CSV_FIELD_LIMIT = 64 * 1024 * 1024
#: Excel's own limit on the characters in one cell: a longer cell is reported as an error.
CELL_LIMIT = 32_767
#: Workbooks are zip archives: a part that would unpack beyond PART_LIMIT bytes, parts that
#: together unpack beyond TOTAL_LIMIT, or a part above RATIO_FLOOR bytes that unpacks more than
#: RATIO_LIMIT times its packed size (a "zip bomb") are refused before anything is unpacked. A
#: sheet of 100,000 people and a million ties unpacks to about 150 MB at a ratio near 10.
PART_LIMIT = 1 << 30
TOTAL_LIMIT = 2 << 30
RATIO_FLOOR = 100 << 20
RATIO_LIMIT = 200
WantTable = Callable[[str], bool]


def _everything(name: str) -> bool:
    return True


_SPECIAL = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket",
            stat.S_IFCHR: "a character device (a terminal, /dev/null or the like)", stat.S_IFBLK: "a block device (a disk)"}


def check_path(path: Path) -> None:
    """Refuse, at once, a path that is neither a regular file nor a folder.

    Reading a named pipe (FIFO) waits until another program writes to it, for ever if none does,
    and a socket or a device is no spreadsheet either: each is refused before it is opened.
    ``os.stat`` follows symbolic links, so a link to any of these is refused too, and a link to
    nothing is named as such.

    Raises
    ------
    UnreadableFile
        The path does not exist, or is a pipe, socket or device, or a link to one.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadableFile(f"{path}: is a link to {os.readlink(path)}, which does not exist. "
                                 "Give the path of the file itself.") from None
        raise UnreadableFile(f"{path}: no such file or folder") from None
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be opened ({exc.strerror or exc})") from None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = _SPECIAL.get(stat.S_IFMT(mode), "a special file")
    link = f"a link to {os.readlink(path)}, which is " if path.is_symlink() else ""
    raise UnreadableFile(
        f"{path}: refused: this is {link}{kind}, not a file or a folder. landscape reads saved files only "
        "(reading a pipe or a device could wait for ever). Save the data as a file (.xlsx, .csv, .graphml...) "
        "and give its path."
    )


def file_kind(path: Path) -> str:
    """Tell what a file really is from its first bytes, whatever its name says.

    Returns one of ``"xlsx"``, ``"csv"`` (anything that is not a known binary format),
    or raises :class:`UnreadableFile` for formats landscape cannot read, saying what to do.
    """
    check_path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:  # pragma: no cover - check_path has looked; kept for a file removed since
        raise UnreadableFile(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path}: is a folder, expected a file") from None
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be opened ({exc.strerror or exc})") from None
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        if _ENCRYPTED_MARK in data:
            raise UnreadableFile(
                f"{path}: the workbook is password-protected. Open it in Excel, remove the "
                "password (File > Info > Protect Workbook) and save it again as .xlsx."
            )
        raise UnreadableFile(
            f"{path}: this is an old-style Excel .xls workbook (or another Office file), which "
            "landscape does not read. Open it in Excel or LibreOffice and save it as .xlsx."
        )
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path)
    return "csv"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    # zipfile raises many kinds of error for a damaged archive (BadZipFile, NotImplementedError for
    # an unknown method or version, UnicodeDecodeError for a name, zlib.error, RuntimeError for an
    # encrypted part...): each means the same to the user.
    except Exception:  # noqa: BLE001
        raise UnreadableFile(
            f"{path}: the file is damaged or incomplete (it starts like an .xlsx workbook but "
            "cannot be unpacked). Was it copied or downloaded completely? Save it again from Excel."
        ) from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "opendocument.spreadsheet" in mimetype:
        what = "an OpenDocument spreadsheet (.ods)"
    elif any(name.startswith("Index/") for name in names):
        what = "an Apple Numbers document"
    elif "word/document.xml" in names:
        what = "a Word document"
    else:
        what = "a zip archive that is not an Excel workbook"
    raise UnreadableFile(
        f"{path}: this is {what}, not an .xlsx workbook. "
        "Open it in its program and export or save it as .xlsx, or as CSV files."
    )


def read_input(path: Path, want: WantTable = _everything) -> Sources:
    """Read every table of a workbook, or every CSV file of a folder.

    Parameters
    ----------
    path : Path
        An ``.xlsx`` workbook, a folder of ``.csv`` files, or a graph file (``.graphml``,
        ``.gexf``, node-link ``.json``), whose nodes and edges become the two tables.
    want : callable, optional
        Called with each sheet name (or CSV file stem); tables it refuses are listed in
        ``Sources.skipped`` without being read.

    Returns
    -------
    Sources
        The tables by sheet name, or by CSV file name (``participants.csv``): a folder may hold
        ``participants.csv`` and ``participants.tsv``, and both are read, so that the two can be
        reported rather than one silently read over the other.

    Raises
    ------
    UnreadableFile
        The path does not exist, is not a workbook, a graph file or a folder, or is a pipe,
        socket or device (as is a ``.csv`` or ``.tsv`` in the folder: see :func:`check_path`).
    """
    path = Path(path)
    check_path(path)
    if path.is_dir():
        return _read_folder(path, want)
    from landscape.io.graphfiles import read_graph_file

    if path.suffix.lower() in GRAPH_SUFFIXES:
        return read_graph_file(path)
    kind = file_kind(path)
    if kind == "xlsx":
        return read_workbook(path, want)
    raise UnreadableFile(
        f"{path}: expected an .xlsx workbook or a folder of CSV files. To read CSV files, give "
        "the folder that holds participants.csv and relationships.csv, or name each file with "
        "--participants and --relationships."
    )


def _read_folder(folder: Path, want: WantTable) -> Sources:
    tables: dict[str, RawTable] = {}
    skipped: list[str] = []
    for member in sorted(folder.iterdir()):
        # Hidden files (macOS writes ._name.csv beside name.csv on shared drives) are not tables,
        # nor is a folder named like one.
        if member.name.startswith(".") or member.suffix.lower() not in _CSV_SUFFIXES or member.is_dir():
            continue
        # A pipe or device named like a table is refused, not skipped: it may be the very table
        # meant, and skipping it would report that table missing, or lose its rows unsaid.
        check_path(member)
        if want(member.stem):
            tables[member.name] = read_csv(member)
        else:
            skipped.append(member.name)
    return Sources(origin=folder, tables=tables, skipped=tuple(skipped))


def read_workbook(path: Path, want: WantTable = _everything) -> Sources:
    """Read the sheets of an ``.xlsx`` workbook, using the values Excel last calculated.

    The cells are read by python-calamine (Rust; about 6 times faster than openpyxl here), or by
    openpyxl where calamine is not installed or cannot read the file; both give the same tables
    (tests/test_readers.py compares them on every sample and corpus workbook). Before either
    runs, the archive's sizes are checked and each wanted sheet's XML is scanned once
    (:func:`~landscape.io.sheetxml.scan_sheet`) for formulas, merged cells, hidden rows and row
    numbers past Excel's last row, written twice or out of order. Text reads as Excel shows it:
    spaces at the ends of a piece of text saved without ``xml:space="preserve"`` are dropped.
    Hidden sheets and hidden rows are read like the others, with a warning.
    """
    path = Path(path)
    if file_kind(path) != "xlsx":  # pragma: no cover - file_kind raises for everything else
        raise UnreadableFile(f"{path}: not an .xlsx workbook")
    check_archive(path)
    book = book_parts(path)
    tables: dict[str, RawTable] = {}
    skipped = [name for name in book.names if not want(name)]
    wanted = [name for name in book.names if want(name)]
    if not wanted:
        return Sources(origin=path, tables=tables, skipped=tuple(skipped))
    scans = {}
    for name in wanted:
        try:
            scans[name] = scan_sheet(path, book.parts[name], name)
        except UnreadableFile:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged part: one clear message
            raise _unreadable(path, name, exc) from None
    # calamine holds a sheet's whole rectangle in memory; openpyxl streams one row at a time.
    roomy = all(scan.cells <= CALAMINE_CELLS for scan in scans.values())
    cells = _cells_calamine(path, wanted) if roomy else None
    # calamine's cells become openpyxl's as they are cleaned, each distinct cell once; where the
    # cells are looked at before (error cells, formulas), every cell is made openpyxl's at once.
    convert: Callable[[Any], Any] | None = _as_openpyxl
    if cells is None:
        cells, convert = _cells_openpyxl(path, wanted), None
        _as_excel_shows(path, book, cells)
    for name in wanted:
        scan, rows, made = scans[name], cells.pop(name), convert
        if len(rows) > EXCEL_ROWS:  # rows without numbers: the scan could not see how many
            raise _past_last_row(path, name)
        if made is not None and (scan.errors or scan.formulas):
            rows, made = [tuple(map(made, row)) for row in rows], None
        for (number, column), value in scan.errors.items():  # calamine reads an error cell as empty
            if number <= len(rows) and column < len(rows[number - 1]) and rows[number - 1][column] is None:
                _put(rows, number, column, value)
        try:
            notes = _formula_notes(path, name, rows) if scan.formulas else []
        except Exception as exc:  # noqa: BLE001 - as above
            raise _unreadable(path, name, exc) from None
        # calamine's empty cells ("") count as empty here, as openpyxl's (None) do.
        notes += _hidden_notes(book.states.get(name), scan.hidden_rows, rows)
        tables[name] = _table_from_rows(path, name, rows, notes=notes, merged=scan.merged, convert=made)
        del rows  # the cells as read: the table holds them as cleaned
    return Sources(origin=path, tables=tables, skipped=tuple(skipped))


def _put(rows: list[tuple[Any, ...]], number: int, column: int, value: Any) -> None:
    row = list(rows[number - 1])
    row[column] = value
    rows[number - 1] = tuple(row)


def _as_excel_shows(path: Path, book: BookParts, cells: dict[str, list[tuple[Any, ...]]]) -> None:
    """Put the text Excel shows into the cells openpyxl read otherwise (spaces it keeps at the ends
    of text saved without ``xml:space="preserve"``), as calamine reads them."""
    try:
        spaced = spaced_text_cells(path, book, list(cells))
    except Exception as exc:  # noqa: BLE001 - openpyxl has read these parts; a failure here is as damaged
        raise _unreadable(path, None, exc) from None
    for name, found in spaced.items():
        rows = cells[name]
        for (number, column), text in found.items():
            if number <= len(rows) and column < len(rows[number - 1]):
                _put(rows, number, column, (_unescaped(text) if "_x" in text else text) or None)


def _hidden_notes(state: str | None, hidden_rows: tuple[int, ...], rows: list[tuple[Any, ...]]) -> list[Note]:
    """Warnings for a hidden sheet and for hidden rows that hold values: both are read, and whoever
    checks the sheet by eye in Excel may not know they are there."""
    notes = []
    if state == "veryHidden":
        notes.append(Note("hidden-sheet", "expected a visible sheet (got a 'very hidden' sheet, which Excel's Unhide "
                          "does not list: only the VBA editor shows it, by setting the sheet's Visible property); "
                          "it is read like the others"))
    elif state is not None:
        notes.append(Note("hidden-sheet", "expected a visible sheet (got a sheet hidden in Excel); it is read like "
                          "the others. To see it in Excel, right-click any sheet tab and choose Unhide"))
    filled = [number for number in hidden_rows if number <= len(rows)
              and any(cell is not None and not (isinstance(cell, str) and not cell.strip()) for cell in rows[number - 1])]
    if filled:
        notes.append(Note("hidden-rows", f"expected every row with values to show in Excel (got {len(filled):,} hidden "
                          f"or filtered-out row(s): {row_list(filled)}); they are read like the others. To see them "
                          "in Excel, clear any filter, select the whole sheet and choose Unhide rows",
                          "warning", filled[0]))
    return notes


def _cells_calamine(path: Path, names: list[str]) -> dict[str, list[list[Any]]] | None:
    """The cells of each sheet by python-calamine, as calamine gives them (:func:`_as_openpyxl`
    makes them openpyxl's); None when calamine is not installed or cannot read the workbook
    (openpyxl then tries, and says what is wrong)."""
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - calamine is a dependency; kept working without it
        return None
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        found = {}
        for name in names:
            sheet = book.get_sheet_by_name(name)
            found[name] = sheet.to_python(skip_empty_area=False)
        return found
    except BaseException as exc:  # noqa: BLE001 - Rust panics arrive as BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        return None


_WHOLE = 2**53


def _as_openpyxl(cell: Any) -> Any:
    """A calamine cell as openpyxl gives it: empty as None, whole numbers as int, dates as
    datetimes at midnight (Excel stores every number as a float and every date as a number)."""
    kind = type(cell)
    if kind is str:
        return cell or None
    if kind is float:
        return int(cell) if cell.is_integer() and -_WHOLE < cell < _WHOLE else cell
    if kind is _dt.date:
        return _dt.datetime(cell.year, cell.month, cell.day)
    return cell


def _cells_openpyxl(path: Path, names: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """The cells of each sheet by openpyxl (read-only, cached values); formatting-only rows at the
    end of a sheet are left out, as calamine leaves them out."""
    import openpyxl  # imported here: the CLI should start without it

    # A damaged workbook makes openpyxl (and the zip and XML parsers under it) raise many kinds of
    # exception: XML ParseError, NotImplementedError for an unknown compression, KeyError for a
    # missing part... This is the boundary where all of them become one clear message.
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - see above
        raise _unreadable(path, None, exc) from None
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        for name in names:
            try:
                sheet = workbook[name]
                # The size a sheet declares (its <dimension> tag) can be wrong, and openpyxl in
                # read-only mode would then stop early or pad every row: read what is there.
                sheet.reset_dimensions()
                rows = _bounded_rows(path, sheet)
                while rows and all(cell is None for cell in rows[-1]):
                    rows.pop()
                found[name] = [tuple(_as_calamine(cell) for cell in row) for row in rows]
            except UnreadableFile:
                raise
            except Exception as exc:  # noqa: BLE001 - as above
                raise _unreadable(path, name, exc) from None
    finally:
        workbook.close()
    return found


def _as_calamine(cell: Any) -> Any:
    """An openpyxl cell as calamine gives it: Excel's escapes in text decoded, and a whole number
    beyond 2**53 as a float (a number in a workbook is a double, in Excel as in calamine)."""
    kind = type(cell)
    if kind is str:
        return _unescaped(cell) if "_x" in cell else cell
    if kind is int and not -_WHOLE < cell < _WHOLE:
        return float(cell)
    return cell


_EXCEL_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescaped(text: str) -> str:
    """Text with Excel's escapes decoded (_x000D_ is a carriage return, _x005F_ an underscore), as
    Excel and calamine read it; openpyxl leaves them in."""
    return _EXCEL_ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text)


#: calamine reads a workbook whose sheets' cells span at most this many cells (rows x columns,
#: counted when a sheet reaches column AA): about 1 GB in memory. Beyond, openpyxl reads it.
CALAMINE_CELLS = 30_000_000


def _past_last_row(path: Path, sheet: str) -> UnreadableFile:
    return UnreadableFile(
        f"{path}, sheet {sheet}: refused: the sheet has rows past row {EXCEL_ROWS:,}, Excel's last. "
        "The file was not written by a spreadsheet program, or is damaged; save it again from Excel.")


def _bounded_rows(path: Path, sheet: Any) -> list[tuple[Any, ...]]:
    """The rows of a sheet, refusing one that goes past Excel's last row.

    openpyxl yields an empty row for each row number a sheet skips, so a sheet that jumps to row
    10**16 would otherwise be read for ever.
    """
    rows = []
    for row in sheet.iter_rows(values_only=True):
        if len(rows) == EXCEL_ROWS:
            raise _past_last_row(path, sheet.title)
        rows.append(row)
    return rows


def _size(count: float) -> str:
    return f"{count / (1 << 20):,.1f} MB" if count >= 1 << 20 else f"{count / 1024:,.1f} kB"


def check_archive(path: Path) -> None:
    """Refuse a workbook whose parts would unpack to more than the limits above, before unpacking.

    The sizes are those the archive declares; Python's zipfile stops at the declared size and
    fails the checksum when a part holds more, so a part cannot lie its way past this check.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except Exception:  # noqa: BLE001  # pragma: no cover - file_kind has opened it (see _zip_kind)
        raise UnreadableFile(f"{path}: the file is damaged or incomplete. Save it again from Excel.") from None
    advice = ("A workbook of people and their ties is far smaller; this looks like a 'zip bomb'. If the "
              "file is genuine, save its sheets as CSV files and give the folder.")
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > PART_LIMIT or (part.file_size > RATIO_FLOOR and ratio > RATIO_LIMIT):
            raise UnreadableFile(
                f"{path}: refused: the part {part.filename} would unpack from {_size(part.compress_size)} to "
                f"{_size(part.file_size)} ({ratio:,.0f} times larger). {advice}"
            )
    total = sum(part.file_size for part in parts)
    if total > TOTAL_LIMIT:
        raise UnreadableFile(f"{path}: refused: the workbook would unpack to {_size(total)}. {advice}")


def _formula_notes(path: Path, sheet: str, values: list[tuple[Any, ...]]) -> list[Note]:
    """Compare the formulas of a sheet with the values Excel saved for them.

    A formula with a saved value is read as that value, and the report says so once; a formula
    with none (written by a program that does not calculate) is an error, not a blank cell.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        formula_sheet = book[sheet]
        formula_sheet.reset_dimensions()
        calculated: list[tuple[int, int, str, str, Any]] = []
        notes: list[Note] = []
        for number, (row, saved) in enumerate(zip(formula_sheet.iter_rows(values_only=True), values), start=1):
            for index, cell in enumerate(row):
                if not (isinstance(cell, str) and cell.startswith("=")):
                    continue
                value = saved[index] if index < len(saved) else None
                if value == cell:  # text that starts with "=", stored as text
                    continue
                letter = get_column_letter(index + 1)
                if value is None:
                    notes.append(Note(
                        "formula-not-calculated",
                        f"expected the value of the formula {_short(cell)} (got no value saved with it: the file was "
                        "written by a program that does not calculate formulas); open it in Excel or LibreOffice "
                        "and save it again, or type the value",
                        "error", number, index, cell))
                else:
                    calculated.append((number, index, letter, cell, value))
    finally:
        book.close()
    if calculated:
        number, index, letter, formula, value = calculated[0]
        notes.append(Note(
            "formulas",
            f"expected values (got {len(calculated)} cell(s) holding formulas, the first {letter}{number}: "
            f"{_short(formula)}); the values Excel last calculated were used ({letter}{number} = {value!r}), and "
            "they do not change if the cells they refer to are edited outside Excel",
            "warning", number, index, formula))
    return notes


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _clean_row(row: Iterable[Any], number: int, notes: list[Note]) -> tuple[Any, ...]:
    cells = []
    for index, cell in enumerate(row):
        cell, note = _clean_cell(cell)
        if note is not None:
            notes.append(note(number, index))
        cells.append(cell)
    while cells and cells[-1] is None:  # empty cells after the last value are formatting
        cells.pop()
    return tuple(cells)


def _clean_cells(cells: list[Any], convert: Callable[[Any], Any] | None = None) -> list[tuple[Any, Any]]:
    """:func:`_clean_cell` of each cell (after ``convert``, when given). Text that needs no
    cleaning, most text, is found a step at a time over all the cells, not a cell at a time."""
    import numpy as np  # not imported until a table is read

    count = len(cells)
    if convert is _as_openpyxl and set(map(type, cells)) <= {str}:
        cells = [cell or None for cell in cells]  # calamine's text: an empty cell is ""
    elif convert is not None:
        cells = list(map(convert, cells))
    texts = np.flatnonzero(np.fromiter(map(isinstance, cells, itertools.repeat(str)), dtype=bool, count=count))
    text = [cells[at] for at in texts.tolist()]
    size = len(text)
    lengths = np.fromiter(map(len, text), dtype=np.intp, count=size)
    plain = (lengths > 0) & (lengths <= CELL_LIMIT) & ~(
        np.fromiter(map(operator.contains, text, itertools.repeat("\r")), dtype=bool, count=size)
        | np.fromiter(map(operator.is_not, map(_CONTROL.search, text), itertools.repeat(None)), dtype=bool, count=size)
        | np.fromiter(map(str.isspace, text), dtype=bool, count=size))  # isspace: what strip() takes away
    cleaned = list(zip(cells, itertools.repeat(None)))
    left = np.ones(count, dtype=bool)
    left[texts[plain]] = False
    for at in np.flatnonzero(left).tolist():  # not text, or text to clean
        cleaned[at] = _clean_cell(cells[at])
    return cleaned


def _clean_cell(cell: Any) -> tuple[Any, Callable[[int, int], Note] | None]:
    """A cell as a table holds it, and what to note of it (a function of row number and column)."""
    if not isinstance(cell, str):
        return cell, None
    if len(cell) > CELL_LIMIT:
        return None, functools.partial(_long_cell, cell)
    note = None
    if "\r" in cell:  # line breaks in a cell are \n, as Excel writes them (Alt+Enter)
        cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(cell):
        note = functools.partial(_control_note, cell)
        cell = _CONTROL.sub("", cell)
    return (None if cell.strip() == "" else cell), note


#: Control characters: no spreadsheet shows them, XML (GraphML, GEXF, xlsx) cannot hold them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_note(cell: str, number: int, index: int) -> Note:
    found = sorted(set(_CONTROL.findall(cell)))
    return Note(
        "control-character",
        f"expected text (got the control character(s) {', '.join(f'U+{ord(c):04X}' for c in found)}, which "
        "spreadsheets do not show and other formats cannot hold); they are removed",
        "warning", number, index, cell[:80])


def _long_cell(cell: str, number: int, index: int) -> Note:
    return Note(
        "cell-too-long",
        f"expected at most {CELL_LIMIT:,} characters in a cell, Excel's own limit (got {len(cell):,} characters, "
        f"starting {cell[:30]!r}); the cell is not read",
        "error", number, index, cell[:80])


def _table_from_rows(file: Path, sheet: str | None, rows: Iterable[Any], header_row: int = 1, *,
                     notes: Iterable[Note] = (), merged: tuple[tuple[int, int, int, int], ...] = (),
                     convert: Callable[[Any], Any] | None = None) -> RawTable:
    """The rows as a raw table, every cell cleaned (after ``convert``, when given, made it a cell)."""
    from landscape.io.columnar import clean_rows  # numpy: not imported until a table is read

    long_cells: list[Note] = []  # and control characters
    rows = rows if isinstance(rows, list) else list(rows)
    header = _clean_row(map(convert, rows[0]) if convert else rows[0], header_row, long_cells) if rows else ()
    clean = _clean_cell if convert is None else lambda cell: _clean_cell(convert(cell))
    clean_all = functools.partial(_clean_cells, convert=convert)
    body, columns = clean_rows(rows[1:], header_row + 1, clean, long_cells, clean_all)
    return RawTable(file=file, sheet=sheet, header=header, rows=body, first_row=header_row + 1,
                    notes=(*notes, *long_cells), merged=merged, columns=[columns])


def read_csv(path: Path) -> RawTable:
    """Read one CSV file (UTF-8 with or without BOM, or UTF-16 with BOM; `,` `;` or tab, or the
    delimiter named by Excel's ``sep=`` first line)."""
    path = Path(path)
    if file_kind(path) == "xlsx":
        raise UnreadableFile(
            f"{path}: this is an Excel workbook with a .csv name. Rename it to .xlsx, "
            "or save the sheet from Excel as 'CSV UTF-8'."
        )
    text, notes = _decode(path, path.read_bytes())
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UnreadableFile(
            f"{path}, line {line}: the file holds binary data (a NUL byte), not CSV text. "
            "Save the table from your spreadsheet program as 'CSV UTF-8'."
        )
    first_line = text.split("\n", 1)[0]
    header_row = 1
    hint = _EXCEL_SEPARATOR_LINE.match(first_line)
    if hint:  # "sep=;" on the first line: Excel's way of naming the delimiter
        delimiter = hint.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
        header_row = 2
    else:
        delimiter = _delimiter(text)
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    # strict: a quote that is never closed is an error, not the rest of the file in one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:
        line = _failing_record(text, delimiter) + header_row - 1
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(
                f"{path}, line {line}: a cell holds more than {CSV_FIELD_LIMIT:,} characters, which no "
                "spreadsheet writes; check for a quote that is never closed on that line."
            ) from None
        raise UnreadableFile(
            f"{path}, line {line}: the CSV cannot be parsed ({exc}). Check the quotes in the row that starts on "
            "that line: a cell that holds a quote must be quoted, with the quote doubled (\"\")."
        ) from None
    return _table_from_rows(path, None, rows, header_row=header_row, notes=notes, convert=_unquoted_cell)


def _failing_record(text: str, delimiter: str) -> int:
    """The line the record that the CSV reader cannot parse starts on (read again, record by
    record: only a file that fails is)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    record_start = 1
    try:
        for _ in reader:
            record_start = reader.line_num + 1
    except csv.Error:
        return record_start
    return record_start  # pragma: no cover - the first reading failed, so this one does


def _outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _delimiter(text: str) -> str:
    """The delimiter: the one of , ; and tab that the header line holds (outside quotes).

    When the header holds more than one (``id,notes (a; b; c)``), the one that appears as often
    in the next lines as in the header wins (a header cell's own semicolons do not recur), then
    comma before semicolon before tab.
    """
    lines = [line for line in text[:65536].split("\n")[:21] if line.strip()]
    if not lines:
        return ","
    counts = {candidate: _outside_quotes(lines[0], candidate) for candidate in _CSV_DELIMITERS}
    present = [candidate for candidate in _CSV_DELIMITERS if counts[candidate]]
    if len(present) <= 1:
        return present[0] if present else ","
    rest = lines[1:]

    def agreement(candidate: str) -> float:
        return sum(_outside_quotes(line, candidate) == counts[candidate] for line in rest) / len(rest) if rest else 0.0

    return max(present, key=lambda candidate: (agreement(candidate), -_CSV_DELIMITERS.index(candidate)))


def _unquoted_cell(cell: Any) -> Any:
    """:func:`_unquoted` for a cell of a CSV row (a row shorter than others is padded with None)."""
    return _unquoted(cell) if cell is not None else None


def _unquoted(cell: str) -> str:
    """A cell with the apostrophe that kept it from being read as a formula taken off (see
    :func:`landscape.io.graphfiles.csv_text`, which puts it on)."""
    if cell[:1] == "'" and cell.lstrip("'").startswith(FORMULA_START):
        return cell[1:]
    return cell


def _decode(path: Path, data: bytes) -> tuple[str, list[Note]]:
    """The text of a CSV file: UTF-16 with a byte-order mark, UTF-8, or else Windows-1252.

    Excel's plain "CSV" on Windows writes Windows-1252 (Latin-1 plus curly quotes and the euro
    sign). Such a file is read, and the report names the first line that is not plain ASCII as
    decoded, so that a wrong guess (a file from another code page) shows at once.
    """
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise UnreadableFile(f"{path}: the file says it is UTF-16 but is not valid UTF-16.") from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{path}, line {line}: the file is neither UTF-8 nor Windows-1252 text (byte 0x{byte:02X}). Save it "
            "again as 'CSV UTF-8 (comma delimited)', or open it in LibreOffice and choose UTF-8."
        ) from None
    sample = text.split("\n")[line - 1].strip()
    note = Note(
        "not-utf8",
        f"expected UTF-8 text (got byte 0x{byte:02X} on line {line}, so the file was read as Windows-1252, which "
        f"older Excel writes for 'CSV'; line {line} reads {_short(sample)!r}). If names look wrong, save the "
        "file again as 'CSV UTF-8 (comma delimited)'",
        "warning", line, None, None)
    return text, [note]

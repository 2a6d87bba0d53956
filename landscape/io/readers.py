"""Read workbooks and CSV files into :class:`~landscape.io.raw.RawTable` objects.

Readers give no meaning to what they read; :mod:`landscape.schema` decides which table is which.
Anything that stops a file from being read at all raises :class:`~landscape.errors.UnreadableFile`
with a message that names the file and says what to do.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from landscape.errors import UnreadableFile
from landscape.io.raw import RawTable, Sources

__all__ = ["file_kind", "read_csv", "read_input", "read_workbook"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_CSV_DELIMITERS = (",", ";", "\t")
_CSV_SUFFIXES = (".csv", ".tsv")
_EXCEL_SEPARATOR_LINE = re.compile(r"^sep=(.)\r?$")  # Excel's hint at the top of some CSV files
#: The largest CSV cell read (csv's default is 131,072 characters).
CSV_FIELD_LIMIT = 64 * 1024 * 1024

WantTable = Callable[[str], bool]


def _everything(name: str) -> bool:
    return True


def file_kind(path: Path) -> str:
    """Tell what a file really is from its first bytes, whatever its name says.

    Returns one of ``"xlsx"``, ``"csv"`` (anything that is not a known binary format),
    or raises :class:`UnreadableFile` for formats landscape cannot read, saying what to do.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
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
    except (zipfile.BadZipFile, EOFError, OSError):
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

    Raises
    ------
    UnreadableFile
        The path does not exist, or is not a workbook or a folder.
    """
    path = Path(path)
    if path.is_dir():
        return _read_folder(path, want)
    from landscape.io.graphfiles import GRAPH_SUFFIXES, read_graph_file

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
    for csv_path in sorted(folder.iterdir()):
        # Hidden files (macOS writes ._name.csv beside name.csv on shared drives) are not tables.
        if csv_path.name.startswith(".") or not csv_path.is_file() or csv_path.suffix.lower() not in _CSV_SUFFIXES:
            continue
        if want(csv_path.stem):
            tables[csv_path.stem] = read_csv(csv_path)
        else:
            skipped.append(csv_path.name)
    return Sources(origin=folder, tables=tables, skipped=tuple(skipped))


def read_workbook(path: Path, want: WantTable = _everything) -> Sources:
    """Read the sheets of an ``.xlsx`` workbook, using the values Excel last calculated."""
    import openpyxl  # imported here: the CLI should start without it

    path = Path(path)
    if file_kind(path) != "xlsx":  # pragma: no cover - file_kind raises for everything else
        raise UnreadableFile(f"{path}: not an .xlsx workbook")
    # A damaged workbook makes openpyxl (and the zip and XML parsers under it) raise many kinds of
    # exception: XML ParseError, NotImplementedError for an unknown compression, KeyError for a
    # missing part... This is the boundary where all of them become one clear message.
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - see above
        raise UnreadableFile(
            f"{path}: the workbook cannot be read ({type(exc).__name__}: {exc}). "
            "Open it in Excel or LibreOffice and save it again as .xlsx."
        ) from None
    tables: dict[str, RawTable] = {}
    skipped: list[str] = []
    try:
        for sheet in workbook.worksheets:
            if not want(sheet.title):
                skipped.append(sheet.title)
                continue
            try:
                # The size a sheet declares (its <dimension> tag) can be wrong, and openpyxl in
                # read-only mode would then stop early or pad every row: read what is there.
                sheet.reset_dimensions()
                tables[sheet.title] = _table_from_rows(path, sheet.title, sheet.iter_rows(values_only=True))
            except Exception as exc:  # noqa: BLE001 - as above
                raise UnreadableFile(
                    f"{path}, sheet {sheet.title}: the sheet cannot be read "
                    f"({type(exc).__name__}: {exc}). Save the workbook again from Excel."
                ) from None
    finally:
        workbook.close()
    return Sources(origin=path, tables=tables, skipped=tuple(skipped))


def _trimmed(row: Iterable[Any]) -> tuple[Any, ...]:
    cells = [_clean_cell(cell) for cell in row]
    while cells and cells[-1] is None:  # empty cells after the last value are formatting
        cells.pop()
    return tuple(cells)


def _table_from_rows(file: Path, sheet: str | None, rows: Iterable[tuple[Any, ...]], header_row: int = 1) -> RawTable:
    iterator = iter(rows)
    header: tuple[Any, ...] = ()
    for first in iterator:
        header = _trimmed(first)
        break
    body = [_trimmed(row) for row in iterator]
    # Rows with nothing in them at the end of a sheet are formatting, not data.
    while body and not body[-1]:
        body.pop()
    return RawTable(file=file, sheet=sheet, header=header, rows=body, first_row=header_row + 1)


def _clean_cell(cell: Any) -> Any:
    if isinstance(cell, str) and cell.strip() == "":
        return None
    return cell


def read_csv(path: Path) -> RawTable:
    """Read one CSV file (UTF-8 with or without BOM, or UTF-16 with BOM; `,` `;` or tab, or the
    delimiter named by Excel's ``sep=`` first line)."""
    path = Path(path)
    if file_kind(path) == "xlsx":
        raise UnreadableFile(
            f"{path}: this is an Excel workbook with a .csv name. Rename it to .xlsx, "
            "or save the sheet from Excel as 'CSV UTF-8'."
        )
    text = _decode(path, path.read_bytes())
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
        delimiter = max(_CSV_DELIMITERS, key=first_line.count) if first_line else ","
        if first_line.count(delimiter) == 0:
            delimiter = ","
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise UnreadableFile(
            f"{path}, line {reader.line_num + header_row - 1}: the CSV cannot be parsed ({exc}). "
            "Check the quotes on that line."
        ) from None
    return _table_from_rows(path, None, (tuple(row) for row in rows), header_row=header_row)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{path}: the file says it is UTF-16 but is not valid UTF-16.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        raise UnreadableFile(
            f"{path}, line {line}: the file is not UTF-8 text (byte 0x{byte:02X}; files saved as "
            "'CSV' by older Excel are often Windows-1252 or Latin-1). Save it again as "
            "'CSV UTF-8 (comma delimited)', or open it in LibreOffice and choose UTF-8."
        ) from None

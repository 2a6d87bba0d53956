"""What a workbook's XML says that the cell readers do not.

python-calamine and read-only openpyxl give the values of cells, and each has blind spots:
calamine reads an error cell as an empty one and builds the whole rectangle of a sheet in memory;
read-only openpyxl tells neither formulas nor merged ranges, keeps the spaces Excel drops from text
and, like calamine, reads a sheet whose rows are numbered twice or out of order without a word
(each then loses a different row). Neither says which sheets and rows are hidden. The functions
here read the XML itself, streamed, so that :mod:`landscape.io.readers` can say all of it.
"""

from __future__ import annotations

import itertools
import operator
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from landscape.errors import UnreadableFile

__all__ = ["EXCEL_ROWS", "BookParts", "SheetScan", "book_parts", "excel_text", "scan_sheet", "spaced_text_cells",
           "workbook_error"]

#: Excel's last row: a sheet that numbers its rows beyond it was not written by a spreadsheet.
EXCEL_ROWS = 1_048_576

_FAR_ROW = re.compile(rb'<(?:\w+:)?(?:row|c)\s[^>]*?\br="[A-Z]{0,3}(\d{7,})"')  # row 1,000,000 and on
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*\bt="e"[^>/]*)>(.*?)</(?:\w+:)?c>', re.S)  # not <c .../>
_WIDE_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="\$?([A-Z]{2,3})\$?(\d+)"')  # column AA and beyond
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_ROW_TAG = re.compile(rb"<row\b([^>]*)>")  # four times faster than the pattern below, for the usual case
_PREFIXED_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_CELL_REF = re.compile(rb'\br="\$?([A-Z]{1,3})\$?(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
# Cheap searches that every match of the pattern above them contains: where they find nothing, the
# slower pattern cannot match and is not run (most sheets have no formula, no column past Z and no
# row past 999,999).
_PLAIN_FORMULA_TAG = re.compile(rb"<f[\s>/]")  # _FORMULA_TAG without a namespace prefix; with one, ":f" is there
_WIDE_HINT = re.compile(rb'r="\$?[A-Z]{2,3}\$?\d')
_FAR_HINT = re.compile(rb'r="[A-Z]{0,3}\d{7}')
# The first row number (as _ROW_NUMBER finds it) of each row tag's attributes, joined with NUL (which
# XML cannot hold) between them.
_JOINED_ROW_NUMBER = re.compile(rb'(?:^|\x00)[^\x00]*?\br="(\d+)"')
_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"')
# A text element without xml:space="preserve" whose text starts or ends with white space (or with a
# character reference, which may be one): Excel drops that space. Only a hint that the slow, exact
# look of spaced_text_cells is needed, so it may match a little more than it must.
_LOOSE_TEXT = re.compile(rb'<(?:\w+:)?t(?:\s(?![^>]*space="preserve")[^>]*)?>'
                         rb"(?:[ \t\r\n]|&#|[^<]*?(?:[ \t\r\n]|&#\w+;)</)")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WHITE = " \t\r\n"  # XML's white space, which is all Excel trims (a non-breaking space stays)
_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def workbook_error(path: Path, sheet: str | None, exc: BaseException) -> UnreadableFile:
    """The one message for a workbook (or one of its sheets) that its parsers cannot read."""
    where = f"{path}, sheet {sheet}" if sheet is not None else str(path)
    text = f"{type(exc).__name__}: {exc}"
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and len(chain) < 10:  # openpyxl wraps the XML parser's error in its own
        chain.append(link)
        link = link.__cause__ or link.__context__
    refusal = next((f"{type(e).__name__}: {e}" for e in chain
                    if type(e).__name__ in ("DTDForbidden", "EntitiesForbidden", "ExternalReferenceForbidden")
                    or "amplification" in str(e)), None)
    if refusal is not None:  # defusedxml's refusals, or expat's own limit on entity expansion
        return UnreadableFile(
            f"{where}: refused: the workbook's XML declares its own entities ({refusal}). Excel never writes "
            "these; they are how 'billion laughs' files exhaust memory. If you trust the file, open it in "
            "Excel or LibreOffice and save it again as .xlsx."
        )
    if sheet is None:
        return UnreadableFile(f"{where}: the workbook cannot be read ({text}). "
                              "Open it in Excel or LibreOffice and save it again as .xlsx.")
    return UnreadableFile(f"{where}: the sheet cannot be read ({text}). Save the workbook again from Excel.")


@dataclass(frozen=True)
class BookParts:
    """The worksheets of a workbook in order, the zip part of each, whether each is hidden
    (``"hidden"`` or ``"veryHidden"``; visible sheets are not listed), and the shared strings part."""

    names: list[str]
    parts: dict[str, str]
    states: dict[str, str] = field(default_factory=dict)
    shared_strings: str | None = None


def _part_name(target: str) -> str:
    # Targets are relative to xl/ ("worksheets/sheet1.xml", "./worksheets/...", "../xl/...") or absolute.
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def book_parts(path: Path) -> BookParts:
    """Read workbook.xml and its relationships (with defusedxml). Chart sheets and other sheets
    that hold no cells are left out, as openpyxl leaves them out of its worksheets."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels_name = "xl/_rels/workbook.xml.rels"
            rels = ElementTree.fromstring(archive.read(rels_name)) if rels_name in archive.namelist() else None
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile workbook: one clear message
        raise workbook_error(path, None, exc) from None
    worksheets: dict[str, str] = {}
    shared = None
    for rel in rels if rels is not None else ():
        kind = rel.get("Type", "")
        if kind.endswith("/worksheet"):
            worksheets[rel.get("Id", "")] = _part_name(rel.get("Target", ""))
        elif kind.endswith("/sharedStrings"):
            shared = _part_name(rel.get("Target", ""))
    names, parts, states = [], {}, {}
    for element in book.iter():
        if element.tag.endswith("}sheet") or element.tag == "sheet":
            name, part = element.get("name"), worksheets.get(element.get(f"{_RELS}id", ""))
            if name is not None and part is not None:
                names.append(name)
                parts[name] = part
                if element.get("state") in ("hidden", "veryHidden"):
                    states[name] = element.get("state")
    return BookParts(names, parts, states, shared)


@dataclass(frozen=True)
class SheetScan:
    """What :func:`scan_sheet` found in one sheet's XML.

    ``errors`` maps (row, 0-based column) to the error value of a cell (``#N/A``...); ``cells`` is
    the size of the rectangle the sheet's cells span when they reach column AA or beyond (else 0).
    """

    formulas: bool = False
    merged: tuple[tuple[int, int, int, int], ...] = ()
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    cells: int = 0
    hidden_rows: tuple[int, ...] = ()


class _RowOrder:
    """Follows the row numbers of a sheet, tag by tag, and refuses a row written twice or out of
    order: calamine keeps the last of two rows numbered alike, openpyxl the first, and openpyxl
    drops a row that comes after a higher one, so either way a row would be lost unsaid."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path, self.sheet = path, sheet
        self.previous = 0
        self.hidden: list[int] = []
        self._carry = b""

    def feed(self, chunk: bytes) -> None:
        # Only tags complete in this piece are read; what follows the last ">" waits for the next
        # piece (at most 4 kB of it: a row tag is far shorter, and text holds no "<").
        data = self._carry + chunk
        cut = data.rfind(b">") + 1
        self._carry = data[cut:][-4096:]
        tags = _ROW_TAG if b"<row" in data else _PREFIXED_ROW_TAG
        rows = tags.findall(data, 0, cut)
        if tags is _ROW_TAG and self._in_order(rows):
            return
        for attributes in rows:
            found = _ROW_NUMBER.search(attributes)
            number = int(found.group(1)) if found else self.previous + 1  # a row without r follows on
            if number <= self.previous:
                self._refuse(number)
            self.previous = number
            if b'hidden="1"' in attributes or b'hidden="true"' in attributes:
                self.hidden.append(number)

    def _in_order(self, tags: list[bytes]) -> bool:
        """The usual piece's row tags (their attributes), read at once: every row numbered, each
        after the one before, none hidden. False (nothing read) for any other piece, which
        :meth:`feed` reads tag by tag."""
        if not tags:
            return True
        joined = b"\x00".join(tags)
        if b'hidden="' in joined or joined.count(b"\x00") != len(tags) - 1:  # hidden rows, or a NUL in a tag
            return False
        numbers = _JOINED_ROW_NUMBER.findall(joined)
        if len(numbers) != len(tags):  # a row without a number
            return False
        found = list(map(int, numbers))
        if found[0] <= self.previous or not all(map(operator.lt, found, itertools.islice(found, 1, None))):
            return False
        self.previous = found[-1]
        return True

    def _refuse(self, number: int) -> None:
        what = (f"row {number:,} is written twice in the sheet's XML, so one of the two would be lost"
                if number == self.previous else
                f"row {number:,} comes after row {self.previous:,} in the sheet's XML, out of order, so it could be lost")
        raise UnreadableFile(
            f"{self.path}, sheet {self.sheet}: refused: {what}. No spreadsheet program writes this (Excel "
            f"reports the file as damaged). Open the workbook in Excel (let it repair the file) or LibreOffice, "
            f"check row {number:,}, and save it again.")


def scan_sheet(path: Path, part: str, sheet: str) -> SheetScan:
    """Stream a sheet's XML once, in 1 MB pieces (with an overlap for tags cut in two), so that
    memory stays small; see :class:`SheetScan` for what it finds.

    Raises
    ------
    UnreadableFile
        A row is numbered past Excel's last, written twice, or out of order.
    """
    formulas = False
    merged: set[tuple[int, int, int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    bottom = widest = 0
    order = _RowOrder(path, sheet)
    with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            formulas = formulas or _PLAIN_FORMULA_TAG.search(data) is not None or (
                b":" in data and b":f" in data and _FORMULA_TAG.search(data) is not None)
            for column, row in _WIDE_CELL.findall(data) if _WIDE_HINT.search(data) else ():
                widest = max(widest, column_index_from_string(column.decode()))
                bottom = max(bottom, int(row))
            at = max(data.rfind(b"<row "), data.rfind(b":row "))
            found = _ROW_NUMBER.search(data, at) if at >= 0 else None
            if found is not None:
                bottom = max(bottom, int(found.group(1)))
            far = next((int(found) for found in _FAR_ROW.findall(data) if int(found) > EXCEL_ROWS), None) \
                if _FAR_HINT.search(data) else None
            if far is not None:
                raise UnreadableFile(
                    f"{path}: refused: the sheet in {part} has a row numbered {far:,}, past row "
                    f"{EXCEL_ROWS:,}, Excel's last. The file was not written by a spreadsheet program, or is damaged; "
                    "save it again from Excel.")
            order.feed(chunk)  # after the far rows, which are the clearer refusal of the two
            if b't="e"' in data:
                for attributes, content in _ERROR_CELL.findall(data):
                    ref, value = _CELL_REF.search(attributes), _VALUE.search(content)
                    if ref and value:
                        errors[(int(ref.group(2)), column_index_from_string(ref.group(1).decode()) - 1)] = \
                            value.group(1).decode("utf-8", "replace")
            if b"mergeCell" in data:
                for first_col, first_row, last_col, last_row in _MERGE_TAG.findall(data):
                    merged.add((int(first_row), column_index_from_string(first_col.decode()),
                                int(last_row or first_row), column_index_from_string((last_col or first_col).decode())))
            tail = data[-512:]
    return SheetScan(formulas, tuple(sorted(merged)), errors, bottom * widest, tuple(order.hidden))


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _texts(item: Any) -> Iterator[Any]:
    """The ``<t>`` elements of a string item: its own and its runs', not its phonetic runs'."""
    for child in item:
        tag = _local(child.tag)
        if tag == "t":
            yield child
        elif tag == "r":
            yield from (text for text in child if _local(text.tag) == "t")


def excel_text(item: Any) -> str:
    """The text Excel shows for a shared string (``<si>``) or inline string (``<is>``) element.

    The plain text and every run's text, joined; phonetic runs (``<rPh>``) left out. A ``<t>``
    without ``xml:space="preserve"`` loses the white space at its ends, as in Excel (which shows
    ``<r><t>Ana </t></r><r><t>Lima</t></r>`` as "AnaLima") and in python-calamine.
    """
    return "".join(text.text or "" if text.get(_XML_SPACE) == "preserve" else (text.text or "").strip(_WHITE)
                   for text in _texts(item))


def _loose(item: Any) -> bool:
    """Whether Excel shows the item otherwise than openpyxl reads it (some of its text loses spaces)."""
    return any(text.get(_XML_SPACE) != "preserve" and text.text and text.text != text.text.strip(_WHITE)
               for text in _texts(item))


def _iterparse(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, Any]]:
    from defusedxml.ElementTree import iterparse

    with archive.open(part.lstrip("/")) as stream:
        yield from iterparse(stream, events=("start", "end"))


def _has_loose_text(archive: zipfile.ZipFile, part: str) -> bool:
    with archive.open(part.lstrip("/")) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            if _LOOSE_TEXT.search(tail + chunk) is not None:
                return True
            tail = chunk[-512:]
    return False


def _spaced_shared_strings(archive: zipfile.ZipFile, part: str | None) -> dict[int, str]:
    """The shared strings (by index) that Excel shows otherwise than openpyxl reads them."""
    if part is None or part not in archive.namelist() or not _has_loose_text(archive, part):
        return {}
    found, index = {}, 0
    for event, element in _iterparse(archive, part):
        if event == "end" and _local(element.tag) == "si":
            if _loose(element):
                found[index] = excel_text(element)
            index += 1
            element.clear()
    return found


_CELL_NAME = re.compile(r"\$?([A-Z]{1,3})\$?\d+")


def column_index_from_string(letters: str) -> int:
    """A column's number from its letters (A is 1, AA is 27): openpyxl's, without importing it on
    every read (a command should load only what it needs).

    >>> column_index_from_string("A"), column_index_from_string("AA"), column_index_from_string("XFD")
    (1, 27, 16384)
    """
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _spaced_cells(archive: zipfile.ZipFile, part: str, shared: dict[int, str]) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    row = column = 0
    for event, element in _iterparse(archive, part):
        tag = _local(element.tag)
        if event == "start":
            if tag == "row":  # rows and cells may leave out their numbers: each then follows on
                row, column = int(element.get("r") or row + 1), 0
            continue
        if tag == "c":
            ref = _CELL_NAME.fullmatch(element.get("r", ""))
            column = column_index_from_string(ref.group(1)) if ref else column + 1
            kind = element.get("t")
            item = next((child for child in element if _local(child.tag) == "is"), None)
            if kind == "inlineStr" and item is not None and _loose(item):
                cells[(row, column - 1)] = excel_text(item)
            elif kind == "s" and shared:
                value = next((child.text for child in element if _local(child.tag) == "v"), None) or ""
                if value.strip().isdigit() and int(value) in shared:
                    cells[(row, column - 1)] = shared[int(value)]
        elif tag == "row":
            element.clear()
    return cells


def spaced_text_cells(path: Path, book: BookParts, names: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """For each sheet, the text cells (by row and 0-based column) that Excel shows otherwise than
    read-only openpyxl reads them: the spaces at the ends of a ``<t>`` without
    ``xml:space="preserve"``, which Excel and calamine drop and openpyxl keeps (see
    :func:`excel_text`). Empty unless such text is there: Excel writes ``preserve`` where it matters.
    Only openpyxl's path needs this, and it costs a second look at the XML, so it is not part of
    :func:`scan_sheet`.
    """
    with zipfile.ZipFile(path) as archive:
        shared = _spaced_shared_strings(archive, book.shared_strings)
        return {name: _spaced_cells(archive, book.parts[name], shared)
                if shared or _has_loose_text(archive, book.parts[name]) else {} for name in names}

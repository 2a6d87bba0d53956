"""Issue 21, round 2: inputs that were read wrongly without a word, hung, or met a Python error.

Each test names what the reader used to do. The broken inputs are in tests/data (made by
build_corpus.py's reading_round_two); the pipes, sockets and links are made here, as git keeps none.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from landscape import load, validate
from landscape.cli import main
from landscape.errors import UnreadableFile
from landscape.io import read_input, read_workbook
from landscape.schema.validate import read_participants
from tests.conftest import DATA, PEOPLE, TIES, write_csv_folder, write_workbook


def _openpyxl_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from landscape.io import readers

    monkeypatch.setattr(readers, "_cells_calamine", lambda path, names: None)


# --- 2. Two files for one table -------------------------------------------------------------------

def test_a_csv_and_a_tsv_for_one_table_are_both_reported() -> None:
    """participants.csv and participants.tsv: only the .tsv was read, and the input said valid."""
    report = validate(DATA / "participants-csv-and-tsv")
    [issue] = report.issues
    assert str(issue) == (f"{DATA / 'participants-csv-and-tsv' / 'participants.tsv'}: expected one participants table "
                          "(got 'participants.csv' and 'participants.tsv'); merge them or rename one")
    assert issue.code == "duplicate-sheet" and not report.valid


def test_two_accepted_names_for_one_table_are_reported(csv_input: Any) -> None:
    folder = csv_input(participants=PEOPLE, relationships=TIES, ties=TIES[:2])
    assert validate(folder).flat() == [("ties.csv", None, None, "duplicate-sheet")]


def test_the_roster_reader_reports_two_participants_files_too(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "roster", participants=PEOPLE, people=PEOPLE[:2])
    _, report = read_participants(folder)
    assert report.flat() == [("people.csv", None, None, "duplicate-sheet")]


def test_a_folder_names_its_tables_by_file_name() -> None:
    sources = read_input(DATA / "participants-csv-and-tsv")
    assert sorted(sources.tables) == ["participants.csv", "participants.tsv", "relationships.csv"]
    assert sources.tables["participants.tsv"].rows == [("P-004", "Dana Ruiz", "Nursing", "students", "1")]


# --- 3. Rows numbered twice or out of order ---------------------------------------------------------

@pytest.mark.parametrize("calamine", [True, False], ids=["calamine", "openpyxl"])
@pytest.mark.parametrize(("case", "what"), [
    ("duplicate-row-number.xlsx", "row 3 is written twice in the sheet's XML, so one of the two would be lost"),
    ("rows-out-of-order.xlsx", "row 2 comes after row 4 in the sheet's XML, out of order, so it could be lost"),
])
def test_a_row_numbered_twice_or_out_of_order_is_refused(case: str, what: str, calamine: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine kept the second of two rows numbered 3, openpyxl the first; openpyxl dropped rows
    that came after a higher one. Each lost a participant unsaid."""
    if not calamine:
        _openpyxl_only(monkeypatch)
    with pytest.raises(UnreadableFile) as caught:
        validate(DATA / case)
    row = what.split()[1]
    assert str(caught.value) == (
        f"{DATA / case}, sheet Participants: refused: {what}. No spreadsheet program writes this (Excel reports the "
        f"file as damaged). Open the workbook in Excel (let it repair the file) or LibreOffice, check row {row}, and "
        "save it again.")


def test_rows_without_numbers_follow_on_and_are_not_out_of_order(tmp_path: Path) -> None:
    import re
    import zipfile

    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id"], ["A"], ["B"]]})
    out = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # rows and cells without r, as some writers save them
                data = re.sub(rb' r="[A-Z]*\d+"', b"", data)
            target.writestr(item, data)
    assert read_workbook(out).tables["Participants"].rows == [("A",), ("B",)]


# --- 6. Pipes, sockets and devices ------------------------------------------------------------------

@contextmanager
def _rescued(pipe: Path) -> Iterator[None]:
    """Should a reader wait on the pipe, open it for writing after 10 s, so that the reader gets an
    empty file and the test fails instead of hanging."""
    done = threading.Event()

    def rescue() -> None:
        while not done.wait(10):
            try:
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    thread = threading.Thread(target=rescue, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


_PIPE = ("refused: this is a named pipe (FIFO), not a file or a folder. landscape reads saved files only (reading a "
         "pipe or a device could wait for ever). Save the data as a file (.xlsx, .csv, .graphml...) and give its path.")


@pytest.mark.parametrize("name", ["x.xlsx", "x.csv", "x.graphml", "x.json"])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, name: str) -> None:
    """`landscape validate` on a pipe named x.xlsx or x.csv waited for a writer for ever."""
    pipe = tmp_path / name
    os.mkfifo(pipe)
    start = time.perf_counter()
    with _rescued(pipe), pytest.raises(UnreadableFile) as caught:
        validate(pipe)
    assert time.perf_counter() - start < 2
    assert str(caught.value) == f"{pipe}: {_PIPE}"


def test_the_command_line_refuses_a_pipe_with_exit_code_1(tmp_path: Path) -> None:
    pipe = tmp_path / "x.xlsx"
    os.mkfifo(pipe)
    with _rescued(pipe):
        result = CliRunner().invoke(main, ["validate", str(pipe)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {pipe}: {_PIPE}\n"


def test_a_pipe_given_for_one_table_or_found_in_a_folder_is_refused(tmp_path: Path, small_input: Path) -> None:
    pipe = tmp_path / "people.csv"
    os.mkfifo(pipe)
    with _rescued(pipe), pytest.raises(UnreadableFile, match="named pipe"):
        validate(participants=pipe, relationships=small_input / "relationships.csv")
    with _rescued(pipe), pytest.raises(UnreadableFile, match="named pipe"):
        read_participants(pipe)
    # In a folder, a pipe named like a table is refused, not skipped: it may be the very table meant.
    os.mkfifo(small_input / "voices.csv")
    with _rescued(small_input / "voices.csv"), pytest.raises(UnreadableFile) as caught:
        validate(small_input)
    assert str(caught.value) == f"{small_input / 'voices.csv'}: {_PIPE}"


def test_a_link_to_a_pipe_a_socket_a_device_or_nothing_is_named_as_such(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "link.xlsx").symlink_to(pipe)
    with _rescued(pipe), pytest.raises(UnreadableFile) as caught:
        validate(tmp_path / "link.xlsx")
    assert str(caught.value).startswith(f"{tmp_path / 'link.xlsx'}: refused: this is a link to {pipe}, which is a "
                                        "named pipe (FIFO), not a file or a folder.")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.csv"))
        with pytest.raises(UnreadableFile, match=r"s\.csv: refused: this is a socket, not a file or a folder"):
            validate(tmp_path / "s.csv")
    finally:
        server.close()
    with pytest.raises(UnreadableFile, match="/dev/null: refused: this is a character device"):
        read_input(Path("/dev/null"))
    folder = write_csv_folder(tmp_path / "in", participants=PEOPLE)
    (folder / "relationships.csv").symlink_to(tmp_path / "gone.csv")
    with pytest.raises(UnreadableFile) as caught:
        validate(folder)
    assert str(caught.value) == (f"{folder / 'relationships.csv'}: is a link to {tmp_path / 'gone.csv'}, which does "
                                 "not exist. Give the path of the file itself.")


def test_a_folder_named_like_a_table_is_still_not_a_table(small_input: Path) -> None:
    (small_input / "notes.csv").mkdir()
    assert validate(small_input).valid


# --- 8. Ids Excel has already changed -----------------------------------------------------------------

def test_an_id_longer_than_excel_keeps_is_warned_about() -> None:
    """123456789012345678 typed as a number reads as 123456789012345696: nothing said so."""
    report = validate(DATA / "long-number-ids.xlsx")
    first = report.issues[0]
    assert first.message == (
        "expected ids stored as text (got the number 123456789012345696, 18 digits long, in row 2): Excel keeps only "
        "15 digits of a number and changes the digits after them, so these ids are probably not the ones typed, and "
        "ids that should match may not; they are read as they stand ('123456789012345696'). To keep ids exact, format "
        "the column as Text before typing or pasting them, or type an apostrophe first (as in '123456789012345678), "
        "then check them against where they came from")
    assert report.valid and {issue.severity.value for issue in report.issues} == {"warning"}


def test_long_number_ids_are_counted_per_column_and_only_in_id_columns(workbook_input: Any) -> None:
    book = workbook_input({
        "Participants": [["id", "phone", "name"], [1234567890123456, 123456789012345678, "A"],
                         [1234567890123457, 1, "B"], [123456789012345, 2, "C"]],  # 15 digits: kept exactly
        "Relationships": [["source", "target", "reported_by"], [1234567890123456, 123456789012345, 1234567890123457]],
    })
    report = validate(book)
    assert report.flat() == [("Participants", 2, "id", "long-number-id"),
                             ("Relationships", 2, "source", "long-number-id"),
                             ("Relationships", 2, "reported_by", "long-number-id")]
    assert "(got the number 1234567890123456, 16 digits long, in row 2; 2 rows hold such numbers: 2-3)" \
        in report.issues[0].message


def test_long_ids_typed_as_text_are_not_warned_about(csv_input: Any, workbook_input: Any) -> None:
    people = [["id"], ["123456789012345678"], ["B"]]
    ties = [["source", "target"], ["123456789012345678", "B"]]
    assert validate(csv_input(participants=people, relationships=ties)).issues == ()
    assert validate(workbook_input({"Participants": people, "Relationships": ties})).issues == ()


def test_both_readers_read_a_number_beyond_2_to_the_53_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A program may write 123456789012345678 with every digit; Excel, and calamine, read a double."""
    import zipfile

    path = write_workbook(tmp_path / "w.xlsx", {"Participants": [["id"], [7]]})
    exact = tmp_path / "exact.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(exact, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b"<v>7</v>", b"<v>123456789012345678</v>"))
    calamine = read_workbook(exact).tables["Participants"].rows
    _openpyxl_only(monkeypatch)
    assert read_workbook(exact).tables["Participants"].rows == calamine == [(1.2345678901234568e17,)]


# --- 9. Broken node-link JSON ---------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "message"), [
    ("json-node-without-id.json", 'node 2 of "nodes" has no "id" (got {"name": "Ben Okafor"}). Give every node an "id" '
     'and every edge a "source" and a "target", each text or a number: edges name their nodes by id.'),
    ("json-id-is-object.json", 'node 1 of "nodes" has the "id" {"first": "Ana"}, expected text or a number. Give every '
     'node an "id" that is text or a number, and name nodes by it in "source" and "target".'),
    ("json-id-is-list.json", 'node 1 of "nodes" has the "id" ["P", 1], expected text or a number. Give every node an '
     '"id" that is text or a number, and name nodes by it in "source" and "target".'),
    ("json-edge-without-target.json", 'edge 1 of "links" has no "target" (got {"source": "P-001"}). Give every node an '
     '"id" and every edge a "source" and a "target", each text or a number: edges name their nodes by id.'),
    ("json-deeply-nested.json", "refused: the JSON nests lists or objects too deeply to be read (deeper than about a "
     "thousand levels; a node-link graph needs three or four). Export the graph again as node-link JSON."),
    ("json-top-level-list.json", 'expected a node-link graph, a JSON object with a "nodes" list and an "edges" (or '
     '"links") list (got a list, [{"id": "P-001"}, {"id": "P-002"}]). Export the graph as node-link JSON (networkx, D3 '
     "and Cytoscape.js write it), or give the tables as a workbook or CSV files."),
    ("json-not-an-object.json", 'expected a node-link graph, a JSON object with a "nodes" list and an "edges" (or '
     '"links") list (got text, "P-001"). Export the graph as node-link JSON (networkx, D3 and Cytoscape.js write it), '
     "or give the tables as a workbook or CSV files."),
    ("json-huge-number.json", "refused: the file holds a number of 5,001 digits, which no graph holds. Export the "
     "graph again as node-link JSON."),
])
def test_broken_node_link_json_says_what_to_fix(case: str, message: str) -> None:
    """Each met TypeError (unhashable type: 'dict'), KeyError, RecursionError or ValueError, or
    (a node without an id, an id that is a list) was read as something else."""
    with pytest.raises(UnreadableFile) as caught:
        validate(DATA / case)
    assert str(caught.value) == f"{DATA / case}: {message}"


def test_truncated_json_names_the_line_and_column() -> None:
    with pytest.raises(UnreadableFile) as caught:
        validate(DATA / "json-truncated.json")
    assert str(caught.value) == (f"{DATA / 'json-truncated.json'}, line 1, column 36: the file is not valid JSON "
                                 "(Unterminated string starting at); it may have been cut short. Export or save it again.")


@pytest.mark.parametrize(("text", "words"), [
    ('{"nodes": 5, "edges": []}', '(got "nodes" as a number)'),
    ('{"people": []}', "(got an object without \"nodes\" (keys: 'people'))"),
    ('{"nodes": ["a"], "edges": []}', 'node 1 of "nodes" is text ("a"), expected an object'),
    ('{"nodes": [{"id": "a"}], "edges": {"a": 1}}', 'expected "edges" to be a list of edges (got an object)'),
    ('{"nodes": [{"id": null}], "edges": []}', 'has the "id" null, expected text or a number'),
    ('{"nodes": [{"id": true}], "edges": []}', 'has the "id" true, expected text or a number'),
    ('{"nodes": [{"id": NaN}], "edges": []}', 'has the "id" NaN, expected text or a number'),
    ('{"nodes": [{"id": "a"}], "edges": [{"source": {"a": 1}, "target": "a"}]}', 'edge 1 of "edges" has the "source"'),
])
def test_other_shapes_of_json_are_refused_with_what_to_fix(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        read_input(path)
    assert words in str(caught.value) and str(caught.value).startswith(f"{path}: ")


def test_json_that_is_not_utf8_is_refused_and_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"nodes": [{"id": "José"}], "edges": []}'.encode("latin-1"))
    with pytest.raises(UnreadableFile, match=r"the file is not UTF-8 text \(byte 0xE9 at byte 22\), as JSON must be"):
        read_input(latin)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b'\xef\xbb\xbf{"nodes": [{"id": "A"}, {"id": "B"}], "edges": [{"source": "A", "target": "B"}]}')
    assert load(bom).graph.number_of_edges() == 1


def test_json_ids_may_be_numbers_and_attributes_lists(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text('{"directed": true, "nodes": [{"id": 1, "community": ["North", "South"]}, {"id": 2.0, "x": {"a": 1}}],'
                    ' "edges": [{"source": 1, "target": 2, "key": 0}]}', encoding="utf-8")
    land = load(path)
    assert sorted(land.graph.nodes) == ["1", "2"] and list(land.graph.edges()) == [("1", "2")]
    assert land.graph.nodes["1"]["community"] == ("North", "South") and land.graph.nodes["2"]["x"] == '{"a": 1}'


# --- 10a. An edge to a node the graph file does not declare -----------------------------------------------

@pytest.mark.parametrize("case", ["undeclared-node.graphml", "undeclared-node.gexf", "undeclared-node.json"])
def test_an_edge_to_an_undeclared_node_is_an_unknown_participant(case: str, csv_input: Any) -> None:
    """networkx creates the node unsaid; a spreadsheet naming an unknown person gets an error."""
    report = validate(DATA / case)
    [issue] = report.issues
    assert (issue.code, issue.value, report.participants) == ("unknown-participant", "P-009", 2)
    assert issue.message.startswith("expected the id of a row in nodes (got 'P-009', which is not there)")
    spreadsheet = csv_input(participants=[["id"], ["P-001"], ["P-002"]],
                            relationships=[["source", "target"], ["P-001", "P-002"], ["P-002", "P-009"]])
    assert [i.code for i in validate(spreadsheet).issues] == [issue.code]


def test_a_node_declared_twice_is_a_duplicate_id(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
                    '<node id="A"/><node id="B"/><node id="A"/><edge source="A" target="B"/></graph></graphml>',
                    encoding="utf-8")
    assert validate(path).flat() == [("nodes", 4, "id", "duplicate-id")]


def test_graph_xml_declaring_entities_is_refused_before_networkx_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><graphml '
                    'xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&a;"/></graph></graphml>',
                    encoding="utf-8")
    with pytest.raises(UnreadableFile, match="refused: the file's XML declares its own entities"):
        validate(path)


# --- 10b. Hidden sheets and rows --------------------------------------------------------------------

@pytest.mark.parametrize("calamine", [True, False], ids=["calamine", "openpyxl"])
def test_hidden_sheets_and_rows_are_read_and_warned_about(calamine: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not calamine:
        _openpyxl_only(monkeypatch)
    hidden = validate(DATA / "hidden-sheet.xlsx")
    assert [str(issue) for issue in hidden.issues] == [
        f"{DATA / 'hidden-sheet.xlsx'}, sheet Relationships: expected a visible sheet (got a sheet hidden in Excel); it "
        "is read like the others. To see it in Excel, right-click any sheet tab and choose Unhide"]
    assert hidden.relationships == 3
    very = validate(DATA / "very-hidden-sheet.xlsx")
    assert [issue.message for issue in very.issues] == [
        "expected a visible sheet (got a 'very hidden' sheet, which Excel's Unhide does not list: only the VBA editor "
        "shows it, by setting the sheet's Visible property); it is read like the others"]
    assert very.participants == 3
    rows = validate(DATA / "hidden-rows.xlsx")  # row 9 is hidden too, but empty: nothing to say
    assert [(issue.row, issue.message) for issue in rows.issues] == [
        (3, "expected every row with values to show in Excel (got 1 hidden or filtered-out row(s): 3); they are read "
            "like the others. To see them in Excel, clear any filter, select the whole sheet and choose Unhide rows")]
    assert rows.participants == 3


def test_rows_hidden_by_a_filter_are_listed(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    people = [["id", "group"], *[[f"P{i}", "x" if i % 2 else "y"] for i in range(1, 13)]]
    path = write_workbook(tmp_path / "w.xlsx", {"Participants": people, "Relationships": [["source", "target"],
                                                                                         ["P1", "P2"]]})
    book = load_workbook(path)
    sheet = book["Participants"]
    sheet.auto_filter.ref = "A1:B13"
    for row in range(3, 14, 2):  # the filter shows group x only
        sheet.row_dimensions[row].hidden = True
    book.save(path)
    [issue] = validate(path).issues
    assert issue.code == "hidden-rows" and "(got 6 hidden or filtered-out row(s): 3, 5, 7, 9, 11, 13)" in issue.message


# --- 10c. Text in runs, as Excel shows it ---------------------------------------------------------------

@pytest.mark.parametrize("calamine", [True, False], ids=["calamine", "openpyxl"])
def test_text_runs_read_as_excel_shows_them(calamine: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel drops the spaces at the ends of a <t> saved without xml:space="preserve", run by run:
    "Ana" + " Lima" shows as AnaLima. calamine did so, openpyxl kept the spaces: the two readers
    gave two names for one cell."""
    if not calamine:
        _openpyxl_only(monkeypatch)
    names = [row[1] for row in read_workbook(DATA / "rich-text-runs.xlsx").tables["Participants"].rows]
    # inline runs without preserve; shared runs with preserve; shared runs without, and a phonetic run left out
    assert names == ["AnaLima", "Ben Okafor", "ChenWei"]


def test_excel_text_trims_each_run_without_preserve_and_only_xml_white_space() -> None:
    from defusedxml.ElementTree import fromstring

    from landscape.io.sheetxml import excel_text

    def shown(xml: str) -> str:
        return excel_text(fromstring(f'<is xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{xml}</is>'))

    assert shown("<t>  Ana  Lima  </t>") == "Ana  Lima"
    assert shown('<t xml:space="preserve">  Ana </t>') == "  Ana "
    assert shown("<r><t>Ana&#10;</t></r><r><t>\tLima</t></r>") == "AnaLima"
    assert shown("<t>\u00a0Ana\u00a0</t>") == "\u00a0Ana\u00a0"  # a non-breaking space is not XML's white space
    assert shown("<t>Ana </t><r><t> </t></r><r><t>Lima</t></r>") == "AnaLima"


def test_long_number_warning_is_the_same_in_any_row_order(workbook_input: Any) -> None:
    """The number quoted is the smallest, whatever the rows' order (the first row's made the warning
    depend on it: Hypothesis found 1000000000000001 quoted one way and 1000000000000000 the other)."""
    people = [[1000000000000001, "A"], [1000000000000000, "B"]]
    quoted = set()
    for rows in (people, people[::-1]):
        report = validate(workbook_input({"Participants": [["id", "name"], *rows],
                                          "Relationships": [["source", "target"], ["A", "B"]]}))
        issue = next(issue for issue in report.issues if issue.code == "long-number-id")
        quoted.add((issue.value, issue.message.split(" in row ")[0]))
    assert quoted == {(1000000000000000, "expected ids stored as text (got the number 1000000000000000, 16 digits long,")}

"""Write the broken-input corpus in tests/data/: one defect per file or folder.

    pip install openpyxl msoffcrypto-tool xlwt
    python tests/data/build_corpus.py

The outputs are committed; this script documents how each was made and remakes them, except
the fuzz-*.xlsx files (inputs atheris found, see tests/fuzz/README.md) and zip-bad-deflate.xlsx /
zip-encrypted-part.xlsx (single header fields patched by hand next to them), which are kept as found. The
expected report for each lives with its test (tests/test_validate.py); binary cases that cannot
be read at all are tested in tests/test_readers.py. msoffcrypto-tool and xlwt are needed only
here, to make a genuinely password-protected workbook and a genuine old .xls file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

HERE = Path(__file__).resolve().parent

PEOPLE = [["id", "name", "community", "stakeholder_group", "level"],
          ["P-001", "Ana Lima", "Nursing", "nursing faculty", "3"],
          ["P-002", "Ben Okafor", "Nursing;Simulation", "simulation technicians", "2"],
          ["P-003", "Chen Wei", "Simulation", "medical faculty", "4"]]
TIES = [["source", "target", "type", "weight"],
        ["P-001", "P-002", "advice", "1"],
        ["P-002", "P-003", "collaboration", "2"],
        ["P-003", "P-001", "advice", "1"]]


def csv_folder(name: str, **tables: list[list[object]]) -> None:
    folder = HERE / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for table, rows in tables.items():
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)


def workbook(name: str, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = HERE / name
    book.save(path)
    return path


def rewrite_part(name: str, part: str, change) -> None:
    """Rewrite one XML part of a corpus workbook: for what openpyxl will not write."""
    path = HERE / name
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in parts.items():
            archive.writestr(member, data)


#: Names, attribute values, sheet names and relationship types that would run as script or markup
#: if a page or report put them in as HTML, or as formulas if a spreadsheet did.
HOSTILE = ["</script><script>alert('name')</script>", "<img src=x onerror=alert('img')>",
           "javascript:alert('url')", "{{constructor.constructor('alert(1)')()}}", "=HYPERLINK(\"http://x\",\"y\")",
           "<svg onload=alert('svg')>", "\u202eevil\u202c & <b>bold</b>"]


def with_rows(rows: list[list[object]], *changes: tuple[int, list[object]]) -> list[list[object]]:
    rows = [list(row) for row in rows]
    for index, row in changes:
        if index >= len(rows):
            rows.append(row)
        else:
            rows[index] = row
    return rows


def main() -> None:
    # Validation defects: each folder differs from a valid landscape by one defect.
    csv_folder("missing-id-column",
               participants=[["who", "community"], ["Ana Lima", "Nursing"]],
               relationships=TIES)
    csv_folder("blank-id", participants=with_rows(PEOPLE, (4, ["", "Dana Ruiz", "Nursing", "", ""])),
               relationships=TIES)
    csv_folder("duplicate-id", participants=with_rows(PEOPLE, (4, ["P-002", "Dana Ruiz", "Nursing", "", ""])),
               relationships=TIES)
    csv_folder("unknown-participant", participants=PEOPLE,
               relationships=with_rows(TIES, (4, ["P-001", "P-03", "advice", "1"])))
    csv_folder("ambiguous-name",
               participants=with_rows(PEOPLE, (4, ["P-004", "Ana Lima", "Simulation", "", ""])),
               relationships=with_rows(TIES, (4, ["Ana Lima", "P-003", "advice", "1"])))
    csv_folder("names-as-endpoints", participants=PEOPLE,
               relationships=with_rows(TIES, (4, ["Ana Lima", "chen wei", "advice", "1"])))
    csv_folder("bad-weight", participants=PEOPLE,
               relationships=with_rows(TIES, (1, ["P-001", "P-002", "advice", "high"]),
                                       (2, ["P-002", "P-003", "advice", "-1"]),
                                       (3, ["P-003", "P-001", "advice", "0"])))
    csv_folder("level-not-integer",
               participants=with_rows(PEOPLE, (1, ["P-001", "Ana Lima", "Nursing", "", "senior"]),
                                      (2, ["P-002", "Ben Okafor", "Nursing", "", "2.5"])),
               relationships=TIES)
    csv_folder("influence-out-of-range",
               participants=[[*PEOPLE[0], "influence"], [*PEOPLE[1], "11"], [*PEOPLE[2], "-1"], [*PEOPLE[3], "7.5"]],
               relationships=TIES)
    csv_folder("self-tie", participants=PEOPLE, relationships=with_rows(TIES, (4, ["P-002", "P-002", "advice", "1"])))
    csv_folder("duplicate-relationship", participants=PEOPLE,
               relationships=with_rows(TIES, (4, ["P-002", "P-003", "collaboration", "2"])))
    csv_folder("blank-rows", participants=with_rows(PEOPLE, (2, ["", "", "", "", ""]), (4, PEOPLE[2])),
               relationships=with_rows(TIES, (2, ["", "", "", ""]), (4, TIES[2])))
    csv_folder("duplicate-column", participants=[["id", "Name", "name"], ["P-001", "Ana Lima", "Ana"],
                                                 ["P-002", "Ben Okafor", "Ben"]],
               relationships=[TIES[0], TIES[1]])
    csv_folder("unnamed-column",
               participants=[[*PEOPLE[0], ""], [*PEOPLE[1], "x"], [*PEOPLE[2], ""], [*PEOPLE[3], "y"]],
               relationships=TIES)
    csv_folder("bad-direction", participants=PEOPLE,
               relationships=[[*TIES[0], "direction"], [*TIES[1], "sideways"], [*TIES[2], "Undirected"],
                              [*TIES[3], "DIRECTED"]])
    csv_folder("voices-defects", participants=PEOPLE, relationships=TIES,
               voices=[["stakeholder_group", "expected", "expected_share", "why"],
                       ["nursing faculty", "2", "", "they run the simulations"],
                       ["patients", "", "", "no number given"],
                       ["pharmacists", "", "1.5", "a share above 1"],
                       ["nursing faculty", "3", "", "listed twice"],
                       ["students", "", "25%", "a percentage"]])
    csv_folder("undeclared-community", participants=PEOPLE, relationships=TIES,
               communities=[["community", "parent"], ["Nursing", "Northgate University"]])
    csv_folder("group-spelling", participants=[*PEOPLE, ["P-004", "Dana Ruiz", "nursing ", "Nursing Faculty", "1"]],
               relationships=TIES)
    csv_folder("no-relationship-rows", participants=PEOPLE, relationships=[TIES[0]])
    csv_folder("no-participant-rows", participants=[PEOPLE[0]], relationships=[TIES[0]])
    csv_folder("missing-relationships-table", participants=PEOPLE)
    csv_folder("gephi-headers",
               nodes=[["Id", "Label", "Modularity Class"], ["1", "Ana", "0"], ["2", "Ben", "1"], ["3", "Chen", "1"]],
               edges=[["Source", "Target", "Type", "Id", "Weight"], ["1", "2", "Directed", "0", "1.0"],
                      ["2", "3", "Undirected", "1", "2.0"]])
    csv_folder("synonym-headers",
               participants=[["Participant ID", "Full Name", "Organization", "Stakeholder Group", "Communities"],
                             ["007", "Ana Lima", "Northgate", "nurses", "Nursing | Simulation"],
                             ["7", "Ben Okafor", "Northgate", "technicians", "Simulation"]],
               relationships=[["From", "To", "Relation", "Strength"], ["007", "7", "Advice", "3"],
                              ["7", "007", "Reports to", "1"]])

    # Workbooks.
    workbook("kumu-export.xlsx", {
        "Elements": [["Label", "Type", "Tags", "Description"], ["Ana Lima", "Person", "nurse|faculty", "Lead"],
                     ["Ben Okafor", "Person", "technician", None], ["Northgate", "Organization", None, None]],
        "Connections": [["From", "To", "Type", "Direction"], ["Ana Lima", "Ben Okafor", "advice", "directed"],
                        ["Ben Okafor", "Northgate", "member", "undirected"], ["Ana Lima", "Northgate", "member", "mutual"]],
    })
    workbook("excel-number-ids.xlsx", {
        "Participants": [["id", "name"], [7, "Seven"], ["007", "Double-oh seven"], [8.0, "Eight"]],
        "Relationships": [["source", "target"], ["7", 8], [7.0, "007"], [8, "8"]],
    })
    workbook("unrecognised-sheet.xlsx", {
        "Instructions": [["Fill in the sheets"]],
        "Participants": PEOPLE,
        "Relationships": TIES,
        "Sheet2": [["scratch", "notes"], [1, 2]],
    })
    workbook("duplicate-sheet.xlsx", {"Participants": PEOPLE, "People": PEOPLE, "Relationships": TIES})
    workbook("empty-workbook.xlsx", {"Sheet1": []})
    workbook("typed-cells.xlsx", {
        "Participants": [["id", "name", "level", "influence"], ["P-001", "Ana", 3, 7.5], ["P-002", "Ben", 2.0, 10],
                         ["P-003", "Chen", True, 4]],
        "Relationships": [["source", "target", "weight"], ["P-001", "P-002", 2], ["P-002", "P-003", 0.5]],
    })

    # Awkward workbooks: each reads, and the report says what was done.
    workbook("empty-participants-sheet.xlsx", {"Participants": [], "Relationships": TIES})
    workbook("title-above-header.xlsx", {"Participants": [["Clinical simulation partnership: who takes part"], [],
                                                          *PEOPLE], "Relationships": TIES})
    path = workbook("merged-header.xlsx", {"Participants": [["id", None, *PEOPLE[0][2:]],
                                                            *[[row[0], row[1], *row[2:]] for row in PEOPLE[1:]]],
                                           "Relationships": TIES})
    from openpyxl import load_workbook  # noqa: PLC0415

    book = load_workbook(path)
    book["Participants"].merge_cells("A1:B1")
    book.save(path)
    workbook("formulas-not-calculated.xlsx", {"Participants": with_rows(PEOPLE, (1, [*PEOPLE[1][:4], "=1+2"])),
                                              "Relationships": TIES})
    workbook("formulas-calculated.xlsx", {"Participants": with_rows(PEOPLE, (1, [*PEOPLE[1][:4], "=1+2"])),
                                          "Relationships": TIES})
    rewrite_part("formulas-calculated.xlsx", "xl/worksheets/sheet1.xml",
                 lambda xml: re.sub(r'<c r="E2"[^>]*>.*?</c>', '<c r="E2"><f>1+2</f><v>3</v></c>', xml))
    workbook("dates-in-number-columns.xlsx", {
        "Participants": with_rows(PEOPLE, (1, [*PEOPLE[1][:4], dt.datetime(2024, 3, 1)])),
        "Relationships": with_rows(TIES, (1, ["P-001", "P-002", "advice", dt.datetime(2024, 1, 2)]))})
    workbook("ids-as-dates.xlsx", {
        "Participants": [["id", "name"], [dt.datetime(2024, 1, 2), "Ana Lima"], ["1-3", "Ben Okafor"]],
        "Relationships": [["source", "target"], [dt.datetime(2024, 1, 2), "1-3"], ["1-3", dt.datetime(2024, 1, 2)]]})
    workbook("spaces-in-ids.xlsx", {"Participants": PEOPLE, "Relationships": [
        TIES[0], ["P-001 ", "P-002", "advice", 1], ["P-002\u00a0", "P-003", "advice", 1], ["\tP-003", " P-001", "advice", 1]]})
    workbook("huge-cell.xlsx", {"Participants": with_rows(PEOPLE, (1, ["P-001", "HUGE", *PEOPLE[1][2:]])),
                                "Relationships": TIES})
    rewrite_part("huge-cell.xlsx", "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace("<t>HUGE</t>", "<t>" + "Ana Lima " * (50 * 1024 * 1024 // 9) + "</t>", 1))
    path = workbook("empty-rows-100k.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    book = load_workbook(path)
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(5, 100_005):  # formatted but empty: what a whole coloured column leaves behind
        book["Participants"].cell(row=row, column=1).fill = fill
    book.save(path)
    workbook("hostile-sheet-name.xlsx", {"Participants": PEOPLE, "Relationships": TIES,
                                         "<img src=x onerror=alert(1)>": [["x"]]})

    # Awkward CSV folders.
    csv_folder("leading-zero-ids", participants=[["id", "name"], ["007", "Ana Lima"], ["008", "Ben Okafor"]],
               relationships=[["source", "target"], ["007", "008"], ["7", "008"]])
    csv_folder("unicode-normal-forms",
               participants=[["id", "name"], [unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFC", "José Núñez")],
                             ["B", "Ben"]],
               relationships=[["source", "target"], [unicodedata.normalize("NFD", "José"), "B"],
                              ["B", unicodedata.normalize("NFD", "José Núñez")]])
    csv_folder("mixed-case-types", participants=PEOPLE,
               relationships=[TIES[0], ["P-001", "P-002", "Advice", "1"], ["P-002", "P-003", "ADVICE", "1"],
                              ["P-003", "P-001", "advice ", "1"], ["P-001", "P-003", "Reports To", "1"]])
    csv_folder("hostile-content",
               participants=[["id", "name", "community", "stakeholder_group", "role"],
                             *[[f"H{number}", name, name, name, name] for number, name in enumerate(HOSTILE, start=1)]],
               relationships=[["source", "target", "type", "boundary_object"],
                              *[[f"H{number}", f"H{number % len(HOSTILE) + 1}", name, name]
                                for number, name in enumerate(HOSTILE, start=1)]])
    csv_folder("unclosed-quote-csv", participants=PEOPLE, relationships=TIES)
    (HERE / "unclosed-quote-csv" / "participants.csv").write_text(
        'id,name\nP-001,"Ana Lima\nP-002,Ben Okafor\nP-003,Chen Wei\n', encoding="utf-8")
    csv_folder("binary-csv", participants=PEOPLE, relationships=TIES)
    (HERE / "binary-csv" / "participants.csv").write_bytes(b"id,name\nP-001,Ana\x00\x01\x02\n")

    # Files that cannot be read at all.
    valid = workbook("_valid.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    data = valid.read_bytes()
    (HERE / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    (HERE / "not-a-workbook.xlsx").write_bytes(b"id,name\nP-001,Ana\n")
    import msoffcrypto.format.ooxml  # noqa: PLC0415 - only this script needs it

    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)).encrypt("secret", encrypted)
    (HERE / "password-protected.xlsx").write_bytes(encrypted.getvalue())
    import xlwt  # noqa: PLC0415

    book = xlwt.Workbook()
    sheet = book.add_sheet("Participants")
    for r, row in enumerate(PEOPLE):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(HERE / "legacy-xls-renamed.xlsx"))
    with zipfile.ZipFile(HERE / "ods-renamed.xlsx", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with zipfile.ZipFile(HERE / "numbers-renamed.xlsx", "w") as archive:  # Apple Numbers' package layout
        archive.writestr("Index/Document.iwa", b"\x00" * 16)
        archive.writestr("Metadata/Properties.plist", b"bplist00")
    entities = "".join(f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">' for i in range(1, 10))
    shutil.copyfile(valid, HERE / "billion-laughs.xlsx")
    rewrite_part("billion-laughs.xlsx", "xl/worksheets/sheet1.xml", lambda xml: (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY e0 "lol">{entities}]>'
        + re.sub(r"^<\?xml[^>]*\?>", "", xml).replace("<t>id</t>", "<t>id&e9;</t>", 1)))
    shutil.copyfile(valid, HERE / "zip-bomb.xlsx")
    rewrite_part("zip-bomb.xlsx", "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace("<sheetData>", "<sheetData>" + " " * (200 * 1024 * 1024), 1))
    valid.unlink()
    csv_folder("latin1-csv", participants=PEOPLE, relationships=TIES)
    (HERE / "latin1-csv" / "participants.csv").write_bytes(
        "id,name\nP-001,José Núñez\nP-002,Ben\nP-003,Chen\n".encode("latin-1"))
    csv_folder("not-windows-1252-csv", participants=PEOPLE, relationships=TIES)
    (HERE / "not-windows-1252-csv" / "participants.csv").write_bytes(b"id,name\nP-001,Ana\x81\nP-002,Ben\n")
    csv_folder("utf16-csv", participants=PEOPLE, relationships=TIES)
    text = (HERE / "utf16-csv" / "participants.csv").read_text("utf-8")
    (HERE / "utf16-csv" / "participants.csv").write_bytes(text.encode("utf-16"))
    csv_folder("semicolon-bom-csv", participants=PEOPLE, relationships=TIES)
    text = (HERE / "semicolon-bom-csv" / "participants.csv").read_text("utf-8").replace(",", ";").replace(
        "Nursing;Simulation", '"Nursing;Simulation"')
    (HERE / "semicolon-bom-csv" / "participants.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    reading_round_two()


def add_shared_strings(name: str, sheet_part: str, strings: dict[str, str]) -> None:
    """Move the inline text cells named in ``strings`` (cell -> <si> content) into a shared strings
    part, as Excel stores text: for what openpyxl writes only as inline strings."""
    path = HERE / name
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename).decode("utf-8") for info in archive.infolist()}
    sheet = parts[sheet_part]
    for index, (cell, item) in enumerate(strings.items()):
        sheet = re.sub(rf'<c r="{cell}"[^>]*>.*?</c>', f'<c r="{cell}" t="s"><v>{index}</v></c>', sheet)
    parts[sheet_part] = sheet
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{main_ns}" count="{len(strings)}" '
                                     f'uniqueCount="{len(strings)}">' + "".join(f"<si>{item}</si>" for item in strings.values())
                                     + "</sst>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace("</Relationships>", (
        '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in parts.items():
            archive.writestr(member, data)


def graph_file(name: str, text: str) -> None:
    (HERE / name).write_text(text, encoding="utf-8")


def reading_round_two() -> None:
    """Issue 21: inputs a reader once read wrongly without a word, or answered with a Python error."""
    # Two files for one table: the .tsv was read and the .csv's rows lost, the input called valid.
    csv_folder("participants-csv-and-tsv", participants=PEOPLE, relationships=TIES)
    with (HERE / "participants-csv-and-tsv" / "participants.tsv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(
            [PEOPLE[0], ["P-004", "Dana Ruiz", "Nursing", "students", "1"]])
    # Row 4 numbered 3, so that row 3 is written twice (Excel calls the file corrupt); and rows out of order.
    workbook("duplicate-row-number.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    rewrite_part("duplicate-row-number.xlsx", "xl/worksheets/sheet1.xml",
                 lambda xml: re.sub(r'r="([A-Z]*)4"', r'r="\g<1>3"', xml))
    workbook("rows-out-of-order.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    rewrite_part("rows-out-of-order.xlsx", "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        r'(<row r="2".*?</row>)(<row r="3".*?</row><row r="4".*?</row>)', r"\2\1", xml))
    # Ids of 18 digits typed as numbers: Excel has already changed their last digits.
    workbook("long-number-ids.xlsx", {
        "Participants": [["id", "name"], [123456789012345678, "Ana Lima"], ["P-002", "Ben Okafor"]],
        "Relationships": [["source", "target"], [123456789012345678, "P-002"], ["P-002", 123456789012345678]]})
    # Hidden things are read, and the report says they are there.
    path = workbook("hidden-sheet.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    from openpyxl import load_workbook  # noqa: PLC0415

    book = load_workbook(path)
    book["Relationships"].sheet_state = "hidden"
    book.save(path)
    path = workbook("very-hidden-sheet.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    book = load_workbook(path)
    book["Participants"].sheet_state = "veryHidden"
    book.save(path)
    path = workbook("hidden-rows.xlsx", {"Participants": PEOPLE, "Relationships": TIES})
    book = load_workbook(path)
    book["Participants"].row_dimensions[3].hidden = True
    book["Participants"].row_dimensions[9].hidden = True  # hidden but empty: nothing to say
    book.save(path)
    # Text in runs without xml:space="preserve": Excel drops the spaces at each run's ends.
    workbook("rich-text-runs.xlsx", {"Participants": with_rows(PEOPLE, (1, ["P-001", "RUNS", *PEOPLE[1][2:]])),
                                     "Relationships": TIES})
    rewrite_part("rich-text-runs.xlsx", "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        "<is><t>RUNS</t></is>", "<is><r><t>Ana</t></r><r><rPr><b/></rPr><t> Lima</t></r></is>"))
    add_shared_strings("rich-text-runs.xlsx", "xl/worksheets/sheet1.xml", {
        "B3": '<r><t xml:space="preserve">Ben </t></r><r><rPr><i/></rPr><t>Okafor</t></r>',
        "B4": "<r><t>Chen </t></r><r><t>Wei</t></r><rPh sb=\"0\" eb=\"4\"><t>CHEN</t></rPh>"})

    # Graph files whose edges name a node the file does not declare.
    graph_file("undeclared-node.graphml", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '  <graph id="G" edgedefault="directed">\n    <node id="P-001"/>\n    <node id="P-002"/>\n'
        '    <edge source="P-001" target="P-002"/>\n    <edge source="P-002" target="P-009"/>\n  </graph>\n</graphml>\n'))
    graph_file("undeclared-node.gexf", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
        '  <graph defaultedgetype="directed">\n    <nodes><node id="P-001" label="Ana Lima"/>'
        '<node id="P-002" label="Ben Okafor"/></nodes>\n    <edges><edge id="0" source="P-001" target="P-002"/>'
        '<edge id="1" source="P-009" target="P-001"/></edges>\n  </graph>\n</gexf>\n'))
    graph_file("undeclared-node.json", '{"directed": true, "nodes": [{"id": "P-001"}, {"id": "P-002"}],\n'
                                       ' "links": [{"source": "P-001", "target": "P-002"}, {"source": "P-001", "target": "P-009"}]}\n')
    # Node-link JSON that networkx answered with TypeError, KeyError or RecursionError, or read wrongly.
    graph_file("json-node-without-id.json", '{"nodes": [{"id": "P-001"}, {"name": "Ben Okafor"}], "edges": []}\n')
    graph_file("json-id-is-object.json", '{"nodes": [{"id": {"first": "Ana"}}], "edges": []}\n')
    graph_file("json-id-is-list.json", '{"nodes": [{"id": ["P", 1]}], "edges": []}\n')
    graph_file("json-edge-without-target.json", '{"nodes": [{"id": "P-001"}], "links": [{"source": "P-001"}]}\n')
    graph_file("json-deeply-nested.json", '{"nodes": ' + "[" * 10_000 + "]" * 10_000 + "}\n")
    graph_file("json-top-level-list.json", '[{"id": "P-001"}, {"id": "P-002"}]\n')
    graph_file("json-not-an-object.json", '"P-001"\n')
    graph_file("json-truncated.json", '{"nodes": [{"id": "P-001"}, {"id": "P-0')
    graph_file("json-huge-number.json", '{"nodes": [{"id": 1' + "0" * 5000 + '}], "edges": []}\n')


if __name__ == "__main__":
    main()

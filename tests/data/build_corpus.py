"""Write the broken-input corpus in tests/data/: one defect per file or folder.

    pip install openpyxl msoffcrypto-tool xlwt
    python tests/data/build_corpus.py

The outputs are committed; this script documents how each was made and remakes them. The
expected report for each lives with its test (tests/test_validate.py); binary cases that cannot
be read at all are tested in tests/test_readers.py. msoffcrypto-tool and xlwt are needed only
here, to make a genuinely password-protected workbook and a genuine old .xls file.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

from openpyxl import Workbook

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
    valid.unlink()
    csv_folder("latin1-csv", participants=PEOPLE, relationships=TIES)
    (HERE / "latin1-csv" / "participants.csv").write_bytes(
        "id,name\nP-001,José Núñez\nP-002,Ben\nP-003,Chen\n".encode("latin-1"))
    csv_folder("utf16-csv", participants=PEOPLE, relationships=TIES)
    text = (HERE / "utf16-csv" / "participants.csv").read_text("utf-8")
    (HERE / "utf16-csv" / "participants.csv").write_bytes(text.encode("utf-16"))
    csv_folder("semicolon-bom-csv", participants=PEOPLE, relationships=TIES)
    text = (HERE / "semicolon-bom-csv" / "participants.csv").read_text("utf-8").replace(",", ";").replace(
        "Nursing;Simulation", '"Nursing;Simulation"')
    (HERE / "semicolon-bom-csv" / "participants.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


if __name__ == "__main__":
    main()

"""The findings report and the metrics workbook."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook

from landscape import load, sample_path
from landscape.render.atlas import run_passes
from landscape.render.report import report_blocks, report_html, report_markdown
from landscape.render.workbook import write_metrics
from landscape.findings import result_dict

HOSTILE = "<script>alert(1)</script> *bold* [link](javascript:alert(1)) | # head"


def _report(land):
    results = {name: result_dict(name, result) for name, result in run_passes(land).items()}
    return results, report_blocks("Report", land.report, results)


def test_report_has_the_import_first_then_every_discipline_with_its_questions() -> None:
    land = load(sample_path("clinical-simulation"))
    results, blocks = _report(land)
    headings = [block.text for block in blocks if block.kind == "h2"]
    assert headings == ["What was read", "Voices: Who needs to be involved?", "Power: How can learning trump power?",
                        "Boundaries: How can boundaries become learning assets?",
                        "Scale: How can we keep a multi-scale perspective?"]
    markdown = report_markdown(blocks)
    findings = [f for result in results.values() for f in result["findings"]]
    assert markdown.count("\n- **") == len(findings)
    for finding in findings:
        assert finding["question"].replace("*", "\\*") in markdown
    assert "76 participants and 384 relationships from clinical-simulation.xlsx." in markdown
    assert "/work" not in markdown  # the file's name, not where it lives


def test_html_report_is_inert_and_printable(csv_input) -> None:
    people = [["id", "name", "community"], ["A", HOSTILE, HOSTILE], ["B", "Ben", "Other"]]
    land = load(csv_input(participants=people, relationships=[["source", "target"], ["A", "B"], ["A", "A"]]))
    _, blocks = _report(land)
    page = report_html(blocks)
    assert "<script" not in page and "javascript:alert" not in re.sub(r"&[a-z]+;", "", page).split("</style>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page and "default-src 'none'" in page
    markdown = report_markdown(blocks)
    assert "<script>" not in markdown and "\\<script\\>" in markdown


def test_metrics_workbook(tmp_path: Path, csv_input) -> None:
    people = [["id", "name", "community", "level"], ["A", "=cmd|'/c calc'!A1", "X", "2"], ["B", "+1", "Y", "3"],
              ["C", "Chen", "X", "1"]]
    ties = [["source", "target", "type"], ["A", "B", "advice"], ["B", "C", "advice"], ["C", "A", "advice"]]
    land = load(csv_input(participants=people, relationships=ties))
    results = {name: result_dict(name, result) for name, result in run_passes(land).items()}
    path = write_metrics(tmp_path / "metrics.xlsx", land, results, land.report)
    book = load_workbook(path)
    assert book.sheetnames == ["Participants", "Groups", "Ties", "Findings", "Import report"]
    people_sheet = book["Participants"]
    header = [cell.value for cell in people_sheet[1]]
    assert header[:4] == ["id", "name", "community", "level"]
    assert {"voices in_degree", "power betweenness", "boundaries liaison", "scale community"} <= set(header)
    assert people_sheet.freeze_panes == "A2"
    row = {h: c for h, c in zip(header, people_sheet[2])}
    assert row["name"].value == "=cmd|'/c calc'!A1" and row["name"].data_type == "s"  # text, not a formula
    assert {h: c.value for h, c in zip(header, people_sheet[3])}["name"] == "+1"
    assert row["level"].value == 2 and row["level"].data_type == "n"  # numbers stay numbers
    assert row["voices in_degree"].value == 1
    ties_sheet = book["Ties"]
    assert [c.value for c in ties_sheet[1]][:5] == ["row", "source", "source name", "target", "target name"]
    assert ties_sheet.max_row == 4
    findings = book["Findings"]
    assert findings.max_row - 1 == sum(len(r["findings"]) for r in results.values())


def test_metrics_density_within_is_zero_for_untied_groups_however_many(tmp_path: Path, csv_input) -> None:
    """Above 100 groups the mixing lists densities only where there are ties; the workbook still
    gives 0 within a group of two or more with no tie inside, and nothing for a group of one."""
    from landscape.passes import boundaries

    for teams in (30, 120):
        people = [["id", "name", "team"]] + [[f"t{t}p{i}", f"t{t}p{i}", f"T{t:03d}"]
                                             for t in range(teams) for i in range(2 if t else 1)]
        ties = [["source", "target", "type"]] + [[f"t{t}p0", f"t{(t + 1) % teams}p0", "advice"] for t in range(teams)]
        land = load(csv_input(participants=people, relationships=ties))
        results = {"boundaries": result_dict("boundaries", boundaries(land, group="team"))}
        assert results["boundaries"]["mixing"]["complete"] is (teams <= 100)
        path = write_metrics(tmp_path / f"metrics-{teams}.xlsx", land, results, land.report)
        rows = list(load_workbook(path)["Groups"].iter_rows(min_row=2, values_only=True))
        density = {row[2]: row[15] for row in rows if row[0] == "boundaries"}
        assert density["T000"] is None and {density[f"T{t:03d}"] for t in range(1, teams)} == {0}

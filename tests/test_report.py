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


def test_report_opens_with_the_summary_then_every_discipline_then_the_import_and_the_glossary() -> None:
    land = load(sample_path("clinical-simulation"))
    results, blocks = _report(land)
    headings = [block.text for block in blocks if block.kind == "h2"]
    assert headings == ["In brief", "Voices: Who needs to be involved?", "Power: How can learning trump power?",
                        "Boundaries: How can boundaries become learning assets?",
                        "Scale: How can we keep a multi-scale perspective?",
                        "Leadership: How do we foster distributed leadership?",
                        "Value creation: What difference are we making, and for whom?", "What was read",
                        "Words and measures"]
    markdown = report_markdown(blocks)
    findings = [f for result in results.values() for f in result["findings"]]
    assert markdown.count("\n  How we know: ") == len(findings)
    for finding in findings:
        assert finding["question"].replace("*", "\\*") in markdown
    assert "76 participants and 473 relationships from clinical-simulation.xlsx." in markdown
    assert "/work" not in markdown  # the file's name, not where it lives
    assert "mean\\_ari" not in markdown and "voice\\_share" not in markdown  # no backslash inside a word


def test_the_summary_says_who_which_ties_which_waves_and_what_matters_most(tmp_path: Path) -> None:
    """Hand-checked on the sample: 11 stakeholder groups take part (13 on the roster, 2 missing), 7
    communities, 5 organisations and 2 wider units (the Communities sheet); the Relationships sheet has
    235 advice, 105 collaboration and 44 reports_to rows; 296 pairs are tied by advice or collaboration
    (counted with sets in tests/test_boundaries.py)."""
    import landscape

    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    markdown = files.report_markdown.read_text("utf-8")
    brief = markdown[markdown.index("## In brief"):markdown.index("## Voices")]
    # The leadership nominations hold two waves (2024, 2025; 46 rows in 2025): the report maps the latest.
    assert ("76 people take part, from 11 stakeholder groups, 7 communities, 5 organisations and 2 wider units. "
            "They recorded 430 relationships: 235 advice, 105 collaboration, 46 looks_to_for_leadership and 44 "
            "reports_to. The findings read the advice and collaboration ties, between 296 pairs of people. The "
            "relationships hold 2 waves (2024 and 2025): this report maps 2025, and Leadership says who is newly "
            "looked to since 2024.") in brief
    picked = re.findall(r"^- \*\*(.+)\*\* \(([\w ]+)\)$", brief, flags=re.M)
    assert 3 <= len(picked) <= 5 and {d for _, d in picked} <= {"Voices", "Power", "Boundaries", "Scale", "Leadership",
                                                                "Value creation"}
    assert brief.count("\n  *") == len(picked)  # each with its question
    page = files.report_html.read_text("utf-8")
    assert page.index("<h2>In brief</h2>") < page.index("<h2>Voices") < page.index("<h2>What was read</h2>")
    # Waves: peer-circle holds three; the maps show the latest and Continuity compares it with the one before.
    files = landscape.atlas(load(sample_path("peer-circle")), tmp_path / "peer")
    brief = files.report_markdown.read_text("utf-8").split("## Voices")[0]
    assert ("The relationships hold 3 waves (2023, 2024 and 2025): the maps show 2025, and Continuity compares it "
            "with 2024.") in brief


def test_the_summary_gives_the_response_rate_where_the_data_say_who_answered(tmp_path: Path, csv_input) -> None:
    people = [["id", "name", "community", "responded"], ["A", "Ann", "X", "yes"], ["B", "Ben", "X", "no"],
              ["C", "Cat", "Y", "Yes"], ["D", "Dan", "Y", ""]]
    ties = [["source", "target", "type"], ["A", "B", "advice"], ["C", "A", "advice"]]
    import landscape

    files = landscape.atlas(load(csv_input(participants=people, relationships=ties)), tmp_path / "atlas")
    brief = files.report_markdown.read_text("utf-8").split("## Voices")[0]
    assert "2 of 3 people answered (67%); fewest among X (1 of 2); for 1 more, whether they answered is not recorded" in brief
    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "sample")
    assert "people answered" not in files.report_markdown.read_text("utf-8")  # not known: not said


def test_the_glossary_explains_every_statistic_the_report_names(tmp_path: Path) -> None:
    """Issue 17: each statistic named in the evidence has a plain sentence and a reference in the appendix."""
    import landscape

    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    markdown = files.report_markdown.read_text("utf-8")
    body, glossary = markdown.split("## Words and measures")
    terms = re.findall(r"^- \*\*(.+?)\*\*: (.+?) \*(.+)\*$", glossary, flags=re.M)
    assert len(terms) > 50 and all(meaning and source for _, meaning, source in terms)
    named = " ".join(term for term, _, _ in terms)
    for word in ("Spearman", "Kendall", "p-value", "E-I", "modularity", "Louvain", "NMI", "ARI", "betweenness",
                 "PageRank", "centralization", "k-core", "onion", "constraint", "Blau", "IQV", "Shannon", "Jaccard",
                 "silence ratio", "voice share", "representation ratio", "dissimilarity", "reciprocity"):
        if word.casefold() in body.casefold():
            assert word.casefold() in named.casefold(), word


def test_html_report_is_inert_and_printable(csv_input) -> None:
    people = [["id", "name", "community"], ["A", HOSTILE, HOSTILE], ["B", "Ben", "Other"]]
    land = load(csv_input(participants=people, relationships=[["source", "target"], ["A", "B"], ["A", "A"]]))
    _, blocks = _report(land)
    page = report_html(blocks)
    assert "<script" not in page and "javascript:alert" not in re.sub(r"&[a-z]+;", "", page).split("</style>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page and "default-src 'none'" in page
    markdown = report_markdown(blocks)
    assert re.search(r"(?<!\\)<script", markdown) is None and "\\<script>" in markdown


def test_metrics_workbook(tmp_path: Path, csv_input) -> None:
    people = [["id", "name", "community", "level"], ["A", "=cmd|'/c calc'!A1", "X", "2"], ["B", "+1", "Y", "3"],
              ["C", "Chen", "X", "1"]]
    ties = [["source", "target", "type"], ["A", "B", "advice"], ["B", "C", "advice"], ["C", "A", "advice"]]
    land = load(csv_input(participants=people, relationships=ties))
    results = {name: result_dict(name, result) for name, result in run_passes(land).items()}
    path = write_metrics(tmp_path / "metrics.xlsx", land, results, land.report)
    book = load_workbook(path)
    assert book.sheetnames == ["Participants", "Groups", "Ties", "Findings", "Import report", "Glossary"]
    people_sheet = book["Participants"]
    header = [cell.value for cell in people_sheet[1]]
    assert header[:4] == ["id", "name", "community", "level"]
    assert {"Named by others", "On paths between others", "Links two other groups", "Unit: community"} <= set(header)
    assert people_sheet.freeze_panes == "A2"
    row = {h: c for h, c in zip(header, people_sheet[2])}
    assert row["name"].value == "=cmd|'/c calc'!A1" and row["name"].data_type == "s"  # text, not a formula
    assert {h: c.value for h, c in zip(header, people_sheet[3])}["name"] == "+1"
    assert row["level"].value == 2 and row["level"].data_type == "n"  # numbers stay numbers
    assert row["Named by others"].value == 1
    ties_sheet = book["Ties"]
    assert [c.value for c in ties_sheet[1]][:5] == ["row", "source", "source name", "target", "target name"]
    assert ties_sheet.max_row == 4
    findings = book["Findings"]
    assert findings.max_row - 1 == sum(len(r["findings"]) for r in results.values())
    # Read aloud first: the headline, then the question, the evidence after.
    assert [c.value for c in findings[1]][2:5] == ["headline", "question", "how we know"]
    first = next(f for r in results.values() for f in r["findings"])
    assert [c.value for c in findings[2]][2:5] == [first["headline"], first["question"],
                                                   f"{first['statement']} {first['how']}"]


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


def _sample_workbook(tmp_path: Path) -> tuple[dict, Path]:
    land = load(sample_path("clinical-simulation"))
    results = {name: result_dict(name, result) for name, result in run_passes(land).items()}
    return results, write_metrics(tmp_path / "metrics.xlsx", land, results, land.report)


def test_the_glossary_explains_every_participants_column(tmp_path: Path) -> None:
    _, path = _sample_workbook(tmp_path)
    book = load_workbook(path)
    header = [cell.value for cell in book["Participants"][1]]
    glossary = list(book["Glossary"].iter_rows(values_only=True))
    assert glossary[0] == ("sheet", "column", "what it means", "JSON key", "reference")
    explained = {(sheet, column): (meaning, key) for sheet, column, meaning, key, _ in glossary[1:]}
    assert [column for sheet, column in explained if sheet == "Participants"] == header
    for column in header:
        meaning, key = explained["Participants", column]
        assert meaning and key, column
    groups = [cell.value for cell in book["Groups"][1]]
    assert {column for sheet, column in explained if sheet == "Groups"} == set(groups[3:])
    # Readable headers: no internal names with underscores or pass prefixes among the measures.
    measures = header[header.index("Named by others"):]
    assert len(measures) == 33 and not [h for h in measures if "_" in h or h.split()[0] in
                                        ("voices", "power", "boundaries", "scale")]


def test_metrics_numbers_are_exact_and_shown_rounded(tmp_path: Path) -> None:
    results, path = _sample_workbook(tmp_path)
    sheet = load_workbook(path)["Participants"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)}
    floats = {h for row in rows.values() for h, cell in row.items() if isinstance(cell.value, float)}
    assert {"Variety of contacts' groups", "On paths between others", "Sought out beyond rank",
            "Closed in by own contacts"} <= floats
    for row in rows.values():
        for column in floats:
            if isinstance(row[column].value, float):
                assert row[column].number_format not in ("General", None), column
    # Stored exactly: the very floats the passes computed (hand-checked on the sample: P001's five
    # contacts are 2 hospital managers, 2 regional network staff and 1 nursing faculty, so Blau is
    # 1 - (4 + 4 + 1) / 25 = 0.64, held as 0.6399999999999999; Yara Fischer (P014) is named by 23).
    assert abs(rows["P001"]["Variety of contacts' groups"].value - (1 - (4 + 4 + 1) / 25)) < 1e-12
    assert rows["P014"]["Named by others"].value == 23 and rows["P014"]["Names others"].value == 14
    for pid in ("P001", "P014", "P040"):
        voices, power = results["voices"]["participants"][pid], results["power"]["participants"][pid]
        assert rows[pid]["Variety of contacts' groups"].value == voices["blau"]
        assert rows[pid]["Spread of contacts over groups"].value == voices["shannon"]
        assert rows[pid]["On paths between others"].value == power["betweenness"]
        assert rows[pid]["Sought out by the sought-after"].value == power["pagerank"]
        assert rows[pid]["Closed in by own contacts"].value == results["boundaries"]["constraint"][pid]


def test_metrics_lists_are_never_cut(tmp_path: Path) -> None:
    """Lists the workbook writes itself are given in full (the findings' own sentences are phrased
    in landscape.findings, and their people are listed whole in the "about" column)."""
    results, path = _sample_workbook(tmp_path)
    book = load_workbook(path)
    for name in ("Participants", "Groups", "Ties", "Findings", "Glossary", "Import report"):
        cells = [str(v) for row in book[name].iter_rows(values_only=True) for v in row if v is not None]
        assert not [c for c in cells if re.search(r"and \d+ more", c)], name
    about = {row[1]: row[6] for row in book["Findings"].iter_rows(min_row=2, values_only=True)}
    sought = next(f for f in results["power"]["findings"] if f["kind"] == "sought-beyond-rank")
    assert len(sought["subjects"]) > 5 and about["sought-beyond-rank"].split("; ")[0] == "Yara Fischer (P014)"
    assert len(about["sought-beyond-rank"].split("; ")) == len(sought["subjects"])


def test_the_report_names_everyone_a_finding_is_about(tmp_path: Path) -> None:
    """Nothing is cut in print (issue 17): no "and N more" in either report of the sample, where
    14 people are sought out beyond their rank."""
    import re

    import landscape

    files = landscape.atlas(landscape.load(landscape.sample_path("clinical-simulation")), tmp_path / "atlas")
    for page in (files.report_html, files.report_markdown):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"and \d+ more", text)
        assert "Jonas Castillo" in text


def test_each_finding_reads_aloud_first_then_asks_then_shows_the_evidence(tmp_path: Path) -> None:
    """Issue 17: the headline (plain words) first, the question next, "How we know" (the statement
    with its numbers and method) last, in both reports."""
    import landscape

    files = landscape.atlas(landscape.load(sample_path("clinical-simulation")), tmp_path / "atlas")
    result = landscape.analyse(landscape.load(sample_path("clinical-simulation"))).to_dict()
    finding = next(f for f in result["power"]["findings"] if f["kind"] == "sought-beyond-rank")
    markdown = files.report_markdown.read_text(encoding="utf-8")
    headline = markdown.index(f"- **{finding['headline']}**")
    asked = markdown.index(f"*{finding['question']}*", headline)
    evidence = markdown.index("How we know: 14 people are sought out", asked)
    assert headline < asked < evidence
    page = files.report_html.read_text(encoding="utf-8")
    at = page.index(f'<p class="statement">{finding["headline"]}</p>')
    assert at < page.index(f'<p class="question">{finding["question"]}</p>', at) < page.index("How we know:", at)

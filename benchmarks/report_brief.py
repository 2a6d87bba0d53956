"""The report as a facilitator's brief: the must-show checks of issue 17, on any landscape.

Writes the atlas folder of each input into a temporary folder and checks what a facilitator and
a spreadsheet user get:

- ``report.html`` opens with the summary ("In brief"), before every discipline and before the
  import report ("What was read");
- it holds one ``<svg>`` map per view of the atlas (and the SVG files beside ``report.md``,
  linked from it), and no ``<script>``;
- no finding's ``headline`` in the JSON names a statistic (the words of the issue's list; the
  participants' own names are set aside first, since a person may be called Shannon);
- neither report holds "and N more";
- ``metrics.xlsx`` has a ``Glossary`` sheet explaining every header of its Participants sheet,
  and every float cell carries a number format;
- every finding has a question.

    python benchmarks/report_brief.py PATH [PATH...]     # a workbook or a folder of CSV files

Prints the figures per input and exits 1 if a check failed. The test suite runs the same checks
on the bundled samples (tests/test_report_brief.py); run this on the held-out sets in
../shared/datasets before changing the report.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

#: The words no headline may hold (issue 17): they belong in the evidence and the glossary.
STATISTICS_WORDS = re.compile(
    r"\b(Spearman|Kendall|p-value|rho|tau|E-I|modularity|Louvain|NMI|ARI|betweenness|PageRank|centrali[sz]ation|"
    r"coreness|k-core|onion|constraint|Blau|IQV|Shannon)\b|\bp\s*=|\bz\s*=", re.IGNORECASE)


def check(path: Path, out: Path) -> tuple[list[str], dict[str, Any]]:
    """The problems found in the atlas folder of ``path`` (written to ``out``) and its figures."""
    import landscape
    from openpyxl import load_workbook

    problems: list[str] = []
    land = landscape.load(path)
    files = landscape.atlas(land, out)
    page = files.report_html.read_text("utf-8")
    markdown = files.report_markdown.read_text("utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    if not headings or headings[0] != "In brief":
        problems.append(f"the first section is {headings[:1]}, not the summary")
    if "What was read" in headings and headings.index("What was read") < len(headings) - 2:
        problems.append("the import report comes before a discipline")
    if "<script" in page.casefold():
        problems.append("report.html holds a <script>")
    views = _views(files.atlas.read_text("utf-8"))
    figures = re.findall(r'<figure class="map"><svg\b', page)
    if len(figures) != len(views):
        problems.append(f"{len(figures)} maps in report.html for {len(views)} views ({', '.join(views)})")
    for view in views:
        picture = out / f"map-{view}.svg"
        if not picture.is_file():
            problems.append(f"no {picture.name} beside report.md")
        elif f"]({picture.name})" not in markdown:
            problems.append(f"report.md does not link {picture.name}")
    for report, text in (("report.html", page), ("report.md", markdown)):
        if re.search(r"and \d+ more", text):
            problems.append(f"{report} cuts a list ('and N more')")
    # Names from the data (people, groups, units: a community may be called "Constraint Lab") are set aside.
    values = {str(v) for column in land.participants.columns if column != "_row"
              for v in land.participants[column].dropna().tolist()}
    values |= {part.strip() for value in values for part in value.split(";")}
    names = sorted((v for v in values if len(v) > 2), key=len, reverse=True)
    findings = [f for result in landscape.analyse(land).to_dict().values() if isinstance(result, dict)
                for f in result.get("findings", [])]
    for finding in findings:
        headline = finding["headline"]
        for name in names:
            headline = headline.replace(name, "")
        word = STATISTICS_WORDS.search(headline)
        if word:
            problems.append(f"{finding['discipline']} {finding['kind']}: headline names {word.group(0)!r}")
        if not finding.get("question", "").strip():
            problems.append(f"{finding['discipline']} {finding['kind']}: no question")
    book = load_workbook(files.metrics)
    header = [cell.value for cell in book["Participants"][1]]
    explained = {row[1] for row in book["Glossary"].iter_rows(min_row=2, values_only=True) if row[0] == "Participants"}
    missing = [h for h in header if h not in explained]
    if missing:
        problems.append(f"the Glossary does not explain {missing}")
    unformatted = {(sheet.title, sheet.cell(1, cell.column).value) for sheet in book.worksheets
                   for row in sheet.iter_rows(min_row=2) for cell in row
                   if isinstance(cell.value, float) and cell.number_format in ("General", None)}
    if unformatted:
        problems.append(f"float columns without a number format: {sorted(unformatted)[:5]}")
    figures_of = {"participants": land.graph.number_of_nodes(), "findings": len(findings), "views": len(views),
                  "svg_kb": round(sum((out / f"map-{v}.svg").stat().st_size for v in views
                                      if (out / f"map-{v}.svg").is_file()) / 1024, 1),
                  "report_words": len(re.sub(r"<svg.*?</svg>|<[^>]+>", " ", page, flags=re.S).split())}
    return problems, figures_of


def _views(atlas: str) -> list[str]:
    """The views the atlas page holds, from its data (the units map of a large landscape is one)."""
    import json

    match = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', atlas, flags=re.S)
    if match is None:
        raise ValueError("the atlas page holds no map data")
    data = json.loads(match.group(1))
    return list(data["views"]) if "views" in data else ["units"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    failed = False
    for path in args.paths:
        with tempfile.TemporaryDirectory() as folder:
            problems, figures = check(path, Path(folder) / "atlas")
        print(f"{path}: {figures}")
        for problem in problems:
            print(f"  FAIL {problem}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The findings report, as Markdown and as a printable HTML page.

Both come from one list of blocks built by :func:`report_blocks` (headings, paragraphs, tables,
findings), so they say the same thing. Every piece of text from a spreadsheet is escaped for the
format it goes into; the HTML page has no script at all.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from landscape._version import __version__
from landscape.findings import question
from landscape.findings.phrases import left_out
from landscape.schema import ValidationReport

__all__ = ["DISCIPLINES", "Block", "report_blocks", "report_html", "report_markdown"]

#: The disciplines in report order: pass name and title (the leader's question is
#: :func:`landscape.findings.question`).
DISCIPLINES: tuple[tuple[str, str], ...] = (
    ("voices", "Voices"),
    ("power", "Power"),
    ("boundaries", "Boundaries"),
    ("scale", "Scale"),
    ("continuity", "Continuity"),
)


@dataclass(frozen=True)
class Block:
    """One piece of the report: ``kind`` is h1, h2, h3, p, note, table, or finding."""

    kind: str
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    finding: dict[str, Any] = field(default_factory=dict)


def _number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def report_blocks(title: str, report: ValidationReport | None, results: dict[str, dict[str, Any]], *,
                  anonymised: bool = False, notes: Sequence[str] = ()) -> list[Block]:
    """The report's content: the import first (when given) with ``notes`` on how the data were
    read (the wave used, the level order), then each discipline's findings with their numbers.
    With ``anonymised`` the import's messages, which quote cell values, are summarised by kind."""
    blocks = [Block("h1", title),
              Block("note", f"Written by landscape {__version__} on {_dt.date.today().isoformat()}. Each finding "
                            "says what was computed and how, and asks the discipline's question: prompts for a "
                            "conversation, not verdicts.")]
    if report is not None:
        blocks += _import_blocks(report, anonymised)
    blocks += [Block("note", f"Read with care: {note[:1].upper()}{note[1:]}.") for note in notes]
    for name, heading in DISCIPLINES:
        result = results.get(name)
        if result is None:
            continue
        blocks.append(Block("h2", f"{heading}: {question(name)}"))
        ties = result.get("ties")
        if ties and "rows" in ties:
            blocks.append(Block("note", f"Measured on {ties['rows']} relationship rows of type "
                                        f"{', '.join(ties['relations']) or '(none)'}; {ties['self_ties_dropped']} "
                                        f"self-ties left out, {ties['parallel_collapsed']} parallel ties collapsed"
                                        f"{left_out(ties)}."))
        blocks += _key_numbers(name, result)
        findings = result.get("findings", [])
        if not findings:
            blocks.append(Block("p", "Nothing to report."))
        for finding in findings:
            blocks.append(Block("finding", finding=finding))
    return blocks


def file_name(path: str | None) -> str:
    """The last part of a path: shared reports name files, not the folders they live in (which
    often hold a person's user name)."""
    return (path or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def place(issue: Any) -> str:
    """Where an issue is, as :attr:`Issue.location` says, with the file's name only."""
    return dataclasses.replace(issue, file=file_name(issue.file) or None).location


def _import_blocks(report: ValidationReport, anonymised: bool) -> list[Block]:
    source = file_name(report.source)
    blocks = [Block("h2", "What was read"),
              Block("p", f"{report.participants} participants and {report.relationships} relationships from "
                         f"{source}.")]
    rows = [(info.table, info.sheet or file_name(info.file), info.rows, info.blank_rows) for info in report.tables]
    blocks.append(Block("table", header=("table", "sheet or file", "rows", "blank rows skipped"), rows=tuple(rows)))
    warnings = report.warnings
    if not warnings:
        blocks.append(Block("p", "No warnings."))
    elif anonymised:
        counts = Counter(issue.code for issue in warnings)
        blocks.append(Block("p", "Warnings (their details quote the data, so only their kinds are listed here): "
                                 + ", ".join(f"{code} {count}" for code, count in counts.most_common()) + "."))
    else:
        blocks.append(Block("table", header=("where", "warning", "code"),
                            rows=tuple((place(issue), issue.message, issue.code) for issue in warnings)))
    return blocks


def _key_numbers(name: str, result: dict[str, Any]) -> list[Block]:
    if name == "voices":
        rows = tuple((g["group"], g["present"], g["expected"], g["expected_share"], g["share"], g["representation_ratio"],
                      g["status"], g["voice_share"], g["silence_ratio"]) for g in result["groups"])
        return [Block("table", header=("group", "present", "expected", "expected share", "share", "ratio", "status",
                                       "voice share", "silence ratio"), rows=rows)]
    if name == "power":
        rows = tuple((measure, c["n"], c["spearman"], c["spearman_p"], c["kendall_tau_b"], c["kendall_p"])
                     for measure, c in result["alignment"].items())
        return [Block("table", header=("seniority against", "n", "Spearman", "p", "Kendall tau-b", "p"), rows=rows)]
    if name == "boundaries":
        rows = tuple((g, result["sizes"][g], e["internal"], e["external"], e["ei"], e["expected"])
                     for g, e in result["ei"]["groups"].items())
        return [Block("table", header=("group", "size", "ties within", "ties across", "E-I", "expected E-I"), rows=rows)]
    if name == "continuity":
        b, a = result["before"], result["after"]
        people = result["participants"]
        rows = tuple((kind, t["before"], t["after"], t["kept"], t["gained"], t["lost"], t["jaccard"])
                     for kind, t in result["ties"].items())
        crossing = result["boundary_ties"]
        rows += ((f"across {result['group_attribute']}", crossing["before"], crossing["after"], crossing["kept"],
                  crossing["gained"], crossing["lost"], crossing["jaccard"]),)
        return [Block("p", f"{b} to {a} ({result['basis']}): {people['before']} participants in {b}, "
                           f"{people['after']} in {a}, {people['in_both']} in both; {len(result['newcomers'])} "
                           f"joined and {len(result['leavers'])} left. 'all' is the ties the passes measure "
                           f"({', '.join(result['relations']) or 'none'})."),
                Block("table", header=("ties", b, a, "kept", "gained", "lost", "Jaccard"), rows=rows)]
    if name == "scale":
        rows = tuple((level["name"], level["units"], result["tie_levels"].get(level["name"], 0),
                      result["ei"][level["name"]]["ei"], result["declared"][level["name"]]["modularity"])
                     for level in result["levels"])
        return [Block("table", header=("level", "units", "ties sitting here", "E-I", "modularity"), rows=rows)]
    return []


# Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: Any) -> str:
    """Text from the data, escaped so that Markdown shows it as written.

    >>> _md("<b>*bold*</b> | x")
    '\\\\<b\\\\>\\\\*bold\\\\*\\\\</b\\\\> \\\\| x'
    """
    return _MD_SPECIAL.sub(r"\\\1", _number(text) if not isinstance(text, str) else text).replace("\n", " ")


def report_markdown(blocks: list[Block]) -> str:
    """The report as Markdown."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == "h1":
            lines += [f"# {_md(block.text)}", ""]
        elif block.kind == "h2":
            lines += [f"## {_md(block.text)}", ""]
        elif block.kind in ("p", "note"):
            lines += [_md(block.text) if block.kind == "p" else f"*{_md(block.text)}*", ""]
        elif block.kind == "table":
            lines.append("| " + " | ".join(_md(cell) for cell in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(_md(_number(cell)) for cell in row) + " |")
            lines.append("")
        elif block.kind == "finding":
            finding = block.finding
            # What to read aloud first, then the question; the evidence after, for those who want it.
            lines.append(f"- **{_md(finding.get('headline') or finding['statement'])}**")
            lines.append(f"  *{_md(finding['question'])}*")
            numbers = "; ".join(f"{_md(key)} {_md(_number(value))}" for key, value in finding["numbers"].items())
            lines.append(f"  How we know: {_md(finding['statement'])}" + (f" Numbers: {numbers}." if numbers else "")
                         + f" {_md(finding['how'])}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# HTML ------------------------------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; max-width: 58rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.note { color: #666; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.finding { margin: .75rem 0; padding: .5rem .75rem; border-left: 4px solid #4E79A7; background: #f7f9fc;
           break-inside: avoid; }
.finding .statement { font-weight: 600; }
.finding .how, .finding .numbers { color: #555; font-size: .9rem; margin: .2rem 0; }
.finding .question { font-style: italic; margin: .2rem 0; }
.finding .label { font-weight: 600; color: #444; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } table, .finding { break-inside: avoid; }
  .finding { background: none; }
}
"""


def _cell(value: Any) -> str:
    text = html.escape(_number(value))
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>"


def report_html(blocks: list[Block]) -> str:
    """The report as one printable HTML page with no script and nothing loaded from elsewhere."""
    title = next((block.text for block in blocks if block.kind == "h1"), "landscape report")
    body: list[str] = []
    for block in blocks:
        if block.kind == "h1":
            body.append(f"<h1>{html.escape(block.text)}</h1>")
        elif block.kind == "h2":
            body.append(f"<h2>{html.escape(block.text)}</h2>")
        elif block.kind == "p":
            body.append(f"<p>{html.escape(block.text)}</p>")
        elif block.kind == "note":
            body.append(f'<p class="note">{html.escape(block.text)}</p>')
        elif block.kind == "table":
            head = "".join(f"<th>{html.escape(str(cell))}</th>" for cell in block.header)
            rows = "".join("<tr>" + "".join(_cell(cell) for cell in row) + "</tr>" for row in block.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif block.kind == "finding":
            finding = block.finding
            numbers = "; ".join(f"{key} {_number(value)}" for key, value in finding["numbers"].items())
            # What to read aloud first, then the question; the evidence after, for those who want it.
            body.append(
                '<div class="finding">'
                f'<p class="statement">{html.escape(finding.get("headline") or finding["statement"])}</p>'
                f'<p class="question">{html.escape(finding["question"])}</p>'
                f'<p class="how"><span class="label">How we know:</span> {html.escape(finding["statement"])}'
                + (f' Numbers: {html.escape(numbers)}.' if numbers else "")
                + f' {html.escape(finding["how"])}</p></div>'
            )
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>{_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )

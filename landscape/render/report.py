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
from urllib.parse import quote
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from landscape._version import __version__
from landscape.findings import most_important, question
from landscape.findings.phrases import and_list, left_out, plural
from landscape.render.glossary import GLOSSARY, STATISTICS
from landscape.schema import ValidationReport
from landscape.schema.stories import CYCLES

__all__ = ["DISCIPLINES", "Block", "Facts", "plural", "report_blocks", "report_html", "report_markdown"]

#: The disciplines in report order: pass name and title (the leader's question is
#: :func:`landscape.findings.question`).
DISCIPLINES: tuple[tuple[str, str], ...] = (
    ("voices", "Voices"),
    ("power", "Power"),
    ("boundaries", "Boundaries"),
    ("scale", "Scale"),
    ("leadership", "Leadership"),
    ("value", "Value creation"),
    ("continuity", "Continuity"),
)


@dataclass(frozen=True)
class Block:
    """One piece of the report: ``kind`` is h1, h2, h3, p, note, table, finding, summary (a finding
    in the summary: its headline and question, ``text`` its discipline), map (``text`` the
    caption, ``header`` the SVG and its file's name) or terms (``rows`` of term, meaning and
    reference)."""

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
                  anonymised: bool = False, notes: Sequence[str] = (), facts: Facts | None = None,
                  maps: Mapping[str, tuple[str, str]] | None = None, whole: bool = True,
                  names: Mapping[str, str] | None = None) -> list[Block]:
    """The report's content, in the order a facilitator reads it.

    First the summary ("In brief": the landscape in three sentences from ``facts``, the response
    rate where known, ``notes`` on how the data were read, and the most important findings with
    their questions), then one section per discipline (its map from ``maps``, view name to
    ``(svg, file name)``; each finding's headline, question and "How we know"; the numbers behind
    them), then the import (``report``: what was read, every warning) and a glossary of every
    measure named. With ``anonymised`` the import's messages, which quote cell values, are
    summarised by kind. ``names`` (participant id to name) names, under "How we know", every person a
    finding is about (its ``subjects``). ``whole=False`` leaves out the summary and the glossary (one pass's
    findings, as a notebook shows them)."""
    blocks = [Block("h1", title),
              Block("note", f"Written by landscape {__version__} on {_dt.date.today().isoformat()}. Each finding is "
                            "a pattern in the data and the discipline's question about it: a prompt for a "
                            "conversation, not a verdict. How we know follows each one, for those who want it.")]
    if whole:
        blocks += _summary_blocks(results, facts, notes)
    for name, heading in DISCIPLINES:
        result = results.get(name)
        if result is None:
            continue
        blocks.append(Block("h2", f"{heading}: {question(name)}"))
        if maps and name in maps:
            svg, file = maps[name]
            blocks.append(Block("map", f"The {heading} map, as the atlas draws it.", header=(svg, file)))
        findings = result.get("findings", [])
        if not findings:
            blocks.append(Block("p", "Nothing to report."))
        blocks += [Block("finding", finding=_with_people(finding, names or {})) for finding in findings]
        evidence = _key_numbers(name, result, names or {})
        ties = result.get("ties")
        if ties and "rows" in ties:
            evidence.insert(0, Block("note", f"Measured on {ties['rows']} relationship rows of type "
                                             f"{', '.join(ties['relations']) or '(none)'}; {ties['self_ties_dropped']} "
                                             f"self-ties left out, {ties['parallel_collapsed']} parallel ties "
                                             f"collapsed{left_out(ties)}."))
        if evidence:
            blocks += [Block("h3", "The numbers behind these findings"), *evidence]
    if report is not None:
        blocks += _import_blocks(report, anonymised)
    return blocks + (_glossary_blocks() if whole else [])


#: Findings whose people stay unnamed in print: holding rank that goes unsought is for the data
#: and a conversation, not a list in a report (see :class:`landscape.findings.Finding`).
UNNAMED = frozenset({"rank-beyond-seeking"})


def _with_people(finding: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """The finding with ``people``: the names of its subjects who are participants, when its
    sentence does not already name them all (nothing is cut: every one is named)."""
    people = [names[s] for s in finding.get("subjects", []) if s in names]
    if not people or finding.get("kind") in UNNAMED or all(name in finding["statement"] for name in people):
        return finding
    return {**finding, "people": people}


@dataclass(frozen=True)
class Facts:
    """What the summary says of a landscape beyond the passes' results: how many people, the
    relationship rows by type, the waves the relationships hold and the one mapped, and who answered
    a survey (:func:`landscape.passes.response.response` as a dict; None without a ``responded``
    column): what the summary says when the Voices pass did not run."""

    participants: int
    types: tuple[tuple[str, int], ...]
    waves: tuple[str, ...] = ()
    wave: str | None = None
    response: dict[str, Any] | None = None

    @classmethod
    def of(cls, landscape: Any, waves: Sequence[str] | None = None) -> Facts:
        """The facts of a :class:`~landscape.model.Landscape` (the wave mapped), and the ``waves`` of
        the data it was cut from (by default its own)."""
        frame = landscape.relationships
        types = Counter(frame["type"].astype(str).tolist()) if len(frame) and "type" in frame else Counter()
        from landscape.passes.response import response

        answered = response(landscape)
        waves = tuple(landscape.waves if waves is None else waves)
        return cls(len(landscape.participants), tuple(types.most_common()), waves,
                   landscape.settings.wave or (waves[-1] if waves else None),
                   answered.to_dict() if answered is not None else None)


def _summary_blocks(results: dict[str, dict[str, Any]], facts: Facts | None, notes: Sequence[str]) -> list[Block]:
    """The first section: the landscape in three sentences, then what matters most."""
    blocks = [Block("h2", "In brief")]
    sentences = _landscape_sentences(results, facts)
    if sentences:
        blocks.append(Block("p", " ".join(sentences)))
    # The Voices pass's count (who reported a tie answered, whatever the cell says), else the same from the data.
    answered = results.get("voices", {}).get("response") or (facts.response if facts is not None else None)
    if answered and answered.get("participants"):  # the pass's count: reporters answered, whatever the cell says
        lowest = answered.get("lowest") or {}
        fewest = (f"; fewest among {lowest['group']} ({lowest['respondents']} of {lowest['members']})"
                  if lowest.get("rate") is not None and lowest["rate"] < answered["rate"] else "")
        unknown = answered.get("unknown") or 0
        blocks.append(Block("p", f"{answered['respondents']} of {answered['participants']} people answered "
                                 f"({answered['rate']:.0%}){fewest}"
                                 + (f"; for {unknown} more, whether they answered is not recorded" if unknown else "")
                                 + ": what is said about the others rests on what the people who answered said of "
                                 "them."))
    blocks += [Block("note", f"Read with care: {note[:1].upper()}{note[1:]}.") for note in notes]
    every = [dict(found, discipline=found.get("discipline", name)) for name, _ in DISCIPLINES
             for found in results.get(name, {}).get("findings", [])
             if not (answered and found.get("kind") == "response")]  # said in the paragraph above
    chosen = most_important(every, 5)
    if chosen:
        blocks.append(Block("p", "What matters most, with the question each one raises (every finding is in its "
                                 "discipline's section below):"))
        titles = dict(DISCIPLINES)
        blocks += [Block("summary", titles.get(found["discipline"], found["discipline"]), finding=found)
                   for found in chosen]
    return blocks


def _landscape_sentences(results: dict[str, dict[str, Any]], facts: Facts | None) -> list[str]:
    """Who takes part, which ties, which waves: a sentence each (those the data allow)."""
    sentences = []
    groups: dict[str, int] = {}
    voices, bounds, scale = (results.get(name) or {} for name in ("voices", "boundaries", "scale"))
    if voices.get("attribute"):
        groups[voices["attribute"]] = sum(1 for g in voices.get("groups", []) if g.get("present"))
    if bounds.get("group_attribute"):
        groups.setdefault(bounds["group_attribute"], len(bounds.get("groups", [])))
    for level in scale.get("levels", []):
        groups.setdefault(level["name"], level["units"])
    people = facts.participants if facts is not None else voices.get("participants_total")
    if people is not None:
        kinds = [plural(count, name) for name, count in groups.items() if count]
        sentences.append(f"{people} {'person takes' if people == 1 else 'people take'} part"
                         + (f", from {and_list(kinds)}." if kinds else "."))
    if facts is not None and facts.types:
        rows = sum(count for _, count in facts.types)
        parts = and_list(f"{count} {kind}" for kind, count in facts.types)
        ties = next((r["ties"] for r in results.values() if isinstance(r.get("ties"), dict)
                     and "relations" in r["ties"]), None)
        pairs = bounds.get("pairs", {}).get("pairs", scale.get("ties_counted"))
        measured = ""
        if ties is not None and ties["relations"]:
            measured = f" The findings read the {and_list(ties['relations'])} ties" + (
                f", between {plural(pairs, 'pair')} of people." if pairs is not None else ".")
        elif ties is not None:
            measured = (" None of these types is a learning tie (such as advice or collaboration), so the findings "
                        "have no ties to read.")
        sentences.append(f"They recorded {plural(rows, 'relationship')}: {parts}.{measured}")
    continuity = results.get("continuity")
    held = (f"The relationships hold {len(facts.waves)} waves ({and_list(facts.waves)}): "
            if facts is not None and len(facts.waves) > 1 else "")
    if continuity is not None and continuity.get("before"):
        sentences.append(f"{held}{'t' if held else 'T'}he maps show {continuity['after']}, and Continuity compares "
                         f"it with {continuity['before']}.")
    elif facts is not None and len(facts.waves) > 1:
        change = (results.get("leadership") or {}).get("emergence")
        since = f", and Leadership says who is newly looked to since {change['before']}" if change else ""
        sentences.append(f"{held}this report maps {facts.wave}{since}.")
    elif facts is not None:
        sentences.append("The ties are one snapshot: the data hold no waves.")
    return sentences


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


#: The measures Power sets beside seniority, by their readable names (the glossary's headers).
_ALIGNED = {"in_degree": "Named by others", "betweenness": "On paths between others",
            "pagerank": "Sought out by the sought-after"}


def _glossary_blocks() -> list[Block]:
    """The appendix: every statistic the evidence names, then every column of metrics.xlsx."""
    return [Block("h2", "Words and measures"),
            Block("p", "Every measure this report, the atlas and metrics.xlsx name, in one plain sentence, with where "
                       "it comes from. The statistics first (as they are named under How we know), then the "
                       "columns of metrics.xlsx."),
            Block("terms", rows=tuple((t.header, t.meaning, t.reference) for t in (*STATISTICS, *GLOSSARY)))]


def _key_numbers(name: str, result: dict[str, Any], names: Mapping[str, str] | None = None) -> list[Block]:
    if name == "voices":
        rows = tuple((g["group"], g["present"], g["expected"], g["expected_share"], g["share"], g["representation_ratio"],
                      g["status"], g["voice_share"], g["silence_ratio"]) for g in result["groups"])
        return [Block("table", header=("Group", "Members", "Expected", "Expected share", "Share present",
                                       "Present against expected (representation ratio)", "Status",
                                       "Share of being named (voice share)", "Heard against present (silence ratio)"),
                      rows=rows)]
    if name == "power":
        rows = tuple((_ALIGNED.get(measure, measure), c["n"], c["spearman"], c["spearman_p"], c["kendall_tau_b"],
                      c["kendall_p"]) for measure, c in result["alignment"].items())
        return [Block("table", header=("Seniority compared with", "People", "Spearman's rho", "p-value",
                                       "Kendall's tau-b", "p-value"), rows=rows)]
    if name == "boundaries":
        rows = tuple((g, result["sizes"][g], e["internal"], e["external"], e["ei"], e["expected"])
                     for g, e in result["ei"]["groups"].items())
        return [Block("table", header=("Group", "Members", "Ties within", "Ties across", "E-I index",
                                       "E-I expected by chance"), rows=rows)]
    if name == "leadership":
        return _leadership_numbers(result, names or {})
    if name == "value":
        return _value_numbers(result, names or {})
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
                Block("table", header=("Ties", b, a, "Kept", "Gained", "Lost", "Jaccard index"), rows=rows)]
    if name == "scale":
        rows = tuple((level["name"], level["units"], result["tie_levels"].get(level["name"], 0),
                      result["ei"][level["name"]]["ei"], result["declared"][level["name"]]["modularity"])
                     for level in result["levels"])
        return [Block("table", header=("Level", "Units", "Pairs tied meeting here", "E-I index", "Modularity"),
                      rows=rows)]
    return []


def _leadership_numbers(result: dict[str, Any], names: Mapping[str, str]) -> list[Block]:
    """Who is widely looked to, each group's nominations from inside and outside, and the leadership
    groups each group has."""
    share = result["top_share"]
    blocks = [Block("p", f"{result['nominations']} nominations among {result['participants']} people "
                         f"({result['relation_source']}): density {_number(result['density'])}, in-degree "
                         f"centralization {_number(result['centralization'])}, Gini {_number(result['gini'])}; the top "
                         f"person holds {_number(share['top1'])} of the nominations, the top three "
                         f"{_number(share['top3'])}, the top 10% {_number(share['top10pct'])}. Configuration: "
                         f"{result['configuration']}.")]
    if result["leaders"]:
        blocks.append(Block("table", header=("Widely looked to", "Looked to by"),
                            rows=tuple((names.get(pid, pid), result["in_degree"][pid]) for pid in result["leaders"])))
    if result["groups"]:
        blocks.append(Block("table", header=(result["group_attribute"].replace("_", " ").capitalize(), "Members",
                                             "Nominations from inside", "From outside", "E-I index"),
                            rows=tuple((g, v["members"], v["internal"], v["external"], v["ei"])
                                       for g, v in result["groups"].items())))
    roles = sorted({role for counts in result["coverage"].values() for role in counts})
    if roles:
        blocks.append(Block("table", header=(result["group_attribute"].replace("_", " ").capitalize(), *roles),
                            rows=tuple((g, *(counts.get(role, 0) for role in roles))
                                       for g, counts in result["coverage"].items())))
    return blocks


def _value_numbers(result: dict[str, Any], names: Mapping[str, str]) -> list[Block]:
    """The value-creation matrix (per community, per boundary), then every story: its words only where
    its teller agreed (consent yes); the others counted, never quoted."""
    cycles = [cycle for cycle in CYCLES if cycle in result["cycles"]]
    blocks: list[Block] = []
    matrix = result["matrix"]
    if matrix["communities"]:
        blocks.append(Block("table", header=("Community", *cycles),
                            rows=tuple((c, *(counts.get(cycle, 0) for cycle in cycles))
                                       for c, counts in matrix["communities"].items())))
    if matrix["boundaries"]:
        blocks.append(Block("table", header=("Boundary", *cycles),
                            rows=tuple((" and ".join(b["groups"]), *(b["cycles"].get(cycle, 0) for cycle in cycles))
                                       for b in matrix["boundaries"])))
    if result["stories"]:
        blocks.append(Block("h3", "The stories"))
        blocks.append(Block("table", header=("Story", "Told by", "Cycles", "In their words"), rows=tuple(
            (story["title"] or f"Story {story['id']}", names.get(story["teller"], story["teller"] or "-"),
             ", ".join(story["cycles"]) or "-",
             story["text"] or "-" if story["consent"] else
             f"Not quoted: {'the teller did not agree to share the words' if story.get('asked') == 'no' else 'no consent to share the words is recorded'}.")
            for story in result["stories"])))
    return blocks


# Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"[\\`*\[\]|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|<(?=[A-Za-z/!?])|&(?=#?\w+;)")
_MD_START = re.compile(r"^(\s*)([-+#>=]|\d+[.)])")


def _md(text: Any) -> str:
    r"""Text from the data, escaped so that Markdown shows it as written, and no more than that: an
    underscore inside a word (``mean_ari``) and a ``<`` that opens no tag (``X <= 2``) stay bare,
    for whoever reads the file as text.

    >>> print(_md("<b>*bold*</b> | x_y _z_ 2 <= 3 &amp; [a](b)"))
    \<b>\*bold\*\</b> \| x_y \_z\_ 2 <= 3 \&amp; \[a\](b)
    >>> print(_md("# not a heading"), _md("1. not a list"), _md("> not a quote"))
    \# not a heading 1\. not a list \> not a quote
    """
    text = _number(text) if not isinstance(text, str) else text
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text.replace("\n", " "))
    return _MD_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), text, count=1)


def _numbers(finding: dict[str, Any]) -> str:
    """A finding's numbers, each by a readable name: "voice share 0.0602; silence ratio 0.254"."""
    return "; ".join(f"{key.replace('_', ' ')} {_number(value)}" for key, value in finding["numbers"].items())


def report_markdown(blocks: list[Block]) -> str:
    """The report as Markdown; a map is the picture's file, linked (the file beside report.md)."""
    lines: list[str] = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3"):
            lines += [f"{'#' * int(block.kind[1])} {_md(block.text)}", ""]
        elif block.kind in ("p", "note"):
            lines += [_md(block.text) if block.kind == "p" else f"*{_md(block.text)}*", ""]
        elif block.kind == "table":
            lines.append("| " + " | ".join(_md(cell) for cell in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(_md(_number(cell)) for cell in row) + " |")
            lines.append("")
        elif block.kind == "map":
            lines += [f"![{_md(block.text)}]({quote(block.header[1])})", ""]
        elif block.kind == "terms":
            lines += [f"- **{_md(term)}**: {_md(meaning)}" + (f" *{_md(source)}*" if source else "")
                      for term, meaning, source in block.rows] + [""]
        elif block.kind == "summary":
            finding = block.finding
            lines += [f"- **{_md(finding.get('headline') or finding['statement'])}** ({_md(block.text)})",
                      f"  *{_md(finding['question'])}*", ""]
        elif block.kind == "finding":
            finding = block.finding
            # What to read aloud first, then the question; the evidence after, for those who want it.
            lines.append(f"- **{_md(finding.get('headline') or finding['statement'])}**")
            lines.append(f"  *{_md(finding['question'])}*")
            numbers = _numbers(finding)
            about = f" About: {_md(and_list(finding['people']))}." if finding.get("people") else ""
            lines.append(f"  How we know: {_md(finding['statement'])}{about}" + (
                f" Numbers: {_md(numbers)}." if numbers else "") + f" {_md(finding['how'])}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# HTML ------------------------------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; max-width: 58rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1rem; margin-top: 1.5rem; color: #444; }
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
.finding .tag { font-weight: normal; color: #555; font-size: .85rem; white-space: nowrap; }
figure.map { margin: 1rem 0; break-inside: avoid; }
figure.map svg { display: block; width: 100%; height: auto; border: 1px solid #e2e2e2; }
figure.map figcaption { color: #666; font-size: .85rem; margin-top: .3rem; }
dl.terms dt { font-weight: 600; margin-top: .5rem; } dl.terms dd { margin: 0 0 0 1.25rem; }
dl.terms .source { color: #666; font-size: .85rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3, h3 + .note { break-after: avoid; } table, .finding, figure.map { break-inside: avoid; }
  .finding { background: none; }
  figure.map svg { max-height: 230mm; border: none; }
}
"""


def _cell(value: Any) -> str:
    text = html.escape(_number(value))
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>"


def _finding_html(block: Block) -> str:
    """A finding: what to read aloud first, then the question; the evidence after, for those who want it."""
    finding = block.finding
    headline = html.escape(finding.get("headline") or finding["statement"])
    if block.kind == "summary":
        return (f'<div class="finding summary"><p class="statement">{headline} <span class="tag">'
                f'({html.escape(block.text)})</span></p><p class="question">{html.escape(finding["question"])}</p></div>')
    numbers = _numbers(finding)
    return ('<div class="finding">'
            f'<p class="statement">{headline}</p><p class="question">{html.escape(finding["question"])}</p>'
            f'<p class="how"><span class="label">How we know:</span> {html.escape(finding["statement"])}'
            + (f" About: {html.escape(and_list(finding['people']))}." if finding.get("people") else "")
            + (f" Numbers: {html.escape(numbers)}." if numbers else "") + f' {html.escape(finding["how"])}</p></div>')


def report_html(blocks: list[Block]) -> str:
    """The report as one printable HTML page with no script and nothing loaded from elsewhere.

    A map is its SVG inline, as :mod:`landscape.render.svgmap` drew it: that module escapes every
    text from the data and writes no script, link or event handler, so it is placed as it is.
    """
    title = next((block.text for block in blocks if block.kind == "h1"), "landscape report")
    body: list[str] = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3", "p"):
            body.append(f"<{block.kind}>{html.escape(block.text)}</{block.kind}>")
        elif block.kind == "note":
            body.append(f'<p class="note">{html.escape(block.text)}</p>')
        elif block.kind == "table":
            head = "".join(f"<th>{html.escape(str(cell))}</th>" for cell in block.header)
            rows = "".join("<tr>" + "".join(_cell(cell) for cell in row) + "</tr>" for row in block.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif block.kind == "map":
            body.append(f'<figure class="map">{block.header[0]}<figcaption>{html.escape(block.text)} Also beside '
                        f"this report as {html.escape(block.header[1])}.</figcaption></figure>")
        elif block.kind == "terms":
            items = "".join(f"<dt>{html.escape(term)}</dt><dd>{html.escape(meaning)}"
                            + (f' <span class="source">{html.escape(source)}</span>' if source else "") + "</dd>"
                            for term, meaning, source in block.rows)
            body.append(f'<dl class="terms">{items}</dl>')
        elif block.kind in ("finding", "summary"):
            body.append(_finding_html(block))
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>{_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )

"""metrics.xlsx: every measure of every pass, for people who carry on in a spreadsheet.

Sheets: Participants (one row per person, every per-person measure), Groups, Ties, Findings,
Import report and Glossary (each column in plain words, with its JSON key and its reference, from
:mod:`landscape.render.glossary`). Headers are readable ("Named by others") and frozen, columns
sized to their contents, numbers stored exactly and shown rounded, lists given in full, and text
that starts like a formula stored as text, so opening the file runs nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from landscape.errors import OutputNotWritable
from landscape.io.xlsx import Sheet, write_xlsx
from landscape.model import Landscape
from landscape.render.glossary import Term, cluster_term, crossing_term, level_term, term
from landscape.render.report import file_name
from landscape.schema import ValidationReport
from landscape.schema.tables import ROW

__all__ = ["write_metrics"]

_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")
_ATTRIBUTE = {"id": "The person's id, as in the input.", "name": "The person's name, as in the input."}
#: The measures of the Groups sheet, in its column order after pass, grouping and group.
_GROUP_TERMS = tuple(term(key) for key in (
    "voices.groups[].present; boundaries.sizes.*; scale.aggregates.*.nodes[].members", "voices.groups[].expected",
    "voices.groups[].expected_share", "voices.groups[].share", "voices.groups[].representation_ratio",
    "voices.groups[].status", "voices.groups[].voice_share", "voices.groups[].silence_ratio",
    "boundaries.ei.groups.*.internal; scale.aggregates.*.nodes[].internal_ties", "boundaries.ei.groups.*.external",
    "boundaries.ei.groups.*.ei", "boundaries.ei.groups.*.expected",
    "boundaries.mixing.density.*.*; scale.aggregates.*.nodes[].internal_density"))


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    return value


def _sheet(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Sheet:
    """A sheet with widths that fit the header and the first 2,000 rows (60 characters at most)."""
    rows = [[_plain(value) for value in row] for row in rows]
    widths = [min(60, max(8, max([len(str(name))] + [len(str(row[index])) for row in rows[:2000]
                                                    if index < len(row) and row[index] is not None]) + 2))
              for index, name in enumerate(header)]
    return Sheet(title, list(header), rows, widths)


def _participants(landscape: Landscape, results: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[Any]],
                                                                                 list[tuple[str, Term]]]:
    """The Participants sheet and, for each column, the term the Glossary sheet explains it by."""
    people = landscape.participants
    attributes = [c for c in people.columns if c not in ("id", "name", ROW)]
    header = ["id", "name", *attributes]
    explained = [(c, Term(c, _ATTRIBUTE.get(c, "As entered in the Participants sheet of the input."),
                          f"participants.{c} (input)")) for c in header]
    columns: list[tuple[Term, Any]] = []
    if "voices" in results:
        measures = ("in_degree", "out_degree", "neighbours", "coreness", "onion_layer", "participation_level",
                    "alters", "range", "blau", "iqv", "shannon")
        table = results["voices"]["participants"]
        columns += [(term(f"voices.participants.*.{m}"), lambda pid, m=m: table[pid][m]) for m in measures]
    if "power" in results:
        measures = ("formal_rank", "depth", "direct_reports", "betweenness", "pagerank", "mismatch")
        table_p = results["power"]["participants"]
        columns += [(term(f"power.participants.*.{m}"), lambda pid, m=m: table_p[pid][m]) for m in measures]
    if "boundaries" in results:
        b = results["boundaries"]
        columns.append((term("boundaries.ei.participants.*"), lambda pid: b["ei"]["participants"].get(pid)))
        columns += [(term(f"boundaries.brokerage.participants.*.{role}"),
                     lambda pid, role=role: b["brokerage"]["participants"][pid][role]) for role in _ROLES]
        columns += [(term("boundaries.constraint.*"), lambda pid: b["constraint"].get(pid)),
                    (term("boundaries.effective_size.*"), lambda pid: b["effective_size"].get(pid))]
    if "leadership" in results:
        lead = results["leadership"]["in_degree"]
        columns.append((term("leadership.in_degree.*"), lambda pid: lead.get(pid)))
    if "scale" in results:
        s = results["scale"]
        for level in s["levels"]:
            columns.append((level_term(level["name"]),
                            lambda pid, name=level["name"]: s["participants"][pid]["units"][name]))
        for detection in s["detected"]:
            key = str(detection["resolution"])
            columns.append((cluster_term(key), lambda pid, key=key: s["participants"][pid]["detected"].get(key)))
    names = _distinct(header, [t.header for t, _ in columns])
    header += names
    explained += [(name, t) for name, (t, _) in zip(names, columns)]
    rows = []
    for record in people[["id", "name", *attributes]].itertuples(index=False, name=None):
        pid = str(record[0])
        rows.append([*record, *[get(pid) for _, get in columns]])
    return header, rows, explained


def _distinct(taken: Sequence[str], names: Sequence[str]) -> list[str]:
    """``names`` made distinct from ``taken`` and from each other (letter case aside), so that a
    measure never shares its header with a column of the input: a spreadsheet filters, sorts and
    looks up by header, and the Glossary explains each header once.

    >>> _distinct(["id", "name", "Status"], ["Named by others", "status", "Status"])
    ['Named by others', 'status (measured)', 'Status (measured 2)']
    """
    seen = {str(name).casefold() for name in taken}
    out = []
    for name in names:
        unique, number = name, 1
        while unique.casefold() in seen:
            unique = f"{name} (measured{'' if number == 1 else f' {number}'})"
            number += 1
        seen.add(unique.casefold())
        out.append(unique)
    return out


def _groups(results: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    header = ["pass", "grouping", "group", *(t.header for t in _GROUP_TERMS)]
    rows: list[list[Any]] = []
    if "voices" in results:
        v = results["voices"]
        for g in v["groups"]:
            rows.append(["voices", v["attribute"], g["group"], g["present"], g["expected"], g["expected_share"],
                         g["share"], g["representation_ratio"], g["status"], g["voice_share"], g["silence_ratio"],
                         None, None, None, None, None])
    if "boundaries" in results:
        b = results["boundaries"]
        for g, e in b["ei"]["groups"].items():
            density = b["mixing"]["density"].get(g, {}).get(g)
            if density is None and not b["mixing"].get("complete", True) and b["sizes"][g] >= 2:
                density = 0.0  # above 100 groups the densities are listed only where there are ties
            rows.append(["boundaries", b["group_attribute"], g, b["sizes"][g], None, None, None, None, None, None, None,
                         e["internal"], e["external"], e["ei"], e["expected"], density])
    if "scale" in results:
        s = results["scale"]
        for level, aggregate in s["aggregates"].items():
            for unit in aggregate["nodes"]:
                rows.append(["scale", level, unit["id"], unit["members"], None, None, None, None, None, None, None,
                             unit["internal_ties"], None, None, None, unit["internal_density"]])
    return header, rows


def _ties(landscape: Landscape, results: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    frame = landscape.relationships
    names = dict(landscape.graph.nodes(data="name"))
    extra = [c for c in frame.columns if c not in ("source", "target", ROW)]
    header = ["row", "source", "source name", "target", "target name", *extra]
    crossing = None
    if "boundaries" in results:
        attribute = results["boundaries"]["group_attribute"]
        # The groups the Boundaries pass counted (one group whatever the spelling), so that this
        # column and the pass agree on every tie.
        crossing = {pid: set(groups) for pid, groups in results["boundaries"]["memberships"].items()}
        header.append(crossing_term(attribute).header)
    rows = []
    for record in frame[[ROW, "source", "target", *extra]].itertuples(index=False, name=None):
        row, source, target, *values = record
        line = [row, source, names.get(source), target, names.get(target), *values]
        if crossing is not None:
            a, b = crossing.get(str(source), set()), crossing.get(str(target), set())
            line.append(("yes" if not a & b else "no") if a and b and source != target else None)
        rows.append(line)
    return header, rows


def _findings(results: dict[str, dict[str, Any]], names: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    # What to read aloud first, then the question; the evidence (statement and method) after. "about"
    # names each person (with their id) a finding concerns, every one.
    header = ["discipline", "kind", "headline", "question", "how we know", "numbers", "about"]
    rows = [[f["discipline"], f["kind"], f.get("headline") or f["statement"], f["question"],
             f"{f['statement']} {f['how']}",
             {key: round(value, 3) if isinstance(value, float) else value for key, value in f["numbers"].items()},
             [f"{names[s]} ({s})" if s in names and names[s] != s else s for s in f["subjects"]]]
            for result in results.values() for f in result.get("findings", [])]
    return header, rows


def _import(report: ValidationReport, anonymised: bool) -> tuple[list[str], list[list[Any]]]:
    if anonymised:  # messages quote cell values: only their kinds
        counts = Counter((issue.severity.value, issue.code) for issue in report.issues)
        return ["severity", "code", "count"], [[severity, code, count] for (severity, code), count in counts.items()]
    header = ["severity", "code", "file", "sheet", "row", "column", "value", "message"]
    rows = [[i.severity.value, i.code, file_name(i.file), i.sheet, i.row, i.column, i.value, i.message]
            for i in report.issues]
    return header, rows


def _glossary(participants: Sequence[tuple[str, Term]], results: dict[str, dict[str, Any]]) -> tuple[list[str],
                                                                                                list[list[Any]]]:
    """One row per column header of the Participants sheet, then the measures of Groups and Ties."""
    header = ["sheet", "column", "what it means", "JSON key", "reference"]
    rows = [["Participants", name, t.meaning, t.key, t.reference] for name, t in participants]
    rows += [["Groups", t.header, t.meaning, t.key, t.reference] for t in _GROUP_TERMS]
    if "boundaries" in results:
        t = crossing_term(results["boundaries"]["group_attribute"])
        rows.append(["Ties", t.header, t.meaning, t.key, t.reference])
    return header, rows


def _within_excel(sheet: Sheet, rows_per_sheet: int | None = None) -> list[Sheet]:
    """``sheet`` as one sheet, or, beyond Excel's 1,048,576 rows, as several ("Ties", "Ties (2)"...)
    each with the header: a sheet past Excel's last row opens nowhere, landscape's reader included.

    >>> [(s.title, len(s.rows)) for s in _within_excel(Sheet("Ties", ["a"], [[1], [2], [3]]), 2)]
    [('Ties', 2), ('Ties (2)', 1)]
    """
    from landscape.io.readers import EXCEL_ROWS

    limit = rows_per_sheet or EXCEL_ROWS - 1  # the header takes a row
    rows = list(sheet.rows)
    if len(rows) <= limit:
        return [Sheet(sheet.title, sheet.header, rows, sheet.widths)]
    return [Sheet(sheet.title if start == 0 else f"{sheet.title} ({start // limit + 1})", sheet.header,
                  rows[start:start + limit], sheet.widths) for start in range(0, len(rows), limit)]


def write_metrics(path: str | Path, landscape: Landscape, results: dict[str, dict[str, Any]],
                  report: ValidationReport, *, anonymised: bool = False,
                  people_results: dict[str, dict[str, Any]] | None = None,
                  redact: Mapping[str, str] | None = None) -> Path:
    """Write metrics.xlsx for ``landscape`` and the ``results`` (each pass's ``to_dict()``).

    ``people_results`` gives the per-person columns when they must come from another run: the
    atlas counts people who withheld consent as they are (``results``) but shows, person by
    person, only what their group allows (``people_results``, the passes on the shown copy).
    ``redact`` (a real name to the name shared) is replaced in every text cell.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputNotWritable(f"{path.parent}: no such folder; create it first")
    people_header, people_rows, explained = _participants(landscape, people_results or results)
    sheets = [_sheet("Participants", people_header, people_rows), _sheet("Groups", *_groups(results)),
              _sheet("Ties", *_ties(landscape, results)), _sheet("Findings", *_findings(results, {str(pid): str(name) for pid, name in landscape.graph.nodes(data="name")
                                                      if name})),
              _sheet("Import report", *_import(report, anonymised)), _sheet("Glossary", *_glossary(explained, results))]
    sheets = [part for sheet in sheets for part in _within_excel(sheet)]
    if redact:
        from landscape.model.sharing import redact as scrub

        sheets = [Sheet(s.title, [scrub(str(h), redact) for h in s.header],
                        [[scrub(v, redact) if isinstance(v, str) else v for v in row] for row in s.rows], s.widths)
                  for s in sheets]
    try:
        write_xlsx(path, sheets)
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path

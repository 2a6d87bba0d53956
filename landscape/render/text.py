"""Pass results as plain text for a terminal: a table or two, then the findings and their questions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from landscape.findings.phrases import signed

__all__ = ["analysis_text", "comparison_text", "findings_text", "result_text", "table_text"]


def _cell(value: Any) -> str:
    """A value for a table: three significant digits, so that small p-values keep their size.

    >>> [_cell(v) for v in (0.0034, 0.6712, 1.375, 29.25, 1234.5, 0.0, None, 7)]
    ['0.0034', '0.671', '1.38', '29.2', '1234', '0', '-', '7']
    """
    if value is None:
        return "-"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:.0f}"
        return f"{value:.3g}"
    return str(value)


def table_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows under a header, columns padded; columns of numbers are right-aligned.

    >>> print(table_text(["group", "n", "status"], [["nurses", 3, "present"], ["students", 12, "thin"]]))
    group     n status
    nurses    3 present
    students 12 thin
    """
    cells = [[str(h) for h in header]] + [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [all(value is None or isinstance(value, (int, float)) or (isinstance(value, str) and (value.endswith("%") or value == "-"))
                   for value in (row[i] for row in rows)) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [cell.rjust(width) if numeric[i] else cell.ljust(width) for i, (cell, width) in enumerate(zip(row, widths))]
        lines.append(" ".join(parts).rstrip())
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def findings_text(findings: Sequence[dict[str, Any]]) -> str:
    """Numbered findings: each one's headline (to read aloud), its question, then the evidence.

    >>> print(findings_text([{"headline": "Few ties cross.", "question": "Why?", "statement": "E-I -0.5."}]))
    Findings
     1. Few ties cross.
        ? Why?
        How we know: E-I -0.5.
    """
    if not findings:
        return "Findings: none."
    lines = ["Findings"]
    for number, finding in enumerate(findings, start=1):
        headline = finding.get("headline") or finding["statement"]
        lines.append(f"{number:>2}. {headline}")
        lines.append(f"    ? {finding['question']}")
        if finding["statement"] != headline:
            lines.append(f"    How we know: {finding['statement']}")
    return "\n".join(lines)


def _voices_text(result: dict[str, Any]) -> str:
    ties = result["ties"]
    lines = [
        f"VOICES: who needs to be involved? (by {result['attribute']}; {result['participants_total']} participants)",
        f"Ties: {ties['rows']} relationship rows of type {', '.join(ties['relations']) or '(none)'}; "
        f"{ties['self_ties_dropped']} self-ties left out, {ties['parallel_collapsed']} parallel ties collapsed.",
        "",
    ]
    if not result["roster_given"]:
        lines += ["No voices roster was given: groups are listed as present only.", ""]
    rows = [
        [g["group"], g["present"], g["expected"], None if g["expected_share"] is None else _percent(g["expected_share"]),
         _percent(g["share"]), g["representation_ratio"], g["p_value_holm"], g["status"], _percent(g["voice_share"]),
         g["silence_ratio"]]
        for g in result["groups"]
    ]
    lines.append(table_text(["group", "present", "expected", "exp. share", "share", "ratio", "p (Holm)", "status",
                             "voice share", "silence"], rows))
    lines.append("")
    if result["dissimilarity"] is not None:
        lines.append(f"Index of dissimilarity D = {result['dissimilarity']:.3f} ({result['dissimilarity_note']}).")
    else:
        lines.append(f"Index of dissimilarity: not computed ({result['dissimilarity_note']}).")
    levels = result["levels"]
    total = result["participants_total"] or 1
    lines.append("Participation levels: " + ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in levels.items()) + ".")
    isolates = result["isolates"]
    lines.append(f"No tie at all: {len(isolates['isolated'])}; named by nobody: {len(isolates['in_isolates'])}; "
                 f"named nobody: {len(isolates['out_isolates'])}.")
    lines += ["", findings_text(result["findings"])]
    return "\n".join(lines)


def _power_text(result: dict[str, Any]) -> str:
    ties = result["ties"]
    basis = result["formal_basis"]
    order = "1 = most senior" if result["level_order"] == "lower-is-senior" else "higher = more senior"
    lines = [
        f"POWER: how can learning trump power? (seniority from {basis}"
        + (f", {order}" if basis == "level" else "") + f"; {result['ranked']} people ranked)",
        f"Ties: {ties['rows']} relationship rows of type {', '.join(ties['relations']) or '(none)'}; "
        f"{ties['self_ties_dropped']} self-ties left out, {ties['parallel_collapsed']} parallel ties collapsed; "
        f"measured as {result['mode']}.",
        "",
        "Seniority against informal standing (rank correlations):",
        table_text(["measure", "n", "spearman", "p", "kendall tau-b", "p"],
                   [[name, c["n"], c["spearman"], c["spearman_p"], c["kendall_tau_b"], c["kendall_p"]]
                    for name, c in result["alignment"].items()]),
    ]
    if result["rated_alignment"]:
        lines += ["", "Rated influence against informal standing:",
                  table_text(["measure", "n", "spearman", "p", "kendall tau-b", "p"],
                             [[name, c["n"], c["spearman"], c["spearman_p"], c["kendall_tau_b"], c["kendall_p"]]
                              for name, c in result["rated_alignment"].items()])]
    direction = result["direction"]
    central = result["centralization"]
    recip = result["reciprocity"]
    lines += [
        "",
        f"Direction of ties: upward {direction['upward']}, downward {direction['downward']}, lateral "
        f"{direction['lateral']}; undirected across levels {direction['undirected_across']}, at one level "
        f"{direction['undirected_same_level']}; without a level at one end {direction['unranked']}.",
        "Centralization (Freeman): " + ", ".join(f"{k.replace('_', '-')} {_cell(v)}" for k, v in central.items()) + ".",
        f"Reciprocity: edgewise {_cell(recip['edgewise'])}, dyadic {_cell(recip['dyadic'])}, non-null dyadic "
        f"{_cell(recip['dyadic_nonnull'])} ({recip['mutual']} mutual, {recip['asymmetric']} one-way, {recip['null']} "
        "null pairs).",
        f"Sought out beyond formal rank: {len(result['hidden_influencers'])}; rank beyond being sought out: "
        f"{len(result['formal_only'])}; cut points: {len(result['articulation_points'])}; bridges: "
        f"{len(result['bridges'])}.",
        "",
        findings_text(result["findings"]),
    ]
    return "\n".join(lines)


def _signed(value: float | None) -> str:
    return signed(value, missing="-")


def _boundaries_text(result: dict[str, Any]) -> str:
    ties = result["ties"]
    whole = result["ei"]["whole"]
    groups = result["groups"]
    lines = [
        f"BOUNDARIES: how can boundaries become learning assets? (groups by {result['group_attribute']}: "
        f"{len(groups)} groups; {len(result['ungrouped'])} people without one)",
        f"Ties: {ties['rows']} relationship rows of type {', '.join(ties['relations']) or '(none)'}; "
        f"{ties['self_ties_dropped']} self-ties left out, {ties['parallel_collapsed']} parallel ties collapsed; "
        f"measured as {result['mode']}.",
        "",
        f"E-I index {_signed(whole['ei'])} ({whole['external']} across, {whole['internal']} within); under random "
        f"mixing {_signed(whole['expected'])} (sd {_cell(whole['sd'])}, z {_cell(whole['z'])}); feasible "
        f"{_signed(whole['range'][0])} to {_signed(whole['range'][1])}.",
        "",
        "Groups (" + result["ei"]["variant"] + "):",
        table_text(["group", "size", "within", "across", "E-I", "expected"],
                   [[g, result["sizes"][g], e["internal"], e["external"], e["ei"], e["expected"]]
                    for g, e in result["ei"]["groups"].items()]),
    ]
    if 1 < len(groups) <= 10:
        lines += ["", "Block densities (from row to column):",
                  table_text(["", *[str(i + 1) for i in range(len(groups))]],
                             [[f"{i + 1} {g}", *[result["mixing"]["density"][g][h] for h in groups]]
                              for i, g in enumerate(groups)])]
    unbridged, total = result["unbridged"], result["unbridged_total"]
    listed = "; ".join(f"{g} and {h}" for g, h in unbridged[:20]) if unbridged else "none"
    shown = min(len(unbridged), 20)
    where = ("--format json lists them" if result["mixing"].get("complete", True) else
             "--format json lists those among the largest groups")
    more = f" and {total - shown:,} more pairs ({where})" if total > shown else ""
    lines += ["", f"No tie between: {listed}{more}."]
    totals = result["brokerage"]["totals"]
    z = result["brokerage"]["z"]
    lines += [
        "",
        "Brokerage (Gould & Fernandez; sna: ordered pairs, full credit): " + ", ".join(
            f"{role} {totals[role]} (z {_cell(z[role])})" for role in ("coordinator", "itinerant", "representative",
                                                                       "gatekeeper", "liaison", "total")) + ".",
    ]
    objects = result["boundary_objects"]
    if objects:
        lines += ["", "Boundary objects:",
                  table_text(["object", "ties", "across", "groups reached"],
                             [[o["object"], o["ties"], o["crossing_ties"], o["reach"]] for o in objects])]
    lines += ["", findings_text(result["findings"])]
    return "\n".join(lines)


def _scale_text(result: dict[str, Any]) -> str:
    ties = result["ties"]
    levels = result["levels"]
    lines = [
        "SCALE: how can we keep a multi-scale perspective? (levels, finest first: "
        + (" > ".join(level["name"] for level in levels) or "none") + ")",
        f"Ties: {ties['rows']} relationship rows of type {', '.join(ties['relations']) or '(none)'}; "
        f"{result['ties_counted']} pairs of people tied, counted once each.",
        "",
        "Where ties sit (the finest level at which the two share a unit): "
        + ", ".join(f"{name} {count}" for name, count in result["tie_levels"].items()) + ".",
        "",
        table_text(["level", "units", "without one", "E-I", "expected", "modularity"],
                   [[level["name"], level["units"], result["declared"][level["name"]]["without_unit"],
                     result["ei"][level["name"]]["ei"], result["ei"][level["name"]]["expected"],
                     result["declared"][level["name"]]["modularity"]] for level in levels]),
    ]
    if result["detected"]:
        names = [level["name"] for level in levels]
        lines += ["", "Clusters the ties form (Louvain, unweighted; the best of the seeded runs):",
                  table_text(["resolution", "clusters", "modularity", "objective", "mean ARI",
                              *[f"NMI {name}" for name in names]],
                             [[d["resolution"], d["communities"], d["modularity"], d["objective"],
                               d["stability"]["mean_ari"], *[d["nmi"].get(name) for name in names]]
                              for d in result["detected"]])]
    lines += ["", findings_text(result["findings"])]
    return "\n".join(lines)


def _leadership_text(result: dict[str, Any]) -> str:
    share = result["top_share"]
    lines = [
        f"LEADERSHIP: how do we foster distributed leadership? ({result['relation_source']}: "
        f"{', '.join(result['relations']) or 'none'}; {result['nominations']} "
        f"nomination{'' if result['nominations'] == 1 else 's'} among "
        f"{result['participants']} people)",
        f"Configuration: {result['configuration']}. Density {_cell(result['density'])}, in-degree centralization "
        f"{_cell(result['centralization'])}, Gini {_cell(result['gini'])}; the top person holds "
        f"{_percent(share['top1'])} of the nominations, the top three {_percent(share['top3'])}, the top tenth "
        f"{_percent(share['top10pct'])}.",
    ]
    if result["leaders"]:
        lines += ["", "Widely looked to:", table_text(["id", "looked to by"], [[pid, result["in_degree"][pid]]
                                                                             for pid in result["leaders"]])]
    if result["groups"]:
        lines += ["", f"Nominations received, by {result['group_attribute']}:",
                  table_text(["group", "members", "from inside", "from outside", "E-I"],
                             [[g, v["members"], v["internal"], v["external"], v["ei"]]
                              for g, v in result["groups"].items()])]
    lines += ["", findings_text(result["findings"])]
    return "\n".join(lines)


_FORMATTERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "voices": _voices_text,
    "power": _power_text,
    "boundaries": _boundaries_text,
    "scale": _scale_text,
    "leadership": _leadership_text,
}


def comparison_text(result: dict[str, Any]) -> str:
    """A comparison's ``to_dict()`` (see :mod:`landscape.passes.continuity`) as text."""
    b, a = result["before"], result["after"]
    people = result["participants"]
    lines = [
        f"CONTINUITY: how do we enable ongoing learning loops? ({b} -> {a}; {result['basis']})",
        f"Participants: {people['before']} in {b}, {people['after']} in {a}, {people['in_both']} in both; "
        f"{len(result['newcomers'])} joined, {len(result['leavers'])} left.",
    ]
    if result["ties_without_wave"]:
        blank = result["ties_without_wave"]
        lines.append(f"{blank} relationship {'row has' if blank == 1 else 'rows have'} no wave and "
                     f"{'is' if blank == 1 else 'are'} in neither wave.")
    ties = result["ties"]
    rows = [[kind, t["before"], t["after"], t["kept"], t["gained"], t["lost"], t["jaccard"]]
            for kind, t in ties.items() if kind != "all"]
    rows.append([f"measured ({', '.join(result['relations']) or 'none'})", *[ties["all"][k] for k in
                 ("before", "after", "kept", "gained", "lost", "jaccard")]])
    crossing = result["boundary_ties"]
    rows.append([f"across {result['group_attribute']}", *[crossing[k] for k in
                 ("before", "after", "kept", "gained", "lost", "jaccard")]])
    lines += ["", "Ties (each once; Jaccard = kept / all):",
              table_text(["ties", b, a, "kept", "gained", "lost", "Jaccard"], rows)]
    groups = result["ei_groups"]
    if groups:
        lines += ["", f"E-I by {result['group_attribute']} (whole landscape {_signed(result['ei_network']['before'])} -> "
                      f"{_signed(result['ei_network']['after'])}):",
                  table_text(["group", b, a], [[g, v["before"], v["after"]] for g, v in groups.items()])]
    central, recip = result["centralization"], result["reciprocity"]
    lines += ["", "Concentration: " + ", ".join(
        f"{name.replace('_', ' ')} centralization {_cell(v['before'])} -> {_cell(v['after'])}" for name, v in central.items())
        + f"; edgewise reciprocity {_cell(recip['edgewise']['before'])} -> {_cell(recip['edgewise']['after'])}."]
    brokers = result["brokers"]
    lines.append(f"Brokers (top tenth across groups): {len(brokers['before'])} -> {len(brokers['after'])}; "
                 f"{len(brokers['appeared'])} appeared, {len(brokers['disappeared'])} disappeared.")
    lines += ["", findings_text(result["findings"])]
    return "\n".join(lines)


def result_text(name: str, result: dict[str, Any]) -> str:
    """A pass's ``to_dict()`` as text for a terminal."""
    formatter = _FORMATTERS.get(name)
    if formatter is not None:
        return formatter(result)
    return f"{name.upper()}\n\n" + findings_text(result.get("findings", []))


def analysis_text(analysis: Any) -> str:
    """An :class:`~landscape.analysis.Analysis` as text for a terminal: each pass in turn."""
    document = analysis.to_dict()
    return "\n\n".join(result_text(name, document[name]) for name in analysis.results)

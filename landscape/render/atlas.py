"""The atlas: one command from a landscape to everything a facilitator brings to a workshop.

:func:`write_atlas` writes ``atlas.html`` (every view of the landscape in one offline page),
``report.html`` and ``report.md`` (the findings in plain language) and ``metrics.xlsx`` (every
measure), all from one run of the four passes on one (optionally anonymised) landscape.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from landscape._version import __version__
from landscape.errors import OutputNotWritable
from landscape.findings import findings_for, result_dict
from landscape.model import Landscape
from landscape.model.sharing import shareable
from landscape.render.layout import force_positions, layered_positions
from landscape.render.mapdata import _boundaries_view, _network_view, _power_view, _scale_view, _voices_view, \
    FOLD_ABOVE, colour_attribute, drawing_once, units_view

__all__ = ["ATLAS_VIEWS", "AtlasFiles", "atlas_data", "run_passes", "write_atlas"]

#: The atlas's views, in the order of its switcher: pass name and tab label.
ATLAS_VIEWS: tuple[tuple[str, str], ...] = (("voices", "Voices"), ("power", "Power"), ("boundaries", "Boundaries"),
                                            ("scale", "Scale"))
#: Node fields a view may change; everything else about a person is in the data once.
_OVERLAY_FIELDS = ("color", "size", "group", "multi", "level", "mark", "role", "layer", "units", "x", "y")
#: An attribute with more values than this is not offered as a filter (names, ids, free text).
_FILTER_VALUES = 40

Progress = Callable[[str, float | None], None]


@dataclass(frozen=True)
class AtlasFiles:
    """What :func:`write_atlas` wrote."""

    folder: Path
    atlas: Path
    report_html: Path
    report_markdown: Path
    metrics: Path
    changes: Path | None = None  # the map of what changed, when an earlier wave was given


def _quiet(step: str, seconds: float | None) -> None:
    """No progress reporting."""


class _Steps:
    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def run(self, step: str, work: Callable[[], Any]) -> Any:
        self.progress(step, None)
        start = time.perf_counter()
        result = work()
        self.progress(step, time.perf_counter() - start)
        return result


def run_passes(landscape: Landscape, options: dict[str, Any] | None = None, progress: Progress = _quiet) -> dict[str, Any]:
    """Every registered pass on ``landscape``, each with the options it accepts: results by name."""
    from landscape.passes import available_passes, get_pass

    steps = _Steps(progress)
    options = options or {}
    return {name: steps.run(f"the {name} pass", lambda name=name: get_pass(name).run(landscape, **options))
            for name in available_passes()}


def _metrics(results: dict[str, Any]) -> dict[str, list[list[str]]]:
    """Each person's measures from every pass, as ``[name, value]`` pairs for the details panel."""
    table: dict[str, list[list[str]]] = {}

    def add(pid: str, name: str, value: Any) -> None:
        if value is None:
            return
        text = f"{value:.3f}" if isinstance(value, float) else str(value)
        table.setdefault(pid, []).append([name, text])

    if "voices" in results:
        for p in results["voices"].participants:
            add(p.id, "participation", p.participation_level)
            add(p.id, "named by (in-degree)", p.in_degree)
            add(p.id, "names (out-degree)", p.out_degree)
            add(p.id, "variety of ties (Blau)", p.blau)
    if "power" in results:
        for p in results["power"].participants:
            add(p.id, "betweenness", p.betweenness)
            add(p.id, "rank mismatch", p.mismatch)
            if p.direct_reports:
                add(p.id, "direct reports", p.direct_reports)
    if "boundaries" in results:
        b = results["boundaries"]
        for pid, counts in b.brokerage_participants.items():
            add(pid, "E-I of their ties", b.ei_participants.get(pid))
            add(pid, "pairs brokered across groups", counts["total"] - counts["coordinator"])
            add(pid, "constraint", b.constraint.get(pid))
    if "scale" in results:
        s = results["scale"]
        detection = s.reported  # the detection the findings report: resolution 1, or the first run
        for position, node in enumerate(s.nodes):
            for level in s.levels:
                add(str(node), level.name, level.first(node))
            if detection is not None:
                add(str(node), "community the ties form", detection.membership[position] + 1)
    return table


def _filters(landscape: Landscape) -> tuple[dict[str, list[str]], dict[str, dict[str, list[str]]]]:
    """Participant attributes worth filtering on, their values, and each person's values."""
    attributes: dict[str, list[str]] = {}
    values: dict[str, dict[str, list[str]]] = {str(node): {} for node in landscape.graph.nodes}
    for column in landscape.participants.columns:
        if column in ("id", "name", "_row"):
            continue
        seen: dict[str, None] = {}
        for node, value in landscape.graph.nodes(data=column):
            if value is None:
                continue
            items = [str(item) for item in value] if isinstance(value, tuple) else [str(value)]
            values[str(node)][column] = items
            seen.update(dict.fromkeys(items))
        if 1 < len(seen) <= _FILTER_VALUES:
            attributes[column] = sorted(seen, key=str.casefold)
    kept = set(attributes)
    return attributes, {pid: {k: v for k, v in person.items() if k in kept} for pid, person in values.items()}


def atlas_data(landscape: Landscape, results: dict[str, Any], *, title: str | None = None) -> dict[str, Any]:
    """Everything the atlas page shows, as JSON-able data: the people and ties once, and for each
    view only what changes (colours, sizes, positions, marks, extra nodes, legend, findings).

    Above FOLD_ABOVE people (with a Scale result), the units of every level of scale instead
    (:func:`landscape.render.mapdata.units_view`) with every discipline's findings."""
    people = landscape.graph.number_of_nodes()
    if people > FOLD_ABOVE and "scale" in results:
        # Too many people for a browser to draw one by one: the units of every level of scale, with
        # every discipline's findings beside them (the report and metrics.xlsx have the rest).
        findings = [{"statement": f"{label}: {finding.statement}", "question": finding.question}
                    for name, label in ATLAS_VIEWS if name in results for finding in findings_for(name, results[name])]
        data = units_view(landscape, title, result=results["scale"], findings=findings)
        if title is None:
            data["meta"]["title"] = f"{landscape.graph.graph.get('name') or 'landscape'}: atlas"
        return data
    with drawing_once(landscape):
        return _atlas_data(landscape, results, title)


def _atlas_data(landscape: Landscape, results: dict[str, Any], title: str | None) -> dict[str, Any]:
    base = _network_view(landscape, colour_attribute(landscape, None), title)
    people_count = len(base["nodes"])
    edge_count = len(base["edges"])
    edge_keys = [_edge_key(edge) for edge in base["edges"]]
    metrics = _metrics(results)
    attributes, values = _filters(landscape)
    people = [{"id": node["id"], "pid": node["pid"], "label": node["label"], "details": node["details"],
               "metrics": metrics.get(node["pid"], []), "values": values.get(node["pid"], {})}
              for node in base["nodes"]]
    force = force_positions(landscape.graph)
    builders = {
        "voices": lambda: _voices_view(landscape, title, result=results["voices"]),
        "power": lambda: _power_view(landscape, None, title, result=results["power"]),
        "boundaries": lambda: _boundaries_view(landscape, title, result=results["boundaries"]),
        "scale": lambda: _scale_view(landscape, title, result=results["scale"]),
    }
    views: dict[str, Any] = {}
    for name, label in ATLAS_VIEWS:
        if name not in results:
            continue
        view = builders[name]()
        nodes = view["nodes"]
        if name == "voices":
            for node in nodes[:people_count]:
                node["x"], node["y"] = force[_key(landscape, node["pid"])]
            # Empty chairs stand in a column to the right of everyone present.
            right = max((x for x, _ in force.values()), default=0.0) + 220
            top = min((y for _, y in force.values()), default=0.0)
            for i, chair in enumerate(nodes[people_count:]):
                chair["x"], chair["y"] = right, round(top + i * 120, 2)
            view["layout"] = {"type": "positions"}
        elif name == "power":
            layers = {node["pid"]: node.get("layer", 0) for node in nodes[:people_count]}
            order = {pid: force[_key(landscape, pid)][0] for pid in layers}
            placed = layered_positions(layers, order)
            for node in nodes[:people_count]:
                node["x"], node["y"] = placed[node["pid"]]
                node.pop("layer", None)
            labels = view.get("layout", {}).get("layers", [])
            view["layout"] = {"type": "positions", "layers": labels}
        fields = [f for f in _OVERLAY_FIELDS if any(f in node for node in nodes[:people_count])]
        overlay_nodes = {field: [node.get(field) for node in nodes[:people_count]] for field in fields}
        # A view draws the ties its pass measured: the others are marked not shown, by each edge's key.
        edges = [edge for edge in view["edges"] if edge.get("kind") != "object-link"]
        drawn = {_edge_key(edge): edge for edge in edges}
        overlay_edges: dict[str, list[Any]] = {}
        if len(drawn) < edge_count:
            overlay_edges["shown"] = [key in drawn for key in edge_keys]
        if any("crossing" in edge for edge in edges):
            overlay_edges["crossing"] = [drawn[key].get("crossing") if key in drawn else None for key in edge_keys]
        views[name] = {
            "label": label,
            "meta": {"size_by": view["meta"]["size_by"], "view": name},
            "nodes": overlay_nodes,
            "extra_nodes": nodes[people_count:],
            "edges": overlay_edges,
            "extra_edges": [edge for edge in view["edges"] if edge.get("kind") == "object-link"],
            "legend": view["legend"],
            "findings": view.get("findings", []),
            "layout": view.get("layout"),
            "regions": view.get("regions"),
            "scale": view.get("scale"),
        }
    meta = dict(base["meta"])
    meta.update({"view": "atlas", "file_stem": str(landscape.graph.graph.get("name") or "landscape"),
                 "generator": f"landscape {__version__}"})
    if title is None:
        meta["title"] = f"{meta['title']}: atlas"
    return {"meta": meta, "people": people, "edges": base["edges"], "views": views,
            "filters": {"attributes": attributes, "types": list(landscape.relation_types)}}


def _edge_key(edge: dict[str, Any]) -> tuple[Any, ...]:
    """What identifies a drawn tie across views: its two ends, type and direction."""
    return edge["from"], edge["to"], edge["type"], edge["directed"]


def _key(landscape: Landscape, pid: str) -> Hashable:
    return pid if pid in landscape.graph else next(node for node in landscape.graph.nodes if str(node) == pid)


def write_atlas(
    landscape: Landscape,
    folder: str | Path,
    *,
    anonymise: bool = False,
    keep: Collection[str] = (),
    options: dict[str, Any] | None = None,
    title: str | None = None,
    progress: Progress = _quiet,
    before: Landscape | None = None,
    labels: tuple[str, str] = ("before", "after"),
    basis: str = "two inputs",
    ties_without_wave: int = 0,
) -> AtlasFiles:
    """Write the atlas, the report (HTML and Markdown) and the metrics workbook into ``folder``.

    Parameters
    ----------
    landscape : Landscape
    folder : path
        Created if missing; the four files are written into it and nothing else.
    anonymise : bool
        Replace names by stable pseudonyms and leave out free-text columns (``keep`` names the
        ones to keep). People whose ``consent`` is not ``yes`` are anonymous in any case.
    options : dict, optional
        Pass options (``relations``, ``group``, ``levels``...), each given to the passes that take it.
    progress : callable, optional
        Called with each step's name when it starts (seconds None) and ends (seconds taken).
    before : Landscape, optional
        An earlier wave of ``landscape``: the report gets a Continuity section (see
        :func:`landscape.passes.continuity.compare`, named by ``labels``) and the folder a fifth
        file, ``changes.html``, the map of what changed. Both waves are shared with one set of
        pseudonyms.
    """
    from landscape.render.html import map_html
    from landscape.render.report import report_blocks, report_html, report_markdown
    from landscape.render.workbook import write_metrics

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputNotWritable(f"{folder}: is a file; give a folder for the atlas")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputNotWritable(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    steps = _Steps(progress)
    if before is None:
        shared = shareable(landscape, anonymise_names=anonymise, keep=keep)
        # The import's messages quote cell values: when anyone is anonymous, only their kinds are shared.
        private = anonymise or shareable(landscape) is not landscape
    else:
        from landscape.model.sharing import shareable_waves

        shared_before, shared = shareable_waves(before, landscape, anonymise_names=anonymise, keep=keep)
        private = anonymise or shared is not landscape or shared_before is not before
    results = run_passes(shared, options, progress)
    data = steps.run("the atlas page", lambda: atlas_data(shared, results, title=title))
    paths = AtlasFiles(folder=folder, atlas=folder / "atlas.html", report_html=folder / "report.html",
                       report_markdown=folder / "report.md", metrics=folder / "metrics.xlsx",
                       changes=folder / "changes.html" if before is not None else None)
    dicts = {name: result_dict(name, result) for name, result in results.items()}
    if before is not None:
        from landscape.passes.continuity import compare
        from landscape.render.mapdata import change_map_data

        chosen = {key: value for key, value in (options or {}).items() if key in ("relations", "group", "by")}
        comparison = steps.run("the comparison of the two waves", lambda: compare(
            shared_before, shared, labels=labels, basis=basis, ties_without_wave=ties_without_wave,  # type: ignore[arg-type]
            level_order=landscape.settings.level_order, **chosen))
        dicts["continuity"] = result_dict("continuity", comparison)
    report_title = f"{data['meta']['title'].removesuffix(': atlas')}: findings"
    blocks = report_blocks(report_title, landscape.report, dicts, anonymised=private)

    def write_text(path: Path, text: str) -> None:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None

    steps.run("atlas.html", lambda: write_text(paths.atlas, map_html(data)))
    steps.run("report.html and report.md", lambda: (write_text(paths.report_html, report_html(blocks)),
                                                    write_text(paths.report_markdown, report_markdown(blocks))))
    steps.run("metrics.xlsx", lambda: write_metrics(paths.metrics, shared, dicts, landscape.report, anonymised=private))
    if before is not None and paths.changes is not None:
        changes_title = f"{data['meta']['title'].removesuffix(': atlas')}: {labels[0]} to {labels[1]}"
        steps.run("changes.html", lambda: write_text(paths.changes, map_html(  # type: ignore[arg-type]
            change_map_data(shared_before, shared, comparison, title=changes_title))))
    return paths

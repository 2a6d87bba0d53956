"""The atlas: one command from a landscape to everything a facilitator brings to a workshop.

:func:`write_atlas` writes ``atlas.html`` (every view of the landscape in one offline page),
``report.html`` and ``report.md`` (the findings in plain language) and ``metrics.xlsx`` (every
measure), all from one run of the four passes on one (optionally anonymised) landscape.
"""

from __future__ import annotations

import dataclasses
import secrets
import shutil
from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from landscape._version import __version__
from landscape.errors import OutputNotWritable
from landscape.model import Landscape
from landscape.analysis import (Waves, analyse, current_wave, measured_waves, notes, two_waves, waves_of,
                                with_setting_options)
from landscape.progress import Progress, quiet, step
from landscape.model.sharing import redact_data, renamed, shareable, sharing_notes
from landscape.passes.groups import grouping, share_spellings
from landscape.render.card import person_cards
from landscape.render.layout import force_layout, layered_positions
from landscape.render.output import OutputSet
from landscape.render.story import story_data
from landscape.render.views import (
    boundaries_view,
    change_map_data,
    leadership_view,
    network_view,
    power_view,
    scale_view,
    units_view,
    value_view,
    voices_view,
)
from landscape.render.views import scale as scale_views
from landscape.render.views.base import colour_attribute, drawing_once, findings_shown, withheld_ids

__all__ = ["ATLAS_VIEWS", "AtlasFiles", "atlas_data", "run_passes", "with_setting_options", "write_atlas", "write_demo",
           "write_text"]

#: The atlas's views, in the order of its switcher: pass name and tab label.
ATLAS_VIEWS: tuple[tuple[str, str], ...] = (("voices", "Voices"), ("power", "Power"), ("boundaries", "Boundaries"),
                                            ("scale", "Scale"), ("leadership", "Leadership"), ("value", "Value"))
#: Node fields a view may change; everything else about a person is in the data once.
_OVERLAY_FIELDS = ("color", "size", "group", "groups", "multi", "level", "mark", "role", "layer", "units", "x", "y")
#: The files an atlas writes: those an earlier run left and this one does not write are removed.
ATLAS_OUTPUTS = ("atlas.html", "report.html", "report.md", "metrics.xlsx", "changes.html", "map-*.svg")
#: Lines a view draws to its own extra nodes (boundary objects, stories), not ties between people.
_LINKS = ("object-link", "story-link")
#: An attribute with more values than this is not offered as a filter (names, ids, free text).
_FILTER_VALUES = 40



@dataclass(frozen=True)
class AtlasFiles:
    """What :func:`write_atlas` wrote."""

    folder: Path
    atlas: Path
    report_html: Path
    report_markdown: Path
    metrics: Path
    changes: Path | None = None  # the map of what changed, when an earlier wave was given
    pictures: tuple[Path, ...] = ()  # map-VIEW.svg: each view as a still picture, shown in the report
    sample: Path | None = None  # the demo's copy of the sample it mapped
    participants: int = 0  # in the landscape mapped
    relationships: int = 0


def run_passes(landscape: Landscape, options: dict[str, Any] | None = None, progress: Progress = quiet) -> dict[str, Any]:
    """Every registered pass on ``landscape``, each with the options it accepts: results by name
    (:func:`landscape.analysis.analyse` gives them with their findings)."""
    return dict(analyse(landscape, options=options, progress=progress).results)


def _filters(landscape: Landscape) -> tuple[dict[str, list[str]], dict[str, dict[str, list[str]]]]:
    """Participant attributes worth filtering on, their values, and each person's values."""
    attributes: dict[str, list[str]] = {}
    values: dict[str, dict[str, list[str]]] = {str(node): {} for node in landscape.graph.nodes}
    for column in landscape.participants.columns:
        if column in ("id", "name", "_row"):
            continue
        grouped = grouping(landscape, column)  # one filter value per group, whatever the spelling
        for node, groups in grouped.memberships.items():
            if groups:
                values[str(node)][column] = list(groups)
        if 1 < len(grouped.groups) <= _FILTER_VALUES:
            attributes[column] = sorted(grouped.groups, key=_as_sorted)
    kept = set(attributes)
    return attributes, {pid: {k: v for k, v in person.items() if k in kept} for pid, person in values.items()}


def _as_sorted(value: str) -> tuple[int, float, str]:
    """Numbers in numeric order (level 2 before level 10), then text as a person sorts it."""
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value.casefold())


def atlas_data(landscape: Landscape, results: dict[str, Any], *, title: str | None = None,
               findings_from: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the atlas page shows, as JSON-able data: the people and ties once, and for each
    view only what changes (colours, sizes, positions, marks, extra nodes, legend, findings).

    ``findings_from`` gives the results whose findings each view shows, when they are not
    ``results`` (the atlas draws the shown copy of a landscape where some people withheld consent,
    but its findings count everyone as they are). Above FOLD_ABOVE people (with a Scale result),
    the units of every level of scale instead (:func:`landscape.render.views.units_view`) with
    every discipline's findings. With a story (the Story sheet), ``data["story"]`` holds its steps
    (:func:`landscape.render.story.story_data`), which the guided tour follows."""
    phrased = findings_from or results
    story = story_data(landscape)
    people = landscape.graph.number_of_nodes()
    if people > scale_views.FOLD_ABOVE and "scale" in results:
        # Too many people for a browser to draw one by one: the units of every level of scale, with
        # every discipline's findings beside them (the report and metrics.xlsx have the rest).
        findings = [{"headline": f"{label}: {finding['headline']}", "question": finding["question"],
                     "detail": finding["detail"], "statement": f"{label}: {finding['statement']}"}
                    for name, label in ATLAS_VIEWS if name in phrased
                    for finding in findings_shown(name, phrased[name], withheld_ids(landscape))]
        data = units_view(landscape, title, result=results["scale"], findings=findings)
        if title is None:
            data["meta"]["title"] = f"{landscape.graph.graph.get('name') or 'landscape'}: atlas"
        if story is not None:
            data["story"] = story
        return data
    with drawing_once(landscape):
        data = _atlas_data(landscape, results, title)
    withheld = withheld_ids(landscape)
    for name, view in data["views"].items():
        if name in phrased and (phrased is not results or withheld):
            view["findings"] = findings_shown(name, phrased[name], withheld)
    if story is not None:
        data["story"] = story
    return data


def _atlas_data(landscape: Landscape, results: dict[str, Any], title: str | None) -> dict[str, Any]:
    base = network_view(landscape, colour_attribute(landscape, None), title)
    people_count = len(base["nodes"])
    edge_count = len(base["edges"])
    edge_keys = [_edge_key(edge) for edge in base["edges"]]
    cards = person_cards(results)  # the person card: plain sentences first, then the numbers
    attributes, values = _filters(landscape)
    people = [{"id": node["id"], "pid": node["pid"], "label": node["label"], "details": node["details"],
               "summary": cards.summaries.get(node["pid"], []), "metrics": cards.numbers.get(node["pid"], []),
               "values": values.get(node["pid"], {}), **({"unanswered": True} if node.get("unanswered") else {})}
              for node in base["nodes"]]
    force = _laid_out(landscape)
    builders = {
        "voices": lambda: voices_view(landscape, title, result=results["voices"]),
        "power": lambda: power_view(landscape, None, title, result=results["power"]),
        "boundaries": lambda: boundaries_view(landscape, title, result=results["boundaries"]),
        "scale": lambda: scale_view(landscape, title, result=results["scale"]),
        "leadership": lambda: leadership_view(landscape, title, result=results["leadership"]),
        "value": lambda: value_view(landscape, title, result=results["value"]),
    }
    views: dict[str, Any] = {}
    for name, label in ATLAS_VIEWS:
        if name not in results:
            continue
        view = builders[name]()
        nodes = view["nodes"]
        if name in ("voices", "leadership"):
            # Leadership: laid out by the nominations alone, so that those widely looked to stand apart
            # with the people who look to them around them (every tie at once crowds them together).
            placed = force if name == "voices" else _laid_out(landscape, results[name].relations)
            for node in nodes[:people_count]:
                node["x"], node["y"] = placed[_key(landscape, node["pid"])]
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
            # The layer stays on each person: the page names each row by it.
            layout = view.get("layout", {})
            view["layout"] = {"type": "positions", "layers": layout.get("layers", []), "rows": layout.get("rows", [])}
        fields = [f for f in _OVERLAY_FIELDS if any(f in node for node in nodes[:people_count])]
        overlay_nodes = {field: [node.get(field) for node in nodes[:people_count]] for field in fields}
        # A view draws the ties its pass measured: the others are marked not shown, by each edge's key.
        edges = [edge for edge in view["edges"] if edge.get("kind") not in _LINKS]
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
            "extra_edges": [edge for edge in view["edges"] if edge.get("kind") in _LINKS],
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
            "filters": {"attributes": attributes, "types": list(landscape.relation_types)},
            "glossary": cards.meanings}


def _laid_out(landscape: Landscape, relations: Collection[str] | None = None) -> dict[Hashable, tuple[float, float]]:
    """The force layout of everyone by the ties of these types (all types by default): the
    positions a view is laid out by. The ties come from the relationships table (one row per
    edge of the graph) as arrays: walking the graph's 98,000 edges took a second at 10,000 people."""
    import pandas as pd

    nodes = list(landscape.graph.nodes)
    frame = landscape.relationships
    if relations is not None:
        frame = frame[frame["type"].isin(list(relations))]
    position = pd.Index(nodes)
    ends = np.column_stack((position.get_indexer(frame["source"]), position.get_indexer(frame["target"])))
    return force_layout(nodes, ends)


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
    options: Mapping[str, Any] | None = None,
    title: str | None = None,
    progress: Progress = quiet,
    before: Landscape | None = None,
    labels: tuple[str, str] | None = None,
    waves: Waves | None = None,
) -> AtlasFiles:
    """Write the atlas, the report (HTML and Markdown) and the metrics workbook into ``folder``.

    Parameters
    ----------
    landscape : Landscape
        Read with the settings that describe it (see :class:`~landscape.model.Settings`).
    folder : path
        Created if missing; the four files are written into it and nothing else.
    anonymise : bool
        Replace names by stable pseudonyms and leave out free-text columns (``keep`` names the
        ones to keep). People whose ``consent`` is not ``yes`` are anonymous in any case, and keep
        only their group (the ``group`` setting).
    options : mapping, optional
        Pass options (``resolutions``, ``seed``...), each given to the passes that take it;
        ``group``, ``by``, ``relations``, ``levels`` and ``level_order`` here change the
        landscape's settings.
    progress : callable, optional
        Called with each step's name when it starts (seconds None) and ends (seconds taken).
    before : Landscape, optional
        An earlier wave of ``landscape``. Without it, a landscape whose relationships hold two or
        more waves (and no ``wave`` setting) is mapped at its latest wave and compared with the one
        before it. An earlier wave of ``landscape`` (named by ``labels``, by default after the files): the
        report gets a Continuity section and the folder a fifth file, ``changes.html``, the map of
        what changed. Both waves are shared with one set of pseudonyms.
    waves : Waves, optional
        The same from :func:`landscape.analysis.waves_of` or :func:`~landscape.analysis.two_waves`;
        ``waves.after`` must be ``landscape``. Waves of one wave column (and the waves found without
        ``before`` or ``waves``) are made shareable once, before they are cut: ``changes.html``
        holds every wave of the column, each person under one pseudonym in all of them.
    """
    from landscape.analysis import compare

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputNotWritable(f"{folder}: is a file; give a folder for the atlas")
    landscape, options = with_setting_options(landscape, options)
    if waves is not None and before is not None:
        raise ValueError("give before or waves, not both")
    if before is not None:
        waves = two_waves(before, landscape, labels)
        landscape = waves.after  # the wave it maps (the latest, where the input holds several)
    elif waves is not None and waves.after.tables is not landscape.tables:
        raise ValueError("waves.after must be the landscape the atlas maps")
    folder = _atlas_folder(folder, make=False)
    # The folder is this run's from the start: a second run into it refuses at once, so that no run
    # reports files another one then replaces (an --anonymise run and a plain one, say).
    with OutputSet(folder, stale=ATLAS_OUTPUTS) as out:
        copies = _copies(landscape, waves, anonymise, keep)
        counted, shared, withheld = copies.counted, copies.shared, copies.withheld
        # The import's messages quote cell values: when anyone is anonymous, only their kinds are shared.
        private = anonymise or withheld
        analysis = analyse(counted, options=options, progress=progress)
        drawn = analyse(shared, options=options) if withheld else analysis
        data = step(progress, "the atlas page", lambda: atlas_data(shared, drawn.results, title=title,
                                                                   findings_from=analysis.results))
        dicts = {key: value for key, value in analysis.to_dict().items() if key in analysis.results}
        comparison = None
        if copies.counted_pair is not None:
            comparison = compare(copies.counted_pair,
                                 progress=lambda name, seconds: progress(f"{name} of the two waves", seconds))
            dicts["continuity"] = comparison.to_dict()["continuity"]
            # The map of what changed draws the shown copies (pseudonyms match the counted ones).
            comparison = dataclasses.replace(comparison, waves=copies.shown_pair)
        people = {key: value for key, value in drawn.to_dict().items() if key in drawn.results} if withheld else None
        told = sharing_notes(landscape, anonymise=anonymise, keep=keep)  # what sharing did to the story's text
        # The last check on every word written: a label the data carried (a wave called after someone)
        # is not a cell sharing rewrote, so each name still in a file becomes the name shared; the
        # earlier wave's people too (someone who has left is still named in its labels).
        names = {}
        if private:
            if waves is not None and copies.counted_pair is not None:
                names.update(renamed(waves.before, copies.counted_pair.before))
            names.update(renamed(landscape, copies.counted))
        staged = AtlasFiles(folder=out.staging, atlas=out.path("atlas.html"), report_html=out.path("report.html"),
                            report_markdown=out.path("report.md"), metrics=out.path("metrics.xlsx"),
                            changes=out.path("changes.html") if comparison is not None else None)
        drawn_maps = _write_files(staged, landscape, shared, data, dicts, comparison, private, progress, people, told,
                                  names)
        out.commit()
    return AtlasFiles(folder=folder, atlas=folder / "atlas.html", report_html=folder / "report.html",
                      report_markdown=folder / "report.md", metrics=folder / "metrics.xlsx",
                      changes=folder / "changes.html" if comparison is not None else None,
                      pictures=tuple(folder / path.name for path in drawn_maps),
                      participants=shared.graph.number_of_nodes(), relationships=shared.graph.number_of_edges())


@dataclass(frozen=True, eq=False)
class _Copies:
    """What the atlas computes on and what it shows, under one set of pseudonyms: ``counted`` keeps
    the attributes of people who withheld consent (every number and finding stays true),
    ``shared`` keeps only their group (what is drawn and listed person by person); the same for
    the two waves compared, when there are two."""

    counted: Landscape
    shared: Landscape
    counted_pair: Waves | None
    shown_pair: Waves | None
    withheld: bool


def _copies(landscape: Landscape, waves: Waves | None, anonymise: bool, keep: Collection[str]) -> _Copies:
    # Waves of the learning ties are compared; a wave column only other ties use (leadership asked twice)
    # is mapped at its latest wave, and the Leadership pass says what changed.
    latest = waves is None and landscape.settings.wave is None and len(measured_waves(landscape)) >= 2
    if latest or (waves is not None and waves.source is not None):
        # Waves of one sheet: with none chosen, the latest is mapped (everyone on the sheet) and compared
        # with the one before (who has a tie in each); else the two chosen. Made shareable once, before
        # the waves are cut, so that a person has one pseudonym in every file and every wave.
        source = landscape if waves is None else waves.source.with_settings(  # type: ignore[union-attr]
            landscape.settings, wave=None)
        key = secrets.token_bytes(16)  # one key for both copies: one pseudonym per person
        full = [shareable(source, anonymise_names=anonymise, keep=keep, hide_withheld=hide, key=key)
                for hide in (False, True)]
        pairs = [waves_of(copy, *(landscape.waves[-2:] if waves is None else waves.labels)) for copy in full]
        for pair in pairs:
            for attribute in (landscape.settings.grouping_attribute, landscape.settings.voices_attribute):
                share_spellings((pair.before, pair.after), attribute)
        counted, shared = (current_wave(copy) for copy in full) if waves is None else (pair.after for pair in pairs)
        withheld = not full[1].participants.equals(full[0].participants)
        return _Copies(counted, shared if withheld else counted, pairs[0], pairs[1] if withheld else pairs[0], withheld)
    landscape = current_wave(landscape) if waves is None else landscape
    earlier = None if waves is None else waves.before.with_settings(landscape.settings, wave=waves.before.settings.wave)
    key = secrets.token_bytes(16)  # one key for both copies: one pseudonym per person
    counted_before, counted = _shared(landscape, earlier, anonymise, keep, hide=False, key=key)
    shared_before, shared = _shared(landscape, earlier, anonymise, keep, hide=True, key=key)
    withheld = not (shared.participants.equals(counted.participants) and (
        earlier is None or shared_before.participants.equals(counted_before.participants)))  # type: ignore[union-attr]
    if not withheld:
        shared_before, shared = counted_before, counted
    if waves is None:
        return _Copies(counted, shared, None, None, withheld)
    extra = (waves.labels, waves.basis, waves.ties_without_wave)
    return _Copies(counted, shared, Waves(counted_before, counted, *extra),  # type: ignore[arg-type]
                   Waves(shared_before, shared, *extra), withheld)  # type: ignore[arg-type]


def _shared(landscape: Landscape, earlier: Landscape | None, anonymise: bool, keep: Collection[str],
            hide: bool, key: bytes) -> tuple[Landscape | None, Landscape]:
    """The shareable copy of the landscape (and of the earlier wave, with one set of names)."""
    if earlier is None:
        return None, shareable(landscape, anonymise_names=anonymise, keep=keep, hide_withheld=hide, key=key)
    from landscape.model.sharing import shareable_waves

    before, after = shareable_waves(earlier, landscape, anonymise_names=anonymise, keep=keep, hide_withheld=hide,
                                    key=key)
    # The atlas's views and the comparison name each group alike in both waves.
    for attribute in (landscape.settings.grouping_attribute, landscape.settings.voices_attribute):
        share_spellings((before, after), attribute)
    return before, after


def _atlas_folder(folder: str | Path, *, make: bool = True) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputNotWritable(f"{folder}: is a file; give a folder for the atlas")
    if not make:
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputNotWritable(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    return folder


def _write_files(paths: AtlasFiles, landscape: Landscape, shared: Landscape, data: dict[str, Any],
                 dicts: dict[str, Any], comparison: Any, private: bool, progress: Progress,
                 people: dict[str, Any] | None = None, told: tuple[str, ...] = (),
                 names: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """Write the atlas's files from what was computed (the one place the atlas writes); return the
    map pictures written. ``names`` (real name to shared name) are replaced in every text written."""

    names = names or {}
    data = redact_data(data, names)

    from landscape.render.html import map_html
    from landscape.render.report import Facts, report_blocks, report_html, report_markdown
    from landscape.render.svgmap import view_svgs
    from landscape.render.workbook import write_metrics

    stem = data["meta"]["title"].removesuffix(": atlas")
    pictures = step(progress, "the map pictures", lambda: view_svgs(data))
    # The folded map of a large landscape is its units of scale: the report shows it under Scale.
    maps = {"scale" if view == "units" else view: (svg, f"map-{view}.svg") for view, svg in pictures.items()}
    blocks = redact_data(report_blocks(
        f"{stem}: findings", landscape.report, dicts, anonymised=private, notes=(*notes(landscape), *told),
        facts=Facts.of(shared, waves=landscape.waves), maps=maps,
        names={str(pid): str(name) for pid, name in shared.graph.nodes(data="name") if name}), names)
    for svg, name in maps.values():
        write_text(paths.folder / name, svg)
    step(progress, "atlas.html", lambda: write_text(paths.atlas, map_html(data)))
    step(progress, "report.html and report.md", lambda: (write_text(paths.report_html, report_html(blocks)),
                                                         write_text(paths.report_markdown, report_markdown(blocks))))
    step(progress, "metrics.xlsx", lambda: write_metrics(paths.metrics, shared, dicts, landscape.report,
                                                         anonymised=private, people_results=people, redact=names))
    if comparison is not None and paths.changes is not None:
        waves = comparison.waves
        title = f"{stem}: {waves.labels[0]} to {waves.labels[1]}"
        step(progress, "changes.html", lambda: write_text(paths.changes, map_html(redact_data(  # type: ignore[arg-type]
            change_map_data(waves.before, waves.after, comparison.result, title=title, series=waves.series()),
            names))))
    return tuple(paths.folder / name for _, name in maps.values())


def write_text(path: Path, text: str) -> None:
    """Write one text file, UTF-8; a failure is an :class:`OutputNotWritable` naming the file."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None


def write_demo(folder: str | Path = "landscape-demo", *, progress: Progress = quiet) -> AtlasFiles:
    """The atlas of the bundled sample (a clinical-simulation partnership), with a copy of the
    sample workbook beside it, so that one can see what goes in and what comes out."""
    from landscape.io import sample_path
    from landscape.model import load

    folder = _atlas_folder(folder)
    sample = sample_path("clinical-simulation")
    files = write_atlas(load(sample), folder, title="Clinical simulation partnership (sample)", progress=progress)
    workbook = folder / sample.name
    try:
        shutil.copyfile(sample, workbook)
    except OSError as exc:
        raise OutputNotWritable(f"{workbook}: cannot be written ({exc.strerror or exc})") from None
    return dataclasses.replace(files, sample=workbook)

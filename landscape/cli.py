"""The ``landscape`` command line: parse, call one library function, format, exit.

Exit codes: 0 success (warnings allowed), 1 invalid data or another landscape error (the message
on stderr), 2 a usage error. With ``--format json`` only JSON goes to stdout.
"""

from __future__ import annotations

import json
import math
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from landscape._version import __version__
from landscape.errors import InvalidLandscape, LandscapeError

__all__ = ["main"]

_WARNINGS_SHOWN = 10


_ALIASES = {"analyze": "analyse"}


class _Group(click.Group):
    """Turns landscape's errors into a message on stderr and exit code 1, in one place."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, _ALIASES.get(cmd_name, cmd_name))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidLandscape as exc:
            report = exc.report
            click.echo(f"{report.source}: {len(report.errors)} error(s); nothing was written.", err=True)
            for issue in report.errors:
                click.echo(f"error   {issue} [{issue.code}]", err=True)
            ctx.exit(1)
        except LandscapeError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


def _input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """INPUT and the per-table overrides, shared by every command that reads a landscape."""
    options = [
        click.argument("source", metavar="INPUT", required=False,
                       type=click.Path(exists=True, path_type=Path)),
        click.option("--participants", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A CSV file (or workbook) with the participants, instead of the one in INPUT."),
        click.option("--relationships", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A CSV file (or workbook) with the relationships."),
        click.option("--voices", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A CSV file (or workbook) with the voices roster."),
        click.option("--communities", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A CSV file (or workbook) with the communities and what they belong to."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


class _Resolution(click.ParamType):
    """A Louvain resolution: a finite number above 0."""

    name = "resolution"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number) or number <= 0:
            self.fail(f"{value!r}: a resolution is a number above 0, such as 0.5, 1 or 2", param, ctx)
        return number


def _levels_list(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    """``community,organisation`` as a list; an empty level, or one named twice, is a usage error."""
    if value is None:
        return None
    from landscape.schema import normalise_header

    parts = [part.strip() for part in value.split(",")]
    if not all(parts):
        raise click.BadParameter(f"{value!r}: name a level between every pair of commas, e.g. "
                                 "community,organisation", ctx=ctx, param=param)
    names = [normalise_header(part) for part in parts]
    twice = list(dict.fromkeys(part for part, name in zip(parts, names) if names.count(name) > 1))
    if twice:
        raise click.BadParameter(f"{value!r} names {', '.join(map(repr, twice))} more than once; name each level "
                                 "once", ctx=ctx, param=param)
    return parts


def _pass_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options that the passes share; each pass takes those it understands."""
    options = [
        click.option("--relation", "relations", multiple=True, metavar="TYPE",
                     help="Measure only this relationship type (repeat for several). Default: every type "
                     "except reports_to."),
        click.option("--voices-by", "by", metavar="ATTR",
                     help="The participant attribute that names a person's voice (default stakeholder_group)."),
        click.option("--group", metavar="ATTR",
                     help="The participant attribute whose groups have boundaries (default community): "
                     "organisation, location, department, any column."),
        click.option("--levels", metavar="A,B,...", callback=_levels_list,
                     help="Levels of scale, finest first: attributes (community, organisation...) or parent, "
                     "grandparent for the Communities sheet's nesting. Default: what the input declares."),
        click.option("--resolution", "resolutions", multiple=True, type=_Resolution(), metavar="R",
                     help="A Louvain resolution for the Scale pass, a number above 0 (repeat for several; default "
                     "0.5, 1 and 2). The findings report 1 when it is among them, else the first."),
        click.option("--seed", type=int, help="The first seed of the Scale pass's Louvain runs (default 1)."),
        click.option("--level-order", type=click.Choice(["higher-is-senior", "lower-is-senior"]),
                     default="higher-is-senior", show_default=True,
                     help="How the level column is coded: lower-is-senior for data where 1 is the top."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _options(relations: tuple[str, ...], by: str | None, group: str | None, levels: list[str] | None,
             resolutions: tuple[float, ...], seed: int | None) -> dict[str, Any]:
    """The shared pass options, None where the user gave none (each pass then uses its default)."""
    return {
        "relations": relations or None,
        "by": by,
        "group": group,
        "levels": levels,
        "resolutions": resolutions or None,
        "seed": seed,
    }


#: The map views each option applies to; given to another view, it is a usage error.
_VIEW_OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "relations": ("--relation", ("voices", "power", "boundaries", "scale")),
    "by": ("--voices-by", ("voices",)),
    "group": ("--group", ("boundaries",)),
    "levels": ("--levels", ("scale",)),
    "resolutions": ("--resolution", ("scale",)),
    "seed": ("--seed", ("scale",)),
    "level_order": ("--level-order", ("power",)),
    "color_by": ("--color-by", ("network", "power")),
    "unfold": ("--unfold", ("network",)),
}


def _check_view_options(ctx: click.Context, view: str, given: dict[str, Any]) -> None:
    """A usage error for the first option given that the view does not use, naming the views that do."""
    for key, value in given.items():
        option, views = _VIEW_OPTIONS[key]
        if value in (None, ()) or view in views:
            continue
        names = views[0] if len(views) == 1 else f"{', '.join(views[:-1])} and {views[-1]}"
        raise click.UsageError(f"{option} belongs to the {names} view{'s' if len(views) > 1 else ''} "
                               f"(--view {views[0]}); the {view} view does not use it.", ctx=ctx)


def _inputs(ctx: click.Context, source: Path | None, **tables: Path | None) -> dict[str, Any]:
    if source is None and not (tables.get("participants") and tables.get("relationships")):
        raise click.UsageError("give INPUT (a workbook or a folder of CSV files), or both "
                               "--participants and --relationships", ctx=ctx)
    return {"source": source, **tables}


def _echo_warnings(report: Any) -> None:
    warnings = report.warnings
    for issue in warnings[:_WARNINGS_SHOWN]:
        click.echo(f"warning {issue} [{issue.code}]", err=True)
    if len(warnings) > _WARNINGS_SHOWN:
        click.echo(f"... and {len(warnings) - _WARNINGS_SHOWN} more warnings: run landscape validate "
                   "to see them all.", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="landscape")
def main() -> None:
    """Map landscapes of practice from spreadsheets.

    Give landscape a workbook with a Participants sheet and a Relationships sheet (or a folder
    of CSV files with those names) and it checks them, builds the network and draws maps you can
    open offline in any browser.

    \b
    Start here:
      landscape demo --out landscape-demo       the atlas of the bundled sample
      landscape template my-landscape.xlsx      a blank workbook to fill in
      landscape validate my-landscape.xlsx      check it, every problem at once
      landscape atlas my-landscape.xlsx -o my-atlas
      landscape compare survey-2024.xlsx survey-2025.xlsx   what changed
    """


@main.command()
@_input_options
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people; json for scripts (the report's schema is "
              "schemas/validation-report.schema.json).")
@click.pass_context
def validate(ctx: click.Context, source: Path | None, output_format: str, **tables: Path | None) -> None:
    """Check INPUT against the data contract and list every problem at once.

    Each problem names the file, sheet, row (as your spreadsheet numbers it) and column, says
    what was expected and what was found, and has a stable code. Exits with 0 when the input is
    valid (warnings allowed) and 1 when it has errors.

    \b
    Examples:
      landscape validate partnership.xlsx
      landscape validate survey-export/            (a folder of CSV files)
      landscape validate --participants people.csv --relationships ties.csv --format json
    """
    from landscape.schema import validate as validate_input

    report = validate_input(**_inputs(ctx, source, **tables))
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        click.echo(report.to_text())
    ctx.exit(0 if report.valid else 1)


@main.command(name="map")
@_input_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .html file to write. Nothing else is written.")
@click.option("--color-by", "--colour-by", "color_by", metavar="ATTR",
              help="The participant attribute that colours the nodes: community (the default when "
              "present), organisation, stakeholder_group, role, level or any column of yours.")
@click.option("--title", help="The map's title (default: the input's file name).")
@click.option("--view", type=click.Choice(["network", "voices", "power", "boundaries", "scale"]), default="network",
              show_default=True,
              help="network: the landscape as it is. voices: coloured by stakeholder group, with an empty "
              "chair for each missing voice and the Voices findings beside the map. power: layers of seniority, "
              "sized by how often each person is sought out, with the Power findings. boundaries: groups as "
              "regions, ties across boundaries strong, brokers and boundary objects marked. scale: units of the "
              "coarsest level, each opening into its members on a click.")
@click.option("--unfold", is_flag=True,
              help="network view above 20,000 participants: draw every person instead of the units of "
              "each level of scale (the page may take minutes to draw, or not open at all).")
@_pass_options
@click.pass_context
def map_command(ctx: click.Context, source: Path | None, output: Path, color_by: str | None,
                title: str | None, view: str, unfold: bool, relations: tuple[str, ...], by: str | None,
                group: str | None, levels: list[str] | None, resolutions: tuple[float, ...], seed: int | None,
                level_order: str, **tables: Path | None) -> None:
    """Draw INPUT as an interactive map in one offline HTML file.

    Nodes are coloured by an attribute and sized by how many people each is connected to;
    hovering shows a person's details, clicking lights up their connections, and the search box
    finds people by name. The file loads nothing from the internet, so it works offline and is
    safe to open when the spreadsheet came from someone else.

    \b
    Examples:
      landscape map partnership.xlsx -o partnership-map.html
      landscape map partnership.xlsx -o by-organisation.html --color-by organisation
      landscape map partnership.xlsx -o voices.html --view voices
      landscape map krackhardt/ -o power.html --view power --relation advice --level-order lower-is-senior
      landscape map partnership.xlsx -o boundaries.html --view boundaries --group organisation
      landscape map partnership.xlsx -o scale.html --view scale --levels community,organisation
    """
    from landscape.model import load
    from landscape.render import map_data, write_map

    inputs = _inputs(ctx, source, **tables)
    if output.suffix.lower() not in (".html", ".htm"):
        raise click.BadParameter(f"{output}: give a file name ending in .html", param_hint="-o/--output")
    from click.core import ParameterSource

    order_given = ctx.get_parameter_source("level_order") not in (ParameterSource.DEFAULT, None)
    _check_view_options(ctx, view, {"relations": relations, "by": by, "group": group, "levels": levels,
                                    "resolutions": resolutions, "seed": seed,
                                    "level_order": level_order if order_given else None, "color_by": color_by,
                                    "unfold": unfold or None})
    land = _step("reading and checking the input", lambda: load(**inputs, level_order=level_order))
    if view == "network":
        data = _step("the map", lambda: map_data(land, color_by=color_by, title=title, unfold=unfold))
        if data["meta"].get("folded"):
            click.echo(f"landscape: {data['meta']['folded']} Give --unfold to draw every person.", err=True)
    else:
        from landscape.passes import get_pass

        given = _options(relations, by, group, levels, resolutions, seed)
        accepted = set(get_pass(view).options)
        options = {key: value for key, value in given.items() if key in accepted and value is not None}
        if view == "power" and color_by:
            options["color_by"] = color_by
        data = _step(f"the {view} map", lambda: map_data(land, view=view, title=title, **options))
    _echo_warnings(land.report)
    _step(output.name, lambda: write_map(data, output))
    click.echo(f"Wrote {output} ({land.graph.number_of_nodes()} participants, "
               f"{land.graph.number_of_edges()} relationships). Open it in a web browser.", err=True)


@main.command()
@_input_options
@click.option("--pass", "passes", multiple=True, metavar="NAME",
              help="Run this pass (repeat for several): voices, power, boundaries, scale. Default: every pass.")
@_pass_options
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people; json for scripts (schema: "
              "schemas/analysis.schema.json).")
@click.pass_context
def analyse(ctx: click.Context, source: Path | None, passes: tuple[str, ...], relations: tuple[str, ...],
            by: str | None, group: str | None, levels: list[str] | None, resolutions: tuple[float, ...],
            seed: int | None,
            level_order: str, output_format: str, **tables: Path | None) -> None:
    """Run the analysis passes on INPUT and report what they find ("analyze" works too).

    Each pass is a discipline of social learning leadership. voices asks who needs to be
    involved: which stakeholder groups are missing, thin or present but unheard. power asks how
    learning can trump power: where formal seniority and being sought out go together, which way
    learning flows across levels, how concentrated it is. The findings say what was computed and
    how, and ask the discipline's question; they are prompts for a conversation, not verdicts.
    boundaries asks how boundaries can become learning assets: which pairs of groups are crossed
    and which nobody crosses, the E-I index, brokers, and the boundary objects ties run through.
    scale asks how to keep a multi-scale perspective: the landscape community by community and
    organisation by organisation, where ties sit, and the communities the ties themselves form.

    \b
    Examples:
      landscape analyse partnership.xlsx
      landscape analyse partnership.xlsx --pass voices --relation advice
      landscape analyse krackhardt/ --pass power --relation advice --level-order lower-is-senior
      landscape analyse partnership.xlsx --pass boundaries --group organisation
      landscape analyse partnership.xlsx --pass scale --levels community,organisation --resolution 1
      landscape analyse partnership.xlsx --format json > analysis.json
    """
    from landscape.findings import result_dict
    from landscape.model import load
    from landscape.passes import available_passes, get_pass
    from landscape.render.text import result_text

    names = list(dict.fromkeys(passes)) or list(available_passes())
    unknown = [name for name in names if name not in available_passes()]
    if unknown:
        raise click.BadParameter(f"no pass named {', '.join(map(repr, unknown))}; the passes are: "
                                 f"{', '.join(available_passes())}", param_hint="--pass")
    inputs = _inputs(ctx, source, **tables)
    land = _step("reading and checking the input", lambda: load(**inputs, level_order=level_order))
    options = _options(relations, by, group, levels, resolutions, seed)
    results = {name: _step(f"the {name} pass",
                           lambda name=name: result_dict(name, get_pass(name).run(land, **options)))
               for name in names}
    _echo_warnings(land.report)  # stderr, whatever the format: JSON alone goes to stdout
    if output_format == "json":
        document = {"source": land.tables.source, "participants": land.graph.number_of_nodes(),
                    "relationships": land.graph.number_of_edges(), **results}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False))
        return
    click.echo("\n\n".join(result_text(name, result) for name, result in results.items()))


def _waves_pair(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise click.BadParameter(f"expected two different waves, earlier first, as in 2024,2025 (got {value!r})")
    return parts[0], parts[1]


def _two_waves(ctx: click.Context, first: Path, second: Path | None, waves: tuple[str, str] | None,
               level_order: str) -> tuple[Any, Any, dict[str, Any]]:
    """The earlier and the later wave, from two inputs or from one input's wave column."""
    from landscape.model import load
    from landscape.passes.continuity import split_waves

    if second is not None and waves is not None:
        raise click.UsageError("give BEFORE and AFTER, or one INPUT with --waves, not both", ctx=ctx)
    if second is None and waves is None:
        raise click.UsageError("give BEFORE and AFTER (two inputs), or one INPUT with --waves A,B", ctx=ctx)
    if second is not None:
        before, after = load(first, level_order=level_order), load(second, level_order=level_order)
        _echo_warnings(before.report)
        _echo_warnings(after.report)
        labels = (first.stem or str(first), second.stem or str(second))
        if labels[0] == labels[1]:
            labels = ("before", "after")
        return before, after, {"labels": labels, "basis": "two inputs"}
    land = load(first, level_order=level_order)
    _echo_warnings(land.report)
    try:
        before, after, blank = split_waves(land, *waves)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--waves") from None
    return before, after, {"labels": waves, "basis": "wave column", "ties_without_wave": blank}


@main.command()
@click.argument("first", metavar="BEFORE", type=click.Path(path_type=Path))
@click.argument("second", metavar="[AFTER]", required=False, type=click.Path(path_type=Path))
@click.option("--waves", callback=_waves_pair, metavar="A,B",
              help="With one INPUT: compare the ties whose wave column says A with those that say B.")
@click.option("--relation", "relations", multiple=True, metavar="TYPE",
              help="Measure only this relationship type (repeat for several). Default: every type except reports_to.")
@click.option("--group", metavar="ATTR", help="The attribute whose groups have boundaries (default community).")
@click.option("--voices-by", "by", metavar="ATTR", help="The attribute that names a person's voice "
              "(default stakeholder_group).")
@click.option("--level-order", type=click.Choice(["higher-is-senior", "lower-is-senior"]), default="higher-is-senior",
              show_default=True, help="How the level column is coded.")
@click.option("--map", "map_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the map of what changed (the later wave; ties gained strong, lost faint and dashed; "
              "newcomers ringed).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def compare(ctx: click.Context, first: Path, second: Path | None, waves: tuple[str, str] | None,
            relations: tuple[str, ...], group: str | None, by: str | None, level_order: str, map_path: Path | None,
            output_format: str) -> None:
    """Compare two waves of a landscape and say what changed.

    Participants are matched by id. The comparison lists who joined and who left, the ties kept,
    gained and lost (Jaccard persistence per type and across boundaries), moves between
    participation levels, boundaries opened and closed, E-I by group, centralization and
    reciprocity, brokers who appeared or disappeared, and voices that arrived or are still
    missing, each with its numbers before and after. With --waves, a participant takes part in
    a wave when they have a tie in it.

    \b
    Examples:
      landscape compare survey-2024.xlsx survey-2025.xlsx
      landscape compare partnership.xlsx --waves 2024,2025 --map changes.html
      landscape compare before/ after/ --format json > changes.json
    """
    from landscape.findings import result_dict
    from landscape.passes.continuity import compare as compare_waves
    from landscape.render.text import comparison_text

    before, after, how = _step("reading and checking the waves",
                               lambda: _two_waves(ctx, first, second, waves, level_order))
    result = _step("the comparison", lambda: compare_waves(before, after, relations=list(relations) or None,
                                                           group=group, by=by, level_order=level_order, **how))
    if map_path is not None:
        from landscape.render import write_map
        from landscape.render.mapdata import change_map_data

        write_map(change_map_data(before, after, result), map_path)
        click.echo(f"Wrote {map_path}.", err=True)
    if output_format == "json":
        from landscape._version import __version__

        document = {"landscape_version": __version__, "continuity": result_dict("continuity", result)}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        click.echo(comparison_text(result_dict("continuity", result)))


def _step(name: str, work: Callable[[], Any]) -> Any:
    """Run one step of a command, reporting it on stderr as _progress does."""
    _progress(name, None)
    start = time.perf_counter()
    result = work()
    _progress(name, time.perf_counter() - start)
    return result


def _progress(step: str, seconds: float | None) -> None:
    """Progress on stderr: every step on a terminal; otherwise only steps that took a second or more."""
    terminal = sys.stderr.isatty()
    if seconds is None:
        if terminal:
            click.echo(f"landscape: {step}...", err=True)
    elif terminal or seconds >= 1:
        click.echo(f"landscape: {step} done in {seconds:.1f} s", err=True)


@main.command()
@_input_options
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write atlas.html, report.html, report.md and metrics.xlsx into (created if missing).")
@click.option("--anonymise", "--anonymize", "anonymise", is_flag=True,
              help="Replace names by stable pseudonyms and leave out free-text columns.")
@click.option("--keep", multiple=True, metavar="COLUMN", help="With --anonymise: a free-text column to keep (repeatable).")
@click.option("--title", help="The atlas's title (default: the input's file name).")
@click.option("--before", "before_path", type=click.Path(path_type=Path), metavar="BEFORE",
              help="An earlier wave of the same landscape: the report gets a Continuity section and the folder "
              "changes.html, the map of what changed.")
@click.option("--waves", callback=_waves_pair, metavar="A,B",
              help="The same from INPUT's wave column: the atlas maps wave B and compares it with wave A.")
@_pass_options
@click.pass_context
def atlas(ctx: click.Context, source: Path | None, out_dir: Path, anonymise: bool, keep: tuple[str, ...],
          before_path: Path | None, waves: tuple[str, str] | None,
          title: str | None, relations: tuple[str, ...], by: str | None, group: str | None,
          levels: list[str] | None, resolutions: tuple[float, ...], seed: int | None, level_order: str,
          **tables: Path | None) -> None:
    """Everything to bring to a workshop, in one folder: the atlas, the report and the metrics.

    \b
    atlas.html    every view of the landscape (Voices, Power, Boundaries, Scale) in one
                  offline page: search, filters, details, findings, a picture of each view
    report.html   the findings in plain language with their numbers and questions (prints well)
    report.md     the same, as Markdown
    metrics.xlsx  every measure for every person, group and tie
    \b
    People whose consent column says no appear only as an anonymous node in their group;
    --anonymise replaces every name. The files load nothing from the internet.

    \b
    Examples:
      landscape atlas partnership.xlsx -o partnership-atlas
      landscape atlas survey/ -o shareable --anonymise --keep role
      landscape atlas survey-2025.xlsx -o atlas-2025 --before survey-2024.xlsx
      landscape atlas partnership.xlsx -o atlas --waves 2024,2025
    """
    from landscape.model import load
    from landscape.render.atlas import write_atlas

    inputs = _inputs(ctx, source, **tables)
    if keep and not anonymise:
        raise click.BadParameter("--keep goes with --anonymise", param_hint="--keep")
    if before_path is not None and waves is not None:
        raise click.UsageError("give --before or --waves, not both", ctx=ctx)
    _progress("reading and checking the input", None)
    start = time.perf_counter()
    land = load(**inputs, level_order=level_order)
    _progress("reading and checking the input", time.perf_counter() - start)
    _echo_warnings(land.report)
    comparison: dict[str, Any] = {}
    if before_path is not None:
        earlier = load(before_path, level_order=level_order)
        _echo_warnings(earlier.report)
        labels = (before_path.stem, Path(source).stem if source else "after")
        comparison = {"before": earlier, "labels": labels if labels[0] != labels[1] else ("before", "after")}
    elif waves is not None:
        from landscape.passes.continuity import split_waves

        try:
            earlier, land, blank = split_waves(land, *waves)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--waves") from None
        comparison = {"before": earlier, "labels": waves, "basis": "wave column", "ties_without_wave": blank}
    files = write_atlas(land, out_dir, anonymise=anonymise, keep=keep, title=title,
                        options=_options(relations, by, group, levels, resolutions, seed), progress=_progress,
                        **comparison)
    written = [files.report_html.name, files.report_markdown.name, files.metrics.name]
    if files.changes is not None:
        written.append(files.changes.name)
    click.echo(f"Wrote {files.atlas}, {', '.join(written[:-1])} and {written[-1]} in {files.folder}. "
               "Open atlas.html in a web browser.", err=True)


@main.command()
@_input_options
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write; its suffix picks the format: .graphml, .gexf, .json (node-link), .xlsx "
              "(Kumu), or a folder name without a suffix for CSV files.")
@click.option("--anonymise", "--anonymize", "anonymise", is_flag=True,
              help="Replace names by stable pseudonyms and leave out free-text columns.")
@click.option("--keep", multiple=True, metavar="COLUMN", help="With --anonymise: a free-text column to keep (repeatable).")
@click.option("--level-order", type=click.Choice(["higher-is-senior", "lower-is-senior"]), default="higher-is-senior",
              show_default=True, hidden=True)
@click.pass_context
def export(ctx: click.Context, source: Path | None, output: Path, anonymise: bool, keep: tuple[str, ...],
           level_order: str, **tables: Path | None) -> None:
    """Write INPUT for another tool, in the format OUTPUT's suffix names.

    \b
    .graphml   GraphML (yEd, Cytoscape, Gephi, networkx)
    .gexf      Gephi
    .json      node-link JSON (D3, Cytoscape.js)
    .xlsx      Kumu's layout: Elements and Connections sheets
    a folder   participants.csv, relationships.csv and the other tables, landscape's own layout
    \b
    landscape reads every one of them back. People whose consent column says no appear only as
    an anonymous node in their group.

    \b
    Examples:
      landscape export partnership.xlsx -o partnership.gexf
      landscape export partnership.xlsx -o for-kumu.xlsx --anonymise
    """
    from landscape.model import load
    from landscape.model.sharing import shareable
    from landscape.render.exports import export as write_export
    from landscape.render.exports import export_format

    inputs = _inputs(ctx, source, **tables)
    if keep and not anonymise:
        raise click.BadParameter("--keep goes with --anonymise", param_hint="--keep")
    kind = export_format(output)
    if any(path is not None and Path(path).resolve() == output.resolve() for path in inputs.values()):
        raise click.BadParameter(f"{output} is the input; choose another name", param_hint="-o/--output")
    land = shareable(load(**inputs, level_order=level_order), anonymise_names=anonymise, keep=keep)
    _echo_warnings(land.report)
    written = write_export(land, output)
    click.echo(f"Wrote {written} ({kind}; {land.graph.number_of_nodes()} participants, "
               f"{land.graph.number_of_edges()} relationships).", err=True)


@main.command()
@click.argument("output", metavar="OUT.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace OUT.xlsx if it exists.")
def template(output: Path, force: bool) -> None:
    """Write a blank workbook to fill in: OUT.xlsx.

    It has an Instructions sheet and the Participants, Relationships, Voices and Communities
    sheets with their headers, and Excel checks what you type (a list of relationship types,
    whole numbers for level, numbers for weight and influence).

    \b
    Example:
      landscape template partnership.xlsx
    """
    from landscape.schema.template import write_template

    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{output}: give a file name ending in .xlsx", param_hint="OUT.xlsx")
    if output.exists() and not force:
        raise click.BadParameter(f"{output} exists; use --force to replace it", param_hint="OUT.xlsx")
    write_template(output)
    click.echo(f"Wrote {output}. Fill it in, then run: landscape validate {output}", err=True)


@main.command()
@click.option("--out", "out_dir", default=Path("landscape-demo"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write into (created if missing).")
def demo(out_dir: Path) -> None:
    """The atlas of the bundled sample: a clinical-simulation partnership of two universities and
    a teaching hospital.

    Writes atlas.html, report.html, report.md, metrics.xlsx and a copy of the sample workbook
    into the folder, so that you can see what goes in and what comes out.

    \b
    Example:
      landscape demo --out landscape-demo
    """
    from landscape.errors import OutputNotWritable
    from landscape.io import sample_path
    from landscape.model import load
    from landscape.render.atlas import write_atlas

    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(f"{out_dir} is a file, not a folder", param_hint="--out")
    sample = sample_path("clinical-simulation")
    land = load(sample)
    files = write_atlas(land, out_dir, title="Clinical simulation partnership (sample)", progress=_progress)
    workbook = out_dir / sample.name
    try:
        shutil.copyfile(sample, workbook)
    except OSError as exc:
        raise OutputNotWritable(f"{workbook}: cannot be written ({exc.strerror or exc})") from None
    click.echo(
        f"Wrote {files.atlas}, {files.report_html.name}, {files.report_markdown.name}, {files.metrics.name} and "
        f"{workbook.name} ({land.graph.number_of_nodes()} participants, {land.graph.number_of_edges()} "
        f"relationships).\nOpen {files.atlas} in a web browser. To map your own data: landscape template "
        "my-landscape.xlsx",
        err=True,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``landscape`` command line: parse, call the command's twin in the public :mod:`landscape`
package (nothing else of landscape is imported), format, exit. Exit codes: 0 success (warnings
allowed), 1 invalid data or another landscape error (the message on stderr), 2 a usage error.
With ``--format json`` only JSON goes to stdout.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

import landscape
from landscape.cli_options import PASS_OPTIONS, SHARING, check_view_options, comma_list, emit, inputs, options, \
    output_format, settings
from landscape.cli_survey import import_survey, survey

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
        except landscape.InvalidLandscape as exc:
            report = exc.report
            click.echo(f"{report.source}: {len(report.errors)} error(s); nothing was written.", err=True)
            for issue in report.errors:
                click.echo(f"error   {issue} [{issue.code}]", err=True)
            ctx.exit(1)
        except landscape.LandscapeError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


def _load(inputs: dict[str, Any], settings: Any, *, merged: bool = False) -> Any:
    """Read the input with the settings the options describe (every wave when ``merged``: compare
    chooses its waves itself); its warnings on stderr."""
    land = landscape.load(**inputs, settings=dataclasses.replace(settings, wave="all") if merged else settings,
                          progress=_progress)
    _echo_warnings(land.report)
    _echo_notes(landscape.notes(land))
    return land


def _echo_warnings(report: Any) -> None:
    warnings = report.warnings
    for issue in warnings[:_WARNINGS_SHOWN]:
        click.echo(f"warning {issue} [{issue.code}]", err=True)
    if len(warnings) > _WARNINGS_SHOWN:
        click.echo(f"... and {len(warnings) - _WARNINGS_SHOWN} more warnings: run landscape validate to see them all.",
                   err=True)


def _echo_notes(notes: Any) -> None:
    """What a reader should know (how the data were read; what sharing did to the story), on stderr."""
    for note in notes:
        click.echo(f"warning {note}", err=True)


def _progress(step: str, seconds: float | None) -> None:
    """Progress on stderr: every step on a terminal; otherwise only steps that took a second or more."""
    terminal = sys.stderr.isatty()
    if seconds is None:
        if terminal:
            click.echo(f"landscape: {step}...", err=True)
    elif terminal or seconds >= 1:
        click.echo(f"landscape: {step} done in {seconds:.1f} s", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(landscape.__version__, prog_name="landscape")
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
@inputs
@output_format
@click.pass_context
def validate(ctx: click.Context, inputs: dict[str, Any], output_format: str) -> None:
    """Check INPUT against the data contract and list every problem at once.

    Each problem names the file, sheet, row and column, what was expected and what was found,
    with a stable code. Exits with 0 when the input is valid (warnings allowed), 1 when it has
    errors. The JSON follows schemas/validation-report.schema.json.

    \b
    Examples:
      landscape validate partnership.xlsx
      landscape validate survey-export/            (a folder of CSV files)
      landscape validate --participants people.csv --relationships ties.csv --format json
    """
    report = landscape.validate(**inputs)
    emit(output_format, report.to_dict, report.to_text)
    ctx.exit(0 if report.valid else 1)


@main.command(name="map")
@inputs
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .html file to write. Nothing else is written.")
@click.option("--view", type=click.Choice(["network", "voices", "power", "boundaries", "scale", "leadership",
                                           "value"]),
              default="network",
              show_default=True,
              help="network: the landscape as it is. voices: empty chairs for missing voices. power: layers of "
              "seniority, sized by being sought out. boundaries: groups as regions, brokers and boundary objects "
              "marked. scale: units of the coarsest level, opening on a click. leadership: who looks to whom for leadership. value: the value-creation stories. "
              "Each with its pass's findings.")
@click.option("--color-by", "--colour-by", "color_by", metavar="ATTR",
              help="The participant attribute that colours the nodes: community (the default when present), "
              "organisation, stakeholder_group, role, level or any column of yours.")
@click.option("--title", help="The map's title (default: the input's file name).")
@click.option("--unfold", is_flag=True, help="network view above 20,000 participants: draw every person instead of "
              "the units of each level of scale (the page may take minutes to draw, or not open at all).")
@options(*PASS_OPTIONS)
@settings()
@click.pass_context
def map_command(ctx: click.Context, inputs: dict[str, Any], output: Path, view: str, color_by: str | None,
                title: str | None, unfold: bool, settings: Any, options: dict[str, Any]) -> None:
    """Draw INPUT as an interactive map in one offline HTML file.

    Hover for a person's details, click to light up their connections, search by name. The file
    loads nothing from the internet: it works offline and is safe to open when the spreadsheet came
    from someone else.

    \b
    Examples:
      landscape map partnership.xlsx -o partnership-map.html
      landscape map partnership.xlsx -o by-organisation.html --color-by organisation
      landscape map partnership.xlsx -o voices.html --view voices
      landscape map krackhardt/ -o power.html --view power --relation advice --level-order lower-is-senior
      landscape map partnership.xlsx -o boundaries.html --view boundaries --group organisation
      landscape map partnership.xlsx -o scale.html --view scale --levels community,organisation
    """
    if output.suffix.lower() not in (".html", ".htm"):
        raise click.BadParameter(f"{output}: give a file name ending in .html", param_hint="-o/--output")
    check_view_options(ctx, view)
    land = _load(inputs, settings)
    written = landscape.map(land, output, view=view, color_by=color_by, title=title, unfold=unfold,
                            options=options, progress=_progress)
    if written.folded:
        click.echo(f"landscape: {written.folded} Give --unfold to draw every person.", err=True)
    click.echo(f"Wrote {output} ({written.participants} participants, {written.relationships} relationships). "
               "Open it in a web browser.", err=True)


@main.command()
@inputs
@click.option("--pass", "passes", multiple=True, metavar="NAME",
              help="Run this pass (repeat for several): voices, power, boundaries, scale, leadership, value. "
              "Default: every pass.")
@options(*PASS_OPTIONS)
@settings()
@output_format
def analyse(inputs: dict[str, Any], passes: tuple[str, ...], settings: Any, output_format: str,
            options: dict[str, Any]) -> None:
    """Run the analysis passes on INPUT and report what they find ("analyze" works too).

    Each pass is a discipline of social learning leadership: voices (who needs to be involved?),
    power (how can learning trump power?), boundaries (how can boundaries become learning
    assets?), scale (how to keep a multi-scale perspective?), leadership (how do we foster
    distributed leadership?), value (what difference are we making, and for whom?). The findings
    are prompts for a
    conversation, not verdicts. The JSON follows schemas/analysis.schema.json.

    \b
    Examples:
      landscape analyse partnership.xlsx
      landscape analyse partnership.xlsx --pass voices --relation advice
      landscape analyse krackhardt/ --pass power --relation advice --level-order lower-is-senior
      landscape analyse partnership.xlsx --pass boundaries --group organisation
      landscape analyse partnership.xlsx --pass scale --levels community,organisation --resolution 1
    landscape analyse partnership.xlsx --pass leadership --leadership-relation inspires
      landscape analyse partnership.xlsx --format json > analysis.json
    """
    unknown = [name for name in passes if name not in landscape.available_passes()]
    if unknown:
        raise click.BadParameter(f"no pass named {', '.join(map(repr, unknown))}; the passes are: "
                                 f"{', '.join(landscape.available_passes())}", param_hint="--pass")
    result = landscape.analyse(_load(inputs, settings), passes=passes or None, progress=_progress,
                               options=options)
    emit(output_format, result.to_dict, lambda: landscape.analysis_text(result))


def _waves(later: Any, earlier: Path | None, waves: tuple[str, str] | None, settings: Any) -> Any:
    """The two waves to compare: an earlier input and the later landscape, or the later
    landscape's wave column."""
    if earlier is not None:
        return landscape.two_waves(_load({"source": earlier}, settings), later)
    try:
        return landscape.waves_of(later, *waves)  # type: ignore[misc]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--waves") from None


@main.command()
@click.argument("first", metavar="BEFORE", type=click.Path(path_type=Path))
@click.argument("second", metavar="[AFTER]", required=False, type=click.Path(path_type=Path))
@click.option("--waves", callback=comma_list, metavar="A,B",
              help="With one input (BEFORE alone): compare the ties whose wave column says A with those that say B.")
@settings("relations", "voices_by", "group", "level_order", "confirm")
@click.option("--map", "map_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the map of what changed: everyone in one place in every wave; ties gained green, lost "
              "red-brown and dashed; newcomers ringed; every wave of the wave column, to step through.")
@output_format
def compare(first: Path, second: Path | None, waves: tuple[str, str] | None, settings: Any, map_path: Path | None,
            output_format: str) -> None:
    """Compare two waves of a landscape and say what changed.

    Participants are matched by id: who joined and left, ties kept, gained and lost, boundaries
    opened and closed, brokers and voices that appeared or went, each with its numbers before and
    after. With --waves, a participant takes part in a wave when they have a tie in it.

    \b
    Examples:
      landscape compare survey-2024.xlsx survey-2025.xlsx
      landscape compare partnership.xlsx --waves 2024,2025 --map changes.html
      landscape compare before/ after/ --format json > changes.json
    """
    if second is not None and waves is not None:
        raise click.UsageError("give BEFORE and AFTER, or one input with --waves, not both")
    if second is None and waves is None:
        raise click.UsageError("give BEFORE and AFTER (two inputs), or one input with --waves A,B")
    if map_path is not None and map_path.suffix.lower() not in (".html", ".htm"):
        raise click.BadParameter(f"{map_path}: give a file name ending in .html", param_hint="--map")
    earlier = _load({"source": first}, settings, merged=True) if second is not None else None  # BEFORE first
    later = _load({"source": second or first}, settings, merged=True)
    pair = landscape.two_waves(earlier, later) if earlier is not None else _waves(later, None, waves, settings)
    result = landscape.compare(pair, progress=_progress)
    if map_path is not None:
        landscape.write_change_map(result, map_path)
        click.echo(f"Wrote {map_path}.", err=True)
    emit(output_format, result.to_dict, lambda: landscape.comparison_text(result.to_dict()["continuity"]))


@main.command()
@inputs
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write atlas.html, report.html, report.md and metrics.xlsx into (created if missing).")
@options(*SHARING)
@click.option("--title", help="The atlas's title (default: the input's file name).")
@click.option("--before", "before_path", type=click.Path(path_type=Path), metavar="BEFORE",
              help="An earlier wave of the same landscape: the report gets a Continuity section and the folder "
              "changes.html, the map of what changed.")
@click.option("--waves", callback=comma_list, metavar="A,B",
              help="The same from INPUT's wave column: the atlas maps wave B and compares it with wave A.")
@options(*PASS_OPTIONS)
@settings()
def atlas(inputs: dict[str, Any], out_dir: Path, anonymise: bool, keep: tuple[str, ...], title: str | None,
          before_path: Path | None, waves: tuple[str, str] | None, settings: Any, options: dict[str, Any]) -> None:
    """Everything to bring to a workshop, in one folder: the atlas, the report and the metrics.

    \b
    atlas.html    a view for each discipline (Voices, Power... Value) in one
                  offline page: search, filters, details, findings, a picture of each view
    report.html   the findings in plain language with their numbers and questions (prints well)
    report.md     the same, as Markdown
    metrics.xlsx  every measure for every person, group and tie
    \b
    People whose consent column says no appear only as an anonymous node in their group (the
    --group attribute); --anonymise replaces every name. The files load nothing from the internet.
    A Story sheet (or --story FILE) gives the atlas's guided tour your own steps; sharing goes
    through its text too, and a warning says what it found.

    \b
    Examples:
      landscape atlas partnership.xlsx -o partnership-atlas
      landscape atlas survey/ -o shareable --anonymise --keep role
      landscape atlas survey-2025.xlsx -o atlas-2025 --before survey-2024.xlsx
      landscape atlas partnership.xlsx -o atlas --waves 2024,2025
    """
    if before_path is not None and waves is not None:
        raise click.UsageError("give --before or --waves, not both")
    land = _load(inputs, settings, merged=waves is not None)
    pair = _waves(land, before_path, waves, settings) if before_path is not None or waves is not None else None
    files = landscape.atlas(pair.after if pair else land, out_dir, anonymise=anonymise, keep=keep, title=title,
                            waves=pair, options=options, progress=_progress)
    _echo_notes(landscape.sharing_notes(pair.after if pair else land, anonymise=anonymise, keep=keep))
    written = [name for name in ("report.html", "report.md", "metrics.xlsx", files.changes and files.changes.name,
                                 f"{len(files.pictures)} map picture{'s' * (len(files.pictures) != 1)} (map-*.svg)" if files.pictures else "") if name]
    click.echo(f"Wrote {files.atlas}, {', '.join(written[:-1])} and {written[-1]} in {files.folder}. "
               "Open atlas.html in a web browser.", err=True)


@main.command()
@inputs
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write; its suffix picks the format: .graphml, .gexf, .json (node-link), .xlsx "
              "(Kumu), or a folder name without a suffix for CSV files.")
@options(*SHARING)
@settings("group")
def export(inputs: dict[str, Any], output: Path, anonymise: bool, keep: tuple[str, ...], settings: Any) -> None:
    """Write INPUT for another tool, in the format OUTPUT's suffix names.

    \b
    .graphml   GraphML (yEd, Cytoscape, Gephi, networkx)
    .gexf      Gephi
    .json      node-link JSON (D3, Cytoscape.js)
    .xlsx      Kumu's layout: Elements and Connections sheets
    a folder   participants.csv, relationships.csv and the other tables, landscape's own layout
    \b
    landscape reads every one of them back. People whose consent column says no appear only as
    an anonymous node in their group (the --group attribute).

    \b
    Examples:
      landscape export partnership.xlsx -o partnership.gexf
      landscape export partnership.xlsx -o for-kumu.xlsx --anonymise
    """
    kind = landscape.export_format(output)
    if any(path is not None and Path(path).resolve() == output.resolve() for path in inputs.values()):
        raise click.BadParameter(f"{output} is the input; choose another name", param_hint="-o/--output")
    land = _load(inputs, settings)
    written = landscape.export(land, output, anonymise=anonymise, keep=keep)
    _echo_notes(note for note in landscape.sharing_notes(land, anonymise=anonymise, keep=keep)
                if kind == "csv" or "stor" not in note.split(":")[0])  # only a folder carries the stories
    click.echo(f"Wrote {written} ({kind}; {land.graph.number_of_nodes()} participants, "
               f"{land.graph.number_of_edges()} relationships).", err=True)


@main.command()
@click.argument("output", metavar="OUT.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace OUT.xlsx if it exists.")
def template(output: Path, force: bool) -> None:
    """Write a blank workbook to fill in: OUT.xlsx.

    It has an Instructions sheet and the Participants, Relationships, Voices, Communities,
    Relation types and Story sheets with their headers, and Excel checks what you type (a list
    of relationship types, whole numbers for level, numbers for weight and influence).

    \b
    Example:
      landscape template partnership.xlsx
    """
    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{output}: give a file name ending in .xlsx", param_hint="OUT.xlsx")
    if output.exists() and not force:
        raise click.BadParameter(f"{output} exists; use --force to replace it", param_hint="OUT.xlsx")
    landscape.write_template(output)
    click.echo(f"Wrote {output}. Fill it in, then run: landscape validate {output}", err=True)


@main.command()
@click.option("--out", "out_dir", default=Path("landscape-demo"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The folder to write into (created if missing).")
def demo(out_dir: Path) -> None:
    """The atlas of the bundled sample: a clinical-simulation partnership of two universities and
    a teaching hospital.

    Writes atlas.html, report.html, report.md, metrics.xlsx and a copy of the sample workbook
    into the folder, so that you can see what goes in and what comes out.

    \b
    Example:
      landscape demo --out landscape-demo
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(f"{out_dir} is a file, not a folder", param_hint="--out")
    files = landscape.demo(out_dir, progress=_progress)
    click.echo(f"Wrote {files.atlas}, {files.report_html.name}, {files.report_markdown.name}, {files.metrics.name}, "
               f"{len(files.pictures)} map pictures and {files.sample.name} ({files.participants} participants, {files.relationships} relationships).\nOpen {files.atlas} in a web browser. To map your own "
               "data: landscape template my-landscape.xlsx", err=True)


main.add_command(survey)
main.add_command(import_survey)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

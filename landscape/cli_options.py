"""The command line's options: declared once, parsed into the values the library takes.

Commands receive ``inputs`` (INPUT and the per-table files, as :func:`landscape.load` takes them),
``settings`` (a :class:`landscape.Settings`: what describes the data) and ``options`` (the pass
options), whatever options they show.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

import landscape

__all__ = ["PASS_OPTIONS", "SHARING", "check_view_options", "comma_list", "emit", "inputs", "options", "output_format",
           "settings"]

_LEVEL_ORDERS = click.Choice(["higher-is-senior", "lower-is-senior"])
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def options(*options: Callable[..., Any]) -> Callable[..., Any]:
    """Apply several click options in the order they are listed (as --help shows them)."""
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command
    return apply


def comma_list(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    """``community,organisation`` as a list (``--waves``: two different items); an empty item is a usage error."""
    if value is None:
        return None
    parts = [part.strip() for part in value.split(",")]
    if param.name == "waves" and (len(parts) != 2 or not all(parts) or parts[0] == parts[1]):
        raise click.BadParameter(f"expected two different waves, earlier first, as in 2024,2025 (got {value!r})")
    if not all(parts):
        raise click.BadParameter(f"{value!r}: name a level between every pair of commas, e.g. community,organisation")
    return parts


def _resolution(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[float, ...]:
    """Louvain resolutions: finite numbers above 0."""
    try:
        numbers = tuple(float(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(f"{str(exc).split(': ', 1)[-1]} is not a number") from None
    for value, number in zip(values, numbers):
        if not math.isfinite(number) or number <= 0:
            raise click.BadParameter(f"{value!r}: a resolution is a number above 0, such as 0.5, 1 or 2")
    return numbers


_INPUT_FILES = (
    click.option("--participants", type=_FILE, help="A CSV file (or workbook) with the participants, instead of "
                 "the one in INPUT."),
    click.option("--relationships", type=_FILE, help="A CSV file (or workbook) with the relationships."),
    click.option("--voices", type=_FILE, help="A CSV file (or workbook) with the voices roster."),
    click.option("--communities", type=_FILE, help="A CSV file (or workbook) with the communities and what they "
                 "belong to."),
    click.option("--relation-types", type=_FILE, help="A CSV file (or workbook) saying what each relationship type "
                 "means (learning, formal, negative, leadership, other)."),
    click.option("--story", type=_FILE, help="A CSV file (or workbook) with your own steps for the atlas's guided "
                 "tour (step, title, text, view, people, groups, question)."),
    click.option("--stories", type=_FILE, help="A CSV file (or workbook) with value-creation stories (id, title, "
                 "teller, people, community, boundary, cycles, indicators, consent, text)."),
)
_SETTINGS = dict(
    relations=click.option("--relation", "relations", multiple=True, metavar="TYPE", help="Measure only this "
                           "relationship type (repeat for several). Default: the learning types (advice, collaboration... "
                           "and those a Relation types sheet declares learning)."),
    voices_by=click.option("--voices-by", "voices_by", metavar="ATTR", help="The participant attribute that names a "
                           "person's voice (default stakeholder_group)."),
    group=click.option("--group", metavar="ATTR", help="The participant attribute whose groups have boundaries "
                       "(default community): organisation, location, department, any column."),
    levels=click.option("--levels", metavar="A,B,...", callback=comma_list, help="Levels of scale, finest first: "
                        "attributes (community, organisation...) or the units the Communities sheet nests communities "
                        "in, by the name the analysis gives them (e.g. region, wider unit) or as parent, grandparent. "
                        "Default: what the input declares."),
    wave=click.option("--wave", metavar="W", help="With a wave column: the wave to map and analyse (default: the "
                      "latest, with a warning); --wave all merges every wave."),
    confirm=click.option("--confirm", type=click.Choice(["either", "both"]), help="Survey data (a reported_by "
                         "column): keep a tie either person reported (the default) or only ties both reported. "
                         "One-sided ties are drawn dashed either way."),
    level_order=click.option("--level-order", type=_LEVEL_ORDERS, help="How the level column is coded: "
                             "lower-is-senior where 1 is the top. Default: read from the reporting ties (when 80% "
                             "of them point one way), else higher-is-senior."),
)
PASS_OPTIONS = (
    click.option("--resolution", "resolutions", multiple=True, callback=_resolution, metavar="R",
                 help="A Louvain resolution for the clusters the ties form (Scale pass), a number above 0; larger "
                 "gives more, smaller clusters (repeat for several; default 0.5, 1 and 2). The findings report 1 "
                 "when it is among them, else the first."),
    click.option("--seed", type=int, help="The seed of the random parts (default 1): the first of the Scale "
                 "pass's Louvain runs, and Power's betweenness when it is sampled in very large landscapes."),
    click.option("--leadership-relation", "leadership_relations", multiple=True, metavar="TYPE",
                 help="The relationship type that says who looks to whom for leadership (repeat for several). "
                 "Default: the types of kind leadership (looks_to, leads... or declared so in a Relation types "
                 "sheet); without any, the learning ties stand in."),
)
SHARING = (
    click.option("--anonymise", "--anonymize", "anonymise", is_flag=True,
                 help="Replace names by stable pseudonyms and leave out free-text columns."),
    click.option("--keep", multiple=True, metavar="COLUMN", help="With --anonymise: a free-text column to keep "
                 "(repeatable)."),
)
output_format = click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                       show_default=True, help="text for people; json for scripts.")


def emit(output_format: str, document: Callable[[], dict[str, Any]], text: Callable[[], str]) -> None:
    """JSON alone on stdout, or the text for people."""
    click.echo(json.dumps(document(), ensure_ascii=False, indent=2, allow_nan=False) if output_format == "json"
               else text())


def inputs(command: Callable[..., Any]) -> Callable[..., Any]:
    """INPUT and the per-table files, given to the command as one ``inputs`` dict."""
    @functools.wraps(command)
    def gathered(*args: Any, source: Path | None, **kwargs: Any) -> Any:
        tables = {name: kwargs.pop(name) for name in ("participants", "relationships", "voices", "communities",
                                                      "relation_types", "story", "stories")}
        if source is None and not (tables["participants"] and tables["relationships"]):
            raise click.UsageError("give INPUT (a workbook or a folder of CSV files), or both --participants and "
                                   "--relationships")
        return command(*args, inputs={"source": source, **tables}, **kwargs)
    argument = click.argument("source", metavar="INPUT", required=False, type=click.Path(exists=True, path_type=Path))
    return argument(options(*_INPUT_FILES)(gathered))


#: The option that sets each setting, for messages (Settings names the setting its message is about).
_FLAGS = {"levels": "--levels", "relations": "--relation", "group": "--group", "voices_by": "--voices-by"}


def settings(*names: str) -> Callable[..., Any]:
    """The options that describe the data (by default all of them), given to the command as one
    ``settings`` value, and the pass options (``resolutions``, ``seed``) as one ``options`` dict
    when the command takes them."""
    names = names or tuple(_SETTINGS)

    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def gathered(*args: Any, **kwargs: Any) -> Any:
            chosen = {name: value for name in names if (value := kwargs.pop(name)) not in (None, ())}
            if "seed" in kwargs:
                kwargs["options"] = {"resolutions": kwargs.pop("resolutions") or None, "seed": kwargs.pop("seed"),
                                     "leadership_relations": kwargs.pop("leadership_relations") or None}
            if kwargs.get("keep") and not kwargs.get("anonymise"):
                raise click.BadParameter("--keep goes with --anonymise", param_hint="--keep")
            try:
                kwargs["settings"] = landscape.Settings(**chosen)
            except ValueError as exc:
                option = next((flag for name, flag in _FLAGS.items() if str(exc).startswith(name)), None)
                raise click.BadParameter(str(exc), param_hint=option) from None
            return command(*args, **kwargs)
        return options(*(_SETTINGS[name] for name in names))(gathered)
    return apply


#: The options whose use depends on the view (see landscape.views_using).
_VIEW_DEPENDENT = ("relations", "voices_by", "group", "levels", "level_order", "resolutions", "seed", "color_by",
                   "unfold")


def check_view_options(ctx: click.Context, view: str) -> None:
    """A usage error for the first option given that the view does not use, naming the views that do
    (which pass reads which option comes from the pass registry)."""
    from click.core import ParameterSource

    for param in ctx.command.params:
        if param.name not in _VIEW_DEPENDENT or ctx.get_parameter_source(param.name) in (ParameterSource.DEFAULT, None):
            continue
        views = landscape.views_using(param.name)
        if view in views or ctx.params.get(param.name) in (None, (), False):
            continue
        names = views[0] if len(views) == 1 else f"{', '.join(views[:-1])} and {views[-1]}"
        raise click.UsageError(f"{param.opts[0]} belongs to the {names} view{'s' if len(views) > 1 else ''} "
                               f"(--view {views[0]}); the {view} view does not use it.", ctx=ctx)

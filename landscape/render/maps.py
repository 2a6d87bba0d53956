"""One map in one offline page: the library under ``landscape map``.

>>> import tempfile, landscape
>>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
>>> with tempfile.TemporaryDirectory() as folder:
...     written = write_landscape_map(land, Path(folder) / "k.html", view="power")
>>> written.path.name, written.participants
('k.html', 21)
>>> views_using("group"), views_using("color_by")
(('boundaries', 'leadership', 'value'), ('network', 'power'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from landscape.progress import Progress, quiet, step
from landscape.analysis import Comparison, current_wave
from landscape.model import Landscape
from landscape.model.sharing import renamed, shareable
from landscape.passes import available_passes, get_pass

__all__ = ["MAP_VIEWS", "MapFile", "views_using", "write_change_map", "write_landscape_map"]

#: The views a single map can show: the landscape as it is, then one per discipline.
MAP_VIEWS: tuple[str, ...] = ("network", "voices", "power", "boundaries", "scale", "leadership", "value")
#: Drawing options that only some views use (what the passes use is told by the pass registry).
_DRAWING_OPTIONS: dict[str, tuple[str, ...]] = {"color_by": ("network", "power"), "unfold": ("network",)}
#: The option names of the command line that are settings under another name.
_SETTING_OF = {"by": "voices_by"}


def views_using(option: str) -> tuple[str, ...]:
    """The map views an option changes: drawing options by their view, pass options and settings
    by the passes that read them (from the pass registry)."""
    if option in _DRAWING_OPTIONS:
        return _DRAWING_OPTIONS[option]
    setting = _SETTING_OF.get(option, option)
    return tuple(name for name in available_passes() if name in MAP_VIEWS
                 and (setting in get_pass(name).settings or option in get_pass(name).options))


@dataclass(frozen=True)
class MapFile:
    """What :func:`write_landscape_map` wrote, and the note said when people were drawn as units."""

    path: Path
    participants: int
    relationships: int
    folded: str | None = None


def write_landscape_map(
    landscape: Landscape,
    path: str | Path,
    *,
    view: str = "network",
    color_by: str | None = None,
    title: str | None = None,
    unfold: bool = False,
    options: Mapping[str, Any] | None = None,
    progress: Progress = quiet,
) -> MapFile:
    """Draw ``landscape`` as one interactive, offline HTML page at ``path`` (nothing else is written).

    People whose ``consent`` is not ``yes`` appear only as an anonymous node in their group, as
    in the atlas and the exports.

    Parameters
    ----------
    view : {"network", "voices", "power", "boundaries", "scale", "leadership", "value"}
        ``network`` draws the landscape as it is; each other view runs its pass and draws what it
        found (see :func:`landscape.render.mapdata.map_data`).
    color_by : str, optional
        The attribute that colours people (network and power views).
    unfold : bool
        Network view above 20,000 people: draw every person rather than the units of scale.
    options : mapping, optional
        Pass options for the view's pass (``resolutions``, ``seed``...).
    """
    from landscape.render import map_data, write_map
    from landscape.render.views.base import findings_shown, withheld_ids

    if view not in MAP_VIEWS:
        raise ValueError(f"view must be one of {', '.join(MAP_VIEWS)}, not {view!r}")
    # People who withheld consent are drawn only in their group (as in the atlas); the findings
    # beside the map still count them as they are, under the same pseudonyms.
    landscape = current_wave(landscape)  # the latest wave when there are several, unless one is chosen
    shown = shareable(landscape)
    if view == "network":
        data = step(progress, "the map", lambda: map_data(shown, color_by=color_by, title=title, unfold=unfold))
    else:
        accepted = set(get_pass(view).options)
        chosen = {key: value for key, value in (options or {}).items() if key in accepted and value is not None}
        drawing = {**chosen, "color_by": color_by} if view == "power" and color_by else chosen
        data = step(progress, f"the {view} map", lambda: map_data(shown, view=view, title=title, **drawing))
        if shown is not landscape:
            data["findings"] = findings_shown(view, get_pass(view).run(shareable(landscape, hide_withheld=False),
                                                                       **chosen), withheld_ids(shown))
    # The last check on its words: a label the data carried (a wave called after someone) as shared.
    written = step(progress, Path(path).name, lambda: write_map(data, path, redact=renamed(landscape, shown)))
    return MapFile(path=written, participants=landscape.graph.number_of_nodes(),
                   relationships=landscape.graph.number_of_edges(), folded=data["meta"].get("folded"))


def write_change_map(comparison: Comparison, path: str | Path, *, title: str | None = None) -> Path:
    """The map of what changed (see :func:`landscape.render.views.change_map_data`) as one offline
    page at ``path``: everyone in one place in every wave, ties gained green and solid, lost
    red-brown and dashed, newcomers ringed. Waves cut from a wave column with more than two
    (:func:`landscape.analysis.waves_of`) are all on the map, to step through; the findings are
    those of the two compared.

    People whose ``consent`` is not ``yes`` are drawn only in their group, under one pseudonym in
    every wave; the comparison still counts them as they are."""
    from landscape.render import write_map
    from landscape.render.views import change_map_data

    from landscape.analysis import Waves, compare, waves_of
    from landscape.model.sharing import shareable_waves

    waves, result = comparison.waves, comparison.result
    if waves.source is not None:
        # Cut from one sheet: made shareable once, before the waves are cut, so that every wave (the
        # two compared and the others) names a person alike.
        source = waves.source.with_settings(waves.after.settings, wave=None)
        copies = [shareable(source, hide_withheld=hide) for hide in (True, False)]
        shown, counted = (waves if copy is source else waves_of(copy, *waves.labels) for copy in copies)
    else:
        extra = (waves.labels, waves.basis, waves.ties_without_wave)
        shown, counted = (Waves(*shareable_waves(waves.before, waves.after, hide_withheld=hide), *extra)
                          for hide in (True, False))
        if shown.before is waves.before and shown.after is waves.after:
            shown = counted = waves
    if shown is not waves:
        # Consent withheld: drawn under pseudonyms, only in their group; compared as they are.
        result = compare(counted).result
    return write_map(change_map_data(shown.before, shown.after, result, title=title, series=shown.series()), path)

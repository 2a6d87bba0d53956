"""The analysis as a whole: every pass on one landscape, two waves compared, with their findings.

This is the library under the ``analyse`` and ``compare`` commands: :func:`analyse` returns an
:class:`Analysis` whose ``to_dict()`` is the JSON document ``landscape analyse --format json``
prints, and :func:`compare` a :class:`Comparison` whose ``to_dict()`` is what ``landscape compare
--format json`` prints. :func:`waves_of` and :func:`two_waves` pair the waves to compare, from a
wave column or from two inputs. It sits above the passes and their findings and below render.

>>> import landscape
>>> land = landscape.load(landscape.sample_path("krackhardt-hightech"), level_order="lower-is-senior")
>>> result = analyse(land, passes=["power"])
>>> list(result.results), result.to_dict()["participants"]
(['power'], 21)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from landscape._version import __version__
from landscape.errors import PassRegistryError, UnknownWave
from landscape.findings import Finding, findings_for, result_dict
from landscape.model import Landscape
from landscape.model.accounts import confirmed_only, one_sided_rows
from landscape.passes import available_passes, get_pass
from landscape.passes.continuity import ComparisonResult, split_waves, wave_of
from landscape.passes.continuity import compare as compare_waves
from landscape.progress import Progress, quiet, step

__all__ = ["ALL_WAVES", "Analysis", "Comparison", "Waves", "analyse", "compare", "current_wave", "measured_waves",
           "notes", "two_waves", "waves_of", "with_setting_options"]

#: The wave setting that merges every wave on purpose.
ALL_WAVES = "all"


def current_wave(landscape: Landscape) -> Landscape:
    """The landscape of the wave the settings choose: the latest when the relationships hold two
    or more waves and none is chosen; the one named; every wave merged for ``wave="all"``. Under
    ``confirm="both"`` only the ties both people reported (and those not from the survey) are kept
    (:func:`landscape.model.accounts.confirmed_only`).

    >>> import landscape
    >>> eies = landscape.load(landscape.sample_path("freeman-eies"))
    >>> current_wave(eies).settings.wave, current_wave(eies).graph.number_of_edges()
    ('t2', 759)
    >>> current_wave(eies.with_settings(wave="all")).graph.number_of_edges()
    1409
    """
    waves, wave = landscape.waves, landscape.settings.wave
    if wave is not None and wave.casefold() == ALL_WAVES:
        return confirmed_only(landscape)
    if wave is not None and "wave" not in landscape.relationships:
        raise UnknownWave(f"--wave {wave}: the relationships have no wave column, so there is no wave to choose")
    if wave == ALL_WAVES or (wave is None and len(waves) < 2) or (wave is not None and waves == (wave,)):
        return confirmed_only(landscape)
    # Everyone on the sheet, and the ties with no wave (reporting lines written once): the wave as a
    # map or an analysis shows it (a comparison counts who has a tie in each wave: waves_of).
    return wave_of(landscape, wave if wave is not None else waves[-1], everyone=True)


def measured_waves(landscape: Landscape) -> tuple[str, ...]:
    """The waves of the ties the passes measure (the ``relations`` setting, else the learning types),
    earliest first: what Continuity can compare. A wave column used only by other ties (leadership
    nominations asked twice, say) has waves, but none of them here.

    >>> import landscape
    >>> clinical = landscape.load(landscape.sample_path("clinical-simulation"))
    >>> clinical.waves, measured_waves(clinical)
    (('2024', '2025'), ())
    """
    ties = landscape.relationships
    if "wave" not in ties or not landscape.waves:
        return ()
    from landscape.schema.cells import text_of

    measured = set(landscape.settings.relations or landscape.relations_of_kind("learning"))
    used = {text_of(value).casefold() for value, kind in zip(ties["wave"].tolist(), ties["type"].tolist())
            if kind in measured and value is not None and not (isinstance(value, float) and value != value)}
    return tuple(label for label in landscape.waves if label.casefold() in used)


def notes(landscape: Landscape) -> tuple[str, ...]:
    """What a reader should know about how the data are read, beyond the validation report: the
    wave used when there are several, a level order that the reporting ties contradict."""
    found = []
    waves, wave = landscape.waves, landscape.settings.wave
    # Waves only other ties use (leadership asked twice) change no learning tie: the Leadership pass says
    # which wave it reads and what changed since the one before.
    if len(waves) >= 2 and wave is None and measured_waves(landscape):
        order = "" if all(re.search(r"\d", label) for label in waves) else \
            " (ordered by the words that say when, then alphabetically)"
        found.append(f"the relationships hold {len(waves)} waves ({', '.join(waves)}){order}: the latest, "
                     f"{waves[-1]}, is used, with every participant; --wave {waves[0]} picks another and --wave all "
                     "merges them")
    up, down = landscape.settings.level_order_evidence or (0, 0)
    if landscape.settings.level_order_source == "default" and up + down:
        found.append(f"the {up + down} reporting ties between two levels disagree about which way the levels run "
                     f"({up} to a higher number, {down} to a lower one): higher-is-senior is used; give --level-order "
                     "if the level column runs the other way")
    if landscape.settings.confirm == "both" and landscape.tie_statuses is not None:
        dropped, reported = len(one_sided_rows(landscape)), int(landscape.tie_statuses.notna().sum())
        found.append(f"--confirm both: only ties both people reported are kept; {dropped} of the {reported} ties "
                     "reported in the survey were reported by one side only and are left out")
    if landscape.level_order_contradicted:
        found.append(f"--level-order {landscape.settings.level_order} runs against the reporting ties (most run "
                     "the other way); leave it out to read the order from them")
    return tuple(found)

#: Options that describe the data, by every name a caller may give them: given to analyse or the
#: atlas they change the landscape's settings, so that every pass, file and the consent rule agree.
_SETTING_OPTIONS = {"group": "group", "by": "voices_by", "voices_by": "voices_by", "relations": "relations",
                    "levels": "levels", "level_order": "level_order", "wave": "wave",
                    "confirm": "confirm"}


def with_setting_options(landscape: Landscape, options: Mapping[str, Any] | None) -> tuple[Landscape, dict[str, Any]]:
    """Options that describe the data (``group``, ``by`` or ``voices_by``, ``relations``,
    ``levels``, ``level_order``, ``wave``) moved into the landscape's settings; the pass options
    that remain. An option that is neither a setting nor taken by any pass is an error (a typo
    must not be dropped silently).

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> changed, rest = with_setting_options(land, {"group": "Department", "seed": 3, "levels": None})
    >>> changed.settings.group, rest
    ('department', {'seed': 3})
    >>> with_setting_options(land, {"grup": "department"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no pass takes an option 'grup'; the options are: betweenness_sources, by, confirm, group, ...
    """
    rest = {key: value for key, value in (options or {}).items() if value is not None}
    changes = {_SETTING_OPTIONS[key]: rest.pop(key) for key in list(rest) if key in _SETTING_OPTIONS}
    taken = {option for name in available_passes() for option in get_pass(name).options}
    unknown = [key for key in rest if key not in taken]
    if unknown:
        known = sorted({*_SETTING_OPTIONS, *taken})
        raise ValueError(f"no pass takes an option {', '.join(map(repr, unknown))}; the options are: "
                         f"{', '.join(known)}")
    return (landscape.with_settings(**changes) if changes else landscape), rest

@dataclass(frozen=True, eq=False)
class Analysis:
    """Every chosen pass's result on one landscape, with their findings.

    ``results`` maps each pass name to its typed result; :meth:`findings` gives a pass's
    findings; ``to_dict()`` is the JSON document of ``landscape analyse --format json``
    (``schemas/analysis.schema.json``).
    """

    landscape: Landscape = field(repr=False)
    results: Mapping[str, Any]
    #: The waves the input holds, in order (empty without a wave column), and whether the wave used
    #: was chosen (the ``wave`` setting) rather than the latest by default.
    waves: tuple[str, ...] = ()
    chosen: bool = False

    def findings(self, name: str) -> tuple[Finding, ...]:
        """The findings of the pass called ``name``."""
        return findings_for(name, self.results[name])

    def to_dict(self) -> dict[str, Any]:
        land = self.landscape
        wave = {"waves": list(self.waves), "used": land.settings.wave if land.settings.wave != ALL_WAVES else None,
                "basis": ("no waves" if not self.waves else "one wave" if len(self.waves) == 1 else
                          "all waves merged" if land.settings.wave == ALL_WAVES else
                          "chosen" if self.chosen else "the latest")}
        return {"source": land.tables.source, "participants": land.graph.number_of_nodes(),
                "relationships": land.graph.number_of_edges(), "wave": wave,
                **{name: result_dict(name, result) for name, result in self.results.items()}}


def analyse(
    landscape: Landscape,
    *,
    passes: Sequence[str] | None = None,
    options: Mapping[str, Any] | None = None,
    progress: Progress = quiet,
) -> Analysis:
    """Run the analysis passes on ``landscape``.

    Parameters
    ----------
    landscape : Landscape
        Read with the :class:`~landscape.model.Settings` that describe the data (grouping
        attribute, level order, relations...); see :meth:`Landscape.with_settings`.
    passes : sequence of str, optional
        The passes to run, in this order; by default every registered pass.
    options : mapping, optional
        Pass options (``resolutions``, ``seed``, ``threshold``...), each given to the passes that
        accept it; the settings' names (``group``, ``voices_by``...) change the settings for this
        run (see :func:`with_setting_options`).
    progress : callable, optional
        Told of each pass as it starts and ends.

    Raises
    ------
    PassRegistryError
        A named pass is not registered.
    ValueError
        An option that no pass takes.
    """
    names = list(dict.fromkeys(passes)) if passes else list(available_passes())
    unknown = [name for name in names if name not in available_passes()]
    if unknown:
        raise PassRegistryError(f"no pass named {', '.join(map(repr, unknown))}; the passes are: "
                                f"{', '.join(available_passes())}")
    landscape, given = with_setting_options(landscape, options)
    waves, chosen = landscape.waves, landscape.settings.wave is not None
    landscape = current_wave(landscape)
    results = {name: step(progress, f"the {name} pass", lambda name=name: get_pass(name).run(landscape, **given))
               for name in names}
    return Analysis(landscape=landscape, results=results, waves=waves, chosen=chosen)


@dataclass(frozen=True, eq=False)
class Waves:
    """Two waves of one landscape to compare: the earlier, the later, and how they were paired.

    ``source`` is the landscape whose wave column the two were cut from (:func:`waves_of`), or
    None for two inputs (:func:`two_waves`); :meth:`series` gives every wave of it, for the map of
    what changed to step through.
    """

    before: Landscape
    after: Landscape
    labels: tuple[str, str] = ("before", "after")
    basis: Literal["two inputs", "wave column"] = "two inputs"
    ties_without_wave: int = 0
    source: Landscape | None = field(default=None, repr=False)

    def series(self) -> tuple[tuple[str, Landscape], ...]:
        """Every wave with its label, earliest first: each wave of ``source`` (``before`` and
        ``after`` among them, as they are and under their labels; the others cut as
        :func:`waves_of` cuts them: the ties of the wave and who has one), or the two waves.

        >>> import landscape
        >>> eies = landscape.load(landscape.sample_path("freeman-eies"))
        >>> [label for label, _ in waves_of(eies, "t1", "t2").series()]
        ['t1', 't2']
        """
        if self.source is None:
            return (self.labels[0], self.before), (self.labels[1], self.after)
        pair = {self.labels[0].casefold(): (self.labels[0], self.before),
                self.labels[1].casefold(): (self.labels[1], self.after)}
        return tuple(pair.get(label.casefold()) or (label, wave_of(self.source, label)) for label in self.source.waves)


def two_waves(before: Landscape, after: Landscape, labels: tuple[str, str] | None = None) -> Waves:
    """Two inputs as waves, named after their files (``survey-2024``) unless ``labels`` are given.

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> two_waves(land, land).labels
    ('before', 'after')
    """
    if labels is None:
        stems = (Path(str(before.tables.source)).stem, Path(str(after.tables.source)).stem)
        labels = stems if stems[0] != stems[1] and all(stems) else ("before", "after")
    # An input that itself holds several waves is compared at its latest (or the one chosen).
    return Waves(before=current_wave(before), after=current_wave(after), labels=labels)


def waves_of(landscape: Landscape, earlier: str, later: str) -> Waves:
    """The ties whose wave column says ``earlier`` against those that say ``later``.

    A participant takes part in a wave when they have a tie in it; each wave's settings record
    the wave. The landscape is kept as the waves' ``source``: :meth:`Waves.series` gives every
    wave of it (a comparison's findings stay those of the two; its map of what changed steps
    through them all). Raises ValueError (naming the waves present) when either wave has no tie.
    """
    before, after, blank = split_waves(landscape, earlier, later)
    return Waves(before=before.with_settings(wave=earlier), after=after.with_settings(wave=later),
                 labels=(earlier, later), basis="wave column", ties_without_wave=blank, source=landscape)


@dataclass(frozen=True, eq=False)
class Comparison:
    """What changed between two waves; ``to_dict()`` is ``landscape compare --format json``."""

    waves: Waves = field(repr=False)
    result: ComparisonResult

    @property
    def findings(self) -> tuple[Finding, ...]:
        return findings_for("continuity", self.result)

    def to_dict(self) -> dict[str, Any]:
        return {"landscape_version": __version__, "continuity": result_dict("continuity", self.result)}


def compare(waves: Waves, *, options: Mapping[str, Any] | None = None, progress: Progress = quiet) -> Comparison:
    """Compare two waves (see :func:`landscape.passes.continuity.compare` for what is measured).

    ``options`` may change the settings for this run (``relations``, ``group``, ``by`` or
    ``voices_by``, ``level_order``, as :func:`with_setting_options` reads them; anything else is
    an error); by default both waves are read with the later wave's settings. The waves given
    are not changed.

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> compare(two_waves(land, land)).result.newcomers
    ()
    """
    after, rest = with_setting_options(waves.after, options)
    if rest:
        raise ValueError(f"compare takes no option {', '.join(map(repr, rest))}; it takes the settings: relations, "
                         "group, voices_by (or by), level_order")
    # Both waves are read the same way: with the later wave's settings, each keeping its own wave.
    # Fresh Landscape objects (the graphs are shared, not copied): the comparison groups both waves
    # with one spelling per group, and that must not change the caller's landscapes.
    before = Landscape(waves.before.graph, waves.before.tables,
                       dataclasses.replace(after.settings, wave=waves.before.settings.wave))
    after = Landscape(after.graph, after.tables, after.settings)
    result = step(progress, "the comparison", lambda: compare_waves(
        before, after, labels=waves.labels, basis=waves.basis, ties_without_wave=waves.ties_without_wave))
    return Comparison(waves=waves, result=result)

"""The Landscape: the graph of participants and relationships, and what gives it meaning."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from landscape.errors import InvalidLandscape, UnknownAttribute
from landscape.io.columnar import no_cycle_collection
from landscape.model.accounts import CONFIRM_RULES
from landscape.model.story import StoryStep, story_steps
from landscape.progress import Progress, quiet, step
from landscape.schema import ValidationReport, normalise_header
from landscape.schema.cells import identifier, text_of
from landscape.schema.tables import ROW
from landscape.schema.validate import Tables, read_tables, relation_kinds

__all__ = ["ExpectedVoice", "LEVEL_ORDER_AGREEMENT", "MANAGING_TYPES", "REPORTING_TYPES", "reporting_lines", "LevelOrder", "Landscape", "Settings", "load",
           "contradicts", "level_order_evidence"]

LevelOrder = Literal["higher-is-senior", "lower-is-senior"]
#: The attributes the passes group by when the settings name none (they may be absent).
DEFAULT_GROUP = "community"
DEFAULT_VOICES = "stakeholder_group"
PathLike = str | Path


@dataclass(frozen=True)
class Settings:
    """What describes the data: how to read the graph, chosen once and used by every pass.

    Build it once (the command line does, from its options) and give it to :func:`load`, or
    change one with :meth:`Landscape.with_settings`. A pass's keyword options still override
    these for one run.

    Parameters
    ----------
    group : str, optional
        The participant attribute whose groups have boundaries; by default ``community`` where
        the participants have one. People who withheld consent keep it, and nothing else, when
        the landscape is shared.
    voices_by : str, optional
        The participant attribute that names a person's voice; by default ``stakeholder_group``
        where the participants have one.

    An attribute named here must exist: :func:`load` and :meth:`Landscape.with_settings` find it
    by its name or header form (``"Stakeholder group"``) and keep the column's own name.
    level_order : {"higher-is-senior", "lower-is-senior"}, optional
        How ``level`` is coded: ``lower-is-senior`` for data where 1 is the top (like
        Krackhardt's). When not given, :func:`load` reads it from the reporting ties (when at
        least 80% of those between two levels point the same way), else takes
        ``higher-is-senior``; ``level_order_source`` says which (``option``, ``reporting ties``,
        ``default``).
    relations : tuple of str, optional
        The relationship types the passes measure; by default the learning types (see the Relation
        types table: advice, collaboration... and those it declares learning).
    levels : tuple of str, optional
        The levels of scale, finest first; by default what the input declares.
    wave : str, optional
        The wave this landscape holds, when it was cut from a wave column.
    confirm : {"either", "both"}, optional
        For survey data (a ``reported_by`` column): keep a tie that either person reported (the
        default, sna's weak rule) or only ties both reported (the strong rule); see
        :mod:`landscape.model.accounts`. Applied where the wave is cut
        (:func:`landscape.analysis.current_wave`), so every pass, map and file agrees.

    Examples
    --------
    >>> Settings(group="organisation", relations=["advice"])
    Settings(group='organisation', voices_by=None, level_order=None, relations=('advice',), levels=None, wave=None, level_order_source=None, level_order_evidence=None, confirm=None)
    """

    group: str | None = None
    voices_by: str | None = None
    level_order: LevelOrder | None = None
    relations: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    wave: str | None = None
    level_order_source: Literal["option", "reporting ties", "default"] | None = None
    #: The reporting ties between two levels in the whole input, by the way they point (to a higher
    #: number, to a lower one): what the level order was read from. Set by :func:`load`.
    level_order_evidence: tuple[int, int] | None = None
    confirm: Literal["either", "both"] | None = None

    def __post_init__(self) -> None:
        if self.level_order not in (None, "higher-is-senior", "lower-is-senior"):
            raise ValueError(
                f"level_order must be 'higher-is-senior' or 'lower-is-senior', not {self.level_order!r}"
            )
        if self.confirm is not None and self.confirm not in CONFIRM_RULES:
            raise ValueError(f"confirm must be 'either' or 'both', not {self.confirm!r}")
        for name in ("relations", "levels"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"{name} is a sequence of names, not the string {value!r}")
            if value is not None:
                object.__setattr__(self, name, tuple(value))
        if self.levels is not None:
            names = [normalise_header(level) for level in self.levels]
            twice = list(dict.fromkeys(level for level, name in zip(self.levels, names) if names.count(name) > 1))
            if twice or not self.levels:
                raise ValueError(f"levels {', '.join(self.levels)!r} names {', '.join(map(repr, twice))} more than once; "
                                 "name each level once" if twice else "levels must name at least one level")
        for name in ("group", "voices_by"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValueError(f"{name} must name a participant attribute, not {value!r}")

    @property
    def grouping_attribute(self) -> str:
        """The attribute whose groups have boundaries: the one chosen, else ``community``."""
        return self.group or DEFAULT_GROUP

    @property
    def voices_attribute(self) -> str:
        """The attribute that names a person's voice: the one chosen, else ``stakeholder_group``."""
        return self.voices_by or DEFAULT_VOICES


@dataclass(frozen=True)
class ExpectedVoice:
    """One row of the voices roster: a stakeholder group that should take part."""

    group: str
    expected: int | None
    expected_share: float | None
    why: str | None


@dataclass(frozen=True, eq=False)
class Landscape:
    """A landscape of practice: participants, their relationships, and the settings to read them.

    ``graph`` is a :class:`networkx.MultiDiGraph` with one node per participant (keyed by id,
    carrying every other column as an attribute; ``community`` is a tuple, since people may belong
    to several) and one edge per relationship row (keyed by the row number the spreadsheet shows,
    carrying ``type``, ``weight``, ``direction`` and every other column). An edge whose
    ``direction`` is ``undirected`` or ``mutual`` holds both ways.

    Build one with :func:`load`. Passes read it and never change it.
    """

    graph: nx.MultiDiGraph
    tables: Tables = field(repr=False)
    settings: Settings = field(default_factory=Settings)
    #: The landscape of every wave this one was cut from, when it is one wave of a wave column as a
    #: map or an analysis shows it (:func:`landscape.passes.continuity.wave_of`): the Leadership
    #: pass reads the wave before from it. None otherwise.
    whole: Landscape | None = field(default=None, repr=False)

    @functools.cached_property
    def waves(self) -> tuple[str, ...]:
        """The waves the relationships' ``wave`` column names, earliest first.

        Labels that all hold a number sort by their numbers (``t2`` before ``t10``, ``2024-03``
        before ``2025-01``); otherwise words that say when come in their order (``pre`` before
        ``post``, ``baseline`` before ``follow-up`` and ``endline``), then the rest alphabetically:
        never the order of the rows, which must not change a result.

        >>> from landscape.io import sample_path
        >>> load(sample_path("freeman-eies")).waves
        ('t1', 't2')
        """
        ties = self.relationships
        if "wave" not in ties:
            return ()
        labels = list(dict.fromkeys(text_of(value) for value in ties["wave"].tolist() if _present(value)))
        labels = [label for label in labels if label]
        if labels and all(re.search(r"\d", label) for label in labels):
            return tuple(sorted(labels, key=_natural))
        return tuple(sorted(labels, key=lambda label: (_when(label), _natural(label))))

    @functools.cached_property
    def tie_statuses(self) -> pd.Series | None:
        """Each relationship row's survey status (``confirmed``, ``one-sided``, or None when it was
        not a survey report), aligned with :attr:`relationships`; None without a ``reported_by``
        column. See :mod:`landscape.model.accounts`."""
        from landscape.model.accounts import tie_statuses

        return tie_statuses(self.relationships)

    @property
    def level_order_contradicted(self) -> bool:
        """True when the level order was given and the reporting ties show the other one."""
        return self.settings.level_order_source == "option" and contradicts(
            self.settings.level_order, self.settings.level_order_evidence or level_order_evidence(self.tables))

    def with_settings(self, settings: Settings | None = None, **changes: Any) -> Landscape:
        """The same landscape read with other settings (``group="organisation"``...).

        >>> from landscape.io import sample_path
        >>> land = load(sample_path("krackhardt-hightech"))
        >>> land.with_settings(level_order="lower-is-senior").settings.level_order
        'lower-is-senior'
        """
        chosen = dataclasses.replace(settings or self.settings, **changes)
        if "level_order" in changes:  # chosen now, by the caller
            chosen = dataclasses.replace(chosen, level_order_source=None)
        chosen = _resolved(chosen, self.tables)
        if chosen == self.settings:
            return self
        whole = None if self.whole is None else self.whole.with_settings(chosen, wave=None)
        return Landscape(graph=self.graph, tables=self.tables, settings=chosen, whole=whole)

    @property
    def report(self) -> ValidationReport:
        """The validation report of the input: warnings (there are no errors in a Landscape)."""
        return self.tables.report

    @property
    def participants(self) -> pd.DataFrame:
        """The participants table as read (typed values, defaults applied, a ``_row`` column)."""
        return self.tables.participants.frame

    @property
    def relationships(self) -> pd.DataFrame:
        """The relationships table as read, with ``source`` and ``target`` resolved to ids."""
        return self.tables.relationships.frame

    @property
    def expected_voices(self) -> tuple[ExpectedVoice, ...]:
        """The voices roster, in the order of its rows; empty when the input has none."""
        if self.tables.voices is None or not self.tables.voices.complete:
            return ()
        frame = self.tables.voices.frame
        voices = []
        for record in frame.to_dict("records"):
            voices.append(
                ExpectedVoice(
                    group=record["stakeholder_group"],
                    expected=record.get("expected"),
                    expected_share=record.get("expected_share"),
                    why=record.get("why"),
                )
            )
        return tuple(voices)

    @property
    def story(self) -> tuple[StoryStep, ...]:
        """The facilitator's own steps for the atlas's guided tour (the Story sheet), in the order
        they are told; empty when the input has none.

        >>> from landscape.io import sample_path
        >>> [step.view for step in load(sample_path("clinical-simulation")).story]
        ['voices', 'voices', 'power', 'boundaries', 'scale', 'leadership']
        """
        return story_steps(self.tables.story)

    @functools.cached_property
    def relation_kinds(self) -> dict[str, str]:
        """What each relationship type used means: ``learning``, ``formal``, ``negative``,
        ``leadership``, ``other`` (declared in the Relation types table or known by name), or
        ``unknown`` (warned about; not measured unless chosen with ``relations``).

        >>> from landscape.io import sample_path
        >>> load(sample_path("krackhardt-hightech")).relation_kinds
        {'advice': 'learning', 'friendship': 'other', 'reports_to': 'formal'}
        """
        kinds = relation_kinds(self.tables.relationships, self.tables.relation_types)
        return {kind: kinds[kind] for kind in sorted(kinds)}

    def relations_of_kind(self, *kinds: str) -> tuple[str, ...]:
        """The relationship types of these kinds, sorted (``relations_of_kind("learning")``)."""
        return tuple(name for name, kind in self.relation_kinds.items() if kind in kinds)

    @property
    def relation_types(self) -> tuple[str, ...]:
        """Every relationship type in the landscape, sorted."""
        # From the table the graph's edges are made of, one per row (walking a million edges took seconds).
        frame = self.relationships
        return tuple(sorted(frame["type"].dropna().unique().tolist())) if "type" in frame else ()

    def attributes(self) -> tuple[str, ...]:
        """Every participant attribute that at least one participant has, sorted."""
        names: set[str] = set()
        for _, data in self.graph.nodes(data=True):
            names.update(data)
        return tuple(sorted(names))

    def __repr__(self) -> str:
        return (
            f"<Landscape {self.graph.number_of_nodes()} participants, "
            f"{self.graph.number_of_edges()} relationships from {self.tables.source}>"
        )


def load(
    source: PathLike | None = None,
    *,
    participants: PathLike | None = None,
    relationships: PathLike | None = None,
    voices: PathLike | None = None,
    communities: PathLike | None = None,
    relation_types: PathLike | None = None,
    story: PathLike | None = None,
    stories: PathLike | None = None,
    settings: Settings | None = None,
    group: str | None = None,
    level_order: LevelOrder | None = None,
    progress: Progress = quiet,
) -> Landscape:
    """Read, validate and build a landscape.

    Parameters
    ----------
    source : path, optional
        An ``.xlsx`` workbook or a folder of CSV files (see :func:`landscape.validate`).
    participants, relationships, voices, communities, relation_types, story, stories : path, optional
        A file for one table, overriding the one found in ``source``.
    settings : Settings, optional
        What describes the data (grouping attribute, voices attribute, level order, relations,
        levels of scale); by default :class:`Settings`'s defaults.
    group, level_order : optional
        Shorthands that override those two of ``settings``.
    progress : callable, optional
        Told when reading and checking starts and ends (see :mod:`landscape.progress`).

    Returns
    -------
    Landscape

    Raises
    ------
    InvalidLandscape
        The input has errors; the exception's ``report`` lists all of them.
    UnreadableFile, SheetNotFound
        The input cannot be read at all.

    Examples
    --------
    >>> from landscape.io import sample_path
    >>> land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    >>> land.graph.number_of_nodes(), land.relation_types
    (21, ('advice', 'friendship', 'reports_to'))
    """
    given = {name: value for name, value in (("group", group), ("level_order", level_order)) if value is not None}
    settings = dataclasses.replace(settings or Settings(), **given)
    tables = step(progress, "reading and checking the input", lambda: read_tables(
        source,
        participants=participants,
        relationships=relationships,
        voices=voices,
        communities=communities,
        relation_types=relation_types,
        story=story,
        stories=stories,
    ))
    if not tables.report.valid:
        raise InvalidLandscape(tables.report)
    with no_cycle_collection():  # as for reading: a dict per person and per tie, and no cycles
        return Landscape(graph=_graph(tables), tables=tables, settings=_resolved(settings, tables))


#: The relationship types whose ties run from a person to the one they report to, and those that
#: run the other way (from the manager): the reporting tree (Power's depth) and the evidence for
#: which way the level column runs.
REPORTING_TYPES: tuple[str, ...] = ("reports_to", "managed_by", "supervised_by", "line_manager")
MANAGING_TYPES: tuple[str, ...] = ("manages", "supervises")


def reporting_lines(ties: Any) -> list[tuple[Any, Any]]:
    """Each reporting line as (person, the one they report to), from every reporting type, the
    managing types (``manages``, ``supervises``) turned round.

    >>> import pandas as pd
    >>> reporting_lines(pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "type": ["reports_to", "manages"]}))
    [('a', 'b'), ('c', 'b')]
    """
    if ties.empty or "type" not in ties:
        return []
    lines = []
    # Only the rows of a reporting or managing type are looked at, one by one.
    ties = ties[ties["type"].isin(REPORTING_TYPES + MANAGING_TYPES)]
    for source, target, kind in zip(ties["source"].tolist(), ties["target"].tolist(), ties["type"].tolist()):
        if kind in REPORTING_TYPES:
            lines.append((source, target))
        elif kind in MANAGING_TYPES:
            lines.append((target, source))
    return lines
#: The share of reporting ties between two levels that must point one way to read the level
#: order from them.
LEVEL_ORDER_AGREEMENT = 0.8


def level_order_evidence(tables: Tables) -> tuple[int, int]:
    """Reporting ties between two different levels: how many point to a higher number, how many to
    a lower one (``i reports_to j``: j is senior to i).

    >>> from landscape.io import sample_path
    >>> level_order_evidence(load(sample_path("krackhardt-hightech")).tables)
    (0, 20)
    """
    people, ties = tables.participants.frame, tables.relationships.frame
    if "level" not in people or ties.empty or "type" not in ties:
        return 0, 0
    level = {pid: value for pid, value in zip(people["id"].tolist(), people["level"].tolist()) if _present(value)}
    up = down = 0
    for source, target in reporting_lines(ties):
        a, b = level.get(source), level.get(target)
        if a is None or b is None or a == b:
            continue
        up += b > a
        down += b < a
    return up, down


def contradicts(order: str | None, evidence: tuple[int, int]) -> bool:
    """True when the reporting ties (``level_order_evidence``) show the other order than ``order``.

    >>> contradicts("higher-is-senior", (1, 20)), contradicts("lower-is-senior", (1, 20)), contradicts(None, (0, 3))
    (True, False, False)
    """
    up, down = evidence
    against = down if order == "higher-is-senior" else up if order == "lower-is-senior" else 0
    return bool(up + down) and against >= LEVEL_ORDER_AGREEMENT * (up + down)


def _level_order(settings: Settings, tables: Tables) -> Settings:
    """The level order as given (``option``), else as the reporting ties show it, else the default."""
    if settings.level_order is not None:
        return settings if settings.level_order_source else dataclasses.replace(
            settings, level_order_source="option", level_order_evidence=level_order_evidence(tables))
    evidence = level_order_evidence(tables)
    up, down = evidence
    if up + down and max(up, down) >= LEVEL_ORDER_AGREEMENT * (up + down):
        return dataclasses.replace(settings, level_order="higher-is-senior" if up > down else "lower-is-senior",
                                   level_order_source="reporting ties", level_order_evidence=evidence)
    return dataclasses.replace(settings, level_order="higher-is-senior", level_order_source="default",
                               level_order_evidence=evidence)


def _resolved(settings: Settings, tables: Tables) -> Settings:
    """The settings with each attribute named as its column is (``"Organisation"`` is
    ``organisation``), an attribute named that no column has an error, at once; and the level
    order given, or read from the reporting ties."""
    settings = _level_order(settings, tables)
    columns = [column for column in tables.participants.frame.columns if column != ROW]
    changes = {}
    for name in ("group", "voices_by"):
        value = getattr(settings, name)
        if value is None:
            continue
        found = next((column for column in (value, normalise_header(value)) if column in columns), None)
        if found is None:
            option = {"group": "group", "voices_by": "voices-by"}[name]
            raise UnknownAttribute(f"no participant has an attribute {value!r} (--{option}); the attributes are: "
                                   f"{', '.join(sorted(columns)) or 'none'}")
        changes[name] = found
    return dataclasses.replace(settings, **changes) if changes else settings


#: Words that say when a wave was, in their order; wave labels without numbers sort by them.
_WHEN = {word: rank for rank, words in enumerate((
    ("baseline", "before", "pre", "start", "first", "initial", "intake", "entry", "t0"),
    ("midline", "middle", "mid", "interim", "during", "second"),
    ("after", "post", "follow", "followup", "third"),
    ("endline", "end", "final", "last", "exit"),
)) for word in words}


def _when(label: str) -> int:
    """The rank of the first word of a label that says when (pre-test: pre), else after them all."""
    return next((_WHEN[word] for word in identifier(label).split("_") if word in _WHEN), len(_WHEN))


def _natural(label: str) -> list[Any]:
    """A sort key that reads the numbers in a label as numbers: t2 < t10."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", label)]


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return True


def _graph(tables: Tables) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name=Path(tables.source).stem, source=tables.source)
    people = tables.participants.frame
    attributes = [column for column in people.columns if column not in ("id", ROW)]
    _add_nodes(graph, people["id"].tolist(), _records(people, attributes))
    ties = tables.relationships.frame
    attributes = [column for column in ties.columns if column not in ("source", "target", ROW)]
    _add_edges(graph, ties["source"].tolist(), ties["target"].tolist(), ties[ROW].tolist(), _records(ties, attributes))
    return graph


def _add_nodes(graph: nx.MultiDiGraph, nodes: list[Any], data: list[dict[str, Any]]) -> None:
    """Add the participants to an empty graph as ``add_nodes_from`` would, in their order: straight
    into networkx's dicts of nodes and of neighbours when every id is a new node (each
    participant's dict of values becomes the node's), else through ``add_nodes_from``."""
    if type(graph) is not nx.MultiDiGraph or len(graph) or None in nodes or len(set(nodes)) != len(nodes):
        graph.add_nodes_from(zip(nodes, data))
        return
    graph._node.update(zip(nodes, data))
    graph._succ.update(zip(nodes, map(dict, itertools.repeat((), len(nodes)))))  # _adj is _succ
    graph._pred.update(zip(nodes, map(dict, itertools.repeat((), len(nodes)))))


def _records(frame: pd.DataFrame, names: list[str]) -> list[dict[str, Any]]:
    """Each row's values as a dict by column name, in the order of ``names``, without the absent
    ones (None or NaN, see :func:`_present`): built a column at a time, not a row at a time."""
    columns = [frame[name].tolist() for name in names]
    count = len(frame)
    records = list(map(dict, map(zip, itertools.repeat(names), zip(*columns)) if names else itertools.repeat((), count)))
    for name, column in zip(names, columns):
        # Taking the absent values out keeps the others in column order, as leaving them out would.
        dtype = frame[name].dtype
        plain = isinstance(dtype, np.dtype)  # numpy's own: none holds None, only floats NaN
        if plain and dtype.kind in "iub":
            continue
        if plain and dtype.kind == "f":
            absent = np.isnan(frame[name].to_numpy())
        elif isinstance(dtype, pd.StringDtype) and dtype.na_value is np.nan:  # text, and NaN where blank
            absent = frame[name].isna().to_numpy()
        else:
            absent = _absent(column)
        for offset in np.flatnonzero(absent).tolist():
            del records[offset][name]
    return records


def _absent(values: list[Any]) -> np.ndarray:
    """Where ``values`` are not :func:`_present`: None, or a float that is NaN (the one value
    unequal to itself)."""
    count = len(values)
    absent = np.fromiter(map(operator.is_, values, itertools.repeat(None)), dtype=bool, count=count)
    floats = np.flatnonzero(np.fromiter(map(isinstance, values, itertools.repeat(float)), dtype=bool, count=count))
    if len(floats):
        numbers = [values[offset] for offset in floats.tolist()]
        absent[floats] = np.fromiter(map(operator.ne, numbers, numbers), dtype=bool, count=len(numbers))
    return absent


def _add_edges(graph: nx.MultiDiGraph, sources: list[Any], targets: list[Any], keys: list[int],
               data: list[dict[str, Any]]) -> None:
    """Add the relationships to the graph as ``add_edges_from`` would, in their order, in a
    fraction of its time (it makes two dicts and three views per edge).

    The edges go straight into networkx's adjacency dicts (``_succ``, with ``_pred`` sharing each
    pair's dict of keys) when every endpoint is a node already and every key is new, as they are
    for a landscape (each relationship is keyed by its row); otherwise through ``add_edges_from``.
    tests/test_columnar.py holds the two to the same graph.
    """
    succ, pred = graph._succ, graph._pred
    try:  # row numbers, in order: no key twice
        once = len(keys) < 2 or bool((np.diff(np.asarray(keys, dtype=np.int64)) > 0).all())
    except (TypeError, ValueError, OverflowError):  # keys that are not whole numbers
        once = False
    if type(graph) is not nx.MultiDiGraph or any(map(len, succ.values())) or not (once or len(set(keys)) == len(keys)):
        graph.add_edges_from(zip(sources, targets, keys, data))
        return
    try:
        for source, target, key, values in zip(sources, targets, keys, data):
            out = succ[source]
            if target in out:  # a pair's later edges join its first edge's dict of keys
                out[target][key] = values
            else:
                out[target] = pred[target][source] = {key: values}
    except KeyError:  # an endpoint that is no node: the edges so far are taken out, networkx adds them all
        for neighbours in (*succ.values(), *pred.values()):
            neighbours.clear()
        graph.add_edges_from(zip(sources, targets, keys, data))

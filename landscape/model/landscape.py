"""The Landscape: the graph of participants and relationships, and what gives it meaning."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import pandas as pd

from landscape.errors import InvalidLandscape
from landscape.schema import ValidationReport
from landscape.schema.tables import ROW, columns_of
from landscape.schema.validate import Tables, read_tables

__all__ = ["ExpectedVoice", "LevelOrder", "Landscape", "Settings", "load"]

LevelOrder = Literal["higher-is-senior", "lower-is-senior"]
PathLike = str | Path


@dataclass(frozen=True)
class Settings:
    """What gives the graph its meaning for the passes.

    Parameters
    ----------
    group : str
        The participant attribute that marks boundaries (default ``community``).
    level_order : {"higher-is-senior", "lower-is-senior"}
        How ``level`` is coded: by default a higher number means more formal authority; data
        coded 1 = top (like Krackhardt's) say ``lower-is-senior``.
    """

    group: str = "community"
    level_order: LevelOrder = "higher-is-senior"

    def __post_init__(self) -> None:
        if self.level_order not in ("higher-is-senior", "lower-is-senior"):
            raise ValueError(
                f"level_order must be 'higher-is-senior' or 'lower-is-senior', not {self.level_order!r}"
            )


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
    def relation_types(self) -> tuple[str, ...]:
        """Every relationship type in the landscape, sorted."""
        return tuple(sorted({data["type"] for _, _, data in self.graph.edges(data=True)}))

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
    group: str = "community",
    level_order: LevelOrder = "higher-is-senior",
) -> Landscape:
    """Read, validate and build a landscape.

    Parameters
    ----------
    source : path, optional
        An ``.xlsx`` workbook or a folder of CSV files (see :func:`landscape.validate`).
    participants, relationships, voices, communities : path, optional
        A file for one table, overriding the one found in ``source``.
    group : str
        The participant attribute that marks boundaries.
    level_order : {"higher-is-senior", "lower-is-senior"}
        How the ``level`` column is coded.

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
    settings = Settings(group=group, level_order=level_order)
    tables = read_tables(
        source,
        participants=participants,
        relationships=relationships,
        voices=voices,
        communities=communities,
    )
    if not tables.report.valid:
        raise InvalidLandscape(tables.report)
    return Landscape(graph=_graph(tables), tables=tables, settings=settings)


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
    graph.add_nodes_from(
        (
            record[0],
            {name: value for name, value in zip(attributes, record[1:]) if _present(value)},
        )
        for record in zip(*columns_of(people, "id", *attributes))
    )
    ties = tables.relationships.frame
    attributes = [column for column in ties.columns if column not in ("source", "target", ROW)]
    graph.add_edges_from(
        (
            record[0],
            record[1],
            int(record[2]),
            {name: value for name, value in zip(attributes, record[3:]) if _present(value)},
        )
        for record in zip(*columns_of(ties, "source", "target", ROW, *attributes))
    )
    return graph

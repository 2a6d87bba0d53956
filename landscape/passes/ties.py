"""The ties a pass measures: one simple graph of the chosen relationship types.

Measures run on a *simple* graph of the chosen relationship types (MEASURES §0.2, §2): self-ties
are dropped, parallel ties between the same two people are collapsed into one (weights summed),
and an undirected or mutual tie counts both ways. :func:`learning_ties` builds that graph once,
says how many rows it used and what it dropped, and offers the compact forms (a node index and a
sparse adjacency matrix) that vectorised measures run on.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from landscape.errors import UnknownRelation
from landscape.model.accounts import CONFIRMED, ONE_SIDED, pair_ends

if TYPE_CHECKING:  # pragma: no cover
    from scipy.sparse import csr_array

    from landscape.model import Landscape

__all__ = ["TieSelection", "learning_ties"]


@dataclass(frozen=True, eq=False)
class TieSelection:
    """The simple directed graph of the chosen relationship types, and how it was made.

    ``graph`` has every participant as a node (in the landscape's order) and one arc per ordered
    pair of people tied by at least one chosen row, with ``weight`` (summed) and ``count`` (rows).
    """

    graph: nx.DiGraph
    relations: tuple[str, ...]
    rows: int
    self_ties_dropped: int
    parallel_collapsed: int
    left_out: dict[str, str] = field(default_factory=dict)  # types present but not measured, by kind
    #: Survey data (a ``reported_by`` column): the rule that kept the ties (``either`` or ``both``),
    #: and how many pairs of people tied have a tie both reported (``confirmed``) or only one-sided
    #: ties; all None otherwise. ``response``: who answered (:class:`~landscape.passes.response.Response`).
    confirm: str | None = None
    confirmed: int | None = None
    one_sided: int | None = None
    response: Any = None

    @cached_property
    def pairs(self) -> int:
        """Pairs of people tied, either way (what the weak rule counts)."""
        return self.undirected.number_of_edges()

    @cached_property
    def undirected(self) -> nx.Graph:
        """The ties as a simple undirected graph (every participant a node; no attributes), built
        once: networkx's ``to_undirected`` deep-copies every edge's attributes."""
        graph = nx.Graph()
        graph.add_nodes_from(self.graph.nodes)
        graph.add_edges_from(self.graph.edges())
        return graph

    @cached_property
    def nodes(self) -> list[Hashable]:
        return list(self.graph.nodes)

    @cached_property
    def index(self) -> dict[Hashable, int]:
        return {node: position for position, node in enumerate(self.nodes)}

    @cached_property
    def arcs(self) -> tuple[np.ndarray, np.ndarray]:
        """Source and target positions of every arc, as two integer arrays."""
        index = self.index
        sources = np.fromiter((index[u] for u, _ in self.graph.edges), dtype=np.int64, count=self.graph.number_of_edges())
        targets = np.fromiter((index[v] for _, v in self.graph.edges), dtype=np.int64, count=self.graph.number_of_edges())
        return sources, targets

    def adjacency(self) -> csr_array:
        """The binary adjacency matrix (row = source, column = target) as a scipy sparse array."""
        from scipy.sparse import csr_array

        sources, targets = self.arcs
        n = len(self.nodes)
        return csr_array((np.ones(len(sources), dtype=np.int64), (sources, targets)), shape=(n, n))

    def to_dict(self) -> dict[str, Any]:
        return {
            "relations": list(self.relations),
            "rows": self.rows,
            "self_ties_dropped": self.self_ties_dropped,
            "parallel_collapsed": self.parallel_collapsed,
            "arcs": self.graph.number_of_edges(),
            "left_out": dict(self.left_out),
            "pairs": self.pairs,
            "confirm": self.confirm,
            "confirmed": self.confirmed,
            "one_sided": self.one_sided,
            "response": None if self.response is None else self.response.to_dict(),
        }


def learning_ties(landscape: Landscape, relations: Sequence[str] | None = None) -> TieSelection:
    """The simple graph of the relationship types a pass measures.

    Parameters
    ----------
    landscape : Landscape
    relations : sequence of str, optional
        The relationship types to keep. By default the landscape's setting, and without one the
        types whose kind is ``learning`` (declared in the Relation types table or known by name:
        advice, collaboration...): the ties along which learning flows. Formal, negative,
        leadership, other and unknown types are measured only when named here.

    Raises
    ------
    UnknownRelation
        A named type does not occur in the landscape.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> ties = learning_ties(load(sample_path("krackhardt-hightech")), ["advice"])
    >>> ties.graph.number_of_edges(), ties.self_ties_dropped, ties.parallel_collapsed
    (190, 0, 0)
    """
    if relations is None:
        relations = landscape.settings.relations
    key = None if relations is None else tuple(relations)
    cached = _TIES.get(landscape, {}).get(key)
    if cached is not None:
        return cached
    selection = _learning_ties(landscape, relations)
    _TIES.setdefault(landscape, {})[key] = selection
    return selection


#: Each landscape's tie selections, built once from its relationships table and shared
#: by the passes (passes never change a selection's graph); dropped with the landscape.
_TIES: weakref.WeakKeyDictionary[Any, dict[tuple[str, ...] | None, TieSelection]] = weakref.WeakKeyDictionary()


def _learning_ties(landscape: Landscape, relations: Sequence[str] | None) -> TieSelection:
    present = landscape.relation_types
    if relations is None:
        # Learning ties only: formal, negative, leadership, other and unknown (warned about)
        # types are measured only when chosen by name.
        chosen = landscape.relations_of_kind("learning")
    else:
        from landscape.schema.cells import FieldReader
        from landscape.schema.contract import table_schemas

        reader = FieldReader(table_schemas()["relationships"].fields["type"])
        chosen = tuple(dict.fromkeys(reader.read(kind)[0] for kind in relations))
        unknown = [kind for kind in chosen if kind not in present]
        if unknown:
            raise UnknownRelation(
                f"no relationship of type {', '.join(map(repr, unknown))}; the types are: "
                f"{', '.join(present) or 'none'}"
            )
    frame = landscape.relationships
    used = frame[frame["type"].isin(chosen)] if len(frame) else frame
    status = landscape.tie_statuses
    if status is not None and landscape.settings.confirm == "both":  # current_wave has dropped them already
        used = used[status[used.index].ne(ONE_SIDED).to_numpy()]
    rows = len(used)
    both = used["direction"].isin(("undirected", "mutual")) if rows else pd.Series(dtype=bool)
    arcs = pd.concat(
        [
            pd.DataFrame({"source": used["source"], "target": used["target"], "weight": used["weight"]}),
            pd.DataFrame({"source": used["target"][both], "target": used["source"][both], "weight": used["weight"][both]}),
        ],
        ignore_index=True,
    )
    loops = arcs["source"] == arcs["target"]
    self_ties = int(used["source"].eq(used["target"]).sum()) if rows else 0
    arcs = arcs[~loops]
    merged = arcs.groupby(["source", "target"], sort=False).agg(weight=("weight", "sum"), count=("weight", "size"))
    graph = nx.DiGraph()
    graph.add_nodes_from(landscape.graph.nodes)
    graph.add_edges_from(
        (source, target, {"weight": _plain(weight), "count": int(count)})
        for (source, target), weight, count in zip(merged.index, merged["weight"], merged["count"])
    )
    return TieSelection(
        graph=graph,
        relations=chosen,
        rows=rows,
        self_ties_dropped=self_ties,
        parallel_collapsed=len(arcs) - len(merged),
        left_out={kind: landscape.relation_kinds[kind] for kind in present if kind not in chosen},
        **_survey(landscape, used, status),
    )


def _survey(landscape: Landscape, used: pd.DataFrame, status: pd.Series | None) -> dict[str, Any]:
    """The confirm rule, the pairs of people tied with a confirmed tie and with one-sided ties only,
    and who answered: what a pass's ``ties`` says of survey data."""
    from landscape.passes.response import response

    found: dict[str, Any] = {"response": response(landscape)}
    if status is None:
        return found
    kinds = status[used.index]
    reported = used[kinds.notna().to_numpy()]
    kinds = kinds[kinds.notna()]
    low, high = pair_ends(reported)
    pairs = pd.DataFrame({"low": low, "high": high, "confirmed": kinds.eq(CONFIRMED).to_numpy()})
    by_pair = pairs.groupby(["low", "high"], sort=False)["confirmed"].any()
    confirmed = int(by_pair.sum())
    return {**found, "confirm": landscape.settings.confirm or "either", "confirmed": confirmed,
            "one_sided": int(len(by_pair) - confirmed)}

def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (for JSON and for equality in tests)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


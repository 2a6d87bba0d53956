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

__all__ = ["TieSelection", "learning_ties", "tied_pairs"]


@dataclass(frozen=True, eq=False)
class TieSelection:
    """The simple directed graph of the chosen relationship types, and how it was made.

    The arcs are held as integer arrays over ``nodes`` (every participant, in the landscape's
    order), in the order networkx's ``graph.edges`` lists them (by source, then by first
    appearance): the passes measure on these. ``graph`` is the same as a networkx DiGraph with one
    arc per ordered pair of people tied by at least one chosen row, ``weight`` (summed) and
    ``count`` (rows), built only when asked for: building it took a third of the Voices pass at
    10,000 people.
    """

    nodes: list[Hashable]
    #: Source and target positions (into ``nodes``), weights and row counts, in the order the rows
    #: first tied each ordered pair (what ``graph`` is built from, so its adjacency order is the same).
    merged: tuple[np.ndarray, np.ndarray, list[Any], np.ndarray]
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

    @classmethod
    def from_graph(cls, graph: nx.DiGraph, relations: tuple[str, ...], rows: int, self_ties_dropped: int = 0,
                   parallel_collapsed: int = 0, **about: Any) -> TieSelection:
        """A selection of the arcs of a simple directed graph (``weight`` and ``count`` default 1).

        >>> ties = TieSelection.from_graph(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]), ("advice",), 3)
        >>> ties.pairs, ties.in_degree.tolist(), ties.is_symmetric()
        (2, [1, 1, 1], False)
        """
        nodes = list(graph.nodes)
        index = {node: position for position, node in enumerate(nodes)}
        edges = list(graph.edges(data=True))
        selection = cls(
            nodes=nodes,
            merged=(np.array([index[u] for u, _, _ in edges], dtype=np.int64),
                    np.array([index[v] for _, v, _ in edges], dtype=np.int64),
                    [data.get("weight", 1) for _, _, data in edges],
                    np.array([data.get("count", 1) for _, _, data in edges], dtype=np.int64)),
            relations=relations, rows=rows, self_ties_dropped=self_ties_dropped,
            parallel_collapsed=parallel_collapsed, **about)
        selection.__dict__["graph"] = graph  # the caller's graph, as given (cached_property's slot)
        return selection

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The ties as a networkx DiGraph (for the Python API and the few measures only networkx has)."""
        sources, targets, weights, counts = self.merged
        nodes = self.nodes
        graph = nx.DiGraph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from((nodes[u], nodes[v], {"weight": weight, "count": int(count)})
                             for u, v, weight, count in zip(sources.tolist(), targets.tolist(), weights, counts))
        return graph

    @cached_property
    def _order(self) -> np.ndarray:
        """The merged rows in ``graph.edges`` order: by source position, then first appearance."""
        return np.argsort(self.merged[0], kind="stable")

    @property
    def arc_count(self) -> int:
        return len(self.merged[0])

    @cached_property
    def _pair_sort(self) -> tuple[np.ndarray, np.ndarray]:
        """Each arc's unordered pair as ``low * n + high`` (in ``arcs`` order), and the arcs in
        order of it (stable)."""
        sources, targets = self.arcs
        keys = np.minimum(sources, targets) * len(self.nodes) + np.maximum(sources, targets)
        return keys, np.argsort(keys, kind="stable")

    @cached_property
    def pair_codes(self) -> np.ndarray:
        """Each unordered pair of people tied, once, as ``low * n + high`` (sorted)."""
        keys, order = self._pair_sort
        ordered = keys[order]
        keep = np.ones(len(ordered), dtype=bool)
        keep[1:] = ordered[1:] != ordered[:-1]
        return ordered[keep]

    @cached_property
    def pairs(self) -> int:
        """Pairs of people tied, either way (what the weak rule counts)."""
        return len(self.pair_codes)

    @cached_property
    def reciprocated(self) -> np.ndarray:
        """For each arc (in ``arcs`` order), whether the arc the other way is also there."""
        # The arcs are distinct ordered pairs, so an unordered pair has one arc or two, and two
        # exactly when the tie is reciprocated; a self-tie (from_graph keeps one) is its own reverse.
        sources, targets = self.arcs
        keys, order = self._pair_sort
        ordered = keys[order]
        twice = ordered[1:] == ordered[:-1]
        found = sources == targets
        found[order[1:][twice]] = True
        found[order[:-1][twice]] = True
        return found

    @cached_property
    def in_degree(self) -> np.ndarray:
        return np.bincount(self.merged[1], minlength=len(self.nodes))

    @cached_property
    def out_degree(self) -> np.ndarray:
        return np.bincount(self.merged[0], minlength=len(self.nodes))

    @cached_property
    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """The undirected neighbours of every person as CSR arrays ``(indptr, indices)``, each
        person's in the order networkx's ``undirected`` graph lists them (the order in which the
        arcs first reach them), so that lists built from them read the same."""
        sources, targets = self.arcs
        n = len(self.nodes)
        owners = np.column_stack((sources, targets)).reshape(-1)
        others = np.column_stack((targets, sources)).reshape(-1)
        codes = owners * n + others
        _, first = np.unique(codes, return_index=True)
        first.sort()  # the first appearance of each (person, neighbour), in appearance order
        owners, others = owners[first], others[first]
        order = np.argsort(owners, kind="stable")
        indptr = np.concatenate(([0], np.cumsum(np.bincount(owners, minlength=n))))
        return indptr, others[order]

    @cached_property
    def degree(self) -> np.ndarray:
        """Undirected neighbours of each person (the degree in ``undirected``)."""
        return np.diff(self.neighbours[0])

    @cached_property
    def undirected(self) -> nx.Graph:
        """The ties as a simple undirected graph (every participant a node; no attributes), built
        once: networkx's ``to_undirected`` deep-copies every edge's attributes."""
        nodes = self.nodes
        sources, targets = self.arcs
        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from((nodes[u], nodes[v]) for u, v in zip(sources.tolist(), targets.tolist()))
        return graph

    @cached_property
    def index(self) -> dict[Hashable, int]:
        return {node: position for position, node in enumerate(self.nodes)}

    @cached_property
    def arcs(self) -> tuple[np.ndarray, np.ndarray]:
        """Source and target positions of every arc, as two integer arrays (``graph.edges`` order)."""
        order = self._order
        return self.merged[0][order], self.merged[1][order]

    def adjacency(self) -> csr_array:
        """The binary adjacency matrix (row = source, column = target) as a scipy sparse array."""
        from scipy.sparse import csr_array

        sources, targets = self.arcs
        n = len(self.nodes)
        return csr_array((np.ones(len(sources), dtype=np.int64), (sources, targets)), shape=(n, n))

    def is_symmetric(self) -> bool:
        """True when there are ties and every one holds both ways."""
        return self.arc_count > 0 and bool(self.reciprocated.all())

    def to_dict(self) -> dict[str, Any]:
        return {
            "relations": list(self.relations),
            "rows": self.rows,
            "self_ties_dropped": self.self_ties_dropped,
            "parallel_collapsed": self.parallel_collapsed,
            "arcs": self.arc_count,
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
    nodes = list(landscape.graph.nodes)
    position = pd.Index(nodes)
    sources = position.get_indexer(merged.index.get_level_values(0)).astype(np.int64)
    targets = position.get_indexer(merged.index.get_level_values(1)).astype(np.int64)
    return TieSelection(
        nodes=nodes,
        merged=(sources, targets, [_plain(weight) for weight in merged["weight"]], merged["count"].to_numpy()),
        relations=chosen,
        rows=rows,
        self_ties_dropped=self_ties,
        parallel_collapsed=len(arcs) - len(merged),
        left_out={kind: landscape.relation_kinds[kind] for kind in present if kind not in chosen},
        **_survey(landscape, used, status),
    )


def tied_pairs(ties: TieSelection) -> set[tuple[str, str]]:
    """Every pair of people tied (either way), as sorted pairs of ids.

    >>> sorted(tied_pairs(TieSelection.from_graph(nx.DiGraph([("b", "a"), ("a", "b"), ("c", "a")]), ("advice",), 3)))
    [('a', 'b'), ('a', 'c')]
    """
    n = len(ties.nodes)
    names = [str(node) for node in ties.nodes]
    return {tuple(sorted((names[code // n], names[code % n]))) for code in ties.pair_codes.tolist()}


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


"""What every pass shares: the ties it measures, its findings, and measures of more than one pass.

Measures run on a *simple* graph of the chosen relationship types (MEASURES §0.2, §2): self-ties
are dropped, parallel ties between the same two people are collapsed into one (weights summed),
and an undirected or mutual tie counts both ways. :func:`learning_ties` builds that graph once,
says how many rows it used and what it dropped, and offers the compact forms (a node index and a
sparse adjacency matrix) that vectorised measures run on.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from landscape.errors import UnknownAttribute, UnknownRelation

if TYPE_CHECKING:  # pragma: no cover
    from scipy.sparse import csr_array

    from landscape.model import Landscape

__all__ = [
    "FORMAL_RELATIONS",
    "Finding",
    "FindingList",
    "NotebookDisplay",
    "TieDiversity",
    "TieSelection",
    "attribute_values",
    "count_noun",
    "count_people",
    "holm",
    "learning_ties",
    "tie_diversity",
    "value_label",
]

#: Relationship types that record formal lines rather than learning; left out by default.
FORMAL_RELATIONS: tuple[str, ...] = ("reports_to",)

Alters = Literal["all", "out", "in"]


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
        }

    def describe(self) -> str:
        """One sentence on what was measured, for a finding's "how"."""
        kinds = f"of type {', '.join(self.relations)}" if self.relations else "(no type to measure)"
        return (
            f"{count_noun(self.rows, 'relationship row')} {kinds}; "
            f"{count_noun(self.self_ties_dropped, 'self-tie')} left out, "
            f"{count_noun(self.parallel_collapsed, 'parallel tie')} collapsed, undirected ties counted both ways"
        )


def learning_ties(landscape: Landscape, relations: Sequence[str] | None = None) -> TieSelection:
    """The simple graph of the relationship types a pass measures.

    Parameters
    ----------
    landscape : Landscape
    relations : sequence of str, optional
        The relationship types to keep. By default every type except the formal ones
        (``reports_to``), i.e. the ties along which learning flows.

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
        chosen = tuple(kind for kind in present if kind not in FORMAL_RELATIONS)
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
    )


def count_people(count: int, one: str, many: str) -> str:
    """``"1 person has"`` / ``"3 people have"``: a count of people with its verb agreeing.

    >>> count_people(1, "has", "have"), count_people(3, "has", "have")
    ('1 person has', '3 people have')
    """
    return f"{count} person {one}" if count == 1 else f"{count} people {many}"


def count_noun(count: int, one: str, many: str | None = None) -> str:
    """``"1 tie"`` / ``"3 ties"``: a count with its noun (or noun and verb) agreeing.

    >>> count_noun(1, "tie"), count_noun(3, "tie"), count_noun(1, "boundary rests", "boundaries rest")
    ('1 tie', '3 ties', '1 boundary rests')
    """
    return f"{count} {one}" if count == 1 else f"{count} {many if many is not None else one + 's'}"


def value_label(value: Any) -> str:
    """A participant's value as passes and maps name it: a whole number without its ``.0``.

    Spreadsheets store 27 as 27.0; the group is "27" in a finding, a legend and a region alike.

    >>> value_label(27.0), value_label(9.333), value_label("Nursing"), value_label(3)
    ('27', '9.333', 'Nursing', '3')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (for JSON and for equality in tests)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def attribute_values(
    landscape: Landscape, attribute: str, *, required: bool = True
) -> dict[Hashable, tuple[Any, ...]]:
    """Each participant's values of ``attribute`` as a tuple: one value, several (communities),
    or none when the cell was blank.

    The attribute is found by its name or its header form (``"Stakeholder group"``). A column
    that exists but is blank everywhere is not an error: everyone gets ``()``. Text holding
    several values separated by ``;`` gives several values, in every column as in ``community``.

    Raises
    ------
    UnknownAttribute
        ``required`` and the participants table has no such column.
    """
    from landscape.schema import normalise_header

    graph = landscape.graph
    columns = set(landscape.participants.columns) | set(landscape.attributes())
    found = next((name for name in (attribute, normalise_header(attribute)) if name in columns), None)
    if found is None:
        if not required:
            return {node: () for node in graph.nodes}
        known = ", ".join(landscape.attributes()) or "none"
        raise UnknownAttribute(f"no participant has an attribute {attribute!r}; the attributes are: {known}")
    values: dict[Hashable, tuple[Any, ...]] = {}
    for node, value in graph.nodes(data=found):
        if value is None:
            values[node] = ()
        elif isinstance(value, tuple):
            values[node] = value
        elif isinstance(value, str) and ";" in value:
            values[node] = tuple(dict.fromkeys(part.strip() for part in value.split(";") if part.strip()))
        else:
            values[node] = (value,)
    return values


@dataclass(frozen=True)
class Finding:
    """A pattern worth a conversation: what was computed, the numbers, and the discipline's question.

    Findings describe groups and patterns. They never pass a verdict on a named person:
    ``subjects`` lists who a finding concerns, so that a facilitator can look, and the words stay
    neutral. A sentence names people only where being named is recognition (sought out beyond
    their rank, brokering across groups, carrying the only ties across a boundary); who holds
    rank that goes unsought is in ``subjects`` and the data, not in the sentence.
    """

    discipline: str
    kind: str
    statement: str
    question: str
    how: str
    numbers: tuple[tuple[str, Any], ...] = ()
    subjects: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "discipline": self.discipline,
            "kind": self.kind,
            "statement": self.statement,
            "question": self.question,
            "how": self.how,
            "numbers": {name: _json_number(value) for name, value in self.numbers},
            "subjects": list(self.subjects),
        }


class NotebookDisplay:
    """Mixed into pass results: in Jupyter a result shows its findings and key numbers inline."""

    pass_name: str = ""

    def _repr_html_(self) -> str:
        # Made only when a notebook asks: the renderer sits downstream of the passes.
        from landscape.render.notebook import result_frame

        return result_frame(self.pass_name, self)


class FindingList:
    """Collects one pass's findings in the order they are found."""

    def __init__(self, discipline: str) -> None:
        self.discipline = discipline
        self.items: list[Finding] = []

    def add(self, kind: str, statement: str, question: str, how: str,
            numbers: Mapping[str, Any] | None = None, subjects: Sequence[str] = ()) -> None:
        self.items.append(Finding(self.discipline, kind, statement, question, how,
                                  tuple((numbers or {}).items()), tuple(subjects)))

    def result(self) -> tuple[Finding, ...]:
        return tuple(self.items)


def _json_number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def holm(p_values: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Holm's step-down adjustment of several p-values (Holm 1979).

    >>> holm({"a": 0.01, "b": 0.04, "c": 0.03})
    {'a': 0.03, 'b': 0.06, 'c': 0.06}
    """
    ordered = sorted(p_values.items(), key=lambda item: item[1])
    m = len(ordered)
    adjusted: dict[Hashable, float] = {}
    running = 0.0
    for rank, (key, p) in enumerate(ordered):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[key] = round(running, 15)
    return {key: adjusted[key] for key in p_values}


@dataclass(frozen=True)
class TieDiversity:
    """Diversity of each person's alters over categories, as arrays in ``nodes`` order.

    ``alters`` counts the alters with a category; ``range`` the categories among them; ``blau``
    is 1 - sum p_k^2, ``iqv`` Blau / (1 - 1/K), ``shannon`` -sum p_k ln p_k (nats), ``evenness``
    H / ln K. People without such alters get NaN (undefined), not 0.
    """

    nodes: list[Hashable]
    categories: tuple[Any, ...]
    alters: np.ndarray
    range: np.ndarray
    blau: np.ndarray
    iqv: np.ndarray
    shannon: np.ndarray
    evenness: np.ndarray = field(repr=False)


def tie_diversity(
    ties: TieSelection,
    labels: Mapping[Hashable, Iterable[Any]],
    *,
    alters: Alters = "all",
    categories: Sequence[Any] | None = None,
) -> TieDiversity:
    """How varied each person's ties are over categories of their alters.

    Blau's heterogeneity, Agresti & Agresti's index of qualitative variation, Shannon entropy (in
    nats) and Pielou's evenness, and Burt's range (the number of categories among alters). The
    same function gives the participation coefficient of Guimera & Amaral when the categories are
    communities. Ego's own category is not counted: alters only.

    Parameters
    ----------
    ties : TieSelection
    labels : mapping
        Each person's categories; a person with several (``("A", "B")``) counts 1/k towards each
        of their k categories; a person with none is left out of others' proportions.
    alters : {"all", "out", "in"}
        Whom a person's alters are: everyone they are tied to in either direction (each once),
        the people they named, or the people who named them.
    categories : sequence, optional
        The K categories; by default every category any participant has.

    Returns
    -------
    TieDiversity

    Notes
    -----
    Blau ``B_i = 1 - sum_k p_ik^2`` ranges over [0, 1 - 1/K]; ``IQV_i = B_i / (1 - 1/K)``;
    ``H_i = -sum_k p_ik ln p_ik``; ``J_i = H_i / ln K``. With few alters the indices are biased
    low, so report the number of alters beside them (MEASURES §3.4).

    References
    ----------
    Blau, P. M. (1977). *Inequality and Heterogeneity*. Free Press.
    Agresti, A., & Agresti, B. F. (1978). Statistical analysis of qualitative variation.
    *Sociological Methodology*, 9, 204-237.
    Guimera, R., & Amaral, L. A. N. (2005). Functional cartography of complex metabolic networks.
    *Nature*, 433, 895-900.

    Examples
    --------
    >>> g = nx.DiGraph([("ego", "a"), ("ego", "b"), ("ego", "c")])
    >>> ties = TieSelection(g, ("advice",), 3, 0, 0)
    >>> d = tie_diversity(ties, {"ego": ["x"], "a": ["x"], "b": ["y"], "c": ["y"]})
    >>> round(float(d.blau[0]), 4), int(d.range[0]), round(float(d.iqv[0]), 4)
    (0.4444, 2, 0.8889)
    """
    from scipy.sparse import csr_array

    nodes = ties.nodes
    index = ties.index
    if categories is None:
        seen: dict[Any, None] = {}
        for node in nodes:
            for value in labels.get(node, ()):
                seen.setdefault(value, None)
        categories = tuple(sorted(seen, key=str))
    categories = tuple(categories)
    column = {category: position for position, category in enumerate(categories)}
    rows, cols, shares = [], [], []
    for node in nodes:
        values = [value for value in dict.fromkeys(labels.get(node, ())) if value in column]
        for value in values:
            rows.append(index[node])
            cols.append(column[value])
            shares.append(1.0 / len(values))
    n, k = len(nodes), len(categories)
    membership = csr_array((np.array(shares, dtype=float), (np.array(rows, dtype=np.int64),
                                                           np.array(cols, dtype=np.int64))), shape=(n, k))
    adjacency = ties.adjacency()
    if alters == "out":
        neighbours = adjacency
    elif alters == "in":
        neighbours = adjacency.T.tocsr()
    elif alters == "all":
        neighbours = ((adjacency + adjacency.T) > 0).astype(np.int64)
    else:
        raise ValueError(f"alters must be 'all', 'out' or 'in', not {alters!r}")
    counts = np.asarray((neighbours @ membership).todense()) if k else np.zeros((n, 0))
    labelled = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = counts / labelled[:, None]
        blau = 1.0 - (p**2).sum(axis=1)
        logs = np.where(p > 0, np.log(np.where(p > 0, p, 1.0)), 0.0)
        shannon = -(p * logs).sum(axis=1)
        iqv = blau / (1.0 - 1.0 / k) if k > 1 else np.full(n, np.nan)
        evenness = shannon / math.log(k) if k > 1 else np.full(n, np.nan)
    undefined = labelled == 0
    for values in (blau, shannon, iqv, evenness):
        values[undefined] = np.nan
    # Rounding noise of 1/k shares must not turn a zero into -0.0 or 1e-17.
    blau = np.where(np.abs(blau) < 1e-12, 0.0, blau)
    shannon = np.where(np.abs(shannon) < 1e-12, 0.0, shannon)
    iqv = np.where(np.abs(iqv) < 1e-12, 0.0, iqv)
    evenness = np.where(np.abs(evenness) < 1e-12, 0.0, evenness)
    has_label = np.asarray(membership.sum(axis=1) > 0, dtype=np.int64).reshape(-1)
    alters_counted = np.asarray(neighbours @ has_label).reshape(-1)
    return TieDiversity(
        nodes=nodes,
        categories=categories,
        alters=alters_counted.astype(np.int64),
        range=(counts > 1e-12).sum(axis=1).astype(np.int64),
        blau=blau,
        iqv=iqv,
        shannon=shannon,
        evenness=evenness,
    )

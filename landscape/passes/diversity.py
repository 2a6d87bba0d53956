"""How varied each person's ties are over categories of their alters (MEASURES §3.4)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from landscape.passes.ties import TieSelection

__all__ = ["TieDiversity", "tie_diversity"]

Alters = Literal["all", "out", "in"]


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
    >>> import networkx as nx
    >>> g = nx.DiGraph([("ego", "a"), ("ego", "b"), ("ego", "c")])
    >>> ties = TieSelection.from_graph(g, ("advice",), 3, 0, 0)
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

"""Positions computed once, in Python, so that a page does not move about as it opens."""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["LAYOUT_FULL_UP_TO", "force_layout", "force_positions", "layered_positions", "place_in_regions"]

#: Up to this many people the force layout runs its full 500 iterations.
LAYOUT_FULL_UP_TO = 10_000


def force_positions(graph: nx.MultiDiGraph, *, seed: int = 1, spacing: float = 130.0) -> dict[Hashable, tuple[float, float]]:
    """A force-directed layout (igraph's Fruchterman-Reingold, seeded) scaled for the page.

    Ties count once whatever their direction or type; self-ties are left out. The layout spans
    about ``spacing * sqrt(n)`` units across. Up to LAYOUT_FULL_UP_TO people the layout runs 500
    iterations; above, fewer (never under 100), so that the work stays about the same: 100 at
    50,000 people and more (2.3 s at 100,000 here, against 10.7 s for 500).

    Examples
    --------
    >>> positions = force_positions(nx.MultiDiGraph([("a", "b"), ("b", "c")]))
    >>> sorted(positions) == ["a", "b", "c"] and positions == force_positions(nx.MultiDiGraph([("a", "b"), ("b", "c")]))
    True
    """
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ends = np.fromiter((index[end] for edge in graph.edges() for end in edge), dtype=np.int64,
                       count=2 * graph.number_of_edges()).reshape(-1, 2)
    return force_layout(nodes, ends, seed=seed, spacing=spacing)


def force_layout(nodes: list[Hashable], ends: np.ndarray, *, seed: int = 1,
                 spacing: float = 130.0) -> dict[Hashable, tuple[float, float]]:
    """:func:`force_positions` of ``nodes`` tied by ``ends`` (an array of position pairs, one row
    per tie, in any order and either direction): the same positions as of the graph they come from."""
    import igraph

    if not nodes:
        return {}
    ends = np.asarray(ends, dtype=np.int64).reshape(-1, 2)
    ends = ends[ends[:, 0] != ends[:, 1]]
    pairs = np.unique(np.sort(ends, axis=1), axis=0)
    layout_graph = igraph.Graph(n=len(nodes), edges=pairs.tolist(), directed=False)
    iterations = max(100, min(500, 500 * LAYOUT_FULL_UP_TO // len(nodes)))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = np.array(layout_graph.layout_fruchterman_reingold(niter=iterations).coords, dtype=float)
    finally:
        igraph.set_random_number_generator(random)
    coords -= coords.mean(axis=0)
    extent = np.ptp(coords, axis=0).max() if len(nodes) > 1 else 0.0
    scale = spacing * math.sqrt(len(nodes)) / extent if extent > 0 else 1.0
    return {node: (round(float(x * scale), 2), round(float(y * scale), 2)) for node, (x, y) in zip(nodes, coords)}


def layered_positions(layers: dict[Hashable, int], order: dict[Hashable, float], *, gap: float = 150.0,
                      spacing: float = 70.0, widest: int | None = None) -> dict[Hashable, tuple[float, float]]:
    """People in horizontal layers (layer 0 at the top), spread evenly along each layer in the
    order of ``order`` (for example their x in a force layout, so neighbours stay near).

    A layer of more than ``widest`` people (by default about 1.6 times the square root of
    everyone, at least 10) wraps into several rows, staggered, so that the whole stays about as
    wide as a screen rather than a thin strip; layers are ``gap`` apart, and a layer number left
    out (as Power leaves one before "no level") leaves a gap of its own.

    >>> layered_positions({"a": 0, "b": 1, "c": 1}, {"a": 0.0, "b": 5.0, "c": -5.0})
    {'a': (0.0, 0.0), 'c': (-35.0, 150.0), 'b': (35.0, 150.0)}
    >>> placed = layered_positions({n: 0 for n in range(12)}, {n: float(n) for n in range(12)}, widest=6)
    >>> sorted({y for _, y in placed.values()})
    [0.0, 60.0]
    """
    rows: dict[int, list[Hashable]] = {}
    for node, layer in layers.items():
        rows.setdefault(layer, []).append(node)
    if widest is None:
        widest = max(10, math.ceil(1.6 * math.sqrt(len(layers))))
    row_gap = 60.0
    positions: dict[Hashable, tuple[float, float]] = {}
    top, previous = 0.0, None
    for layer, members in sorted(rows.items()):
        if previous is not None:
            top += gap * (layer - previous)
        members.sort(key=lambda node: order.get(node, 0.0))
        wraps = math.ceil(len(members) / widest)
        per_row = math.ceil(len(members) / wraps)
        for start in range(0, len(members), per_row):
            row = members[start:start + per_row]
            shift = spacing / 2 if (start // per_row) % 2 else 0.0
            width = (len(row) - 1) * spacing
            for i, node in enumerate(row):
                positions[node] = (round(i * spacing - width / 2 + shift, 2), round(top, 2))
            top += row_gap
        top -= row_gap
        previous = layer
    return positions


#: The sunflower spiral's turn between neighbours, and the distance between people in a region.
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_SPACING = 38.0


def _spiral(count: int, centre: tuple[float, float]) -> list[tuple[float, float]]:
    """``count`` points on a sunflower spiral around ``centre``, evenly spread, first at the middle."""
    x0, y0 = centre
    return [(x0 + _SPACING * math.sqrt(i + 0.5) * math.cos(i * _GOLDEN_ANGLE),
             y0 + _SPACING * math.sqrt(i + 0.5) * math.sin(i * _GOLDEN_ANGLE)) for i in range(count)]


def place_in_regions(nodes: list[dict[str, Any]], home: dict[str, str | None], units: list[str],
                     colour: dict[str, str], no_value_colour: str = "#C9C9C9") -> list[dict[str, Any]]:
    """Give every node ``x`` and ``y``: one disc per unit on a ring (people on a sunflower spiral
    inside, the most connected in the middle), people without a unit at the centre. Returns the
    discs, for the page to draw as regions."""
    members: dict[str, list[dict[str, Any]]] = {unit: [] for unit in units}
    loose = []
    for node in nodes:
        unit = home.get(node["pid"])
        (members[unit] if unit in members else loose).append(node)
    radii = {unit: _SPACING * (math.sqrt(len(group) + 1) + 1) for unit, group in members.items()}
    # Regions sit on a ring with room between them (chords are shorter than arcs).
    ring = max(1.35 * sum(2 * r for r in radii.values()) / (2 * math.pi), max(radii.values(), default=0) * 1.6) \
        if len(members) > 1 else 0.0
    regions = []
    angle = 0.0
    circumference = sum(2 * r for r in radii.values()) or 1.0
    for unit, group in members.items():
        share = 2 * radii[unit] / circumference * 2 * math.pi
        centre = (ring * math.cos(angle + share / 2), ring * math.sin(angle + share / 2))
        angle += share
        group.sort(key=lambda node: -node["size"])
        for node, (x, y) in zip(group, _spiral(len(group), centre)):
            node["x"], node["y"] = round(x, 2), round(y, 2)
        regions.append({"name": unit, "color": colour.get(unit, no_value_colour), "x": round(centre[0], 2),
                        "y": round(centre[1], 2), "r": round(radii[unit], 2)})
    loose.sort(key=lambda node: -node["size"])
    for node, (x, y) in zip(loose, _spiral(len(loose), (0.0, 0.0))):
        node["x"], node["y"] = round(x, 2), round(y, 2)
    return regions

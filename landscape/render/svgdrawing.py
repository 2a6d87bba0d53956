"""What a static map picture draws, read from the atlas's data: a view's nodes and ties as map.js
merges them, as columns (one list or array an attribute), for :mod:`landscape.render.svgmap`.

The views of one atlas share their people and ties; :class:`Shared` reads those once for all the
pictures, and remembers names as written and measured.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from landscape.render.svgparts import Ties, colour, cut, finites, text_width, xml_text

__all__ = ["FIELDS", "Drawing", "Nodes", "Shared", "drawing_of"]

#: What a node of the data says of itself (its keys), and what it is when it does not say.
FIELDS: dict[str, Any] = dict.fromkeys(("placeholder", "kind", "size", "x", "y", "color", "mark", "unanswered", "level",
                                        "multi", "layer"), None) | {"label": ""}
_VALUES = {"placeholder": 12.0, "object": 10.0, "story": 2.0}  # map.js's sizes of the nodes the data does not size


def _colours(values: list[Any]) -> list[str]:
    """:func:`~landscape.render.svgparts.colour` of each value, each distinct one checked once."""
    try:
        checked = {value: colour(value) for value in set(values)}
    except TypeError:  # a value that cannot be a key
        return [colour(value) for value in values]
    return [checked[value] for value in values]


@dataclass
class Nodes:
    """The nodes of a view as the page draws them, a list or an array per attribute (an entry a
    node): ``x`` and ``y`` in the data's units; ``r``, ``px`` and ``py`` in the picture's, once placed."""

    label: list[str]
    x: np.ndarray
    y: np.ndarray
    value: np.ndarray
    colour: list[str]
    kind: list[str]  # person, placeholder, object, story or unit; hidden: sized with the others, not drawn
    mark: list[Any]
    level: list[Any]
    multi: list[bool]
    layer: list[Any]
    r: np.ndarray = field(default_factory=lambda: np.zeros(0))
    px: np.ndarray = field(default_factory=lambda: np.zeros(0))
    py: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def of(cls, given: dict[str, list[Any]]) -> Nodes:
        """Nodes from the values of each of their keys in the data (``FIELDS``), a value a node."""
        kinds = ["placeholder" if placeholder else (kind if kind in ("object", "story") else "person")
                 for placeholder, kind in zip(given["placeholder"], given["kind"])]
        value = finites(given["size"])
        for i, kind in enumerate(kinds):
            if kind in _VALUES:
                value[i] = _VALUES[kind]
        return cls(list(map(str, given["label"])), finites(given["x"]), finites(given["y"]), value,
                   _colours(given["color"]), kinds,
                   [mark or ("unanswered" if unanswered else None)
                    for mark, unanswered in zip(given["mark"], given["unanswered"])],
                   list(given["level"]), list(map(bool, given["multi"])), list(given["layer"]))

    def __add__(self, other: Nodes) -> Nodes:
        return Nodes(self.label + other.label, np.concatenate([self.x, other.x]), np.concatenate([self.y, other.y]),
                     np.concatenate([self.value, other.value]), self.colour + other.colour, self.kind + other.kind,
                     self.mark + other.mark, self.level + other.level, self.multi + other.multi, self.layer + other.layer)

    @property
    def hidden(self) -> np.ndarray:
        return np.array([kind == "hidden" for kind in self.kind], dtype=bool)

    @property
    def brokers(self) -> np.ndarray:
        return np.array([mark == "broker" for mark in self.mark], dtype=bool)


@dataclass
class Drawing:
    """A view as the page draws it: its nodes, ties (indices into the nodes), legend and setting."""

    view: str
    title: str
    nodes: Nodes
    ties: Ties
    legend: dict[str, Any]
    size_by: str
    participants: int
    regions: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    start: str | None = None
    arrows: bool = False  # whether any arrowhead is drawn (the key then says which way they point)


class Shared:
    """What the views of one atlas's data share, worked out once for all of them: the people's own
    values (a view's columns override them), the ties as columns, names as written and measured."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data, self.types = data, {}  # type: ignore[var-annotated]
        self._own: dict[str, list[Any]] = {}
        self._ties: Ties | None = None
        self.texts: dict[str, str] = {}  # xml_text of each name written
        self._widths: dict[tuple[str, float, bool], float] = {}
        self._names: dict[tuple[str, int, bool, float], tuple[str, float, float]] = {}

    def own(self, key: str) -> list[Any]:
        """Each person's own value of ``key``."""
        if key not in self._own:
            self._own[key] = [person.get(key, FIELDS[key]) for person in self.data["people"]]
        return self._own[key]

    def ties(self) -> Ties:
        """The ties of ``data["edges"]``, none said to cross a boundary."""
        if self._ties is None:
            self._ties = Ties.of(self.data["edges"], self.types)
        return self._ties

    def text(self, value: str) -> str:
        """:func:`~landscape.render.svgparts.xml_text` of ``value``."""
        if value not in self.texts:
            self.texts[value] = xml_text(value)
        return self.texts[value]

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """:func:`~landscape.render.svgparts.text_width` of ``text``."""
        if (text, size, bold) not in self._widths:
            self._widths[text, size, bold] = text_width(text, size, bold)
        return self._widths[text, size, bold]

    def names(self, labels: list[str], longest: list[int], bold: list[bool], size: float) -> list[tuple[str, float, float]]:
        """Each label cut to its ``longest``, with its width in plain type and as written (bold or not)."""
        known, found = self._names, []
        for key in zip(labels, longest, bold, itertools.repeat(size)):
            if key not in known:
                text = cut(key[0], key[1])
                known[key] = (text, self.width(text, size), self.width(text, size, key[2]))
            found.append(known[key])
        return found


def drawing_of(data: dict[str, Any], view: str, objects: bool, shared: Shared) -> Drawing:
    """The nodes and ties of ``view`` as map.js's atlasView merges them (or the folded units map)."""
    title = str(data.get("meta", {}).get("title", "landscape")).removesuffix(": atlas")
    if "views" not in data:
        if view != "units":
            raise ValueError(f"this atlas is folded into units of scale: the only view is 'units', not {view!r}")
        return _units(data, title, shared)
    if view not in data["views"]:
        raise ValueError(f"no view {view!r}; the views are: {', '.join(data['views'])}")
    overlay = data["views"][view]
    columns = overlay.get("nodes", {})
    people = len(data["people"])
    if "x" not in columns:  # left to the page's physics: the picture borrows Voices's force layout
        placed = data["views"].get("voices", {}).get("nodes", {})
        angles = [2 * math.pi * i / max(people, 1) for i in range(people)]
        columns = {"x": placed.get("x") or [300 * math.cos(a) for a in angles],
                   "y": placed.get("y") or [300 * math.sin(a) for a in angles], **columns}
    if any(len(values) < people for values in columns.values()):
        raise IndexError(f"a column of view {view!r} has fewer values than its {people} people")
    nodes = Nodes.of({key: list(columns[key][:people]) if key in columns else shared.own(key) for key in FIELDS})
    extra = overlay.get("extra_nodes") or []
    nodes += Nodes.of({key: [node.get(key, default) for node in extra] for key, default in FIELDS.items()})
    base, shown = shared.ties(), overlay.get("edges", {}).get("shown")
    crossing = overlay.get("edges", {}).get("crossing")
    if shown is not None and len(shown) < len(base):
        raise IndexError(f"view {view!r} says whether {len(shown)} ties are shown, of {len(base)}")
    kept = np.ones(len(base), dtype=bool) if shown is None else np.fromiter(
        map(bool, itertools.islice(shown, len(base))), dtype=bool, count=len(base))
    ties = base.take(kept)
    if crossing is not None:
        ties.crossing = np.array([-1 if crossing[i] is None else (1 if crossing[i] else 0)
                                  for i in np.flatnonzero(kept).tolist()], dtype=np.int64).reshape(-1)
    ties += Ties.of([edge for edge in overlay.get("extra_edges") or []  # stories always drawn, objects when asked
                     if objects or edge.get("kind") == "story-link"], shared.types)
    if not objects:  # in the range of sizes (vis-network scales over every node), not drawn
        nodes.kind = ["hidden" if kind == "object" else kind for kind in nodes.kind]
    layout = overlay.get("layout") or {}
    return Drawing(view=view, title=f"{title}: {overlay.get('label') or view.title()}", nodes=nodes,
                   ties=ties, legend=overlay.get("legend") or {}, size_by=str(overlay.get("meta", {}).get(
                       "size_by", "")), participants=people, regions=list(overlay.get("regions") or []),
                   rows=list(layout.get("rows") or []), start=(overlay.get("scale") or {}).get("start"))


def _units(data: dict[str, Any], title: str, shared: Shared) -> Drawing:
    """The folded map of a landscape too large to draw person by person: the coarsest level's units."""
    start = (data.get("units") or {}).get("start")
    given = data.get("nodes", [])
    nodes = Nodes.of({key: [node.get(key, default) for node in given] for key, default in FIELDS.items()})
    # Units of other levels count in the range of sizes (vis-network scales over every node).
    nodes.kind = ["unit" if node.get("unit_level") == start else "hidden" for node in given]
    ties = Ties.of([edge for edge in data.get("edges", []) if edge.get("unit_level") == start], shared.types)
    meta = data.get("meta", {})
    return Drawing(view="units", title=f"{title}: units of {start}" if start else title, nodes=nodes, ties=ties,
                   legend=data.get("legend") or {}, size_by=str(meta.get("size_by", "")),
                   participants=int(meta.get("participants") or 0), start=start)

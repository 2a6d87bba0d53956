"""One static SVG picture of a view of the atlas, for the report and for print.

:func:`view_svg` draws a view from :func:`~landscape.render.atlas.atlas_data` as the atlas page
draws it (``assets/map.js`` and ``assets/room.js``): the same positions, colours, node sizes (vis-network's
scaling), shapes and marks, lines per type of tie (one-sided survey ties dashed), faint ties within a group in
Boundaries, shaded regions, Power's rows named in a left gutter. The key is drawn inside the picture, below
the map, so that the SVG file alone is complete. Names are written as the atlas writes them: the most important
first, each beside its node where it covers no other name or node; the rest go unnamed (each node carries its
name as a ``<title>``, shown on hover).

Safety: the picture is inert. It holds no ``<script>``, no ``on*`` event attribute, no ``<style>``, no
``<foreignObject>``, ``<image>``, ``<use>`` or ``<a>``, and refers to nothing (no ``href``, no ``url(...)``).
Every string from the data reaches it only as character data of a ``<text>``, ``<title>`` or ``<desc>``
element, through :func:`xml_text`, which drops the characters XML 1.0 forbids and escapes ``&``, ``<``,
``>`` and quotes (so ``]]>`` and markup stay text); colours from the data pass only if they are ``#`` hex
colours; every number is formatted here from a finite float. The same data gives the same bytes.

Speed: a view of 10,000 people has some 100,000 ties. Their numbers are written all at once, as
they would be one at a time (:func:`~landscape.render.svgparts.numbers`), the ties drawn as columns
(:mod:`landscape.render.svgparts`), each name's spots tested against every node at once, and what
the views share read from the data once for all of them (:mod:`landscape.render.svgdrawing`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from landscape.render.marks import BORDER, GREY, MARKS, MUTED, RINGS
from landscape.render.svgdrawing import Drawing, Nodes, Shared, drawing_of
from landscape.render.svgparts import (CONFIRMED, OBJECT_LINK, ONE_SIDED, cut, numbers, overlapping, text_width, ties_svg,
                                       xml_text)
from landscape.render.svgparts import colour as _colour
from landscape.render.svgparts import dash as _dash
from landscape.render.svgparts import finite as _finite
from landscape.render.svgparts import number as _n

__all__ = ["view_svg", "view_svgs", "xml_text"]

#: vis-network's node scaling in the atlas (map.js): the smallest value 6 units, the largest 34.
SIZE_MIN, SIZE_MAX = 6.0, 34.0
#: The atlas never zooms in further than this when it fits a map (room.js fitView).
LARGEST_SCALE = 1.5
#: A name is cut to this many characters, as room.js cuts it; at most this many names are written.
LONGEST_LABEL, MOST_LABELS = 32, 400
FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', sans-serif"
INK, NOTE_RED, HALO = "#1A1A1A", "#9C2F2F", "#FFFFFF"
#: Groups beyond the key's "Other, in grey" line are counted, not named, past this many.
OTHERS_NAMED = 40


def _radii(nodes: Nodes) -> np.ndarray:
    """Each node's size in the data's units, as vis-network scales ``value`` (over every node)."""
    values = nodes.value
    if not len(values) or values.min() == values.max():
        return np.full(len(values), (SIZE_MIN + SIZE_MAX) / 2)
    low, high = values.min(), values.max()
    return SIZE_MIN + (values - low) / (high - low) * (SIZE_MAX - SIZE_MIN)


def _look(kind: str, mark: Any, level: Any, multi: bool, fill: str) -> dict[str, Any]:
    """Fill, border and dashes of a node, as map.js's ``look`` gives them."""
    if kind == "placeholder" or mark == "unanswered":  # an empty chair (dashed), or did not answer a survey
        return {"fill": "#FFFFFF", "stroke": fill, "width": 3.0, **({"dash": "5 4"} if kind == "placeholder" else {})}
    if kind in ("object", "story"):
        return {"fill": fill, "stroke": BORDER, "width": 1.0}
    peripheral = level == "peripheral" or mark in ("rank-beyond-seeking", "leaver")
    stroke = RINGS.get(mark or "", BORDER)
    width = 5.0 if mark in RINGS else (4.0 if multi else 1.0)
    look = {"fill": fill, "stroke": stroke, "width": width}
    return {**look, "opacity": 0.45, "dash": "3 3"} if peripheral else look


def _attributes(look: dict[str, Any], width: str | None) -> str:
    """A shape's fill and border as attributes; ``width``, its border's width as written, unless 1."""
    return f' fill="{look["fill"]}"' + "".join(f' {name}="{value}"' for name, value in (
        ("fill-opacity", look.get("opacity")), ("stroke", look["stroke"] if look["stroke"] != BORDER else None),
        ("stroke-width", width), ("stroke-dasharray", look.get("dash"))) if value)


def _shape(node_shape: str, x: float, y: float, r: float, look: dict[str, Any], title: str | None = None) -> str:
    """One node: a dot, a star (vis-network's, about 1.07 r across) or a square of half-side r."""
    width = min(look["width"], max(0.6 * r, 0.5))  # a border never swamps a small node
    attrs = _attributes(look, _n(width) if width != 1.0 else None)
    if node_shape == "star":
        cy, outer = y + 0.082 * r, 0.82 * r
        points = " ".join(f"{_n(x + outer * (0.5 + 0.8 * (k % 2 == 0)) * math.sin(k * math.pi / 5))},"
                          f"{_n(cy - outer * (0.5 + 0.8 * (k % 2 == 0)) * math.cos(k * math.pi / 5))}" for k in range(10))
        tag, geometry = "polygon", f'points="{points}"'
    elif node_shape == "diamond":
        tag, geometry = "polygon", f'points="{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"'
    elif node_shape == "square":
        tag, geometry = "rect", f'x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}"'
    else:
        tag, geometry = "circle", f'cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"'
    if title is None:
        return f"<{tag} {geometry}{attrs}/>"
    return f"<{tag} {geometry}{attrs}><title>{xml_text(title)}</title></{tag}>"


def _node_shape(kind: str, mark: Any) -> str:
    return {"object": "square", "story": "diamond"}.get(kind) or ("star" if mark == "broker" else "dot")


def _nodes_svg(nodes: Nodes, shared: Shared) -> list[str]:
    """Every node drawn, in order, named by its ``<title>``: the dots (nearly all) from numbers
    formatted all at once and looks worked out once each, other shapes one by one by :func:`_shape`."""
    drawn = np.flatnonzero(~nodes.hidden).tolist()
    kind, mark, level, multi, fill = ([column[i] for i in drawn] for column in (
        nodes.kind, nodes.mark, nodes.level, nodes.multi, nodes.colour))
    try:  # nodes alike in kind, mark, colour, several groups and being peripheral (all a level says) look alike
        index: dict[tuple[Any, ...], int] = {}
        which = [index.setdefault(key, len(index))
                 for key in zip(kind, mark, [value == "peripheral" for value in level], multi, fill)]
        looks = [_look(k, m, "peripheral" if p else None, u, f) for k, m, p, u, f in index]
    except TypeError:  # a mark that cannot be a key: every node's look as it is
        looks = [_look(*node) for node in zip(kind, mark, level, multi, fill)]
        which = list(range(len(drawn)))
    r = nodes.r[drawn]
    borders = np.minimum(np.array([look["width"] for look in looks] or [0.0])[which], np.maximum(0.6 * r, 0.5))
    xs, ys, rs, widths = (numbers(values).tolist() for values in (nodes.px[drawn], nodes.py[drawn], r, borders))
    labels = [nodes.label[i] for i in drawn]
    titles = [shared.texts.get(label) or shared.text(label) for label in labels]
    attrs: dict[tuple[int, str | None], str] = {}
    out = []
    for k, (look, width, thin) in enumerate(zip(which, widths, (borders == 1.0).tolist())):
        if kind[k] in ("object", "story") or mark[k] == "broker":
            out.append(_shape(_node_shape(kind[k], mark[k]), float(nodes.px[drawn[k]]), float(nodes.py[drawn[k]]),
                              float(r[k]), looks[look], labels[k]))
            continue
        key = (look, None if thin else width)
        written = attrs.get(key) or attrs.setdefault(key, _attributes(looks[look], key[1]))
        out.append(f'<circle cx="{xs[k]}" cy="{ys[k]}" r="{rs[k]}"{written}><title>{titles[k]}</title></circle>')
    return out


@dataclass
class _Box:
    left: float
    top: float
    right: float
    bottom: float


@dataclass
class _Label:
    text: str
    left: float
    top: float
    size: float
    bold: bool = False


@dataclass
class _Frame:
    """Where the map goes in the picture: the data's (x, y) is drawn at (x * s + dx, y * s + dy)."""

    s: float
    dx: float
    dy: float
    area: _Box  # the map's area, names included (Power's rows are named at its left)


def _place_objects(drawing: Drawing, sizes: np.ndarray, scale: float) -> None:
    """Boundary objects near the people who use them, each on the first spot of a spiral out from
    their middle where it covers no one (map.js's placeObjects)."""
    nodes, ties = drawing.nodes, drawing.ties
    users: dict[int, list[int]] = {}
    links = ties.kind == OBJECT_LINK
    for start, end in zip(ties.start[links].tolist(), ties.end[links].tolist()):
        users.setdefault(start, []).append(end)
    free = np.array([kind not in ("object", "hidden") for kind in nodes.kind], dtype=bool)
    x, y, r = nodes.x[free], nodes.y[free], sizes[free]
    taken = [x - r - 3, y - r - 3, x + r + 3, y + r + 3]  # left, top, right, bottom of each
    step = 40 / max(scale, 0.05) * 0.5
    for i in [i for i, kind in enumerate(nodes.kind) if kind == "object"]:
        spots = [(float(nodes.x[u]), float(nodes.y[u])) for u in users.get(i, [])]
        cx = sum(sx for sx, _ in spots) / len(spots) if spots else float(nodes.x[i])
        cy = sum(sy for _, sy in spots) / len(spots) if spots else float(nodes.y[i])
        size = float(sizes[i]) + 6
        for turn in range(400):
            angle, radius = turn * 0.7, step * math.sqrt(turn)
            ox, oy = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            box = (ox - size, oy - size, ox + size, oy + size)
            if not np.any((box[0] < taken[2]) & (taken[0] < box[2]) & (box[1] < taken[3]) & (taken[1] < box[3])):
                nodes.x[i], nodes.y[i] = ox, oy
                taken = [np.append(side, value) for side, value in zip(taken, box)]
                break


def _extent(drawing: Drawing, sizes: np.ndarray) -> _Box | None:
    """What the map covers in the data's units: every node drawn (room.js's extent) and region."""
    nodes, drawn = drawing.nodes, ~drawing.nodes.hidden
    rx, ry, rr = (np.array([_finite(region[k]) for region in drawing.regions], dtype=np.float64) for k in ("x", "y", "r"))
    x, y = np.concatenate([nodes.x[drawn], rx]), np.concatenate([nodes.y[drawn], ry])
    reach = np.concatenate([(sizes * np.where(nodes.brokers, 1.1, 1.0) + 2)[drawn], rr])
    if not len(x):
        return None
    return _Box(float((x - reach).min()), float((y - reach).min()), float((x + reach).max()), float((y + reach).max()))


def _row_name(row: dict[str, Any]) -> str:
    return "no level recorded" if row.get("apart") else str(row.get("name", ""))


def _frame(drawing: Drawing, sizes: np.ndarray, width: float, font: float, most_height: float) -> _Frame:
    """Fit the map into the picture's width (and at most ``most_height``), keeping its proportions,
    with room around for names, above the regions for their names and left for Power's rows."""
    margin, pad = font * 0.6, font * 1.5
    gutter = max((text_width(_row_name(row), font * 1.1, bold=True) for row in drawing.rows), default=0.0)
    gutter = gutter + font * 1.4 if gutter else 0.0
    above = font * 1.6 if drawing.regions else 0.0
    left, right = margin + gutter, width - margin
    box = _extent(drawing, sizes)
    if box is None:
        return _Frame(1.0, left, margin, _Box(margin, margin, right, margin + font * 4))
    room_x = right - left - 2 * pad
    span_x, span_y = max(box.right - box.left, 1.0), max(box.bottom - box.top, 1.0)
    s = min(room_x / span_x, (most_height - 2 * pad - above) / span_y, LARGEST_SCALE)
    height = span_y * s + 2 * pad + above
    dx = (left + right) / 2 - (box.left + box.right) / 2 * s
    dy = margin + pad + above - box.top * s
    return _Frame(s, dx, dy, _Box(margin, margin, right, margin + height))


def view_svg(data: dict[str, Any], view: str, *, width: float = 1000.0, font_size: float = 17.0,
             most_height: float | None = None, objects: bool = True) -> str:
    """One view of the atlas as a static SVG picture, its key drawn inside it.

    Parameters
    ----------
    data : dict
        From :func:`landscape.render.atlas.atlas_data` (or the folded map it gives above
        FOLD_ABOVE people, whose one view is ``"units"``).
    view : str
        ``"voices"``, ``"power"``, ``"boundaries"`` or ``"scale"``; ``"units"`` for a folded map.
    width : float
        The picture's width in its own units (the ``viewBox``); its height follows from the map's
        proportions and the key's length.
    font_size : float
        The size of names and of the key's text, in the same units. The defaults, drawn 17 cm
        wide (an A4 page's width inside its margins), give text of about 8 points.
    most_height : float, optional
        The map's greatest height (the key comes below it); by default ``width``.
    objects : bool
        Draw Boundaries' boundary objects and their links (the atlas shows them on request).

    Returns
    -------
    str
        One ``<svg>`` element, with a ``<title>`` and a ``<desc>`` (what the picture shows).

    Raises
    ------
    ValueError
        ``view`` is not a view of ``data``.

    Examples
    --------
    >>> data = {"meta": {"title": "Two of us: atlas"}, "people": [{"label": "Ana"}, {"label": "Ben"}],
    ...         "edges": [{"from": 0, "to": 1, "type": "advice", "directed": True, "weight": 1}],
    ...         "views": {"voices": {"label": "Voices", "meta": {"size_by": "ties"},
    ...             "nodes": {"color": ["#CC6677", "#332288"], "size": [1, 1], "x": [0, 100], "y": [0, 0]},
    ...             "legend": {"groups": [{"name": "nurses", "color": "#CC6677", "count": 1}],
    ...                        "edge_types": [{"type": "advice", "color": "#2B6CB0", "dashes": False, "count": 1}]}}}}
    >>> picture = view_svg(data, "voices")
    >>> picture.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 ')
    True

    Ana and Ben are alike, so both get the middle size, 20; the atlas zooms in 1.5 times at most,
    so they are drawn 150 apart with radius 30, centred across the width (at 500 - 75 and 500 +
    75) and 1.5 x 22 below the map's top edge (17 x 0.6 + 17 x 1.5 = 35.7, from the margin and the
    room left for names): 35.7 + 33 = 68.7.

    >>> import re
    >>> re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)" r="([0-9.]+)"[^>]*><title>(\\w+)', picture)
    [('425', '68.7', '30', 'Ana'), ('575', '68.7', '30', 'Ben')]
    """
    return _view_svg(data, view, Shared(data), width=width, font_size=font_size, most_height=most_height, objects=objects)


def view_svgs(data: dict[str, Any], **options: Any) -> dict[str, str]:
    """Every view of ``data`` as an SVG picture, by view name (``{"units": ...}`` for a folded map);
    ``options`` go to :func:`view_svg`."""
    names = list(data["views"]) if "views" in data else ["units"]
    shared = Shared(data)  # the people, ties and names every view has, worked out once
    return {name: _view_svg(data, name, shared, **options) for name in names}


def _view_svg(data: dict[str, Any], view: str, shared: Shared, *, width: float = 1000.0, font_size: float = 17.0,
              most_height: float | None = None, objects: bool = True) -> str:
    """:func:`view_svg`, with what the views share from ``shared``."""
    drawing = drawing_of(data, view, objects, shared)
    nodes = drawing.nodes
    sizes = _radii(nodes)
    most = most_height if most_height is not None else width
    if "object" in nodes.kind:
        rough = _frame(drawing, sizes, width, font_size, most)
        _place_objects(drawing, sizes, rough.s)
    frame = _frame(drawing, sizes, width, font_size, most)
    nodes.px, nodes.py = nodes.x * frame.s + frame.dx, nodes.y * frame.s + frame.dy
    nodes.r = np.maximum(sizes * frame.s, 1.5)
    labels = _labels(drawing, frame, font_size, shared)
    styles = {t.get("type"): t for t in drawing.legend.get("edge_types", [])}
    edges, drawing.arrows = ties_svg(drawing.ties, styles, nodes.px, nodes.py, nodes.r, nodes.hidden, frame.s)
    key, key_height = _key(drawing, width, frame.area.bottom + font_size * 0.6, font_size)
    height = frame.area.bottom + font_size * 0.6 + key_height + font_size * 0.6
    named = sum(1 for label in labels if label.size == font_size)  # people and units, not rows or regions
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" role="img" font-family="{FONT_FAMILY}" '
             f'font-size="{_n(font_size)}" data-generator="landscape">',
             f"<title>{xml_text(drawing.title)}</title>",
             f"<desc>{xml_text(_description(drawing, named))}</desc>",
             f'<rect width="{_n(width)}" height="{_n(height)}" fill="#FFFFFF"/>']
    parts += _regions_svg(drawing, frame)
    parts += edges
    parts.append(f'<g stroke="{BORDER}">')
    parts += _nodes_svg(nodes, shared)
    parts.append("</g>")
    parts += _labels_svg(labels, font_size)
    parts += key
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _regions_svg(drawing: Drawing, frame: _Frame) -> list[str]:
    """Scale's and Boundaries' regions: a disc per unit or group, faintly in its colour."""
    return [f'<circle cx="{_n(_finite(r["x"]) * frame.s + frame.dx)}" cy="{_n(_finite(r["y"]) * frame.s + frame.dy)}" '
            f'r="{_n(_finite(r["r"]) * frame.s)}" fill="{_colour(r.get("color"))}" fill-opacity="0.13"/>'
            for r in drawing.regions]


def _label_weights(nodes: Nodes) -> np.ndarray:
    """room.js's order: units, empty chairs, boundary objects, marked people, then the most connected."""
    first = {"unit": 1e6, "placeholder": 5e5, "object": 4e5, "story": 4e5}
    return (nodes.value + np.array([first.get(kind, 0) for kind in nodes.kind], dtype=np.float64)
            + np.array([3e5 if mark else 0 for mark in nodes.mark], dtype=np.float64))


class _Names:
    """The boxes of the names placed, in a grid of square cells (whole numbers for keys), so that a
    new name is tested against the few near it."""

    def __init__(self, cell: float) -> None:
        self.cell, self.cells = cell, {}  # type: ignore[var-annotated]

    def _keys(self, box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        c = self.cell
        return [(i, j) for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
                for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)]

    def add(self, box: tuple[float, float, float, float]) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: tuple[float, float, float, float]) -> bool:
        left, top, right, bottom = box
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if left < other[2] and other[0] < right and top < other[3] and other[1] < bottom:
                    return True
        return False


def _labels(drawing: Drawing, frame: _Frame, font: float, shared: Shared) -> list[_Label]:
    """Names that fit (room.js's drawLabels): Power's rows and the regions first, then people, most
    important first, each below, above, right or left of its node, never over another name or
    another node, and inside the map's area (never over the key).

    Each name goes to the first of its spots where it fits. Whether a spot is inside the area and
    clear of every node does not depend on the names placed before it, so that is found for every
    spot at once (:func:`overlapping`); only the spots that pass are tried against the names placed."""
    pad, big, area, nodes = font * 0.3, font * 1.1, frame.area, drawing.nodes
    hidden, brokers = nodes.hidden, nodes.brokers
    names: list[tuple[str, float, bool, float]] = []  # each name: text, size, bold, width of its box
    spots: list[tuple[float, float, int]] = []  # each spot: its box's centre across, its top, and its name

    def want(text: str, size: float, bold: bool, where: list[tuple[float, float]]) -> None:
        spots.extend((x, y, len(names)) for x, y in where)
        names.append((text, size, bold, shared.width(text, size, bold) + 2 * pad))

    py, shown = nodes.py.tolist(), (~hidden).tolist()
    for row in drawing.rows:  # Power's rows, named in the gutter at the height of their people
        # Python's sum, left to right, as before: numpy's adds pairwise and may differ in the last bit.
        ys = [y for y, layer, drawn in zip(py, nodes.layer, shown) if layer == row.get("level") and drawn]
        name = _row_name(row)
        if ys:
            want(name, big, True, [(area.left + shared.width(name, big, True) / 2 + pad, sum(ys) / len(ys) - big * 0.675)])
    for region in drawing.regions:
        x, y, r = (_finite(region[k]) * frame.s for k in ("x", "y", "r"))
        top, bottom = y - r + frame.dy, y + r + frame.dy
        want(cut(str(region.get("name", "")), 48), big, True,
             [(x + frame.dx, top - big * 1.35 - 2), (x + frame.dx, top + 4), (x + frame.dx, bottom + 2)])
    given = np.flatnonzero(~hidden & np.array(list(map(bool, nodes.label)), dtype=bool))
    people = given[np.argsort(-_label_weights(nodes)[given], kind="stable")]  # ties in the nodes' order
    units = [nodes.kind[i] == "unit" for i in people.tolist()]
    texts = shared.names([nodes.label[i] for i in people.tolist()], [48 if unit else LONGEST_LABEL for unit in units],
                         units, font)  # each: the name, its width in plain type (which places it), as written
    plain, h = np.array([t[1] for t in texts], dtype=np.float64) + 2 * pad, font * 1.35
    px, r = nodes.px[people], nodes.r[people] * np.where(brokers[people], 1.1, 1.0)
    top = nodes.py[people]
    xs = np.concatenate([[x for x, _, _ in spots], np.stack(
        [px, px, px + r + 2 + plain / 2, px - r - 2 - plain / 2], axis=1).ravel()])
    ys = np.concatenate([[y for _, y, _ in spots], np.stack(
        [top + r + 1, top - r - 1 - h, top - h / 2, top - h / 2], axis=1).ravel()])
    first = len(names)
    whose = np.concatenate([np.array([k for _, _, k in spots], dtype=np.int64),
                            first + np.repeat(np.arange(len(people)), 4)])  # each spot's name
    width = np.concatenate([[w for *_, w in names], np.array([t[2] for t in texts], dtype=np.float64) + 2 * pad])[whose]
    height = np.concatenate([[size for _, size, _, _ in names], np.full(len(people), font)])[whose] * 1.35
    boxes = [xs - width / 2, ys, xs + width / 2, ys + height]
    fits = ((area.left - 0.01 <= boxes[0]) & (boxes[2] <= area.right + 0.01) & (area.top - 0.01 <= boxes[1])
            & (boxes[3] <= area.bottom + 0.01))
    drawn = np.flatnonzero(~hidden)
    reach = nodes.r[drawn] * np.where(brokers[drawn], 1.1, 1.0) + 1
    at = np.full(len(hidden) + 1, -1, dtype=np.int64)  # a node's place among those drawn; -1 (the last) for none
    at[drawn] = np.arange(len(drawn))
    owner = at[np.concatenate([np.full(len(spots), -1, dtype=np.int64), np.repeat(people, 4)])]
    fit = np.flatnonzero(fits)
    fits[fit] = ~overlapping([side[fit] for side in boxes], owner[fit], [
        nodes.px[drawn] - reach, nodes.py[drawn] - reach, nodes.px[drawn] + reach, nodes.py[drawn] + reach])
    placed: list[_Label] = []
    taken, named = _Names(font * 4), set()
    for spot in np.flatnonzero(fits).tolist():
        k = int(whose[spot])
        if k in named:
            continue
        if k >= first and len(placed) >= MOST_LABELS:
            break
        box = (float(boxes[0][spot]), float(boxes[1][spot]), float(boxes[2][spot]), float(boxes[3][spot]))
        if not taken.hits(box):
            taken.add(box)
            named.add(k)
            text, size, bold = names[k][:3] if k < first else (texts[k - first][0], font, units[k - first])
            placed.append(_Label(text, box[0], box[1], size, bold))
    return placed


def _labels_svg(labels: list[_Label], font: float) -> list[str]:
    """Names on a white halo, drawn as a copy underneath (so that no renderer needs paint-order)."""
    texts = [f'<text x="{_n(label.left + label.size * 0.3)}" y="{_n(label.top + label.size * 1.025)}"'
             + (f' font-size="{_n(label.size)}"' if label.size != font else "")
             + (' font-weight="bold"' if label.bold else "") + f">{xml_text(label.text)}</text>" for label in labels]
    return [f'<g fill="{HALO}" stroke="{HALO}" stroke-width="4" stroke-linejoin="round" stroke-opacity="0.92">',
            *texts, "</g>", f'<g fill="{INK}">', *texts, "</g>"] if texts else []


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width``, by words (a word too long is cut by characters).

    >>> _wrap("one two three", 10, 45), _wrap("Zwölfjährige", 10, 25)
    (['one two', 'three'], ['Zwölf', 'jähri', 'ge'])
    """
    lines, line = [], ""
    for word in text.split():
        if text_width(f"{line} {word}".strip(), size, bold) <= width:
            line = f"{line} {word}".strip()
            continue
        lines += [line] if line else []
        while len(word) > 1 and text_width(word, size, bold) > width:
            cut = max((k for k in range(1, len(word)) if text_width(word[:k], size, bold) <= width), default=1)
            lines, word = lines + [word[:cut]], word[cut:]
        line = word
    return lines + [line] if line or not lines else lines


@dataclass
class _Entry:
    """A line of the key: a swatch (a node's look, or a line's) with its text, note and count."""

    text: str
    count: Any = None
    note: str = ""
    look: dict[str, Any] | None = None  # a node's look (shape ``shape``), or a line's (``line``)
    shape: str = "dot"
    line: dict[str, Any] | None = None
    heading: bool = False
    muted: bool = False
    height: float = 0.0


def _key_entries(drawing: Drawing) -> list[_Entry]:
    """What the key says, in the atlas key's order: the groups (those in grey named together,
    before "(none)"), the marks drawn, the types of tie, then what size means."""
    legend, nodes = drawing.legend, drawing.nodes
    drawn = [i for i, kind in enumerate(nodes.kind) if kind != "hidden"]
    groups = legend.get("groups") or []
    entries: list[_Entry] = []
    if drawing.view == "units" and drawing.start:
        entries.append(_Entry(f"Each dot: a {drawing.start}, named with its number of members", heading=True))
    elif groups:
        entries.append(_Entry(f"Colour: {legend['color_by']}" if legend.get("color_by") else "Colour", heading=True))
    others = [g for g in groups if g.get("other")]
    for group in [g for g in groups if not g.get("other")] + ([{"others": True}] if others else []):
        # The grey groups go once: before "(none)" when there is one, else last (others is emptied then).
        if others and (group.get("others") or group.get("no_value")):
            people = sum(int(g.get("count") or 0) for g in others)
            named = ", ".join(f"{g.get('name', '')} ({g.get('count', 0)})" for g in others[:OTHERS_NAMED])
            more = f", and {len(others) - OTHERS_NAMED} more" if len(others) > OTHERS_NAMED else ""
            entries.append(_Entry(f"Other, in grey: {len(others)} group{'s' * (len(others) != 1)} ({people} "
                                  f"{'person' if people == 1 else 'people'})", note=named + more,
                                  look={"fill": _colour(others[0].get("color")), "stroke": BORDER, "width": 1.0}))
            others = []
        if group.get("others"):
            continue
        colour = _colour(group.get("color"))
        look = ({"fill": "#FFFFFF", "stroke": colour, "width": 2.0, "dash": "3 2"} if group.get("status") == "missing"
                else {"fill": colour, "stroke": BORDER, "width": 1.0})
        entries.append(_Entry(str(group.get("name", "")), group.get("count"), str(group.get("note") or ""), look,
                              muted=bool(group.get("no_value"))))
    used = {nodes.kind[i] for i in drawn} | {nodes.mark[i] for i in drawn} | {
        "peripheral" for i in drawn if nodes.level[i] == "peripheral"}
    marks = [_Entry(text, look=look, shape=shape) for mark, (shape, look, text) in MARKS.items() if mark in used]
    if legend.get("multi_membership") and any(nodes.multi[i] for i in drawn):
        attribute = legend.get("multi_attribute")
        what = "communities" if not attribute or attribute == "community" else f"values of {attribute}"
        marks.append(_Entry(f"Thick border: in several {what}; coloured by the first one listed",
                            legend["multi_membership"], look={"fill": GREY, "stroke": BORDER, "width": 3.0}))
    entries += [_Entry("Marks", heading=True), *marks] if marks else []
    types = legend.get("edge_types") or []
    entries += [_Entry("Relationships", heading=True)] if types else []
    for t in types:
        kind = t.get("kind")
        entries.append(_Entry(f"{t.get('type', '')} ({kind})" if kind and kind != "learning" else str(t.get("type", "")),
                              t.get("count"), line={"colour": _colour(t.get("color")), "dashes": t.get("dashes")}))
    ties = drawing.ties  # survey data: who named the tie (counts as Python's int, which the key writes with commas)
    confirmed, one_sided = (int(np.count_nonzero(ties.account == account)) for account in (CONFIRMED, ONE_SIDED))
    entries += [_Entry("Named by both people", confirmed, line={"colour": "#5A5A5A"}), _Entry(
        "Named by one of the two only", one_sided, line={"colour": "#5A5A5A", "dashes": [6, 4]})
                ] if confirmed or one_sided else []
    if (ties.crossing >= 0).any():
        entries += [_Entry("Across a boundary: drawn strong", line={"colour": "#5A5A5A"}),
                    _Entry("Within a group: drawn faint", line={"colour": "#5A5A5A", "opacity": 0.2})]
    if (ties.kind == OBJECT_LINK).any():
        entries.append(_Entry("Uses a boundary object", line={"colour": "#6B6B6B", "dashes": [2, 4]}))
    if drawing.arrows:
        entries.append(_Entry("Arrows point from the person who named a tie to the person named.", muted=True))
    size = drawing.size_by.split(":")[0].split("(")[0].strip()
    return entries + ([_Entry(f"Size: {size}", muted=True)] if size else [])


def _key(drawing: Drawing, width: float, top: float, font: float) -> tuple[list[str], float]:
    """The key, in a box below the map, in as many columns (up to three) as the width holds at 13
    em each, the columns about equally long; every line as the atlas's key has it."""
    margin, inner, gap, line_h, small, swatch = font * 0.6, font * 0.7, font * 1.2, font * 1.3, font * 0.85, font * 1.6
    entries = _key_entries(drawing)
    if not entries:
        return [], 0.0
    room = width - 2 * margin - 2 * inner
    columns = next(k for k in (3, 2, 1) if (room - (k - 1) * gap) / k >= font * 13 or k == 1)
    col_w = (room - (columns - 1) * gap) / columns
    shapes, texts, wrapped = [], [], {}
    for entry in entries:
        count = "" if entry.count is None else (f"{entry.count:,}" if isinstance(entry.count, int) else str(entry.count))
        indent = swatch if entry.look is not None or entry.line is not None else 0.0
        lines = _wrap(entry.text, font, col_w - indent - (text_width(count, font) + font * 0.5 if count else 0),
                      bold=entry.heading)
        notes = _wrap(entry.note, small, col_w - indent) if entry.note else []
        wrapped[id(entry)] = (count, indent, lines, notes)
        entry.height = len(lines) * line_h + len(notes) * small * 1.25 + (font * 0.3 if entry.heading else 0)
    tallest = 0.0
    for c, column in enumerate(_columns(entries, columns, line_h / 2)):
        x, y = margin + inner + c * (col_w + gap), top + inner
        for entry in column:
            count, indent, lines, notes = wrapped[id(entry)]
            middle = y + line_h / 2
            if entry.look is not None:
                shapes.append(_shape(entry.shape, x + font * 0.55, middle, font * 0.42, entry.look))
            elif entry.line is not None:
                dash = _dash(entry.line.get("dashes"))
                shapes.append(f'<path d="M{_n(x)} {_n(middle)}h{_n(swatch - font * 0.35)}" stroke="{entry.line["colour"]}" '
                              f'stroke-width="3" stroke-opacity="{entry.line.get("opacity", 0.9)}"'
                              + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
            style = (' font-weight="bold"' if entry.heading else "") + (
                f' fill="{MUTED}"' if entry.muted or entry.heading else "") + (
                ' font-style="italic"' if entry.muted and entry.look is not None else "")
            texts += [f'<text x="{_n(x + indent)}" y="{_n(middle + font * 0.35 + k * line_h)}"{style}>{xml_text(line)}'
                      f"</text>" for k, line in enumerate(lines)]
            if count:
                texts.append(f'<text x="{_n(x + col_w)}" y="{_n(middle + font * 0.35)}" fill="{MUTED}" '
                             f'text-anchor="end">{xml_text(count)}</text>')
            red = entry.note and not entry.text.startswith("Other, in grey")  # a voice's status, in red
            texts += [f'<text x="{_n(x + indent)}" y="{_n(y + len(lines) * line_h + small * (0.95 + 1.25 * k))}" '
                      f'fill="{NOTE_RED if red else MUTED}" font-size="{_n(small)}">{xml_text(line)}</text>'
                      for k, line in enumerate(notes)]
            y += entry.height
        tallest = max(tallest, y - top - inner)
    height = tallest + 2 * inner
    box = (f'<rect x="{_n(margin)}" y="{_n(top)}" width="{_n(width - 2 * margin)}" height="{_n(height)}" rx="6" '
           f'fill="#FFFFFF" stroke="#CCCCCC"/>')
    return [box, f'<g stroke="{BORDER}">', *shapes, "</g>", f'<g fill="{INK}">', *texts, "</g>"], height


def _columns(entries: list[_Entry], columns: int, step: float) -> list[list[_Entry]]:
    """The key's entries in at most ``columns`` columns, as short as they go: a section (a heading
    and what follows it) stays in one column where it fits in one, else it is split between
    entries, never right after its heading."""
    sections: list[list[_Entry]] = []
    for entry in entries:
        if entry.heading or not sections:
            sections.append([])
        sections[-1].append(entry)
    target = max(max(sum(e.height for e in section[:2]) for section in sections),
                 sum(e.height for e in entries) / columns) + 1e-6
    while True:
        packed: list[list[_Entry]] = [[]]
        used = 0.0
        for section in sections:
            height = sum(e.height for e in section)
            if used + height > target and packed[-1] and height <= target:
                packed.append([])
                used = 0.0
            for k, entry in enumerate(section):
                need = entry.height + (section[1].height if k == 0 and entry.heading and len(section) > 1 else 0)
                if k != 1 and used + need > target and packed[-1]:
                    packed.append([])
                    used = 0.0
                packed[-1].append(entry)
                used += entry.height
        if len(packed) <= columns:
            return packed
        target += step


def _description(drawing: Drawing, named: int) -> str:
    """What the picture shows, in a few sentences (the SVG's ``<desc>``)."""
    kinds = {kind: drawing.nodes.kind.count(kind) for kind in ("person", "placeholder", "object", "unit")}
    ties, hidden = drawing.ties, drawing.nodes.hidden
    lines = int(np.count_nonzero((ties.kind != OBJECT_LINK) & ~hidden[ties.start] & ~hidden[ties.end]))
    if drawing.view == "units":
        return (f"{drawing.title}. {drawing.participants:,} participants are too many to draw one by one: each of "
                f"the {kinds['unit']} dots is a {drawing.start}, sized by its members and named with their number; the "
                f"{lines} lines join units with learning ties between them, as thick as their number. The key is below.")
    types = ", ".join(str(t.get("type")) for t in drawing.legend.get("edge_types") or []) or "none"
    size = drawing.size_by.split(":")[0].split("(")[0].strip() or "their ties"
    text = (f"{drawing.title}. {kinds['person']} participants as dots, coloured by "
            f"{drawing.legend.get('color_by') or 'one colour'} and sized by {size}; {lines} ties as lines coloured by "
            f"type ({types}).")
    text += {"voices": f" {kinds['placeholder']} empty chairs (dashed circles) stand for voices nobody brings."
                       if kinds["placeholder"] else "",
             "power": " People stand in rows of seniority, the most senior at the top; each row is named on the left.",
             "boundaries": " Each group is a shaded circle; ties across a boundary are drawn strong, ties within a "
                           f"group faint; stars mark brokers, grey squares {kinds['object']} boundary objects.",
             "scale": f" Each shaded circle is a {drawing.start}, named on the map; each person is drawn in the first "
                      "one listed for them." if drawing.start else ""}.get(drawing.view, "")
    return text + f" {named} are named on the map; the key below it explains colours, marks and lines."

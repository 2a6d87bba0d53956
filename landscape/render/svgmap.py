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
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from landscape.render.marks import BORDER, GREY, MARKS, MUTED, RINGS

__all__ = ["view_svg", "view_svgs", "xml_text"]

#: vis-network's node scaling in the atlas (map.js): the smallest value 6 units, the largest 34.
SIZE_MIN, SIZE_MAX = 6.0, 34.0
#: And its edge scaling: 1 to 6 units from the lightest tie to the heaviest, 3.5 when all weigh the same.
WIDTH_MIN, WIDTH_MAX = 1.0, 6.0
#: The atlas never zooms in further than this when it fits a map (room.js fitView).
LARGEST_SCALE = 1.5
#: A name is cut to this many characters, as room.js cuts it; at most this many names are written.
LONGEST_LABEL = 32
SMALLEST_ARROW, MOST_LABELS = 3.0, 400  # arrowheads shorter than this (picture's units) are too small to see
FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', sans-serif"
INK, NOTE_RED, HALO = "#1A1A1A", "#9C2F2F", "#FFFFFF"
#: Groups beyond the key's "Other, in grey" line are counted, not named, past this many.
OTHERS_NAMED = 40
# XML 1.0 allows TAB, LF, CR and these ranges; anything else (NUL, other controls, lone surrogates,
# U+FFFE, U+FFFF) cannot be written in an XML document at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# Advance widths of Arial/Helvetica/Liberation Sans for " " to "~", in thousandths of the font
# size: the picture measures its text with them, since a Python program has no browser to ask.
_WIDTHS = dict(zip(map(chr, range(32, 127)), (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, *([556] * 10),
    278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
    556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
    500, 722, 500, 500, 500, 334, 260, 334, 584)))


def xml_text(value: Any) -> str:
    """``value`` as XML character data: forbidden characters dropped, line breaks made spaces,
    markup characters and quotes escaped.

    >>> xml_text("<script>alert('x & y')</script> ]]><x>\\x00\\x1b\\n\\ud800ok")
    '&lt;script&gt;alert(&#x27;x &amp; y&#x27;)&lt;/script&gt; ]]&gt;&lt;x&gt; ok'
    """
    text = _NOT_XML.sub("", str(value)).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return html.escape(text.replace("\t", " "), quote=True)


def _colour(value: Any, fallback: str = "#888888") -> str:
    """A colour from the data, if it is a ``#rrggbb`` colour (the only kind the views give)."""
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else fallback


def _finite(value: Any) -> float:
    """A number from the data as a finite float (anything else, 0)."""
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else 0.0


def _dash(dashes: Any) -> str:
    """A vis-network dash pattern (a list, or true for its default) as an SVG ``stroke-dasharray``."""
    return " ".join(_n(_finite(d)) for d in (dashes if isinstance(dashes, list) else [5, 5])) if dashes else ""


def _n(value: float) -> str:
    """A number rounded to one decimal, as short as it goes (``3`` not ``3.0``, never ``-0``)."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` at font size ``size``, in the same units: Arial's advance widths, and
    4% to spare (fonts that stand in for Arial differ a little).

    >>> round(text_width("Ana", 10), 2)  # (667 + 556 + 556) / 1000 * 10 * 1.04
    18.5
    """
    total = 0
    for char in text:
        width = _WIDTHS.get(char)
        if width is None:
            if unicodedata.combining(char):
                continue
            width = _WIDTHS.get(unicodedata.normalize("NFD", char)[0])
            if width is None:
                width = 1000 if unicodedata.east_asian_width(char) in "WF" else 640
        total += width
    return total / 1000 * size * (1.15 if bold else 1.0) * 1.04


def _cut(text: str, longest: int = LONGEST_LABEL) -> str:
    """A name cut by characters to ``longest``, keeping a trailing count such as ``(12)``.

    >>> _cut("A very long name of a community of practice (1,234)", 20)
    'A very long… (1,234)'
    """
    chars = list(text)
    if len(chars) <= longest:
        return text
    head, sep, tail = text.rpartition(" (")
    if sep and tail.endswith(")") and len(tail) < 16:
        return "".join(list(head)[:max(longest - len(tail) - 3, 1)]) + "\u2026 (" + tail
    return "".join(chars[:longest - 1]) + "\u2026"


@dataclass
class _Node:
    """A node as the page draws it; x and y in the data's units, until placed."""

    label: str
    x: float
    y: float
    value: float
    colour: str
    kind: str = "person"  # person, placeholder, object or unit
    mark: str | None = None
    level: str | None = None
    multi: bool = False
    layer: int | None = None
    r: float = 0.0  # radius in the picture's units, once placed
    px: float = 0.0
    py: float = 0.0


@dataclass
class _Drawing:
    """A view as the page draws it: its nodes, edges (indices into nodes), legend and setting."""

    view: str
    title: str
    nodes: list[_Node]
    edges: list[dict[str, Any]]
    legend: dict[str, Any]
    size_by: str
    participants: int
    regions: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    start: str | None = None
    arrows: bool = False  # whether any arrowhead is drawn (the key then says which way they point)


def _node(node: dict[str, Any]) -> _Node:
    """A node from the data: a person with the view's columns merged in, or an extra node."""
    kind = "placeholder" if node.get("placeholder") else (node["kind"] if node.get("kind") in ("object", "story")
                                                          else "person")
    value = {"placeholder": 12.0, "object": 10.0, "story": 2.0}.get(kind, _finite(node.get("size")))  # map.js's values
    return _Node(label=str(node.get("label", "")), x=_finite(node.get("x")), y=_finite(node.get("y")), value=value, colour=_colour(node.get("color")), kind=kind,
                 mark=node.get("mark") or ("unanswered" if node.get("unanswered") else None),
                 level=node.get("level"), multi=bool(node.get("multi")), layer=node.get("layer"))


def _drawing(data: dict[str, Any], view: str, objects: bool) -> _Drawing:
    """The nodes and edges of ``view`` as map.js's atlasView merges them (or the folded units map)."""
    title = str(data.get("meta", {}).get("title", "landscape")).removesuffix(": atlas")
    if "views" not in data:
        if view != "units":
            raise ValueError(f"this atlas is folded into units of scale: the only view is 'units', not {view!r}")
        return _units_drawing(data, title)
    if view not in data["views"]:
        raise ValueError(f"no view {view!r}; the views are: {', '.join(data['views'])}")
    overlay = data["views"][view]
    columns = overlay.get("nodes", {})
    if "x" not in columns:  # left to the page's physics: the picture borrows Voices's force layout
        placed = data["views"].get("voices", {}).get("nodes", {})
        angles = [2 * math.pi * i / max(len(data["people"]), 1) for i in range(len(data["people"]))]
        columns = {"x": placed.get("x") or [300 * math.cos(a) for a in angles],
                   "y": placed.get("y") or [300 * math.sin(a) for a in angles], **columns}
    nodes = [_node({**person, **{name: values[i] for name, values in columns.items()}})
             for i, person in enumerate(data["people"])]
    nodes += [_node(node) for node in overlay.get("extra_nodes") or []]
    shown = overlay.get("edges", {}).get("shown")
    crossing = overlay.get("edges", {}).get("crossing")
    edges = [{**edge, "crossing": None if crossing is None else crossing[i]}
             for i, edge in enumerate(data["edges"]) if shown is None or shown[i]]
    edges += [{**edge, "crossing": None} for edge in overlay.get("extra_edges") or []
              if objects or edge.get("kind") == "story-link"]  # stories are always drawn, objects when asked
    for node in (node for node in nodes if node.kind == "object" and not objects):
        node.kind = "hidden"  # in the range of sizes (vis-network scales over every node), not drawn
    layout = overlay.get("layout") or {}
    return _Drawing(view=view, title=f"{title}: {overlay.get('label') or view.title()}", nodes=nodes,
                    edges=edges, legend=overlay.get("legend") or {}, size_by=str(overlay.get("meta", {}).get(
                        "size_by", "")), participants=len(data["people"]), regions=list(overlay.get("regions") or []),
                    rows=list(layout.get("rows") or []), start=(overlay.get("scale") or {}).get("start"))


def _units_drawing(data: dict[str, Any], title: str) -> _Drawing:
    """The folded map of a landscape too large to draw person by person: the coarsest level's units."""
    start = (data.get("units") or {}).get("start")
    nodes = [_node(node) for node in data.get("nodes", [])]
    for node, given in zip(nodes, data.get("nodes", [])):
        # Units of other levels count in the range of sizes (vis-network scales over every node).
        node.kind = "unit" if given.get("unit_level") == start else "hidden"
    edges = [{**edge, "crossing": None} for edge in data.get("edges", []) if edge.get("unit_level") == start]
    meta = data.get("meta", {})
    return _Drawing(view="units", title=f"{title}: units of {start}" if start else title, nodes=nodes, edges=edges,
                    legend=data.get("legend") or {}, size_by=str(meta.get("size_by", "")),
                    participants=int(meta.get("participants") or 0), start=start)


def _radii(nodes: list[_Node]) -> list[float]:
    """Each node's size in the data's units, as vis-network scales ``value`` (over every node)."""
    values = [node.value for node in nodes]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    if high == low:
        return [(SIZE_MIN + SIZE_MAX) / 2] * len(nodes)
    return [SIZE_MIN + (value - low) / (high - low) * (SIZE_MAX - SIZE_MIN) for value in values]


def _look(node: _Node) -> dict[str, Any]:
    """Fill, border and dashes of a node, as map.js's ``look`` gives them."""
    if node.kind == "placeholder" or node.mark == "unanswered":  # an empty chair (dashed), or did not answer a survey
        return {"fill": "#FFFFFF", "stroke": node.colour, "width": 3.0, **({"dash": "5 4"} if node.kind == "placeholder" else {})}
    if node.kind in ("object", "story"):
        return {"fill": node.colour, "stroke": BORDER, "width": 1.0}
    peripheral = node.level == "peripheral" or node.mark in ("rank-beyond-seeking", "leaver")
    stroke = RINGS.get(node.mark or "", BORDER)
    width = 5.0 if node.mark in RINGS else (4.0 if node.multi else 1.0)
    look = {"fill": node.colour, "stroke": stroke, "width": width}
    return {**look, "opacity": 0.45, "dash": "3 3"} if peripheral else look


def _shape(node_shape: str, x: float, y: float, r: float, look: dict[str, Any], title: str | None = None) -> str:
    """One node: a dot, a star (vis-network's, about 1.07 r across) or a square of half-side r."""
    width = min(look["width"], max(0.6 * r, 0.5))  # a border never swamps a small node
    attrs = f' fill="{look["fill"]}"' + "".join(f' {name}="{value}"' for name, value in (
        ("fill-opacity", look.get("opacity")), ("stroke", look["stroke"] if look["stroke"] != BORDER else None),
        ("stroke-width", _n(width) if width != 1.0 else None), ("stroke-dasharray", look.get("dash"))) if value)
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


def _node_shape(node: _Node) -> str:
    return {"object": "square", "story": "diamond"}.get(node.kind) or ("star" if node.mark == "broker" else "dot")


@dataclass
class _Box:
    left: float
    top: float
    right: float
    bottom: float
    owner: int = -1

    def hits(self, other: _Box) -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


class _Grid:
    """Boxes in a coarse grid, so that testing a name against hundreds of others stays cheap."""

    def __init__(self, cell: float) -> None:
        self.cell, self.cells = cell, {}  # type: ignore[var-annotated]

    def _keys(self, box: _Box) -> list[tuple[int, int]]:
        c = self.cell
        return [(i, j) for i in range(math.floor(box.left / c), math.floor(box.right / c) + 1)
                for j in range(math.floor(box.top / c), math.floor(box.bottom / c) + 1)]

    def add(self, box: _Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: _Box, own: int = -1) -> bool:
        return any(other.owner != own or own == -1 for key in self._keys(box) for other in self.cells.get(key, ())
                   if other.hits(box))


@dataclass
class _Label:
    text: str
    box: _Box
    size: float
    bold: bool = False


@dataclass
class _Frame:
    """Where the map goes in the picture: the data's (x, y) is drawn at (x * s + dx, y * s + dy)."""

    s: float
    dx: float
    dy: float
    area: _Box  # the map's area, names included (Power's rows are named at its left)


def _place_objects(drawing: _Drawing, sizes: list[float], scale: float) -> None:
    """Boundary objects near the people who use them, each on the first spot of a spiral out from
    their middle where it covers no one (map.js's placeObjects)."""
    users: dict[int, list[int]] = {}
    for edge in drawing.edges:
        if edge.get("kind") == "object-link":
            users.setdefault(edge["from"], []).append(edge["to"])
    taken = [_Box(n.x - r - 3, n.y - r - 3, n.x + r + 3, n.y + r + 3) for n, r in zip(drawing.nodes, sizes)
             if n.kind not in ("object", "hidden")]
    step = 40 / max(scale, 0.05) * 0.5
    for i, node in ((i, node) for i, node in enumerate(drawing.nodes) if node.kind == "object"):
        spots = [(drawing.nodes[u].x, drawing.nodes[u].y) for u in users.get(i, [])]
        cx = sum(x for x, _ in spots) / len(spots) if spots else node.x
        cy = sum(y for _, y in spots) / len(spots) if spots else node.y
        size = sizes[i] + 6
        for turn in range(400):
            angle, radius = turn * 0.7, step * math.sqrt(turn)
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            box = _Box(x - size, y - size, x + size, y + size)
            if not any(box.hits(other) for other in taken):
                node.x, node.y = x, y
                taken.append(box)
                break


def _extent(drawing: _Drawing, sizes: list[float]) -> _Box | None:
    """What the map covers in the data's units: every node drawn (room.js's extent) and region."""
    boxes = [(n.x, n.y, size * (1.1 if n.mark == "broker" else 1.0) + 2) for n, size in zip(drawing.nodes, sizes)
             if n.kind != "hidden"]
    boxes += [(_finite(r["x"]), _finite(r["y"]), _finite(r["r"])) for r in drawing.regions]
    if not boxes:
        return None
    return _Box(min(x - r for x, _, r in boxes), min(y - r for _, y, r in boxes), max(x + r for x, _, r in boxes),
                max(y + r for _, y, r in boxes))


def _row_name(row: dict[str, Any]) -> str:
    return "no level recorded" if row.get("apart") else str(row.get("name", ""))


def _frame(drawing: _Drawing, sizes: list[float], width: float, font: float, most_height: float) -> _Frame:
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

    >>> re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)" r="([0-9.]+)"[^>]*><title>(\\w+)', picture)
    [('425', '68.7', '30', 'Ana'), ('575', '68.7', '30', 'Ben')]
    """
    drawing = _drawing(data, view, objects)
    sizes = _radii(drawing.nodes)
    most = most_height if most_height is not None else width
    if any(node.kind == "object" for node in drawing.nodes):
        rough = _frame(drawing, sizes, width, font_size, most)
        _place_objects(drawing, sizes, rough.s)
    frame = _frame(drawing, sizes, width, font_size, most)
    for node, size in zip(drawing.nodes, sizes):
        node.px, node.py = node.x * frame.s + frame.dx, node.y * frame.s + frame.dy
        node.r = max(size * frame.s, 1.5)
    labels = _labels(drawing, frame, font_size)
    edges = _edges_svg(drawing, frame)
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
    parts += [_shape(_node_shape(node), node.px, node.py, node.r, _look(node), node.label)
              for node in drawing.nodes if node.kind != "hidden"]
    parts.append("</g>")
    parts += _labels_svg(labels, font_size)
    parts += key
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def view_svgs(data: dict[str, Any], **options: Any) -> dict[str, str]:
    """Every view of ``data`` as an SVG picture, by view name (``{"units": ...}`` for a folded map);
    ``options`` go to :func:`view_svg`."""
    names = list(data["views"]) if "views" in data else ["units"]
    return {name: view_svg(data, name, **options) for name in names}


def _regions_svg(drawing: _Drawing, frame: _Frame) -> list[str]:
    """Scale's and Boundaries' regions: a disc per unit or group, faintly in its colour."""
    return [f'<circle cx="{_n(_finite(r["x"]) * frame.s + frame.dx)}" cy="{_n(_finite(r["y"]) * frame.s + frame.dy)}" '
            f'r="{_n(_finite(r["r"]) * frame.s)}" fill="{_colour(r.get("color"))}" fill-opacity="0.13"/>'
            for r in drawing.regions]


def _edges_svg(drawing: _Drawing, frame: _Frame) -> list[str]:
    """The ties, one path per look (colour, dashes, opacity, width), arrowheads in their own paths.

    Widths and opacities are map.js's: crossing ties count double and are drawn strong (0.9), ties
    within a group faint (0.12), others at 0.55; a directed tie ends in an arrowhead on the border
    of the person named."""
    styles = {t.get("type"): t for t in drawing.legend.get("edge_types", [])}
    weights = [_finite(e.get("weight")) * (2 if e.get("crossing") else 1) for e in drawing.edges]
    light, heavy = (min(weights), max(weights)) if weights else (0.0, 0.0)
    lines: dict[tuple[str, str, str, str], list[str]] = {}
    heads: dict[tuple[str, str], list[str]] = {}
    for edge, weight in zip(drawing.edges, weights):
        a, b = drawing.nodes[edge["from"]], drawing.nodes[edge["to"]]
        if a is b or "hidden" in (a.kind, b.kind):
            continue
        width = 3.5 if heavy == light else WIDTH_MIN + (WIDTH_MAX - WIDTH_MIN) * (weight - light) / (heavy - light)
        style = styles.get(edge.get("type"), {})
        colour, dashes = _colour(style.get("color")), style.get("dashes")
        dashes = [6, 4] if edge.get("account") == "one-sided" and not dashes else dashes  # map.js's ONE_SIDED_DASHES
        crossing = edge.get("crossing")
        opacity = 0.55 if crossing is None else (0.9 if crossing else 0.12)
        if edge.get("kind") in ("object-link", "story-link"):
            colour, dashes, opacity = ("#6B6B6B" if edge["kind"] == "object-link" else "#B8860B"), [2, 4], 0.6
            width = 1.0 if edge["kind"] == "story-link" else width
        dash = _dash(dashes)
        x1, y1, x2, y2 = a.px, a.py, b.px, b.py
        length = math.hypot(x2 - x1, y2 - y1)
        # vis-network's arrowhead (scale factor 0.5): 7.5 + 3 line widths long, in the map's units,
        # so that it shrinks with the map; too small to see, it is left out, as it is on the page.
        head = (7.5 + 3 * width) * frame.s
        width = max(width * frame.s, 0.5)
        if edge.get("directed") and head >= SMALLEST_ARROW and length > b.r + head:
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            tx, ty = x2 - ux * (b.r + 1), y2 - uy * (b.r + 1)
            bx, by, nx, ny = -ux * head, -uy * head, -uy * head * 0.3, ux * head * 0.3
            heads.setdefault((colour, _n(opacity)), []).append(  # a tip, two barbs and a notch
                f"M{_n(tx)} {_n(ty)}l{_n(bx + nx)} {_n(by + ny)}l{_n(-nx + bx * -0.1)} {_n(-ny + by * -0.1)}"
                f"l{_n(bx * 0.1 - nx)} {_n(by * 0.1 - ny)}z")
            x2, y2 = tx + bx * 0.9, ty + by * 0.9
        lines.setdefault((colour, dash, _n(opacity), _n(width)), []).append(
            f"M{_n(x1)} {_n(y1)}l{_n(x2 - x1)} {_n(y2 - y1)}")
    out = ['<g fill="none" stroke-linecap="butt">']
    for (colour, dash, opacity, width), segments in lines.items():
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path stroke="{colour}" stroke-opacity="{opacity}" stroke-width="{width}"{dashed} '
                   f'd="{"".join(segments)}"/>')
    out.append("</g>")
    drawing.arrows = bool(heads)
    out += [f'<path fill="{colour}" fill-opacity="{opacity}" d="{"".join(shapes)}"/>'
            for (colour, opacity), shapes in heads.items()]
    return out


def _label_weight(node: _Node) -> float:
    """room.js's order: units, empty chairs, boundary objects, marked people, then the most connected."""
    return node.value + {"unit": 1e6, "placeholder": 5e5, "object": 4e5, "story": 4e5}.get(node.kind, 0) + (
        3e5 if node.mark else 0)


def _labels(drawing: _Drawing, frame: _Frame, font: float) -> list[_Label]:
    """Names that fit (room.js's drawLabels): Power's rows and the regions first, then people, most
    important first, each below, above, right or left of its node, never over another name or
    another node, and inside the map's area (never over the key)."""
    pad, big = font * 0.3, font * 1.1
    nodes, names = _Grid(font * 4), _Grid(font * 4)
    for i, node in enumerate(drawing.nodes):
        r = node.r * (1.1 if node.mark == "broker" else 1.0) + 1
        if node.kind != "hidden":
            nodes.add(_Box(node.px - r, node.py - r, node.px + r, node.py + r, owner=i))
    placed: list[_Label] = []

    def place(text: str, size: float, bold: bool, spots: list[tuple[float, float]], own: int = -1) -> None:
        w, h = text_width(text, size, bold) + 2 * pad, size * 1.35
        for x, y in spots:  # each spot is a box's centre across, and its top
            box = _Box(x - w / 2, y, x + w / 2, y + h, owner=own)
            area = frame.area
            if area.left - 0.01 <= box.left and box.right <= area.right + 0.01 and area.top - 0.01 <= box.top and \
                    box.bottom <= area.bottom + 0.01 and not names.hits(box) and not nodes.hits(box, own):
                names.add(box)
                placed.append(_Label(text, box, size, bold))
                return

    for row in drawing.rows:  # Power's rows, named in the gutter at the height of their people
        ys = [n.py for n in drawing.nodes if n.layer == row.get("level") and n.kind != "hidden"]
        name = _row_name(row)
        if ys:
            place(name, big, True, [(frame.area.left + text_width(name, big, True) / 2 + pad, sum(ys) / len(ys) - big * 0.675)])
    for region in drawing.regions:
        x, y, r = (_finite(region[k]) * frame.s for k in ("x", "y", "r"))
        top, bottom = y - r + frame.dy, y + r + frame.dy
        place(_cut(str(region.get("name", "")), 48), big, True,
              [(x + frame.dx, top - big * 1.35 - 2), (x + frame.dx, top + 4), (x + frame.dx, bottom + 2)])
    people = sorted((i for i, n in enumerate(drawing.nodes) if n.kind != "hidden" and n.label),
                    key=lambda i: (-_label_weight(drawing.nodes[i]), i))
    for i in people:
        if len(placed) >= MOST_LABELS:
            break
        node = drawing.nodes[i]
        text = _cut(node.label, 48 if node.kind == "unit" else LONGEST_LABEL)
        w, h, r = text_width(text, font) + 2 * pad, font * 1.35, node.r * (1.1 if node.mark == "broker" else 1.0)
        place(text, font, node.kind == "unit", [(node.px, node.py + r + 1), (node.px, node.py - r - 1 - h),
                                                (node.px + r + 2 + w / 2, node.py - h / 2),
                                                (node.px - r - 2 - w / 2, node.py - h / 2)], i)
    return placed


def _labels_svg(labels: list[_Label], font: float) -> list[str]:
    """Names on a white halo, drawn as a copy underneath (so that no renderer needs paint-order)."""
    texts = [f'<text x="{_n(label.box.left + label.size * 0.3)}" y="{_n(label.box.top + label.size * 1.025)}"'
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


def _key_entries(drawing: _Drawing) -> list[_Entry]:
    """What the key says, in the atlas key's order: the groups (those in grey named together,
    before "(none)"), the marks drawn, the types of tie, then what size means."""
    legend, drawn = drawing.legend, [node for node in drawing.nodes if node.kind != "hidden"]
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
    used = {n.kind for n in drawn} | {n.mark for n in drawn} | {"peripheral" for n in drawn if n.level == "peripheral"}
    marks = [_Entry(text, look=look, shape=shape) for mark, (shape, look, text) in MARKS.items() if mark in used]
    if legend.get("multi_membership") and any(node.multi for node in drawn):
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
    accounts = [edge.get("account") for edge in drawing.edges]  # survey data: who named the tie
    entries += [_Entry("Named by both people", accounts.count("confirmed"), line={"colour": "#5A5A5A"}), _Entry(
        "Named by one of the two only", accounts.count("one-sided"), line={"colour": "#5A5A5A", "dashes": [6, 4]})
                ] if "confirmed" in accounts or "one-sided" in accounts else []
    if any(edge.get("crossing") is not None for edge in drawing.edges):
        entries += [_Entry("Across a boundary: drawn strong", line={"colour": "#5A5A5A"}),
                    _Entry("Within a group: drawn faint", line={"colour": "#5A5A5A", "opacity": 0.2})]
    if any(edge.get("kind") == "object-link" for edge in drawing.edges):
        entries.append(_Entry("Uses a boundary object", line={"colour": "#6B6B6B", "dashes": [2, 4]}))
    if drawing.arrows:
        entries.append(_Entry("Arrows point from the person who named a tie to the person named.", muted=True))
    size = drawing.size_by.split(":")[0].split("(")[0].strip()
    return entries + ([_Entry(f"Size: {size}", muted=True)] if size else [])


def _key(drawing: _Drawing, width: float, top: float, font: float) -> tuple[list[str], float]:
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


def _description(drawing: _Drawing, named: int) -> str:
    """What the picture shows, in a few sentences (the SVG's ``<desc>``)."""
    drawn = [node for node in drawing.nodes if node.kind != "hidden"]
    kinds = {kind: sum(1 for node in drawn if node.kind == kind) for kind in ("person", "placeholder", "object", "unit")}
    lines = sum(1 for edge in drawing.edges if edge.get("kind") != "object-link"
                and "hidden" not in (drawing.nodes[edge["from"]].kind, drawing.nodes[edge["to"]].kind))
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

"""The parts of a map picture that :mod:`landscape.render.svgmap` draws in bulk, and the small
helpers every part shares: text and colours made safe, numbers written one way, widths of text.

A large view has about a hundred thousand ties. They are drawn as columns of numbers (numpy
arrays), every number written by :func:`numbers` exactly as :func:`number` writes it one at a
time, so that a picture is the same bytes however its numbers were formatted.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["SMALLEST_ARROW", "WIDTH_MAX", "WIDTH_MIN", "Ties", "colour", "cut", "dash", "finite", "finites", "number",
           "numbers", "text_width", "ties_svg", "xml_text"]

#: vis-network's edge scaling in the atlas: 1 to 6 units from the lightest tie to the heaviest, 3.5 when all weigh the same.
WIDTH_MIN, WIDTH_MAX = 1.0, 6.0
SMALLEST_ARROW = 3.0  # arrowheads shorter than this (picture's units) are too small to see
#: A tie's kind (``Ties.kind``), and who named it (``Ties.account``).
TIE, OBJECT_LINK, STORY_LINK = 0, 1, 2
NO_ACCOUNT, CONFIRMED, ONE_SIDED = 0, 1, 2
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
#: Numbers of up to this many tenths are written from a table (:func:`numbers`); larger ones one by one.
_MOST_TENTHS = 1 << 17
_TABLE: list[np.ndarray] = []  # the table of tenths: one at a time, the largest yet needed


def xml_text(value: Any) -> str:
    """``value`` as XML character data: forbidden characters dropped, line breaks made spaces,
    markup characters and quotes escaped.

    >>> xml_text("<script>alert('x & y')</script> ]]><x>\\x00\\x1b\\n\\ud800ok")
    '&lt;script&gt;alert(&#x27;x &amp; y&#x27;)&lt;/script&gt; ]]&gt;&lt;x&gt; ok'
    """
    text = _NOT_XML.sub("", str(value)).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return html.escape(text.replace("\t", " "), quote=True)


def colour(value: Any, fallback: str = "#888888") -> str:
    """A colour from the data, if it is a ``#rrggbb`` colour (the only kind the views give)."""
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else fallback


def finite(value: Any) -> float:
    """A number from the data as a finite float (anything else, 0)."""
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else 0.0


def finites(values: list[Any]) -> np.ndarray:
    """:func:`finite` of each value, as an array.

    >>> finites([1, 2.5, True, float("nan"), "3", None]).tolist()
    [1.0, 2.5, 1.0, 0.0, 0.0, 0.0]
    """
    if set(map(type, values)) <= {int, float, bool}:  # Python's own numbers: numpy converts them as float() does
        array = np.array(values, dtype=np.float64)
        return np.where(np.isfinite(array), array, 0.0)
    return np.array([finite(value) for value in values], dtype=np.float64)


def dash(dashes: Any) -> str:
    """A vis-network dash pattern (a list, or true for its default) as an SVG ``stroke-dasharray``."""
    return " ".join(number(finite(d)) for d in (dashes if isinstance(dashes, list) else [5, 5])) if dashes else ""


def number(value: float) -> str:
    """A number rounded to one decimal, as short as it goes (``3`` not ``3.0``, never ``-0``)."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _tenths(k: int) -> str:
    """``k`` tenths as :func:`number` writes ``k / 10``."""
    whole, tenth = divmod(abs(k), 10)
    return ("-" if k < 0 else "") + str(whole) + (f".{tenth}" if tenth else "")


def _table(most: int) -> np.ndarray:
    """The texts of -``half`` to ``half`` tenths (at index ``k + half``), ``half`` at least ``most``."""
    if not _TABLE or len(_TABLE[0]) // 2 < most:
        half = min(1 << max(most, 4095).bit_length(), _MOST_TENTHS)
        _TABLE[:] = [np.array([_tenths(k) for k in range(-half, half + 1)], dtype=object)]
    return _TABLE[0]


def numbers(values: Any) -> np.ndarray:
    """Each of ``values`` as :func:`number` writes it (an array of str), all at once.

    >>> list(numbers([0.25, 0.35, 0.45, -0.04, -0.05, 2.0, 1e20, float("nan")]))
    ['0.2', '0.3', '0.5', '0', '-0.1', '2', '100000000000000000000', 'nan']
    """
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        tenths = values * 10.0
        nearest = np.rint(tenths)
        # "{:.1f}" rounds the exact binary value, halves to even; the product is rounded once,
        # by less than 1e-11 for numbers the table holds, so its nearest whole number is the same
        # except within that of a half (x.25, x.75, or a value a hair from x.x5): those, numbers
        # too large for the table, NaN and infinities are written one by one.
        sure = (np.abs(tenths - nearest) < 0.5 - 1e-6) & (np.abs(tenths) < _MOST_TENTHS)
    if sure.all():
        whole = nearest.astype(np.int64)
        table = _table(int(np.abs(whole).max()) if whole.size else 0)
        return table.take(whole + len(table) // 2)
    out = np.empty(values.shape, dtype=object)
    whole = nearest[sure].astype(np.int64)
    if whole.size:
        table = _table(int(np.abs(whole).max()))
        out[sure] = table.take(whole + len(table) // 2)
    unsure = ~sure
    out[unsure] = [number(value) for value in values[unsure].tolist()]
    return out


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` at font size ``size``, in the same units: Arial's advance widths, and
    4% to spare (fonts that stand in for Arial differ a little).

    >>> round(text_width("Ana", 10), 2)  # (667 + 556 + 556) / 1000 * 10 * 1.04
    18.5
    """
    try:
        total = sum(map(_WIDTHS.__getitem__, text))  # printable ASCII, the usual case
    except KeyError:
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


def cut(text: str, longest: int) -> str:
    """A name cut by characters to ``longest``, keeping a trailing count such as ``(12)``.

    >>> cut("A very long name of a community of practice (1,234)", 20)
    'A very long… (1,234)'
    """
    chars = list(text)
    if len(chars) <= longest:
        return text
    head, sep, tail = text.rpartition(" (")
    if sep and tail.endswith(")") and len(tail) < 16:
        return "".join(list(head)[:max(longest - len(tail) - 3, 1)]) + "\u2026 (" + tail
    return "".join(chars[:longest - 1]) + "\u2026"


def _whole(values: list[Any]) -> np.ndarray:
    """Whole numbers as a one-dimensional array (also when there are none)."""
    return np.array(values, dtype=np.int64).reshape(-1)


def _type_codes(values: list[Any], types: dict[Any, int]) -> list[int]:
    """Each type's number in ``types`` (added when new); -1 for a type that cannot be a key, an
    error only if its tie is drawn (where its style is looked up), as it always was."""
    try:
        return [types.setdefault(value, len(types)) for value in values]
    except TypeError:
        codes = []
        for value in values:
            try:
                codes.append(types.setdefault(value, len(types)))
            except TypeError:
                codes.append(-1)
        return codes


@dataclass
class Ties:
    """Ties as columns, one entry a tie: its two ends (indices into the nodes, as given), weight
    (finite), type (an index into ``types``), kind, who named it, whether it points one way, and
    whether it crosses a boundary (-1: not said, 0: within a group, 1: across)."""

    start: np.ndarray
    end: np.ndarray
    weight: np.ndarray
    type: np.ndarray
    kind: np.ndarray
    account: np.ndarray
    directed: np.ndarray
    crossing: np.ndarray
    types: dict[Any, int]  # each type, by its index (shared by every Ties of a picture)

    @classmethod
    def of(cls, edges: list[dict[str, Any]], types: dict[Any, int]) -> Ties:
        """The ties of ``edges`` (atlas data's), their types added to ``types``; none said to cross."""
        kinds = {"object-link": OBJECT_LINK, "story-link": STORY_LINK}
        accounts = {"confirmed": CONFIRMED, "one-sided": ONE_SIDED}
        return cls(_whole([edge["from"] for edge in edges]), _whole([edge["to"] for edge in edges]),
                   finites([edge.get("weight") for edge in edges]),
                   _whole(_type_codes([edge.get("type") for edge in edges], types)),
                   _whole([kinds.get(edge.get("kind"), TIE) for edge in edges]),
                   _whole([accounts.get(edge.get("account"), NO_ACCOUNT) for edge in edges]),
                   np.array([bool(edge.get("directed")) for edge in edges], dtype=bool).reshape(-1),
                   np.full(len(edges), -1, dtype=np.int64), types)

    def __len__(self) -> int:
        return len(self.start)

    def take(self, which: np.ndarray) -> Ties:
        """The ties at ``which`` (indices or a mask)."""
        return Ties(*(getattr(self, name)[which] for name in _COLUMNS), self.types)  # type: ignore[arg-type]

    def __add__(self, other: Ties) -> Ties:
        return Ties(*(np.concatenate([getattr(self, name), getattr(other, name)])  # type: ignore[arg-type]
                      for name in _COLUMNS), self.types)


_COLUMNS = ("start", "end", "weight", "type", "kind", "account", "directed", "crossing")


def _groups(keys: np.ndarray) -> list[np.ndarray]:
    """The positions of each distinct key, the keys in the order they first come, each key's
    positions in order (as a dict of lists filled in order would hold them)."""
    if not len(keys):
        return []
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    group = rank[inverse.ravel()]
    return np.split(np.argsort(group, kind="stable"), np.cumsum(np.bincount(group))[:-1])


def _joined(columns: list[Any], rows: np.ndarray) -> str:
    """The texts of ``columns`` (arrays, or one text for every row) written row after row, for ``rows``."""
    pieces = np.empty((len(rows), len(columns)), dtype=object)
    for k, column in enumerate(columns):
        pieces[:, k] = column if isinstance(column, str) else column[rows]
    return "".join(pieces.ravel().tolist())


def _tie_looks(ties: Ties, drawn: np.ndarray,
               styles: dict[Any, dict[str, Any]]) -> tuple[list[tuple[str, str, str]], np.ndarray]:
    """Each drawn tie's colour, dashes and opacity as written (the distinct ones, and each tie's index
    among them): map.js's, crossing ties strong (0.9), ties within a group faint (0.12), others 0.55."""
    if (ties.type[drawn] < 0).any():
        raise TypeError("a type of tie is not a string (or another value that can be a key)")
    code = ((ties.type[drawn] * 3 + ties.account[drawn]) * 3 + ties.crossing[drawn] + 1) * 3 + ties.kind[drawn]
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    types = list(ties.types)
    looks: dict[tuple[str, str, str], int] = {}
    index = []
    for tie in drawn[first].tolist():
        style = styles.get(types[ties.type[tie]], {})
        hue, dashes = colour(style.get("color")), style.get("dashes")
        dashes = [6, 4] if ties.account[tie] == ONE_SIDED and not dashes else dashes  # map.js's ONE_SIDED_DASHES
        crossing = ties.crossing[tie]
        opacity = 0.55 if crossing < 0 else (0.9 if crossing else 0.12)
        if ties.kind[tie] != TIE:
            hue, dashes, opacity = ("#6B6B6B" if ties.kind[tie] == OBJECT_LINK else "#B8860B"), [2, 4], 0.6
        # Looks are told apart as written: 0.55 and 0.6 are both "0.6", and two types may share a colour.
        index.append(looks.setdefault((hue, dash(dashes), number(opacity)), len(looks)))
    return list(looks), np.asarray(index, dtype=np.int64)[inverse.ravel()]


def ties_svg(ties: Ties, styles: dict[Any, dict[str, Any]], px: np.ndarray, py: np.ndarray, r: np.ndarray,
             hidden: np.ndarray, s: float) -> tuple[list[str], bool]:
    """The ties, one path per look (colour, dashes, opacity, width), arrowheads in their own paths;
    and whether any arrowhead is drawn.

    ``px``, ``py`` and ``r`` are the nodes' centres and radii in the picture, ``s`` its scale.
    Widths are map.js's (crossing ties count double); a directed tie ends in an arrowhead on the
    border of the person named. Every sum and product is the one a tie-by-tie loop would make, in
    the same order, so the picture's numbers are the same to the last bit."""
    # Indices as a list reads them: -1 is the last node; one out of range is an IndexError, as it was.
    ends = [np.where((index < 0) & (index >= -len(px)), index + len(px), index) for index in (ties.start, ties.end)]
    weights = ties.weight * np.where(ties.crossing == 1, 2.0, 1.0)
    light, heavy = (weights.min(), weights.max()) if len(ties) else (0.0, 0.0)
    drawn = np.flatnonzero((ends[0] != ends[1]) & ~hidden[ends[0]] & ~hidden[ends[1]])
    looks, look = _tie_looks(ties, drawn, styles)
    a, b = ends[0][drawn], ends[1][drawn]
    width = (np.full(len(drawn), 3.5) if heavy == light
             else WIDTH_MIN + (WIDTH_MAX - WIDTH_MIN) * (weights[drawn] - light) / (heavy - light))
    width = np.where(ties.kind[drawn] == STORY_LINK, 1.0, width)
    x1, y1, x2, y2, rb = px[a], py[a], px[b], py[b], r[b]
    # math.hypot, not numpy's: the two can differ in the last bit, and a length decides an arrowhead.
    length = np.fromiter(map(math.hypot, (x2 - x1).tolist(), (y2 - y1).tolist()), dtype=np.float64, count=len(drawn))
    # vis-network's arrowhead (scale factor 0.5): 7.5 + 3 line widths long, in the map's units,
    # so that it shrinks with the map; too small to see, it is left out, as it is on the page.
    head = (7.5 + 3 * width) * s
    arrow = np.flatnonzero(ties.directed[drawn] & (head >= SMALLEST_ARROW) & (length > rb + head))
    ux, uy = (x2 - x1)[arrow] / length[arrow], (y2 - y1)[arrow] / length[arrow]
    tx, ty = x2[arrow] - ux * (rb[arrow] + 1), y2[arrow] - uy * (rb[arrow] + 1)
    bx, by, nx, ny = -ux * head[arrow], -uy * head[arrow], -uy * head[arrow] * 0.3, ux * head[arrow] * 0.3
    x2[arrow], y2[arrow] = tx + bx * 0.9, ty + by * 0.9
    starts = np.array([f"M{x} {y}" for x, y in zip(numbers(px).tolist(), numbers(py).tolist())] or [""], dtype=object)
    segments = [starts[a], "l", numbers(x2 - x1), " ", numbers(y2 - y1)]
    widths, which = np.unique(np.maximum(width * s, 0.5), return_inverse=True)
    written: dict[str, int] = {}  # widths told apart as written, as looks are
    width_of = np.asarray([written.setdefault(text, len(written)) for text in numbers(widths).tolist()],
                          dtype=np.int64)[which.ravel()]
    width_texts = list(written)
    out = ['<g fill="none" stroke-linecap="butt">']
    for rows in _groups(look * max(len(written), 1) + width_of):
        hue, dashes, opacity = looks[look[rows[0]]]
        dashed = f' stroke-dasharray="{dashes}"' if dashes else ""
        out.append(f'<path stroke="{hue}" stroke-opacity="{opacity}" stroke-width="{width_texts[width_of[rows[0]]]}"'
                   f'{dashed} d="{_joined(segments, rows)}"/>')
    out.append("</g>")
    heads = ["M", numbers(tx), " ", numbers(ty), "l", numbers(bx + nx), " ", numbers(by + ny),  # a tip, two barbs and a notch
             "l", numbers(-nx + bx * -0.1), " ", numbers(-ny + by * -0.1), "l", numbers(bx * 0.1 - nx), " ",
             numbers(by * 0.1 - ny), "z"]
    fills: dict[tuple[str, str], int] = {}  # arrowheads go by colour and opacity alone
    fill_of = np.asarray([fills.setdefault((hue, opacity), len(fills)) for hue, _, opacity in looks] or [0], dtype=np.int64)
    fill_texts = list(fills)
    for rows in _groups(fill_of[look[arrow]]):
        hue, opacity = fill_texts[fill_of[look[arrow][rows[0]]]]
        out.append(f'<path fill="{hue}" fill-opacity="{opacity}" d="{_joined(heads, rows)}"/>')
    return out, bool(len(arrow))


def _cells(left: np.ndarray, top: np.ndarray, right: np.ndarray, bottom: np.ndarray, cell: float,
           low: int, high: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The grid cells a box spans (from its top-left cell to its bottom-right), clipped to ``low``
    to ``high``, as whole numbers: across from, down from, across to, down to."""
    with np.errstate(all="ignore"):
        return tuple(np.clip(np.floor(side / cell), low, high).astype(np.int64)  # type: ignore[return-value]
                     for side in (left, top, right, bottom))


def _lattice(low: np.ndarray, high: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    """The first and last multiples of ``step`` strictly between ``low`` and ``high`` (in steps):
    exact, since ``step`` is a power of two (an empty range when the first is past the last)."""
    with np.errstate(all="ignore"):
        return (np.clip(np.floor(low / step), -1 << 40, 1 << 40).astype(np.int64) + 1,
                np.clip(np.ceil(high / step), -1 << 40, 1 << 40).astype(np.int64) - 1)


def _surely_overlapping(boxes: list[np.ndarray], own: np.ndarray, targets: list[np.ndarray]) -> np.ndarray:
    """Whether each box surely overlaps a target other than its own: some point of a lattice is
    strictly inside both. The lattice's step is a power of two, so that every division by it is
    exact and each point is where it is said to be; the targets holding each point are counted
    once (a difference array), the points of every box summed at once (a summed-area table)."""
    found = np.zeros(len(boxes[0]), dtype=bool)
    if not len(found) or not len(targets[0]):
        return found
    # A side of two steps holds a point: most targets do (a smaller one is left to the exact test).
    typical = float(np.median(np.minimum(targets[2] - targets[0], targets[3] - targets[1])))
    step = 2.0 ** math.floor(math.log2(max(typical / 2, 2.0 ** -20)))
    across, down = (float(targets[k + 2].max() - targets[k].min()) for k in (0, 1))
    while (across / step + 4) * (down / step + 4) > 1 << 20:
        step *= 2  # no more than a million points
    (a, c), (b, d) = _lattice(targets[0], targets[2], step), _lattice(targets[1], targets[3], step)
    holds = (a <= c) & (b <= d)
    if not holds.any():
        return found
    u0, v0 = int(a[holds].min()), int(b[holds].min())
    width, height = int(c[holds].max()) - u0 + 2, int(d[holds].max()) - v0 + 2
    change = np.zeros(width * height, dtype=np.int64)
    for u, v, sign in ((a, b, 1), (c + 1, b, -1), (a, d + 1, -1), (c + 1, d + 1, 1)):
        change += np.bincount(((u - u0) * height + v - v0)[holds], minlength=width * height) * sign
    total = np.zeros((width + 1, height + 1), dtype=np.int64)
    total[1:, 1:] = change.reshape(width, height).cumsum(0).cumsum(1).cumsum(0).cumsum(1)
    (qa, qc), (qb, qd) = _lattice(boxes[0], boxes[2], step), _lattice(boxes[1], boxes[3], step)
    qa, qb = np.maximum(qa - u0, 0), np.maximum(qb - v0, 0)
    qc, qd = np.minimum(qc - u0, width - 1), np.minimum(qd - v0, height - 1)
    some = (qa <= qc) & (qb <= qd)
    qa, qb, qc, qd = (np.where(some, k, 0) for k in (qa, qb, qc, qd))
    held = np.where(some, total[qc + 1, qd + 1] - total[qa, qd + 1] - total[qc + 1, qb] + total[qa, qb], 0)
    mine = np.flatnonzero(some & (own >= 0))  # less the points its own target holds
    o = own[mine]
    shared_x = np.maximum(np.minimum(qc[mine], c[o] - u0) - np.maximum(qa[mine], a[o] - u0) + 1, 0)
    shared_y = np.maximum(np.minimum(qd[mine], d[o] - v0) - np.maximum(qb[mine], b[o] - v0) + 1, 0)
    held[mine] -= np.where(holds[o], shared_x * shared_y, 0)
    return held > 0


def overlapping(boxes: list[np.ndarray], own: np.ndarray, targets: list[np.ndarray]) -> np.ndarray:
    """Whether each box overlaps a target other than its own (``own``: an index into the targets,
    or -1), as a loop over every pair would find: boxes and targets are (left, top, right, bottom)
    arrays, none wider or taller than nothing, and edges that only touch do not overlap.

    Most overlaps on a crowded map are sure ones, found for every box at once
    (:func:`_surely_overlapping`); the other boxes are tested exactly against the targets that
    share a grid cell with them, all pairs at once."""
    hit = _surely_overlapping(boxes, own, targets)
    rest = np.flatnonzero(~hit)
    if not len(rest) or not len(targets[0]):
        return hit
    left, top, right, bottom = (side[rest] for side in boxes)
    extent = max(float(np.max(targets[2]) - np.min(targets[0])), float(np.max(targets[3]) - np.min(targets[1])),
                 float(np.max(right) - np.min(left)), float(np.max(bottom) - np.min(top)))
    # Cells about a box's height, and never so small that the grid is over a thousand across.
    cell = max(float(np.median(bottom - top)), float(np.median(targets[3] - targets[1])), extent / 1024, 1e-9)
    low, high = -1 << 40, 1 << 40
    ta, tb, tc, td = _cells(*targets, cell, low, high)
    ba, bb, bc, bd = _cells(left, top, right, bottom, cell, low, high)
    first = min(int(ta.min()), int(ba.min()))
    top_row, rows = min(int(tb.min()), int(bb.min())), max(int(td.max()), int(bd.max()))
    rows = rows - top_row + 1

    def spanned(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each box's index once for every cell it spans, with that cell's number."""
        across, count = c - a + 1, np.maximum((c - a + 1) * (d - b + 1), 0)
        owner = np.repeat(np.arange(len(a)), count)
        k = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        return owner, (a[owner] + k % across[owner] - first) * rows + (b[owner] + k // across[owner] - top_row)

    target, key = spanned(ta, tb, tc, td)
    order = np.argsort(key, kind="stable")
    target, key = target[order], key[order]
    box, wanted = spanned(ba, bb, bc, bd)
    start, stop = np.searchsorted(key, wanted, "left"), np.searchsorted(key, wanted, "right")
    count = stop - start
    pair_box = np.repeat(box, count)
    pair_target = target[np.repeat(start, count) + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)]
    overlap = ((left[pair_box] < targets[2][pair_target]) & (targets[0][pair_target] < right[pair_box])
               & (top[pair_box] < targets[3][pair_target]) & (targets[1][pair_target] < bottom[pair_box])
               & (pair_target != own[rest][pair_box]))
    hit[rest[np.unique(pair_box[overlap])]] = True
    return hit

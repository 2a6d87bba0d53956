"""The static SVG pictures of the atlas's views: drawn where the atlas draws, keyed, inert, legible."""

from __future__ import annotations

import copy
import itertools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st

from landscape import load, sample_path
from landscape.analysis import analyse
from landscape.render.atlas import atlas_data
from landscape.render.svgmap import text_width, view_svg, view_svgs, xml_text
from landscape.render.svgparts import number, numbers, overlapping
from landscape.render.views import scale as scale_views

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {f"{SVG}circle", f"{SVG}polygon", f"{SVG}rect"}
VIEWS = ("voices", "power", "boundaries", "scale", "leadership", "value")
HELD_OUT = Path("/work/shared/datasets/borgatti_scientists504")  # 504 people, 10 departments: "Other, in grey"


@pytest.fixture(scope="module")
def clinical() -> dict[str, Any]:
    land = load(sample_path("clinical-simulation"))
    return atlas_data(land, analyse(land).results)


@pytest.fixture(scope="module")
def pictures(clinical: dict[str, Any]) -> dict[str, str]:
    return view_svgs(clinical)


def _root(picture: str) -> Any:
    root = ElementTree.fromstring(picture)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


def _nodes(root: Any) -> list[tuple[str, float, float]]:
    """Every node drawn (a shape with a name), in order: name, centre across, centre down."""
    found = []
    for shape in root.iter():
        title = shape.find(f"{SVG}title")
        if shape.tag not in SHAPES or title is None:
            continue
        if shape.tag == f"{SVG}circle":
            found.append((title.text or "", float(shape.get("cx")), float(shape.get("cy"))))
        elif shape.tag == f"{SVG}rect":
            half = float(shape.get("width")) / 2
            found.append((title.text or "", float(shape.get("x")) + half, float(shape.get("y")) + half))
        else:  # a star: the middle of its points across (its points sit a little below its centre)
            points = [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
            found.append((title.text or "", sum(x for x, _ in points) / 10, sum(y for _, y in points) / 10))
    return found


def _segments(root: Any) -> list[tuple[float, float, float, float]]:
    """Every line drawn for a tie: start and end, from the paths of the edges' group."""
    group = next(g for g in root.findall(f"{SVG}g") if g.get("fill") == "none")
    found = []
    for path in group.findall(f"{SVG}path"):
        for x, y, dx, dy in re.findall(r"M(-?[\d.]+) (-?[\d.]+)l(-?[\d.]+) (-?[\d.]+)", path.get("d")):
            found.append((float(x), float(y), float(x) + float(dx), float(y) + float(dy)))
    return found


def _labels(root: Any) -> list[tuple[str, float, float, float, float]]:
    """The names on the map as boxes (left, top, right, bottom), from what was written: each text's
    x, baseline and size, and its width as the picture measures it."""
    groups = root.findall(f"{SVG}g")
    halo = next((i for i, g in enumerate(groups) if g.get("stroke") == "#FFFFFF"), None)
    if halo is None:
        return []
    boxes = []
    for text in groups[halo + 1].findall(f"{SVG}text"):
        size = float(text.get("font-size") or root.get("font-size"))
        bold = text.get("font-weight") == "bold"
        left, top = float(text.get("x")) - size * 0.3, float(text.get("y")) - size * 1.025
        boxes.append((text.text or "", left, top, left + text_width(text.text or "", size, bold) + size * 0.6,
                      top + size * 1.35))
    return boxes


def _key_top(root: Any) -> float:
    return float(next(r for r in root.findall(f"{SVG}rect") if r.get("stroke") == "#CCCCCC").get("y"))


def _key_text(root: Any) -> str:
    top = _key_top(root)
    return " ".join(t.text or "" for t in root.iter(f"{SVG}text") if float(t.get("y")) > top)


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_is_one_titled_svg_with_every_person_where_the_atlas_puts_them(
        clinical: dict[str, Any], pictures: dict[str, str], view: str) -> None:
    root = _root(pictures[view])
    assert list(pictures) == list(VIEWS)
    assert root.find(f"{SVG}title").text == f"clinical-simulation: {view.title()}"
    assert "76 participants as dots" in root.find(f"{SVG}desc").text
    overlay = clinical["views"][view]
    drawn = _nodes(root)
    people, extra = drawn[:76], drawn[76:]
    assert [name for name, _, _ in people] == [person["label"] for person in clinical["people"]]
    assert [name for name, _, _ in extra] == [node["label"] for node in overlay["extra_nodes"]]
    # One scale and one shift for every person, the same across and down: positions and proportions kept.
    xs, ys = overlay["nodes"]["x"], overlay["nodes"]["y"]
    a, b = min(range(76), key=lambda i: xs[i]), max(range(76), key=lambda i: xs[i])
    c, d = min(range(76), key=lambda i: ys[i]), max(range(76), key=lambda i: ys[i])
    across = (people[b][1] - people[a][1]) / (xs[b] - xs[a])
    down = (people[d][2] - people[c][2]) / (ys[d] - ys[c])
    assert across == pytest.approx(down, rel=2e-3)
    stars = {i for i, mark in enumerate(overlay["nodes"].get("mark") or []) if mark == "broker"}
    for i, (_, x, y) in enumerate(people):
        assert x == pytest.approx(people[a][1] + (xs[i] - xs[a]) * across, abs=0.2)
        if i not in stars:  # a star's points sit a little below its centre
            assert y == pytest.approx(people[c][2] + (ys[i] - ys[c]) * across, abs=0.2)


def test_one_person_is_where_a_hand_calculation_puts_them() -> None:
    """Three people 2,000 and 500 apart, all of one size (so each 20 across in the data's units,
    vis-network's middle size). Width 1,000 less two margins of 0.6 and two pads of 1.5 times the
    font (17) leaves 928.6 for 2,000 + 2 x 22 (each node's extent is its size and 2 more): the scale
    is 928.6 / 2,044 = 0.4543; the map is centred at 500, so x = 0 falls at 500 - 1,000 x 0.4543
    = 45.7 and x = 2,000 at 954.3; y = 0 falls at 10.2 + 25.5 + 22 x 0.4543 = 45.69 and y = 500 at
    45.69 + 227.15 = 272.8; the radius is 20 x 0.4543 = 9.1."""
    data = {"meta": {"title": "t"}, "people": [{"label": n} for n in ("Ana", "Ben", "Cleo")], "edges": [],
            "views": {"voices": {"nodes": {"x": [0, 2000, 0], "y": [0, 0, 500], "size": [3, 3, 3],
                                           "color": ["#CC6677"] * 3}, "legend": {}}}}
    picture = view_svg(data, "voices")
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"[^>]*><title>(\w+)', picture)
    assert circles == [("45.7", "45.7", "9.1", "Ana"), ("954.3", "45.7", "9.1", "Ben"), ("45.7", "272.8", "9.1", "Cleo")]


@pytest.mark.parametrize("view", VIEWS)
def test_every_group_of_the_legend_is_in_the_key_with_its_colour_and_count(
        clinical: dict[str, Any], pictures: dict[str, str], view: str) -> None:
    root = _root(pictures[view])
    key = _key_text(root)
    legend = clinical["views"][view]["legend"]
    swatches = {shape.get("fill") for shape in root.iter() if shape.tag in SHAPES
                and shape.find(f"{SVG}title") is None and float(shape.get("cy") or 0) > _key_top(root)}
    others = [group for group in legend["groups"] if group.get("other")]
    for group in legend["groups"]:
        assert group["name"] in key, group["name"]
        if group.get("other"):
            assert f"{group['name']} ({group['count']})" in key
        elif group.get("status") != "missing":
            assert group["color"] in swatches, group
    if others:
        people = sum(group["count"] for group in others)
        assert f"Other, in grey: {len(others)} groups ({people} people)" in key
    for kind in legend["edge_types"]:
        assert re.search(rf"{re.escape(kind['type'])}( \({kind['kind']}\))? {kind['count']:,}", key), kind


def test_the_voices_key_has_its_missing_voices_and_marks_and_the_other_keys_theirs(pictures: dict[str, str]) -> None:
    voices, power, boundaries = (_key_text(_root(pictures[v])) for v in ("voices", "power", "boundaries"))
    assert "Other, in grey: 4 groups (15 people)" in voices
    assert "missing: 2 expected" in voices and "Empty chair" in voices and "peripheral participation" in voices
    assert "Gold ring: sought out beyond their formal rank" in power and "reports_to (formal) 44" in power
    assert "Star: among the top tenth of brokers" in boundaries and "boundary object" in boundaries
    assert "Across a boundary: drawn strong" in boundaries and "Empty chair" not in boundaries


@pytest.mark.parametrize("view", VIEWS)
def test_only_the_ties_the_view_shows_are_drawn(clinical: dict[str, Any], pictures: dict[str, str], view: str) -> None:
    overlay = clinical["views"][view]
    shown = overlay["edges"].get("shown") or [True] * len(clinical["edges"])
    root = _root(pictures[view])
    segments = _segments(root)
    assert len(segments) == sum(shown) + len(overlay["extra_edges"])
    # A tie of a type the view leaves out would be drawn in the fallback grey: there is none.
    assert not [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#888888"]
    # Take one tie out: exactly its line goes, the one from its first person towards its second.
    k = next(i for i, (edge, s) in enumerate(zip(clinical["edges"], shown)) if s and edge["from"] != edge["to"])
    fewer = copy.deepcopy(clinical)
    fewer["views"][view]["edges"]["shown"] = [s and i != k for i, s in enumerate(shown)]
    [(x1, y1, x2, y2)] = set(segments) - set(_segments(_root(view_svg(fewer, view))))
    centres = [(x, y) for _, x, y in _nodes(root)]
    (ax, ay), (bx, by) = centres[clinical["edges"][k]["from"]], centres[clinical["edges"][k]["to"]]
    assert (x1, y1) == pytest.approx((ax, ay), abs=0.01)
    assert (x2 - x1) * (by - y1) - (y2 - y1) * (bx - x1) == pytest.approx(0, abs=0.2 * ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)


@pytest.mark.parametrize("view", VIEWS)
def test_names_never_overlap_and_never_sit_on_the_key(pictures: dict[str, str], view: str) -> None:
    root = _root(pictures[view])
    boxes = _labels(root)
    assert len(boxes) >= 20  # the important people are named
    for (a, *one), (b, *two) in itertools.combinations(boxes, 2):
        assert not (one[0] < two[2] and two[0] < one[2] and one[1] < two[3] and two[1] < one[3]), (a, b)
    top, width = _key_top(root), float(root.get("viewBox").split()[2])
    assert all(bottom <= top and 0 <= left and right <= width for _, left, _, right, bottom in boxes)


def test_empty_chairs_boundary_objects_and_rows_are_named_first(pictures: dict[str, str]) -> None:
    names = {view: {text for text, *_ in _labels(_root(pictures[view]))} for view in VIEWS}
    assert {"pharmacists (expected 2)", "paramedics (expected 2)"} <= names["voices"]
    assert {"level 5", "level 1", "no level recorded"} <= names["power"]
    assert {"Simulation Steering Committee", "Shared scenario library"} <= names["boundaries"]
    assert "St Columba's Teaching Hospital" in names["scale"]


def test_the_same_data_gives_the_same_bytes_and_numbers_keep_one_decimal(clinical: dict[str, Any],
                                                                        pictures: dict[str, str]) -> None:
    assert view_svgs(copy.deepcopy(clinical)) == pictures
    for picture in pictures.values():
        geometry = re.findall(r' (?:d|points|x|y|cx|cy|r|width|height|stroke-width|viewBox)="([^"]*)"', picture)
        numbers = re.findall(r"-?[\d.]+", " ".join(geometry))
        assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in numbers)


HOSTILE = ["<script>alert(1)</script>", "]]><x>", "Zoë & \"Mo\" 'Li'", "ctrl\x01\x0bchars", "onload=alert(1)"]


@pytest.fixture
def hostile(csv_input: Callable[..., Path]) -> dict[str, Any]:
    people = [["id", "name", "community", "stakeholder_group"]]
    people += [[f"H{i}", name, f"<b>c{i % 2}</b>]]>", "<svg onload=alert(1)>"] for i, name in enumerate(HOSTILE)]
    ties = [["source", "target", "type", "boundary_object"]]
    ties += [[f"H{i}", f"H{i + 1}", "advice", "<script>x</script>"] for i in range(len(HOSTILE) - 1)]
    land = load(csv_input(participants=people, relationships=ties))
    return atlas_data(land, analyse(land).results)


def test_hostile_names_are_text_and_the_pictures_are_inert(hostile: dict[str, Any]) -> None:
    for view, picture in view_svgs(hostile).items():
        root = _root(picture)  # parses: every string escaped, no character XML forbids
        assert "<script" not in picture and "<x>" not in picture and "<b>" not in picture and "]]><" not in picture
        tags = re.findall(r"<[^>]*>", picture)  # markup only: text holds no "<", escaped as it is
        assert not [tag for tag in tags if re.search(r"\s(on\w+|href|xlink:href|style)\s*=", tag, flags=re.I)]
        assert not [name for element in root.iter() for name in element.attrib if name.lower().startswith("on")]
        assert not re.search(r"foreignObject|<image|<use|<a\b|url\(", picture)
        elements = {element.tag.removeprefix(SVG) for element in root.iter()}
        assert elements <= {"svg", "title", "desc", "rect", "g", "path", "circle", "polygon", "text"}, view
        names = [name for name, _, _ in _nodes(root)][:len(HOSTILE)]
        assert names == [re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", p["label"]) for p in hostile["people"]], view
        assert any("]]>" in name for name in names) and any("<script>" in name for name in names)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view_svg(hostile, "voices")


def test_xml_text_drops_what_xml_forbids_and_the_colours_are_checked() -> None:
    assert xml_text("a\x00b\ud800c\ufffed\U0001F600") == "abcd\U0001F600"
    data = {"meta": {"title": "t"}, "people": [{"label": "A"}], "edges": [],
            "views": {"voices": {"nodes": {"x": [0], "y": [float("nan")], "size": [1],
                                           "color": ['red" onload="alert(1)']}, "legend": {}}}}
    picture = view_svg(data, "voices")
    assert "onload" not in picture and "nan" not in picture and 'fill="#888888"' in picture


def test_a_folded_atlas_is_one_picture_of_its_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale_views, "FOLD_ABOVE", 50)
    land = load(sample_path("clinical-simulation"))
    data = atlas_data(land, analyse(land).results)
    assert "views" not in data
    pictures = view_svgs(data)
    assert list(pictures) == ["units"]
    root = _root(pictures["units"])
    start = [node for node in data["nodes"] if node["unit_level"] == data["units"]["start"]]
    assert [name for name, _, _ in _nodes(root)] == [node["label"] for node in start]
    assert "each of the 2 dots is a wider unit" in root.find(f"{SVG}desc").text
    assert {text for text, *_ in _labels(root)} == {node["label"] for node in start}
    assert len(_segments(root)) == sum(1 for edge in data["edges"] if edge["unit_level"] == data["units"]["start"])
    with pytest.raises(ValueError, match="the only view is 'units'"):
        view_svg(data, "voices")


@pytest.mark.skipif(not HELD_OUT.is_dir(), reason="the held-out datasets are not on this machine")
def test_a_dataset_the_tests_do_not_hold_draws_every_view() -> None:
    land = load(HELD_OUT, group="department")
    data = atlas_data(land, analyse(land).results)
    for view, picture in view_svgs(data).items():
        root = _root(picture)
        assert len(_nodes(root)) == 504 + len(data["views"][view]["extra_nodes"]), view
        positions = {(x, y) for _, x, y in _nodes(root)}
        assert len(positions) > 400, view  # a view the page lays out by physics borrows Voices's positions
        boxes = _labels(root)
        for (_, *one), (_, *two) in itertools.combinations(boxes, 2):
            assert not (one[0] < two[2] and two[0] < one[2] and one[1] < two[3] and two[1] < one[3])
    key = _key_text(_root(view_svg(data, "boundaries")))
    assert "Other, in grey: 1 group (4 people)" in key and "Dept 30 (4)" in key and "Dept 7 108" in key


@pytest.mark.browser
def test_names_drawn_by_a_browser_do_not_overlap_and_the_key_fits(browser: Any, pictures: dict[str, str],
                                                                 tmp_path: Path) -> None:
    """The widths the picture estimates hold for the fonts a browser draws with."""
    for view, picture in pictures.items():
        page = tmp_path / f"{view}.html"
        page.write_text(f'<!DOCTYPE html><meta charset="utf-8"><div style="width:17cm">{picture}</div>', "utf-8")
        tab = browser.new_page()
        tab.goto(page.as_uri())
        found = tab.evaluate("""() => {
          const svg = document.querySelector('svg'), halo = svg.querySelector(':scope > g[stroke="#FFFFFF"]');
          const key = svg.querySelector(':scope > rect[stroke="#CCCCCC"]').getBBox();
          const names = [...halo.nextElementSibling.querySelectorAll('text')].map(t => t.getBBox());
          const overlaps = names.filter((a, i) => names.some((b, j) => j > i && a.x < b.x + b.width &&
            b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)).length;
          const outside = [...svg.querySelectorAll('text')].map(t => t.getBBox()).filter(b => b.y > key.y &&
            (b.x < key.x || b.x + b.width > key.x + key.width || b.y + b.height > key.y + key.height)).length;
          return {names: names.length, overlaps, outside, over: names.filter(b => b.y + b.height > key.y).length};
        }""")
        tab.close()
        assert found["names"] >= 20 and found == {**found, "overlaps": 0, "outside": 0, "over": 0}, view


def test_the_grey_groups_are_listed_once_before_none(csv_input: Callable[..., Path]) -> None:
    """Twelve communities (three share the grey) and people without one: the key lists the grey
    groups together once, before "(none)" (this raised an IndexError before it was fixed)."""
    people = [["id", "name", "community"]] + [[f"p{i}", f"Person {i}", f"C{i % 12:02d}" if i % 13 else ""]
                                              for i in range(40)]
    ties = [["source", "target", "type"]] + [[f"p{i}", f"p{(i * 7 + 3) % 40}", "advice"] for i in range(40)]
    land = load(csv_input(participants=people, relationships=ties))
    data = atlas_data(land, analyse(land).results)
    for view, picture in view_svgs(data).items():
        key = _key_text(_root(picture))
        if "(none)" in key and "Other, in grey" in key:
            assert key.count("Other, in grey") == 1 and key.index("Other, in grey") < key.index("(none)"), view


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-400_000, 400_000).map(lambda k: k / 20)
                | st.integers(-400_000, 400_000).map(lambda k: k / 4), max_size=50))
def test_numbers_written_all_at_once_are_those_written_one_at_a_time(values: list[float]) -> None:
    """x.x5 and x.25 (halves of a tenth, exactly or a hair off), huge, tiny, NaN: the same text."""
    assert numbers(values).tolist() == [number(value) for value in values]


def test_numbers_written_all_at_once_across_the_picture() -> None:
    rng = np.random.default_rng(7)
    values = np.concatenate([rng.uniform(-30_000, 30_000, 100_000), rng.integers(-10**6, 10**6, 50_000) / 20,
                             np.nextafter(rng.integers(-10**5, 10**5, 20_000) / 20, np.inf), [0.0, -0.0, -0.04, 1e300]])
    assert numbers(values).tolist() == [number(value) for value in values.tolist()]


def test_boxes_overlap_in_bulk_as_pair_by_pair() -> None:
    """Names' boxes against nodes' boxes, edges on the lattice and touching (which is not overlapping)."""
    rng = np.random.default_rng(3)
    for trial in range(150):
        grid, spread = rng.choice([0.5, 1, 2, 4]), rng.choice([50, 500, 5000])
        n, m = rng.integers(1, 120), rng.integers(1, 80)
        centre = [np.round(rng.uniform(0, spread, n) / grid) * grid for _ in range(2)]
        half = np.round(rng.uniform(0, 8, n) / grid) * grid + rng.choice([0, 0.1])
        targets = [centre[0] - half, centre[1] - half, centre[0] + half, centre[1] + half]
        left, top = (np.round(rng.uniform(-10, spread, m) / grid) * grid for _ in range(2))
        if trial % 3 == 0:  # right beside a target
            k = rng.integers(0, n, m)
            left, top = targets[2][k], targets[1][k]
        boxes = [left, top, left + np.round(rng.uniform(0, 120, m) / grid) * grid, top + grid * rng.integers(1, 12)]
        own = rng.integers(-1, n, m)
        pairwise = [any(boxes[0][i] < targets[2][j] and targets[0][j] < boxes[2][i] and boxes[1][i] < targets[3][j]
                        and targets[1][j] < boxes[3][i] and j != own[i] for j in range(n)) for i in range(m)]
        assert overlapping(boxes, own, targets).tolist() == pairwise, trial


def _crowd(people: int) -> dict[str, Any]:
    """A crowded Voices: people scattered over a square that grows with them (the picture does
    not), five ties each."""
    rng = np.random.default_rng(1)
    side = 60 * people ** 0.5
    ends = rng.integers(0, people, (5 * people, 2)).tolist()
    return {"meta": {"title": "crowd"}, "people": [{"label": f"Person {i}"} for i in range(people)],
            "edges": [{"from": a, "to": b, "type": "advice", "directed": True, "weight": 1 + (a + b) % 3} for a, b in ends],
            "views": {"voices": {"nodes": {"x": rng.uniform(0, side, people).tolist(),
                                           "y": rng.uniform(0, side, people).tolist(),
                                           "size": [1 + i % 7 for i in range(people)], "color": ["#CC6677"] * people},
                                 "legend": {"edge_types": [{"type": "advice", "color": "#2B6CB0", "dashes": False}]}}}}


def _calls(function: Callable[..., Any], *args: Any) -> int:
    """How many functions (Python's and built-in) a call of ``function`` calls: unlike its time,
    a count that neither the machine's speed nor its load changes."""
    count, before = [0], sys.getprofile()

    def counted(frame: Any, event: str, arg: Any) -> None:
        count[0] += event in ("call", "c_call")

    sys.setprofile(counted)
    try:
        function(*args)
    finally:
        sys.setprofile(before)
    return count[0]


def test_drawing_a_crowd_takes_work_in_step_with_its_size() -> None:
    """Eight times the people (and ties) take about eight times the work, not sixty-four: nodes,
    ties and names are drawn in bulk, never each against each other; and a person costs fewer than
    150 calls (about 80 here; it was over 500 when each number was written one at a time, and the
    six pictures of 10,000 people took 4.8 s, not 0.55)."""
    view_svgs(_crowd(50))  # what is made once (the table of numbers written) is made
    small, large = _calls(view_svgs, _crowd(500)), _calls(view_svgs, _crowd(4000))
    assert large < 12 * small and large < 150 * 4000, (small, large)

"""Maps opened in headless Chromium: drawn, offline, interactive, and inert to hostile text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from landscape import load, map_data, write_map
from landscape.io import sample_path
from tests.test_html import HOSTILE_NAMES, hostile_input  # noqa: F401 - a fixture used below

pytestmark = pytest.mark.browser


class Visit:
    """A page opened from a file, with every request, dialog and script error it caused."""

    def __init__(self, browser: Any, path: Path, *, ready: bool = True) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        # The page marks itself ready once the layout has settled; waiting on an attribute needs
        # no script evaluation, which the page's Content-Security-Policy forbids. A report runs no
        # script and has no such mark (ready=False).
        if ready:
            self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)

    def node_position(self, node_id: int) -> dict[str, float]:
        return self.page.evaluate(
            "(id) => { const m = window.landscapeMap; const p = m.network.getPositions([id])[id];"
            " const d = m.network.canvasToDOM(p); const r = document.getElementById('network')"
            ".getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }",
            node_id,
        )

    def close(self) -> None:
        self.context.close()


def _map(tmp_path: Path, source: Path, **options: Any) -> Path:
    return write_map(map_data(load(source), **options), tmp_path / "map.html")


def test_sample_map_draws_every_participant_and_asks_nothing_of_the_network(browser: Any, tmp_path: Path) -> None:
    land = load(sample_path("clinical-simulation"))
    visit = Visit(browser, _map(tmp_path, sample_path("clinical-simulation")))
    try:
        page = visit.page
        assert page.evaluate("window.landscapeMap.nodes.length") == land.graph.number_of_nodes() == 76
        assert page.evaluate("Object.keys(window.landscapeMap.network.getPositions()).length") == 76
        size = page.evaluate("(() => { const c = document.querySelector('#network canvas');"
                             " return [c.width, c.height]; })()")
        assert size[0] > 300 and size[1] > 300
        assert page.locator("#legend-groups li").count() == 8
        assert visit.requests == [visit.url]
        assert visit.dialogs == [] and visit.errors == []
    finally:
        visit.close()


def test_clicking_a_person_shows_their_details_and_search_finds_by_name(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, _map(tmp_path, sample_path("krackhardt-hightech"), color_by="department"))
    try:
        page = visit.page
        point = visit.node_position(6)  # Manager 07, the CEO
        page.mouse.click(point["x"], point["y"])
        assert page.locator("#details-list dd").first.text_content() == "Manager 07"
        assert "CEO" in page.locator("#details-list").text_content()
        faded = page.evaluate("window.landscapeMap.nodes.get().filter(n => n.color.background === '#E6E6E6').length")
        neighbours = page.evaluate("window.landscapeMap.network.getConnectedNodes(6).length")
        assert faded == 21 - 1 - neighbours
        page.fill("#search", "manager 1")
        assert page.locator("#result-list button").count() == 10  # Manager 10 to 19; not Manager 01
        page.locator("#result-list button", has_text="Manager 18").click()
        assert page.locator("#details-list dd").first.text_content() == "Manager 18"
        assert visit.requests == [visit.url] and visit.errors == []
    finally:
        visit.close()


def test_hostile_names_show_as_text_and_run_nothing(browser: Any, tmp_path: Path, hostile_input: Path) -> None:
    visit = Visit(browser, _map(tmp_path, hostile_input, title="<img src=x onerror=alert(1)>"))
    try:
        page = visit.page
        assert page.evaluate("window.landscapeMap.nodes.length") == len(HOSTILE_NAMES)
        assert page.locator("h1").text_content() == "<img src=x onerror=alert(1)>"
        point = visit.node_position(1)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("#tooltip:not([hidden])")
        assert page.locator("#tooltip strong").text_content() == HOSTILE_NAMES[1]
        page.fill("#search", "script")
        assert page.locator("#result-list button").first.text_content() == HOSTILE_NAMES[0]
        legend = page.locator("#legend-groups").text_content()
        assert "<i>community 1</i>" in legend
        # Relationship types are normalised (case, spaces and hyphens), and still shown as text.
        assert "<b_onmouseover=alert(1)>advice</b>" in page.locator("#legend-edges").text_content()
        assert page.evaluate("document.querySelectorAll('img, svg, i, b').length") == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert visit.dialogs == []
        assert visit.requests == [visit.url]
        assert visit.errors == []
    finally:
        visit.close()


def test_voices_view_draws_empty_chairs_and_lists_findings(browser: Any, tmp_path: Path) -> None:
    path = write_map(map_data(load(sample_path("clinical-simulation")), view="voices"), tmp_path / "voices.html")
    visit = Visit(browser, path)
    try:
        page = visit.page
        assert page.evaluate("window.landscapeMap.nodes.length") == 78  # 76 people and 2 empty chairs
        chair = page.evaluate("window.landscapeMap.nodes.get(76)")
        assert chair["color"]["background"] == "#FFFFFF" and chair["shapeProperties"]["borderDashes"] == [5, 4]
        assert page.locator("#finding-list li").count() == len(map_data(load(sample_path("clinical-simulation")),
                                                                        view="voices")["findings"])
        assert page.locator("#findings").is_visible()
        assert "missing: 2 expected" in page.locator("#legend-groups").text_content()
        point = visit.node_position(76)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("#tooltip:not([hidden])")
        assert page.locator("#tooltip strong").text_content() == "pharmacists (expected 2)"
        assert visit.requests == [visit.url] and visit.errors == [] and visit.dialogs == []
    finally:
        visit.close()


def test_tooltip_follows_the_pointer_and_search_ignores_accents(browser: Any, tmp_path: Path, csv_input) -> None:
    people = [["id", "name"], ["A", "Zoë Dubois"], ["B", "Ben"], ["C", "Chloé"]]
    ties = [["source", "target"], ["A", "B"], ["B", "C"]]
    visit = Visit(browser, _map(tmp_path, csv_input(participants=people, relationships=ties)))
    try:
        page = visit.page
        point = visit.node_position(1)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("#tooltip:not([hidden])")
        box = page.locator("#tooltip").bounding_box()
        assert 0 < box["x"] - point["x"] <= 20 and 0 < box["y"] - point["y"] <= 20
        assert page.locator("#tooltip dt").all_text_contents() == ["id", "connected to"]  # the name is the title
        page.fill("#search", "zoe")
        assert page.locator("#result-list button").all_text_contents() == ["Zoë Dubois"]
        page.fill("#search", "CHLOE")
        assert page.locator("#result-list button").all_text_contents() == ["Chloé"]
    finally:
        visit.close()



def test_power_view_puts_the_most_senior_at_the_top(browser: Any, tmp_path: Path) -> None:
    land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    path = write_map(map_data(land, view="power", relations=["advice"]), tmp_path / "power.html")
    visit = Visit(browser, path)
    try:
        positions = visit.page.evaluate("window.landscapeMap.network.getPositions()")
        ceo, vp, manager = positions["6"]["y"], positions["1"]["y"], positions["0"]["y"]  # nodes 7, 2 and 1
        assert ceo < vp < manager
        assert visit.requests == [visit.url] and visit.errors == []
    finally:
        visit.close()



def test_boundaries_view_toggles_boundary_objects(browser: Any, tmp_path: Path) -> None:
    path = write_map(map_data(load(sample_path("clinical-simulation")), view="boundaries"), tmp_path / "b.html")
    visit = Visit(browser, path)
    try:
        page = visit.page
        hidden = "window.landscapeMap.nodes.get().filter(n => n.shape === 'square' && n.hidden).length"
        assert page.evaluate(hidden) == 6
        page.click("#objects")
        assert page.evaluate(hidden) == 0
        assert page.locator("#objects").text_content() == "Hide boundary objects"
        assert "No tie between Simulation Steering Committee and Student Simulation Society" in \
            page.locator("#legend-notes").text_content()
        positions = page.evaluate("window.landscapeMap.network.getPositions([0])")  # vis rounds to whole units
        placed = map_data(load(sample_path("clinical-simulation")), view="boundaries")["nodes"][0]
        assert abs(positions["0"]["x"] - placed["x"]) <= 1 and abs(positions["0"]["y"] - placed["y"]) <= 1
        assert visit.requests == [visit.url] and visit.errors == []
    finally:
        visit.close()


def _unit_position(page: Any, unit: str) -> dict[str, float]:
    return page.evaluate("(id) => { const n = window.landscapeMap.network; const p = n.getPositions([id])[id];"
                         " const d = n.canvasToDOM(p); const r = document.getElementById('network')"
                         ".getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }", unit)


def _people_spots(page: Any) -> set[tuple[int, int]]:
    """The distinct spots of the people drawn (units left out), to the unit."""
    positions = page.evaluate("window.landscapeMap.network.getPositions()")
    return {(round(p["x"]), round(p["y"])) for key, p in positions.items() if not key.startswith("unit:")}


def test_scale_view_opens_and_folds_units(browser: Any, tmp_path: Path) -> None:
    land = load(sample_path("clinical-simulation"))
    path = write_map(map_data(land, view="scale", levels=["community", "organisation"]), tmp_path / "s.html")
    visit = Visit(browser, path)
    try:
        page = visit.page
        visible = "Object.keys(window.landscapeMap.network.getPositions()).length"
        assert page.evaluate(visible) == 5  # the five organisations, each folded into one node
        assert page.locator("#level").input_value() == "organisation"
        unit = _unit_position(page, "unit:organisation:0")
        page.mouse.click(unit["x"], unit["y"])  # Northgate University (34) opens into its members
        assert page.evaluate(visible) == 5 - 1 + 34
        # ...each where the layout put them, not stacked on the unit's spot.
        assert len(_people_spots(page)) == 34
        # A double-click on another unit opens it (its first click does) and leaves it open; the
        # double-click itself once asked vis about the unit just opened: "Node does not exist".
        other = _unit_position(page, "unit:organisation:1")
        page.mouse.dblclick(other["x"], other["y"])
        page.wait_for_timeout(300)
        opened = page.evaluate(visible)
        assert opened > 5 - 2 + 34 and "unit:organisation:1" not in page.evaluate("window.landscapeMap.network"
                                                                                   ".getPositions()")
        assert len(_people_spots(page)) == opened - 3
        assert visit.errors == []
        page.select_option("#level", "community")
        assert page.evaluate(visible) == 7 + 16  # seven communities, and the 16 people without one
        page.select_option("#level", "people")
        assert page.evaluate(visible) == 76
        assert visit.requests == [visit.url] and visit.errors == []
    finally:
        visit.close()

def test_atlas_scale_view_opens_units_apart_and_views_draw_their_ties(browser: Any, tmp_path: Path) -> None:
    from landscape.render.atlas import write_atlas

    land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    files = write_atlas(land, tmp_path / "atlas", options={"relations": ["advice"], "group": "department",
                                                          "levels": ["department"]})
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        page.click("#views button[data-view=boundaries]")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        drawn = page.evaluate("[...new Set(window.landscapeMap.edges.get().map(e => e.relType))].sort()")
        assert drawn == ["advice"]  # not friendship, nor reports_to
        page.click("#views button[data-view=scale]")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        visible = "Object.keys(window.landscapeMap.network.getPositions()).length"
        assert page.evaluate(visible) == 5  # the five departments
        members = page.evaluate("window.landscapeMap.view.scale.units.department[0].members")
        unit = _unit_position(page, "unit:department:0")
        page.mouse.dblclick(unit["x"], unit["y"])
        page.wait_for_timeout(300)
        assert page.evaluate(visible) == 5 - 1 + members
        assert len(_people_spots(page)) == members
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()


def test_edge_widths_are_those_vis_network_scaling_gives(browser: Any, tmp_path: Path) -> None:
    """The page sets each tie's width from its weight itself (vis's own scaling re-reads every edge,
    slow on large maps): the widths must be what vis-network's scaling of the same values gives."""
    visit = Visit(browser, _map(tmp_path, sample_path("clinical-simulation"), view="boundaries"))
    try:
        widths = visit.page.evaluate("""() => {
            const data = JSON.parse(document.getElementById('landscape-data').textContent);
            const values = data.edges.map(e => e.crossing ? e.weight * 2 : e.weight);
            const box = document.createElement('div');
            box.style.width = '300px'; box.style.height = '300px';
            document.body.appendChild(box);
            const nodes = new vis.DataSet(data.nodes.map(n => ({id: n.id})));
            const edges = new vis.DataSet(data.edges.map((e, i) => ({id: i, from: e.from, to: e.to, value: values[i]})));
            const reference = new vis.Network(box, {nodes, edges}, {physics: false, edges: {scaling: {min: 1, max: 6}}});
            const drawn = window.landscapeMap.network.body.edges;
            const out = data.edges.map((e, i) => [values[i], drawn[i].options.width, reference.body.edges[i].options.width]);
            reference.destroy();
            return out;
        }""")
        assert len(widths) > 300 and len({value for value, _, _ in widths}) > 2  # weights that differ
        assert all(abs(ours - theirs) < 1e-9 for _, ours, theirs in widths)
        assert min(ours for _, ours, _ in widths) == 1 and max(ours for _, ours, _ in widths) == 6
    finally:
        visit.close()


def test_atlas_leadership_view_draws_the_nominations_offline(browser: Any, tmp_path: Path) -> None:
    """The sample's Leadership view: only the 46 nominations of 2025 drawn, the four widely looked to
    ringed (gold, or green when new since 2024), nothing asked of the network, no script error."""
    import landscape

    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        page.click("#views button[data-view=leadership]")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        drawn = page.evaluate("window.landscapeMap.edges.get().filter(e => !e.hidden).map(e => e.relType)")
        assert set(drawn) == {"looks_to_for_leadership"} and len(drawn) == 46
        rings = page.evaluate("window.landscapeMap.view.nodes.filter(n => n.mark).map(n => n.mark).sort()")
        assert rings == ["emerging", "emerging", "emerging", "leader"]
        assert page.locator("#legend-styles li").count() == 2
        assert "Leadership is shared" in page.locator("#findings").inner_text()
        assert visit.errors == [] and visit.dialogs == [] and visit.requests == [visit.url]
    finally:
        visit.close()


def test_clicking_a_story_opens_it_and_one_without_consent_is_not_quoted(browser: Any, tmp_path: Path) -> None:
    """The sample's Value view: six gold diamonds; clicking 'Half the set-up time' shows its words,
    clicking story S3 (no consent) says it is not quoted."""
    import landscape

    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        page.click("#views button[data-view=value]")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        stories = page.evaluate("window.landscapeMap.view.nodes.filter(n => n.kind === 'story')"
                                ".map(n => [n.id, n.label])")
        assert len(stories) == 6
        shown = page.evaluate("window.landscapeMap.nodes.get().filter(n => n.shape === 'diamond' && !n.hidden).length")
        assert shown == 6
        for label, expected in (("Half the set-up time", "three scenarios in a morning"),
                                ("Story S3", "Not quoted: the teller did not agree to share the words.")):
            node = next(i for i, name in stories if name == label)
            spot = visit.node_position(node)
            page.mouse.click(spot["x"], spot["y"])
            page.wait_for_timeout(200)
            assert expected in page.locator("#panel").inner_text(), label
        assert "Will Chen brought" not in page.content()
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()

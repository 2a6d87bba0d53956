"""Hostile content in every output: text that would be markup, script, a template or a formula.

The corpus entry tests/data/hostile-content puts the same hostile strings (see HOSTILE in
tests/data/build_corpus.py) in names, communities, stakeholder groups, roles, relationship types
and boundary objects; hostile-sheet-name.xlsx puts one in a sheet name, which the import report
quotes. Every page is opened in headless Chromium and used (every view, hover, click, search,
filters); nothing may run, load, or become an element.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from landscape import export, load, map_data, write_map
from landscape.render.atlas import write_atlas
from tests.conftest import DATA
from tests.test_browser import Visit

HOSTILE_INPUT = DATA / "hostile-content"
VIEWS = ("network", "voices", "power", "boundaries", "scale", "leadership", "value")
# Elements the hostile strings would create if any of them reached the page as HTML.
# The report's own maps are SVG pictures, each the only child of a figure.map; any other SVG, and any
# element a picture could carry script or a link in, came from the data.
INJECTED = ("document.querySelectorAll('img, svg:not(figure.map > svg), b, iframe, object, embed, a[href^=javascript],"
            " figure.map script, figure.map foreignObject, figure.map a, figure.map image, figure.map use').length")


def _hostile_strings() -> list[str]:
    with (HOSTILE_INPUT / "participants.csv").open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in list(csv.reader(handle))[1:]]


def _inert(visit: Visit, scripts: int) -> None:
    page = visit.page
    assert visit.dialogs == [], visit.dialogs
    assert visit.errors == [], visit.errors
    assert visit.requests == [visit.url], visit.requests
    assert page.evaluate(INJECTED) == 0
    assert page.evaluate("document.scripts.length") == scripts  # the page's own, and no other


def _Report(browser: Any, path: Path) -> Visit:  # noqa: N802 - reads like the class it makes
    """A report page: it runs no script, so there is no ready mark to wait for."""
    return Visit(browser, path, ready=False)


def _use_every_node(visit: Visit) -> None:
    """Hover and click every person drawn, so that tooltips and details show each string."""
    page = visit.page
    ids = page.evaluate("window.landscapeMap.nodes.getIds()")
    for node_id in ids[:12]:
        try:
            point = visit.node_position(node_id)
        except Exception:  # noqa: BLE001 - a node folded into a cluster has no position of its own
            continue
        page.mouse.move(point["x"], point["y"])
        page.mouse.click(point["x"], point["y"])


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS)
def test_every_map_view_shows_hostile_text_as_text(browser: Any, tmp_path: Path, view: str) -> None:
    land = load(HOSTILE_INPUT)
    page_path = write_map(map_data(land, view=view, title="<img src=x onerror=alert('title')>"), tmp_path / "map.html")
    visit = Visit(browser, page_path)
    try:
        _use_every_node(visit)
        visit.page.fill("#search", "alert")
        results = visit.page.locator("#result-list button")
        if view != "scale":  # the scale view starts folded into units; people are found once opened
            assert results.count() >= 4
            shown = {results.nth(i).text_content() for i in range(results.count())}
            assert shown <= set(_hostile_strings())
        assert visit.page.title() == "<img src=x onerror=alert('title')>"
        _inert(visit, scripts=3)  # the data (JSON), vis-network and map.js
    finally:
        visit.close()


@pytest.mark.browser
def test_the_atlas_shows_hostile_text_as_text_in_every_view_and_filter(browser: Any, tmp_path: Path) -> None:
    files = write_atlas(load(HOSTILE_INPUT), tmp_path / "atlas", title="{{constructor.constructor('alert(1)')()}}")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        for view in ("voices", "power", "boundaries", "scale"):
            page.click(f"#views button[data-view={view}]")
            page.wait_for_selector("body[data-ready=true]", state="attached")
            _use_every_node(visit)
        page.click("#views button[data-view=voices]")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        page.select_option("#filter-attribute", "role")
        values = page.locator("#filter-value option").all_text_contents()
        assert set(_hostile_strings()) <= set(values)
        page.select_option("#filter-value", label=_hostile_strings()[1])
        visible = page.evaluate("window.landscapeMap.nodes.get().filter(n => !n.hidden).length")
        assert visible == 1
        assert page.locator("#details-list").count() == 1
        _inert(visit, scripts=3)  # the data (JSON), vis-network and map.js
    finally:
        visit.close()


@pytest.mark.browser
def test_the_report_and_import_section_are_inert(browser: Any, tmp_path: Path) -> None:
    source = tmp_path / "hostile.xlsx"
    shutil.copyfile(DATA / "hostile-sheet-name.xlsx", source)
    files = write_atlas(load(source), tmp_path / "out", title="</title><script>alert('t')</script>")
    for path in (files.report_html, files.atlas):
        visit = (_Report if path == files.report_html else Visit)(browser, path)
        try:
            text = visit.page.locator("body").inner_text()
            if path == files.report_html:
                assert "<img src=x onerror=alert(1)>" in text  # the sheet name, as text in the import report
            assert "</title><script>alert('t')</script>" in text  # the title, as text
            _inert(visit, scripts=0 if path == files.report_html else 3)
        finally:
            visit.close()
    visit = _Report(browser, write_atlas(load(HOSTILE_INPUT), tmp_path / "report").report_html)
    try:
        text = visit.page.locator("body").inner_text()
        for hostile in _hostile_strings():  # each is a stakeholder group: the Voices table lists them all
            assert hostile in text, hostile
        assert str(DATA) not in text  # files are named, not the folders they live in
        _inert(visit, scripts=0)
    finally:
        visit.close()


def test_markdown_report_does_not_turn_hostile_text_into_markup(tmp_path: Path) -> None:
    files = write_atlas(load(HOSTILE_INPUT), tmp_path / "out")
    markdown = files.report_markdown.read_text("utf-8")
    assert "alert('img')" in markdown  # the strings are there...
    # ...and no "<" that could open a tag or an autolink is left bare (a bare "X <= 2" is text)...
    assert re.search(r"(?<!\\)<(?=[A-Za-z/!?])", markdown) is None
    # ...which a CommonMark renderer (with GitHub's tables and strikethrough) confirms: the only tags
    # are the report's own, and every hostile string reads as written.
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    tags = set(re.findall(r"<([a-z0-9]+)", rendered))
    assert tags <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
                    "img"}, tags
    assert re.findall(r'<img src="([^"]*)"', rendered) == [f"map-{view}.svg" for view in
                                                           ("voices", "power", "boundaries", "scale", "leadership", "value")]
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for hostile in _hostile_strings():
        assert " ".join(hostile.split()) in " ".join(text.split()), hostile


def test_spreadsheets_written_hold_formula_like_text_as_text(tmp_path: Path) -> None:
    land = load(HOSTILE_INPUT)
    formula = next(text for text in _hostile_strings() if text.startswith("="))
    files = write_atlas(land, tmp_path / "atlas")
    kumu = export(land, tmp_path / "kumu.xlsx")
    for path in (files.metrics, kumu):
        book = load_workbook(path)
        found = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                 if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
        assert any(cell.value == formula for cell in found), path.name
        for cell in found:
            assert cell.data_type == "s" and cell.quotePrefix, (path.name, cell.coordinate, cell.value)
    folder = export(land, tmp_path / "csv")
    text = (folder / "participants.csv").read_text("utf-8")
    assert f"'{formula}" in text.replace('""', '"')
    assert sorted(load(folder).graph.nodes(data="name")) == sorted(land.graph.nodes(data="name"))

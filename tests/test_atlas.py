"""The atlas: one offline page with every view, and the folder it comes in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from landscape import load, sample_path
from landscape.cli import main
from landscape.render.atlas import atlas_data, run_passes, write_atlas
from landscape.findings import findings_for
from tests.test_browser import Visit
from tests.test_html import HOSTILE_NAMES, hostile_input  # noqa: F401 - a fixture used below


def test_atlas_data_holds_people_once_and_each_view_as_an_overlay() -> None:
    land = load(sample_path("clinical-simulation"))
    data = atlas_data(land, run_passes(land))
    assert list(data["views"]) == ["voices", "power", "boundaries", "scale"]
    assert len(data["people"]) == 76
    for name, view in data["views"].items():
        assert all(len(values) == 76 for values in view["nodes"].values()), name
        assert {"color", "size", "x", "y"} <= set(view["nodes"]), name  # positions computed in Python
        assert view["layout"]["type"] == "positions"
    assert [node["label"] for node in data["views"]["voices"]["extra_nodes"]] == [
        "pharmacists (expected 2)", "paramedics (expected 2)"]
    assert len(data["views"]["boundaries"]["extra_nodes"]) == 6  # boundary objects
    assert data["filters"]["types"] == ["advice", "collaboration", "reports_to"]
    assert "stakeholder_group" in data["filters"]["attributes"] and "name" not in data["filters"]["attributes"]
    yara = next(person for person in data["people"] if person["pid"] == "P014")
    assert dict(yara["metrics"])["participation"] == "core"


def test_write_atlas_writes_four_files_and_nothing_else(tmp_path: Path) -> None:
    steps: list[tuple[str, Any]] = []
    files = write_atlas(load(sample_path("krackhardt-hightech")), tmp_path / "out",
                        progress=lambda step, seconds: steps.append((step, seconds)))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["atlas.html", "metrics.xlsx", "report.html",
                                                                    "report.md"]
    assert files.atlas.read_text("utf-8").startswith("<!DOCTYPE html>")
    names = [step for step, seconds in steps if seconds is not None]
    assert names == ["the voices pass", "the power pass", "the boundaries pass", "the scale pass", "the atlas page",
                     "atlas.html", "report.html and report.md", "metrics.xlsx"]


def test_the_python_names_are_the_ones_the_cli_calls(tmp_path: Path) -> None:
    import landscape

    assert landscape.atlas is write_atlas and landscape.run_passes is run_passes
    assert set(landscape.__all__) >= {"atlas", "write_atlas", "export", "anonymise", "honour_consent", "run_passes"}
    for name in landscape.__all__:
        assert getattr(landscape, name) is not None, name
    files = landscape.atlas(load(sample_path("krackhardt-hightech")), tmp_path)
    assert files.folder == tmp_path and files.metrics.exists()


def test_cli_atlas_and_export(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["atlas", str(sample_path("krackhardt-hightech")), "-o", str(tmp_path / "a"),
                                  "--level-order", "lower-is-senior", "--relation", "advice"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr.endswith("Open atlas.html in a web browser.\n")
    assert result.stdout == ""
    keep_alone = runner.invoke(main, ["atlas", str(sample_path("krackhardt-hightech")), "-o", str(tmp_path / "b"),
                                      "--keep", "role"])
    assert keep_alone.exit_code == 2 and "--keep goes with --anonymise" in keep_alone.stderr
    exported = runner.invoke(main, ["export", str(sample_path("krackhardt-hightech")), "-o", str(tmp_path / "k.graphml"),
                                    "--anonymise"])
    assert exported.exit_code == 0 and "Wrote" in exported.stderr
    assert "Manager 07" not in (tmp_path / "k.graphml").read_text("utf-8")
    bad = runner.invoke(main, ["export", str(sample_path("krackhardt-hightech")), "-o", str(tmp_path / "k.pdf")])
    assert bad.exit_code == 1 and "cannot tell the format" in bad.stderr


@pytest.mark.browser
def test_atlas_switches_views_searches_filters_and_stays_offline(browser: Any, tmp_path: Path) -> None:
    files = write_atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        nodes = "window.landscapeMap.nodes.length"
        assert page.evaluate(nodes) == 78  # 76 people and the two empty chairs of the Voices view
        for view, count in (("power", 76), ("boundaries", 82), ("scale", 76), ("voices", 78)):
            page.click(f"#views button[data-view={view}]")
            page.wait_for_selector("body[data-ready=true]", state="attached")
            assert page.evaluate(nodes) == count, view
            assert page.locator(f"#views button[data-view={view}]").get_attribute("aria-selected") == "true"
            assert page.locator("#finding-list li").count() > 0
        page.fill("#search", "yara")
        page.locator("#result-list button").first.click()
        details = page.locator("#details-list").text_content()
        assert "Yara Fischer" in details and "participation" in details and "betweenness" in details
        hidden = "window.landscapeMap.nodes.get().filter(n => n.hidden).length"
        page.select_option("#filter-attribute", "organisation")
        page.select_option("#filter-value", "Riverside University")
        assert page.evaluate(hidden) == 76 - 17  # everyone but Riverside's 17
        page.select_option("#filter-attribute", "")
        assert page.evaluate(hidden) == 0
        page.uncheck("#filter-types input[value=advice]")
        assert page.evaluate("window.landscapeMap.edges.get().filter(e => e.hidden && e.relType === 'advice').length") > 0
        with page.expect_download() as download:
            page.click("#png")
        assert download.value.suggested_filename == "clinical-simulation-voices.png"
        assert visit.requests == [visit.url] and visit.errors == [] and visit.dialogs == []
    finally:
        visit.close()


@pytest.mark.browser
def test_atlas_with_hostile_names_runs_nothing(browser: Any, tmp_path: Path, hostile_input: Path) -> None:
    files = write_atlas(load(hostile_input), tmp_path / "atlas", title="<img src=x onerror=alert(1)>")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        for view in ("voices", "power", "boundaries", "scale"):
            page.click(f"#views button[data-view={view}]")
            page.wait_for_selector("body[data-ready=true]", state="attached")
        page.fill("#search", "script")
        assert page.locator("#result-list button").first.text_content() == HOSTILE_NAMES[0]
        assert page.evaluate("document.querySelectorAll('img, svg, b, i').length") == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert visit.dialogs == [] and visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()
    report = files.report_html.read_text("utf-8")
    assert "<script" not in report and "<img" not in report


def test_atlas_views_draw_the_ties_their_pass_measured() -> None:
    """With --relation advice each view marks the other ties not shown, by each tie's ends and type
    (the Power view keeps reporting lines); crossings stay with their own tie."""
    land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    data = atlas_data(land, run_passes(land, {"relations": ["advice"], "group": "department"}))
    types = [edge["type"] for edge in data["edges"]]
    assert sorted(set(types)) == ["advice", "friendship", "reports_to"]
    for name, view in data["views"].items():
        shown = view["edges"]["shown"]
        kept = {"advice", "reports_to"} if name == "power" else {"advice"}
        assert shown == [kind in kept for kind in types], name
    crossing = data["views"]["boundaries"]["edges"]["crossing"]
    department = {node["id"]: land.graph.nodes[node["pid"]]["department"] for node in data["people"]}
    for edge, across in zip(data["edges"], crossing):
        expected = department[edge["from"]] != department[edge["to"]] if edge["type"] == "advice" else None
        assert across == expected


@pytest.mark.browser
def test_atlas_too_large_to_draw_shows_units_and_every_finding(browser: Any, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Above FOLD_ABOVE people the atlas draws the units of each level of scale, not people, with
    every discipline's findings (the threshold lowered for the test: the sample has 76 people)."""
    from landscape.render import atlas
    from landscape.render.views import scale as scale_views

    monkeypatch.setattr(scale_views, "FOLD_ABOVE", 70)
    land = load(sample_path("clinical-simulation"))
    results = run_passes(land)
    data = atlas_data(land, results)
    assert data["meta"]["view"] == "units" and "views" not in data and "people" not in data
    assert data["meta"]["title"] == "clinical-simulation: atlas"
    assert [f["statement"] for f in data["findings"]] == [
        f"{label}: {finding.statement}" for name, label in atlas.ATLAS_VIEWS for finding in findings_for(name, results[name])]
    files = write_atlas(land, tmp_path / "atlas")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        visible = ("window.landscapeMap.nodes.get().filter(n => !n.hidden)"
                   ".map(n => window.landscapeMap.view.nodes[n.id].label).sort()")
        assert page.evaluate(visible) == ["Harbourside Simulation Partnership (47)", "St Columba's Teaching Hospital (18)"]
        assert page.locator("#level").input_value() == "wider unit"
        assert "76 participants are more than a browser draws" in page.locator("#legend-notes").text_content()
        page.select_option("#level", "organisation")
        assert len(page.evaluate(visible)) == 5
        shown_edges = "window.landscapeMap.edges.get().filter(e => !e.hidden).length"
        assert page.evaluate(shown_edges) == len(results["scale"].aggregates["organisation"]["edges"])
        page.fill("#search", "northgate")
        assert page.locator("#result-list button").all_text_contents() == ["Northgate University (34)"]
        assert page.locator("#finding-list li").count() == len(data["findings"])
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()

"""The atlas: one offline page with every view, and the folder it comes in."""

from __future__ import annotations

import re
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
    assert list(data["views"]) == ["voices", "power", "boundaries", "scale", "leadership", "value"]
    assert len(data["people"]) == 76
    for name, view in data["views"].items():
        assert all(len(values) == 76 for values in view["nodes"].values()), name
        assert {"color", "size", "x", "y"} <= set(view["nodes"]), name  # positions computed in Python
        assert view["layout"]["type"] == "positions"
    assert [node["label"] for node in data["views"]["voices"]["extra_nodes"]] == [
        "pharmacists (expected 2)", "paramedics (expected 2)"]
    assert len(data["views"]["boundaries"]["extra_nodes"]) == 6  # boundary objects
    assert data["filters"]["types"] == ["advice", "collaboration", "looks_to_for_leadership", "reports_to"]
    assert "stakeholder_group" in data["filters"]["attributes"] and "name" not in data["filters"]["attributes"]
    yara = next(person for person in data["people"] if person["pid"] == "P014")
    assert dict(yara["metrics"])["Participation level"] == "core"


def test_the_person_card_reads_plain_facts_first_then_numbers_under_glossary_headers() -> None:
    """Issue 17 item 6: a few sentences of fact (counts, no statistic's name, no verdict), then the
    numbers under the glossary's headers, each header's meaning once in ``data["glossary"]``."""
    from landscape.render.glossary import GLOSSARY, cluster_term, level_term
    from tests.test_findings import JARGON

    land = load(sample_path("clinical-simulation"))
    results = run_passes(land)
    data = atlas_data(land, results)
    levels = [level.name for level in results["scale"].levels]
    terms = {t.header: t for t in (*GLOSSARY, *map(level_term, levels), cluster_term("1.0"))}
    voices = {p.id: p for p in results["voices"].participants}
    for person in data["people"]:
        headers = [header for header, _ in person["metrics"]]
        assert headers and set(headers) <= set(terms), person["pid"]
        assert all(data["glossary"][h] == terms[h].meaning for h in headers)
        facts = " ".join(person["summary"])
        assert not JARGON.search(facts), facts
        assert not re.search(r"powerful|isolated|central|important|influential|weak", facts, re.I), facts
        # The first sentence counts what the Voices pass counted.
        v = voices[person["pid"]]
        named = "nobody" if not v.in_degree else f"{v.in_degree} {'person' if v.in_degree == 1 else 'people'}"
        assert person["summary"][0].startswith(f"Named by {named}; names "), person["summary"]
    # Worked by hand from the sample's P001: their ties, their reports and the pairs they stand between.
    first = next(person for person in data["people"] if person["pid"] == "P001")
    assert first["summary"] == [
        "Named by 5 people; names 4.", "Their contacts come from 3 groups (by stakeholder group).",
        "Takes part occasionally.", "2 people report to them.",
        "All of their ties stay within their own group (by community).",
        "The go-between, across group boundaries, for 3 pairs of people not tied directly."]
    numbers = dict(first["metrics"])
    assert numbers["Named by others"] == "5" and numbers["Closed in by own contacts"] == "0.391"
    assert numbers["Sought out beyond rank"] == "-0.447" and numbers["Lean of ties across groups"] == "-1.000"
    assert "constraint" in data["glossary"]["Closed in by own contacts"]  # the statistic's name: second layer only


def test_write_atlas_writes_its_files_and_nothing_else(tmp_path: Path) -> None:
    steps: list[tuple[str, Any]] = []
    files = write_atlas(load(sample_path("krackhardt-hightech")), tmp_path / "out",
                        progress=lambda step, seconds: steps.append((step, seconds)))
    pictures = [f"map-{view}.svg" for view in ("boundaries", "leadership", "power", "scale", "value", "voices")]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["atlas.html", *pictures, "metrics.xlsx",
                                                                    "report.html", "report.md"]
    assert sorted(p.name for p in files.pictures) == pictures
    assert files.atlas.read_text("utf-8").startswith("<!DOCTYPE html>")
    names = [step for step, seconds in steps if seconds is not None]
    assert names == ["the voices pass", "the power pass", "the boundaries pass", "the scale pass", "the leadership pass",
                     "the value pass", "the atlas page",
                     "the map pictures", "atlas.html", "report.html and report.md", "metrics.xlsx"]


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
        details = page.locator("#details").inner_text()
        assert "Yara Fischer" in details and "Participation level" in details and "On paths between others" in details
        assert "betweenness" not in details  # the statistic's name is behind the header, in its meaning
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
        for view in ("voices", "power", "boundaries", "scale", "leadership", "value"):
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


def test_the_card_says_when_no_tie_is_counted_rather_than_named_by_nobody(csv_input) -> None:
    """Ties of a type nobody declared a learning tie: Voices counts none, and the card says why
    instead of calling someone with three ties "named by nobody"."""
    people = [["id", "name", "community"], ["A", "Ann", "x"], ["B", "Bo", "x"], ["C", "Cy", "y"], ["D", "Di", "y"]]
    ties = [["source", "target", "type"], ["A", "B", "zorbles"], ["A", "C", "zorbles"], ["A", "D", "zorbles"]]
    land = load(csv_input(participants=people, relationships=ties))
    ann = next(person for person in atlas_data(land, run_passes(land))["people"] if person["pid"] == "A")
    assert ann["summary"][0] == ("None of the tie types (zorbles) is declared a learning tie, so who names whom is "
                                 "not counted.")
    assert not any("Named by" in sentence or "Takes part" in sentence for sentence in ann["summary"])


@pytest.mark.browser
def test_a_hostile_name_on_the_person_card_stays_text(browser: Any, tmp_path: Path, csv_input) -> None:
    """The card puts a name, the plain sentences, column values and units (a level of scale named
    from the data) into the page as text: nothing from the data runs or becomes an element."""
    hostile = "<img src=x onerror=alert(1)>"
    people = [["id", "name", "community", "stakeholder_group", "organisation"],
              ["A", hostile, "<b>c1</b>", "<i>nurses</i>", "<svg onload=alert(2)>"],
              ["B", "Ben", "<b>c1</b>", "doctors", "<svg onload=alert(2)>"],
              ["C", "Cy", "c2", "doctors", "Org"], ["D", "Di", "c2", "<i>nurses</i>", "Org"]]
    ties = [["source", "target", "type"], ["A", "B", "advice"], ["B", "C", "advice"], ["C", "A", "advice"],
            ["D", "A", "advice"], ["C", "D", "advice"]]
    files = write_atlas(load(csv_input(participants=people, relationships=ties)), tmp_path / "atlas")
    visit = Visit(browser, files.atlas)
    try:
        page = visit.page
        page.fill("#search", "img")
        page.locator("#result-list button").first.click()
        assert page.locator("#details-list dd.name").text_content() == hostile
        assert page.locator("#details-list dd.summary li").count() >= 2
        assert "<svg onload=alert(2)>" in page.locator("#numbers-list").text_content()
        page.locator("#numbers-list button.term").first.click()
        assert page.locator("#numbers-list dd.meaning").first.is_visible()
        assert page.evaluate("document.querySelectorAll('img, svg, b, i').length") == 0
        assert visit.dialogs == [] and visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()


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
    assert [(f["headline"], f["detail"]) for f in data["findings"]] == [
        (f"{label}: {finding.headline}", finding.detail)
        for name, label in atlas.ATLAS_VIEWS for finding in findings_for(name, results[name])]
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
        first = page.locator("#finding-list li").first
        assert first.locator(".headline").text_content() == data["findings"][0]["headline"]
        assert first.locator(".why-text").is_hidden()
        first.locator("button.why").click()
        assert first.locator(".why-text").text_content() == data["findings"][0]["detail"]
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()

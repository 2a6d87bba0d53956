"""Issue 17's must-show checks (benchmarks/report_brief.py) on the bundled samples, and the folded
map of a large landscape in the report."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import landscape

REPO = Path(__file__).resolve().parent.parent


def _brief():
    spec = importlib.util.spec_from_file_location("report_brief", REPO / "benchmarks" / "report_brief.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("sample", ["clinical-simulation", "peer-circle", "freeman-eies", "krackhardt-hightech"])
def test_the_must_show_holds_on_the_samples(tmp_path: Path, sample: str) -> None:
    problems, figures = _brief().check(landscape.sample_path(sample), tmp_path / "atlas")
    assert problems == [] and figures["views"] == 6 and figures["svg_kb"] > 0


def test_the_checks_can_fail(tmp_path: Path, monkeypatch) -> None:
    """The checker finds what it looks for: a statistic's name in a headline, a cut list."""
    brief = _brief()
    assert brief.STATISTICS_WORDS.search("Betweenness is high") and brief.STATISTICS_WORDS.search("z = 2.1")
    assert brief.STATISTICS_WORDS.search("E-I index") and not brief.STATISTICS_WORDS.search("various constraints")
    files = landscape.atlas(landscape.load(landscape.sample_path("krackhardt-hightech")), tmp_path / "atlas")
    page = files.report_html.read_text("utf-8")
    files.report_html.write_text(page.replace("<h2>In brief</h2>", "<h2>Brief</h2>").replace("</p>", " and 3 more</p>",
                                                                                            1), "utf-8")
    (tmp_path / "atlas" / "map-power.svg").unlink()
    monkeypatch.setattr(landscape, "atlas", lambda land, out: files)  # check() finds the broken files as they are
    problems, _ = brief.check(landscape.sample_path("krackhardt-hightech"), tmp_path / "atlas")
    assert any("not the summary" in p for p in problems)
    assert any("cuts a list" in p for p in problems)
    assert any("map-power.svg" in p for p in problems)


def test_a_folded_atlas_shows_its_units_in_the_scale_section(tmp_path: Path, monkeypatch) -> None:
    """Above FOLD_ABOVE people the atlas draws the units of scale: the report shows that picture
    under Scale, and the folder holds map-units.svg."""
    from landscape.render.views import scale as scale_views

    monkeypatch.setattr(scale_views, "FOLD_ABOVE", 20)
    files = landscape.atlas(landscape.load(landscape.sample_path("clinical-simulation")), tmp_path / "atlas")
    assert [p.name for p in files.pictures] == ["map-units.svg"]
    page = files.report_html.read_text("utf-8")
    scale = page[page.index("<h2>Scale"):page.index("<h2>What was read")]
    assert len(re.findall(r'<figure class="map"><svg\b', page)) == 1 and '<figure class="map"><svg' in scale
    assert "](map-units.svg)" in files.report_markdown.read_text("utf-8")

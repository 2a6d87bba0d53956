"""The bundled samples: each validates clean and maps, and each says what it holds."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from landscape import load, map_data, validate
from landscape.io import SAMPLES, sample_path

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_validates_clean_and_maps(name: str) -> None:
    report = validate(sample_path(name))
    assert report.issues == ()
    data = map_data(load(sample_path(name)))
    assert len(data["nodes"]) == report.participants


def test_samples_readme_describes_every_sample() -> None:
    text = (REPO / "samples" / "README.md").read_text("utf-8")
    for name in SAMPLES:
        assert name in text, name


def test_clinical_simulation_is_the_size_and_shape_the_issue_asks_for() -> None:
    land = load(sample_path("clinical-simulation"))
    graph = land.graph
    assert 60 <= graph.number_of_nodes() <= 120
    assert 200 <= graph.number_of_edges() <= 600
    assert set(land.relation_types) == {"advice", "collaboration", "reports_to", "looks_to_for_leadership"}
    assert land.waves == ("2024", "2025") and land.relation_kinds["looks_to_for_leadership"] == "leadership"
    multi = [n for n, community in graph.nodes(data="community") if community and len(community) > 1]
    assert len(multi) >= 8
    assert len({level for _, level in graph.nodes(data="level") if level is not None}) == 5
    assert {scale for _, scale in graph.nodes(data="scale")} >= {"team", "organisation", "region", "nation"}
    groups = Counter(group for _, group in graph.nodes(data="stakeholder_group"))
    roster = {voice.group: voice for voice in land.expected_voices}
    absent = [group for group in roster if groups[group] == 0]
    thin = [group for group, voice in roster.items() if voice.expected and 0 < groups[group] < voice.expected]
    assert absent == ["pharmacists", "paramedics"]
    assert thin == ["allied health faculty", "patient advisors"]
    assert groups["patient advisors"] == 1
    with_objects = [d for _, _, d in graph.edges(data=True) if "boundary_object" in d]
    assert len({d["boundary_object"] for d in with_objects}) == 6


def test_committed_clinical_sample_is_what_its_generator_writes(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("clinical_simulation", REPO / "samples" / "build" / "clinical_simulation.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "clinical_simulation", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    module.write(module.build(), tmp_path)
    for table in ("participants", "relationships", "voices", "communities", "story"):
        committed = (REPO / "samples" / "clinical-simulation" / f"{table}.csv").read_bytes()
        assert (tmp_path / "clinical-simulation" / f"{table}.csv").read_bytes() == committed, table
    assert load(tmp_path / "clinical-simulation.xlsx").story == load(sample_path("clinical-simulation")).story
    fresh, committed = load(tmp_path / "clinical-simulation.xlsx").graph, load(sample_path("clinical-simulation")).graph
    assert list(fresh.nodes(data=True)) == list(committed.nodes(data=True))
    assert list(fresh.edges(keys=True, data=True)) == list(committed.edges(keys=True, data=True))


def test_krackhardt_sample_matches_the_published_counts() -> None:
    land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    graph = land.graph
    kinds = Counter(d["type"] for _, _, d in graph.edges(data=True))
    assert kinds == {"advice": 190, "friendship": 102, "reports_to": 20}
    advice = {(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "advice"}
    mutual = sum(1 for u, v in advice if (v, u) in advice) // 2
    assert (mutual, len(advice) - 2 * mutual) == (45, 100)  # dyad census, Wasserman & Faust (1994)
    assert round(len(advice) / (21 * 20), 3) == 0.452
    departments = Counter(d for _, d in graph.nodes(data="department"))
    assert departments == {0: 1, 1: 5, 2: 8, 3: 3, 4: 4}
    assert graph.nodes["7"]["role"] == "CEO" and graph.nodes["7"]["level"] == 1

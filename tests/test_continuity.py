"""Continuity: two waves compared, checked on hand-built waves and on Freeman's EIES acquaintance."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from landscape import load, sample_path
from landscape.cli import main
from landscape.passes.continuity import compare, split_waves
from landscape.schema import load_schema
from landscape.findings import findings_for, result_dict

PEOPLE = [["id", "name", "community", "stakeholder_group"],
          ["A", "Ana", "X", "nurses"], ["B", "Ben", "X", "nurses"], ["C", "Cai", "Y", "doctors"],
          ["D", "Dee", "Y", "doctors"], ["E", "Eve", "Y", "pharmacists"], ["F", "Fay", "Z", "managers"]]
# 2024: A-B both ways and C->D within groups; B->C (X-Y) and F->C (Z-Y) across. X and Z share no tie.
# 2025: A->B and B->C kept; F->A, F->B (X-Z, both through Fay), C->E, E->A gained; B->A, C->D, F->C lost.
TIES = [["source", "target", "type", "wave"],
        ["A", "B", "advice", "2024"], ["B", "A", "advice", "2024"], ["C", "D", "advice", "2024"],
        ["B", "C", "advice", "2024"], ["F", "C", "advice", "2024"],
        ["A", "B", "advice", "2025"], ["B", "C", "advice", "2025"], ["F", "A", "advice", "2025"],
        ["F", "B", "advice", "2025"], ["C", "E", "advice", "2025"], ["E", "A", "advice", "2025"],
        ["A", "C", "advice", ""]]
ROSTER = [["stakeholder_group", "expected"], ["nurses", "2"], ["doctors", "2"], ["pharmacists", "1"], ["patients", "1"]]
EIES = sample_path("freeman-eies")


@pytest.fixture
def waves(csv_input) -> Path:
    return csv_input(participants=PEOPLE, relationships=TIES, voices=ROSTER)


def _two_inputs(csv_input) -> tuple[Path, Path]:
    """The same waves as two inputs: each wave's ties, and the people who have a tie in it."""
    folders = []
    for wave in ("2024", "2025"):
        rows = [row for row in TIES[1:] if row[3] == wave]
        present = {row[0] for row in rows} | {row[1] for row in rows}
        folders.append(csv_input(participants=[PEOPLE[0], *[p for p in PEOPLE[1:] if p[0] in present]],
                                 relationships=[TIES[0][:3], *[row[:3] for row in rows]], voices=ROSTER))
    return folders[0], folders[1]


def test_hand_built_waves(waves: Path) -> None:
    before, after, blank = split_waves(load(waves), "2024", "2025")
    assert blank == 1  # the A->C row with no wave
    assert sorted(before.graph.nodes) == ["A", "B", "C", "D", "F"] and sorted(after.graph.nodes) == ["A", "B", "C", "E", "F"]
    result = compare(before, after, labels=("2024", "2025"), basis="wave column", ties_without_wave=blank)
    assert (result.newcomers, result.leavers) == (("E",), ("D",))
    assert result.participants == {"before": 5, "after": 5, "in_both": 4}
    assert result.ties["advice"] == result.ties["all"] == {
        "before": 5, "after": 6, "kept": 2, "gained": 4, "lost": 3, "jaccard": pytest.approx(2 / 9)}
    # across communities: B->C and F->C before; B->C, F->A, F->B and E->A after (C->E is within Y)
    assert result.boundary_ties == {"before": 2, "after": 4, "kept": 1, "gained": 3, "lost": 1,
                                    "jaccard": pytest.approx(1 / 5)}
    assert [key[:2] for key in result.gained] == [("C", "E"), ("E", "A"), ("F", "A"), ("F", "B")]
    assert [key[:2] for key in result.lost] == [("B", "A"), ("C", "D"), ("F", "C")]
    assert result.boundaries_opened == ({"groups": ["X", "Z"], "ties": 2, "people": ["A", "B", "F"], "through": ["F"]},)
    assert result.boundaries_closed == (("Y", "Z"),)
    # E-I: 2 across, 3 within before; 4 across, 2 within after. X: 1 across, 2 within; then 4 and 1.
    assert result.ei_network == {"before": pytest.approx(-1 / 5), "after": pytest.approx(2 / 6)}
    assert result.ei_groups["X"] == {"before": pytest.approx(-1 / 3), "after": pytest.approx(3 / 5)}
    assert result.voices["arrived"] == ["pharmacists"] and result.voices["still_missing"] == ["patients"]
    statements = {f.kind: f for f in findings_for("continuity", result)}
    opened = statements["boundaries-opened"]
    assert opened.statement == ("1 boundary that nobody crossed in 2024 is crossed in 2025: X and Z; it runs through one "
                                "person, Fay.")
    assert opened.question == "Who would carry it if Fay left?"
    assert statements["ties-without-wave"].statement == "1 tie has no wave and is in neither wave."
    jsonschema.validate({"landscape_version": "x", "continuity": result_dict("continuity", result)}, load_schema("comparison"))


def test_two_inputs_give_the_same_comparison_as_the_wave_column(waves: Path, csv_input) -> None:
    from_column = compare(*split_waves(load(waves), "2024", "2025")[:2]).to_dict()
    first, second = _two_inputs(csv_input)
    from_inputs = compare(load(first), load(second)).to_dict()
    for key in ("newcomers", "leavers", "ties", "boundary_ties", "gained", "lost", "boundaries_opened",
                "boundaries_closed", "ei_network", "ei_groups", "centralization", "reciprocity", "brokers", "voices",
                "level_moves"):
        assert from_column[key] == from_inputs[key], key


@pytest.mark.parametrize("sample", ["clinical-simulation", "krackhardt-hightech"])
def test_a_landscape_compared_with_itself_has_not_changed(sample: str) -> None:
    land = load(sample_path(sample))
    result = compare(land, land)
    assert not (result.newcomers or result.leavers or result.gained or result.lost or result.level_moves)
    assert not (result.boundaries_opened or result.boundaries_closed or result.brokers["appeared"])
    assert all(values["kept"] == values["before"] == values["after"] for values in result.ties.values())
    [finding] = findings_for("continuity", result)
    assert finding.kind == "no-change"


def test_swapping_the_waves_swaps_gains_and_losses_exactly(waves: Path) -> None:
    before, after, _ = split_waves(load(waves), "2024", "2025")
    forward, backward = compare(before, after), compare(after, before)
    assert (forward.newcomers, forward.leavers) == (backward.leavers, backward.newcomers)
    assert (forward.gained, forward.lost) == (backward.lost, backward.gained)
    assert [item["groups"] for item in forward.boundaries_opened] == [list(pair) for pair in backward.boundaries_closed]
    for kind, values in forward.ties.items():
        mirrored = backward.ties[kind]
        assert (values["before"], values["after"], values["kept"], values["gained"], values["lost"]) == (
            mirrored["after"], mirrored["before"], mirrored["kept"], mirrored["lost"], mirrored["gained"])
        assert values["jaccard"] == mirrored["jaccard"]
    assert forward.ei_network == {"before": backward.ei_network["after"], "after": backward.ei_network["before"]}
    assert {m["id"]: (m["before"], m["after"]) for m in forward.level_moves} == {
        m["id"]: (m["after"], m["before"]) for m in backward.level_moves}


def _arcs(wave: str) -> set[tuple[str, str]]:
    with (EIES / "relationships.csv").open(newline="", encoding="utf-8") as handle:
        return {(row["source"], row["target"]) for row in csv.DictReader(handle) if row["wave"] == wave}


def test_eies_acquaintance_at_the_start_and_the_end_of_the_study() -> None:
    """Freeman's EIES: acquaintance reported at the start (t1, 650 arcs) and the end (t2, 759 arcs)
    of the study. Kept, gained and lost are counted here by plain set operations on the file."""
    t1, t2 = _arcs("t1"), _arcs("t2")
    assert (len(t1), len(t2)) == (650, 759)
    before, after, blank = split_waves(load(EIES), "t1", "t2")
    result = compare(before, after, labels=("t1", "t2"))  # community = discipline
    assert blank == 0
    assert result.ties["acquaintance"] == {"before": 650, "after": 759, "kept": len(t1 & t2), "gained": len(t2 - t1),
                                           "lost": len(t1 - t2), "jaccard": pytest.approx(len(t1 & t2) / len(t1 | t2))}
    assert (len(t1 & t2), len(t2 - t1), len(t1 - t2)) == (641, 118, 9)
    # E-I by discipline as the dataset's source note gives it (computed there independently): +0.163, +0.260
    assert result.ei_network["before"] == pytest.approx(0.163, abs=5e-4)
    assert result.ei_network["after"] == pytest.approx(0.260, abs=5e-4)


def test_cli_compare(waves: Path, tmp_path: Path, csv_input) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["compare", str(waves), "--waves", "2024,2025"], catch_exceptions=False)
    assert text.exit_code == 0
    assert text.stdout.startswith("CONTINUITY: how do we enable ongoing learning loops? (2024 -> 2025; wave column)")
    assert "advice               5    6    2      4    3   0.222" in text.stdout
    as_json = runner.invoke(main, ["compare", str(waves), "--waves", "2024,2025", "--format", "json",
                                   "--map", str(tmp_path / "changes.html")], catch_exceptions=False)
    document = json.loads(as_json.stdout)
    jsonschema.validate(document, load_schema("comparison"))
    assert document["continuity"]["newcomers"] == ["E"]
    page = (tmp_path / "changes.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '"change":"lost"' in page
    first, second = _two_inputs(csv_input)
    two = runner.invoke(main, ["compare", str(first), str(second), "--format", "json"])
    assert two.exit_code == 0 and json.loads(two.stdout)["continuity"]["basis"] == "two inputs"
    for args, words in ([[str(waves)], "give BEFORE and AFTER"],
                        [[str(first), str(second), "--waves", "1,2"], "not both"],
                        [[str(waves), "--waves", "2024"], "expected two different waves"],
                        [[str(waves), "--waves", "2024,2030"], "no tie has wave '2030'; the waves are 2024, 2025"]):
        bad = runner.invoke(main, ["compare", *args])
        assert bad.exit_code == 2 and words in bad.stderr, (args, bad.stderr)


def test_atlas_with_an_earlier_wave(waves: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["atlas", str(waves), "-o", str(tmp_path / "a"), "--waves", "2024,2025"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["atlas.html", "changes.html", "map-boundaries.svg", "map-leadership.svg", "map-power.svg", "map-scale.svg", "map-value.svg", "map-voices.svg",
                                                                  "metrics.xlsx", "report.html", "report.md"]
    report = (tmp_path / "a" / "report.md").read_text("utf-8")
    assert "## Continuity: How do we enable ongoing learning loops?" in report
    assert "it runs through one person, Fay" in report


def test_an_anonymised_comparison_names_each_person_the_same_in_both_waves(waves: Path, tmp_path: Path) -> None:
    from landscape.render.atlas import write_atlas

    before, after, _ = split_waves(load(waves), "2024", "2025")
    files = write_atlas(after, tmp_path / "shared", before=before, labels=("2024", "2025"), anonymise=True)
    for path in (files.atlas, files.changes, files.report_markdown, files.report_html):
        text = path.read_text("utf-8")  # type: ignore[union-attr]
        for name in ("Ana", "Ben", "Cai", "Dee", "Eve", "Fay"):  # as whole words: vis-network has "DeepExtend"
            assert re.search(rf"\b{name}\b", text) is None, (path.name, name)
    report = files.report_markdown.read_text("utf-8")
    # Fay's pseudonym (random, one per run) is the same in the report, the atlas and the change map.
    pseudonym = re.search(r"it runs through one person, (Person \d{3})", report).group(1)  # type: ignore[union-attr]
    assert pseudonym in files.atlas.read_text("utf-8") and pseudonym in files.changes.read_text("utf-8")


@pytest.mark.browser
def test_the_change_map_draws_gains_losses_and_newcomers(browser: Any, waves: Path, tmp_path: Path) -> None:
    from landscape.render import write_map
    from landscape.render.mapdata import change_map_data
    from tests.test_browser import Visit

    before, after, _ = split_waves(load(waves), "2024", "2025")
    page = write_map(change_map_data(before, after, compare(before, after, labels=("2024", "2025"))),
                     tmp_path / "changes.html")
    visit = Visit(browser, page)
    try:
        dashed = visit.page.evaluate("window.landscapeMap.edges.get().filter(e => Array.isArray(e.dashes)).length")
        assert dashed == 3  # B->A, C->D, F->C
        assert visit.page.evaluate("window.landscapeMap.nodes.length") == 6  # five in 2025 and Dee, who left
        assert visit.page.locator("#legend-styles li").count() == 2
        assert visit.errors == [] and visit.requests == [visit.url]
    finally:
        visit.close()


def _many_groups(folder: Path, grow: bool, extra_tie: bool = False) -> Path:
    """120 teams (more than FULL_MIXING_UP_TO), a chain of ties inside each and one tie from each
    odd team to the team before it. With ``grow`` the teams 30-59 gain four members each, so the
    30 largest teams change; with ``extra_tie`` teams 0 and 119 gain a tie between them."""
    from tests.conftest import write_csv_folder

    people, ties = [["id", "name", "team"]], [["source", "target", "type"]]
    for g in range(120):
        size = (5 if g < 30 else 3) + (4 if grow and 30 <= g < 60 else 0)
        members = [f"g{g}p{i}" for i in range(size)]
        people += [[m, m, f"G{g:03d}"] for m in members]
        ties += [[members[i], members[i + 1], "advice"] for i in range(size - 1)]
        if g % 2 == 1:
            ties.append([members[0], f"g{g - 1}p0", "advice"])
    if extra_tie:
        ties.append(["g0p0", "g119p0", "advice"])
    return write_csv_folder(folder, participants=people, relationships=ties)


def test_many_groups_open_and_close_only_the_boundaries_that_changed(tmp_path: Path) -> None:
    """Above FULL_MIXING_UP_TO groups the unbridged lists hold the largest groups' pairs only; a
    change in which groups are largest is not a boundary opening or closing."""
    before = load(_many_groups(tmp_path / "w1", grow=False))
    after = load(_many_groups(tmp_path / "w2", grow=True))
    result = compare(before, after, group="team")
    assert result.boundaries_opened == () and result.boundaries_closed == ()
    later = load(_many_groups(tmp_path / "w3", grow=True, extra_tie=True))
    result = compare(before, later, group="team")
    assert [(o["groups"], o["ties"], o["through"]) for o in result.boundaries_opened] == [
        (["G000", "G119"], 1, ["g0p0", "g119p0"])]
    assert result.boundaries_closed == ()
    assert compare(later, before, group="team").boundaries_closed == (("G000", "G119"),)

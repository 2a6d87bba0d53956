"""The map of what changed: one place per person in every wave, every wave's ties and people flagged,
checked by hand on the three-wave peer-circle sample.

peer-circle, each tie once (a>b directed, a-b undirected):
  2023: ana>eli ben>eli cho>eli dev>cho ghosh>dev ana>ben ines>ana            (7 ties; 7 people)
  2024: ana>eli ben>eli dev>cho ghosh>dev cho>fenna fenna>eli ana>cho eli-fenna (8; ines gone, fenna new)
  2025: ana>eli cho>fenna fenna>eli ana>cho fenna-eli hal>ana hal>fenna dev>ana ben>dev
        (9; ghosh gone, hal new; fenna-eli is eli-fenna written the other way round)
2023 -> 2024: kept 4 (ana>eli ben>eli dev>cho ghosh>dev), gained 4, lost 3 (cho>eli ana>ben ines>ana).
2024 -> 2025: kept 5 (ana>eli cho>fenna fenna>eli ana>cho eli-fenna), gained 4 (hal>ana hal>fenna
dev>ana ben>dev), lost 3 (ben>eli dev>cho ghosh>dev). Rana Ghosh (ghosh) did not consent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import landscape
from landscape.cli import main
from landscape.passes.continuity import compare
from landscape.render.views import change_map_data
from landscape.render.views.base import TYPE_COLOURS

CIRCLE = landscape.sample_path("peer-circle")
WAVES = ["2023", "2024", "2025"]
PEOPLE = {"ana": [1, 1, 1], "ben": [1, 1, 1], "cho": [1, 1, 1], "dev": [1, 1, 1], "eli": [1, 1, 1],
          "fenna": [0, 1, 1], "ghosh": [1, 1, 0], "hal": [0, 0, 1], "ines": [1, 0, 0]}
TIES = {("ana", "eli", "advice"): [1, 1, 1], ("ben", "eli", "advice"): [1, 1, 0], ("cho", "eli", "advice"): [1, 0, 0],
        ("dev", "cho", "advice"): [1, 1, 0], ("ghosh", "dev", "advice"): [1, 1, 0], ("ana", "ben", "advice"): [1, 0, 0],
        ("ines", "ana", "advice"): [1, 0, 0], ("cho", "fenna", "advice"): [0, 1, 1],
        ("fenna", "eli", "advice"): [0, 1, 1], ("ana", "cho", "advice"): [0, 1, 1],
        ("eli", "fenna", "collaboration"): [0, 1, 1], ("hal", "ana", "advice"): [0, 0, 1],
        ("hal", "fenna", "advice"): [0, 0, 1], ("dev", "ana", "advice"): [0, 0, 1], ("ben", "dev", "advice"): [0, 0, 1]}
STEPS = [{"before": "2023", "after": "2024", "gained": 4, "lost": 3, "kept": 4, "newcomers": 1, "leavers": 1},
         {"before": "2024", "after": "2025", "gained": 4, "lost": 3, "kept": 5, "newcomers": 1, "leavers": 1}]


def _map(earlier: str, later: str) -> dict[str, Any]:
    waves = landscape.waves_of(landscape.load(CIRCLE), earlier, later)
    result = compare(waves.before, waves.after, labels=waves.labels)
    return change_map_data(waves.before, waves.after, result, series=waves.series())


def _ties(data: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Each drawn tie by its ends (an undirected tie's in id order) and type."""
    pid = [node["pid"] for node in data["nodes"]]

    def key(edge: dict[str, Any]) -> tuple[str, str, str]:
        a, b = pid[edge["from"]], pid[edge["to"]]
        return (a, b, edge["type"]) if edge["directed"] or a <= b else (b, a, edge["type"])

    return {key(edge): edge for edge in data["edges"]}


def _page_data(page: Path) -> dict[str, Any]:
    text = page.read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', text, re.S).group(1)  # type: ignore[union-attr]
    return json.loads(raw.replace("\\u003c", "<"))


def test_three_waves_counted_by_hand() -> None:
    data = _map("2024", "2025")
    assert data["changes"] == {"waves": WAVES, "start": 2, "steps": STEPS}
    assert {node["pid"]: [int(flag) for flag in node["waves"]] for node in data["nodes"]} == PEOPLE
    ties = _ties(data)
    assert {key: [int(flag) for flag in edge["waves"]] for key, edge in ties.items()} == TIES
    # The compared pair, as before: 2024 -> 2025; a tie only in 2023 is in neither.
    changes = {key: edge["change"] for key, edge in ties.items()}
    assert sorted(key for key, change in changes.items() if change == "gained") == [
        ("ben", "dev", "advice"), ("dev", "ana", "advice"), ("hal", "ana", "advice"), ("hal", "fenna", "advice")]
    assert sorted(key for key, change in changes.items() if change == "kept") == [
        ("ana", "cho", "advice"), ("ana", "eli", "advice"), ("cho", "fenna", "advice"), ("eli", "fenna", "collaboration"),
        ("fenna", "eli", "advice")]
    assert sorted(key for key, change in changes.items() if change == "lost") == [
        ("ben", "eli", "advice"), ("dev", "cho", "advice"), ("ghosh", "dev", "advice")]
    assert sorted(key for key, change in changes.items() if change is None) == [
        ("ana", "ben", "advice"), ("cho", "eli", "advice"), ("ines", "ana", "advice")]
    assert {node["pid"]: node.get("mark") for node in data["nodes"] if node.get("mark")} == {
        "hal": "newcomer", "ghosh": "leaver"}
    assert data["legend"]["edge_note"] == (
        "Green, solid: ties gained since 2024 (4). Red-brown, dashed: ties lost since 2024 (3). Faint, in their "
        "type's colour: ties kept (5). 3 waves (2023, 2024, 2025): everyone keeps their place from one wave to the "
        "next.")
    ines = next(node for node in data["nodes"] if node["pid"] == "ines")
    assert ines["label"] == "Ines Moreau" and ["continuity", "took part in 2023, not in 2025"] in ines["details"]


def test_one_place_per_person_whatever_the_waves_compared() -> None:
    """One layout of every wave together: each person has one x, y, the same for every pair compared."""
    later, earlier, again = _map("2024", "2025"), _map("2023", "2024"), _map("2024", "2025")
    assert later["layout"] == {"type": "positions"}
    place = {node["pid"]: (node["x"], node["y"]) for node in later["nodes"]}
    assert len(place) == len(later["nodes"]) == 9 and len(set(place.values())) == 9
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in place.values())
    assert place == {node["pid"]: (node["x"], node["y"]) for node in again["nodes"]}
    assert place == {node["pid"]: (node["x"], node["y"]) for node in earlier["nodes"]}
    assert earlier["changes"]["start"] == 1 and earlier["changes"]["steps"] == STEPS


def test_waves_compared_backwards_and_a_type_only_in_other_waves() -> None:
    """2024 against 2023: the steps still run in time; collaboration (none in 2023) joins the legend."""
    data = _map("2024", "2023")
    assert data["changes"]["start"] == 0 and data["changes"]["steps"] == STEPS
    assert _ties(data)[("eli", "fenna", "collaboration")]["change"] == "lost"
    assert data["legend"]["edge_types"][-1] == {"type": "collaboration", "kind": "learning", "color": TYPE_COLOURS["collaboration"],
                                                "dashes": False, "count": 0}


def test_two_waves_have_two_entries_and_one_step(tmp_path: Path) -> None:
    land = landscape.load(CIRCLE)
    first, second = (landscape.current_wave(land.with_settings(wave=wave)) for wave in ("2023", "2024"))
    waves = landscape.two_waves(first, second, labels=("spring", "autumn"))
    assert [label for label, _ in waves.series()] == ["spring", "autumn"] and waves.source is None
    comparison = landscape.compare(waves)
    data = _page_data(landscape.write_change_map(comparison, tmp_path / "two.html"))
    assert data["changes"]["waves"] == ["spring", "autumn"] and data["changes"]["start"] == 1
    [step] = data["changes"]["steps"]
    result = comparison.result
    # Every participant is on both inputs' sheets: nobody joins or leaves.
    assert (step["gained"], step["lost"], step["kept"], step["newcomers"], step["leavers"]) == (
        len(result.gained), len(result.lost), result.ties["all"]["kept"], 0, 0) == (4, 3, 4, 0, 0)
    assert all(len(item["waves"]) == 2 for item in data["nodes"] + data["edges"])


def test_the_waves_of_a_wave_column_are_its_series() -> None:
    land = landscape.load(CIRCLE)
    waves = landscape.waves_of(land, "2023", "2025")
    series = waves.series()
    assert [label for label, _ in series] == WAVES
    assert series[0][1] is waves.before and series[2][1] is waves.after
    assert sorted(series[1][1].graph.nodes) == sorted(pid for pid, flags in PEOPLE.items() if flags[1])
    data = change_map_data(waves.before, waves.after, compare(waves.before, waves.after, labels=waves.labels),
                           series=series)
    assert data["changes"]["start"] == 2 and data["changes"]["steps"] == STEPS
    with pytest.raises(ValueError, match="series has no wave '2025'; it has 2023, 2024"):
        change_map_data(waves.before, waves.after, compare(waves.before, waves.after, labels=waves.labels),
                        series=series[:2])


@pytest.mark.parametrize("how", ["atlas", "atlas --waves", "atlas --anonymise", "compare --map"])
def test_someone_who_withheld_consent_is_in_no_wave_of_the_change_map(how: str, tmp_path: Path) -> None:
    if how == "compare --map":
        args = ["compare", str(CIRCLE), "--waves", "2024,2025", "--map", str(tmp_path / "changes.html")]
    else:
        args = ["atlas", str(CIRCLE), "-o", str(tmp_path)] + {"atlas": [], "atlas --waves": ["--waves", "2023,2024"],
                                                                "atlas --anonymise": ["--anonymise"]}[how]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "changes.html"
    text = page.read_text(encoding="utf-8")
    assert re.search(r"ghosh|rana", text, re.I) is None
    data = _page_data(page)
    assert data["changes"]["waves"] == WAVES and data["changes"]["steps"] == STEPS
    # Drawn, under one pseudonym, in the waves they took part in (2023 and 2024), in their group.
    anonymous = [node for node in data["nodes"] if node["waves"] == [True, True, False]]
    assert len(anonymous) == 1 and anonymous[0]["group"] == "Ward 7"
    if how != "atlas --anonymise":
        assert anonymous[0]["pid"] == "Anonymous 1"
    else:
        names = {node["label"] for node in data["nodes"]}
        assert all(re.fullmatch(r"Person \d{3}", name) for name in names) and len(names) == 9


def test_shuffled_rows_change_no_flag_and_no_place(tmp_path: Path) -> None:
    import csv
    import random

    from tests.conftest import shuffled_rows, write_csv_folder

    tables = {name: list(csv.reader((CIRCLE / f"{name}.csv").open(encoding="utf-8")))
              for name in ("participants", "relationships")}
    rnd = random.Random(16)
    folder = write_csv_folder(tmp_path / "shuffled", **{name: shuffled_rows(rows, rnd) for name, rows in tables.items()})

    def drawn(source: Path) -> tuple[dict[str, Any], dict[Any, Any]]:
        waves = landscape.waves_of(landscape.load(source), "2024", "2025")
        data = change_map_data(waves.before, waves.after, compare(waves.before, waves.after, labels=waves.labels),
                               series=waves.series())
        people = {node["pid"]: (node["waves"], node["x"], node["y"], node.get("mark")) for node in data["nodes"]}
        return people, {key: (edge["waves"], edge["change"]) for key, edge in _ties(data).items()}

    assert drawn(folder) == drawn(CIRCLE)


def test_a_negative_tie_is_drawn_apart_never_counted_as_learning_gained(tmp_path: Path) -> None:
    """The 2025 wave plus a dislike tie: the steps and the key count the learning ties as before
    (4 gained since 2024), and the dislike tie is not among them."""
    import shutil

    folder = tmp_path / "circle"
    shutil.copytree(CIRCLE, folder)
    with open(folder / "relationships.csv", "a", encoding="utf-8") as rows:
        rows.write("dev,hal,dislike,directed,2025\n")
    land = landscape.load(folder)
    assert "dislike" in land.relation_kinds and land.relation_kinds["dislike"] == "negative"
    waves = landscape.waves_of(land, "2024", "2025")
    data = change_map_data(waves.before, waves.after, compare(waves.before, waves.after, labels=waves.labels),
                           series=waves.series())
    assert data["changes"]["steps"] == STEPS
    assert "ties gained since 2024 (4)" in data["legend"]["edge_note"]

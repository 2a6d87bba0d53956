"""Value creation: the Stories sheet read and checked, the Value pass counted independently, and the
stories shared safely (counted, never quoted without consent; names in their words pseudonymised)."""

from __future__ import annotations

import json
import random
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import landscape
from landscape import load, sample_path
from landscape.cli import main
from tests.conftest import write_csv_folder

GROUPS = ["Alpha", "Beta", "Gamma", "Delta"]
ORDER = ["immediate", "potential", "applied", "realised", "reframing", "orienting", "enabling", "strategic"]
SPELLED = {"immediate": ["immediate", "Immediate value"], "potential": ["potential", "POTENTIAL"],
           "applied": ["applied"], "realised": ["realised", "realized", "Realized value"],
           "reframing": ["reframing", "transformative"], "orienting": ["orienting"], "enabling": ["enabling"],
           "strategic": ["strategic", "Strategic value"]}
STORY_HEADER = ["id", "title", "teller", "people", "community", "boundary", "source", "target", "cycles", "consent",
                "text"]


def _people(n: int) -> list[list[Any]]:
    return [["id", "name", "community", "stakeholder_group"],
            *[[f"p{i}", f"Zed{i} Quill{i}", GROUPS[i % 4], ["nurses", "doctors", "patients"][i % 3]] for i in range(n)]]


def _analyse(folder: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["analyse", str(folder), "--pass", "value", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["value"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_per_cycle_and_both_matrices_equal_an_independent_count(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    n = 16
    ties = {tuple(sorted(rnd.sample(range(n), 2))) for _ in range(14)}
    stories, expected = [STORY_HEADER], []
    for k in range(25):
        cycles = rnd.sample(ORDER, rnd.randint(1, 3))
        community = rnd.sample(GROUPS, rnd.randint(0, 2))
        boundary = rnd.sample(GROUPS, 2) if rnd.random() < 0.5 else []
        stories.append([f"S{k}", f"Story {k}", f"p{rnd.randrange(n)}", "", "; ".join(community), "; ".join(boundary),
                        "", "", "; ".join(rnd.choice(SPELLED[c]) for c in cycles), rnd.choice(["yes", "no", ""]),
                        "Words."])
        expected.append((set(cycles), community, tuple(sorted(boundary))))
    folder = write_csv_folder(tmp_path / "v", participants=_people(n), stories=stories,
                              relationships=[["source", "target", "type"], *[[f"p{a}", f"p{b}", "advice"]
                                                                             for a, b in sorted(ties)]])
    found = _analyse(folder)
    cycles = Counter(c for chosen, _, _ in expected for c in chosen)
    assert found["cycles"] == dict(cycles)
    communities: dict[str, Counter] = {}
    for chosen, community, _ in expected:
        for c in community:
            communities.setdefault(c, Counter()).update(chosen)
    assert found["matrix"]["communities"] == {c: dict(v) for c, v in communities.items()}
    boundaries: dict[tuple[str, str], Counter] = {}
    for chosen, _, pair in expected:
        if pair:
            boundaries.setdefault(pair, Counter()).update(chosen)
    assert {tuple(b["groups"]): b["cycles"] for b in found["matrix"]["boundaries"]} == \
        {pair: dict(v) for pair, v in boundaries.items()}
    # Boundaries with a learning tie and no story, by hand.
    crossed = {tuple(sorted((GROUPS[a % 4], GROUPS[b % 4]))) for a, b in ties if a % 4 != b % 4}
    assert {tuple(pair) for pair in found["untold_boundaries"]} == crossed - set(boundaries)
    told = {pair for pair in boundaries}
    assert found["stories_without_ties"] == [f"S{k}" for k, (_, _, pair) in enumerate(expected)
                                             if pair and pair not in crossed]
    assert found["chains"] == [f"S{k}" for k, (chosen, _, _) in enumerate(expected)
                               if chosen & {"immediate", "potential"} and chosen & {"applied", "realised"}]
    tellers = Counter(["nurses", "doctors", "patients"][int(row[2][1:]) % 3] for row in stories[1:])
    assert found["tellers"] == dict(tellers)
    del told


def test_a_story_naming_an_unknown_person_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    stories = [STORY_HEADER, ["S1", "t", "Zed1 Quil1", "Zed2 Quill2; Zed3 Qill3", "Alpha", "", "", "", "realized",
                              "yes", "x"],
               ["S1", "t", "p1", "", "", "Alpha; Beta; Gamma", "p1", "", "immediat; vague", "yes", "x"]]
    folder = write_csv_folder(tmp_path / "bad", participants=_people(6), stories=stories,
                              relationships=[["source", "target", "type"], ["p1", "p2", "advice"]])
    result = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1
    issues = [(i["table"], i["row"], i["column"], i["code"]) for i in json.loads(result.stdout)["issues"]]
    assert ("stories", 2, "teller", "unknown-participant") in issues
    assert ("stories", 2, "people", "unknown-participant") in issues
    assert ("stories", 3, "id", "duplicate-id") in issues and ("stories", 3, "target", "missing-value") in issues
    assert ("stories", 3, "boundary", "invalid-value") in issues
    assert [i for i in issues if i[3] == "unknown-cycle"] == [("stories", 3, "cycles", "unknown-cycle")] * 2
    messages = " ".join(i["message"] for i in json.loads(result.stdout)["issues"])
    assert "did you mean p1 (Zed1 Quill1)" in messages and "did you mean p3 (Zed3 Quill3)" in messages
    assert "(got 'immediat'; did you mean immediate?)" in messages


def test_a_story_without_consent_is_counted_and_never_quoted(tmp_path: Path) -> None:
    stories = [STORY_HEADER, ["S1", "Secret garden", "p1", "p2", "Alpha", "", "", "", "applied", "no",
                              "Confidential words about the ward."],
               ["S2", "Open door", "p2", "", "Beta", "", "", "", "immediate", "yes", "Words we may share."],
               ["S3", "Unsure", "p3", "", "Beta", "", "", "", "potential", "", "Not yet agreed words."]]
    folder = write_csv_folder(tmp_path / "c", participants=_people(6), stories=stories,
                              relationships=[["source", "target", "type"], ["p1", "p2", "advice"]])
    files = landscape.atlas(load(folder), tmp_path / "atlas")
    for path in (files.report_html, files.report_markdown, files.atlas, files.metrics,
                 *(tmp_path / "atlas").glob("*.svg")):
        text = _text_of(path)
        for secret in ("Confidential words", "Secret garden", "Not yet agreed", "Unsure"):
            assert secret not in text, (path.name, secret)
    report = files.report_html.read_text("utf-8")
    assert "Words we may share." in report and "Open door" in report
    assert report.count("Not quoted: the teller did not agree to share the words.") == 1  # consent no
    assert report.count("Not quoted: no consent to share the words is recorded.") == 1  # consent blank
    found = _analyse(folder)
    assert found["cycles"] == {"immediate": 1, "potential": 1, "applied": 1} and found["unquoted"] == 2
    assert [s["text"] for s in found["stories"]] == [None, "Words we may share.", None]


def _text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return " ".join(book.read(name).decode("utf-8", "ignore") for name in book.namelist())
    return path.read_text("utf-8")


def test_anonymise_leaks_no_name_from_story_text_into_any_output(tmp_path: Path) -> None:
    land = load(sample_path("clinical-simulation"))
    names = [str(name) for name in land.participants["name"]]
    files = landscape.atlas(land, tmp_path / "atlas", anonymise=True)
    outputs = [p for p in (tmp_path / "atlas").iterdir()]
    assert len(outputs) >= 9
    for path in outputs:
        text = _text_of(path)
        assert not [name for name in names if name in text], path.name
    report = files.report_markdown.read_text("utf-8")
    assert re.search(r"Person \d+ and Person \d+ practised PEARLS", report)  # the story kept, its names replaced
    assert re.search(r"Person \d+'s team", report)


def test_someone_who_withheld_consent_is_someone_in_a_story(tmp_path: Path) -> None:
    people = [["id", "name", "community", "consent"], ["a", "Ann Ash", "Alpha", "yes"],
              ["b", "Bo Birch", "Beta", "no"], ["c", "Cy Cedar", "Beta", "yes"]]
    stories = [STORY_HEADER, ["S1", "Help", "a", "b", "", "", "", "", "applied", "yes", "Ann Ash helped Bo Birch."]]
    folder = write_csv_folder(tmp_path / "w", participants=people, stories=stories,
                              relationships=[["source", "target", "type"], ["a", "b", "advice"], ["b", "c", "advice"]])
    files = landscape.atlas(load(folder), tmp_path / "atlas")
    report = files.report_markdown.read_text("utf-8")
    assert "Ann Ash helped someone." in report and "Bo Birch" not in _text_of(files.atlas)


def test_the_sample_tells_its_value_story_and_the_atlas_marks_each_story() -> None:
    """Hand-counted from samples/build/clinical_simulation.py's six stories."""
    from landscape.render.atlas import atlas_data, run_passes

    land = load(sample_path("clinical-simulation"))
    results = run_passes(land)
    value = results["value"]
    assert value.cycles == {"immediate": 3, "potential": 3, "applied": 3, "realised": 1, "reframing": 1,
                            "orienting": 1, "enabling": 1, "strategic": 1}
    assert value.chains == ("S1", "S2") and value.stories_without_ties == ("S3", "S5")
    assert value.tellers == {"nursing faculty": 3, "hospital managers": 1, "regional network staff": 1,
                             "simulation technicians": 1}
    assert ("Simulation Steering Committee", "Student Simulation Society") not in value.untold_boundaries
    data = atlas_data(land, results)
    view = data["views"]["value"]
    markers = [node for node in view["extra_nodes"] if node.get("kind") == "story"]
    assert [m["label"] for m in markers][:3] == ["PEARLS reaches the wards", "Half the set-up time", "Story S3"]
    secret = next(m for m in markers if m["label"] == "Story S3")
    assert ["words", "Not quoted: the teller did not agree to share the words."] in secret["details"]
    assert {e["kind"] for e in view["extra_edges"]} == {"story-link"}


def test_no_stories_is_said_and_the_template_offers_the_sheet(tmp_path: Path) -> None:
    found = _analyse(Path(str(sample_path("krackhardt-hightech"))))
    assert found["stories"] == [] and found["findings"][0]["kind"] == "no-stories"
    assert found["untold_boundaries"]  # every boundary with ties is untold
    from openpyxl import load_workbook

    landscape.write_template(tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx")["Stories"]
    assert [c.value for c in sheet[1]][:6] == ["id", "title", "teller", "people", "community", "boundary"]


# What the independent review found (issue 20), one test each.

def test_a_story_is_checked_against_the_ties_of_its_own_wave(tmp_path: Path) -> None:
    people = [["id", "name", "community"], ["P1", "Ann", "Alpha"], ["P2", "Bo", "Beta"], ["P3", "Cy", "Gamma"]]
    ties = [["source", "target", "type", "wave"], ["P1", "P2", "advice", "2024"], ["P2", "P3", "advice", "2025"]]
    stories = [["id", "teller", "boundary", "source", "target", "cycles", "wave", "consent"],
               ["S1", "P1", "", "P1", "P2", "immediate", "2024", "yes"],
               ["S2", "P1", "Alpha;Beta", "", "", "applied", "2024", "yes"],
               ["S3", "P1", "Alpha;Beta", "", "", "applied", "", "yes"]]
    found = _analyse(write_csv_folder(tmp_path / "w", participants=people, relationships=ties, stories=stories))
    assert found["stories_without_ties"] == ["S3"]  # S3 names no wave: read against 2025, the wave mapped


def test_a_boundary_between_groups_of_another_column_is_checked_in_that_column(tmp_path: Path) -> None:
    people = [["id", "name", "community", "organisation", "stakeholder_group"], ["P1", "Ann", "Alpha", "Org1", "nurses"],
              ["P2", "Bo", "Beta", "Org1", "doctors"], ["P3", "Cy", "Beta", "Org2", "nurses"]]
    ties = [["source", "target", "type"], ["P1", "P2", "advice"], ["P2", "P3", "advice"]]
    stories = [["id", "teller", "boundary", "cycles", "consent"], ["S1", "P1", "Alpha;Beta", "applied", "yes"],
               ["S2", "P1", "Org1;Org2", "applied", "yes"], ["S3", "P1", "nurses;doctors", "applied", "yes"]]
    folder = write_csv_folder(tmp_path / "g", participants=people, relationships=ties, stories=stories)
    assert _analyse(folder)["stories_without_ties"] == []
    assert _analyse(folder, "--group", "organisation")["stories_without_ties"] == []


def test_impossible_boundaries_and_ties_are_errors_and_cycles_split_as_people_write_them(tmp_path: Path) -> None:
    people = [["id", "name", "community"], ["P1", "Ann", "Alpha"], ["P2", "Bo", "Beta"]]
    stories = [["id", "teller", "boundary", "source", "target", "cycles"],
               ["S1", "P1", "Alpha;alpha", "", "", "immediate and applied"],
               ["S2", "P1", "", "P1", "P1", "Realized/Transformative"], ["S3", "P1", "", "", "", "immediate\napplied"]]
    folder = write_csv_folder(tmp_path / "b", participants=people, stories=stories,
                              relationships=[["source", "target", "type"], ["P1", "P2", "advice"]])
    result = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    issues = [(i["row"], i["column"], i["code"], i["severity"]) for i in json.loads(result.stdout)["issues"]]
    assert (2, "boundary", "invalid-value", "error") in issues and (3, "target", "self-tie", "error") in issues
    assert not [i for i in issues if i[2] == "unknown-cycle"]
    assert (None, None, "missing-column", "warning") in issues  # no consent column: none will be quoted


def test_the_words_said_aloud_fit_one_story_and_no_consent_recorded(tmp_path: Path) -> None:
    people = [["id", "name", "community"], ["P1", "Ann", "Alpha"], ["P2", "Bo", "Beta"]]
    stories = [["id", "title", "teller", "community", "cycles", "text"], ["S1", "One", "P1", "Alpha", "potential", "x"]]
    found = _analyse(write_csv_folder(tmp_path / "one", participants=people, stories=stories,
                                      relationships=[["source", "target", "type"], ["P1", "P2", "advice"]]))
    headlines = {f["kind"]: f["headline"] for f in found["findings"]}
    assert headlines["stories"] == ("1 story tells of value created; none of them yet reaches changed practice or "
                                    "results (applied or realised value).")
    assert headlines["unquoted"] == "1 story is counted but not quoted: no consent to share the words is recorded."
    assert "tellers" not in headlines  # nobody has a stakeholder group: nothing to say of whose voice
    many = [["id", "teller", "cycles", "consent"], *[[f"S{k}", "P1", "immediate; applied", "yes"] for k in range(12)]]
    found = _analyse(write_csv_folder(tmp_path / "many", participants=people, stories=many,
                                      relationships=[["source", "target", "type"], ["P1", "P2", "advice"]]))
    chains = next(f for f in found["findings"] if f["kind"] == "chains")
    assert "all named under How we know" in chains["headline"] and "story S11" in chains["statement"]


def test_the_template_has_no_example_story_to_count(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    landscape.write_template(tmp_path / "t.xlsx")
    assert load_workbook(tmp_path / "t.xlsx")["Stories"].max_row == 1

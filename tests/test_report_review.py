"""What the independent review of issue 17 found, one test each: headlines that counted differently,
read chance as a pattern, named nobody or everybody, or spoke wrongly of small and odd data."""

from __future__ import annotations

import re
from pathlib import Path

import landscape
from landscape import load, sample_path


def _headlines(land) -> dict[str, str]:
    return {f["kind"]: f["headline"] for result in landscape.analyse(land).to_dict().values()
            if isinstance(result, dict) for f in result.get("findings", [])}


def test_boundaries_and_scale_count_the_same_pairs(csv_input) -> None:
    """a, b, c in X tied to each other both ways; d, e, f, g in Y each go to one of them. By hand: 7 pairs,
    3 within X, 4 across; 3 / 7 = 43% share a community (arcs would say 6 of 10 = 60% within)."""
    people = [["id", "name", "community"]] + [[p, p.upper(), "X" if p in "abc" else "Y"] for p in "abcdefg"]
    ties = [["source", "target", "type"]] + [[a, b, "advice"] for a, b in
                                             ("ab", "ba", "bc", "cb", "ac", "ca", "da", "eb", "fc", "ga")]
    heads = _headlines(load(csv_input(participants=people, relationships=ties)))
    assert heads["ei-network"].startswith("Of 7 pairs of people tied, 4 join two different communities and 3 share one")
    assert heads["tie-levels"] == "Of 7 pairs of people tied, 3 share a community and 4 do not."
    assert heads["level-ei"] == ("Learning ties mostly run from one community to another: of 7 pairs of people tied who "
                                 "both have one, 43% share it, 57% do not.")


def test_every_person_a_finding_is_about_is_named_in_the_report(tmp_path: Path) -> None:
    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    markdown = files.report_markdown.read_text("utf-8")
    land = load(sample_path("clinical-simulation"))
    names = {str(pid): name for pid, name in land.graph.nodes(data="name")}
    checked = 0
    for result in landscape.analyse(land).to_dict().values():
        for finding in result.get("findings", []) if isinstance(result, dict) else []:
            if finding["kind"] == "rank-beyond-seeking":  # deliberately unnamed in print
                continue
            for subject in finding["subjects"]:
                if subject in names:
                    assert names[subject] in markdown, (finding["kind"], names[subject])
                    checked += 1
    assert checked > 60
    about = {row[1]: row[6] for row in __import__("openpyxl").load_workbook(files.metrics)["Findings"]
             .iter_rows(min_row=2, values_only=True)}
    assert "Yara Fischer (P014)" in about["sought-beyond-rank"]


def test_a_long_list_is_not_read_aloud_but_named_below(tmp_path: Path) -> None:
    """14 people sought out beyond their rank: the headline gives the count, the evidence every name."""
    heads = _headlines(load(sample_path("clinical-simulation")))
    assert heads["sought-beyond-rank"] == ("14 people are sought out far more than their formal rank would suggest: "
                                           "all are named below.")


def test_a_pattern_chance_could_give_is_not_read_as_one() -> None:
    from landscape.findings.power import _alignment_headline

    assert "no clear pattern" in _alignment_headline(0.35, 10, 0.32)
    assert "partly follows" in _alignment_headline(0.35, 60, 0.006)


def test_formal_ties_only_are_not_called_no_relationship(csv_input) -> None:
    people = [["id", "name", "community"], ["a", "A", "X"], ["b", "B", "X"], ["c", "C", "Y"], ["d", "D", "Y"]]
    ties = [["source", "target", "type"], ["a", "b", "reports_to"], ["b", "c", "reports_to"], ["d", "c", "reports_to"]]
    heads = _headlines(load(csv_input(participants=people, relationships=ties)))
    assert heads["no-ties"].startswith("No learning tie (such as advice or collaboration) is recorded")
    assert "any relationship" not in " ".join(heads.values())


def test_the_summary_says_when_no_type_is_a_learning_tie(tmp_path: Path, csv_input) -> None:
    people = [["id", "name"], ["a", "A"], ["b", "B"]]
    land = load(csv_input(participants=people, relationships=[["source", "target", "type"], ["a", "b", "reports_to"]]))
    brief = landscape.atlas(land, tmp_path / "a").report_markdown.read_text("utf-8").split("## Voices")[0]
    assert ("They recorded 1 relationship: 1 reports_to. None of these types is a learning tie (such as advice or "
            "collaboration), so the findings have no ties to read.") in brief


def test_a_blank_answer_is_not_known_and_an_empty_column_says_nothing(tmp_path: Path, csv_input) -> None:
    ties = [["source", "target", "type"], ["a", "b", "advice"], ["c", "a", "advice"]]
    people = [["id", "name", "responded"], ["a", "A", "yes"], ["b", "B", ""], ["c", "C", "no"], ["d", "D", "yes"]]
    files = landscape.atlas(load(csv_input(participants=people, relationships=ties)), tmp_path / "one")
    assert ("2 of 3 people answered (67%); for 1 more, whether they answered is not recorded"
            in files.report_markdown.read_text("utf-8"))
    people = [["id", "name", "responded"], ["a", "A", ""], ["b", "B", ""], ["c", "C", ""]]
    files = landscape.atlas(load(csv_input(participants=people, relationships=ties)), tmp_path / "two")
    assert "answered" not in files.report_markdown.read_text("utf-8").split("## Voices")[0]


def test_odd_column_names_and_one_person_read_as_english(tmp_path: Path, csv_input) -> None:
    people = [["id", "name", "status", "law_school"], ["a", "A", "partner", "Yale"], ["b", "B", "associate", "Yale"],
              ["c", "C", "partner", "Harvard"]]
    ties = [["source", "target", "type"], ["a", "b", "advice"], ["b", "c", "advice"]]
    land = load(csv_input(participants=people, relationships=ties)).with_settings(group="status")
    assert "two different statuses" in _headlines(land)["ei-network"]
    land = load(csv_input(participants=people, relationships=ties)).with_settings(group="law_school")
    assert "two different law schools" in _headlines(land)["ei-network"]
    one = load(csv_input(participants=[["id", "name"], ["a", "Ann"]], relationships=[["source", "target"]]))
    markdown = landscape.atlas(one, tmp_path / "one").report_markdown.read_text("utf-8")
    assert "1 person takes part" in markdown and not re.search(r"All 1 person", markdown)

"""The Leadership pass in the tool: the sample's emergence story, the options, every output, sharing.

The measures themselves are checked against independent computations in
tests/test_leadership_independent.py; here, what a facilitator and a script see.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import landscape
from landscape import load, sample_path
from landscape.analysis import analyse
from landscape.cli import main
from landscape.findings import findings_for
from landscape.passes.leadership import emergence, leadership
from tests.conftest import write_csv_folder

PEOPLE = [["id", "name", "community", "level"], ["a", "Ann Ash", "X", 3], ["b", "Bo Birch", "X", 1],
          ["c", "Cy Cedar", "Y", 1], ["d", "Di Dogwood", "Y", 1], ["e", "Ed Elm", "Z", 1]]


def _analyse(folder: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["analyse", str(folder), "--pass", "leadership", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["leadership"]


def test_the_sample_tells_the_emergence_story() -> None:
    """Hand-counted from samples/build/clinical_simulation.py: in 2025 Bilal Halloran is named by 15,
    Yara Fischer by 12, Olu Thompson by 11, Zara Fontaine by 8 of 46 nominations, and the four name
    each other; in 2024 Olu Thompson held 28 of 43."""
    result = analyse(load(sample_path("clinical-simulation")), passes=["leadership"]).results["leadership"]
    assert result.relation_source == "leadership ties" and result.nominations == 46
    assert result.leaders == ("P038", "P014", "P002", "P005")
    assert [result.in_degree[p] for p in result.leaders] == [15, 12, 11, 8]
    assert result.configuration == "distributed-coordinated" and result.leader_threshold == 8
    assert result.top_share["top1"] == pytest.approx(15 / 46)
    change = result.emergence
    assert change["before"] == "2024" and change["after"] == "2025"
    assert change["new"] == ["P038", "P014", "P005"] and change["no_longer"] == [] and change["leaders_before"] == ["P002"]
    assert change["configuration_before"] == "leader-centred"
    n = 76
    assert change["centralization"]["before"] == pytest.approx(sum(28 - d for d in [28, 8, 7] + [0] * (n - 3)) / (n - 1) ** 2)
    assert result.coverage["Simulation Faculty Circle"]["agenda activists"] == 2  # Olu Thompson and Dana Ito
    assert result.roles["nobody"] == ["value detectives"]
    # The earlier wave, chosen: one person holds most nominations.
    then = analyse(load(sample_path("clinical-simulation")), passes=["leadership"], options={"wave": "2024"})
    assert then.results["leadership"].configuration == "leader-centred"
    assert then.results["leadership"].emergence is None  # nothing before the first wave


def test_findings_name_those_looked_to_with_their_groups_and_ask_the_question() -> None:
    result = analyse(load(sample_path("clinical-simulation")), passes=["leadership"]).results["leadership"]
    found = {f.kind: f for f in findings_for("leadership", result)}
    assert "Bilal Halloran, Yara Fischer, Olu Thompson and Zara Fontaine" in found["configuration"].headline
    assert "look to each other" in found["configuration"].headline
    assert "Bilal Halloran (Simulation Faculty Circle, Debriefing Practice Group)" in found["configuration"].statement
    assert found["leadership-emergence"].headline.startswith("Since 2024, 3 people are newly looked to")
    assert "less concentrated" in found["leadership-emergence"].headline
    assert found["leadership-groups"].headline.startswith("Some leadership groups are missing: nobody is one of the "
                                                          "value detectives")
    assert "communities lack groups" in found["leadership-groups"].headline
    for f in found.values():
        assert f.question.endswith("?") and f.headline and "None" not in f.statement


def test_a_star_a_web_of_hubs_and_hubs_apart(tmp_path: Path) -> None:
    star = write_csv_folder(tmp_path / "star", participants=PEOPLE, relationships=[
        ["source", "target", "type"], *[[p, "a", "looks_to"] for p in "bcde"]])
    found = _analyse(star)
    assert (found["configuration"], found["leaders"], found["centralization"]) == ("leader-centred", ["a"], 1.0)
    assert found["density"] == pytest.approx(4 / 20) and found["gini"] == pytest.approx(0.8)
    assert found["groups"]["X"] == {"members": 2, "given": 1, "internal": 1, "external": 3, "ei": 0.5,
                                    "looked_to_from_outside": True, "looked_to": ["a"]}
    assert found["unseen_groups"] == ["Y", "Z"]


def test_leads_runs_from_the_leader_and_is_turned_round(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "leads", participants=PEOPLE, relationships=[
        ["source", "target", "type"], *[["a", p, "leads"] for p in "bcde"]])
    found = _analyse(folder)
    assert found["in_degree"]["a"] == 4 and found["ties"]["turned"] == 4 and found["leaders"] == ["a"]


def test_the_learning_ties_stand_in_and_say_so(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "advice", participants=PEOPLE, relationships=[
        ["source", "target", "type"], *[[p, "a", "advice"] for p in "bcd"]])
    found = _analyse(folder)
    assert found["relation_source"] == "learning ties (proxy)" and found["relations"] == ["advice"]
    assert found["findings"][0]["kind"] == "leadership-proxy"
    assert "instead" in found["findings"][0]["headline"]


def test_leadership_relation_picks_a_type_of_any_kind_and_a_typo_is_an_error(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "own", participants=PEOPLE, relationships=[
        ["source", "target", "type"], *[[p, "e", "inspires"] for p in "abcd"], ["a", "b", "advice"]])
    found = _analyse(folder, "--leadership-relation", "inspires")
    assert found["relation_source"] == "leadership ties" and found["leaders"] == ["e"]
    result = CliRunner().invoke(main, ["analyse", str(folder), "--pass", "leadership", "--leadership-relation",
                                       "inspire"])
    assert result.exit_code == 1 and "no relationship of type 'inspire'" in result.stderr


def test_nobody_named_twice_is_none_and_no_nominations_is_said(tmp_path: Path) -> None:
    ring = write_csv_folder(tmp_path / "ring", participants=PEOPLE, relationships=[
        ["source", "target", "type"], *[[a, b, "looks_to"] for a, b in zip("abcde", "bcdea")]])
    found = _analyse(ring)
    assert found["configuration"] == "none" and found["leaders"] == [] and found["gini"] == 0.0
    assert "more than one person" in found["findings"][0]["headline"]


def test_compare_reports_who_is_newly_looked_to(tmp_path: Path) -> None:
    rows = [["source", "target", "type", "wave"], *[[p, "a", "looks_to", "2024"] for p in "bcde"],
            *[[p, "b", "looks_to", "2025"] for p in "acde"], ["a", "b", "advice", "2024"], ["a", "c", "advice", "2025"]]
    folder = write_csv_folder(tmp_path / "waves", participants=PEOPLE, relationships=rows)
    result = CliRunner().invoke(main, ["compare", str(folder), "--waves", "2024,2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    continuity = json.loads(result.stdout)["continuity"]
    assert continuity["leadership"]["new"] == ["b"] and continuity["leadership"]["no_longer"] == ["a"]
    kinds = [f["kind"] for f in continuity["findings"]]
    assert "leadership-emergence" in kinds
    found = next(f for f in continuity["findings"] if f["kind"] == "leadership-emergence")
    assert "Bo Birch" in found["headline"] and "Ann Ash" not in found["headline"]  # those no longer: counted
    # The same from the library, for any two landscapes.
    land = load(folder)
    two = landscape.analysis.waves_of(land, "2024", "2025")
    assert emergence(two.before, two.after)["new"] == ["b"]


def test_the_atlas_has_a_leadership_view_report_section_workbook_column_and_card(tmp_path: Path) -> None:
    files = landscape.atlas(load(sample_path("clinical-simulation")), tmp_path / "atlas")
    page = files.atlas.read_text("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', page,
                                re.S).group(1))
    view = data["views"]["leadership"]
    assert view["label"] == "Leadership" and view["layout"]["type"] == "positions"
    marks = dict(zip((p["pid"] for p in data["people"]), view["nodes"]["mark"]))
    assert marks["P002"] == "leader" and {marks[p] for p in ("P038", "P014", "P005")} == {"emerging"}
    drawn = [edge["type"] for edge, shown in zip(data["edges"], view["edges"]["shown"]) if shown]
    assert set(drawn) == {"looks_to_for_leadership"} and len(drawn) == 46
    cards = {p["pid"]: p["summary"] for p in data["people"]}
    assert "11 people look to them for leadership; they are among those most widely looked to." in cards["P002"]
    assert any(s.endswith("newly since 2024.") for s in cards["P014"])
    report = files.report_markdown.read_text("utf-8")
    section = report[report.index("## Leadership"):report.index("## What was read")]
    assert "| Widely looked to | Looked to by |" in section and "| Bilal Halloran | 15 |" in section
    assert "map-leadership.svg" in section
    sheet = load_workbook(files.metrics, read_only=True)["Participants"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert "Looked to for leadership" in header


def test_anonymised_leadership_names_nobody(tmp_path: Path) -> None:
    land = load(sample_path("clinical-simulation"))
    files = landscape.atlas(land, tmp_path / "atlas", anonymise=True)
    names = [str(name) for name in land.participants["name"]]
    for path in (files.atlas, files.report_html, files.report_markdown, tmp_path / "atlas" / "map-leadership.svg"):
        text = path.read_text("utf-8")
        assert not [name for name in names if name in text], path.name
    report = files.report_markdown.read_text("utf-8")
    assert "newly looked to for leadership by several people: Person" in report


def test_map_view_leadership_and_an_empty_relation(tmp_path: Path) -> None:
    out = tmp_path / "lead.html"
    result = CliRunner().invoke(main, ["map", str(sample_path("clinical-simulation")), "-o", str(out), "--view",
                                       "leadership"])
    assert result.exit_code == 0, result.output
    assert "looks_to_for_leadership" in out.read_text("utf-8")
    nobody = write_csv_folder(tmp_path / "none", participants=PEOPLE, relationships=[["source", "target", "type"]])
    found = leadership(load(nobody))
    assert found.configuration == "none" and found.density == 0 and found.gini is None
    assert found.top_share == {"top1": None, "top3": None, "top10pct": None}


# What the independent review found (issue 19), one test each.

def test_no_group_column_and_no_nominations_is_said_not_a_traceback(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "d7", participants=[["id", "name"], ["a", "Ann"], ["b", "Bob"], ["c", "Cat"]],
                              relationships=[["source", "target", "type"], ["b", "a", "reports_to"]])
    found = _analyse(folder)
    assert found["configuration"] == "none" and found["groups"] == {}
    assert found["findings"][-1]["statement"] == "Configuration: none; no nominations." or \
        any(f["statement"] == "Configuration: none; no nominations." for f in found["findings"])
    for args in (["atlas", str(folder), "-o", str(tmp_path / "out")],
                 ["map", str(folder), "--view", "leadership", "-o", str(tmp_path / "m.html")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output


def test_a_wave_without_nominations_says_where_they_are_and_does_not_stand_in(tmp_path: Path) -> None:
    rows = [["source", "target", "type", "wave"], *[[p, "a", "looks_to", "2023"] for p in "bcde"],
            *[[p, "c", "looks_to", "2024"] for p in "abd"], *[[a, b, "advice", w] for a, b in (("a", "b"), ("c", "d"))
                                                              for w in ("2023", "2024", "2025")]]
    found = _analyse(write_csv_folder(tmp_path / "w", participants=PEOPLE, relationships=rows))
    assert found["relation_source"] == "leadership ties" and found["nominations"] == 0
    assert found["nomination_waves"] == ["2023", "2024"] and found["emergence"] is None
    assert found["findings"][0]["headline"] == ("Nobody recorded who they look to for leadership in this wave; the "
                                                "nominations are in 2023 and 2024.")
    assert "--wave 2024" in found["findings"][0]["question"]


def test_leadership_relation_is_read_as_every_type_name_is(tmp_path: Path) -> None:
    sample = str(sample_path("clinical-simulation"))
    found = _analyse(Path(sample), "--leadership-relation", "Looks To For Leadership")
    assert found["relations"] == ["looks_to_for_leadership"] and found["emergence"]["new"]
    out = tmp_path / "lr.html"
    assert CliRunner().invoke(main, ["map", sample, "--view", "leadership", "--leadership-relation",
                                     "Looks To For Leadership", "-o", str(out)]).exit_code == 0
    assert "Drawn: the ties the pass measured (looks_to_for_leadership)" in out.read_text("utf-8")


def test_two_people_named_equally_are_not_one_leader_and_one_of_few_is_said_plainly(tmp_path: Path) -> None:
    tied = write_csv_folder(tmp_path / "d5", participants=PEOPLE, relationships=[
        ["source", "target", "type"], ["c", "a", "looks_to"], ["d", "a", "looks_to"], ["c", "b", "looks_to"],
        ["d", "b", "looks_to"]])
    found = _analyse(tied)
    assert found["configuration"] == "distributed-fragmented" and found["leader_pairs"] == 0
    assert "none of them looks to another" in found["findings"][0]["headline"]
    people = [["id", "name"], *[[f"p{i}", f"Person {i}"] for i in range(1, 13)]]
    few = write_csv_folder(tmp_path / "m2", participants=people, relationships=[
        ["source", "target", "type"], *[[f"p{i}", "p1", "looks_to"] for i in (2, 3, 4)],
        *[[f"p{i}", f"p{i + 1}", "looks_to"] for i in range(5, 12)]])
    found = _analyse(few)
    assert found["configuration"] == "leader-centred" and found["top_share"]["top1"] == pytest.approx(3 / 10)
    assert found["findings"][0]["headline"] == "Only one person is looked to for leadership by several people: Person 1."


def test_confirm_both_keeps_every_nomination(tmp_path: Path) -> None:
    people = [["id", "name", "responded"], *[[p, p.upper(), "yes"] for p in "abcd"]]
    rows = [["source", "target", "type", "reported_by"], ["b", "a", "looks_to", "b"], ["c", "a", "looks_to", "c"],
            ["d", "a", "looks_to", "d"], ["a", "c", "looks_to", "a"], ["a", "b", "advice", "a"],
            ["b", "a", "advice", "b"], ["c", "d", "advice", "c"]]
    folder = write_csv_folder(tmp_path / "c1", participants=people, relationships=rows)
    both = _analyse(folder, "--confirm", "both")
    assert both["nominations"] == 4 and both["leaders"] == ["a"] and both["configuration"] == "leader-centred"
    power = json.loads(CliRunner().invoke(main, ["analyse", str(folder), "--pass", "power", "--confirm", "both",
                                                 "--format", "json"]).stdout)["power"]
    assert power["ties"]["rows"] == 2  # the advice tie only c reported is left out, as before


def test_the_view_rings_the_leaders_in_gold_and_the_new_ones_in_orange_and_keys_only_what_is_drawn(
        tmp_path: Path) -> None:
    from landscape.render.views import leadership_view

    land = landscape.analysis.current_wave(load(sample_path("clinical-simulation")))
    view = leadership_view(land, None)
    marks = {node["pid"]: node.get("mark") for node in view["nodes"]}
    assert marks["P002"] == "leader" and {marks[p] for p in ("P038", "P014", "P005")} == {"emerging"}
    assert [s["style"] for s in view["legend"]["styles"]] == ["leader", "emerging"]
    first = leadership_view(landscape.analysis.current_wave(load(sample_path("clinical-simulation")).with_settings(
        wave="2024")), None)
    assert [s["style"] for s in first["legend"]["styles"]] == ["leader"]
    from landscape.render.marks import RINGS
    from landscape.render.views.base import NODE_PALETTE
    assert RINGS["emerging"] not in NODE_PALETTE and RINGS["leader"] not in NODE_PALETTE


def test_roles_read_hyphens_and_say_nothing_of_people_without_ties(tmp_path: Path) -> None:
    people = [["id", "name", "community", "leadership_group"], ["a", "Ann", "N", "external-messengers"],
              ["b", "Bo", "N", "Community_Keeper"], ["c", "Cy", "S", "value detectives"], ["d", "Di", "S", ""],
              ["e", "Ed", "", "griot"]]
    rows = [["source", "target", "type"], ["b", "c", "advice"], ["d", "e", "looks_to"], ["c", "e", "looks_to"]]
    found = _analyse(write_csv_folder(tmp_path / "g", participants=people, relationships=rows))
    assert found["coverage"] == {"N": {"community keepers": 1, "external messengers": 1}, "S": {"value detectives": 1}}
    assert set(found["roles"]["held"]) == {"community keepers", "external messengers", "value detectives", "griot"}
    kinds = {f["kind"]: f for f in found["findings"]}
    assert "outward-roles" not in kinds  # Ann has no learning tie: nothing to say of where they go
    assert "griot" not in kinds["leadership-groups"]["statement"]  # held only by someone with no community
    assert "nobody is one of the agenda activists, critical friends, social reporters or organisational brokers" in \
        kinds["leadership-groups"]["headline"]
    by_role = _analyse(write_csv_folder(tmp_path / "g", participants=people, relationships=rows),
                       "--group", "leadership_group")
    assert by_role["coverage"] == {} and by_role["roles"] is None


def test_groups_nobody_asked_are_asked_about_and_the_words_read_aloud(tmp_path: Path) -> None:
    result = analyse(load(sample_path("clinical-simulation")), passes=["leadership"]).results["leadership"]
    found = {f.kind: f for f in findings_for("leadership", result)}
    assert found["unasked-group"].headline == ("Nobody in Patient Safety & Quality Group or Student Simulation "
                                               "Society named anyone for leadership or was named.")
    # A preceptor in the Debriefing Practice Group named someone: the Forum took part, and nobody outside looks to it.
    assert found["unseen-group"].focus.groups == ("Clinical Preceptors Forum",)
    one = write_csv_folder(tmp_path / "one", participants=PEOPLE, relationships=[["source", "target", "type"],
                                                                                 ["b", "a", "looks_to"]])
    out = CliRunner().invoke(main, ["analyse", str(one), "--pass", "leadership"]).stdout
    assert "1 nomination among 5 people" in out
    help_text = CliRunner().invoke(main, ["analyse", "--help"]).stdout
    assert "leadership (how do we foster" in help_text and "scale, leadership" in help_text

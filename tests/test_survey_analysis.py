"""Survey data in the analysis: response rates, non-respondents, the weak and strong rules
(``--confirm either|both``), confirmed and one-sided ties, different accounts, fragile findings.

Every number is checked against an independent count: plain sets and counters over the rows
written, and networkx's own reciprocal symmetrisation for the strong rule.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import landscape
from landscape.cli import main
from tests.conftest import write_csv_folder

GROUPS = ("nurses", "doctors", "students", "technicians")
COMMUNITIES = ("sim lab", "wards", "debrief circle")


def _survey(seed: int, answering: float) -> tuple[list[list[str]], list[list[str]]]:
    """A survey of 40 people: respondents name 1-5 others for advice and 0-3 for collaboration;
    people who did not answer name nobody (as in a real survey); two answers are blank (not known)."""
    rnd = random.Random(seed)
    ids = [f"P{i:02d}" for i in range(1, 41)]
    answers = ["yes" if rnd.random() < answering else "no" for _ in ids]
    answers[5] = answers[17] = ""  # not recorded
    people = [["id", "name", "stakeholder_group", "community", "responded"]]
    people += [[pid, f"Person {pid}", GROUPS[i % 4], COMMUNITIES[(i * 7) % 3], answer]
               for i, (pid, answer) in enumerate(zip(ids, answers))]
    ties = [["source", "target", "type", "reported_by"]]
    for pid, answer in zip(ids, answers):
        if answer != "yes":  # who did not answer (or is not recorded as answering) named nobody
            continue
        others = [other for other in ids if other != pid]
        for kind, most in (("advice", 5), ("collaboration", 3)):
            for other in rnd.sample(others, rnd.randint(0 if kind == "collaboration" else 1, most)):
                ties.append([pid, other, kind, pid])
    return people, ties


def _rules(ties: list[list[str]], kind: str) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """The weak and strong rules by hand: pairs named by either, pairs named by both."""
    named = {(row[0], row[1]) for row in ties[1:] if row[2] == kind}
    weak = {frozenset(pair) for pair in named}
    strong = {frozenset((a, b)) for a, b in named if (b, a) in named}
    return weak, strong


@pytest.fixture(params=[(3, 0.7), (11, 0.6), (29, 0.95)], ids=["70%", "60%", "95%"])
def survey(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, list[list[str]], list[list[str]]]:
    people, ties = _survey(*request.param)
    return write_csv_folder(tmp_path / "survey", participants=people, relationships=ties), people, ties


def test_tie_counts_under_either_and_both_are_the_weak_and_strong_rules(survey) -> None:
    folder, _, ties = survey
    weak, strong = _rules(ties, "advice")
    graph = nx.DiGraph([(row[0], row[1]) for row in ties[1:] if row[2] == "advice"])
    assert len(strong) == graph.to_undirected(reciprocal=True).number_of_edges()  # an independent strong rule
    assert len(weak) == graph.to_undirected().number_of_edges()
    land = landscape.load(folder)
    either = landscape.analyse(land, options={"relations": ["advice"]}).to_dict()
    both = landscape.analyse(land, options={"relations": ["advice"], "confirm": "both"}).to_dict()
    for name in ("voices", "power", "boundaries", "scale"):
        assert {key: either[name]["ties"][key] for key in ("pairs", "confirm", "confirmed", "one_sided")} == \
            {"pairs": len(weak), "confirm": "either", "confirmed": len(strong), "one_sided": len(weak - strong)}
        assert {key: both[name]["ties"][key] for key in ("pairs", "confirm", "confirmed", "one_sided")} == \
            {"pairs": len(strong), "confirm": "both", "confirmed": len(strong), "one_sided": 0}
    assert both["power"]["ties"]["arcs"] == 2 * len(strong)  # each confirmed pair: both people's nominations
    # Every participant stays under the strong rule; only ties go.
    assert both["participants"] == either["participants"] == 40
    _, strong_collaboration = _rules(ties, "collaboration")
    assert both["relationships"] == 2 * len(strong) + 2 * len(strong_collaboration) < len(ties) - 1
    assert either["relationships"] == len(ties) - 1


def test_response_rates_overall_and_per_group_equal_a_count_by_hand(survey) -> None:
    folder, people, _ = survey
    voices = landscape.analyse(landscape.load(folder), passes=["voices"]).to_dict()["voices"]
    rows = people[1:]
    known = [row for row in rows if row[4]]
    expected = {"respondents": sum(row[4] == "yes" for row in known), "participants": len(known), "unknown": 2}
    assert {key: voices["response"][key] for key in expected} == expected
    assert voices["response"]["rate"] == pytest.approx(expected["respondents"] / expected["participants"])
    for column, attribute in ((2, "stakeholder_group"), (3, "community")):
        members = Counter(row[column] for row in known)
        answered = Counter(row[column] for row in known if row[4] == "yes")
        assert voices["response"]["by_attribute"][attribute] == {
            group: {"rate": answered[group] / members[group], "respondents": answered[group], "members": members[group]}
            for group in members}
    assert voices["response"]["groups"] == voices["response"]["by_attribute"]["stakeholder_group"]
    lowest = min((values["rate"], group) for by in voices["response"]["by_attribute"].values()
                 for group, values in by.items())
    assert voices["response"]["lowest"]["rate"] == lowest[0]


def test_people_who_did_not_answer_are_never_isolates_or_peripheral(survey) -> None:
    folder, people, _ = survey
    voices = landscape.analyse(landscape.load(folder), passes=["voices"]).to_dict()["voices"]
    silent = [row[0] for row in people[1:] if row[4] == "no"]
    assert voices["non_respondents"] == silent and silent
    assert not set(silent) & set(voices["isolates"]["isolated"])
    assert not set(silent) & set(voices["isolates"]["out_isolates"])
    for pid in silent:
        assert voices["participants"][pid]["participation_level"] == "not answered"
        assert voices["participants"][pid]["responded"] is False
    levels = Counter(p["participation_level"] for p in voices["participants"].values())
    assert sum(voices["levels"].values()) == 40 - len(silent) == 40 - levels["not answered"]
    for found in voices["findings"]:
        if found["kind"] in ("isolates", "out-isolates", "peripheral-group"):
            assert not set(silent) & set(found["focus"]["people"]), found


def test_different_accounts_are_one_sided_ties_to_people_who_answered(survey) -> None:
    folder, people, ties = survey
    voices = landscape.analyse(landscape.load(folder), passes=["voices"]).to_dict()["voices"]
    answered = {row[0] for row in people[1:] if row[4] == "yes"}
    named = {(row[0], row[1], row[2]) for row in ties[1:]}
    expected = sorted({(a, b, kind) for a, b, kind in named if b in answered and (b, a, kind) not in named})
    assert [(item["reported_by"], item["about"], item["type"]) for item in voices["different_accounts"]] == expected
    [finding] = [f for f in voices["findings"] if f["kind"] == "different-accounts"]
    assert finding["numbers"]["ties"] == len(expected)


def test_findings_on_paths_and_centralization_say_they_are_fragile_under_80_percent(survey) -> None:
    folder, people, _ = survey
    result = landscape.analyse(landscape.load(folder)).to_dict()
    response = result["voices"]["response"]
    low = response["rate"] < 0.8 or response["lowest"]["rate"] < 0.8
    assert response["fragile"] is low
    fragile = {("power", "concentration"), ("boundaries", "brokers"), ("power", "cut-points"), ("scale", "spanning-community")}
    seen = 0
    for name in ("voices", "power", "boundaries", "scale"):
        for found in result[name]["findings"]:
            noted = "Read with care" in found["headline"] and "answered the survey" in found["headline"]
            if (name, found["kind"]) in fragile:
                seen += 1
                assert noted is low, found
                if low:
                    assert f"{response['rate']:.0%}" in found["headline"]
                    assert found["numbers"]["response_rate"] == response["rate"]
            else:
                assert not noted, found  # in-degree findings (sought out, named by nobody) hold up
    assert seen >= 2


def test_without_a_responded_column_nothing_is_said_about_answers(tmp_path: Path) -> None:
    people = [["id", "community"], ["a", "X"], ["b", "X"], ["c", "Y"]]
    ties = [["source", "target", "type"], ["a", "b", "advice"], ["b", "c", "advice"]]
    voices = landscape.analyse(landscape.load(write_csv_folder(tmp_path / "x", participants=people,
                                                               relationships=ties))).to_dict()["voices"]
    assert voices["response"] is None and voices["non_respondents"] == [] and voices["different_accounts"] == []
    assert voices["ties"]["confirm"] is None and voices["ties"]["confirmed"] is None
    assert not [f for f in voices["findings"] if f["kind"] in ("response", "different-accounts")]


def test_a_tie_reported_by_both_is_confirmed_within_its_type_and_wave(tmp_path: Path) -> None:
    people = [["id", "responded"], ["a", "yes"], ["b", "yes"], ["c", "yes"], ["d", "no"]]
    ties = [["source", "target", "type", "wave", "reported_by"],
            ["a", "b", "advice", "1", "a"], ["b", "a", "advice", "1", "b"],       # confirmed
            ["a", "c", "advice", "1", "a"], ["c", "a", "collaboration", "1", "c"],  # another type: one-sided
            ["b", "c", "advice", "1", "b"], ["c", "b", "advice", "2", "c"],      # another wave: one-sided
            ["a", "d", "advice", "1", "a"],                                      # d did not answer
            ["c", "d", "reports_to", "1", ""]]                                   # not from the survey
    land = landscape.load(write_csv_folder(tmp_path / "x", participants=people, relationships=ties))
    assert land.tie_statuses.tolist() == ["confirmed", "confirmed", "one-sided", "one-sided", "one-sided",
                                          "one-sided", "one-sided", None]
    both = landscape.current_wave(land.with_settings(confirm="both", wave="all"))
    assert [tuple(row) for row in both.relationships[["source", "target", "type"]].itertuples(index=False)] == \
        [("a", "b", "advice"), ("b", "a", "advice"), ("c", "d", "reports_to")]
    voices = landscape.analyse(land, options={"wave": "1"}, passes=["voices"]).to_dict()["voices"]
    # Wave 1: c named nobody for advice; b named c, and c answered: a different account. a -> d: d did not answer.
    assert voices["different_accounts"] == [{"reported_by": "a", "about": "c", "type": "advice"},
                                            {"reported_by": "b", "about": "c", "type": "advice"},
                                            {"reported_by": "c", "about": "a", "type": "collaboration"}]


def test_confirm_both_needs_to_know_who_reported_each_tie(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyse", str(landscape.sample_path("clinical-simulation")), "--confirm",
                                       "both"])
    assert result.exit_code == 1
    assert "reported_by column" in result.output and "Traceback" not in result.output


def test_the_map_draws_one_sided_ties_dashed_and_non_respondents_hollow(survey, tmp_path: Path) -> None:
    folder, people, ties = survey
    land = landscape.load(folder)
    data = landscape.map_data(landscape.current_wave(land))
    accounts = Counter(edge.get("account") for edge in data["edges"])
    weak, strong = _rules(ties, "advice")
    weak_c, strong_c = _rules(ties, "collaboration")
    rows = len(ties) - 1
    assert accounts["confirmed"] == 2 * (len(strong) + len(strong_c))  # drawn per direction
    assert accounts["confirmed"] + accounts["one-sided"] == rows
    silent = {row[0] for row in people[1:] if row[4] == "no"}
    assert {node["pid"] for node in data["nodes"] if node.get("unanswered")} == silent
    strict = landscape.map_data(landscape.current_wave(land.with_settings(confirm="both")))
    assert {edge.get("account") for edge in strict["edges"]} <= {"confirmed"}
    files = landscape.atlas(land, tmp_path / "atlas")
    svg = (files.folder / "map-voices.svg").read_text("utf-8")
    assert "Named by one of the two only" in svg and 'stroke-dasharray="6 4"' in svg
    assert "Hollow: did not answer the survey" in svg
    report = files.report_markdown.read_text("utf-8")
    assert "people answered" in report.split("## Voices")[0]
    assert "told by one side only" in report


def test_validation_checks_responded_and_reported_by(tmp_path: Path) -> None:
    people = [["id", "name", "responded"], ["a", "Ann", "yes"], ["b", "Ben", "maybe"], ["c", "Cy", "no"]]
    ties = [["source", "target", "reported_by"], ["a", "b", "a"], ["c", "a", "c"], ["b", "c", "Zed"]]
    report = landscape.validate(write_csv_folder(tmp_path / "x", participants=people, relationships=ties))
    codes = {(issue.code, issue.row, issue.column) for issue in report.issues}
    assert ("invalid-value", 3, "responded") in codes
    assert ("reporter-not-responded", 3, "reported_by") in codes
    assert ("unknown-participant", 4, "reported_by") in codes
    [warning] = [issue for issue in report.issues if issue.code == "reporter-not-responded"]
    assert "'c'" in warning.message and "says no" in warning.message


def test_sharing_keeps_who_answered_and_who_reported_under_pseudonyms(tmp_path: Path) -> None:
    people, ties = _survey(3, 0.7)
    people = [row + [consent] for row, consent in zip(people, ["consent"] + ["yes"] * 39 + ["no"])]
    land = landscape.load(write_csv_folder(tmp_path / "x", participants=people, relationships=ties))
    plain = landscape.analyse(land).to_dict()
    shared = landscape.anonymise(land)
    assert not set(shared.relationships["reported_by"].dropna()) & {row[0] for row in people[1:]}
    assert set(shared.relationships["reported_by"].dropna()) <= set(shared.participants["id"])
    again = landscape.analyse(shared).to_dict()
    assert again["voices"]["response"] == plain["voices"]["response"]
    for key in ("pairs", "confirmed", "one_sided"):
        assert again["power"]["ties"][key] == plain["power"]["ties"][key]
    consented = landscape.honour_consent(land)
    assert landscape.analyse(consented).to_dict()["power"]["ties"]["confirmed"] == plain["power"]["ties"]["confirmed"]
    files = landscape.atlas(land, tmp_path / "atlas", anonymise=True)
    text = files.report_markdown.read_text("utf-8")
    assert f"{plain['voices']['response']['respondents']} of {plain['voices']['response']['participants']} people answered" in text
    assert "Person P" not in text and not any(f"Person {row[0]}" in text for row in people[1:])


def test_who_did_not_answer_is_drawn_hollow_even_when_shown_anonymously(tmp_path: Path) -> None:
    people = [["id", "stakeholder_group", "community", "responded", "consent"], ["a", "nurses", "X", "yes", "yes"],
              ["b", "nurses", "X", "yes", "yes"], ["c", "doctors", "Y", "no", ""]]
    ties = [["source", "target", "type", "reported_by"], ["a", "b", "advice", "a"], ["b", "c", "advice", "b"]]
    land = landscape.load(write_csv_folder(tmp_path / "x", participants=people, relationships=ties))
    shown = landscape.honour_consent(land)
    data = landscape.map_data(shown)
    [hollow] = [node for node in data["nodes"] if node.get("unanswered")]
    assert hollow["label"].startswith("Anonymous")
    # Without a voices roster no group is "not on the roster": there is no roster to be on.
    files = landscape.atlas(land, tmp_path / "atlas")
    assert "not on the roster" not in files.atlas.read_text("utf-8")


def test_review_fixes_compare_strong_rule_and_scale_fragility(tmp_path: Path) -> None:
    """Someone who answered in one wave and not the next does not break compare; under the strong rule
    who did not answer is not 'named by nobody'; Scale's brokers across communities say they are fragile."""
    people, ties = _survey(11, 0.6)
    first = write_csv_folder(tmp_path / "w1", participants=people, relationships=ties)
    later = [row[:4] + ["no" if row[0] == "P01" else row[4]] for row in people]
    second = write_csv_folder(tmp_path / "w2", participants=later,
                              relationships=[row for row in ties if row[0] != "P01"])
    result = CliRunner().invoke(main, ["compare", str(first), str(second)])
    assert result.exit_code == 0 and "Traceback" not in result.output
    land = landscape.load(first)
    strict = landscape.analyse(land, options={"confirm": "both"}, passes=["voices"]).to_dict()["voices"]
    silent = set(strict["non_respondents"])
    assert not silent & set(strict["isolates"]["in_isolates"])
    assert not any(strict["participants"][pid]["pendant"] for pid in silent)
    spanning = [f for f in landscape.analyse(land).to_dict()["scale"]["findings"] if f["kind"] == "spanning-community"]
    assert all("Read with care" in f["headline"] for f in spanning)


def test_review_fixes_in_the_importer(tmp_path: Path) -> None:
    roster = write_csv_folder(tmp_path / "r", participants=[["id", "name"], ["P1", "Ana Silva"], ["P2", "Ben Okafor"],
                                                            ["P3", "Dara Murphy"]], relationships=[["source", "target"]])
    typos = tmp_path / "typos.csv"
    typos.write_text("Your name,Who do you go to for advice?\nAna Silva,\"Ben Okafr, Dara Murfy\"\n"
                     "Ben Okafor,Ana Silvaa\n", encoding="utf-8")
    found = landscape.import_survey(typos, roster / "participants.csv", tmp_path / "t.xlsx").to_dict()
    assert {(p["row"], p["value"]) for p in found["problems"]} == {(2, "Ben Okafr"), (2, "Dara Murfy"), (3, "Ana Silvaa")}
    long = tmp_path / "long.csv"
    long.write_text("respondent,named,question\nP1,P2,advice\nP3,,advice\n", encoding="utf-8")
    landscape.import_survey(long, roster / "participants.csv", tmp_path / "l.xlsx")
    assert dict(zip(*landscape.load(tmp_path / "l.xlsx").participants[["id", "responded"]].T.values)) == \
        {"P1": "yes", "P2": "no", "P3": "yes"}
    bad = CliRunner().invoke(main, ["survey", str(roster / "participants.csv"), "-o", str(tmp_path / "s.xlsx"),
                                    "--question", "Who?=!!!"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    landscape.write_survey(roster / "participants.csv", tmp_path / "f.xlsx", [("=1+1", "advice")])
    import openpyxl
    cells = [c for row in openpyxl.load_workbook(tmp_path / "f.xlsx")["Survey"].iter_rows() for c in row
             if c.value is not None and "1+1" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)

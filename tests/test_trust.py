"""Findings a facilitator can trust: ordinary spreadsheet slips do not become confident findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import landscape
from landscape.cli import main
from landscape.passes import power, voices
from tests.conftest import write_csv_folder

PEOPLE = [["id", "name", "community", "level"], ["a", "Ana", "X", 3], ["b", "Ben", "X", 2], ["c", "Cy", "Y", 1],
          ["d", "Di", "Y", 1], ["e", "Ed", "Y", 2]]


def _land(folder: Path, ties: list[list[Any]], **tables: list[list[Any]]) -> landscape.Landscape:
    return landscape.load(write_csv_folder(folder, participants=PEOPLE, relationships=ties, **tables))


# Relation types with a meaning.

def test_a_typo_gets_a_warning_with_a_suggestion_and_is_not_measured(tmp_path: Path) -> None:
    land = _land(tmp_path, [["source", "target", "type"], ["a", "b", "advice"], ["c", "a", "advise"],
                            ["d", "a", "advise"], ["e", "b", "mentoring_circle"]])
    warnings = {issue.value: issue for issue in land.report.warnings if issue.code == "unknown-relation-type"}
    assert set(warnings) == {"advise", "mentoring_circle"}
    assert "; did you mean advice)" in warnings["advise"].message and "2 row(s): 3-4" in warnings["advise"].message
    assert "did you mean" not in warnings["mentoring_circle"].message
    result = voices(land)
    assert result.ties["relations"] == ["advice"] and result.ties["rows"] == 1
    assert result.ties["left_out"] == {"advise": "unknown", "mentoring_circle": "unknown"}
    assert voices(land, relations=["advise"]).ties["rows"] == 2  # chosen by name, it is measured


def test_a_declared_type_is_measured_with_its_direction(tmp_path: Path) -> None:
    types = [["type", "kind", "direction"], ["mentoring_circle", "learning", "undirected"]]
    land = _land(tmp_path, [["source", "target", "type", "direction"], ["a", "b", "advice", ""],
                            ["e", "b", "Mentoring Circle", ""], ["c", "d", "mentoring_circle", "directed"]],
                 relation_types=types)
    assert not [issue for issue in land.report.warnings if issue.code == "unknown-relation-type"]
    assert land.relation_kinds == {"advice": "learning", "mentoring_circle": "learning"}
    directions = sorted(land.relationships["direction"].tolist())
    assert directions == ["directed", "directed", "undirected"]  # the blank cell took the type's direction


def test_type_names_ignore_unicode_dashes_and_invisible_characters(tmp_path: Path) -> None:
    land = _land(tmp_path, [["source", "target", "type"], ["b", "a", "Reports\u2011To"], ["c", "b", "reports\u2013to"],
                            ["d", "c", "ad\u00advice"], ["e", "d", "advice"]])
    assert land.relation_types == ("advice", "reports_to")
    assert land.relation_kinds == {"advice": "learning", "reports_to": "formal"}
    assert voices(land).ties["relations"] == ["advice"]  # the reporting line is not measured as learning


def test_negative_ties_never_enter_the_learning_measures(tmp_path: Path) -> None:
    ties = [["source", "target", "type"], ["a", "b", "advice"], ["c", "a", "dislike"], ["d", "a", "conflict"],
            ["e", "a", "Antagonism"]]
    land = _land(tmp_path, ties)
    assert voices(land).ties["left_out"] == {"antagonism": "negative", "conflict": "negative", "dislike": "negative"}
    assert voices(land, by="community").group("X").in_ties == 1  # being disliked is not being sought out
    assert power(land).participant("a").in_degree == 0


def test_the_template_has_a_relation_types_sheet_with_a_kind_list(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(landscape.write_template(tmp_path / "t.xlsx"))
    sheet = book["Relation types"]
    assert [cell.value for cell in sheet[1]][:3] == ["type", "kind", "direction"]
    assert [sheet.cell(row=row, column=2).value for row in (2, 3, 4)] == ["learning", "learning", "formal"]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert '"learning,formal,negative,leadership,other"' in lists


# Level direction from the data.

def test_krackhardt_reads_its_level_order_from_the_reporting_ties() -> None:
    land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    result = power(land, relations=["advice"])
    assert (result.level_order, result.level_order_source, result.level_order_evidence) == \
        ("lower-is-senior", "reporting ties", (0, 20))
    assert result.alignment[0].spearman == pytest.approx(0.6713, abs=1e-4)
    alignment = next(f for f in landscape.findings_for("power", result) if f.kind == "alignment")
    assert "1 = most senior, as 20 of the 20 reporting ties between two levels show" in alignment.how


def test_an_order_that_contradicts_the_reporting_ties_gets_a_warning() -> None:
    path = landscape.sample_path("krackhardt-hightech")
    result = CliRunner().invoke(main, ["analyse", str(path), "--pass", "power", "--level-order", "higher-is-senior",
                                       "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "warning --level-order higher-is-senior runs against the reporting ties" in result.stderr
    document = json.loads(result.stdout)["power"]
    assert document["level_order_source"] == "option" and document["level_order_evidence"]["contradicted"] is True
    assert document["findings"][0]["kind"] == "level-order-contradicted"


def test_without_reporting_ties_the_default_order_says_so(tmp_path: Path) -> None:
    land = _land(tmp_path, [["source", "target", "type"], ["a", "b", "advice"], ["c", "a", "advice"]])
    assert (land.settings.level_order, land.settings.level_order_source) == ("higher-is-senior", "default")


# Small samples.

def test_five_people_give_no_correlation_finding_and_too_few_in_the_data(tmp_path: Path) -> None:
    land = _land(tmp_path, [["source", "target", "type"], ["c", "a", "advice"], ["d", "a", "advice"],
                            ["e", "b", "advice"], ["b", "a", "reports_to"], ["c", "b", "reports_to"]])
    document = landscape.analyse(land, passes=["power", "boundaries"]).to_dict()
    alignment = document["power"]["alignment"]["in_degree"]
    assert alignment["n"] == 5 and alignment["too_few"] is True and alignment["spearman"] is not None
    kinds = [f["kind"] for f in document["power"]["findings"]]
    assert "alignment" not in kinds and "too-few" in kinds
    statement = next(f["statement"] for f in document["power"]["findings"] if f["kind"] == "too-few")
    assert statement == ("Only 5 people have both values: too few to tell whether formal seniority and being sought "
                         "out go together.")
    assert "runs against" not in json.dumps(document) and "rho" not in statement
    ei = next(f["statement"] for f in document["boundaries"]["findings"] if f["kind"] == "ei-network")
    assert "z =" not in ei and "too few to compare with chance" in ei


def test_ten_people_are_enough_for_a_correlation_finding() -> None:
    land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    kinds = [f.kind for f in landscape.findings_for("power", power(land, relations=["advice"]))]
    assert "alignment" in kinds and "too-few" not in kinds


# Waves.

def test_two_waves_use_the_latest_by_default_with_a_warning_and_wave_picks_another(tmp_path: Path) -> None:
    source = landscape.sample_path("freeman-eies")
    latest = CliRunner().invoke(main, ["analyse", str(source), "--pass", "voices", "--format", "json"],
                                catch_exceptions=False)
    assert latest.exit_code == 0
    assert ("warning the relationships hold 2 waves (t1, t2): the latest, t2, is used, with every participant; "
            "--wave t1 picks another and --wave all merges them") in latest.stderr
    document = json.loads(latest.stdout)
    assert document["wave"] == {"waves": ["t1", "t2"], "used": "t2", "basis": "the latest"}
    assert document["relationships"] == 759 and document["voices"]["ties"]["rows"] == 759
    first = json.loads(CliRunner().invoke(main, ["analyse", str(source), "--pass", "voices", "--format", "json",
                                                 "--wave", "t1"], catch_exceptions=False).stdout)
    assert first["wave"] == {"waves": ["t1", "t2"], "used": "t1", "basis": "chosen"} and first["relationships"] == 650
    merged = CliRunner().invoke(main, ["analyse", str(source), "--pass", "voices", "--format", "json", "--wave", "all"],
                                catch_exceptions=False)
    assert "waves" not in merged.stderr and json.loads(merged.stdout)["relationships"] == 1409
    missing = CliRunner().invoke(main, ["analyse", str(source), "--wave", "t3"])
    assert missing.exit_code == 1 and "no tie has wave 't3'; the waves are t1, t2" in missing.stderr


def test_the_atlas_of_two_waves_compares_the_last_two_with_no_option(tmp_path: Path) -> None:
    files = landscape.atlas(landscape.load(landscape.sample_path("freeman-eies")), tmp_path / "atlas")
    assert files.changes is not None and files.changes.exists()
    report = files.report_markdown.read_text(encoding="utf-8")
    assert "Continuity" in report and "t1" in report and "t2" in report
    assert files.relationships == 759  # the atlas maps the latest wave


def test_wave_labels_sort_by_their_numbers_or_keep_the_sheet_order(tmp_path: Path) -> None:
    def waves(labels: list[str]) -> tuple[str, ...]:
        ties = [["source", "target", "type", "wave"]] + [["a", "b", "advice", label] for label in labels]
        return _land(tmp_path / "_".join(labels), ties).waves

    assert waves(["t10", "t2", "t1"]) == ("t1", "t2", "t10")
    assert waves(["2025-01", "2024-03"]) == ("2024-03", "2025-01")
    # No numbers: words that say when, in their order, then the rest alphabetically; never the rows' order.
    assert waves(["post", "pre"]) == ("pre", "post")
    assert waves(["follow-up", "baseline", "endline"]) == ("baseline", "follow-up", "endline")
    assert waves(["spring", "autumn"]) == ("autumn", "spring")


# Rounded shares.

def test_shares_rounded_in_a_spreadsheet_still_give_the_dissimilarity_index(tmp_path: Path) -> None:
    people = [["id", "name", "stakeholder_group"]] + [[f"p{i}", f"P{i}", group] for i, group in
                                                       enumerate(["a"] * 5 + ["b"] * 3 + ["c"] * 2)]
    ties = [["source", "target", "type"], ["p0", "p1", "advice"]]
    rounded = [["stakeholder_group", "expected_share"], ["a", "0.333334"], ["b", "0.333334"], ["c", "0.333333"]]
    land = landscape.load(write_csv_folder(tmp_path / "rounded", participants=people, relationships=ties,
                                           voices=rounded))
    assert not [issue for issue in land.report.warnings if issue.code == "expected-shares"]
    result = voices(land)
    # p = (0.5, 0.3, 0.2) against q = (1/3, 1/3, 1/3) after rescaling: D = (1/6 + 1/30 + 2/15) / 2 = 1/6
    assert result.dissimilarity == pytest.approx(1 / 6, abs=1e-6)
    assert "added up to 1.000001" in result.dissimilarity_note and "rescaled" in result.dissimilarity_note
    excess = [["stakeholder_group", "expected_share"], ["a", "60%"], ["b", "50%"]]
    land = landscape.load(write_csv_folder(tmp_path / "excess", participants=people, relationships=ties,
                                           voices=excess))
    [warning] = [issue for issue in land.report.warnings if issue.code == "expected-shares"]
    assert warning.row == 2 and "1.1" in warning.message
    assert voices(land).dissimilarity is None


# Separators.

def test_comma_joined_communities_get_the_separator_warning(tmp_path: Path) -> None:
    people = [["id", "name", "community"], ["a", "A", "Sim Faculty"], ["b", "B", "Debriefing Group"],
              ["c", "C", "Sim Faculty, Debriefing Group"], ["d", "D", "Pharmacy, Wards"], ["e", "E", "Sim Faculty;Wards"]]
    land = landscape.load(write_csv_folder(tmp_path, participants=people, relationships=[
        ["source", "target", "type"], ["a", "b", "advice"]]))
    found = [(issue.row, issue.column, issue.value) for issue in land.report.warnings if issue.code == "separator"]
    # "Pharmacy, Wards": Pharmacy is used nowhere alone, so it may be one group's name with a comma.
    assert found == [(4, "community", "Sim Faculty, Debriefing Group")]
    [warning] = [issue for issue in land.report.warnings if issue.code == "separator"]
    assert "write 'Sim Faculty; Debriefing Group' for several" in warning.message


def test_a_pipe_separates_communities_as_documented() -> None:
    from landscape.schema import table_schemas

    assert table_schemas()["participants"].fields["community"].separators == (";", "|")


# Row order never changes a result.

def _canonical(value: Any) -> Any:
    """JSON with dict keys and list items in one order, floats to 9 places: what a result says,
    whatever order the rows came in (a list of people in row order is the same list reordered)."""
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, float):
        return round(value, 9)
    return value


def _shuffled_copy(source: Path, folder: Path, seed: int) -> Path:
    import csv
    import random

    rnd = random.Random(seed)
    folder.mkdir(parents=True)
    for path in source.glob("*.csv"):
        rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
        body = rows[1:]
        if path.stem in ("participants", "relationships"):
            rnd.shuffle(body)
        with (folder / path.name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([rows[0], *body])
    return folder


@pytest.mark.parametrize("sample", ["clinical-simulation", "krackhardt-hightech", "freeman-eies"])
def test_shuffled_rows_give_the_same_json_for_every_pass(tmp_path: Path, sample: str) -> None:
    """Sampson-like cases included: Scale's communities at resolution 2 used to change with the order of
    the participants (the seeded runs visit people in input order)."""
    source = landscape.sample_path(sample)
    folder = source if source.is_dir() else landscape.sample_path("clinical-simulation").with_suffix("")
    options = {"resolutions": (0.5, 1.0, 2.0)}
    expected = _canonical(landscape.analyse(landscape.load(folder), options=options).to_dict())
    for seed in (1, 2):
        shuffled = _shuffled_copy(folder, tmp_path / f"shuffled{seed}", seed)
        got = _canonical(landscape.analyse(landscape.load(shuffled), options=options).to_dict())
        got["source"] = expected["source"]
        assert got == expected, seed


def test_negative_ties_are_reported_where_they_sit_and_drawn_apart(tmp_path: Path) -> None:
    ties = [["source", "target", "type"], ["a", "b", "advice"], ["c", "a", "dislike"], ["d", "a", "conflict"],
            ["e", "c", "Antagonism"], ["a", "b", "advice"]]
    land = _land(tmp_path, ties)
    result = landscape.analyse(land, passes=["boundaries"])
    negative = result.to_dict()["boundaries"]["negative"]
    assert negative == {"types": ["antagonism", "conflict", "dislike"], "ties": 3, "within": 1, "across": 2,
                        "pairs": [["X", "Y", 2]]}
    [finding] = [f for f in result.findings("boundaries") if f.kind == "negative-ties"]
    assert finding.statement == ("Of the negative ties (antagonism, conflict, dislike), 2 run across community "
                                 "boundaries (most between X and Y (2)) and 1 sits within a community.")
    legend = {entry["type"]: entry for entry in landscape.map_data(land)["legend"]["edge_types"]}
    assert legend["dislike"]["kind"] == "negative" and legend["dislike"]["dashes"] == [3, 4]  # dotted
    assert legend["dislike"]["color"] == legend["conflict"]["color"] != legend["advice"]["color"]


def test_a_relation_types_file_can_be_given_on_its_own(tmp_path: Path) -> None:
    source = write_csv_folder(tmp_path / "in", participants=PEOPLE, relationships=[
        ["source", "target", "type"], ["a", "b", "huddle"], ["c", "a", "huddle"]])
    types = write_csv_folder(tmp_path / "types", relation_types=[["type", "kind"], ["huddle", "learning"]])
    result = CliRunner().invoke(main, ["analyse", str(source), "--pass", "voices", "--format", "json",
                                       "--relation-types", str(types / "relation_types.csv")], catch_exceptions=False)
    assert result.exit_code == 0 and "unknown-relation-type" not in result.stderr
    assert json.loads(result.stdout)["voices"]["ties"]["relations"] == ["huddle"]


def test_the_report_says_which_types_were_not_measured(tmp_path: Path) -> None:
    files = landscape.atlas(landscape.load(landscape.sample_path("krackhardt-hightech")), tmp_path / "atlas")
    report = files.report_markdown.read_text(encoding="utf-8")
    assert ("Measured on 190 relationship rows of type advice; 0 self-ties left out, 0 parallel ties collapsed; "
            "not measured: friendship (other), reports_to (formal).") in report  # an _ inside a word stays bare



def test_the_wave_analysed_keeps_everyone_and_the_ties_without_a_wave(tmp_path: Path) -> None:
    """Eve has a tie only in wave 1 and Fay none: both are on the sheet, so the latest wave counts them
    (as isolates), and the reporting lines written once, with no wave, hold in it."""
    people = [["id", "name", "stakeholder_group", "level"], ["a", "Ana", "nurse", 1], ["b", "Ben", "nurse", 2],
              ["c", "Cy", "doctor", 1], ["d", "Di", "doctor", 2], ["e", "Eve", "patient", 1], ["f", "Fay", "patient", 1]]
    ties = [["source", "target", "type", "wave"], ["a", "b", "advice", "1"], ["e", "a", "advice", "1"],
            ["a", "c", "advice", "2"], ["c", "d", "advice", "2"], ["a", "b", "reports_to", ""], ["c", "d", "reports_to", ""]]
    roster = [["stakeholder_group", "expected"], ["nurse", 2], ["doctor", 2], ["patient", 2]]
    land = landscape.load(write_csv_folder(tmp_path, participants=people, relationships=ties, voices=roster))
    analysis = landscape.analyse(land)
    document = analysis.to_dict()
    assert document["participants"] == 6 and document["wave"]["used"] == "2"
    assert {g["group"]: g["status"] for g in document["voices"]["groups"]}["patient"] != "missing"
    assert sorted(document["voices"]["isolates"]["isolated"]) == ["b", "e", "f"]  # no learning tie in wave 2
    assert document["power"]["reporting"]["ties"] == 2  # the reporting lines with no wave hold in wave 2
    assert (land.with_settings(wave="1").settings.wave, landscape.current_wave(land.with_settings(wave="1")).graph
            .number_of_edges()) == ("1", 4)


def test_reporting_lines_written_from_the_manager_give_the_level_order(tmp_path: Path) -> None:
    source = landscape.sample_path("krackhardt-hightech")
    import csv

    rows = list(csv.reader((source / "relationships.csv").open(encoding="utf-8")))
    header = rows[0]
    turned = [header] + [[r[1], r[0], "supervises", *r[3:]] if r[2] == "reports_to" else r for r in rows[1:]]
    folder = write_csv_folder(tmp_path / "sup", relationships=turned,
                              participants=list(csv.reader((source / "participants.csv").open(encoding="utf-8"))))
    result = power(landscape.load(folder), relations=["advice"])
    assert (result.level_order, result.level_order_source) == ("lower-is-senior", "reporting ties")
    assert result.alignment[0].spearman == pytest.approx(0.6713, abs=1e-4)
    assert result.reporting["ties"] == 20


def test_reporting_ties_that_disagree_are_said_to_disagree(tmp_path: Path) -> None:
    people = [["id", "name", "level"]] + [[f"p{i}", f"P{i}", level] for i, level in enumerate([1, 2, 1, 2, 1, 2, 1, 2, 1, 2])]
    # 3 of 5 reporting lines run to a higher number, 2 to a lower one: 60%, not enough to read the order from.
    lines = [["p0", "p1"], ["p2", "p3"], ["p4", "p5"], ["p7", "p6"], ["p9", "p8"]]
    ties = [["source", "target", "type"]] + [[a, b, "reports_to"] for a, b in lines] + [["p0", "p2", "advice"]]
    land = landscape.load(write_csv_folder(tmp_path, participants=people, relationships=ties))
    assert (land.settings.level_order_source, land.settings.level_order_evidence) == ("default", (3, 2))
    assert any("disagree about which way the levels run (3 to a higher number, 2 to a lower one)" in note
               for note in landscape.notes(land))


def test_the_atlas_of_waves_maps_everyone_and_its_report_says_which_wave(tmp_path: Path) -> None:
    people = [["id", "name", "community", "consent"], ["a", "Ana", "X", "yes"], ["b", "Ben", "X", "no"],
              ["c", "Cy", "Y", "yes"], ["d", "Di", "Y", "yes"], ["f", "Fay", "Y", "yes"]]
    ties = [["source", "target", "type", "wave"], ["a", "b", "advice", "1"], ["b", "c", "advice", "1"],
            ["a", "c", "advice", "2"], ["c", "d", "advice", "2"], ["b", "d", "advice", "2"]]
    files = landscape.atlas(landscape.load(write_csv_folder(tmp_path / "in", participants=people, relationships=ties)),
                            tmp_path / "atlas")
    assert files.participants == 5 and files.changes is not None  # Fay, with no tie, is on the map
    report = files.report_markdown.read_text(encoding="utf-8")
    assert "Read with care: The relationships hold 2 waves (1, 2): the latest, 2, is used" in report
    assert "Ben" not in report and "Ben" not in files.changes.read_text(encoding="utf-8")
    assert "Anonymous 1" in files.changes.read_text(encoding="utf-8")


def test_too_few_is_flagged_in_every_pass_and_no_pass_compares_five_people_with_chance(tmp_path: Path) -> None:
    land = _land(tmp_path, [["source", "target", "type"], ["a", "b", "advice"], ["c", "d", "advice"],
                            ["d", "e", "advice"], ["e", "a", "advice"]])
    document = landscape.analyse(land).to_dict()
    assert document["voices"]["too_few"] and document["scale"]["too_few"] and document["boundaries"]["ei"]["too_few"]
    sentences = " ".join(f["statement"] for name in ("voices", "power", "boundaries", "scale")
                         for f in document[name]["findings"])
    assert "if ties fell at random" not in sentences and "binomial p" not in sentences and "z =" not in sentences
    assert "too few people (5) to compare with chance" in sentences


# Fixes from a second review.

def test_pre_and_post_words_inside_labels_order_the_waves(tmp_path: Path) -> None:
    def waves(labels: list[str]) -> tuple[str, ...]:
        ties = [["source", "target", "type", "wave"]] + [["a", "b", "advice", label] for label in labels]
        return _land(tmp_path / "_".join(labels), ties).waves

    assert waves(["post-test", "pre-test"]) == ("pre-test", "post-test")
    assert waves(["Post-course", "Pre-course"]) == ("Pre-course", "Post-course")
    assert waves(["exit", "intake"]) == ("intake", "exit")


def test_the_separator_warning_is_only_for_columns_that_hold_several_values(tmp_path: Path) -> None:
    people = [["id", "name", "community", "organisation", "location"], ["a", "A", "X", "Health", "Leeds"],
              ["b", "B", "Y", "Care", "UK"], ["c", "C", "X, Y", "Health & Care", "Leeds, UK"]]
    land = landscape.load(write_csv_folder(tmp_path, participants=people, relationships=[
        ["source", "target", "type"], ["a", "b", "advice"]]))
    assert [(i.column, i.value) for i in land.report.warnings if i.code == "separator"] == [("community", "X, Y")]


def test_a_roster_group_in_two_spellings_is_an_error(tmp_path: Path) -> None:
    people = [["id", "name", "stakeholder_group"], ["a", "A", "nurse"], ["b", "B", "doctor"]]
    roster = [["stakeholder_group", "expected_share"], ["nurse", "0.2"], ["doctor", "0.5"], ["Nurse ", "0.6"]]
    report = landscape.validate(write_csv_folder(tmp_path, participants=people, voices=roster, relationships=[
        ["source", "target", "type"], ["a", "b", "advice"]]))
    [error] = [issue for issue in report.errors if issue.code == "duplicate-id"]
    assert (error.row, error.value) == (4, "Nurse") and "the same group as 'nurse' in row 2" in error.message


def test_words_on_a_withheld_persons_ties_are_left_out(tmp_path: Path) -> None:
    people = [["id", "name", "community", "consent"], ["a", "Ana", "X", "yes"], ["z", "Zed", "X", "no"],
              ["c", "Cy", "Y", "yes"]]
    ties = [["source", "target", "type", "notes"], ["a", "z", "advice", "met at Zed's flat"],
            ["a", "c", "advice", "weekly huddle"]]
    files = landscape.atlas(landscape.load(write_csv_folder(tmp_path / "in", participants=people, relationships=ties)),
                            tmp_path / "atlas")
    from openpyxl import load_workbook

    cells = [str(cell) for sheet in load_workbook(files.metrics, read_only=True) for row in sheet.iter_rows(values_only=True)
             for cell in row]
    assert not any("Zed" in cell for cell in cells) and "weekly huddle" in cells


def test_atlas_before_with_a_multi_wave_after_maps_and_compares_its_latest_wave(tmp_path: Path) -> None:
    people = [["id", "name"], ["a", "A"], ["b", "B"], ["c", "C"]]
    before = write_csv_folder(tmp_path / "before", participants=people, relationships=[
        ["source", "target", "type"], ["a", "b", "advice"]])
    after = write_csv_folder(tmp_path / "after", participants=people, relationships=[
        ["source", "target", "type", "wave"], ["a", "b", "advice", "1"], ["b", "c", "advice", "1"],
        ["a", "c", "advice", "2"]])
    files = landscape.atlas(landscape.load(after), tmp_path / "atlas", before=landscape.load(before))
    assert files.relationships == 1  # the latest wave of AFTER, not its waves merged
    report = files.report_markdown.read_text(encoding="utf-8")
    assert "## Continuity" in report


def test_small_rankings_name_nobody_and_small_gaps_read_as_chance(tmp_path: Path) -> None:
    land = _land(tmp_path, [["source", "target", "type"], ["c", "a", "advice"], ["d", "a", "advice"],
                            ["e", "c", "advice"], ["b", "a", "reports_to"], ["c", "b", "reports_to"]])
    result = power(land)
    kinds = [f.kind for f in landscape.findings_for("power", result)]
    assert "sought-beyond-rank" not in kinds and "rank-beyond-seeking" not in kinds
    assert result.to_dict()["hidden_influencers"] == list(result.hidden_influencers)  # still in the data
    from landscape.passes import boundaries

    whole = boundaries(landscape.load(landscape.sample_path("krackhardt-hightech")), group="department",
                       relations=["friendship"]).ei_network
    assert abs(whole.z) >= 2  # friendship: z = -4.14, a clear gap, still said to be one

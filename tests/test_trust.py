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
    assert "did you mean advice?" in warnings["advise"].message and "2 row(s): 3-4" in warnings["advise"].message
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
    assert ("warning the relationships hold 2 waves (t1, t2): the latest, t2, is used; --wave t1 picks another and "
            "--wave all merges them") in latest.stderr
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
    assert waves(["pre", "post"]) == ("pre", "post")  # no number: the order of the sheet

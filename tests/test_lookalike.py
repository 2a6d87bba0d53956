"""Look-alike ids (issue 21): invisible characters removed with a warning, ids that differ only by
case, full-width forms or look-alike letters of another script warned of with both rows."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import landscape
from landscape.cli import main
from tests.conftest import write_csv_folder


def _issues(folder: Path) -> list[tuple[str, int | None, str, str]]:
    result = CliRunner().invoke(main, ["validate", str(folder), "--format", "json"])
    return [(i["table"], i["row"], i["code"], i["message"]) for i in json.loads(result.stdout)["issues"]]


def test_invisible_characters_leave_ids_with_a_warning_and_a_tie_reaches_its_person(tmp_path: Path) -> None:
    people = [["id", "name"], ["P1", "Ann"], ["P2\u200d", "Bo"], ["\u200b\ufeff", "Nobody"]]
    ties = [["source", "target", "type"], ["P1\u200b", "P2", "advice"]]
    issues = _issues(write_csv_folder(tmp_path / "z", participants=people, relationships=ties))
    codes = [(table, row, code) for table, row, code, _ in issues]
    assert ("participants", 3, "invisible-character") in codes and ("relationships", 2, "invisible-character") in codes
    assert ("participants", 4, "missing-value") in codes
    assert not [c for c in codes if c[2] == "unknown-participant"]  # P1 and P2 found once visible
    message = next(m for t, r, c, m in issues if (t, r, c) == ("participants", 3, "invisible-character"))
    assert "U+200D" in message and "read as 'P2'" in message
    people[3] = ["P3", "Cy"]
    land = landscape.load(write_csv_folder(tmp_path / "ok", participants=people, relationships=ties))
    assert set(land.graph.nodes) == {"P1", "P2", "P3"} and land.graph.has_edge("P1", "P2")


def test_ids_alike_but_for_case_script_or_width_are_warned_of_with_both_rows(tmp_path: Path) -> None:
    people = [["id", "name"], ["Pa", "Latin"], ["P\u0430", "Cyrillic"], ["p1", "lower"], ["P1", "upper"],
              ["\uff30\uff12", "full width"], ["P2", "plain"], ["Q1", "apart"]]
    issues = _issues(write_csv_folder(tmp_path / "l", participants=people,
                                      relationships=[["source", "target", "type"], ["Pa", "P1", "advice"]]))
    alike = [(row, message) for table, row, code, message in issues if code == "lookalike-id"]
    assert [row for row, _ in alike] == [3, 5, 7]
    assert "differs from 'Pa' in row 2 only by letters that look the same" in alike[0][1]
    assert "differs from 'p1' in row 4 only by letter case" in alike[1][1]
    # Warnings: the people stay apart, as written.
    land = landscape.load(write_csv_folder(tmp_path / "l2", participants=people,
                                           relationships=[["source", "target", "type"], ["Pa", "P1", "advice"]]))
    assert land.graph.number_of_nodes() == 7


def test_two_ids_one_once_visible_is_a_duplicate(tmp_path: Path) -> None:
    people = [["id", "name"], ["P1", "Ann"], ["P1\u200d", "Ann again"]]
    issues = _issues(write_csv_folder(tmp_path / "d", participants=people,
                                      relationships=[["source", "target", "type"], ["P1", "P1", "advice"]]))
    assert ("participants", 3, "duplicate-id") in [(t, r, c) for t, r, c, _ in issues]


def test_an_invisible_character_in_a_story_names_its_person_with_a_warning(tmp_path: Path) -> None:
    people = [["id", "name"], ["P1", "Ann"], ["P2", "Bo"]]
    stories = [["id", "teller", "people", "cycles", "consent"], ["S1", "P1\u200d", "P2\u200b", "applied", "yes"]]
    issues = _issues(write_csv_folder(tmp_path / "s", participants=people, stories=stories,
                                      relationships=[["source", "target", "type"], ["P1", "P2", "advice"]]))
    codes = [(t, r, c) for t, r, c, _ in issues]
    assert ("stories", 2, "invisible-character") in codes and not [c for c in codes if c[2] == "unknown-participant"]


def test_a_graph_file_with_half_a_character_or_a_control_character_is_read_and_written(tmp_path: Path) -> None:
    """JSON may hold a lone surrogate (no character at all) or a control character: read as U+FFFD and
    removed (warned), and every file landscape writes from it opens again, with no traceback."""
    graph = tmp_path / "g.json"
    graph.write_text('{"directed": true, "nodes": [{"id": "P\\ud800", "name": "A\\u0001B"}, {"id": "Q"}], '
                     '"links": [{"source": "P\\ud800", "target": "Q", "type": "advice"}]}', "utf-8")
    assert CliRunner().invoke(main, ["atlas", str(graph), "-o", str(tmp_path / "atlas")]).exit_code == 0
    for name in ("c.xlsx", "c.graphml", "c.gexf", "c.json"):
        assert CliRunner().invoke(main, ["export", str(graph), "-o", str(tmp_path / name)]).exit_code == 0
        assert landscape.load(tmp_path / name).graph.number_of_nodes() == 2

"""Sharing safely: consent honoured, names replaced, free text left out, one pseudonym per person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openpyxl import load_workbook

import landscape
from landscape import load
from landscape.model.sharing import anonymise, honour_consent
from landscape.passes import boundaries, voices
from landscape.render.atlas import write_atlas

PEOPLE = [
    ["id", "name", "community", "stakeholder_group", "role", "email", "consent"],
    ["ana@x.org", "Ana Lima", "Nursing", "nurses", "Lead nurse", "ana@x.org", "yes"],
    ["ben@x.org", "Ben Okafor", "Nursing;Simulation", "technicians", "Technician", "ben@x.org", "no"],
    ["chen@x.org", "Chen Wei", "Simulation", "doctors", "Consultant", "chen@x.org", ""],
    ["dana@x.org", "Dana Ruiz", "Simulation", "students", "Student", "dana@x.org", "Yes"],
]
TIES = [["source", "target", "type", "notes"], ["ana@x.org", "ben@x.org", "advice", "met at Ana's house"],
        ["ben@x.org", "chen@x.org", "advice", ""], ["chen@x.org", "dana@x.org", "collaboration", ""],
        ["dana@x.org", "ana@x.org", "advice", ""]]


def test_people_without_consent_become_anonymous_in_their_group(csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES))
    shared = honour_consent(land)
    assert list(shared.graph.nodes) == ["ana@x.org", "Anonymous 1", "Anonymous 2", "dana@x.org"]
    assert shared.graph.nodes["Anonymous 1"] == {"name": "Anonymous 1", "community": ("Nursing", "Simulation"),
                                                 "consent": "no"}
    assert shared.graph.nodes["Anonymous 2"] == {"name": "Anonymous 2", "community": ("Simulation",)}
    assert shared.graph.nodes["ana@x.org"]["email"] == "ana@x.org"  # consent given: unchanged
    assert sorted((u, v) for u, v in shared.graph.edges()) == sorted(
        [("ana@x.org", "Anonymous 1"), ("Anonymous 1", "Anonymous 2"), ("Anonymous 2", "dana@x.org"),
         ("dana@x.org", "ana@x.org")])
    assert land.graph.nodes["ben@x.org"]["name"] == "Ben Okafor"  # the original is untouched


def test_anonymise_replaces_every_name_and_drops_free_text(csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES))
    key = b"a fixed key for this test"
    shared = anonymise(land, key=key)
    assert sorted(shared.graph.nodes) == ["P001", "P002", "P003", "P004"]
    ana = next(pid for pid, data in shared.graph.nodes(data=True) if data.get("stakeholder_group") == "nurses")
    assert shared.graph.nodes[ana] == {"name": f"Person {ana[1:]}", "community": ("Nursing",),
                                       "stakeholder_group": "nurses", "consent": "yes"}
    assert all("notes" not in data for _, _, data in shared.graph.edges(data=True))
    kept = anonymise(land, keep=["role", "notes"], key=key)  # one key: one pseudonym per person
    ben = next(pid for pid, data in kept.graph.nodes(data=True) if data.get("role") == "Technician")
    assert kept.graph.edges[ana, ben, 2]["notes"] == "met at Ana's house"
    # The measures do not change: only the names do.
    assert [(g.group, g.present, g.in_ties) for g in voices(shared).groups] == [
        (g.group, g.present, g.in_ties) for g in voices(land).groups]
    assert boundaries(shared).ei_network == boundaries(land).ei_network


def test_pseudonyms_do_not_follow_the_rows(csv_input) -> None:
    """A sheet whose ids are already P001, P002... in row order must not keep them as pseudonyms."""
    people = [["id", "name", "community"]] + [[f"P{i:03d}", f"Person {i}", "X"] for i in range(1, 41)]
    land = load(csv_input(participants=people, relationships=[["source", "target", "type"], ["P001", "P002", "advice"]]))
    # Nodes stay in input order: pairing them gives each person's pseudonym beside their real id.
    same = sum(pid == original for pid, original in zip(anonymise(land).graph.nodes, land.graph.nodes))
    assert same < 10  # a random order keeps about one of 40 in place; the row order kept all 40


def test_an_anonymised_atlas_has_no_name_id_email_or_free_text_anywhere(tmp_path: Path, csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES))
    files = write_atlas(land, tmp_path / "atlas", anonymise=True)
    secrets = ["Ana Lima", "Ben Okafor", "Chen Wei", "Dana Ruiz", "x.org", "Lead nurse", "Ana's house", "Technician"]
    for path in (files.atlas, files.report_html, files.report_markdown):
        text = path.read_text("utf-8")
        for secret in secrets:
            assert secret not in text and json.dumps(secret)[1:-1] not in text, (path.name, secret)
    book = load_workbook(files.metrics)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    for secret in secrets:
        assert not any(secret in cell for cell in cells), secret
    people = {row[0].value: row[1].value for row in book["Participants"].iter_rows(min_row=2)}
    assert people == {"P001": "Person 001", "P002": "Person 002", "P003": "Person 003", "P004": "Person 004"}
    # One pseudonym per person in every file: the report and the atlas name the same people.
    assert "Person 001" in files.atlas.read_text("utf-8")


def test_without_a_consent_column_nobody_is_withheld(csv_input) -> None:
    people = [row[:6] for row in PEOPLE]
    land = load(csv_input(participants=people, relationships=TIES))
    assert honour_consent(land) is land


def test_warnings_that_quote_a_withheld_person_are_not_shared(tmp_path: Path, csv_input) -> None:
    ties = [*TIES, ["ben@x.org", "ben@x.org", "advice", ""]]  # a self-tie: its warning quotes Ben's id
    land = load(csv_input(participants=PEOPLE, relationships=ties))
    assert "ben@x.org" in str(land.report.warnings[0])
    files = write_atlas(land, tmp_path / "atlas")
    for path in (files.atlas, files.report_html, files.report_markdown):
        assert "ben@x.org" not in path.read_text("utf-8"), path.name
    assert "self-tie 1" in files.report_markdown.read_text("utf-8")
    cells = [str(c.value) for sheet in load_workbook(files.metrics).worksheets for row in sheet.iter_rows()
             for c in row if c.value is not None]
    assert not any("ben@x.org" in cell or "Ben Okafor" in cell for cell in cells)


ORGANISED = [row + [org] for row, org in zip(PEOPLE, ["organisation", "Northgate", "Riverside", "Riverside",
                                                        "Northgate"])]


def test_atlas_grouped_by_organisation_keeps_withheld_people_in_their_organisation(tmp_path: Path, csv_input) -> None:
    from click.testing import CliRunner

    from landscape.cli import main

    source = csv_input(participants=ORGANISED, relationships=TIES)
    result = CliRunner().invoke(main, ["atlas", str(source), "-o", str(tmp_path / "atlas"), "--group", "organisation"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    metrics = (tmp_path / "atlas" / "atlas.html").read_text(encoding="utf-8")
    assert "Ben Okafor" not in metrics and "chen@x.org" not in metrics
    # The library twin: the same settings give the same groups; nobody withheld is "ungrouped".
    land = load(source, group="organisation")
    from landscape.model.sharing import shareable

    shared = boundaries(shareable(land))
    assert shared.ungrouped == ()
    assert shared.memberships["Anonymous 1"] == ("Riverside",) and shared.memberships["Anonymous 2"] == ("Riverside",)
    assert shared.sizes == {"Northgate": 2, "Riverside": 2}
    analysed = landscape.analyse(shareable(land)).to_dict()["boundaries"]
    assert analysed["ungrouped"] == [] and analysed["memberships"]["Anonymous 2"] == ["Riverside"]


def test_the_library_export_honours_consent_like_the_command(tmp_path: Path, csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES))
    written = landscape.export(land, tmp_path / "out.graphml")
    text = written.read_text(encoding="utf-8")
    assert "Ben Okafor" not in text and "ben@x.org" not in text and "Anonymous 1" in text
    everyone = landscape.export(land, tmp_path / "all.graphml", honour_consent=False).read_text(encoding="utf-8")
    assert "Ben Okafor" in everyone


@pytest.mark.parametrize("typed", ["organisation", "Organisation", "ORGANISATION"])
def test_withheld_people_keep_their_group_whatever_the_case_the_option_was_typed_in(tmp_path: Path, csv_input,
                                                                                    typed: str) -> None:
    from click.testing import CliRunner

    from landscape.cli import main

    source = csv_input(participants=ORGANISED, relationships=TIES)
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "x.json"), "--group", typed],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    nodes = {node["id"]: node for node in json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["nodes"]}
    assert nodes["Anonymous 1"]["organisation"] == "Riverside" and nodes["Anonymous 2"]["organisation"] == "Riverside"
    assert "role" not in nodes["Anonymous 1"] and "email" not in nodes["Anonymous 1"]


def test_a_group_option_naming_no_column_is_an_error_before_anything_is_written(tmp_path: Path, csv_input) -> None:
    from click.testing import CliRunner

    from landscape.cli import main

    source = csv_input(participants=ORGANISED, relationships=TIES)
    for command in (["export", str(source), "-o", str(tmp_path / "x.json")], ["atlas", str(source), "-o",
                                                                            str(tmp_path / "atlas")]):
        result = CliRunner().invoke(main, [*command, "--group", "nope"], catch_exceptions=False)
        assert result.exit_code == 1
        assert "no participant has an attribute 'nope' (--group); the attributes are: " in result.stderr
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "atlas").exists()


def test_anonymising_keeps_the_attributes_the_settings_group_by(tmp_path: Path) -> None:
    land = load(landscape.sample_path("krackhardt-hightech"), group="department")
    files = landscape.atlas(land, tmp_path / "atlas", anonymise=True)
    assert "department" in files.metrics.parent.joinpath("report.md").read_text(encoding="utf-8")
    shared = anonymise(land)
    assert {data.get("department") for _, data in shared.graph.nodes(data=True)} == {0, 1, 2, 3, 4}
    assert boundaries(shared).group_attribute == "department" and boundaries(shared).ungrouped == ()

"""Every command has a library twin that gives the same result: the CLI only parses and prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import landscape
from landscape.cli import main
from tests.conftest import write_csv_folder

SAMPLES = [("clinical-simulation", []), ("krackhardt-hightech", ["--level-order", "lower-is-senior"])]


def _cli_json(*args: str) -> dict:
    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("sample, options", SAMPLES)
def test_analyse_twin_equals_the_command(sample: str, options: list[str]) -> None:
    path = landscape.sample_path(sample)
    order = options[1] if options else None
    land = landscape.load(path, settings=landscape.Settings(level_order=order))
    assert landscape.analyse(land).to_dict() == _cli_json("analyse", path, "--format", "json", *options)


def test_analyse_twin_with_settings_equals_the_command() -> None:
    path = landscape.sample_path("krackhardt-hightech")
    settings = landscape.Settings(group="department", relations=("advice",), level_order="lower-is-senior")
    document = landscape.analyse(landscape.load(path, settings=settings), passes=["boundaries", "power"]).to_dict()
    assert document == _cli_json("analyse", path, "--format", "json", "--pass", "boundaries", "--pass", "power",
                                 "--group", "department", "--relation", "advice", "--level-order", "lower-is-senior")
    assert list(document) == ["source", "participants", "relationships", "wave", "boundaries", "power"]
    assert document["boundaries"]["group_attribute"] == "department"
    assert document["power"]["ties"]["relations"] == ["advice"]


def _two_waves(folder: Path) -> tuple[Path, Path]:
    people = [["id", "name", "community"], ["a", "A", "X"], ["b", "B", "X"], ["c", "C", "Y"], ["d", "D", "Y"]]
    before = write_csv_folder(folder / "survey-2024", participants=people, relationships=[
        ["source", "target", "type"], ["a", "b", "advice"], ["b", "c", "advice"]])
    after = write_csv_folder(folder / "survey-2025", participants=people, relationships=[
        ["source", "target", "type"], ["a", "b", "advice"], ["c", "d", "advice"], ["d", "a", "advice"]])
    return before, after


def test_compare_twin_equals_the_command(tmp_path: Path) -> None:
    before, after = _two_waves(tmp_path)
    waves = landscape.two_waves(landscape.load(before), landscape.load(after))
    assert waves.labels == ("survey-2024", "survey-2025")
    document = landscape.compare(waves).to_dict()
    assert document == _cli_json("compare", before, after, "--format", "json")
    assert document["continuity"]["ties"]["all"]["kept"] == 1
    assert document["continuity"]["ties"]["all"]["gained"] == 2 and document["continuity"]["ties"]["all"]["lost"] == 1


def test_compare_twin_from_a_wave_column_equals_the_command(tmp_path: Path) -> None:
    source = write_csv_folder(tmp_path / "waves", participants=[["id", "name"], ["a", "A"], ["b", "B"], ["c", "C"]],
                              relationships=[["source", "target", "type", "wave"], ["a", "b", "advice", "2024"],
                                             ["a", "b", "advice", "2025"], ["b", "c", "advice", "2025"]])
    waves = landscape.waves_of(landscape.load(source), "2024", "2025")
    assert (waves.before.settings.wave, waves.after.settings.wave) == ("2024", "2025")
    assert landscape.compare(waves).to_dict() == _cli_json("compare", source, "--waves", "2024,2025", "--format",
                                                           "json")


def test_map_export_atlas_and_demo_twins_write_what_the_commands_write(tmp_path: Path) -> None:
    land = landscape.load(landscape.sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    written = landscape.map(land, tmp_path / "power.html", view="power")
    assert written.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert written.participants == 21 and written.folded is None
    with pytest.raises(ValueError, match="view must be one of"):
        landscape.map(land, tmp_path / "x.html", view="nope")
    assert landscape.export(land, tmp_path / "k.gexf").exists()
    files = landscape.atlas(land, tmp_path / "atlas")
    assert (files.participants, files.relationships) == (21, 312) and files.metrics.exists()
    demo = landscape.demo(tmp_path / "demo")
    assert demo.sample is not None and demo.sample.exists() and demo.atlas.exists()


def test_settings_travel_with_the_landscape_and_options_override_them() -> None:
    land = landscape.load(landscape.sample_path("krackhardt-hightech"), group="department")
    assert land.settings.group == "department"
    from landscape.passes import boundaries

    assert boundaries(land).group_attribute == "department"
    assert boundaries(land, group="level").group_attribute == "level"  # a pass option overrides for one run
    advice = land.with_settings(relations=("advice",))
    assert advice.graph is land.graph and boundaries(advice).ties["relations"] == ["advice"]
    with pytest.raises(ValueError, match="more than once"):
        landscape.Settings(levels=("community", "Community"))
    with pytest.raises(TypeError, match="not the string"):
        landscape.Settings(relations="advice")  # type: ignore[arg-type]


def test_a_chosen_attribute_must_exist_but_the_defaults_may_be_absent(tmp_path: Path) -> None:
    source = write_csv_folder(tmp_path / "plain", participants=[["id", "name"], ["a", "A"], ["b", "B"]],
                              relationships=[["source", "target", "type"], ["a", "b", "advice"]])
    land = landscape.load(source)  # no community, no stakeholder_group: nobody is grouped, nothing fails
    analysed = landscape.analyse(land, passes=["voices", "boundaries"])
    assert analysed.results["boundaries"].groups == () and analysed.results["boundaries"].ungrouped == ("a", "b")
    assert analysed.results["voices"].unrecorded == ("a", "b")
    with pytest.raises(landscape.UnknownAttribute, match="'office'"):
        landscape.analyse(land.with_settings(group="office"), passes=["boundaries"])
    with pytest.raises(landscape.PassRegistryError, match="no pass named 'nope'"):
        landscape.analyse(land, passes=["nope"])


def test_the_per_view_options_come_from_the_pass_registry() -> None:
    assert landscape.views_using("group") == ("boundaries", "leadership", "value")
    assert landscape.views_using("voices_by") == ("voices",)
    assert landscape.views_using("relations") == ("voices", "power", "boundaries", "scale", "leadership", "value")
    assert landscape.views_using("levels") == ("scale",) and landscape.views_using("level_order") == ("power",)
    assert landscape.views_using("resolutions") == ("scale",)


def test_setting_names_given_as_options_change_the_settings_and_typos_are_refused(tmp_path: Path) -> None:
    land = landscape.load(landscape.sample_path("clinical-simulation"))
    by_organisation = landscape.analyse(land, passes=["voices"], options={"voices_by": "organisation"})
    assert by_organisation.results["voices"].attribute == "organisation"
    assert landscape.analyse(land, passes=["voices"], options={"by": "organisation"}).to_dict() == \
        by_organisation.to_dict()
    with pytest.raises(ValueError, match="no pass takes an option 'grup'"):
        landscape.analyse(land, options={"grup": "organisation"})
    with pytest.raises(ValueError, match="no pass takes an option 'grup'"):
        landscape.atlas(land, tmp_path / "atlas", options={"grup": "organisation"})
    assert not (tmp_path / "atlas").exists()


def test_atlas_before_with_per_table_inputs(tmp_path: Path) -> None:
    before, after = _two_waves(tmp_path)
    result = CliRunner().invoke(main, ["atlas", "--participants", str(after / "participants.csv"), "--relationships",
                                       str(after / "relationships.csv"), "-o", str(tmp_path / "atlas"), "--before",
                                       str(before)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "atlas" / "changes.html").exists()
    assert "Continuity" in (tmp_path / "atlas" / "report.md").read_text(encoding="utf-8")


def test_compare_reads_before_first_and_wants_an_html_map(tmp_path: Path) -> None:
    before, after = _two_waves(tmp_path)
    missing = CliRunner().invoke(main, ["compare", str(tmp_path / "nothere.xlsx"), str(tmp_path / "also.xlsx")])
    assert missing.exit_code == 1 and "nothere.xlsx" in missing.stderr
    text_map = CliRunner().invoke(main, ["compare", str(before), str(after), "--map", str(tmp_path / "ch.txt")])
    assert text_map.exit_code == 2 and "give a file name ending in .html" in text_map.stderr
    assert not (tmp_path / "ch.txt").exists()


def test_a_setting_error_names_its_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyse", str(landscape.sample_path("krackhardt-hightech")), "--levels",
                                       "community,Community"])
    assert result.exit_code == 2 and "Invalid value for --levels: " in result.stderr


def test_compare_options_are_settings_and_typos_are_refused(tmp_path: Path) -> None:
    before, after = _two_waves(tmp_path)
    waves = landscape.two_waves(landscape.load(before), landscape.load(after))
    with pytest.raises(ValueError, match="'grup'"):
        landscape.compare(waves, options={"grup": "community"})
    with pytest.raises(ValueError, match="compare takes no option 'seed'"):
        landscape.compare(waves, options={"seed": 3})
    by_name = landscape.compare(waves, options={"voices_by": "community"}).to_dict()
    assert by_name == landscape.compare(waves, options={"by": "community"}).to_dict()
    assert by_name["continuity"]["voices"]["attribute"] == "community"


def test_compare_does_not_change_later_analyses_of_the_same_landscapes(tmp_path: Path) -> None:
    people = lambda spelled: [["id", "name", "community"], ["a", "A", spelled], ["b", "B", spelled],  # noqa: E731
                              ["c", "C", "Medicine"]]
    ties = [["source", "target", "type"], ["a", "b", "advice"], ["b", "c", "advice"]]
    first = landscape.load(write_csv_folder(tmp_path / "w1", participants=people("Nursing"), relationships=ties))
    second = landscape.load(write_csv_folder(tmp_path / "w2", participants=people("nursing"), relationships=ties))
    alone = landscape.analyse(second).to_dict()
    landscape.compare(landscape.two_waves(first, second))
    assert landscape.analyse(second).to_dict() == alone


def test_brokers_who_stopped_brokering_are_counted_not_named(tmp_path: Path) -> None:
    people = [["id", "name", "community"], ["a", "Ann", "X"], ["b", "Bo", "Y"], ["c", "Cy", "Z"], ["d", "Di", "X"]]
    before = write_csv_folder(tmp_path / "b", participants=people, relationships=[
        ["source", "target", "type"], ["b", "a", "advice"], ["a", "c", "advice"]])  # Ann brokers Y -> Z
    after = write_csv_folder(tmp_path / "a", participants=people, relationships=[
        ["source", "target", "type"], ["b", "d", "advice"], ["d", "c", "advice"]])  # Di brokers Y -> Z
    comparison = landscape.compare(landscape.two_waves(landscape.load(before), landscape.load(after)))
    [brokers] = [f for f in comparison.findings if f.kind == "brokers"]
    assert "Di" in brokers.statement and "Ann" not in brokers.statement
    assert "1 no longer brokers across groups" in brokers.statement
    assert set(brokers.focus.people) == {"a", "d"}

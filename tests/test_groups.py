"""One grouping concept: the same data give the same groups in every pass, with a warning."""

from __future__ import annotations

from typing import Any

import pytest

import landscape
from landscape.passes import boundaries, scale, voices
from landscape.passes.groups import group_values, grouping

# Two spellings of Nursing (case and a trailing space), one of Allied health (inner spaces).
PEOPLE: list[list[Any]] = [
    ["id", "name", "community", "organisation", "stakeholder_group"],
    ["A", "Ana", "Nursing", "Northgate", "nurses"],
    ["B", "Ben", "nursing ", "Northgate", "Nurses"],
    ["C", "Cy", "Nursing", "Riverside", "nurses"],
    ["D", "Di", "Simulation", "Riverside", "technicians"],
    ["E", "Ed", "Allied  health", "Riverside", "allied"],
    ["F", "Flo", "Allied health", "", "allied"],
    ["G", "Gus", "", "Northgate", ""],
]
TIES: list[list[Any]] = [
    ["source", "target", "type"],
    ["A", "B", "advice"], ["B", "C", "advice"], ["C", "D", "advice"], ["D", "E", "advice"],
    ["E", "F", "advice"], ["F", "A", "advice"], ["G", "A", "advice"],
]


@pytest.fixture
def spelled(csv_input: Any) -> landscape.Landscape:
    return landscape.load(csv_input(participants=PEOPLE, relationships=TIES))


def test_one_group_per_spelling_in_every_pass(spelled: landscape.Landscape) -> None:
    expected = ["Allied health", "Nursing", "Simulation"]
    by_voices = sorted(g.group for g in voices(spelled, by="community").groups)
    by_boundaries = sorted(boundaries(spelled, group="community").groups)
    level = next(level for level in scale(spelled, levels=["community"]).levels if level.name == "community")
    by_scale = sorted({unit for units in level.units.values() for unit in units})
    assert by_voices == by_boundaries == by_scale == expected
    assert boundaries(spelled, group="community").sizes["Nursing"] == 3
    assert next(g for g in voices(spelled, by="community").groups if g.group == "Nursing").present == 3


def test_voices_by_stakeholder_group_folds_case(spelled: landscape.Landscape) -> None:
    groups = {g.group: g.present for g in voices(spelled).groups}
    assert groups == {"nurses": 3, "allied": 2, "technicians": 1}
    assert voices(spelled).unrecorded == ("G",)


def test_validate_warns_about_each_group_spelled_twice(csv_input: Any) -> None:
    report = landscape.validate(csv_input(participants=PEOPLE, relationships=TIES))
    spelling = [issue for issue in report.warnings if issue.code == "group-spelling"]
    found = {(issue.column, issue.row, issue.value) for issue in spelling}
    assert found == {("community", 3, "nursing"), ("community", 7, "Allied health"),
                     ("stakeholder_group", 3, "Nurses")}
    nursing = next(issue for issue in spelling if issue.value == "nursing")
    assert "'Nursing' in row(s) 2, 4" in nursing.message and "'nursing' in row(s) 3" in nursing.message
    assert "shown as 'Nursing'" in nursing.message
    assert report.valid
    import jsonschema

    from landscape.schema import load_schema

    jsonschema.validate(report.to_dict(), load_schema("validation-report"))


def test_spellings_are_warned_about_in_any_column_even_of_mostly_distinct_values(csv_input: Any) -> None:
    """A small workshop where most people come from different organisations: the passes still
    merge NHS Trust and NHS trust, so validate says so."""
    organisations = ["NHS Trust", "NHS trust", "Northgate", "Riverside", "St Mary's", "Hill Clinic", "Uni A", "Uni B"]
    people = [["id", "name", "organisation"]] + [[f"P{i}", f"Person {i}", org] for i, org in enumerate(organisations)]
    report = landscape.validate(csv_input(participants=people, relationships=[["source", "target", "type"],
                                                                              ["P0", "P1", "advice"]]))
    found = [(issue.column, issue.row, issue.value) for issue in report.warnings if issue.code == "group-spelling"]
    assert found == [("organisation", 3, "NHS trust")]


def test_spellings_are_counted_once_per_person_as_the_passes_count_them(csv_input: Any) -> None:
    people = [["id", "name", "community"], ["A", "Ana", "nursing;Nursing"], ["B", "Ben", "Nursing"],
              ["C", "Cy", "nursing"]]
    source = csv_input(participants=people, relationships=[["source", "target", "type"], ["A", "B", "advice"]])
    warning = next(issue for issue in landscape.validate(source).warnings if issue.code == "group-spelling")
    shown = boundaries(landscape.load(source), group="community").groups
    assert warning.message.endswith(f"shown as {shown[0]!r}") and shown == ("nursing",)


def test_communities_sheet_spellings_are_warned_about(csv_input: Any) -> None:
    communities = [["community", "parent"], ["Nursing", "Health Faculty"], ["Simulation", "health faculty"],
                   ["Allied health", "Health Faculty"]]
    report = landscape.validate(csv_input(participants=PEOPLE, relationships=TIES, communities=communities))
    assert [(issue.table, issue.column, issue.row) for issue in report.warnings
            if issue.code == "group-spelling" and issue.table == "communities"] == [("communities", "parent", 3)]


def test_grouping_names_the_most_frequent_spelling_and_keeps_ungrouped() -> None:
    g = group_values("team", {"a": ("ward 7",), "b": ("Ward 7",), "c": ("Ward 7", "ICU"), "d": ()})
    assert g.groups == ("ICU", "Ward 7")
    assert g.memberships == {"a": ("Ward 7",), "b": ("Ward 7",), "c": ("Ward 7", "ICU"), "d": ()}
    assert g.members["Ward 7"] == ("a", "b", "c") and g.ungrouped == ("d",)
    assert g.name_of(" WARD 7") == "Ward 7" and g.name_of("Ward 8") is None


def test_grouping_finds_header_forms_and_refuses_unknown_attributes(spelled: landscape.Landscape) -> None:
    assert grouping(spelled, "Stakeholder group").attribute == "stakeholder_group"
    with pytest.raises(landscape.UnknownAttribute, match="shoe_size|shoe size"):
        grouping(spelled, "shoe size")
    assert grouping(spelled, "shoe size", required=False).ungrouped == tuple("ABCDEFG")


def test_communities_sheet_nests_whatever_the_spelling(csv_input: Any) -> None:
    communities = [["community", "parent"], ["NURSING", "Faculty of Health"], ["Simulation", "Faculty of Health"],
                   ["Allied health", "faculty of health"]]
    land = landscape.load(csv_input(participants=PEOPLE, relationships=TIES, communities=communities))
    assert not [issue for issue in land.report.warnings if issue.code == "undeclared-community"]
    parent = next(level for level in scale(land).levels if level.name == "wider unit")  # the header names no unit
    assert {unit for units in parent.units.values() for unit in units} == {"Faculty of Health"}


def test_workbook_and_atlas_filters_group_as_the_passes_do(spelled: landscape.Landscape, tmp_path: Any) -> None:
    from openpyxl import load_workbook

    from landscape.render.atlas import atlas_data, run_passes

    files = landscape.atlas(spelled, tmp_path / "atlas")
    ties = load_workbook(files.metrics, read_only=True)["Ties"]
    rows = [row for row in ties.iter_rows(values_only=True)]
    across = rows[0].index("across community boundary")
    by_pair = {(row[1], row[3]): row[across] for row in rows[1:]}
    assert by_pair[("A", "B")] == "no"  # Nursing and "nursing ": one group, no boundary crossed
    assert by_pair[("E", "F")] == "no"  # "Allied  health" and "Allied health"
    assert by_pair[("C", "D")] == "yes" and by_pair[("G", "A")] is None  # G has no community
    data = atlas_data(spelled, run_passes(spelled))
    assert data["filters"]["attributes"]["community"] == ["Allied health", "Nursing", "Simulation"]
    assert {person["pid"]: person["values"].get("community") for person in data["people"]}["B"] == ["Nursing"]


def test_network_map_legend_has_one_entry_per_group(spelled: landscape.Landscape) -> None:
    legend = landscape.map_data(spelled, color_by="community")["legend"]["groups"]
    assert [(entry["name"], entry["count"]) for entry in legend] == [
        ("Allied health", 2), ("Nursing", 3), ("Simulation", 1), ("(none)", 1)]


def test_waves_that_favour_different_spellings_compare_one_group(csv_input: Any) -> None:
    """Wave 1 mostly writes Nursing, wave 2 mostly nursing: one group that stayed, not one that
    left and one that arrived."""
    def wave(spellings: list[str]) -> landscape.Landscape:
        people = [["id", "name", "community", "stakeholder_group"]] + [
            [pid, pid, spelled, spelled.replace("ursing", "urses")] for pid, spelled in zip("ABC", spellings)]
        people.append(["D", "D", "Simulation", "technicians"])
        ties = [["source", "target", "type"], ["A", "B", "advice"], ["B", "C", "advice"], ["C", "D", "advice"]]
        return landscape.load(csv_input(participants=people, relationships=ties))

    before, after = wave(["Nursing", "Nursing", "nursing"]), wave(["nursing", "nursing", "Nursing"])
    result = landscape.compare(landscape.two_waves(before, after)).to_dict()["continuity"]
    assert result["voices"]["arrived"] == [] and result["voices"]["left"] == []
    assert sorted(result["ei_groups"]) == ["Nursing", "Simulation"]
    assert all(value["before"] is not None and value["after"] is not None for value in result["ei_groups"].values())


def test_a_required_attribute_is_required_whatever_ran_before(csv_input: Any) -> None:
    land = landscape.load(csv_input(participants=[["id", "name"], ["a", "A"], ["b", "B"]],
                                    relationships=[["source", "target", "type"], ["a", "b", "advice"]]))
    assert voices(land).unrecorded == ("a", "b")  # the default attribute may be absent
    with pytest.raises(landscape.UnknownAttribute, match="stakeholder_group"):
        voices(land, by="stakeholder_group")  # named, it must exist, even after the default run
    with pytest.raises(landscape.UnknownAttribute, match="'community' \\(--group\\)"):
        land.with_settings(group="community")  # a setting naming the default is still a choice


def test_atlas_filters_list_numbers_in_numeric_order(csv_input: Any) -> None:
    from landscape.render.atlas import atlas_data, run_passes

    people = [["id", "name", "level"]] + [[f"P{i}", f"P{i}", level] for i, level in enumerate([1, 2, 10, 12, 3])]
    land = landscape.load(csv_input(participants=people, relationships=[["source", "target", "type"],
                                                                       ["P0", "P1", "advice"]]))
    assert atlas_data(land, run_passes(land))["filters"]["attributes"]["level"] == ["1", "2", "3", "10", "12"]

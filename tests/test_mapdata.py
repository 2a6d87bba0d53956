"""Map data: what a map shows, decided in plain data before any HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from landscape import UnknownAttribute, load, map_data, sample_path
from landscape.passes import boundaries, scale
from landscape.render.mapdata import NO_VALUE_COLOUR, NODE_PALETTE
from landscape.render.views.base import OTHER_COLOUR, TYPE_COLOURS
from landscape.findings import findings_for
from tests.conftest import PEOPLE


def _details(pid: str, *pairs: tuple[str, str]) -> list[list[str]]:
    return [["id", pid], *[list(pair) for pair in pairs]]


def test_golden_small_landscape(small_input: Path) -> None:
    data = map_data(load(small_input), title="Small")
    assert data["meta"] == {
        "title": "Small", "participants": 4, "relationships": 5, "color_by": "community",
        "size_by": "number of people connected (in either direction, any type)", "generator": "landscape 0.1.0",
        "view": "network",
    }
    blue, orange = NODE_PALETTE[0], NODE_PALETTE[1]
    assert data["nodes"] == [
        {"id": 0, "pid": "A", "label": "Ana Lima", "group": "Nursing", "color": blue, "size": 3, "multi": False,
         "details": _details("A", ("community", "Nursing"), ("organisation", "Northgate"),
                             ("stakeholder_group", "nursing faculty"), ("level", "3"), ("connected to", "3 people"))},
        {"id": 1, "pid": "B", "label": "Ben Okafor", "group": "Nursing", "color": blue, "size": 2, "multi": True,
         "details": _details("B", ("community", "Nursing; Simulation"),
                             ("organisation", "Northgate"), ("stakeholder_group", "simulation technicians"),
                             ("level", "2"), ("connected to", "2 people"))},
        {"id": 2, "pid": "C", "label": "Chen Wei", "group": "Simulation", "color": orange, "size": 2, "multi": False,
         "details": _details("C", ("community", "Simulation"), ("organisation", "Riverside"),
                             ("stakeholder_group", "medical faculty"), ("level", "4"), ("connected to", "2 people"))},
        {"id": 3, "pid": "D", "label": "Dana Ruiz", "group": None, "color": NO_VALUE_COLOUR, "size": 1,
         "multi": False,
         "details": _details("D", ("organisation", "Riverside"),
                             ("stakeholder_group", "students"), ("level", "1"), ("connected to", "1 person"))},
    ]
    assert data["edges"] == [
        {"from": 0, "to": 1, "type": "advice", "directed": True, "count": 1, "weight": 1},
        {"from": 1, "to": 2, "type": "collaboration", "directed": False, "count": 1, "weight": 2,
         "boundary_objects": ["Scenario library"]},
        {"from": 1, "to": 0, "type": "reports_to", "directed": True, "count": 1, "weight": 1},
        {"from": 2, "to": 0, "type": "advice", "directed": True, "count": 1, "weight": 1},
        {"from": 3, "to": 0, "type": "advice", "directed": True, "count": 1, "weight": 1},
    ]
    assert data["legend"] == {  # a person in both communities counts in each
        "color_by": "community",
        "groups": [{"name": "Nursing", "color": blue, "count": 2}, {"name": "Simulation", "color": orange, "count": 2},
                   {"name": "(none)", "color": NO_VALUE_COLOUR, "count": 1, "no_value": True}],
        "multi_membership": 1,
        "edge_types": [{"type": "advice", "kind": "learning", "color": TYPE_COLOURS["advice"], "dashes": False, "count": 3},
                       {"type": "collaboration", "kind": "learning", "color": TYPE_COLOURS["collaboration"], "dashes": False,
                        "count": 1},
                       {"type": "reports_to", "kind": "formal", "color": TYPE_COLOURS["reports_to"], "dashes": [10, 6],
                        "count": 1}],
    }


def test_colour_by_any_attribute_matched_like_a_header(small_input: Path) -> None:
    land = load(small_input)
    data = map_data(land, color_by="Stakeholder Group")
    assert data["legend"]["color_by"] == "stakeholder_group"
    assert [g["name"] for g in data["legend"]["groups"]] == [
        "medical faculty", "nursing faculty", "simulation technicians", "students"]
    by_level = map_data(land, color_by="level")
    assert [g["name"] for g in by_level["legend"]["groups"]] == ["1", "2", "3", "4"]  # numbers in numeric order


def test_unknown_colour_attribute_names_the_ones_that_exist(small_input: Path) -> None:
    with pytest.raises(UnknownAttribute, match="no participant has an attribute 'department'; the attributes are: "
                                               "community, id, level, name, organisation, stakeholder_group"):
        map_data(load(small_input), color_by="department")


def test_default_colour_falls_back_when_nobody_has_a_community(csv_input: Callable[..., Path]) -> None:
    people = [["id", "organisation"], ["A", "X"], ["B", "Y"]]
    land = load(csv_input(participants=people, relationships=[["source", "target"], ["A", "B"]]))
    assert map_data(land)["legend"]["color_by"] == "organisation"
    bare = load(csv_input(participants=[["id"], ["A"], ["B"]], relationships=[["source", "target"], ["A", "B"]]))
    data = map_data(bare)
    assert data["legend"]["color_by"] is None
    assert data["legend"]["groups"] == [{"name": "(none)", "color": NO_VALUE_COLOUR, "count": 2, "no_value": True}]


def test_a_group_named_none_is_not_the_people_without_a_value(csv_input: Callable[..., Path]) -> None:
    people = [["id", "community"], ["A", "(none)"], ["B", ""]]
    data = map_data(load(csv_input(participants=people, relationships=[["source", "target"], ["A", "B"]])))
    assert [(g["name"], g["count"], g.get("no_value", False)) for g in data["legend"]["groups"]] == [
        ("(none)", 1, False), ("(none)", 1, True)]
    assert [node["group"] for node in data["nodes"]] == ["(none)", None]


def test_colour_by_id_gives_everyone_their_own_colour(small_input: Path) -> None:
    data = map_data(load(small_input), color_by="id")
    assert [g["name"] for g in data["legend"]["groups"]] == ["A", "B", "C", "D"]


def test_parallel_rows_merge_into_one_drawn_edge_and_undirected_ties_ignore_orientation(csv_input) -> None:
    ties = [["source", "target", "type", "weight", "direction", "boundary_object"],
            ["A", "B", "advice", 1, "", "Library"], ["A", "B", "advice", 2, "", "Checklist"],
            ["A", "B", "advice", 1, "", "Library"], ["B", "A", "advice", 1, "", ""],
            ["A", "C", "collaboration", 1, "undirected", ""], ["C", "A", "collaboration", 3, "mutual", ""]]
    data = map_data(load(csv_input(participants=PEOPLE, relationships=ties)))
    assert data["edges"] == [
        {"from": 0, "to": 1, "type": "advice", "directed": True, "count": 3, "weight": 4,
         "boundary_objects": ["Library", "Checklist"]},
        {"from": 0, "to": 2, "type": "collaboration", "directed": False, "count": 2, "weight": 4},
        {"from": 1, "to": 0, "type": "advice", "directed": True, "count": 1, "weight": 1},
    ]
    assert sum(edge["count"] for edge in data["edges"]) == data["meta"]["relationships"] == 6


def test_every_participant_and_every_relationship_is_on_the_map() -> None:
    from landscape.io import sample_path

    land = load(sample_path("clinical-simulation"))
    data = map_data(land)
    assert [node["pid"] for node in data["nodes"]] == list(land.graph.nodes)
    assert sum(edge["count"] for edge in data["edges"]) == land.graph.number_of_edges()
    # Everyone is counted in the key: once per group they are in (17 people are in two communities).
    memberships = sum(len(value) if isinstance(value, tuple) else 1 for _, value in land.graph.nodes(data="community"))
    assert sum(group["count"] for group in data["legend"]["groups"]) == memberships == 93


def test_voices_view_adds_empty_chairs_levels_and_findings() -> None:
    from landscape.io import sample_path
    from landscape.passes import voices

    land = load(sample_path("clinical-simulation"))
    data = map_data(land, view="voices")
    result = voices(land)
    assert data["meta"]["view"] == "voices" and data["legend"]["color_by"] == "stakeholder_group"
    people, chairs = data["nodes"][:76], data["nodes"][76:]
    assert [chair["label"] for chair in chairs] == ["pharmacists (expected 2)", "paramedics (expected 2)"]
    assert all(chair["placeholder"] and chair["pid"] == "" for chair in chairs)
    assert chairs[0]["details"] == [["expected", "2"], ["why", result.group("pharmacists").why]]
    assert {node["pid"]: node["level"] for node in people} == {p.id: p.participation_level for p in result.participants}
    legend = {entry["name"]: entry for entry in data["legend"]["groups"]}
    assert [entry["name"] for entry in data["legend"]["groups"]] == [g.group for g in result.groups]
    assert legend["patient advisors"]["note"] == "under-represented: 1 of 4 expected"
    assert legend["pharmacists"] == {"name": "pharmacists", "color": chairs[0]["color"], "count": 0,
                                     "status": "missing", "note": "missing: 2 expected"}
    assert [f["statement"] for f in data["findings"]] == [f.statement for f in findings_for("voices", result)]
    # Each finding beside the map: what one reads aloud, its question, the evidence behind "why?" (issue 17).
    assert [(f["headline"], f["question"], f["detail"]) for f in data["findings"]] == [
        (f.headline, f.question, f.detail) for f in findings_for("voices", result)]
    # Colours follow the legend's order, and each person has the colour of their group.
    colour = {entry["name"]: entry["color"] for entry in data["legend"]["groups"]}
    assert all(node["color"] == colour[node["group"]] for node in people)


def test_unknown_view_is_refused(small_input: Path) -> None:
    with pytest.raises(ValueError, match="view must be one of network, voices, power, boundaries, scale"):
        map_data(load(small_input), view="continuity")


def test_power_view_layers_sizes_and_marks() -> None:
    from landscape.io import sample_path
    from landscape.passes import power

    land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    data = map_data(land, view="power", relations=["advice"], color_by="department")
    result = power(land, relations=["advice"])
    assert data["meta"]["view"] == "power"
    assert data["layout"] == {"type": "layers", "layers": ["level 1", "level 2", "level 3"],
                              "rows": [{"level": i, "name": f"level {i + 1}", "apart": False} for i in range(3)]}
    people = {node["pid"]: node for node in data["nodes"]}
    assert people["7"]["layer"] == 0 and people["2"]["layer"] == 1 and people["1"]["layer"] == 2
    assert {pid: node["size"] for pid, node in people.items()} == {p.id: p.in_degree for p in result.participants}
    assert [pid for pid, node in people.items() if node.get("mark") == "sought-beyond-rank"] == \
        sorted(result.hidden_influencers, key=int)
    assert ["sought out by", "13 people"] in people["1"]["details"]
    assert ["direct reports", "7"] in people["14"]["details"]
    assert len(data["findings"]) == len(findings_for("power", result))



def test_boundaries_view_regions_crossings_brokers_and_objects() -> None:
    import math

    from landscape.io import sample_path
    from landscape.passes import boundaries

    land = load(sample_path("clinical-simulation"))
    data = map_data(land, view="boundaries")
    result = boundaries(land)
    assert data["meta"]["view"] == "boundaries" and data["layout"] == {"type": "positions"}
    assert [region["name"] for region in data["regions"]] == list(result.groups)
    people = data["nodes"][:76]
    regions = {region["name"]: region for region in data["regions"]}
    for node in people:  # everyone with a group sits inside the region of their first group
        first = land.graph.nodes[node["pid"]].get("community")
        if first:
            region = regions[first[0]]
            assert math.dist((node["x"], node["y"]), (region["x"], region["y"])) <= region["r"]
    members = {pid: set(groups or ()) for pid, groups in land.graph.nodes(data="community")}
    pid_of = {node["id"]: node["pid"] for node in people}
    for edge in (e for e in data["edges"] if e.get("kind") != "object-link"):
        a, b = members[pid_of[edge["from"]]], members[pid_of[edge["to"]]]
        assert edge["crossing"] == bool(a and b and not a & b)
    objects = [node for node in data["nodes"] if node.get("kind") == "object"]
    assert [node["label"] for node in objects] == [item["object"] for item in result.boundary_objects]
    assert data["legend"]["notes"] == ["No tie between Simulation Steering Committee and Student Simulation Society"]
    assert any(node.get("mark") == "broker" and node["pid"] == "P014" for node in people)


def test_scale_view_units_levels_and_positions() -> None:
    from landscape.io import sample_path
    from landscape.passes import scale

    land = load(sample_path("clinical-simulation"))
    data = map_data(land, view="scale")
    result = scale(land)
    assert data["meta"]["view"] == "scale" and data["layout"] == {"type": "positions"}
    # The Communities sheet's nesting is named from the data (its header says only "parent").
    assert data["scale"]["levels"] == ["community", "organisation", "wider unit"]
    assert data["scale"]["start"] == "wider unit"
    assert [unit["id"] for unit in data["scale"]["units"]["organisation"]] == [
        node["id"] for node in result.aggregates["organisation"]["nodes"]]
    assert all(set(node["units"]) == {"community", "organisation", "wider unit"} for node in data["nodes"])
    assert all("x" in node and "y" in node for node in data["nodes"])
    # The legend counts every member, as Boundaries does for the same groups: 47 + 18 memberships
    # of 60 people (5 in both), and 16 people in neither.
    assert [(g["name"], g["count"]) for g in data["legend"]["groups"]] == [
        ("Harbourside Simulation Partnership", 47), ("St Columba's Teaching Hospital", 18), ("(none)", 16)]
    assert data["legend"]["notes"] == ["5 people belong to more than one wider unit: each is drawn once, in the first "
                                       "unit listed for them, and counted in every unit they belong to."]
    # A unit's members as Voices and Boundaries count them; also_elsewhere: those drawn in another unit.
    sizes = boundaries(land, group="community").sizes
    communities = {node["pid"]: node["units"]["community"] for node in data["nodes"]}
    for unit in data["scale"]["units"]["community"]:
        assert unit["members"] == sizes[unit["id"]]
        assert unit["also_elsewhere"] == sum(1 for units in communities.values()
                                             if unit["id"] in units and units[0] != unit["id"])
    assert {u["id"]: (u["members"], u["also_elsewhere"]) for u in data["scale"]["units"]["community"]}[
        "Debriefing Practice Group"] == (10, 8)

GROUP_NONE = [["id", "community", "stakeholder_group"], ["a", "", ""], ["b", "(none)", "(none)"], ["c", "", ""],
              ["d", "(none)", "(none)"], ["e", "", ""], ["f", "(none)", "(none)"]]
CHAIN = [["source", "target", "type"], ["a", "b", "advice"], ["b", "c", "advice"], ["c", "d", "advice"]]


def _legend(data: dict) -> list[tuple]:
    return [(g["name"], g["count"], g.get("no_value", False)) for g in data["legend"]["groups"]]


def test_voices_view_groups_people_exactly_as_the_pass_does(csv_input: Callable[..., Path]) -> None:
    """A group named "(none)" and blank cells are two legend entries (the blank one keyed by
    no_value), and "s;t" is two groups, s and t, each with all six people, as the pass counts."""
    data = map_data(load(csv_input(participants=GROUP_NONE, relationships=CHAIN)), view="voices")
    assert _legend(data) == [("(none)", 3, False), ("(none)", 3, True)]
    assert [node["group"] for node in data["nodes"]] == [None, "(none)", None, "(none)", None, "(none)"]
    assert [node["color"] for node in data["nodes"][:2]] == [NO_VALUE_COLOUR, NODE_PALETTE[0]]
    people = [["id", "stakeholder_group"]] + [[pid, "s;t"] for pid in "abcdef"]
    data = map_data(load(csv_input(participants=people, relationships=CHAIN)), view="voices")
    assert _legend(data) == [("s", 6, False), ("t", 6, False)]
    assert {node["group"] for node in data["nodes"]} == {"s"} and all(node["multi"] for node in data["nodes"])
    assert data["legend"]["multi_attribute"] == "stakeholder_group" and data["legend"]["multi_membership"] == 6


def test_boundaries_view_names_groups_as_the_pass_does(csv_input: Callable[..., Path]) -> None:
    from landscape.io import sample_path
    from landscape.passes import boundaries

    def check(data: dict, result) -> None:
        named = [g for g in data["legend"]["groups"] if not g.get("no_value")]
        assert [g["name"] for g in named] == [r["name"] for r in data["regions"]] == list(result.groups)
        assert [g["count"] for g in named] == [result.sizes[g] for g in result.groups]
        colours = {g["name"]: g["color"] for g in named}
        assert all(region["color"] == colours[region["name"]] != NO_VALUE_COLOUR for region in data["regions"])

    # "X;Y" is two organisations; a sits in X (listed first) and shares Y with b: a -> b stays inside.
    people = [["id", "organisation"], ["a", "X;Y"], ["b", "Y"], ["c", "Z"]]
    land = load(csv_input(participants=people, relationships=[["source", "target"], ["a", "b"], ["b", "c"]]))
    data = map_data(land, view="boundaries", group="organisation")
    check(data, boundaries(land, group="organisation"))
    assert _legend(data) == [("X", 1, False), ("Y", 2, False), ("Z", 1, False)]
    assert [edge["crossing"] for edge in data["edges"]] == [False, True]
    assert data["nodes"][0]["multi"] and data["legend"]["multi_attribute"] == "organisation"
    # Numbers: 27.0 in the spreadsheet is the group "27" in the pass, the legend and the regions alike.
    krackhardt = load(sample_path("krackhardt-hightech"))
    result = boundaries(krackhardt, group="tenure_years")
    assert "27" in result.groups and "27.0" not in result.groups
    check(map_data(krackhardt, view="boundaries", group="tenure_years"), result)
    # A group called "(none)", beside people with no community.
    land = load(csv_input(participants=GROUP_NONE, relationships=CHAIN))
    data = map_data(land, view="boundaries")
    check(data, boundaries(land))
    assert _legend(data) == [("(none)", 3, False), ("(none)", 3, True)]
    # C2 is only ever a second membership: its region is empty, but coloured as in the legend, and said so.
    people = [["id", "community"], ["a", "C1;C2"], ["b", "C1"], ["c", "C3"]]
    land = load(csv_input(participants=people, relationships=[["source", "target"], ["a", "c"]]))
    data = map_data(land, view="boundaries")
    check(data, boundaries(land))
    assert "C2: everyone in it lists another community first, and sits in that region" in data["legend"]["notes"]


def test_views_draw_the_ties_their_pass_measured() -> None:
    """--relation advice on Krackhardt: friendship is not drawn in any view; the Power view keeps
    the reporting lines as formal structure, dashed, and says so."""
    from landscape.io import sample_path

    land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    for view in ("voices", "boundaries", "scale", "power"):
        data = map_data(land, view=view, relations=["advice"])
        drawn = {edge["type"] for edge in data["edges"] if edge.get("kind") != "object-link"}
        listed = [entry["type"] for entry in data["legend"]["edge_types"]]
        expected = ["advice", "reports_to"] if view == "power" else ["advice"]
        assert sorted(drawn) == listed == expected, view
        assert data["legend"]["edge_note"].startswith("Drawn: the ties the pass measured (advice); friendship"), view
    assert "reports_to: drawn dashed as formal structure, not measured as learning ties." in \
        map_data(land, view="power", relations=["advice"])["legend"]["edge_note"]
    boundaries_view = map_data(land, view="boundaries", relations=["advice"], group="department")
    assert sum(edge["count"] for edge in boundaries_view["edges"]) == 190  # the advice ties of MEASURES §11.1
    assert "edge_note" not in map_data(land)["legend"]  # the network view draws every tie


@pytest.mark.parametrize("view", ["network", "voices", "power", "boundaries", "scale", "leadership", "value"])
def test_every_view_of_one_participant(csv_input: Callable[..., Path], view: str) -> None:
    import json

    people = [["id", "name", "community", "stakeholder_group", "level"], ["a", "Ann", "C1", "g1", 1]]
    data = map_data(load(csv_input(participants=people, relationships=[["source", "target"]])), view=view)
    assert [node["pid"] for node in data["nodes"]] == ["a"]
    json.dumps(data, allow_nan=False)


def test_large_maps_get_positions_then_start_folded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above POSITIONS_ABOVE people the network view is placed in Python and drawn still; above
    FOLD_ABOVE it starts with the Scale view's units and says so (thresholds lowered for the test)."""
    from landscape.render.views import scale as scale_views

    land = load(sample_path("clinical-simulation"))
    assert "x" not in map_data(land)["nodes"][0]  # 76 people: vis-network lays them out itself
    monkeypatch.setattr(scale_views, "POSITIONS_ABOVE", 50)
    placed = map_data(land)
    assert placed["layout"] == {"type": "positions"} and placed["meta"]["view"] == "network"
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in placed["nodes"])
    assert len({(node["x"], node["y"]) for node in placed["nodes"]}) == 76
    monkeypatch.setattr(scale_views, "FOLD_ABOVE", 70)
    folded = map_data(land)
    assert folded["meta"]["view"] == "units" and folded["units"] == {
        "levels": ["community", "organisation", "wider unit"], "start": "wider unit"}  # the Communities sheet's nesting
    assert folded["meta"]["folded"].startswith("76 participants are more than a browser draws at once (over 70)")
    assert folded["legend"]["notes"][0] == folded["meta"]["folded"]
    # No person is drawn: one node per unit of each level, sized by members, as the Scale pass counts them.
    result = scale(land)
    for level in result.levels:
        units = [node for node in folded["nodes"] if node["unit_level"] == level.name]
        aggregate = result.aggregates[level.name]
        assert [(node["group"], node["size"]) for node in units] == [(u["id"], u["members"]) for u in aggregate["nodes"]]
        assert all(node["hidden"] is (level.name != "wider unit") for node in units)
        ties = sorted((folded["nodes"][e["from"]]["group"], folded["nodes"][e["to"]]["group"], e["weight"])
                      for e in folded["edges"] if e["unit_level"] == level.name)
        assert ties == sorted((e["source"], e["target"], e["ties"]) for e in aggregate["edges"])
    assert "community: 16 participants belong to no community and are not drawn at this level." in \
        folded["legend"]["notes"]
    assert map_data(land, unfold=True)["meta"]["view"] == "network"


def test_views_share_the_drawn_ties_but_change_only_their_copies() -> None:
    """Within drawing_once (an atlas draws five views) the people and ties are worked out once:
    one view marking its copy must not show in another. Outside it every map is drawn afresh,
    so a script that adds to the graph gets it drawn."""
    from landscape.render.views import base as mapdata

    land = load(sample_path("clinical-simulation"))
    with mapdata.drawing_once(land):
        first = map_data(land)
        shared = mapdata._DRAWN[land]
        first["nodes"][0]["details"].append(["changed", "yes"])
        first["edges"][0]["weight"] = 999
        again = map_data(land)
        assert shared is not None and mapdata._DRAWN[land] is shared  # worked out once
        assert ["changed", "yes"] not in again["nodes"][0]["details"] and again["edges"][0]["weight"] != 999
        assert map_data(land, view="boundaries")["edges"] != again["edges"]  # crossing marks, on its own copy
        assert "crossing" not in map_data(land)["edges"][0]
    assert land not in mapdata._DRAWN
    people = list(land.graph.nodes)
    stranger = next(other for other in reversed(people) if not land.graph.has_edge(people[0], other)
                    and not land.graph.has_edge(other, people[0]))
    land.graph.add_edge(people[0], stranger, type="advice", direction="directed")
    assert map_data(land)["meta"]["relationships"] == first["meta"]["relationships"] + 1
    assert sum(edge["count"] for edge in map_data(land)["edges"]) == first["meta"]["relationships"] + 1


def test_beyond_nine_groups_the_smallest_share_the_grey_of_other(tmp_path: Path) -> None:
    """Eleven teams: the nine largest keep palette colours, the two smallest are drawn grey and
    marked ``other`` in the legend (the atlas's key lists them on request)."""
    from tests.conftest import write_csv_folder

    sizes = [12, 11, 10, 9, 8, 7, 6, 5, 4, 2, 1]
    people = [["id", "name", "community"]]
    for team, size in enumerate(sizes):
        people += [[f"t{team}p{i}", f"T{team} P{i}", f"team {team:02d}"] for i in range(size)]
    ties = [["source", "target", "type"]] + [[people[i][0], people[i + 1][0], "advice"] for i in range(1, len(people) - 1)]
    data = map_data(load(write_csv_folder(tmp_path, participants=people, relationships=ties)))
    legend = {entry["name"]: entry for entry in data["legend"]["groups"]}
    assert [legend[f"team {t:02d}"]["color"] for t in range(9)] == list(NODE_PALETTE)
    assert legend["team 09"] == {"name": "team 09", "color": OTHER_COLOUR, "count": 2, "other": True}
    assert legend["team 10"]["color"] == OTHER_COLOUR and legend["team 10"]["other"] is True
    assert len(set(NODE_PALETTE)) == 9 and OTHER_COLOUR not in NODE_PALETTE


def test_a_relationship_type_keeps_its_colour_and_line_in_every_landscape() -> None:
    """advice is the same blue whatever else the landscape holds; an unknown type's colour comes
    from its name, moved on only when another type of the same landscape has it already."""
    from landscape.render.views.base import edge_styles

    alone = edge_styles(["advice"], {})
    crowded = edge_styles(["advice", "asks_advice", "friendship", "zebra", "reports_to"],
                          {"friendship": "other", "reports_to": "formal"})
    assert alone["advice"] == crowded["advice"] == (TYPE_COLOURS["advice"], False)
    assert crowded["asks_advice"][0] != crowded["advice"][0]  # same family, told apart in one map
    assert crowded["friendship"] == (TYPE_COLOURS["friendship"], [8, 3, 2, 3])
    assert crowded["reports_to"] == (TYPE_COLOURS["reports_to"], [10, 6])
    assert edge_styles(["zebra"], {})["zebra"] == edge_styles(["zebra", "advice"], {})["zebra"]
    assert len({colour for colour, _ in crowded.values()}) == 5


@pytest.mark.parametrize("sample", ["clinical-simulation", "peer-circle"])
def test_every_finding_shown_reads_its_headline_first_and_keeps_its_evidence(sample: str) -> None:
    """Every view of the atlas and the change map: each finding has a plain headline (no statistic's
    name), its question, and the evidence (the statement with its numbers, then how) as ``detail``;
    ``statement`` stays for what reads it."""
    from landscape.analysis import waves_of
    from landscape.io import sample_path
    from landscape.render.atlas import atlas_data, run_passes
    from landscape.render.views import change_map_data
    from tests.test_findings import JARGON

    land = load(sample_path(sample))
    shown = [f for view in atlas_data(land, run_passes(land))["views"].values() for f in view["findings"]]
    if len(land.waves) >= 2:
        from landscape.passes.continuity import compare

        waves = waves_of(land, *land.waves[-2:])
        changes = change_map_data(waves.before, waves.after, compare(waves.before, waves.after, labels=waves.labels),
                                  series=waves.series())
        assert changes["findings"]
        shown += changes["findings"]
    assert shown
    for finding in shown:
        assert {"headline", "question", "detail", "statement", "focus"} <= set(finding)
        assert finding["headline"] and finding["question"] and not JARGON.search(finding["headline"]), finding
        assert finding["detail"].startswith(finding["statement"])

"""The Scale pass: MEASURES §6 and the nested fixture of §11.4, karate, and invariants."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape import UnknownAttribute, load, sample_path
from landscape.passes import boundaries, scale
from landscape.passes.scale import ACROSS
from landscape.findings import findings_for
from tests.conftest import load_in_two_orders, write_csv_folder

# MEASURES §11.4: units (sector, organisation, community) and nine undirected ties.
NESTED_PEOPLE = [
    ["id", "community", "organisation", "sector"],
    ["a1", "C1", "O1", "S1"], ["a2", "C1", "O1", "S1"], ["a3", "C2", "O1", "S1"],
    ["b1", "C3", "O2", "S1"], ["b2", "C3", "O2", "S1"],
    ["c1", "C4", "O3", "S2"], ["c2", "C4", "O3", "S2"], ["c3", "C4", "O3", "S2"],
]
NESTED_TIES = [["source", "target", "direction"]] + [
    [u, v, "undirected"] for u, v in (("a1", "a2"), ("a1", "a3"), ("a2", "b1"), ("b1", "b2"), ("b2", "c1"), ("c1", "c2"),
                                      ("c2", "c3"), ("c1", "c3"), ("a3", "b2"))]


@pytest.fixture
def nested(csv_input):
    return load(csv_input(participants=NESTED_PEOPLE, relationships=NESTED_TIES))


def test_nested_fixture_tie_levels_and_ei(nested) -> None:
    result = scale(nested, levels=["community", "organisation", "sector"])
    # MEASURES §6.2: within-community 5, cross-community 1, cross-organisation 2, cross-sector 1.
    assert result.tie_levels == {"community": 5, "organisation": 1, "sector": 2, ACROSS: 1}
    assert sum(result.tie_levels.values()) == result.ties_counted == 9
    expected = {"community": (-0.1111, 0.6429), "organisation": (-0.3333, 0.5), "sector": (-0.7778, 0.0714)}
    for level, (ei, null) in expected.items():
        assert (round(result.ei[level].ei, 4), round(result.ei[level].expected, 4)) == (ei, null), level


def test_nested_fixture_aggregate_at_organisation_level(nested) -> None:
    """MEASURES §6.3: O1 (3 people, 2 internal ties, density 0.667), O2 (2, 1, 1.0), O3 (3, 3, 1.0);
    O1-O2 2 ties (density 0.333), O2-O3 1 (0.167), O1-O3 none."""
    aggregate = scale(nested, levels=["organisation"]).aggregates["organisation"]
    nodes = {node["id"]: (node["members"], node["internal_ties"], round(node["internal_density"], 3))
             for node in aggregate["nodes"]}
    assert nodes == {"O1": (3, 2, 0.667), "O2": (2, 1, 1.0), "O3": (3, 3, 1.0)}
    edges = {(e["source"], e["target"]): (e["ties"], round(e["density"], 3)) for e in aggregate["edges"]}
    assert edges == {("O1", "O2"): (2, 0.333), ("O2", "O3"): (1, 0.167)}


def test_nested_fixture_matches_networkx_quotient_graph(nested) -> None:
    graph = nx.Graph((row[0], row[1]) for row in NESTED_TIES[1:])
    blocks = [{"a1", "a2", "a3"}, {"b1", "b2"}, {"c1", "c2", "c3"}]
    quotient = nx.quotient_graph(graph, blocks, relabel=True, weight=None)
    aggregate = scale(nested, levels=["organisation"]).aggregates["organisation"]
    assert sorted(data["nedges"] for _, data in quotient.nodes(data=True)) == sorted(
        node["internal_ties"] for node in aggregate["nodes"])
    assert sorted(data["weight"] for _, _, data in quotient.edges(data=True)) == sorted(
        edge["ties"] for edge in aggregate["edges"])


def _karate(folder: Path) -> Path:
    graph = nx.karate_club_graph()
    people = [["id", "community"]] + [[str(node), data["club"]] for node, data in graph.nodes(data=True)]
    ties = [["source", "target", "direction"]] + [[str(u), str(v), "undirected"] for u, v in graph.edges]
    return write_csv_folder(folder, participants=people, relationships=ties)


def test_karate_modularity_declared_and_detected(tmp_path: Path) -> None:
    """MEASURES §6.1 and §6.4: club split Q = 0.3582; igraph multilevel reaches the optimum 0.4198
    with 4 communities at resolution 1, and 2 communities (Q 0.3718) at 0.5."""
    result = scale(load(_karate(tmp_path / "karate")), resolutions=(0.5, 1.0, 2.0))
    assert result.declared["community"]["modularity"] == pytest.approx(0.3582, abs=1e-4)
    one = result.detection(1.0)
    assert (one.communities, round(one.modularity, 4)) == (4, 0.4198)
    half = result.detection(0.5)
    assert (half.communities, round(half.modularity, 4)) == (2, 0.3718)
    assert 6 <= result.detection(2.0).communities <= 8
    # The detected partition's modularity is the same whoever computes it.
    members = {}
    for node, community in zip(result.nodes, one.membership):
        members.setdefault(community, set()).add(int(node))
    graph = nx.karate_club_graph()
    assert nx.community.modularity(graph, members.values(), weight=None) == pytest.approx(one.modularity, abs=1e-12)


def test_detection_is_repeatable_and_seeded(tmp_path: Path) -> None:
    land = load(_karate(tmp_path / "karate"))
    first = scale(land, resolutions=(1.0,), seed=3, runs=5).detection(1.0)
    again = scale(land, resolutions=(1.0,), seed=3, runs=5).detection(1.0)
    assert first.membership == again.membership and first.seeds == (3, 4, 5, 6, 7)
    state = random.getstate()
    scale(land, resolutions=(1.0,), runs=3)
    assert random.getstate() == state  # the runs use their own generator, not the global one
    assert first.mean_ari is not None and 0 <= first.mean_ari <= 1
    assert all(0 <= value <= 1 for value in first.node_stability)


def test_default_levels_on_the_sample() -> None:
    result = scale(load(sample_path("clinical-simulation")))
    # community, then the nesting and organisation by number of units (organisation 5, the first
    # step of the nesting 2); the second step groups people exactly as the first, so it is left out.
    # The first step is a "wider unit": its header says only "parent", and of its two units only the
    # partnership has a row of its own (scale: region), the hospital none, so it is not a "region".
    assert [level.name for level in result.levels] == ["community", "organisation", "wider unit"]
    assert result.tie_levels == {"community": 162, "organisation": 112, "wider unit": 7, ACROSS: 15}
    wider = {unit["id"] for unit in result.aggregates["wider unit"]["nodes"]}
    assert wider == {"Harbourside Simulation Partnership", "St Columba's Teaching Hospital"}
    # Units count every member, as Boundaries counts the same groups.
    sizes = boundaries(load(sample_path("clinical-simulation")), group="community").sizes
    assert {unit["id"]: unit["members"] for unit in result.aggregates["community"]["nodes"]} == sizes
    # samples/README.md: the managers, leaders and regional staff of every organisation form one cluster.
    [spanning] = [item for item in result.spanning if item["level"] == "organisation"]
    assert len(spanning["units"]) >= 4
    land = load(sample_path("clinical-simulation"))
    groups = [land.graph.nodes[pid]["stakeholder_group"] for pid in spanning["people"]]
    assert {g: groups.count(g) for g in ("hospital managers", "regional network staff", "university leaders")} == {
        "hospital managers": 5, "regional network staff": 3, "university leaders": 2}


def test_levels_named_by_the_user(nested) -> None:
    assert [level.name for level in scale(nested, levels=["Sector"]).levels] == ["sector"]
    sample = load(sample_path("clinical-simulation"))
    for name in ("parent", "wider unit", "Wider Unit", "wider_unit"):  # the alias, the name, its header forms
        [level] = scale(sample, levels=[name], resolutions=(1.0,), runs=1).levels
        assert level.name == "wider unit" and level.source.startswith("the Communities sheet, 1 step up")
    [level] = scale(sample, levels=["grandparent"], resolutions=(1.0,), runs=1).levels
    assert level.name == "wider unit (2 steps up)"
    with pytest.raises(ValueError, match="the level 'wider unit' is named more than once"):
        scale(sample, levels=["parent", "wider unit"])
    with pytest.raises(UnknownAttribute, match="no participant has an attribute 'department'"):
        scale(nested, levels=["department"])
    with pytest.raises(UnknownAttribute, match="needs a community column and a Communities sheet"):
        scale(load(sample_path("krackhardt-hightech")), levels=["parent"])


def test_no_levels(csv_input) -> None:
    result = scale(load(csv_input(participants=[["id"], ["a"], ["b"]], relationships=[["source", "target"], ["a", "b"]])))
    assert result.levels == () and findings_for("scale", result)[0].kind == "no-levels"
    assert result.detection(1.0).communities == 1


@st.composite
def _landscapes(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    n = draw(st.integers(3, 10))
    ids = [f"P{i}" for i in range(n)]
    people = [["id", "community", "organisation"]] + [
        [pid, draw(st.sampled_from(["A", "B", "C", "A;B"])), draw(st.sampled_from(["X", "Y"]))] for pid in ids]
    ties = [["source", "target", "direction"]]
    for _ in range(draw(st.integers(0, 20))):
        ties.append([draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(st.sampled_from(["", "undirected"]))])
    return people, ties


def _aggregate_by_hand(people: list[list[str]], ties: list[list[str]], column: int) -> tuple[dict, Counter, dict]:
    """The aggregate's counts written out plainly: every person counts in each of their units; a
    tie is inside each unit both ends share, and between u != v once per (unit of one end, unit of
    the other end) pair that is {u, v}."""
    units = {row[0]: row[column].split(";") for row in people[1:]}
    members = dict(Counter(unit for held in units.values() for unit in held))
    within: Counter = Counter()
    between: Counter = Counter()
    for a, b in {tuple(sorted((row[0], row[1]))) for row in ties[1:] if row[0] != row[1]}:
        for u in units[a]:
            for v in units[b]:
                if u == v:
                    within[u] += 1
                else:
                    between[tuple(sorted((u, v)))] += 1
    return members, within, dict(between)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_landscapes(), st.randoms(use_true_random=False))
def test_every_tie_is_counted_at_exactly_one_level(tables, rnd: random.Random) -> None:
    people, ties = tables
    first, second = (scale(land, levels=["community", "organisation"], resolutions=(1.0,), runs=2)
                     for land in load_in_two_orders(rnd, participants=people, relationships=ties))
    assert sum(first.tie_levels.values()) == first.ties_counted
    for column, (name, aggregate) in enumerate(first.aggregates.items(), start=1):
        members, within, between = _aggregate_by_hand(people, ties, column)
        assert {node["id"]: node["members"] for node in aggregate["nodes"]} == members, name
        assert {node["id"]: node["internal_ties"] for node in aggregate["nodes"]} == {u: within[u] for u in members}
        assert {(e["source"], e["target"]): e["ties"] for e in aggregate["edges"]} == between, name
    assert first.tie_levels == second.tie_levels
    assert first.aggregates == second.aggregates
    assert {k: round(v.ei, 12) if v.ei is not None else None for k, v in first.ei.items()} == \
        {k: round(v.ei, 12) if v.ei is not None else None for k, v in second.ei.items()}


def test_one_detected_community_is_stable_and_said_in_words(csv_input) -> None:
    """Every seed finds the same single community: adjusted Rand's 0/0 case is agreement (1), as in
    scikit-learn, not NaN (which once reached the JSON and the sentence as "nan")."""
    import json

    from landscape.passes.scale import adjusted_rand

    land = load(csv_input(participants=[["id", "community"], ["A", "X"], ["B", "X"], ["C", "Y"]],
                          relationships=[["source", "target"], ["A", "B"], ["B", "C"]]))
    result = scale(land)
    detection = next(d for d in result.detected if d.resolution == 1.0)
    assert detection.communities == 1 and detection.mean_ari == 1.0
    assert detection.ari["community"] == 0.0  # one community against two units: no agreement beyond chance
    json.dumps(result.to_dict(), allow_nan=False)
    statement = next(f.statement for f in findings_for("scale", result) if f.kind == "detected")
    assert statement.startswith("The ties form a single cluster") and "nan" not in statement
    assert adjusted_rand([0, 1, 2], [5, 6, 7]) == 1.0 and adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)  # by hand: (0 - 2/3) / (2 - 2/3)


def test_no_ties_leave_modularity_undefined_and_say_so(csv_input) -> None:
    """Without ties, modularity is 0/0: None in the result and null in the JSON (it was NaN, which
    made `analyse --format json` fail), and a finding says it is not defined."""
    import json

    land = load(csv_input(participants=[["id", "community"], ["a", "C1"], ["b", "C2"]],
                          relationships=[["source", "target"]]))
    result = scale(land)
    assert [(d.modularity, d.objective) for d in result.detected] == [(None, None)] * 3
    assert result.declared["community"]["modularity"] is None
    json.dumps(result.to_dict(), allow_nan=False)
    [finding] = [f for f in findings_for("scale", result) if f.kind == "no-ties"]
    assert finding.statement == ("No two people are tied by any relationship: where ties sit, the E-I index, modularity "
                                 "and the clusters the ties form are not defined (there are no ties).")
    assert not any(f.kind == "detected" for f in findings_for("scale", result))


def test_one_participant(csv_input) -> None:
    """igraph refuses the Rand index of one vertex; with one person the partitions cannot differ (1)."""
    import json

    from landscape.passes.scale import adjusted_rand, normalised_mutual_information

    land = load(csv_input(participants=[["id", "community"], ["a", "C1"]], relationships=[["source", "target"]]))
    result = scale(land)
    detection = result.detection(1.0)
    assert (detection.membership, detection.communities, detection.modularity) == ((0,), 1, None)
    assert (detection.mean_ari, detection.ari, detection.nmi) == (1.0, {"community": 1.0}, {"community": 1.0})
    json.dumps(result.to_dict(), allow_nan=False)
    assert adjusted_rand([], []) == adjusted_rand([0], [4]) == normalised_mutual_information([0], [4]) == 1.0


@pytest.mark.parametrize("resolution", [0, -1, float("nan"), float("inf"), float("-inf")])
def test_resolutions_must_be_finite_and_above_zero(nested, resolution: float) -> None:
    with pytest.raises(ValueError, match="each resolution must be a finite number above 0"):
        scale(nested, resolutions=(1.0, resolution))


def test_levels_given_must_be_distinct_and_not_empty(nested) -> None:
    with pytest.raises(ValueError, match="the level 'community' is named more than once"):
        scale(nested, levels=["community", "Community"])
    with pytest.raises(ValueError, match="levels must name at least one level"):
        scale(nested, levels=[])


def test_findings_report_the_resolution_that_was_run(csv_input) -> None:
    """Two cliques of four (a1-a4, b1-b4) joined by one tie a4-b1: m = 13, each clique 6 ties
    inside and degrees summing to 13. Split into the two cliques, Q(1) = 2 (6/13 - (13/26)^2) =
    11/26 and Q(2) = 2 (6/13 - 2 (1/2)^2) = -1/13; run only at resolution 2, the findings say 2
    (they said resolution 1, and the "detected" finding was missing)."""
    people = [["id", "community"], ["a1", "X"], ["a2", "X"], ["a3", "Y"], ["a4", "Y"],
              ["b1", "Z"], ["b2", "Z"], ["b3", "Z"], ["b4", "Z"]]
    ties = [["source", "target", "direction"]]
    for clique in (["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]):
        ties += [[u, v, "undirected"] for i, u in enumerate(clique) for v in clique[i + 1:]]
    ties.append(["a4", "b1", "undirected"])
    result = scale(load(csv_input(participants=people, relationships=ties)), resolutions=(2.0,))
    assert result.reported is result.detection(2.0)
    detection = result.detection(2.0)
    assert detection.communities == 2
    assert detection.modularity == pytest.approx(11 / 26) and detection.objective == pytest.approx(-1 / 13)
    [detected] = [f for f in findings_for("scale", result) if f.kind == "detected"]
    assert detected.statement.startswith("The ties form 2 clusters: groups of people tied more to each other than "
                                         "to the rest; of the declared levels, community comes closest to them. "
                                         "(Louvain, resolution 2, modularity 0.42, objective -0.08 at that "
                                         "resolution;")
    # The clique a1-a4 draws on two declared communities, X (2) and Y (2).
    [spanning] = [f for f in findings_for("scale", result) if f.kind == "spanning-community"]
    assert spanning.statement == ("A cluster of 4 people formed by the ties spans 2 units of the community level: "
                                  "X (2), Y (2). No single unit holds them all.")
    assert spanning.how.startswith("Detected at resolution 2;")
    # With 1 among the resolutions, it is the one reported, whatever the order.
    both = scale(load(csv_input(participants=people, relationships=ties)), resolutions=(2.0, 1.0))
    assert both.reported.resolution == 1.0


def test_a_single_tie_is_one_tie(csv_input) -> None:
    land = load(csv_input(participants=[["id", "community"], ["a", "C1"], ["b", "C2"]],
                          relationships=[["source", "target"], ["a", "b"]]))
    [finding] = [f for f in findings_for("scale", scale(land)) if f.kind == "tie-levels"]
    assert finding.statement == "Of 1 tie: 0 within the same community, 1 across all levels."


# Five people, c in two communities (A and B); organisations X = a, b, c and Y = d, e.
OVERLAP_PEOPLE = [["id", "community", "organisation"], ["a", "A", "X"], ["b", "A", "X"], ["c", "A;B", "X"],
                  ["d", "B", "Y"], ["e", "B", "Y"]]
OVERLAP_TIES = [["source", "target", "direction"]] + [
    [u, v, "undirected"] for u, v in (("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("a", "e"))]


@pytest.fixture
def overlap(csv_input):
    return load(csv_input(participants=OVERLAP_PEOPLE, relationships=OVERLAP_TIES))


def test_a_person_in_two_units_counts_in_each(overlap) -> None:
    """By hand. A = {a, b, c}, B = {c, d, e}: 3 members each (c counted in both; counting people
    by their first unit gave B 2). Inside A: a-b, b-c (2 of 3 pairs, 0.667); inside B: c-d, d-e
    (2 of 3). Between A and B, each tie once per (unit of one end, unit of the other end) pair
    {A, B}: b-c (b in A, c in B), c-d (c in A, d in B) and a-e: 3; the ordered pairs of two
    different people (one of A, one of B) are 3 x 3 - 1 (c with c) = 8, density 3/8.
    Organisations: X = {a, b, c} with a-b, b-c inside; Y = {d, e} with d-e; X-Y: c-d, a-e, 2 of
    3 x 2 pairs. Where ties sit: a-b, b-c, c-d, d-e share a community; a-e shares nothing."""
    result = scale(overlap, levels=["community", "organisation"], resolutions=(1.0,), runs=1)
    community = result.aggregates["community"]
    assert [(n["id"], n["members"], n["internal_ties"], round(n["internal_density"], 3)) for n in community["nodes"]] \
        == [("A", 3, 2, 0.667), ("B", 3, 2, 0.667)]
    assert community["edges"] == [{"source": "A", "target": "B", "ties": 3, "density": 3 / 8}]
    organisation = result.aggregates["organisation"]
    assert [(n["id"], n["members"], n["internal_ties"]) for n in organisation["nodes"]] == [("X", 3, 2), ("Y", 2, 1)]
    assert organisation["edges"] == [{"source": "X", "target": "Y", "ties": 2, "density": 2 / 6}]
    assert result.tie_levels == {"community": 4, "organisation": 0, ACROSS: 1}


def test_aggregate_counts_are_boundaries_mixing_counts(overlap, csv_input) -> None:
    """Boundaries' mixing matrix (M^T A M, undirected) is an independent count of the same ties:
    e_AB and the block densities agree with Scale's, also when two people are both in A and B
    (their tie counts twice between A and B: 2 of the 2 x 2 - 2 ordered pairs, density 1)."""
    for land in (overlap, load(csv_input(participants=[["id", "community"], ["p", "A;B"], ["q", "A;B"]],
                                         relationships=[["source", "target", "direction"], ["p", "q", "undirected"]]))):
        aggregate = scale(land, levels=["community"], resolutions=(1.0,), runs=1).aggregates["community"]
        mixing = boundaries(land, group="community")
        for edge in aggregate["edges"]:
            u, v = edge["source"], edge["target"]
            assert edge["ties"] == mixing.counts[u][v] and edge["density"] == pytest.approx(mixing.density[u][v])
        for node in aggregate["nodes"]:
            assert node["members"] == mixing.sizes[node["id"]]
            assert node["internal_ties"] == mixing.counts[node["id"]][node["id"]]
    assert aggregate["edges"] == [{"source": "A", "target": "B", "ties": 2, "density": 1.0}]


def test_scale_view_lists_every_unit_and_those_drawn_elsewhere(overlap) -> None:
    """c is drawn in A, the first community listed for them, and counted in A and B: B says one
    of its three members is drawn elsewhere."""
    from landscape.render.mapdata import map_data

    data = map_data(overlap, view="scale", levels=["organisation", "community"])
    assert data["scale"]["start"] == "community"
    assert [(u["id"], u["members"], u["also_elsewhere"]) for u in data["scale"]["units"]["community"]] == [
        ("A", 3, 0), ("B", 3, 1)]
    assert [(u["id"], u["also_elsewhere"]) for u in data["scale"]["units"]["organisation"]] == [("X", 0), ("Y", 0)]
    c = next(node for node in data["nodes"] if node["pid"] == "c")
    assert c["units"] == {"organisation": ["X"], "community": ["A", "B"]} and c["group"] == "A"
    assert ["units", "organisation: X; community: A, B"] in c["details"]
    assert [(g["name"], g["count"]) for g in data["legend"]["groups"]] == [("A", 3), ("B", 3)]
    assert data["legend"]["notes"] == ["1 person belongs to more than one community: each is drawn once, in the first "
                                       "unit listed for them, and counted in every unit they belong to."]
    assert "a unit may count more people than it shows" in data["legend"]["edge_note"]


NAMING_PEOPLE = [["id", "community"], ["a", "C1"], ["b", "C2"], ["c", "C3"], ["d", "C3"]]
NAMING_TIES = [["source", "target"], ["a", "b"], ["b", "c"], ["c", "d"]]


@pytest.mark.parametrize("header, rows, names", [
    # Every unit of the first step (North, South) has a row, and both act at the scale of a region;
    # the second step (Country) has a row of its own too.
    ("parent", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "Country", "region"],
                ["South", "Country", "region"], ["Country", "", "nation"]], ["region", "nation"]),
    # South has no row: nothing says it is a region.
    ("parent", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "Country", "region"]],
     ["wider unit", "wider unit (2 steps up)"]),
    # The two units act at different scales.
    ("parent", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "Country", "region"],
                ["South", "Country", "nation"]], ["wider unit", "wider unit (2 steps up)"]),
    # The header names a kind of unit; "Part of" and "belongs_to" do not.
    ("Network", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "Country", ""]],
     ["network", "network (2 steps up)"]),
    ("Part of", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "Country", ""]],
     ["wider unit", "wider unit (2 steps up)"]),
    ("belongs_to", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "Country", ""]],
     ["wider unit", "wider unit (2 steps up)"]),
    # A scale that a participant column already names (community) is passed over.
    ("Network", [["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""], ["North", "", "community"],
                 ["South", "", "community"]], ["network", "network (2 steps up)"]),
])
def test_nesting_levels_are_named_from_the_data(csv_input, header: str, rows: list, names: list) -> None:
    communities = [["community", header, "scale"], *rows]
    land = load(csv_input(participants=NAMING_PEOPLE, relationships=NAMING_TIES, communities=communities))
    steps = [scale(land, levels=[alias], resolutions=(1.0,), runs=1).levels[0] for alias in ("parent", "grandparent")]
    assert [step.name for step in steps] == names
    assert [scale(land, levels=[name], resolutions=(1.0,), runs=1).levels[0].units for name in names] == \
        [step.units for step in steps]  # the name given calls the same step as its alias


def test_a_nesting_name_is_the_same_whatever_the_row_order(csv_input) -> None:
    communities = [["community", "parent", "scale"], ["C1", "North", ""], ["C2", "North", ""], ["C3", "South", ""],
                   ["North", "", "Region"], ["South", "", "region"]]
    names = set()
    for rows in (communities[1:], communities[:0:-1]):
        land = load(csv_input(participants=NAMING_PEOPLE, relationships=NAMING_TIES,
                              communities=[communities[0], *rows]))
        names.add(scale(land, levels=["parent"], resolutions=(1.0,), runs=1).levels[0].name)
    assert names == {"Region"}  # one spelling each: the first in sorting order


# The array versions of loops, against the loops they replaced (written plainly here), on random
# ties and levels: people in zero to three units of each level.

def _random_levels(seed: int):
    from landscape.passes.ei import tied_pairs
    from landscape.passes.scale import Level
    from landscape.passes.ties import TieSelection

    rng = random.Random(seed)
    n = rng.randint(1, 40)
    ids = rng.sample([f"{prefix}{i}" for prefix in ("p", "P", "q") for i in range(50)], n)
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(tuple(rng.sample(ids, 2)) for _ in range(rng.randint(0, 3 * n)) if n > 1)
    ties = TieSelection.from_graph(graph, ("advice",), graph.number_of_edges())
    levels = []
    for name, pool in (("team", ["t1", "T2", "t3", "t4", "Tx"]), ("site", ["North", "south"])):
        units = {node: tuple(rng.sample(pool, min(len(pool), rng.choice([0, 1, 1, 2, 3])))) for node in ids}
        levels.append(Level(name=name, source="participant attribute", units=units))
    return ties, levels, tied_pairs(ties)


@pytest.mark.parametrize("seed", range(40))
def test_tie_levels_and_aggregates_equal_their_loops(seed: int) -> None:
    from scipy.sparse import csr_array

    from landscape.passes.ei import membership_matrix
    from landscape.passes.scale import _aggregate, _tie_levels

    ties, levels, pairs = _random_levels(seed)
    nodes = ties.nodes
    expected = {level.name: 0 for level in levels}
    expected[ACROSS] = 0
    for a, b in pairs.tolist():
        for level in levels:
            if set(level.units[nodes[a]]) & set(level.units[nodes[b]]):
                expected[level.name] += 1
                break
        else:
            expected[ACROSS] += 1
    got = _tie_levels(pairs, [membership_matrix(ties, level.units)[0] for level in levels], levels)
    assert list(got.items()) == list(expected.items())
    for level in levels:
        membership, units = membership_matrix(ties, level.units)
        members = np.asarray(membership.sum(axis=0)).reshape(-1).astype(int)
        upper = csr_array((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(nodes), len(nodes)))
        block, shared = (membership.T @ upper @ membership).todok(), (membership.T @ membership).todok()
        within, between = Counter(), Counter()
        for (u, v), count in block.items():
            if u == v:
                within[u] += int(round(count))
            else:
                between[(u, v) if units[u] < units[v] else (v, u)] += int(round(count))
        order = sorted((i for i in range(len(units)) if members[i]), key=lambda i: (-members[i], units[i]))
        reference = {
            "nodes": [{"id": units[i], "members": int(members[i]), "internal_ties": within[i],
                       "internal_density": within[i] / (members[i] * (members[i] - 1) / 2) if members[i] > 1 else None}
                      for i in order],
            "edges": sorted(({"source": units[u], "target": units[v], "ties": count,
                              "density": count / (members[u] * members[v] - int(shared.get((u, v), 0)))}
                             for (u, v), count in between.items() if count), key=lambda e: (e["source"], e["target"])),
        }
        assert json.dumps(_aggregate(membership, units, pairs)) == json.dumps(reference, default=float)


@pytest.mark.parametrize("seed", range(30))
def test_canonical_graph_is_the_sorted_people_and_ties(seed: int) -> None:
    """Louvain's graph: people sorted by id (stable), ties as sorted (lower, higher) vertex pairs;
    and a level's modularity on it is the one on the ties in the landscape's order, to the bit."""
    import igraph

    from landscape.passes.scale import _canonical, _partition

    ties, levels, pairs = _random_levels(seed)
    nodes = ties.nodes
    order = sorted(range(len(nodes)), key=lambda position: str(nodes[position]))
    rank = [0] * len(nodes)
    for new, old in enumerate(order):
        rank[old] = new
    graph, got = _canonical(nodes, pairs)
    assert got.tolist() == rank
    assert graph.get_edgelist() == sorted((min(rank[a], rank[b]), max(rank[a], rank[b])) for a, b in pairs.tolist())
    if len(pairs):
        plain = igraph.Graph(n=len(nodes), edges=[tuple(pair) for pair in pairs.tolist()])
        for level in levels:
            labels = _partition(level, nodes)
            assert graph.modularity([labels[old] for old in order]).hex() == plain.modularity(labels).hex()

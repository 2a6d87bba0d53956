"""The Boundaries pass: against MEASURES §5 and §11 (sna, netseg, networkx, igraph), and by hand."""

from __future__ import annotations

import math
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape import load, map_data, sample_path
from landscape.passes import boundaries
from landscape.passes.ei import ei_index
from landscape.passes.brokerage import brokerage_roles, structural_holes
from landscape.passes.ties import learning_ties
from landscape.findings import findings_for, result_dict
from tests.conftest import DATA, load_in_two_orders, write_csv_folder

REFERENCE = DATA / "reference"


@pytest.fixture(scope="module")
def krackhardt():
    return load(sample_path("krackhardt-hightech"))


def _undirected(folder: Path, graph: nx.Graph, attribute: str | None = None) -> Path:
    header = ["id"] + ([attribute] if attribute else [])
    people = [header] + [[str(node)] + ([str(data[attribute])] if attribute else []) for node, data in graph.nodes(data=True)]
    ties = [["source", "target", "direction"]] + [[str(u), str(v), "undirected"] for u, v in graph.edges]
    return write_csv_folder(folder, participants=people, relationships=ties)


# E-I index and mixing (MEASURES §5.1, §5.2, §11.5).

def test_krackhardt_advice_ei_and_mixing(krackhardt) -> None:
    result = boundaries(krackhardt, group="department", relations=["advice"])
    e = result.ei_network
    assert (e.external, e.internal) == (144, 46)
    assert e.ei == pytest.approx(0.5157895, abs=1e-7)
    assert e.expected == pytest.approx(0.5523810, abs=1e-7)
    assert (e.minimum, e.maximum) == (pytest.approx(0.0105263, abs=1e-7), 1.0)
    assert e.sd == pytest.approx(0.0448, abs=1e-4) and e.z == pytest.approx(-0.82, abs=1e-2)
    arcs = [[0, 4, 1, 2, 1], [4, 9, 3, 4, 7], [6, 25, 25, 19, 21], [2, 4, 14, 4, 10], [1, 9, 1, 6, 8]]
    assert [[result.counts[g][h] for h in "01234"] for g in "01234"] == arcs
    assert result.density["2"]["3"] == pytest.approx(0.7917, abs=1e-4)
    expected_density = [[None, 0.8, 0.125, 0.667, 0.25], [0.8, 0.45, 0.075, 0.267, 0.35],
                        [0.75, 0.625, 0.446, 0.792, 0.656], [0.667, 0.267, 0.583, 0.667, 0.833],
                        [0.25, 0.45, 0.031, 0.5, 0.667]]
    got = [[None if result.density[g][h] is None else round(result.density[g][h], 3) for h in "01234"] for g in "01234"]
    assert got == expected_density  # sna::blockmodel; dept 0 (the CEO alone) has no within-density
    assert result.unbridged == ()


def test_krackhardt_friendship_ei(krackhardt) -> None:
    e = boundaries(krackhardt, group="department", relations=["friendship"]).ei_network
    assert e.ei == pytest.approx(0.2549020, abs=1e-7)
    assert e.minimum == pytest.approx(-0.843, abs=1e-3)
    assert e.sd == pytest.approx(0.0719, abs=1e-4) and e.z == pytest.approx(-4.14, abs=1e-2)


def test_netseg_classroom() -> None:
    land = load(REFERENCE / "netseg-classroom")
    # "play" is a type of this data set's own: measured on purpose, by name.
    e = boundaries(land, group="gender", relations=["play"]).ei_network
    assert (e.external, e.internal, e.ei) == (7, 81, pytest.approx(-0.8409091, abs=1e-7))
    assert e.expected == pytest.approx(0.0400, abs=1e-4)
    assert e.sd == pytest.approx(0.0991, abs=1e-4) and e.z == pytest.approx(-8.89, abs=1e-2)


def test_netseg_classroom_mutual_ties_only(tmp_path: Path) -> None:
    land = load(REFERENCE / "netseg-classroom")
    graph = learning_ties(land, ["play"]).graph
    mutual = nx.Graph([(u, v) for u, v in graph.edges if graph.has_edge(v, u)])
    mutual.add_nodes_from((node, {"gender": gender}) for node, gender in land.graph.nodes(data="gender"))
    e = boundaries(load(_undirected(tmp_path / "mutual", mutual, "gender")), group="gender").ei_network
    assert (e.external, e.internal, e.ei) == (1, 21, pytest.approx(-0.9090909, abs=1e-7))


def test_netseg_whitekinship() -> None:
    result = boundaries(load(REFERENCE / "netseg-whitekinship"), group="gender")
    assert result.mode == "undirected"
    e = result.ei_network
    assert (e.external, e.internal, e.ei) == (9, 13, pytest.approx(-0.1818182, abs=1e-7))


def test_karate_ei_null_and_brokerage(tmp_path: Path) -> None:
    land = load(_undirected(tmp_path / "karate", nx.karate_club_graph(), "club"))
    result = boundaries(land, group="club")
    e = result.ei_network
    assert (e.external, e.internal) == (11, 67)
    assert e.ei == pytest.approx(-0.7179487, abs=1e-7)
    assert e.expected == pytest.approx(0.0303030, abs=1e-7)
    assert e.sd == pytest.approx(0.1051073, abs=1e-7) and e.z == pytest.approx(-7.12, abs=1e-2)
    assert (e.minimum, e.maximum) == (-1.0, 1.0)
    # sna treats undirected ties as a symmetric digraph: every count doubled, representative = gatekeeper.
    totals = result.brokerage_totals
    assert [totals[r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")] == [
        510, 20, 128, 128, 0]
    people = result.brokerage_participants
    assert [people["0"][r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")] == [
        174, 0, 15, 15, 0]
    assert [people["33"][r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")] == [
        156, 6, 40, 40, 0]
    # 35 edges within Mr. Hi's club, 32 within the Officer's, 11 between (networkx counts them the same).
    assert (result.counts["Mr. Hi"]["Officer"], result.counts["Mr. Hi"]["Mr. Hi"], result.counts["Officer"]["Officer"]) == (11, 35, 32)


def test_lazega_cowork_ei_and_advice_brokerage_by_office() -> None:
    land = load(REFERENCE / "lazega-lawfirm")
    cowork = boundaries(land, group="office", relations=["cowork"])
    assert cowork.mode == "undirected"
    # MEASURES lists -0.5416667, which no coding of these data reproduces (it is not k/378 for any k);
    # a plain count of the 378 pairs gives 74 across and 304 within the three offices.
    assert (cowork.ei_network.external, cowork.ei_network.internal) == (74, 304)
    assert cowork.ei_network.ei == pytest.approx(-230 / 378)
    advice = boundaries(land, group="office", relations=["advice"]).brokerage_totals
    assert [advice[r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")] == [
        3446, 175, 1413, 1213, 125]


def test_group_ei_is_tie_based_by_hand(csv_input) -> None:
    # Groups X = {a, b, c}, Y = {d, e}. Arcs: a->b, b->c (within X), c->d (X to Y), e->a (Y to X), d->e (within Y).
    people = [["id", "team"], ["a", "X"], ["b", "X"], ["c", "X"], ["d", "Y"], ["e", "Y"]]
    ties = [["source", "target"], ["a", "b"], ["b", "c"], ["c", "d"], ["e", "a"], ["d", "e"]]
    result = boundaries(load(csv_input(participants=people, relationships=ties)), group="team")
    x, y = result.ei_groups["X"], result.ei_groups["Y"]
    assert (x.internal, x.external, x.ei) == (2, 2, 0.0)
    assert result.ei_groups_out_in["X"] == (1, 1)
    # X: possible arcs within 3*2 = 6; across, out and in, 2*3*2 = 12: expected (12 - 6) / 18.
    assert x.expected == pytest.approx(6 / 18)
    assert (y.internal, y.external) == (1, 2)
    assert result.ei_participants == {"a": 0.0, "b": -1.0, "c": 0.0, "d": 0.0, "e": 0.0}
    # Network: E = 2, I = 3; T = 20 ordered pairs, maxI = 6 + 2 = 8.
    assert (result.ei_network.external, result.ei_network.internal) == (2, 3)
    assert result.ei_network.expected == pytest.approx((12 - 8) / 20)


def test_multi_membership_by_hand(csv_input) -> None:
    # b is in X and Y; a in X; c in Y; d in Z. Ties a-b (shares X: internal), b-c (shares Y), c-d (across).
    people = [["id", "team"], ["a", "X"], ["b", "X;Y"], ["c", "Y"], ["d", "Z"]]
    ties = [["source", "target", "direction"], ["a", "b", "undirected"], ["b", "c", "undirected"],
            ["c", "d", "undirected"]]
    result = boundaries(load(csv_input(participants=people, relationships=ties)), group="team")
    assert (result.ei_network.internal, result.ei_network.external) == (2, 1)
    # Block counts: a-b counts in X-X and X-Y; b-c in X-Y and Y-Y; c-d in Y-Z.
    assert result.counts == {"X": {"X": 1, "Y": 2, "Z": 0}, "Y": {"X": 2, "Y": 1, "Z": 1}, "Z": {"X": 0, "Y": 1, "Z": 0}}
    assert result.unbridged == (("X", "Z"),)
    assert [(s["id"], s["multi_member"], s["groups_reached"]) for s in result.spanners] == [
        ("b", True, []), ("c", False, ["X", "Z"])]  # b is tied within X and Y; c to b (in X) and to d (in Z)
    # Ordered pairs sharing a group: a-b, b-a, b-c, c-b: 4 of 12 (undirected: 2 of 6).
    assert result.ei_network.expected == pytest.approx((4 - 2) / 6)
    # Brokerage uses the first group listed: b counts as X.
    assert result.brokerage_participants["b"]["representative"] == 1  # (a, c): X -> X -> Y
    assert result.brokerage_participants["b"]["gatekeeper"] == 1  # (c, a): Y -> X -> X


def test_unbridged_and_one_person_bridges_by_hand(csv_input) -> None:
    people = [["id", "name", "team"], ["a", "Ana", "X"], ["b", "Ben", "X"], ["c", "Cy", "Y"], ["d", "Di", "Y"],
              ["e", "Ed", "Z"]]
    ties = [["source", "target"], ["a", "c"], ["a", "d"], ["c", "d"], ["a", "b"], ["e", "e"]]
    result = boundaries(load(csv_input(participants=people, relationships=ties)), group="team")
    assert result.unbridged == (("X", "Z"), ("Y", "Z"))
    assert result.resting_on_one == ({"groups": ["X", "Y"], "ties": 2, "people": ["a"], "pairs": [["a", "c"], ["a", "d"]]},)
    kinds = [f.kind for f in findings_for("boundaries", result)]
    assert kinds.count("unbridged") == 2 and "one-person-bridge" in kinds
    [bridge] = [f for f in findings_for("boundaries", result) if f.kind == "one-person-bridge"]
    assert bridge.statement == "All 2 ties between X and Y involve Ana."
    assert findings_for("boundaries", result)[kinds.index("unbridged")].question == (
        "What could make the boundary between X and Z a learning asset?")


def test_boundary_objects_by_hand(csv_input) -> None:
    people = [["id", "team"], ["a", "X"], ["b", "Y"], ["c", "Z"], ["d", "X"]]
    ties = [["source", "target", "boundary_object"], ["a", "b", "Library"], ["b", "c", "Library"],
            ["a", "d", "Checklist"], ["d", "b", ""]]
    result = boundaries(load(csv_input(participants=people, relationships=ties)), group="team")
    library, checklist = result.boundary_objects
    assert library == {"object": "Library", "ties": 2, "crossing_ties": 2, "users": 3, "people": ["a", "b", "c"], "groups": ["X", "Y", "Z"],
                       "reach": 3, "blau": pytest.approx(2 / 3), "substitutes": [["X", "Z"]]}
    assert checklist["reach"] == 1 and checklist["crossing_ties"] == 0


# Brokerage (MEASURES §5.4: sna::brokerage on Krackhardt advice by department).

def test_krackhardt_brokerage(krackhardt) -> None:
    result = boundaries(krackhardt, group="department", relations=["advice"])
    totals = result.brokerage_totals
    assert [totals[r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")] == [
        28, 69, 95, 62, 246, 500]
    assert [round(result.brokerage_expected[r], 2) for r in ("coordinator", "itinerant", "representative",
                                                              "gatekeeper", "liaison", "total")] == [
        47.74, 152.41, 152.41, 152.41, 389.33, 894.31]
    assert [round(result.brokerage_z[r], 4) for r in ("coordinator", "itinerant", "representative", "gatekeeper",
                                                       "liaison", "total")] == [
        -2.0410, -3.2418, -2.4087, -3.7932, -4.3062, -6.1989]
    expected_people = {"1": (1, 2, 2, 11, 8, 24), "7": (0, 7, 0, 0, 31, 38), "10": (0, 15, 1, 1, 28, 45),
                       "18": (0, 32, 4, 11, 74, 121), "21": (11, 7, 20, 15, 19, 72)}
    for pid, counts in expected_people.items():
        person = result.brokerage_participants[pid]
        assert tuple(person[r] for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison",
                                          "total")) == counts, pid


def test_krackhardt_brokerage_moments_per_person(krackhardt) -> None:
    ties = learning_ties(krackhardt, ["advice"])
    groups = {node: d for node, d in krackhardt.graph.nodes(data="department")}
    b = brokerage_roles(ties, groups)
    row = b.nodes.index("1")  # department 4, four people
    assert b.expected[row].round(4).tolist() == [0.6724, 9.1897, 5.7155, 5.7155, 21.2932, 42.5864]
    assert b.sd[row].round(4).tolist() == [0.8829, 4.5148, 4.3626, 4.3626, 8.9661, 15.678]


def _brute_force_brokerage(graph: nx.DiGraph, groups: dict) -> dict:
    roles = {node: [0] * 5 for node in graph}
    for v in graph:
        for a in graph.predecessors(v):
            for c in graph.successors(v):
                if a == c or graph.has_edge(a, c):
                    continue
                ga, gv, gc = groups[a], groups[v], groups[c]
                if ga == gv == gc:
                    roles[v][0] += 1
                elif ga == gc:
                    roles[v][1] += 1
                elif ga == gv:
                    roles[v][2] += 1
                elif gc == gv:
                    roles[v][3] += 1
                else:
                    roles[v][4] += 1
    return roles


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(3, 12), st.floats(0.05, 0.6), st.integers(1, 4), st.randoms(use_true_random=False))
def test_brokerage_equals_the_definition_on_random_graphs(n: int, p: float, k: int, rnd: random.Random) -> None:
    """The closed-form sparse computation against the definition, pair by pair."""
    from landscape.passes.ties import TieSelection

    graph = nx.gnp_random_graph(n, p, seed=rnd.randrange(10**6), directed=True)
    groups = {node: rnd.randrange(k) for node in graph}
    b = brokerage_roles(TieSelection.from_graph(graph, ("t",), 0, 0, 0), groups)
    expected = _brute_force_brokerage(graph, groups)
    for i, node in enumerate(b.nodes):
        assert b.raw[i, :5].tolist() == expected[node]
        assert b.raw[i, 5] == sum(expected[node])


# Structural holes (MEASURES §5.5).

def test_structural_holes_reference_values(tmp_path: Path, krackhardt) -> None:
    florentine = structural_holes(learning_ties(load(_undirected(tmp_path / "florentine", nx.florentine_families_graph()))))
    at = {node: i for i, node in enumerate(florentine.nodes)}
    expected = {"Medici": (0.2098765, 5.6666667), "Guadagni": (0.25, 4.0), "Albizzi": (0.3333333, 3.0),
                "Strozzi": (0.4583333, 3.0), "Pazzi": (1.0, 1.0), "Ginori": (1.0, 1.0)}
    for family, (c, es) in expected.items():
        assert florentine.constraint[at[family]] == pytest.approx(c, abs=1e-6), family
        assert florentine.effective_size[at[family]] == pytest.approx(es, abs=1e-6), family
    borgatti = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"), ("B", "G"),
                         ("B", "D"), ("D", "G"), ("G", "C")])
    holes = structural_holes(learning_ties(load(_undirected(tmp_path / "borgatti", borgatti))))
    at = {node: i for i, node in enumerate(holes.nodes)}
    assert [round(holes.constraint[at[x]], 4) for x in "GAC"] == [0.4003, 0.5955, 1.0]
    assert [round(holes.effective_size[at[x]], 4) for x in "GA"] == [4.6667, 2.5]
    karate = structural_holes(learning_ties(load(_undirected(tmp_path / "karate", nx.karate_club_graph()))))
    at = {node: i for i, node in enumerate(karate.nodes)}
    assert (round(karate.constraint[at["0"]], 4), round(karate.effective_size[at["0"]], 2)) == (0.1554, 13.75)
    assert (round(karate.constraint[at["33"]], 4), round(karate.effective_size[at["33"]], 2)) == (0.1564, 15.24)


def test_structural_holes_equal_networkx_and_igraph_on_directed_advice(krackhardt) -> None:
    import igraph

    ties = learning_ties(krackhardt, ["advice"])
    holes = structural_holes(ties)
    nx_constraint = nx.constraint(ties.graph)
    nx_effective = nx.effective_size(ties.graph)
    sources, targets = ties.arcs
    ig_constraint = igraph.Graph(n=len(ties.nodes), edges=list(zip(sources.tolist(), targets.tolist())),
                                 directed=True).constraint()
    for i, node in enumerate(ties.nodes):
        assert holes.constraint[i] == pytest.approx(nx_constraint[node], abs=1e-12)
        assert holes.constraint[i] == pytest.approx(ig_constraint[i], abs=1e-12)
        assert holes.effective_size[i] == pytest.approx(nx_effective[node], abs=1e-12)


def test_structural_holes_edge_cases(csv_input) -> None:
    # MEASURES §5.5: 1->{2,3,4}, 2->3 gives {1: 0.6111, 2: 1.0069, 3: 1.0069, 4: 1.0}; an isolate is undefined.
    people = [["id"], ["1"], ["2"], ["3"], ["4"], ["5"]]
    ties = [["source", "target"], ["1", "2"], ["1", "3"], ["1", "4"], ["2", "3"]]
    holes = structural_holes(learning_ties(load(csv_input(participants=people, relationships=ties))))
    assert holes.constraint[:4].round(4).tolist() == [0.6111, 1.0069, 1.0069, 1.0]
    assert math.isnan(holes.constraint[4]) and math.isnan(holes.effective_size[4])


# The sample's story, and invariants.

def test_the_sample_finds_what_its_readme_describes() -> None:
    result = boundaries(load(sample_path("clinical-simulation")))
    assert result.unbridged == (("Simulation Steering Committee", "Student Simulation Society"),)
    top = max(result.brokerage_participants.items(), key=lambda item: item[1]["total"] - item[1]["coordinator"])
    assert top[0] == "P014"  # the senior technician
    assert result.boundary_objects[0]["object"] == "Shared scenario library"
    assert max(result.boundary_objects, key=lambda item: item["ties"])["ties"] == 27


@st.composite
def _landscapes(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    n = draw(st.integers(3, 9))
    ids = [f"P{i}" for i in range(n)]
    people = [["id", "community"]] + [[pid, draw(st.sampled_from(["A", "B", "C", "A;B", ""]))] for pid in ids]
    ties = [["source", "target", "direction", "boundary_object"]]
    for _ in range(draw(st.integers(0, 20))):
        ties.append([draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(st.sampled_from(["", "undirected"])),
                     draw(st.sampled_from(["", "Library"]))])
    return people, ties


def _numbers(result) -> tuple:
    def ei(e):
        return (e.internal, e.external, None if e.ei is None else round(e.ei, 12))

    return (ei(result.ei_network), {g: ei(e) for g, e in result.ei_groups.items()}, result.counts,
            result.unbridged, result.brokerage_totals, sorted(result.brokerage_participants.items()),
            sorted((k, None if v is None else round(v, 12)) for k, v in result.constraint.items()),
            result.boundary_objects)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_landscapes(), st.randoms(use_true_random=False))
def test_row_order_changes_nothing_and_every_ei_is_feasible(tables, rnd: random.Random) -> None:
    people, ties = tables
    first, second = (boundaries(land) for land in load_in_two_orders(rnd, participants=people, relationships=ties))
    assert _numbers(first) == _numbers(second)
    for e in [first.ei_network, *first.ei_groups.values()]:
        if e.ei is not None:
            assert e.minimum - 1e-12 <= e.ei <= e.maximum + 1e-12
            assert -1 <= e.ei <= 1
    assert set(first.brokerage_participants) == {row[0] for row in people[1:]}


def test_ei_index_edge_cases() -> None:
    assert ei_index(0, 0, 10, 10).ei is None
    only_external = ei_index(0, 5, 0, 20)
    assert only_external.ei == 1.0 and only_external.minimum == 1.0 and only_external.rescaled is None
    assert np.isclose(ei_index(3, 1, 6, 6).expected, 0.0)


def test_ei_equal_to_chance_is_said_so(csv_input) -> None:
    """The reviewer's nest_ok. f has no community, so a -> e is the one tie within (C1) and a -> b,
    b -> c, c -> d, d -> a the four across: E-I (4 - 1) / 5 = +0.60. Among the five people with a
    community, the ordered pairs sharing one are a-e (C1) and c-e (C3), both ways: 4 of 20, so
    EI_0 = (16 - 4) / 20 = +0.60 too, and z = 0. The sentence said "less often than chance"."""
    people = [["id", "community"], ["a", "C1"], ["b", "C2"], ["c", "C3"], ["d", "C4"], ["e", "C1;C3"], ["f", ""]]
    ties = [["source", "target"], ["a", "b"], ["b", "c"], ["c", "d"], ["d", "a"], ["e", "f"], ["a", "e"]]
    result = boundaries(load(csv_input(participants=people, relationships=ties)))
    whole = result.ei_network
    assert (whole.external, whole.internal, whole.ei, whole.expected, whole.z) == (4, 1, 0.6, 0.6, 0.0)
    [finding] = [f for f in findings_for("boundaries", result) if f.kind == "ei-network"]
    # Five people with a community are too few to set beside chance (MIN_FOR_TESTS).
    assert finding.statement == ("Ties across community boundaries: E-I index +0.60 (4 across, 1 within); 5 people "
                                 "with a community are too few to compare with chance.")
    # Ten people in two groups of five, 9 arcs (4 within, 5 across): E-I = 1/9 = (50 - 40) / 90, chance exactly.
    people = [["id", "community"]] + [[f"a{i}", "A"] for i in range(5)] + [[f"b{i}", "B"] for i in range(5)]
    ties = [["source", "target"], ["a0", "a1"], ["a1", "a2"], ["b0", "b1"], ["b1", "b2"]] + \
        [[f"a{i}", f"b{i}"] for i in range(5)]
    result = boundaries(load(csv_input(participants=people, relationships=ties)))
    assert result.ei_network.z == pytest.approx(0.0, abs=1e-12)
    [finding] = [f for f in findings_for("boundaries", result) if f.kind == "ei-network"]
    assert finding.statement == ("Ties across community boundaries: E-I index +0.11 (5 across, 4 within), against "
                                 "+0.11 if ties fell at random between people (z = 0.0): ties cross boundaries "
                                 "about as often as chance would have them.")


def test_counts_of_one_in_boundary_sentences(csv_input) -> None:
    """Four groups and one tie, inside W: the six pairs of groups share no tie, five are listed one
    by one and the sixth is "1 more pair". Then a1 (in W and X) names a2 (W) over a checklist: one
    tie, reaching W and X, crossing no boundary (a1 and a2 share W); a1 brokers nothing."""
    people = [["id", "community"], ["a1", "W"], ["a2", "W"], ["b", "X"], ["c", "Y"], ["d", "V"]]
    result = boundaries(load(csv_input(participants=people, relationships=[["source", "target"], ["a1", "a2"]])))
    assert len(result.unbridged) == 6
    assert [f.statement for f in findings_for("boundaries", result) if f.kind == "unbridged-more"] == [
        "1 more pair of groups shares no tie."]
    people = [["id", "community"], ["a1", "W;X"], ["a2", "W"], ["b", "Y"]]
    ties = [["source", "target", "boundary_object"], ["a1", "a2", "Checklist"]]
    result = boundaries(load(csv_input(participants=people, relationships=ties)))
    statements = {f.kind: f.statement for f in findings_for("boundaries", result)}
    assert statements["boundary-object"] == ("The Checklist runs through 1 tie (0 across a boundary) and reaches 2 "
                                             "groups.")
    assert statements["multi-membership"] == ("1 person belongs to more than one community; they broker no pair "
                                              "across groups.")


def test_brokerage_moments_in_closed_form_equal_the_sums_over_groups() -> None:
    """The moments are written with power sums of the group sizes; here they are checked against
    sna's sums over pairs and triples of groups, written out as loops."""
    import math

    from landscape.passes.brokerage import _graph_moments, _node_moments

    rng = np.random.default_rng(3)
    for _ in range(50):
        n = rng.integers(1, 30, rng.integers(2, 9)).astype(float)
        total, d = float(n.sum()), float(rng.random() * 0.5)
        q = 1 - d
        alpha, beta = d**2 * q, d**3 * q**3
        a3, a4, a5 = d**3 * q**3, d**4 * q**2, d**5 * q
        triples = sum(n[i] * n[j] * n[k] * ((4 * (total - n[j]) - 2 * (n[i] + n[k] + 1)) * a3
                                            - (4 * (total - n[k]) - 2 * (n[i] + n[j] + 1)) * a4
                                            + (total - (n[i] + n[k] + 1)) * a5)
                      for i in range(len(n)) for j in range(len(n)) for k in range(len(n)) if len({i, j, k}) == 3)
        e, v = _graph_moments(n, total, d)
        liaison_e = alpha * (sum(n[i] * n[j] * (total - n[i] - n[j]) for i in range(len(n)) for j in range(len(n)))
                             - np.sum(n * n * (total - 2 * n)))
        assert e[4] == pytest.approx(liaison_e, rel=1e-9)
        assert v[4] == pytest.approx(liaison_e * (1 - alpha) + triples, rel=1e-9)
        node_e, node_v = _node_moments(n, total, d)
        for i in range(len(n)):
            others = np.delete(n, i)
            pairs_term = sum(nj * math.comb(int(total - nj - n[i]), 2) for nj in others)
            expected = alpha * (others.sum() ** 2 - (others**2).sum())
            assert node_e[i, 4] == pytest.approx(expected, rel=1e-9)
            assert node_v[i, 4] == pytest.approx(expected * (1 - alpha) + 4 * pairs_term * beta, rel=1e-9)


def test_many_groups_keep_the_mixing_sparse_with_the_same_numbers() -> None:
    """Above FULL_MIXING_UP_TO groups the mixing is computed without a groups x groups array; on
    150 random groups it gives the dense computation's counts (where there are ties), the same
    number of pairs with no tie, and the same pairs joined only by a shared member."""
    from scipy.sparse import csr_array

    from landscape.passes.boundaries import LARGEST_GROUPS_LISTED, _mixing, _mixing_sparse

    rng = np.random.default_rng(5)
    g = 150
    groups = [f"G{i:03d}" for i in range(g)]
    sizes = rng.integers(1, 20, g).astype(float)
    block = (rng.random((g, g)) < 0.02) * rng.integers(1, 5, (g, g)).astype(float)
    overlap = np.diag(sizes) + ((rng.random((g, g)) < 0.005) * 1.0)
    overlap = np.maximum(overlap, overlap.T)
    for undirected in (False, True):
        b = block + block.T if undirected else block
        dense = _mixing(groups, sizes, b, overlap, undirected)
        sparse = _mixing_sparse(groups, sizes, csr_array(b), csr_array(overlap), undirected)
        assert sparse[0] == {h: {k: v for k, v in row.items() if v} for h, row in dense[0].items() if any(row.values())}
        assert sparse[4] == dense[4] == len(dense[2])
        assert sorted(sparse[3]) == sorted(dense[3])
        largest = {groups[i] for i in np.argsort(-sizes, kind="stable")[:LARGEST_GROUPS_LISTED]}
        assert sparse[2] == [pair for pair in dense[2] if set(pair) <= largest]


@pytest.mark.parametrize("communities, complete", [(30, True), (110, False)])
def test_text_names_twenty_uncrossed_boundaries_and_counts_the_rest(tmp_path: Path, communities: int,
                                                                     complete: bool) -> None:
    """Communities of two people tied within, and a ring of ties between communities 0-1, 1-2, ...:
    every other pair of communities is uncrossed. The text names 20 and counts the rest; above
    FULL_MIXING_UP_TO groups it says the JSON lists only the pairs among the largest groups."""
    from landscape.passes.boundaries import FULL_MIXING_UP_TO
    from landscape.render.text import _boundaries_text

    graph = nx.Graph()
    for c in range(communities):
        graph.add_node(f"a{c}", community=f"C{c:03d}")
        graph.add_node(f"b{c}", community=f"C{c:03d}")
        graph.add_edge(f"a{c}", f"b{c}")
        if c:
            graph.add_edge(f"b{c - 1}", f"a{c}")
    land = load(_undirected(tmp_path, graph, "community"))
    result = boundaries(land, group="community")
    uncrossed = communities * (communities - 1) // 2 - (communities - 1)
    assert result.unbridged_total == uncrossed and result.mixing_complete is complete
    assert (communities <= FULL_MIXING_UP_TO) is complete
    text = _boundaries_text(result_dict("boundaries", result))
    where = "lists them" if complete else "lists those among the largest groups"
    assert f"and {uncrossed - 20:,} more pairs (--format json {where})." in text
    line = next(line for line in text.splitlines() if line.startswith("No tie between: "))
    assert line.count(" and ") == 20 + 1  # twenty pairs named, then the count of the others
    notes = map_data(land, view="boundaries", group="community")["legend"]["notes"]
    assert len(notes) == 21 and notes[-1] == (f"... and {uncrossed - 20:,} more pairs of groups with no tie "
                                               f"(landscape analyse --format json {where})")


def test_uncrossed_boundaries_none_of_them_among_the_largest_groups(tmp_path: Path) -> None:
    """110 teams: the 30 largest all tied to each other, the 80 small ones to nobody outside. No
    uncrossed pair is among the 30 largest, so none is named, and the count is of them all."""
    import itertools

    graph = nx.Graph()
    for g in range(110):
        members = [f"g{g}p{i}" for i in range(4 if g < 30 else 2)]
        for member in members:
            graph.add_node(member, team=f"G{g:03d}")
        nx.add_path(graph, members)
    graph.add_edges_from((f"g{a}p0", f"g{b}p0") for a, b in itertools.combinations(range(30), 2))
    result = result_dict("boundaries", boundaries(load(_undirected(tmp_path, graph, "team")), group="team"))
    uncrossed = 110 * 109 // 2 - 30 * 29 // 2
    assert result["unbridged"] == [] and result["unbridged_total"] == uncrossed
    [finding] = [f for f in result["findings"] if f["kind"].startswith("unbridged")]
    assert finding["statement"] == f"{uncrossed} pairs of groups share no tie."
    assert finding["how"].startswith("No tie between a member of one and a member of the other, and nobody belongs "
                                     "to both; with more than 100 groups the data lists the pairs among the 30")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from(["advice", "collaboration"])),
                max_size=30),
       st.lists(st.sets(st.sampled_from("xyz"), max_size=2), min_size=8, max_size=8))
def test_pair_counts_equal_a_count_by_hand(tmp_path_factory, rows, groups) -> None:
    """The pairs every headline counts (Boundaries, Scale, Power's reciprocity): each two people tied
    either way, by any measured type, once; counted here from the rows with sets."""
    folder = tmp_path_factory.mktemp("pairs")
    people = [["id", "name", "community"]] + [[f"p{i}", f"P {i}", ";".join(sorted(g))] for i, g in enumerate(groups)]
    ties = [["source", "target", "type", "direction"]] + [
        [f"p{a}", f"p{b}", kind, "undirected" if kind == "collaboration" else "directed"] for a, b, kind in rows]
    write_csv_folder(folder, participants=people, relationships=ties)
    result = boundaries(load(folder))
    pairs = {frozenset((a, b)) for a, b, _ in rows if a != b}
    both = [pair for pair in pairs if all(groups[i] for i in pair)]
    within = sum(1 for pair in both if set.intersection(*(set(groups[i]) for i in pair)))
    assert result.pairs == {"pairs": len(pairs), "within": within, "across": len(both) - within,
                            "without_group": len(pairs) - len(both)}


# The array versions of loops, against the loops they replaced (written plainly here) on random
# graphs: people in zero to three groups, ids and group names in mixed case, ties one way and both.

def _random_selection(seed: int):
    from landscape.passes.ties import TieSelection

    rng = random.Random(seed)
    n = rng.randint(1, 40)
    ids = rng.sample([f"{prefix}{i}" for prefix in ("p", "P", "q", "Ä") for i in range(60)], n)
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    for _ in range(rng.randint(0, 4 * n)):
        a, b = rng.sample(ids, 2) if n > 1 else (ids[0], ids[0])
        if a != b:
            graph.add_edge(a, b)
            if rng.random() < 0.4:
                graph.add_edge(b, a)
    pool = ["alpha", "Beta", "beta2", "Gamma", "delta", "Épée", "zeta", "Z9"][: rng.randint(1, 8)]
    memberships = {node: tuple(rng.sample(pool, min(len(pool), rng.choice([0, 1, 1, 1, 2, 3])))) for node in ids}
    return TieSelection.from_graph(graph, ("advice",), graph.number_of_edges()), memberships


def _resting_reference(ties, memberships) -> list:
    """Boundaries resting on one person, as a loop over ties and a Counter per boundary."""
    from collections import Counter

    nodes = ties.nodes
    sources, targets = ties.arcs
    rows = set()
    for u, v, both in zip([nodes[i] for i in sources.tolist()], [nodes[i] for i in targets.tolist()],
                          ties.reciprocated.tolist()):
        if both and str(v) < str(u):
            continue
        for g in memberships[u]:
            for h in memberships[v]:
                if g != h:
                    a, b = (g, h) if g.casefold() <= h.casefold() else (h, g)
                    rows.add((a, b, u, v))
    found = []
    for a, b in sorted({(a, b) for a, b, _, _ in rows}):
        pairs = [(u, v) for x, y, u, v in rows if (x, y) == (a, b)]
        people = Counter(u for u, _ in pairs) + Counter(v for _, v in pairs)
        carriers = sorted(str(p) for p, count in people.items() if count == len(pairs))
        if carriers:
            ends = sorted({tuple(sorted((str(u), str(v)))) for u, v in pairs})
            found.append({"groups": [a, b], "ties": len(pairs), "people": carriers, "pairs": [list(e) for e in ends]})
    return found


def _spanners_reference(ties, memberships, brokerage) -> list:
    """People in several groups or reaching two or more others, person by person."""
    indptr, indices = ties.neighbours
    nodes = ties.nodes
    found = []
    for position, node in enumerate(nodes):
        own = set(memberships[node])
        reached = sorted({g for other in indices[indptr[position]:indptr[position + 1]].tolist()
                          for g in memberships[nodes[other]]} - own, key=str.casefold)
        if len(own) > 1 or len(reached) >= 2:
            person = brokerage[str(node)]
            found.append({"id": str(node), "groups": list(memberships[node]), "groups_reached": reached,
                          "multi_member": len(own) > 1, "brokerage": person["total"] - person["coordinator"]})
    return found


@pytest.mark.parametrize("seed", range(60))
def test_resting_on_one_and_spanners_equal_their_loops(seed: int) -> None:
    from landscape.passes.boundaries import _resting_on_one, _spanners
    from landscape.passes.ei import membership_matrix

    ties, memberships = _random_selection(seed)
    membership, groups = membership_matrix(ties, memberships)
    assert _resting_on_one(ties, membership, groups) == _resting_reference(ties, memberships)
    brokerage = {str(node): {"total": i * 3, "coordinator": i} for i, node in enumerate(ties.nodes)}
    assert _spanners(ties, memberships, membership, groups, brokerage) == \
        _spanners_reference(ties, memberships, brokerage)


@pytest.mark.parametrize("seed", range(40))
def test_brokerage_from_two_products_equals_the_four_products(seed: int) -> None:
    """The closed two-paths by groups come from two sparse products (the other two are a
    difference and a transpose of them): the counts are the same floats as the four products'."""
    from scipy.sparse import csr_array

    ties, memberships = _random_selection(seed)
    rng = random.Random(seed)
    groups = {node: rng.randint(0, 3) for node in ties.nodes}
    result = brokerage_roles(ties, groups)
    n = len(ties.nodes)
    adjacency = ties.adjacency().astype(float)
    cls = np.array([groups[node] for node in ties.nodes])
    sources, targets = ties.arcs
    same = cls[sources] == cls[targets]
    within = csr_array((np.ones(int(same.sum())), (sources[same], targets[same])), shape=(n, n))
    across = adjacency - within

    def colsum(m):
        return np.asarray(m.sum(axis=0)).reshape(-1).astype(float)

    closed = colsum(adjacency * (adjacency @ adjacency.T))
    closed_same = colsum(adjacency * (within @ adjacency.T))
    closed_own = colsum(within * (within @ adjacency.T))
    closed_own_out = colsum(within * (across @ adjacency.T))
    closed_out_own = colsum(across * (adjacency @ within.T))
    indeg, outdeg = colsum(adjacency), np.asarray(adjacency.sum(axis=1)).reshape(-1)
    in_own, out_own = colsum(within), np.asarray(within.sum(axis=1)).reshape(-1)
    mutual_own = np.asarray((within * within.T).sum(axis=1)).reshape(-1)
    mutual = np.asarray((adjacency * adjacency.T).sum(axis=1)).reshape(-1)
    total = indeg * outdeg - mutual - closed
    coordinator = in_own * out_own - mutual_own - closed_own
    assert result.raw[:, 5].tolist() == np.rint(total).tolist()
    assert result.raw[:, 0].tolist() == np.rint(coordinator).tolist()
    assert result.raw[:, 2].tolist() == np.rint(in_own * (outdeg - out_own) - closed_own_out).tolist()
    assert result.raw[:, 3].tolist() == np.rint((indeg - in_own) * out_own - closed_out_own).tolist()
    membership = csr_array((np.ones(n), (np.arange(n), cls)), shape=(n, 4))
    same_pairs = np.asarray(((adjacency.T @ membership) * (adjacency @ membership)).sum(axis=1)).reshape(-1) \
        - mutual - closed_same
    assert result.raw[:, 1].tolist() == np.rint(same_pairs - coordinator).tolist()


def test_sparse_mixing_fills_its_tables_in_the_block_order_with_the_same_floats() -> None:
    """The sparse mixing looks the overlaps up for all entries at once; the tables are the ones the
    loop over the block's entries with a dok lookup each gave, in the same order, to the last bit."""
    from scipy.sparse import csr_array

    from landscape.passes.boundaries import _mixing_sparse

    rng = np.random.default_rng(11)
    g = 120
    groups = [f"G{i:03d}" for i in range(g)]
    sizes = rng.integers(1, 30, g).astype(float)
    block = csr_array((rng.random((g, g)) < 0.03) * rng.integers(1, 9, (g, g)).astype(float))
    overlap = np.diag(sizes) + ((rng.random((g, g)) < 0.01) * rng.integers(1, 3, (g, g)))
    overlap = csr_array(np.maximum(overlap, overlap.T))
    for undirected in (False, True):
        counts, densities = {}, {}
        coo, dok = block.tocoo(), overlap.todok()
        for i, j, value in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
            shown = value / 2 if undirected and i == j else value
            possible = sizes[i] * sizes[j] - dok.get((i, j), 0)
            counts.setdefault(groups[i], {})[groups[j]] = int(round(shown))
            density = value / possible if possible > 0 else None
            densities.setdefault(groups[i], {})[groups[j]] = None if density is None or not math.isfinite(density) \
                else float(density)
        result = _mixing_sparse(groups, sizes, block, overlap, undirected)
        assert _json_text(result[0]) == _json_text(counts) and _json_text(result[1]) == _json_text(densities)


def _json_text(value) -> str:
    """JSON as the analysis writes it: keys in their order, floats to the last digit."""
    import json

    return json.dumps(value)

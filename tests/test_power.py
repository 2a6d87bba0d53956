"""The Power pass: against MEASURES §4 and §11 (Krackhardt, Lazega, karate, Florentine), and by hand."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape import load, sample_path
from landscape.passes import power
from landscape.passes.ties import learning_ties
from landscape.passes.power import freeman_centralization, reciprocity
from landscape.findings import findings_for
from tests.conftest import DATA, load_in_two_orders, write_csv_folder

LAZEGA = DATA / "reference" / "lazega-lawfirm"


@pytest.fixture(scope="module")
def krackhardt():
    return load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")


def test_krackhardt_advice_alignment(krackhardt) -> None:
    """MEASURES §4.1: Spearman 0.671 (p 0.00086), Kendall tau-b 0.556 (p 0.0034), betweenness 0.385 (p 0.085)."""
    result = power(krackhardt, relations=["advice"])
    alignment = {c.measure: c for c in result.alignment}
    assert alignment["in_degree"].n == 21
    assert alignment["in_degree"].spearman == pytest.approx(0.6713, abs=1e-4)
    assert alignment["in_degree"].spearman_p == pytest.approx(0.00086, abs=1e-5)
    assert alignment["in_degree"].kendall_tau_b == pytest.approx(0.556, abs=1e-3)
    assert alignment["in_degree"].kendall_p == pytest.approx(0.0034, abs=1e-4)
    assert alignment["betweenness"].spearman == pytest.approx(0.385, abs=1e-3)
    assert alignment["betweenness"].spearman_p == pytest.approx(0.085, abs=1e-3)


def test_krackhardt_friendship_does_not_follow_rank(krackhardt) -> None:
    result = power(krackhardt, relations=["friendship"])
    assert result.alignment[0].spearman == pytest.approx(-0.020, abs=1e-3)
    assert result.alignment[0].spearman_p == pytest.approx(0.93, abs=1e-2)
    assert {k: result.reciprocity[k] for k in ("mutual", "asymmetric", "null")} == {"mutual": 23, "asymmetric": 56,
                                                                                     "null": 131}
    assert result.reciprocity["edgewise"] == pytest.approx(0.4510, abs=1e-4)
    assert result.reciprocity["dyadic_nonnull"] == pytest.approx(0.2911, abs=1e-4)
    assert result.reciprocity["dyadic"] == pytest.approx(0.7333, abs=1e-4)
    betweenness = {p.id: p.betweenness for p in result.participants}
    assert (round(betweenness["17"], 3), round(betweenness["11"], 3)) == (0.354, 0.154)


def test_krackhardt_advice_people_direction_concentration(krackhardt) -> None:
    result = power(krackhardt, relations=["advice"])
    people = {p.id: p for p in result.participants}
    assert {pid: people[pid].in_degree for pid in ("2", "18", "21", "7")} == {"2": 18, "18": 15, "21": 15, "7": 13}
    assert {pid: round(people[pid].betweenness, 3) for pid in ("18", "21", "7")} == {"18": 0.234, "21": 0.158,
                                                                                     "7": 0.073}
    assert result.hidden_influencers[:2] == ("1", "11")  # MEASURES: managers 1 (in-degree 13) and 11 (11)
    # In-degree 13 is shared by manager 1 and the CEO (7) at ranks 17-18; the 16 managers share seniority rank 8.5.
    assert people["1"].mismatch == pytest.approx((17.5 - 8.5) / 21)
    assert (result.direction["upward"], result.direction["downward"], result.direction["lateral"]) == (57, 29, 104)
    assert result.centralization["in_degree"] == pytest.approx(0.47, abs=1e-4)
    assert result.centralization["out_degree"] == pytest.approx(0.575, abs=1e-4)
    assert result.centralization["degree"] == pytest.approx(0.3842105, abs=1e-6)
    assert result.centralization["betweenness"] == pytest.approx(0.2102961, abs=1e-6)
    assert result.reciprocity["edgewise"] == pytest.approx(0.4736842, abs=1e-6)
    assert result.reciprocity["dyadic_nonnull"] == pytest.approx(0.3103448, abs=1e-6)
    assert result.reciprocity["dyadic"] == pytest.approx(0.5238095, abs=1e-6)
    assert result.articulation_points == () and result.mode == "directed"


def test_krackhardt_reporting_tree(krackhardt) -> None:
    result = power(krackhardt, relations=["advice"])
    people = {p.id: p for p in result.participants}
    assert result.reporting == {"ties": 20, "roots": ["7"], "in_cycles": [], "largest_span": 7}
    assert {pid: people[pid].depth for pid in ("7", "2", "14", "18", "21", "1", "10")} == {
        "7": 0, "2": 1, "14": 1, "18": 1, "21": 1, "1": 2, "10": 2}
    assert {pid: people[pid].direct_reports for pid in ("7", "14", "21", "2", "18", "1")} == {
        "7": 4, "14": 7, "21": 4, "2": 3, "18": 2, "1": 0}


def test_krackhardt_advice_ranks_match_an_independent_count(krackhardt) -> None:
    """Average ranks: 16 managers share ranks 1-16 (8.5), 4 VPs 17-20 (18.5), the CEO 21."""
    people = {p.id: p for p in power(krackhardt, relations=["advice"]).participants}
    assert {people[pid].formal_rank for pid in ("1", "3", "20")} == {8.5}
    assert {people[pid].formal_rank for pid in ("2", "14", "18", "21")} == {18.5}
    assert people["7"].formal_rank == 21.0


def test_lazega_advice() -> None:
    """MEASURES §4.1, §4.2, §4.4: status coded 1 = partner."""
    result = power(load(LAZEGA, level_order="lower-is-senior"), relations=["advice"])
    assert (result.direction["upward"], result.direction["downward"], result.direction["lateral"]) == (242, 59, 591)
    assert result.centralization["in_degree"] == pytest.approx(0.3541, abs=1e-4)
    assert result.centralization["out_degree"] == pytest.approx(0.2527, abs=1e-4)
    assert (result.reciprocity["mutual"], result.reciprocity["asymmetric"]) == (175, 542)
    assert result.reciprocity["edgewise"] == pytest.approx(0.3924, abs=1e-4)
    assert result.reciprocity["dyadic_nonnull"] == pytest.approx(0.2441, abs=1e-4)
    people = result.participants
    partners = [p.in_degree for p in people if p.level == 1]
    associates = [p.in_degree for p in people if p.level == 2]
    assert (round(sum(partners) / len(partners), 1), round(sum(associates) / len(associates), 1)) == (17.7, 7.3)


def test_lazega_seniority_is_years_with_the_firm(tmp_path: Path) -> None:
    """MEASURES's Spearman(seniority, advice in-degree) = 0.660 takes seniority as years with the firm."""
    import csv

    rows = list(csv.reader((LAZEGA / "participants.csv").open(encoding="utf-8")))
    header = rows[0]
    years = header.index("years_with_firm")
    people = [["id", "level"]] + [[row[0], row[years]] for row in rows[1:]]
    folder = write_csv_folder(tmp_path / "lazega-years", participants=people)
    (folder / "relationships.csv").write_bytes((LAZEGA / "relationships.csv").read_bytes())
    result = power(load(folder), relations=["advice"])
    assert result.alignment[0].spearman == pytest.approx(0.660, abs=1e-3)


def _undirected(folder: Path, graph: nx.Graph) -> Path:
    people = [["id"]] + [[str(node)] for node in graph.nodes]
    ties = [["source", "target", "direction"]] + [[str(u), str(v), "undirected"] for u, v in graph.edges]
    return write_csv_folder(folder, participants=people, relationships=ties)


def test_karate_centralization(tmp_path: Path) -> None:
    """MEASURES §11: karate degree 0.3996, betweenness 0.4056 (sna, R igraph with loops=FALSE)."""
    result = power(load(_undirected(tmp_path / "karate", nx.karate_club_graph())))
    assert result.mode == "undirected"
    assert result.centralization["degree"] == pytest.approx(0.3996212, abs=1e-6)
    assert result.centralization["betweenness"] == pytest.approx(0.4055572, abs=1e-6)
    assert result.participant("0").betweenness == pytest.approx(0.4376, abs=1e-4)
    assert result.formal_basis == "none" and findings_for("power", result)[0].kind == "no-hierarchy"


def test_florentine(tmp_path: Path) -> None:
    """MEASURES §4.3, §11: Medici betweenness 47.5 raw, 0.5219780 normalised; centralization 0.2747 / 0.4368."""
    graph = nx.florentine_families_graph()
    assert graph.number_of_nodes() == 15
    result = power(load(_undirected(tmp_path / "florentine", graph)))
    medici = result.participant("Medici").betweenness
    assert medici == pytest.approx(0.5219780, abs=1e-6)
    assert medici * (14 * 13) / 2 == pytest.approx(47.5)
    assert result.centralization["degree"] == pytest.approx(0.2747, abs=1e-4)
    assert result.centralization["betweenness"] == pytest.approx(0.4368, abs=1e-4)


def test_betweenness_equals_networkx_on_the_sample() -> None:
    land = load(sample_path("clinical-simulation"))
    result = power(land)
    expected = nx.betweenness_centrality(learning_ties(land).graph, normalized=True)
    for person in result.participants:
        assert person.betweenness == pytest.approx(expected[person.id], abs=1e-12)


@pytest.mark.parametrize("n", [4, 7])
def test_a_star_is_fully_centralized_and_a_cycle_not_at_all(csv_input: Callable[..., Path], n: int) -> None:
    ids = [f"P{i}" for i in range(n)]
    people = [["id"]] + [[pid] for pid in ids]
    star = power(load(csv_input(participants=people, relationships=[["source", "target"]] +
                                [[pid, "P0"] for pid in ids[1:]])))
    assert star.centralization["in_degree"] == 1.0
    # Out-degrees: 1 for everyone but the hub (0): one unit of difference over the maximum (n-1)^2.
    assert star.centralization["out_degree"] == pytest.approx(1 / (n - 1) ** 2)
    both_ways = power(load(csv_input(participants=people, relationships=[["source", "target", "direction"]] +
                                     [[pid, "P0", "undirected"] for pid in ids[1:]])))
    assert both_ways.mode == "undirected"
    assert both_ways.centralization == {"in_degree": 1.0, "out_degree": 1.0, "degree": 1.0, "betweenness": 1.0}
    cycle = power(load(csv_input(participants=people, relationships=[["source", "target"]] +
                                 [[ids[i], ids[(i + 1) % n]] for i in range(n)])))
    assert cycle.centralization == {"in_degree": 0.0, "out_degree": 0.0, "degree": 0.0, "betweenness": 0.0}
    assert cycle.reciprocity["edgewise"] == 0.0


def test_freeman_centralization_and_reciprocity_by_hand() -> None:
    assert freeman_centralization([4, 1, 1, 1, 1], (5 - 1) * (5 - 2)) == 1.0
    assert freeman_centralization([], 3) is None and freeman_centralization([1, 1], 0) is None
    # MEASURES §4.4: [(0,1),(1,0),(1,2),(2,2)]: with the self-loop left out, 2 of 3 arcs are returned.
    assert reciprocity(nx.DiGraph([(0, 1), (1, 0), (1, 2)]))["edgewise"] == pytest.approx(2 / 3)


def test_self_ties_are_left_out_before_reciprocity(csv_input) -> None:
    ties = [["source", "target"], ["A", "B"], ["B", "A"], ["B", "C"], ["C", "C"]]
    result = power(load(csv_input(participants=[["id"], ["A"], ["B"], ["C"]], relationships=ties)))
    assert result.ties["self_ties_dropped"] == 1
    assert result.reciprocity["edgewise"] == pytest.approx(2 / 3)


def test_cut_points_and_bridges_by_hand(csv_input) -> None:
    # Two triangles joined through C-D: C and D are cut points, C-D is the only bridge.
    ties = [["source", "target"], ["A", "B"], ["B", "C"], ["C", "A"], ["C", "D"], ["D", "E"], ["E", "F"], ["F", "D"]]
    people = [["id", "level"], ["A", 1], ["B", 1], ["C", 2], ["D", 2], ["E", 1], ["F", 1]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    assert result.articulation_points == ("C", "D")
    assert result.bridges == (("C", "D"),)
    [cut] = [f for f in findings_for("power", result) if f.kind == "cut-points"]
    assert cut.subjects == ("C", "D")


def test_mismatch_lists_by_hand(csv_input) -> None:
    # Levels: boss 3, two leads 2, three staff 1. Everyone asks staff member S1; nobody asks the boss.
    people = [["id", "name", "level"], ["B", "Boss", 3], ["L1", "Lead 1", 2], ["L2", "Lead 2", 2],
              ["S1", "Staff 1", 1], ["S2", "Staff 2", 1], ["S3", "Staff 3", 1]]
    ties = [["source", "target"], ["B", "S1"], ["L1", "S1"], ["L2", "S1"], ["S2", "S1"], ["S3", "S1"], ["S1", "L1"],
            ["S2", "L1"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    people_power = {p.id: p for p in result.participants}
    # In-degree ranks: B, L2, S2, S3 have 0 (ranks 1-4: 2.5), L1 2 (rank 5), S1 5 (rank 6).
    # Seniority ranks: staff 1-3 (2), leads 4-5 (4.5), boss 6.
    assert people_power["S1"].mismatch == pytest.approx((6 - 2) / 6)
    assert people_power["B"].mismatch == pytest.approx((2.5 - 6) / 6)
    assert people_power["L2"].mismatch == pytest.approx((2.5 - 4.5) / 6)
    assert result.hidden_influencers == ("S1",)  # L1: (5 - 4.5) / 6, below the threshold
    assert result.formal_only == ("B", "L2")
    # Six ranked people are too few for anyone to be said to stand out (MIN_FOR_TESTS): lists only.
    assert not [f for f in findings_for("power", result) if f.kind in ("sought-beyond-rank", "rank-beyond-seeking")]
    # On the 76-person sample the sentences name who is sought beyond their rank, never who is not.
    land = load(sample_path("clinical-simulation"))
    clinical = power(land)
    names = dict(land.graph.nodes(data="name"))
    [sought] = [f for f in findings_for("power", clinical) if f.kind == "sought-beyond-rank"]
    assert names[clinical.hidden_influencers[0]] in sought.statement
    [unsought] = [f for f in findings_for("power", clinical) if f.kind == "rank-beyond-seeking"]
    assert not any(names[pid] in unsought.statement for pid in clinical.formal_only)
    assert unsought.subjects == clinical.formal_only


def test_without_levels_the_reporting_tree_gives_seniority(csv_input) -> None:
    people = [["id"], ["A"], ["B"], ["C"], ["D"]]
    ties = [["source", "target", "type"], ["B", "A", "reports_to"], ["C", "B", "reports_to"], ["D", "B", "reports_to"],
            ["C", "A", "advice"], ["D", "A", "advice"], ["A", "B", "advice"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    assert result.formal_basis == "reporting depth"
    assert {p.id: (p.depth, p.direct_reports) for p in result.participants} == {
        "A": (0, 1), "B": (1, 2), "C": (2, 0), "D": (2, 0)}
    assert result.direction["upward"] == 2 and result.direction["downward"] == 1


def test_rated_influence_against_the_ties() -> None:
    result = power(load(sample_path("clinical-simulation")))
    rated = {c.measure: c for c in result.rated_alignment}
    assert rated["in_degree"].n == 12  # the sample rates twelve people
    assert result.hidden_influencers[0] == "P014"  # the senior technician (samples/README.md)


def test_level_order_setting_and_option(krackhardt) -> None:
    flipped = power(krackhardt, relations=["advice"], level_order="higher-is-senior")
    assert flipped.alignment[0].spearman == pytest.approx(-0.6713, abs=1e-4)
    assert (flipped.direction["upward"], flipped.direction["downward"]) == (29, 57)
    with pytest.raises(ValueError, match="level_order"):
        power(krackhardt, level_order="sideways")  # type: ignore[arg-type]


@st.composite
def _landscapes(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    n = draw(st.integers(3, 9))
    ids = [f"P{i}" for i in range(n)]
    people = [["id", "level"]] + [[pid, draw(st.sampled_from(["1", "2", "3", ""]))] for pid in ids]
    ties = [["source", "target", "type", "direction"]]
    for _ in range(draw(st.integers(0, 20))):
        ties.append([draw(st.sampled_from(ids)), draw(st.sampled_from(ids)),
                     draw(st.sampled_from(["advice", "advice", "reports_to"])), draw(st.sampled_from(["", "undirected"]))])
    return people, ties


def _numbers(result) -> tuple:
    people = sorted((p.id, p.formal_rank, p.in_degree, round(p.betweenness, 12), round(p.pagerank, 9), p.depth,
                     p.direct_reports, None if p.mismatch is None else round(p.mismatch, 12)) for p in result.participants)
    alignment = [(c.measure, None if c.spearman is None else round(c.spearman, 12)) for c in result.alignment]
    return (people, alignment, result.direction, {k: None if v is None else round(v, 12)
                                                  for k, v in result.centralization.items()},
            result.reciprocity, sorted(result.articulation_points), sorted(result.hidden_influencers))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_landscapes(), st.randoms(use_true_random=False))
def test_row_order_changes_no_number(tables, rnd: random.Random) -> None:
    people, ties = tables
    first, second = (power(land) for land in load_in_two_orders(rnd, participants=people, relationships=ties))
    assert _numbers(first) == _numbers(second)
    assert [p.id for p in first.participants] == [row[0] for row in people[1:]]
    for value in first.centralization.values():
        assert value is None or -1e-12 <= value <= 1 + 1e-12


def test_equal_betweenness_ties_in_the_ranks_whatever_the_row_order() -> None:
    """Found by the property test above: P4 and P6 have the same betweenness, reached by different
    summation orders when the rows are shuffled; the last-bit noise once moved Spearman's rho."""
    people = [["id", "level"]] + [[f"P{i}", "1"] for i in range(6)] + [["P6", "2"]]
    ties = [["source", "target", "type", "direction"],
            ["P5", "P6", "advice", "undirected"], ["P0", "P4", "advice", ""], ["P1", "P3", "advice", "undirected"],
            ["P4", "P1", "advice", ""], ["P3", "P4", "advice", "undirected"], ["P4", "P6", "advice", "undirected"],
            ["P2", "P3", "advice", ""], ["P5", "P0", "advice", ""], ["P2", "P6", "advice", "undirected"]]
    values = set()
    for seed in range(30):
        for land in load_in_two_orders(random.Random(seed), participants=people, relationships=ties):
            values.add(round(power(land).alignment[1].spearman, 12))
    assert len(values) == 1


def test_articulation_points_and_pagerank_are_networkx_s() -> None:
    """Both are computed on the tie arrays (igraph's articulation points; networkx's PageRank
    iteration on the same sparse matrix): the same set, and the same floats to the last bit, as
    networkx on the graph, on random graphs with one-way, mutual and dangling ties."""
    from landscape.passes.power import _articulation_points, _pagerank
    from landscape.passes.ties import TieSelection

    for seed in range(40):
        rng = random.Random(seed)
        n = rng.randint(2, 40)
        graph = nx.gnm_random_graph(n, rng.randint(0, 3 * n), seed=seed, directed=True)
        graph.remove_edges_from(nx.selfloop_edges(graph))
        graph = nx.relabel_nodes(graph, {v: f"P{v}" for v in graph})
        ties = TieSelection.from_graph(graph, ("advice",), graph.number_of_edges())
        assert _articulation_points(ties) == set(nx.articulation_points(graph.to_undirected())), seed
        assert _pagerank(ties) == nx.pagerank(graph, alpha=0.85, weight=None), seed
    assert power(load(sample_path("krackhardt-hightech"))).articulation_points == ()  # advice has no cut point


def test_nobody_sought_out_lists_nobody_and_says_why(csv_input) -> None:
    """The reviewer's repro: only reporting lines, so every in-degree on the learning ties is 0.
    Average ranks then put everyone at in-degree rank 2.5 of 4, and Ann (level 1, seniority rank
    1) at mismatch (2.5 - 1) / 4 = 0.375: she was listed as "sought out far more than their
    formal rank would suggest" though nobody is sought out at all."""
    people = [["id", "name", "level"], ["a", "Ann", 1], ["b", "Bob", 2], ["c", "Cat", 3], ["d", "Dan", 3]]
    ties = [["source", "target", "type"], ["b", "c", "reports_to"], ["a", "b", "reports_to"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    assert result.participant("a").mismatch == pytest.approx(0.375)
    assert (result.hidden_influencers, result.formal_only) == ((), ())
    kinds = [f.kind for f in findings_for("power", result)]
    assert "sought-beyond-rank" not in kinds and "concentration" not in kinds  # no learning tie: nothing concentrated
    [alike] = [f for f in findings_for("power", result) if f.kind == "sought-out-alike"]
    assert alike.statement == ("Nobody is sought out: no learning tie is recorded, so there is nothing to set beside "
                               "formal rank: nobody is listed as sought out beyond their rank, or as holding rank that "
                               "goes unsought.")
    assert dict(alike.numbers) == {"in_degree": 0, "ranked": 4}


def test_everyone_sought_out_equally_is_spread_evenly(csv_input) -> None:
    """A directed cycle a -> b -> c -> a: in-degree 1 each, so Freeman in-degree centralization is
    sum(1 - 1) / (n-1)^2 = 0, and each person's betweenness is 1 (the one path through them), so
    betweenness centralization is 0 too. It was called "concentrated"; and a, at the bottom of
    three levels with in-degree rank 2 of 3, was listed at mismatch (2 - 1) / 3 = 0.33."""
    people = [["id", "name", "level"], ["a", "Ann", 1], ["b", "Bob", 2], ["c", "Cat", 3]]
    ties = [["source", "target"], ["a", "b"], ["b", "c"], ["c", "a"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    assert result.centralization["in_degree"] == 0.0 and result.centralization["betweenness"] == 0.0
    assert result.hidden_influencers == () and result.formal_only == ()
    [concentration] = [f for f in findings_for("power", result) if f.kind == "concentration"]
    assert concentration.statement.startswith("Being sought out is spread evenly: in-degree centralization 0.00, "
                                              "betweenness centralization 0.00")
    [alike] = [f for f in findings_for("power", result) if f.kind == "sought-out-alike"]
    assert alike.statement.startswith("Everyone with a seniority is sought out equally often (by 1 person each)")


def test_concentration_words_follow_the_value(krackhardt) -> None:
    """Krackhardt's advice: in-degree centralization 0.47 (MEASURES §4.2), below 0.5."""
    [finding] = [f for f in findings_for("power", power(krackhardt, relations=["advice"])) if f.kind == "concentration"]
    assert finding.statement.startswith("Being sought out is somewhat concentrated: in-degree centralization 0.47")


def test_constant_ratings_list_nobody(csv_input) -> None:
    """Everyone rated 5 (the reviewer's influence_one). In-degrees a, b, c, d 1 and e, f 0: ranks
    4.5 and 1.5 against a rated rank of 3.5 for all, so e and f had a gap of (1.5 - 3.5) / 6 = -0.33
    and were listed as rated above what the ties show, though the ratings say nothing apart."""
    people = [["id", "name", "influence"]] + [[pid, pid.upper(), 5] for pid in "abcdef"]
    ties = [["source", "target"], ["a", "b"], ["b", "c"], ["c", "d"], ["e", "a"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    assert result.rated_alignment[0].spearman is None
    assert (result.rated_above_structure, result.structure_above_rating) == ((), ())
    [alike] = [f for f in findings_for("power", result) if f.kind == "rated-influence-alike"]
    assert alike.statement.startswith("Everyone rated has the same influence (5)")


def test_only_people_on_a_reporting_cycle_are_in_it(csv_input) -> None:
    """a and b report to each other; c reports to a, below the cycle but not on it."""
    people = [["id"], ["a"], ["b"], ["c"], ["d"]]
    ties = [["source", "target", "type"], ["a", "b", "reports_to"], ["b", "a", "reports_to"], ["c", "a", "reports_to"],
            ["d", "c", "advice"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    assert result.reporting["in_cycles"] == ["a", "b"]
    assert [result.participant(pid).depth for pid in "abcd"] == [None, None, None, None]  # no root to count from


def test_counts_of_one_in_sentences(csv_input) -> None:
    """Levels a 2, b 1, c 1; ties b -> a, a -> b, c -> a: upward b -> a and c -> a (2), downward
    a -> b (1), none lateral; one mutual pair (a, b) and one one-way tie, so edgewise reciprocity
    2 x 1 / 3 = 67%; a is the one cut point."""
    people = [["id", "level"], ["a", 2], ["b", 1], ["c", 1]]
    ties = [["source", "target"], ["b", "a"], ["a", "b"], ["c", "a"]]
    result = power(load(csv_input(participants=people, relationships=ties)))
    statements = {f.kind: f.statement for f in findings_for("power", result)}
    assert statements["direction"] == ("Ties run upward 2 times (to someone more senior), downward 1 time and "
                                       "laterally 0 times.")
    assert statements["reciprocity"] == "67% of ties are returned (edgewise reciprocity; 1 mutual pair, 1 one-way)."
    assert statements["cut-points"].startswith("1 person holds parts of the landscape together")


def test_sampled_betweenness_is_seeded_unbiased_and_said_so(krackhardt) -> None:
    from landscape.passes.ties import learning_ties
    from landscape.passes.power import _betweenness

    ties = learning_ties(krackhardt, ["advice"])
    exact, how = _betweenness(ties, directed=True)
    assert how["method"] == "exact"
    full, _ = _betweenness(ties, directed=True, sources=21)  # every source: the exact values
    assert full == pytest.approx(exact)
    one, how = _betweenness(ties, directed=True, sources=7, seed=3)
    again, _ = _betweenness(ties, directed=True, sources=7, seed=3)
    assert one == again and how == {"method": "sampled", "sources": 7, "seed": 3, "accuracy": None}
    # unbiased: averaged over many samples the estimate approaches the exact value
    runs = [_betweenness(ties, directed=True, sources=7, seed=seed)[0] for seed in range(400)]
    mean = {node: sum(run[node] for run in runs) / len(runs) for node in exact}
    top = sorted(exact, key=exact.get, reverse=True)[:5]
    assert [mean[node] for node in top] == pytest.approx([exact[node] for node in top], rel=0.1)
    result = power(krackhardt, relations=["advice"], level_order="lower-is-senior", betweenness_sources=7)
    assert result.betweenness_estimate["method"] == "sampled"
    how_text = next(f.how for f in findings_for("power", result) if f.kind == "concentration")
    assert "Betweenness is estimated, not exact: from 7 source people drawn with seed 1" in how_text


def test_bridges_are_networkx_bridges() -> None:
    from landscape.passes.ties import TieSelection
    from landscape.passes.power import _bridges

    for seed in range(20):
        graph = nx.gnm_random_graph(40, 45, seed=seed, directed=True)
        ties = TieSelection.from_graph(nx.DiGraph(graph), ("tie",), 45, 0, 0)
        expected = sorted(tuple(sorted((str(u), str(v)))) for u, v in nx.bridges(nx.Graph(graph.to_undirected())))
        assert list(_bridges(ties)) == expected


def test_power_view_finds_the_layers_once(monkeypatch) -> None:
    """The layers are computed from every person: the view asks once, not once a node (at 10,000
    people asking per node took 64 s of the atlas)."""
    from landscape.passes.power import PowerResult
    from landscape.render.views.power import power_view

    land = load(sample_path("clinical-simulation"))
    result = power(land)
    calls = []
    original = PowerResult.layers.fget
    monkeypatch.setattr(PowerResult, "layers", property(lambda self: calls.append(1) or original(self)))
    data = power_view(land, None, None, result=result)
    assert len(calls) == 1
    assert {node["layer"] for node in data["nodes"]} == {row["level"] for row in data["layout"]["rows"]}


def _reporting_by_networkx(people, lines):
    """The reporting tree as networkx measured it before (the reference for the array version)."""
    tree = nx.DiGraph()
    tree.add_edges_from((s, t) for s, t in lines if s != t)
    direct_reports = {node: count for node, count in tree.in_degree()}
    roots = [node for node in people if node in tree and tree.out_degree(node) == 0]
    depth = {}
    if roots:
        top = object()
        reversed_tree = tree.reverse(copy=True)
        reversed_tree.add_edges_from((top, root) for root in roots)
        distance = nx.single_source_shortest_path_length(reversed_tree, top)
        depth = {node: distance[node] - 1 for node in tree if node in distance}
    cyclic = {node for component in nx.strongly_connected_components(tree) if len(component) > 1 for node in component}
    for node in tree:
        depth.setdefault(node, None)
    return {"ties": len(lines), "direct_reports": direct_reports, "roots": roots, "depth": depth,
            "in_cycles": [node for node in people if node in cyclic]}


def test_reporting_tree_on_arrays_is_networkx_s() -> None:
    """Depths, direct reports, roots and cycles (and the order of each) as networkx gave them, on
    random reporting lines with cycles, self-lines, repeated lines and people outside the tree."""
    from types import SimpleNamespace

    import pandas as pd

    from landscape.passes.power import _reporting

    for seed in range(60):
        rng = random.Random(seed)
        people = [f"P{i}" for i in range(rng.randint(1, 30))]
        lines = [(rng.choice(people), rng.choice(people)) for _ in range(rng.randint(0, 40))]
        frame = pd.DataFrame({"source": [s for s, _ in lines], "target": [t for _, t in lines],
                              "type": ["reports_to"] * len(lines)})
        fake = SimpleNamespace(relationships=frame, graph=nx.MultiDiGraph())
        fake.graph.add_nodes_from(people)
        found = _reporting(fake)
        expected = _reporting_by_networkx(people, lines)
        for key in expected:
            assert found[key] == expected[key], (seed, key)
            if isinstance(expected[key], dict):
                assert list(found[key]) == list(expected[key]), (seed, key)

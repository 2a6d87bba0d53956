"""The Voices pass: hand-computed on a small landscape, against MEASURES §3 and §11, and on the sample."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape import UnknownAttribute, UnknownRelation, load, sample_path
from landscape.passes import voices
from landscape.passes.diversity import tie_diversity
from landscape.passes.ties import learning_ties
from landscape.findings import findings_for
from tests.conftest import load_in_two_orders, write_csv_folder

PEOPLE = [
    ["id", "name", "stakeholder_group"],
    ["N1", "Nia", "nurse"], ["N2", "Ned", "nurse"], ["N3", "Nora", "nurse"],
    ["D1", "Dev", "doctor"], ["D2", "Dee", "doctor"],
    ["S1", "Sam", "student"], ["S2", "Sol", "student"],
    ["P1", "Pat", "patient"],
]
TIES = [
    ["source", "target", "type", "direction"],
    ["S1", "N1", "advice", ""], ["S2", "N1", "advice", ""], ["S1", "D1", "advice", ""], ["N2", "N1", "advice", ""],
    ["N3", "N1", "advice", ""], ["D2", "D1", "advice", ""], ["N1", "D1", "advice", ""], ["D1", "N2", "advice", ""],
    ["P1", "N3", "advice", ""], ["N2", "N3", "collaboration", "undirected"],
    ["N1", "D1", "advice", ""],  # the same tie again: collapsed
    ["S2", "S2", "advice", ""],  # a self-tie: left out
    ["D1", "N1", "reports_to", ""],  # formal: left out by default
]
ROSTER = [
    ["stakeholder_group", "expected", "expected_share", "why"],
    ["Nurse", "2", "", "they run it"],  # case differs from the participants' "nurse": still the same voice
    ["doctor", "3", "", ""],
    ["student", "", "0.5", ""],
    ["patient", "2", "", "care is for them"],
    ["pharmacist", "1", "", "medicines"],
]


@pytest.fixture
def small(csv_input: Callable[..., Path]):
    return load(csv_input(participants=PEOPLE, relationships=TIES, voices=ROSTER))


def test_ties_measured_and_what_was_dropped(small) -> None:
    result = voices(small)
    assert result.ties == {"relations": ["advice", "collaboration"], "rows": 12, "self_ties_dropped": 1,
                           "parallel_collapsed": 1, "arcs": 11,
                           "left_out": {"reports_to": "formal"}, "pairs": 10, "confirm": None, "confirmed": None,
                           "one_sided": None, "response": None}


def test_representation_against_the_roster_by_hand(small) -> None:
    result = voices(small)
    rows = [(g.group, g.present, g.expected, g.expected_share, g.share, g.representation_ratio, g.ratio_basis, g.status)
            for g in result.groups]
    assert rows == [
        ("nurse", 3, 2, None, 3 / 8, 1.5, "count", "present"),
        ("doctor", 2, 3, None, 2 / 8, pytest.approx(2 / 3), "count", "under-represented"),
        ("student", 2, None, 0.5, 2 / 8, 0.5, "share", "present"),  # ratio 0.5 is not below the threshold
        ("patient", 1, 2, None, 1 / 8, 0.5, "count", "under-represented"),
        ("pharmacist", 0, 1, None, 0.0, 0.0, "count", "missing"),
    ]
    student = result.group("student")
    assert student.p_value == pytest.approx((1 + 8 + 28) / 2**8)  # P(X <= 2), X ~ Binomial(8, 0.5)
    assert student.p_value_holm == student.p_value  # one test: nothing to adjust
    assert result.group("nurse").p_value is None
    # D over the groups with a share (students), the rest pooled: 1/2 (|0.25 - 0.5| + |0.75 - 0.5|).
    assert result.dissimilarity == pytest.approx(0.25)
    assert voices(small, threshold=0.6).group("student").status == "under-represented"


def test_voice_share_and_silence_ratio_by_hand(small) -> None:
    result = voices(small)
    # In-degrees on the simple graph: N1 4, D1 3, N2 2 (D1, N3), N3 2 (P1, N2); 11 in all.
    expected = {"nurse": (8, 8 / 11, (8 / 11) / (3 / 8)), "doctor": (3, 3 / 11, (3 / 11) / (2 / 8)),
                "student": (0, 0.0, 0.0), "patient": (0, 0.0, 0.0), "pharmacist": (0, None, None)}
    for group, (in_ties, share, silence) in expected.items():
        got = result.group(group)
        assert (got.in_ties, got.voice_share, got.silence_ratio) == (in_ties, pytest.approx(share) if share is not None
                                                                     else None, pytest.approx(silence)
                                                                     if silence is not None else None), group


def test_people_by_hand(small) -> None:
    people = {p.id: p for p in voices(small).participants}
    assert {pid: (p.in_degree, p.out_degree, p.neighbours) for pid, p in people.items()} == {
        "N1": (4, 1, 5), "N2": (2, 2, 3), "N3": (2, 2, 3), "D1": (3, 1, 4), "D2": (0, 1, 1),
        "S1": (0, 2, 2), "S2": (0, 1, 1), "P1": (0, 1, 1)}
    assert [pid for pid, p in people.items() if p.pendant] == ["D2", "S2", "P1"]
    assert [pid for pid, p in people.items() if p.in_isolate] == ["D2", "S1", "S2", "P1"]
    assert not any(p.isolate or p.out_isolate for p in people.values())
    # k-cores: the pendants are in the 1-shell, everyone else in the 2-core (no 3-core).
    assert {pid: p.coreness for pid, p in people.items()} == {
        "N1": 2, "N2": 2, "N3": 2, "D1": 2, "D2": 1, "S1": 2, "S2": 1, "P1": 1}
    # Onion layers: pendants peeled first; then N3 and S1 (degree 2 once the pendants are gone);
    # then N1, D1, N2 together.
    assert {pid: p.onion_layer for pid, p in people.items()} == {
        "N1": 3, "N2": 3, "N3": 2, "D1": 3, "D2": 1, "S1": 2, "S2": 1, "P1": 1}
    assert {pid: p.participation_level for pid, p in people.items()} == {
        "N1": "core", "N2": "core", "N3": "occasional", "D1": "core", "D2": "peripheral", "S1": "occasional",
        "S2": "peripheral", "P1": "peripheral"}
    # N1's alters: S1, S2 (student), N2, N3 (nurse), D1 (doctor); K = 4 groups among participants.
    n1 = people["N1"]
    assert (n1.alters, n1.range) == (5, 3)
    assert n1.blau == pytest.approx(1 - (0.4**2 + 0.4**2 + 0.2**2))
    assert n1.iqv == pytest.approx(0.64 / (1 - 1 / 4))
    assert n1.shannon == pytest.approx(-(2 * 0.4 * math.log(0.4) + 0.2 * math.log(0.2)))
    assert (people["P1"].blau, people["P1"].shannon, people["P1"].range) == (0.0, 0.0, 1)


def test_groups_linked_to_the_rest_by_one_person(small) -> None:
    result = voices(small)
    assert result.group("patient").outside_contacts == ("N3",)
    assert result.group("doctor").members_linking_out == ("D1",)
    assert set(result.group("nurse").outside_contacts) == {"S1", "S2", "D1", "P1"}


def test_findings_by_hand(small) -> None:
    findings = findings_for("voices", voices(small))
    # The students are two: too few for a share of the ties to be a finding (MIN_GROUP_FOR_SHARES).
    assert [f.kind for f in findings] == ["thin-voice", "single-link", "thin-voice", "single-contact",
                                          "missing-voice", "dissimilarity", "in-isolates", "participation-levels"]
    by_kind = {f.kind: f for f in findings}
    assert by_kind["missing-voice"].statement == (
        "Pharmacist: expected (1), but nobody from this group takes part. Expected because: medicines")
    assert by_kind["single-contact"].statement == (
        "Every tie between patient and the rest of the landscape runs through one person outside the group (Nora).")
    assert by_kind["in-isolates"].statement == (
        "4 people take part but are named by nobody (student 2, doctor 1, patient 1).")
    for finding in findings:
        assert finding.discipline == "voices"
        assert finding.question.endswith("?") or "Voices sheet" in finding.question
        assert finding.how


def test_no_roster_still_reports_the_groups(csv_input) -> None:
    result = voices(load(csv_input(participants=PEOPLE, relationships=TIES)))
    assert not result.roster_given
    assert [(g.group, g.status) for g in result.groups] == [
        ("nurse", "unexpected"), ("doctor", "unexpected"), ("student", "unexpected"), ("patient", "unexpected")]
    assert findings_for("voices", result)[0].kind == "no-roster"
    assert "unexpected-voice" not in [f.kind for f in findings_for("voices", result)]
    assert result.dissimilarity is None


def test_relations_and_attribute_options(small) -> None:
    advice = voices(small, relations=["Advice"])
    assert advice.ties["relations"] == ["advice"] and advice.ties["arcs"] == 9
    formal = voices(small, relations=["reports_to"])
    assert formal.ties["arcs"] == 1
    by_name = voices(small, by="name")
    assert {g.group for g in by_name.groups} == {"Nia", "Ned", "Nora", "Dev", "Dee", "Sam", "Sol", "Pat",
                                                "Nurse", "doctor", "student", "patient", "pharmacist"}
    with pytest.raises(UnknownRelation, match="no relationship of type 'friendship'; the types are: advice, "
                                              "collaboration, reports_to"):
        voices(small, relations=["friendship"])
    with pytest.raises(UnknownAttribute, match="no participant has an attribute 'voice'"):
        voices(small, by="voice")


def test_result_to_dict_has_the_documented_keys(small) -> None:
    document = voices(small).to_dict()
    assert set(document["groups"][0]) >= {"group", "present", "expected", "expected_share", "share",
                                          "representation_ratio", "p_value", "status", "voice_share", "silence_ratio"}
    assert set(document["participants"]["N1"]) >= {"in_degree", "out_degree", "coreness", "participation_level",
                                                   "blau", "iqv", "shannon"}
    assert document["isolates"] == {"isolated": [], "in_isolates": ["D2", "S1", "S2", "P1"], "out_isolates": []}
    assert document["levels"] == {"core": 3, "active": 0, "occasional": 2, "peripheral": 3}


# Reference values from MEASURES §3.3, §3.4 and §11.

def test_krackhardt_advice_diversity_by_department() -> None:
    """MEASURES §3.4 worked numbers: out-ties, category = department, K = 5; scipy agrees to 1e-12."""
    land = load(sample_path("krackhardt-hightech"))
    ties = learning_ties(land, ["advice"])
    labels = {node: (department,) for node, department in land.graph.nodes(data="department")}
    d = tie_diversity(ties, labels, alters="out")
    assert d.categories == (0, 1, 2, 3, 4)
    row = {node: position for position, node in enumerate(d.nodes)}
    expected = {  # node: (range, Blau, IQV, H nats, J)
        "7": (4, 0.6562, 0.8203, 1.2130, 0.7537),
        "21": (5, 0.7438, 0.9298, 1.4681, 0.9122),
        "18": (5, 0.6920, 0.8651, 1.3654, 0.8484),
        "2": (2, 0.4444, 0.5556, 0.6365, 0.3955),
        "6": (1, 0.0, 0.0, 0.0, 0.0),
    }
    for node, (rng, blau, iqv, nats, evenness) in expected.items():
        i = row[node]
        assert (int(d.range[i]), round(d.blau[i], 4), round(d.iqv[i], 4), round(d.shannon[i], 4),
                round(d.evenness[i], 4)) == (rng, blau, iqv, nats, evenness), node
    assert d.shannon[row["7"]] / math.log(2) == pytest.approx(1.75)  # in bits


def test_diversity_agrees_with_scipy_entropy_on_every_krackhardt_manager() -> None:
    from scipy.stats import entropy

    land = load(sample_path("krackhardt-hightech"))
    ties = learning_ties(land, ["advice"])
    labels = {node: (department,) for node, department in land.graph.nodes(data="department")}
    d = tie_diversity(ties, labels, alters="out")
    for position, node in enumerate(d.nodes):
        counts = Counter(labels[alter][0] for alter in ties.graph.successors(node))
        assert d.shannon[position] == pytest.approx(entropy(list(counts.values())), abs=1e-12)
        assert d.alters[position] == ties.graph.out_degree(node)


def _karate(folder: Path) -> Path:
    graph = nx.karate_club_graph()
    people = [["id", "community"]] + [[str(node), data["club"]] for node, data in graph.nodes(data=True)]
    ties = [["source", "target", "direction"]] + [[str(u), str(v), "undirected"] for u, v in graph.edges]
    return write_csv_folder(folder, participants=people, relationships=ties)


def test_karate_shells(tmp_path: Path) -> None:
    """MEASURES §3.3: karate shells {1, 2, 3, 4}, with 10 people in the 4-core."""
    result = voices(load(_karate(tmp_path / "karate")), by="community")
    shells = Counter(p.coreness for p in result.participants)
    assert shells == {1: 1, 2: 11, 3: 12, 4: 10}
    assert result.largest_coreness == 4
    assert result.ties["arcs"] == 2 * 78


def test_diversity_with_several_categories_per_person_splits_them(csv_input) -> None:
    people = [["id", "community"], ["E", "X"], ["A", "X;Y"], ["B", "Y"]]
    ties = [["source", "target"], ["E", "A"], ["E", "B"]]
    land = load(csv_input(participants=people, relationships=ties))
    d = tie_diversity(learning_ties(land), {n: c for n, c in land.graph.nodes(data="community")}, alters="out")
    # E's alters: A counts 1/2 to X and 1/2 to Y, B counts 1 to Y: p = (1/4, 3/4).
    assert d.blau[0] == pytest.approx(1 - (0.25**2 + 0.75**2))
    assert (int(d.alters[0]), int(d.range[0])) == (2, 2)
    assert math.isnan(d.blau[1]) and d.alters[1] == 0  # A named nobody: undefined, not zero


# The sample's story (samples/README.md).

def test_the_sample_finds_what_its_readme_describes() -> None:
    result = voices(load(sample_path("clinical-simulation")))
    status = {g.group: g.status for g in result.groups}
    assert [g for g, s in status.items() if s == "missing"] == ["pharmacists", "paramedics"]
    assert [g for g, s in status.items() if s == "under-represented"] == ["allied health faculty", "patient advisors"]
    assert [g for g, s in status.items() if s == "unexpected"] == ["regional network staff", "university leaders"]
    unheard = {f.subjects[0] for f in findings_for("voices", result) if f.kind == "unheard-voice"}
    assert {"nursing students", "medical students"} <= unheard
    [contact] = [f for f in findings_for("voices", result) if f.kind == "single-contact"]
    assert contact.subjects == ("patient advisors", "P054")
    assert "Leila Lindqvist" in contact.statement
    students = [result.group("nursing students"), result.group("medical students")]
    assert sum(g.present for g in students) == 27


# Invariants, whatever the input.

@st.composite
def _landscapes(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    n = draw(st.integers(2, 10))
    ids = [f"P{i}" for i in range(n)]
    groups = ["a", "b", "c", ""]
    people = [["id", "stakeholder_group"]] + [[pid, draw(st.sampled_from(groups))] for pid in ids]
    ties = [["source", "target", "type", "direction"]]
    for _ in range(draw(st.integers(0, 20))):
        ties.append([draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(st.sampled_from(["advice", "work"])),
                     draw(st.sampled_from(["", "undirected"]))])
    roster = [["stakeholder_group", "expected", "expected_share"], ["a", "2", ""], ["d", "1", ""], ["b", "", "0.3"]]
    return people, ties, roster


def _numbers(result) -> tuple:
    groups = sorted((g.group, g.present, g.status, g.representation_ratio, g.p_value, g.in_ties,
                     None if g.voice_share is None else round(g.voice_share, 12)) for g in result.groups)
    people = sorted((p.id, p.in_degree, p.out_degree, p.coreness, p.onion_layer, p.participation_level, p.range,
                     None if p.blau is None else round(p.blau, 12)) for p in result.participants)
    return groups, people, result.dissimilarity, result.ties["arcs"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_landscapes(), st.randoms(use_true_random=False))
def test_row_order_changes_no_number_and_everyone_is_in_the_result(tables, rnd: random.Random) -> None:
    people, ties, roster = tables
    first, second = (voices(land) for land in load_in_two_orders(rnd, participants=people, relationships=ties,
                                                                  voices=roster))
    assert _numbers(first) == _numbers(second)
    assert [p.id for p in first.participants] == [row[0] for row in people[1:]]
    assert sum(g.present for g in first.groups) + len(first.unrecorded) == len(people) - 1
    for group in first.groups:
        assert 0 <= group.share <= 1
        if group.voice_share is not None:
            assert 0 <= group.voice_share <= 1
    assert sum(first.levels.values()) == len(people) - 1


def test_findings_about_one_person_agree_in_number(csv_input) -> None:
    land = load(csv_input(participants=[["id", "stakeholder_group"], ["A", "nurses"], ["B", ""], ["C", "doctors"]],
                          relationships=[["source", "target"], ["A", "B"], ["B", "C"]]))
    statements = [f.statement for f in findings_for("voices", voices(land))]
    assert "1 person takes part but is named by nobody (nurses 1)." in statements
    assert any(s.startswith("1 person named nobody but was named by others:") for s in statements)
    assert "1 person has no stakeholder_group recorded." in statements


def test_thin_voice_sentence_gives_the_expectation_that_decided_the_status(csv_input) -> None:
    """Six people: g0 3, g1 2, g2 1. g0 (4 expected, 25%) is short only of the count: its share is
    3/6 = 50%, ratio 2.00 (the sentence once reported that, for a status the count decided). g2
    (1, 50%) is short only of the share: 1/6 = 17%, ratio 0.33, p = P(X <= 1 | 6, 0.5) = 7/64 =
    0.109. g1 (3, 80%) is short of both: 2 < 3, and 2/6 / 0.8 = 0.42 with p = P(X <= 2 | 6, 0.8) =
    0.2^6 + 6(0.8)0.2^5 + 15(0.8^2)0.2^4 = 0.01696."""
    people = [["id", "stakeholder_group"], ["a", "g0"], ["b", "g0"], ["c", "g0"], ["d", "g1"], ["e", "g1"], ["f", "g2"]]
    roster = [["stakeholder_group", "expected", "expected_share"], ["g0", 4, 0.25], ["g1", 3, 0.8], ["g2", 1, 0.5]]
    result = voices(load(csv_input(participants=people, relationships=[["source", "target"], ["a", "d"]],
                                   voices=roster)))
    assert [g.status for g in result.groups] == ["under-represented"] * 3
    assert result.group("g1").p_value == pytest.approx(0.01696)
    thin = [f.statement for f in findings_for("voices", result) if f.kind == "thin-voice"]
    # Six participants are too few for the binomial test to be stated (it stays in the data).
    assert thin == [
        "G0: 3 take part where 4 are expected.",
        "G1: 2 take part where 3 are expected; 33% of participants against an expected 80% (representation ratio "
        "0.42, below 0.5).",
        "G2: 17% of participants against an expected 50% (representation ratio 0.33, below 0.5).",
    ]


def test_a_roster_expecting_none_is_not_missing(csv_input) -> None:
    """The reviewer's v_zero: 0 (or 0%) on the roster means not expected. Absent, such a group was
    "missing" with "expected ()"; present, it was "present" rather than unexpected."""
    people = [["id", "stakeholder_group"], ["a", "g0"], ["b", "g0"], ["c", "g1"], ["d", "G1 "]]
    roster = [["stakeholder_group", "expected", "expected_share"], ["pharmacists", 0, ""], ["nurses", "", 0],
              ["g0", 0, "0%"], ["g1", 1, "100%"]]
    result = voices(load(csv_input(participants=people, relationships=[["source", "target"], ["a", "b"]],
                                   voices=roster)))
    assert [(g.group, g.present, g.status) for g in result.groups] == [
        ("pharmacists", 0, "not-expected"), ("nurses", 0, "not-expected"), ("g0", 2, "unexpected"),
        ("g1", 2, "present")]
    statements = [f.statement for f in findings_for("voices", result)]
    assert not any("()" in s or "missing" in s for s in statements)
    assert "G0: 2 take part where the roster expects none." in statements
    assert not any(f.kind == "missing-voice" for f in findings_for("voices", result))


def test_counts_of_one_in_group_sentences(csv_input) -> None:
    people = [["id", "stakeholder_group"], ["a", "nurse"], ["b", "doctor"], ["c", "doctor"]]
    ties = [["source", "target"], ["b", "c"]]
    alone = voices(load(csv_input(participants=[["id", "stakeholder_group"], ["a", "nurse"], ["b", ""]],
                                  relationships=[["source", "target"], ["a", "b"]])))
    assert findings_for("voices", alone)[0].statement == ("No roster of expected voices was given, so the one group present is listed "
                                           "but cannot be called missing or thin.")
    roster = [["stakeholder_group", "expected"], ["nurse", 2], ["doctor", 2]]
    result = voices(load(csv_input(participants=people, relationships=ties, voices=roster)))
    statements = [f.statement for f in findings_for("voices", result)]
    assert "Nurse: 1 takes part where 2 are expected (representation ratio 0.50)." in statements
    assert "Nurse: the one member has no tie to anyone outside the group." in statements
    assert "Doctor: none of the 2 has a tie to anyone outside the group." in statements
    assert "1 person has no tie of type tie." in statements


def test_cores_onion_layers_and_neighbour_order_are_networkx_s() -> None:
    """Voices measures on the tie arrays: core numbers, onion layers and each person's neighbours
    (in the order networkx's undirected graph lists them, which orders outside contacts) equal
    networkx's on random graphs with isolates, paths and dense parts."""
    from landscape.passes.cores import core_numbers, onion_layers
    from landscape.passes.ties import TieSelection

    for seed in range(60):
        rng = random.Random(seed)
        n = rng.randint(1, 50)
        graph = nx.gnm_random_graph(n, rng.randint(0, 4 * n), seed=seed, directed=True)
        if seed % 4 == 0:
            graph.add_edges_from(nx.path_graph(range(n, n + 12)).edges)  # a long path: many layers
        graph.add_nodes_from(range(n + 12, n + 15))  # isolates
        graph.remove_edges_from(nx.selfloop_edges(graph))
        ties = TieSelection.from_graph(graph, ("advice",), graph.number_of_edges())
        undirected = ties.undirected
        indptr, indices = ties.neighbours
        nodes = ties.nodes
        assert [[nodes[i] for i in indices[indptr[k]:indptr[k + 1]]] for k in range(len(nodes))] == \
            [list(undirected[node]) for node in nodes], seed
        assert core_numbers(indptr, indices).tolist() == [nx.core_number(undirected)[v] for v in nodes], seed
        assert onion_layers(indptr, indices).tolist() == [nx.onion_layers(undirected)[v] for v in nodes], seed

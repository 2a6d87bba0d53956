"""Leadership pass checked against independent computations (networkx / numpy / by hand).

Every expected number here is computed in the test from the edge list it wrote, never with
landscape's own functions; the pass is run through the command line (JSON), and a few times
through the Python API.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner

from landscape.cli import main
from tests.conftest import write_csv_folder

APPROX = {"abs": 1e-6}
PEOPLE_HEADER = ["id", "name", "community", "level"]
TIES_HEADER = ["source", "target", "type", "direction", "weight"]
STANDARD = ["agenda activists", "community keepers", "critical friends", "social reporters",
            "external messengers", "value detectives", "organisational brokers"]


# --- running the pass -------------------------------------------------------------------------

def cli_leadership(folder: Path, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["analyse", str(folder), "--pass", "leadership", "--format", "json", *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["leadership"]


def py_leadership(folder: Path) -> dict[str, Any]:
    import landscape
    from landscape.analysis import analyse

    return analyse(landscape.load(folder), passes=["leadership"]).to_dict()["leadership"]


# --- independent measures ----------------------------------------------------------------------

def nominations_of(rows: list[list[Any]]) -> dict[tuple[str, str], float]:
    """Each distinct ordered pair (i looks to j) with its rating (highest weight among its rows)."""
    rating: dict[tuple[str, str], float] = {}
    for source, target, kind, direction, weight, *_ in rows:
        if kind in ("leads", "leader"):
            source, target = target, source
        arcs = [(source, target)] + ([(target, source)] if direction == "undirected" else [])
        for pair in arcs:
            if pair[0] != pair[1]:
                rating[pair] = max(rating.get(pair, 0.0), float(weight))
    return rating


def expected_measures(ids: list[str], rating: dict[tuple[str, str], float], weighted: bool) -> dict[str, Any]:
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(rating)
    n = len(ids)
    indeg = {pid: graph.in_degree(pid) for pid in ids}
    x = np.array([indeg[pid] for pid in ids], dtype=float)
    if weighted:
        density = sum(rating.values()) / (n * (n - 1) * max(rating.values()))
    else:
        density = len(rating) / (n * (n - 1))
    reciprocated = bool(rating) and all((t, s) in rating for s, t in rating)
    denominator = (n - 1) * (n - 2) if reciprocated else (n - 1) ** 2
    centralization = float((x.max() - x).sum() / denominator) if n >= 3 else None
    # Gini by the mean absolute difference (equal to the sorted-rank formula of the contract)
    gini = float(np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())) if x.sum() else None
    ranked = sorted(x, reverse=True)
    total = x.sum()
    top = {"top1": ranked[0] / total, "top3": sum(ranked[:3]) / total,
           "top10pct": sum(ranked[:math.ceil(0.1 * n)]) / total} if total else None
    most = int(x.max()) if n else 0
    leaders: list[str] = []
    if most >= 2:
        threshold = max(2, math.ceil(0.5 * most))
        leaders = sorted((pid for pid in ids if indeg[pid] >= threshold), key=lambda pid: (-indeg[pid], pid))
    if not rating or not leaders:
        configuration = "none"
    elif len(leaders) == 1 or ranked[0] / total >= 0.5:
        configuration = "leader-centred"
    else:
        among = graph.subgraph(leaders).to_undirected()
        configuration = "distributed-coordinated" if nx.is_connected(among) else "distributed-fragmented"
    return {"nominations": len(rating), "density": density, "centralization": centralization, "gini": gini,
            "top_share": top, "in_degree": indeg, "leaders": leaders, "configuration": configuration}


def check_measures(got: dict[str, Any], want: dict[str, Any]) -> None:
    assert got["nominations"] == want["nominations"]
    assert got["in_degree"] == want["in_degree"]
    assert got["density"] == pytest.approx(want["density"], **APPROX)
    assert got["centralization"] == pytest.approx(want["centralization"], **APPROX)
    assert got["gini"] == pytest.approx(want["gini"], **APPROX)
    if want["top_share"] is not None:
        for key, value in want["top_share"].items():
            assert got["top_share"][key] == pytest.approx(value, **APPROX), key
    assert got["leaders"] == want["leaders"]
    assert got["configuration"] == want["configuration"]


def people(ids: list[str], communities: dict[str, str] | None = None, **columns: dict[str, str]) -> list[list[Any]]:
    communities = communities or {}
    header = PEOPLE_HEADER + list(columns)
    return [header] + [[pid, f"Person {pid}", communities.get(pid, ""), 1]
                       + [col.get(pid, "") for col in columns.values()] for pid in ids]


def random_network(seed: int, n: int, *, weights: bool = False,
                   all_undirected: bool = False) -> tuple[list, list, list]:
    """Participants, relationship rows and ids: skewed nominations with parallel rows, self-ties, a
    few undirected rows, some ``leads``/``leader`` rows, other leadership type names, advice noise, two isolates."""
    rng = random.Random(seed)
    ids = [f"p{i:02d}" for i in range(n)]
    active = ids[:-2]
    popular = rng.sample(active, k=max(1, n // 6))
    weight = (lambda: rng.randint(1, 5)) if weights else (lambda: 1)
    rows: list[list[Any]] = []
    for _ in range(rng.randint(n, 3 * n)):
        source = rng.choice(active)
        target = rng.choice(popular) if rng.random() < 0.5 else rng.choice(active)
        kind = rng.choice(["looks_to"] * 6 + ["follows", "led_by", "leadership"])
        rows.append([source, target, kind, "undirected" if all_undirected else "directed", weight()])
    for kind in ("leads", "leader", "leads"):  # from the leader to the one who follows
        leader, follower = rng.sample(active, 2)
        rows.append([leader, follower, kind, "directed", weight()])
    if not all_undirected:
        for _ in range(2):
            a, b = rng.sample(active, 2)
            rows.append([a, b, "looks_to", "undirected", weight()])
    for _ in range(2):
        pid = rng.choice(active)
        rows.append([pid, pid, "looks_to", "directed", weight()])
    rows += [list(row[:4]) + [weight()] for row in rng.sample(rows, 4)]  # parallel rows
    advice = [[rng.choice(active), rng.choice(ids), "advice", "directed", 1] for _ in range(n)]
    communities = {pid: rng.choice(["north", "south", "east", ""]) for pid in ids}
    return people(ids, communities), [TIES_HEADER] + rows + advice, ids


# --- 1. random networks ------------------------------------------------------------------------

@pytest.mark.parametrize(("seed", "n", "weights", "undirected"), [
    (1, 5, False, False), (2, 9, False, False), (3, 17, False, False), (4, 28, False, False),
    (5, 40, False, False), (6, 23, True, False), (7, 12, False, True)])
def test_random_networks_match_independent_measures(tmp_path: Path, seed: int, n: int, weights: bool,
                                                    undirected: bool) -> None:
    participants, relationships, ids = random_network(seed, n, weights=weights, all_undirected=undirected)
    folder = write_csv_folder(tmp_path / "net", participants=participants, relationships=relationships)
    lead_rows = [row for row in relationships[1:] if row[2] != "advice"]
    want = expected_measures(ids, nominations_of(lead_rows), weighted=weights)
    got = cli_leadership(folder)
    assert got["relation_source"] == "leadership ties"
    check_measures(got, want)
    assert got["coverage"] == {} and got["roles"] is None and got["emergence"] is None


def test_python_api_gives_the_same_measures(tmp_path: Path) -> None:
    participants, relationships, ids = random_network(11, 20)
    folder = write_csv_folder(tmp_path / "net", participants=participants, relationships=relationships)
    want = expected_measures(ids, nominations_of([r for r in relationships[1:] if r[2] != "advice"]), weighted=False)
    check_measures(py_leadership(folder), want)


def test_weighted_density_keeps_the_highest_rating_of_a_pair(tmp_path: Path) -> None:
    ids = ["a", "b", "c", "d"]
    rows = [["a", "b", "looks_to", "directed", 2], ["a", "b", "looks_to", "directed", 5],
            ["c", "b", "looks_to", "directed", 1], ["d", "a", "looks_to", "directed", 3],
            ["d", "d", "looks_to", "directed", 4]]
    folder = write_csv_folder(tmp_path / "w", participants=people(ids), relationships=[TIES_HEADER] + rows)
    got = cli_leadership(folder)
    assert got["nominations"] == 3
    assert got["density"] == pytest.approx((5 + 1 + 3) / (4 * 3 * 5), **APPROX)


def test_fully_reciprocated_centralization_uses_n1_n2(tmp_path: Path) -> None:
    ids = ["a", "b", "c", "d", "e"]
    rows = [["a", "b", "looks_to", "undirected", 1], ["a", "c", "looks_to", "undirected", 1],
            ["a", "d", "looks_to", "directed", 1], ["d", "a", "looks_to", "directed", 1]]
    folder = write_csv_folder(tmp_path / "r", participants=people(ids), relationships=[TIES_HEADER] + rows)
    got = cli_leadership(folder)
    # in-degrees a=3, b=c=d=1, e=0: (0 + 2 + 2 + 2 + 3) / (4 * 3)
    assert got["centralization"] == pytest.approx(9 / 12, **APPROX)


# --- 2. planted configurations -----------------------------------------------------------------

def hubs(with_hub_ties: bool) -> tuple[list, list, list[str]]:
    ids, communities, rows = [], {}, []
    for h in (1, 2, 3):
        hub = f"h{h}"
        ids.append(hub)
        communities[hub] = f"c{h}"
        for f in range(4):
            follower = f"f{h}{f}"
            ids.append(follower)
            communities[follower] = f"c{h}"
            rows.append([follower, hub, "looks_to", "directed", 1])
    if with_hub_ties:
        rows += [[a, b, "looks_to", "directed", 1] for a in ("h1", "h2", "h3") for b in ("h1", "h2", "h3") if a != b]
    return people(ids, communities), [TIES_HEADER] + rows, ids


def test_star_is_leader_centred(tmp_path: Path) -> None:
    ids = list("ABCDEFGH")
    rows = [[pid, "A", "looks_to", "directed", 1] for pid in ids[1:]]
    got = cli_leadership(write_csv_folder(tmp_path / "s", participants=people(ids), relationships=[TIES_HEADER] + rows))
    assert got["configuration"] == "leader-centred"
    assert got["leaders"] == ["A"]
    assert got["centralization"] == pytest.approx(1.0, **APPROX)
    assert got["gini"] == pytest.approx(7 / 8, **APPROX)
    assert got["top_share"]["top1"] == pytest.approx(1.0, **APPROX)


def test_two_leaders_but_one_holds_half_is_leader_centred(tmp_path: Path) -> None:
    ids = ["A", "B"] + [f"x{i}" for i in range(6)]
    arcs = [(f"x{i}", "A") for i in range(6)] + [(f"x{i}", "B") for i in range(3)]  # A 6, B 3 of 9
    rows = [[s, t, "looks_to", "directed", 1] for s, t in arcs]
    got = cli_leadership(write_csv_folder(tmp_path / "two", participants=people(ids),
                                          relationships=[TIES_HEADER] + rows))
    assert got["leaders"] == ["A", "B"]
    assert got["top_share"]["top1"] == pytest.approx(6 / 9, **APPROX)
    assert got["configuration"] == "leader-centred"


@pytest.mark.parametrize(("with_hub_ties", "configuration"),
                         [(True, "distributed-coordinated"), (False, "distributed-fragmented")])
def test_three_hubs(tmp_path: Path, with_hub_ties: bool, configuration: str) -> None:
    participants, relationships, ids = hubs(with_hub_ties)
    got = cli_leadership(write_csv_folder(tmp_path / "h", participants=participants, relationships=relationships))
    assert got["configuration"] == configuration
    assert got["leaders"] == ["h1", "h2", "h3"]
    check_measures(got, expected_measures(ids, nominations_of(relationships[1:]), weighted=False))
    if with_hub_ties:  # each hub named by two hubs from other communities
        assert {g: got["groups"][g]["external"] for g in ("c1", "c2", "c3")} == {"c1": 2, "c2": 2, "c3": 2}
    else:
        assert sorted(got["unseen_groups"]) == ["c1", "c2", "c3"]


def test_ring_is_none(tmp_path: Path) -> None:
    ids = [f"r{i}" for i in range(7)]
    rows = [[ids[i], ids[(i + 1) % 7], "looks_to", "directed", 1] for i in range(7)]
    folder = write_csv_folder(tmp_path / "ring", participants=people(ids), relationships=[TIES_HEADER] + rows)
    got = cli_leadership(folder)
    assert got["configuration"] == "none"
    assert got["leaders"] == []
    assert got["centralization"] == pytest.approx(0.0, **APPROX)
    assert got["gini"] == pytest.approx(0.0, **APPROX)
    assert got["density"] == pytest.approx(7 / 42, **APPROX)


# --- 3. per-group E-I --------------------------------------------------------------------------

def test_group_ei_and_unseen_groups(tmp_path: Path) -> None:
    communities = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "b3": "B", "c1": "C", "c2": "C", "d1": "D"}
    ids = [*communities, "z1"]  # z1 has no community
    arcs = [("a2", "a1"), ("a3", "a1"), ("b1", "a1"), ("z1", "a2"),  # A: I=2, E=1 (z1 skipped)
            ("b2", "b1"), ("b3", "b1"), ("c1", "b2"), ("a1", "b3"),  # B: I=2, E=2
            ("c2", "c1"), ("z1", "c2"), ("a1", "z1")]  # C: I=1, E=0; D has nobody
    rows = [[s, t, "looks_to", "directed", 1] for s, t in arcs]
    got = cli_leadership(write_csv_folder(tmp_path / "g", participants=people(ids, communities),
                                          relationships=[TIES_HEADER] + rows))
    groups = got["groups"]
    assert {g: groups[g]["members"] for g in "ABCD"} == {"A": 3, "B": 3, "C": 2, "D": 1}
    assert (groups["A"]["internal"], groups["A"]["external"]) == (2, 1)
    assert groups["A"]["ei"] == pytest.approx(-1 / 3, **APPROX)
    assert groups["A"]["looked_to"] == ["a1"] and groups["A"]["looked_to_from_outside"] is True
    assert (groups["B"]["internal"], groups["B"]["external"]) == (2, 2)
    assert groups["B"]["ei"] == pytest.approx(0.0, **APPROX)
    assert groups["B"]["looked_to"] == ["b2", "b3"]
    assert (groups["C"]["internal"], groups["C"]["external"], groups["C"]["ei"]) == (1, 0, pytest.approx(-1.0))
    assert groups["C"]["looked_to_from_outside"] is False and groups["C"]["looked_to"] == []
    assert (groups["D"]["internal"], groups["D"]["external"], groups["D"]["ei"]) == (0, 0, None)
    assert sorted(got["unseen_groups"]) == ["C", "D"]


# --- 4. leadership groups ----------------------------------------------------------------------

def test_coverage_and_roles_from_leadership_group_column(tmp_path: Path) -> None:
    communities = {"p1": "X", "p2": "X", "p3": "X", "p4": "Y", "p5": "Y", "p6": "Y"}
    roles = {"p1": "agenda activist", "p2": "organizational broker;community keepers", "p3": "organisational brokers",
             "p4": "critical friend", "p6": "community keeper"}
    rows = [["p2", "p4", "advice", "directed", 1], ["p3", "p1", "advice", "directed", 1],
            ["p1", "p3", "advice", "directed", 1], ["p4", "p6", "advice", "undirected", 1],
            ["p5", "p1", "looks_to", "directed", 1]]
    folder = write_csv_folder(tmp_path / "roles", participants=people(list(communities), communities,
                                                                       leadership_group=roles),
                              relationships=[TIES_HEADER] + rows)
    for got in (cli_leadership(folder), py_leadership(folder)):
        assert got["coverage"] == {
            "X": {"agenda activists": 1, "community keepers": 1, "organisational brokers": 2},
            "Y": {"community keepers": 1, "critical friends": 1}}
        assert got["roles"]["nobody"] == ["social reporters", "external messengers", "value detectives"]
        held = got["roles"]["held"]
        assert set(held) == {"agenda activists", "community keepers", "critical friends", "organisational brokers"}
        assert held["organisational brokers"]["people"] == ["p2", "p3"]
        assert held["community keepers"]["people"] == ["p2", "p6"]
        # brokers: p2-p4 crosses X/Y (E), p1-p3 stays in X (I, the pair once although asked both ways)
        assert (held["organisational brokers"]["internal"], held["organisational brokers"]["external"]) == (1, 1)
        assert (held["agenda activists"]["internal"], held["agenda activists"]["external"]) == (1, 0)
        assert held["agenda activists"]["ei"] == pytest.approx(-1.0, **APPROX)
        assert (held["critical friends"]["internal"], held["critical friends"]["external"]) == (1, 1)
        assert (held["community keepers"]["internal"], held["community keepers"]["external"]) == (1, 1)


# --- 5. emergence across two waves -------------------------------------------------------------

def test_emergence_between_two_stars(tmp_path: Path) -> None:
    ids = list("ABCDEFGH")
    header = TIES_HEADER + ["wave"]
    before = [[pid, "A", "looks_to", "directed", 1, "2024"] for pid in "CDEF"]
    after = [[pid, "B", "looks_to", "directed", 1, "2025"] for pid in "CDEGH"]
    folder = write_csv_folder(tmp_path / "waves", participants=people(ids), relationships=[header] + before + after)
    want_before = expected_measures(ids, nominations_of(before), weighted=False)
    want_after = expected_measures(ids, nominations_of(after), weighted=False)
    for got in (cli_leadership(folder), py_leadership(folder)):
        check_measures(got, want_after)  # the latest wave is measured
        em = got["emergence"]
        assert em is not None
        assert em["new"] == ["B"] and em["no_longer"] == ["A"] and em["leaders_before"] == ["A"]
        assert em["first_looked_to"] == ["B"]
        assert str(em["before"]) == "2024" and str(em["after"]) == "2025"
        assert em["centralization"]["before"] == pytest.approx(want_before["centralization"], **APPROX)
        assert em["centralization"]["after"] == pytest.approx(want_after["centralization"], **APPROX)
        assert em["gini"]["before"] == pytest.approx(want_before["gini"], **APPROX)
        assert em["gini"]["after"] == pytest.approx(want_after["gini"], **APPROX)


# --- 6. the proxy ------------------------------------------------------------------------------

def test_advice_only_is_the_proxy(tmp_path: Path) -> None:
    rng = random.Random(42)
    ids = [f"q{i:02d}" for i in range(15)]
    rows = [[rng.choice(ids[:-1]), rng.choice(ids[:5] if rng.random() < 0.6 else ids[:-1]), "advice", "directed", 1]
            for _ in range(35)]
    rows += [["q01", "q02", "advice", "undirected", 1], ["q03", "q03", "advice", "directed", 1]]
    folder = write_csv_folder(tmp_path / "proxy", participants=people(ids), relationships=[TIES_HEADER] + rows)
    want = expected_measures(ids, nominations_of(rows), weighted=False)
    got = cli_leadership(folder)
    assert got["relation_source"] == "learning ties (proxy)"
    assert got["in_degree"] == want["in_degree"]
    assert got["centralization"] == pytest.approx(want["centralization"], **APPROX)
    assert got["gini"] == pytest.approx(want["gini"], **APPROX)
    assert got["leaders"] == want["leaders"]


# --- the text output ---------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--pass", "leadership"], []])
def test_text_output_runs(tmp_path: Path, args: list[str]) -> None:
    participants, relationships, _ = hubs(True)
    folder = write_csv_folder(tmp_path / "t", participants=participants, relationships=relationships)
    result = CliRunner().invoke(main, ["analyse", str(folder), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()

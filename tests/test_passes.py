"""The pass registry, and every pass on the edge cases an independent review found."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from landscape import PassRegistryError, available_passes, get_pass, load, register_pass
from landscape.cli import main
from landscape.passes import unregister_pass
from landscape.schema import load_schema
from tests.conftest import write_csv_folder, write_workbook


def test_register_run_and_unregister(small_input) -> None:
    spec = register_pass("count-test", lambda land, *, scale=1: {"n": land.graph.number_of_nodes() * scale},
                         description="Counts.")
    try:
        assert "count-test" in available_passes()
        assert get_pass("count-test") is spec
        assert spec(load(small_input), scale=2) == {"n": 8}
        with pytest.raises(PassRegistryError, match="already registered"):
            register_pass("count-test", lambda land: None, description="again")
    finally:
        unregister_pass("count-test")
    assert "count-test" not in available_passes()
    with pytest.raises(PassRegistryError, match="no pass named 'count-test'"):
        get_pass("count-test")
    with pytest.raises(PassRegistryError, match="no pass named"):
        unregister_pass("count-test")


# The reviewer's inputs (one landscape each, as CSV text): no ties, one person, self-ties only,
# reporting lines only, a group called "(none)", "s;t" and "B|C" values, rosters expecting 0, both a
# count and a share, cycles in the nesting and in the reporting lines...
REVIEW_CASES: dict[str, dict[str, str]] = {
    'all_undirected': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,collab,1,undirected,\n'
            'b,c,collab,1,undirected,\nc,d,collab,1,undirected,\nd,e,collab,1,undirected,\n'
            'a,f,collab,1,undirected,\n'
        ),
    },
    'blankcomm': {
        'participants': 'id,community\na,\nb,\nc,\n',
        'relationships': 'source,target\na,b\nb,c\n',
    },
    'group_none': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,,O0,,0,0\n'
            'b,B,(none),O1,(none),1,1\nc,C,,O2,,2,2\nd,D,(none),O0,(none),0,3\ne,E,,O1,,1,4\n'
            'f,F,(none),O2,(none),2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\nc,d,advice,1,directed,\n'
        ),
    },
    'influence_one': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,5\n'
            'b,B,C1,O1,g1,1,5\nc,C,C0,O2,g0,2,5\nd,D,C1,O0,g1,0,5\ne,E,C0,O1,g0,1,5\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\nc,d,advice,1,directed,\ne,a,advice,1,directed,\n'
        ),
    },
    'levels_equal': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,2,0\n'
            'b,B,C1,O1,g1,2,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,2,3\ne,E,C0,O1,g0,2,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\nc,d,advice,1,directed,\ne,a,advice,1,directed,\n'
        ),
    },
    'mutual_all': {
        'participants': 'id,name,community\na,A,C0\nb,B,C1\nc,C,C0\nd,D,C1\ne,E,C0\nf,F,C1\n',
        'relationships': (
            'source,target,type,direction\na,b,advice,mutual\nb,c,advice,mutual\nc,a,advice,mutual\n'
            'd,e,advice,mutual\ne,f,advice,mutual\n'
        ),
    },
    'nest_cycle': {
        'communities': 'community,parent\nC1,C2\nC2,C1\nC3,P3\nC4,C4\nP3,G3\n',
        'participants': (
            'id,name,community,organisation\na,A,C1,O1\nb,B,C2,O1\nc,C,C3,O2\nd,D,C4,O2\ne,E,C1;C3,O1\n'
            'f,F,,O2\n'
        ),
        'relationships': 'source,target,type\na,b,advice\nb,c,advice\nc,d,advice\nd,a,advice\ne,f,advice\na,e,advice\n',
    },
    'nest_ok': {
        'communities': 'community,parent\nC1,P1\nC2,P1\nC3,P2\nC4,P2\nP1,G\nP2,G\n',
        'participants': (
            'id,name,community,organisation\na,A,C1,O1\nb,B,C2,O1\nc,C,C3,O2\nd,D,C4,O2\ne,E,C1;C3,O1\n'
            'f,F,,O2\n'
        ),
        'relationships': 'source,target,type\na,b,advice\nb,c,advice\nc,d,advice\nd,a,advice\ne,f,advice\na,e,advice\n',
    },
    'no_community': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,,O0,g0,0,0\n'
            'b,B,,O1,g1,1,1\nc,C,,O2,g0,2,2\nd,D,,O0,g1,0,3\ne,E,,O1,g0,1,4\nf,F,,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\nd,e,advice,1,directed,\n'
        ),
    },
    'no_community_col': {
        'participants': 'id,name\na,A\nb,B\nc,C\nd,D\ne,E\nf,F\n',
        'relationships': 'source,target\na,b\nb,c\nd,e\n',
    },
    'numeric_ids': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\n1,One,C1,O1,g1,1,5\n'
            '2,Two,C1,O1,g1,1,5\n007,Bond,C2,O1,g1,1,5\n1e3,Thousand,C2,O2,g2,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\n1,2,advice,1,directed,\n'
            '2,007,advice,1,directed,\n007,1e3,advice,1,directed,\n'
        ),
    },
    'one': {
        'participants': 'id,name,community,organisation,stakeholder_group,level,influence\na,Ann,C1,O1,g1,1,5\n',
        'relationships': 'source,target,type,weight,direction,boundary_object\n',
    },
    'one_community': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,Only,O0,g0,0,0\n'
            'b,B,Only,O1,g1,1,1\nc,C,Only,O2,g0,2,2\nd,D,Only,O0,g1,0,3\ne,E,Only,O1,g0,1,4\n'
            'f,F,Only,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\nc,a,advice,1,directed,\nd,e,advice,1,directed,\n'
        ),
    },
    'one_nocols': {
        'participants': 'id\na\n',
        'relationships': 'source,target\n',
    },
    'proto': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level\n'
            '__proto__,<b>x</b>,__proto__,constructor,toString,1\n'
            'constructor,C,hasOwnProperty,__proto__,__proto__,2\nb,B,C1,O,g,3\nc,C,C1,O,g,1\n'
        ),
        'relationships': (
            'source,target,type,direction,boundary_object\n'
            '__proto__,constructor,__proto__,directed,__proto__\n'
            'constructor,b,constructor,directed,constructor\nb,c,toString,directed,\n'
            'c,__proto__,advice,undirected,x\n'
        ),
    },
    'reports_only': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\nb,a,reports_to,1,directed,\n'
            'c,a,reports_to,1,directed,\nd,b,reports_to,1,directed,\n'
        ),
    },
    'rt_cycle': {
        'participants': 'id,name,community\na,A,C0\nb,B,C1\nc,C,C0\nd,D,C1\ne,E,C0\nf,F,C1\n',
        'relationships': (
            'source,target,type,direction\na,b,reports_to,directed\nb,a,reports_to,directed\n'
            'c,a,reports_to,directed\nd,e,advice,directed\ne,f,advice,directed\nc,d,advice,directed\n'
        ),
    },
    'rt_tree_advice': {
        'participants': 'id,name,community\na,A,C0\nb,B,C1\nc,C,C0\nd,D,C1\ne,E,C0\nf,F,C1\n',
        'relationships': (
            'source,target,type,direction\nb,a,reports_to,directed\nc,a,reports_to,directed\n'
            'd,b,reports_to,directed\ne,b,reports_to,directed\nf,c,reports_to,directed\n'
            'd,a,advice,directed\ne,f,advice,directed\nf,e,advice,directed\nb,f,advice,directed\n'
            'c,f,advice,directed\na,f,advice,directed\n'
        ),
    },
    'rt_undirected': {
        'participants': 'id,name,community\na,A,C0\nb,B,C1\nc,C,C0\nd,D,C1\ne,E,C0\nf,F,C1\n',
        'relationships': (
            'source,target,type,direction\nb,a,reports_to,undirected\nc,a,reports_to,directed\n'
            'd,e,advice,directed\n'
        ),
    },
    'self_only': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,a,advice,1,directed,\n'
            'b,b,advice,1,directed,\n'
        ),
    },
    'semicolon_pipe': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,B|C,Y|Z,s;t,0,0\n'
            'b,B,A;B,X;Y,s;t,1,1\nc,C,B|C,Y|Z,s;t,2,2\nd,D,A;B,X;Y,s;t,0,3\ne,E,B|C,Y|Z,s;t,1,4\n'
            'f,F,A;B,X;Y,s;t,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\nc,d,advice,1,directed,\ne,f,advice,1,directed,\n'
        ),
    },
    'star_directed': {
        'participants': 'id,name,community\na,A,C0\nb,B,C1\nc,C,C0\nd,D,C1\ne,E,C0\nf,F,C1\n',
        'relationships': (
            'source,target,type,direction\nb,a,advice,directed\nc,a,advice,directed\nd,a,advice,directed\n'
            'e,a,advice,directed\nf,a,advice,directed\n'
        ),
    },
    'two_noties': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,Ann,C1,O1,g1,1,5\n'
            'b,Bob,C2,O2,g2,2,3\n'
        ),
        'relationships': 'source,target,type,weight,direction,boundary_object\n',
    },
    'two_onetie': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,Ann,C1,O1,g1,1,5\n'
            'b,Bob,C2,O2,g2,2,3\n'
        ),
        'relationships': 'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n',
    },
    'v_zero': {
        'participants': 'id,name,community,stakeholder_group\na,A,C1,g0\nb,B,C1,g0\nc,C,C2,g1\nd,D,C2,G1 \n',
        'relationships': 'source,target,type\na,b,advice\nb,c,advice\nc,d,advice\n',
        'voices': (
            'stakeholder_group,expected,expected_share,why\npharmacists,0,,\nnurses,,0,\ng0,0,0%,\n'
            'g1,1,100%,\n'
        ),
    },
    'voices_both': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\n'
        ),
        'voices': 'stakeholder_group,expected,expected_share,why\ng0,4,0.25,\ng1,2,0.5,\n',
    },
    'voices_nomatch': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\n'
        ),
        'voices': (
            'stakeholder_group,expected,expected_share,why\npharmacists,2,0.2,drugs\npatients,,0.3,\n'
            'nobody,1,,\n'
        ),
    },
    'voices_none_group': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\n'
        ),
        'voices': 'stakeholder_group,expected,expected_share,why\n(none),2,,\ng0,,0.9,\n',
    },
    'voices_nosg': {
        'participants': 'id,name\na,A\nb,B\nc,C\nd,D\ne,E\nf,F\n',
        'relationships': 'source,target\na,b\n',
        'voices': 'stakeholder_group,expected,expected_share,why\ng0,4,,\n',
    },
    'voices_share_only_sum_gt1': {
        'participants': (
            'id,name,community,organisation,stakeholder_group,level,influence\na,A,C0,O0,g0,0,0\n'
            'b,B,C1,O1,g1,1,1\nc,C,C0,O2,g0,2,2\nd,D,C1,O0,g1,0,3\ne,E,C0,O1,g0,1,4\nf,F,C1,O2,g1,2,5\n'
        ),
        'relationships': (
            'source,target,type,weight,direction,boundary_object\na,b,advice,1,directed,\n'
            'b,c,advice,1,directed,\n'
        ),
        'voices': 'stakeholder_group,expected,expected_share,why\ng0,,0.7,\ng1,,0.7,\n',
    },
}


def _random_case(seed: int, blanks: bool) -> dict[str, list[list[str]]]:
    """The reviewer's random landscapes: 4-9 people in up to three communities (some in two, some,
    with ``blanks``, in none), levels 0-2, and advice ties with a third undirected on odd seeds."""
    rnd = random.Random(seed)
    n = random.Random(seed).randrange(4, 10)
    ids = [f"p{i}" for i in range(n)]
    people = [["id", "community", "level"]]
    for pid in ids:
        groups = [f"G{rnd.randrange(3)}"] if not blanks or rnd.random() < 0.75 else []
        if groups and seed % 3 == 0 and rnd.random() < 0.25:
            groups.append(f"G{rnd.randrange(3)}")
        people.append([pid, ";".join(dict.fromkeys(groups)), str(rnd.randrange(3))])
    ties = [["source", "target", "type", "direction"]]
    for a in ids:
        for b in ids:
            if a != b and rnd.random() < 0.35:
                ties.append([a, b, "advice", "undirected" if seed % 2 and rnd.random() < 0.3 else "directed"])
    return {"participants": people, "relationships": ties}


def _review_input(name: str, folder: Path) -> Path:
    if name == "numx.xlsx":  # ids typed as numbers in Excel, one of them 3.5, beside the text id 007
        return write_workbook(folder / name, {
            "Participants": [["id", "name", "community", "level"], [1, "One", "C1", 1], [2, "Two", "C1", 2],
                             [3.5, "Three", "C2", 3], ["007", "Bond", "C2", 1], [7, "Seven", "C2", 2]],
            "Relationships": [["source", "target", "type"], [1, 2, "advice"], [2, 3.5, "advice"],
                              ["007", 7, "advice"], [7, 1, "advice"]]})
    if name == "long_names":  # 3,000 characters in every name, group and boundary object
        long = "X" * 3000
        people = [["id", "name", "community", "organisation", "stakeholder_group", "level"]] + [
            [pid, long + pid, long + f"C{i % 2}", long + f"O{i % 3}", long + f"g{i % 2}", i % 3]
            for i, pid in enumerate("abcdef")]
        ties = [["source", "target", "type", "boundary_object"], ["a", "b", "advice", long], ["b", "c", "advice", long],
                ["c", "d", "advice", ""]]
        return write_csv_folder(folder / name, participants=people, relationships=ties)
    if name.startswith(("rnd", "ung")):
        return write_csv_folder(folder / name, **_random_case(int(name[3:]), blanks=name.startswith("ung")))
    folder = folder / name
    folder.mkdir()
    for table, text in REVIEW_CASES[name].items():
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    return folder


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


@pytest.mark.parametrize("name", [*REVIEW_CASES, "numx.xlsx", "long_names",
                                  *(f"{kind}{seed}" for kind in ("rnd", "ung") for seed in range(0, 60, 6))])
def test_analyse_json_is_strict_json_on_every_reviewed_input(name: str, tmp_path: Path) -> None:
    """Every pass on every input: exit 0, JSON that a strict parser reads (no NaN or Infinity,
    which `allow_nan=False` once turned into a traceback) and that follows the schema; and no
    "nan" or empty "()" in the text."""
    source = _review_input(name, tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["analyse", str(source), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout, parse_constant=_refuse)
    jsonschema.validate(document, load_schema("analysis"))
    text = runner.invoke(main, ["analyse", str(source)], catch_exceptions=False).stdout
    assert " nan" not in text and "()" not in text.replace("(none)", "")


def test_what_a_pass_measured_is_said_with_counts_that_agree(csv_input) -> None:
    from landscape.findings.phrases import ties_measured
    from landscape.passes.ties import learning_ties

    one = learning_ties(load(csv_input(participants=[["id"], ["a"], ["b"]],
                                       relationships=[["source", "target", "type"], ["a", "b", "advice"]])))
    assert ties_measured(one.to_dict()) == ("1 relationship row of type advice; 0 self-ties left out, 0 parallel "
                                            "ties collapsed, undirected ties counted both ways")
    none = learning_ties(load(csv_input(participants=[["id"], ["a"]], relationships=[["source", "target"]])))
    assert ties_measured(none.to_dict()).startswith("0 relationship rows (no type to measure); ")


# The array steps the passes share, against the plain Python or numpy they replaced, on random inputs.

@pytest.mark.parametrize("seed", range(30))
def test_array_helpers_equal_their_plain_versions(seed: int) -> None:
    import numpy as np
    from scipy.sparse import csr_array

    from landscape.passes.arrays import expand, sorted_unique, sparse_entries, text_ranks

    rng = random.Random(seed)
    texts = [rng.choice(["a", "B", "b", "ä", "a\0", "", "10", "9", "Z"]) + rng.choice(["", "x", "X"])
             for _ in range(rng.randint(0, 30))]
    ranks = text_ranks(texts).tolist()
    assert all((ranks[i] < ranks[j]) == (texts[i] < texts[j]) and (ranks[i] == ranks[j]) == (texts[i] == texts[j])
               for i in range(len(texts)) for j in range(len(texts)))
    values = np.array([rng.randint(-5, 10**rng.randint(1, 12)) for _ in range(rng.randint(0, 50))], dtype=np.int64)
    assert sorted_unique(values).tolist() == np.unique(values).tolist()
    lengths = [rng.randint(0, 4) for _ in range(rng.randint(1, 10))]
    pointer = np.concatenate(([0], np.cumsum(lengths))).astype(np.int32)
    owners = np.array([rng.randrange(len(lengths)) for _ in range(rng.randint(0, 12))], dtype=np.int64)
    positions, source = expand(pointer, owners)
    plain = [(p, k) for k, owner in enumerate(owners.tolist()) for p in range(pointer[owner], pointer[owner + 1])]
    assert list(zip(positions.tolist(), source.tolist())) == plain
    dense = np.array([[rng.choice([0, 0, 1.5, 2, 7]) for _ in range(6)] for _ in range(5)])
    rows, cols = np.array([rng.randrange(5) for _ in range(20)]), np.array([rng.randrange(6) for _ in range(20)])
    assert sparse_entries(csr_array(dense), rows, cols).tolist() == dense[rows, cols].tolist()


@pytest.mark.parametrize("seed", range(40))
def test_tie_arrays_equal_their_plain_versions(seed: int) -> None:
    """Reciprocated arcs, unordered pairs, the pairs as rows, and the ordered pairs sharing a group
    (E-I's possible internal ties) against np.isin, np.unique and the product M M^T."""
    import networkx as nx
    import numpy as np
    from scipy.sparse import csr_array

    from landscape.passes.ei import _ordered_pairs_sharing, membership_matrix, tied_pairs
    from landscape.passes.ties import TieSelection

    rng = random.Random(seed)
    n = rng.randint(1, 30)
    graph = nx.gnp_random_graph(n, rng.random() * 0.4, seed=seed, directed=True)
    if seed % 3 == 0:
        graph.add_edges_from((v, v) for v in range(0, n, 5))  # from_graph keeps self-ties
    ties = TieSelection.from_graph(graph, ("advice",), graph.number_of_edges())
    sources, targets = ties.arcs
    assert ties.reciprocated.tolist() == np.isin(targets * n + sources, sources * n + targets).tolist()
    low, high = np.minimum(sources, targets), np.maximum(sources, targets)
    assert ties.pair_codes.tolist() == np.unique(low * n + high).tolist()
    keep = low != high
    expected = np.unique(np.stack([low[keep], high[keep]], axis=1), axis=0) if keep.any() else np.zeros((0, 2))
    assert tied_pairs(ties).tolist() == expected.tolist()
    memberships = {node: tuple(rng.sample("abcdef", rng.choice([0, 1, 1, 2, 3]))) for node in graph if rng.random() < .9}
    labels: dict[str, int] = {}
    cells = [(position, labels.setdefault(g, len(labels))) for position, node in enumerate(ties.nodes)
             for g in memberships.get(node, ())]
    product_nnz = 0.0
    if cells:
        matrix = csr_array((np.ones(len(cells)), tuple(zip(*cells))), shape=(n, len(labels)))
        product_nnz = float((matrix @ matrix.T).nnz - len({row for row, _ in cells}))
    assert _ordered_pairs_sharing(membership_matrix(ties, memberships)[0]) == product_nnz

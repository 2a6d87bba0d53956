"""The model: the graph built from valid tables, and the properties every load must keep."""

from __future__ import annotations

import csv
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape import InvalidLandscape, load, validate
from landscape.model import Settings
from tests.conftest import DATA, PEOPLE, TIES, write_csv_folder


def test_graph_has_a_node_per_participant_and_an_edge_per_relationship_row(small_input: Path) -> None:
    land = load(small_input)
    graph = land.graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert list(graph.nodes) == ["A", "B", "C", "D"]
    assert graph.nodes["B"] == {
        "name": "Ben Okafor",
        "community": ("Nursing", "Simulation"),
        "organisation": "Northgate",
        "stakeholder_group": "simulation technicians",
        "level": 2,
    }
    assert "community" not in graph.nodes["D"]  # blank cells are absent, not None
    assert sorted(graph.edges(keys=True)) == [("A", "B", 2), ("B", "A", 6), ("B", "C", 3), ("C", "A", 4), ("D", "A", 5)]
    assert graph.edges["B", "C", 3] == {"type": "collaboration", "weight": 2, "direction": "undirected",
                                        "boundary_object": "Scenario library"}
    assert graph.edges["A", "B", 2] == {"type": "advice", "weight": 1, "direction": "directed"}
    assert land.relation_types == ("advice", "collaboration", "reports_to")
    assert graph.graph["source"] == str(small_input)


def test_ids_stay_text_and_excel_numbers_match_their_text() -> None:
    graph = load(DATA / "excel-number-ids.xlsx").graph
    assert list(graph.nodes) == ["7", "007", "8"]
    assert sorted(graph.edges(keys=True)) == [("7", "007", 3), ("7", "8", 2), ("8", "8", 4)]


def test_kumu_and_gephi_exports_are_read_as_they_are() -> None:
    kumu = load(DATA / "kumu-export.xlsx").graph
    assert list(kumu.nodes) == ["Ana Lima", "Ben Okafor", "Northgate"]
    assert kumu.nodes["Ana Lima"]["tags"] == ("nurse", "faculty")
    assert kumu.nodes["Ana Lima"]["type"] == "Person"
    assert [d["direction"] for _, _, d in kumu.edges(data=True)] == ["directed", "mutual", "undirected"]
    gephi = load(DATA / "gephi-headers").graph
    assert dict(gephi.nodes(data="name")) == {"1": "Ana", "2": "Ben", "3": "Chen"}
    assert [(u, v, d["direction"], d["weight"], d["type"]) for u, v, d in gephi.edges(data=True)] == [
        ("1", "2", "directed", 1.0, "tie"), ("2", "3", "undirected", 2.0, "tie")]
    assert gephi.nodes["2"]["modularity_class"] == 1


def test_synonyms_case_and_list_separators() -> None:
    graph = load(DATA / "synonym-headers").graph
    assert list(graph.nodes) == ["007", "7"]
    assert graph.nodes["007"]["community"] == ("Nursing", "Simulation")
    assert graph.nodes["007"]["organisation"] == "Northgate"
    assert sorted((u, v, d["type"], d["weight"]) for u, v, d in graph.edges(data=True)) == [
        ("007", "7", "advice", 3), ("7", "007", "reports_to", 1)]


def test_names_resolve_to_ids() -> None:
    graph = load(DATA / "names-as-endpoints").graph
    assert ("P-001", "P-003", 5) in graph.edges(keys=True)


def test_extra_columns_get_one_type_from_csv_and_from_excel(csv_input, workbook_input) -> None:
    people = [["id", "age", "code", "score", "joined"], ["A", "33", "007", "1.5", "2024-01-02"], ["B", "40", "12", "2", ""]]
    ties = [["source", "target"], ["A", "B"]]
    from_csv = load(csv_input(participants=people, relationships=ties)).graph
    import datetime as dt

    book_people = [people[0], ["A", 33, "007", 1.5, dt.datetime(2024, 1, 2)], ["B", 40.0, "12", 2, None]]
    from_xlsx = load(workbook_input({"Participants": book_people, "Relationships": ties})).graph
    expected = {"A": {"name": "A", "age": 33, "code": "007", "score": 1.5, "joined": "2024-01-02"},
                "B": {"name": "B", "age": 40, "code": "12", "score": 2.0}}
    assert dict(from_csv.nodes(data=True)) == expected
    assert dict(from_xlsx.nodes(data=True)) == expected
    assert type(from_xlsx.nodes["B"]["age"]) is int


def test_invalid_input_raises_with_the_whole_report() -> None:
    with pytest.raises(InvalidLandscape) as caught:
        load(DATA / "bad-weight")
    assert len(caught.value.report.errors) == 3
    assert "3 error(s) in the input" in str(caught.value)


def test_voices_roster_and_settings(csv_input: Callable[..., Path]) -> None:
    voices = [["stakeholder_group", "expected", "expected_share", "why"], ["patients", "3", "", "they are served"],
              ["students", "", "25%", ""]]
    land = load(csv_input(participants=PEOPLE, relationships=TIES, voices=voices), level_order="lower-is-senior")
    assert [(v.group, v.expected, v.expected_share, v.why) for v in land.expected_voices] == [
        ("patients", 3, None, "they are served"), ("students", None, 0.25, None)]
    assert land.settings == Settings(level_order="lower-is-senior", level_order_source="option",
                                     level_order_evidence=(1, 0))
    assert land.settings.grouping_attribute == "community" and land.settings.voices_attribute == "stakeholder_group"
    with pytest.raises(ValueError, match="level_order"):
        Settings(level_order="top-down")  # type: ignore[arg-type]


def test_csv_and_workbook_samples_give_the_same_graph() -> None:
    from landscape.io import sample_path

    book = load(sample_path("clinical-simulation")).graph
    folder = load(sample_path("clinical-simulation-csv")).graph
    assert list(book.nodes(data=True)) == list(folder.nodes(data=True))
    assert list(book.edges(keys=True, data=True)) == list(folder.edges(keys=True, data=True))


# Hypothesis: generated tables, some rows broken, in any order.

_ids = st.lists(st.from_regex(r"[A-Z]{1,2}-?[0-9]{1,3}", fullmatch=True), min_size=1, max_size=12, unique=True)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    ids = draw(_ids)
    people = [["id", "name", "level", "community"]]
    for pid in ids:
        level = draw(st.sampled_from(["1", "2", "", "x"]))
        community = draw(st.sampled_from(["", "North", "North;South", "South"]))
        people.append([pid, f"Person {pid}", level, community])
    unknown = st.just("NOPE-1")
    endpoint = st.one_of(st.sampled_from(ids), unknown) if draw(st.booleans()) else st.sampled_from(ids)
    ties = [["source", "target", "type", "weight"]]
    for _ in range(draw(st.integers(0, 25))):
        ties.append([draw(endpoint), draw(endpoint), draw(st.sampled_from(["advice", "Collaboration", ""])),
                     draw(st.sampled_from(["1", "2.5", "", "-1"]))])
    return people, ties


def _write(folder: Path, people: list[list[str]], ties: list[list[str]]) -> Path:
    return write_csv_folder(folder, participants=people, relationships=ties)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables())
def test_every_input_row_is_in_the_graph_or_in_the_report(tables: tuple[list[list[str]], list[list[str]]]) -> None:
    people, ties = tables
    with tempfile.TemporaryDirectory() as folder:
        source = _write(Path(folder), people, ties)
        report = validate(source)
        flagged = {(issue.table, issue.row) for issue in report.errors}
        if report.valid:
            graph = load(source).graph
            assert graph.number_of_nodes() == len(people) - 1
            assert graph.number_of_edges() == len(ties) - 1
            assert sorted(key for _, _, key in graph.edges(keys=True)) == list(range(2, len(ties) + 1))
        # Exactly the rows with a bad cell are named as errors; every other row is in the graph.
        bad_ties = {("relationships", row) for row, (source, target, _, weight) in enumerate(ties[1:], start=2)
                    if weight == "-1" or "NOPE-1" in (source, target)}
        bad_people = {("participants", row) for row, (_, _, level, _) in enumerate(people[1:], start=2)
                      if level == "x"}
        assert flagged == bad_ties | bad_people
        assert report.participants == len(people) - 1
        assert report.relationships == len(ties) - 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing_but_row_numbers(tables, rnd: random.Random) -> None:
    people, ties = tables
    shuffled_people = [people[0], *rnd.sample(people[1:], len(people) - 1)]
    order = rnd.sample(range(1, len(ties)), len(ties) - 1)
    shuffled_ties = [ties[0], *(ties[i] for i in order)]
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        first = validate(_write(Path(one), people, ties))
        second = validate(_write(Path(two), shuffled_people, shuffled_ties))
        def problems(report):
            return sorted((issue.table, issue.code, str(issue.value)) for issue in report.issues)

        assert problems(first) == problems(second)
        assert first.valid == second.valid
        if first.valid:
            a, b = load(Path(one)).graph, load(Path(two)).graph
            assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
            edges = sorted((u, v, sorted(d.items())) for u, v, d in a.edges(data=True))
            assert edges == sorted((u, v, sorted(d.items())) for u, v, d in b.edges(data=True))


def test_a_valid_landscape_written_out_and_read_back_is_the_same(tmp_path: Path, small_input: Path) -> None:
    land = load(small_input)
    out = tmp_path / "out"
    out.mkdir()
    people = land.participants.drop(columns="_row")
    with (out / "participants.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(people.columns)
        for record in people.itertuples(index=False):
            writer.writerow([";".join(v) if isinstance(v, tuple) else ("" if v is None else v) for v in record])
    land.relationships.drop(columns="_row").to_csv(out / "relationships.csv", index=False)
    again = load(out).graph
    assert dict(again.nodes(data=True)) == dict(land.graph.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(land.graph.edges(keys=True, data=True))

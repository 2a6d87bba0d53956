"""Issue 18's must-show, end to end: a form-style export (multi-select names, some misspelt, some
people who did not answer) and a matrix export are imported, then analysed; every number is
checked against what the generator knows it wrote (plain sets and counters, networkx for the
strong rule)."""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import landscape

GROUPS = ("nurses", "doctors", "students")
FIRST = ("Ana", "Ben", "Chen", "Dara", "Eli", "Farid", "Grace", "Hana", "Ivan", "Júlia", "Kwame", "Lena", "Mo",
         "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Vik", "Wen", "Xavi")


def _misspelt(name: str) -> str:
    """A typo a respondent makes: one letter dropped from the surname (far from every other name)."""
    first, last = name.split(" ")
    return f"{first} {last[:2]}{last[3:]}"


def _roster(tmp_path: Path, rnd: random.Random) -> tuple[Path, list[dict[str, str]]]:
    people = [{"id": f"P{i:02d}", "name": f"{first} {'Okafor Silva Murphy Petrov Costa Asante Lindqvist Mensah'.split()[i % 8]}"
               f"{i}", "stakeholder_group": GROUPS[i % 3], "community": ("lab", "ward")[i % 2],
               "email": f"{first.lower()}.{i}@example.org"} for i, first in enumerate(FIRST)]
    path = tmp_path / "roster.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(people[0]))
        writer.writeheader()
        writer.writerows(people)
    return path, people


def _answers(people: list[dict[str, str]], rnd: random.Random, answering: float):
    ids = [p["id"] for p in people]
    respondents = [pid for pid in ids if rnd.random() < answering]
    named = {pid: rnd.sample([o for o in ids if o != pid], rnd.randint(0, 6)) for pid in respondents}
    return respondents, named


@pytest.mark.parametrize("seed", [1, 7])
def test_a_form_export_with_typos_and_silent_people(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    roster, people = _roster(tmp_path, rnd)
    by_id = {p["id"]: p for p in people}
    respondents, named = _answers(people, rnd, 0.7)
    export = tmp_path / "form.csv"
    typos: list[tuple[int, str, str]] = []  # (row, written, meant)
    kept: set[tuple[str, str]] = set()
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Email Address", "Who do you go to for advice about your work?"])
        for row, pid in enumerate(respondents, start=2):
            cells = []
            for other in named[pid]:
                if rnd.random() < 0.15:
                    cells.append(_misspelt(by_id[other]["name"]))
                    typos.append((row, cells[-1], other))
                else:
                    cells.append(by_id[other]["name"].upper() if rnd.random() < 0.2 else by_id[other]["name"])
                    kept.add((pid, other))
            writer.writerow([f"2025/03/0{1 + row % 9} 9:00:00 AM GMT", by_id[pid]["email"], ", ".join(cells)])
    out = tmp_path / "landscape.xlsx"
    result = landscape.import_survey(export, roster, out).to_dict()
    # Every misspelt name is listed with its row, and suggests the person meant; nothing else is a problem.
    listed = {(p["row"], p["value"]) for p in result["problems"] if p["code"] == "unknown-name"}
    assert listed == {(row, written) for row, written, _ in typos}
    for problem in result["problems"]:
        meant = next(other for row, written, other in typos if (row, written) == (problem["row"], problem["value"]))
        assert f"({meant})" in problem["message"]
    assert result["respondents"] == len(respondents) and result["did_not_respond"] == len(people) - len(respondents)
    land = landscape.load(out)
    frame = land.relationships
    assert {(s, t) for s, t in zip(frame["source"], frame["target"])} == kept
    assert (frame["reported_by"] == frame["source"]).all()
    answered = dict(zip(land.participants["id"], land.participants["responded"]))
    assert answered == {p["id"]: "yes" if p["id"] in respondents else "no" for p in people}
    _check_analysis(land, people, respondents, kept)


def test_a_matrix_export_with_frequencies(tmp_path: Path) -> None:
    rnd = random.Random(3)
    roster, people = _roster(tmp_path, rnd)
    respondents, named = _answers(people, rnd, 0.75)
    scale = {"Daily": 4, "Weekly": 3, "Monthly": 2, "Rarely": 1}
    export = tmp_path / "grid.csv"
    weights: dict[tuple[str, str], int] = {}
    question = "How often do you go to each person for advice?"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Your name"] + [f"{question} [{p['name']}]" for p in people])
        for pid in respondents:
            cells = []
            for other in people:
                if other["id"] in named[pid]:
                    word = rnd.choice(list(scale))
                    weights[(pid, other["id"])] = scale[word]
                    cells.append(word)
                else:
                    cells.append(rnd.choice(["", "Never"]))
            name = next(p["name"] for p in people if p["id"] == pid)
            writer.writerow(["2025/03/01 9:00:00 AM GMT", f"  {name.lower()} ", *cells])
    out = tmp_path / "landscape.xlsx"
    result = landscape.import_survey(export, roster, out).to_dict()
    assert result["problems"] == [] and result["respondents"] == len(respondents)
    land = landscape.load(out)
    frame = land.relationships
    assert {(s, t): w for s, t, w in zip(frame["source"], frame["target"], frame["weight"])} == weights
    assert set(frame["type"]) == {"advice"}
    _check_analysis(land, people, respondents, set(weights))


def _check_analysis(land, people, respondents, named: set[tuple[str, str]]) -> None:
    """Response rates per group, non-respondents, and the weak and strong rules, by hand."""
    either = landscape.analyse(land).to_dict()
    both = landscape.analyse(land, options={"confirm": "both"}).to_dict()
    weak = {frozenset(pair) for pair in named}
    strong = {frozenset((a, b)) for a, b in named if (b, a) in named}
    assert len(strong) == nx.DiGraph(list(named)).to_undirected(reciprocal=True).number_of_edges()
    for name in ("voices", "power", "boundaries", "scale"):
        assert (either[name]["ties"]["pairs"], either[name]["ties"]["confirmed"], either[name]["ties"]["one_sided"]) \
            == (len(weak), len(strong), len(weak - strong))
        assert (both[name]["ties"]["pairs"], both[name]["ties"]["confirmed"], both[name]["ties"]["one_sided"]) \
            == (len(strong), len(strong), 0)
    voices = either["voices"]
    members, answered = Counter(p["stakeholder_group"] for p in people), \
        Counter(p["stakeholder_group"] for p in people if p["id"] in respondents)
    assert voices["response"]["groups"] == {g: {"rate": answered[g] / members[g], "respondents": answered[g],
                                                "members": members[g]} for g in members}
    assert voices["response"]["rate"] == pytest.approx(len(respondents) / len(people))
    silent = [p["id"] for p in people if p["id"] not in respondents]
    assert voices["non_respondents"] == silent
    assert not set(silent) & (set(voices["isolates"]["isolated"]) | set(voices["isolates"]["out_isolates"]))
    fragile = voices["response"]["rate"] < 0.8 or voices["response"]["lowest"]["rate"] < 0.8
    brokers = [f for f in either["boundaries"]["findings"] if f["kind"] == "brokers"]
    concentration = [f for f in either["power"]["findings"] if f["kind"] == "concentration"]
    for found in brokers + concentration:
        assert ("Read with care" in found["headline"]) is fragile

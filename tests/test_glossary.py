"""The glossary: one plain entry per measure named in the workbook, the atlas and the JSON."""

from __future__ import annotations

import re

import pytest

from landscape import load, sample_path
from landscape.findings import result_dict
from landscape.render.atlas import run_passes
from landscape.render.glossary import GLOSSARY, cluster_term, crossing_term, level_term, term

#: Words that belong in a glossary's reference, not in the header a facilitator reads.
JARGON = ("Spearman", "Kendall", "p-value", "rho", "tau", "E-I", "modularity", "Louvain", "NMI", "ARI",
          "betweenness", "PageRank", "centralization", "coreness", "k-core", "onion", "constraint", "Blau", "IQV",
          "Shannon")


def test_every_term_is_plain_and_complete() -> None:
    headers = [t.header for t in GLOSSARY]
    assert len(headers) == len(set(headers)) and len({t.key for t in GLOSSARY}) == len(GLOSSARY)
    for t in (*GLOSSARY, level_term("community"), cluster_term("1.0"), crossing_term("community")):
        assert t.header and t.meaning.endswith(".") and t.key, t
        assert not [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", t.header, re.IGNORECASE)], t.header
        assert "_" not in t.header


def test_every_key_names_a_value_in_the_json() -> None:
    land = load(sample_path("clinical-simulation"))
    results = {name: result_dict(name, result) for name, result in run_passes(land).items()}

    def found(path: list[str], value) -> bool:
        if not path:
            return True
        step, rest = path[0], path[1:]
        if step.endswith("[]"):
            items = value.get(step[:-2], [])
            return bool(items) and all(found(rest, item) for item in items)
        if step == "*":
            return bool(value) and all(found(rest, item) for item in value.values())
        return step in value and found(rest, value[step])

    for t in GLOSSARY:
        for key in t.key.split("; "):
            path = key.split(" - ")[0].split(".")
            assert found(path, results), key


@pytest.mark.parametrize("name", ["participation", "named by (in-degree)", "names (out-degree)",
                                  "variety of ties (Blau)", "betweenness", "rank mismatch", "direct reports",
                                  "E-I of their ties", "pairs brokered across groups", "constraint"])
def test_every_measure_of_the_person_card_has_an_entry(name: str) -> None:
    """The measures the atlas once named in its own words; each has its term (render.card uses them)."""
    keys = {"participation": "voices.participants.*.participation_level",
            "named by (in-degree)": "voices.participants.*.in_degree",
            "names (out-degree)": "voices.participants.*.out_degree",
            "variety of ties (Blau)": "voices.participants.*.blau",
            "betweenness": "power.participants.*.betweenness", "rank mismatch": "power.participants.*.mismatch",
            "direct reports": "power.participants.*.direct_reports",
            "E-I of their ties": "boundaries.ei.participants.*",
            "pairs brokered across groups": "boundaries.brokerage.participants.*.total - coordinator",
            "constraint": "boundaries.constraint.*"}
    assert term(keys[name]).meaning

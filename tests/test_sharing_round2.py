"""Sharing safely, round 2 (issue 21): what --anonymise and consent promise holds in every file,
every column and every sentence."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from landscape.cli import main
from tests.conftest import write_csv_folder

NAMES = ["Zorblax Quentavius", "Mirela Ostrowska", "Tobiah Vantongeren", "Quinella Abernathy"]


def _leaky(tmp_path: Path) -> Path:
    """Every place a name can hide: a reason on the roster, a community's description, a community
    called after someone, a boundary object, a wave, a story's words, the file's own name."""
    people = [["id", "name", "community", "stakeholder_group", "role", "consent"],
              ["p1", NAMES[0], "Zorblax Quentavius Circle", "nurses", "Lead", "yes"],
              ["p2", NAMES[1], "Ward A", "doctors", "Registrar", "yes"],
              ["p3", NAMES[2], "Ward A", "nurses", "Nurse", "no"],
              ["p4", NAMES[3], "Zorblax Quentavius Circle", "patients", "", "yes"]]
    ties = [["source", "target", "type", "boundary_object", "wave"],
            ["p1", "p2", "advice", "Mirela Ostrowska's checklist", "Tobiah Vantongeren review"],
            ["p2", "p3", "advice", "", "Tobiah Vantongeren review"], ["p4", "p1", "advice", "", "2025"],
            ["p3", "p4", "collaboration", "", "2025"]]
    voices = [["stakeholder_group", "expected", "why"], ["nurses", 2, "Zorblax Quentavius insisted"],
              ["pharmacists", 1, "Quinella Abernathy asked for them"]]
    communities = [["community", "parent", "description"],
                   ["Zorblax Quentavius Circle", "", "Founded by Mirela Ostrowska"], ["Ward A", "", "The ward"]]
    stories = [["id", "title", "teller", "people", "cycles", "consent", "text"],
               ["S1", "Help from Tobiah Vantongeren", "p1", "p3", "applied", "yes",
                "Zorblax Quentavius and Tobiah Vantongeren rewrote the checklist."]]
    return write_csv_folder(tmp_path / "quinella-abernathy-network", participants=people, relationships=ties,
                            voices=voices, communities=communities, stories=stories)


def _every_text(folder: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                texts[path.name] = " ".join(book.read(n).decode("utf-8", "ignore") for n in book.namelist())
        else:
            texts[path.name] = path.read_text("utf-8", errors="ignore")
    return texts


def test_anonymise_leaves_no_name_in_any_file_column_or_sentence(tmp_path: Path) -> None:
    source = _leaky(tmp_path)
    runs = {"atlas": ["atlas", str(source), "-o", str(tmp_path / "atlas"), "--anonymise"],
            "export": ["export", str(source), "-o", str(tmp_path / "export"), "--anonymise"],
            "kumu": ["export", str(source), "-o", str(tmp_path / "k" / "kumu.xlsx"), "--anonymise"],
            "json": ["export", str(source), "-o", str(tmp_path / "k" / "graph.json"), "--anonymise"]}
    (tmp_path / "k").mkdir()
    for name, args in runs.items():
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (name, result.output)
    leaks = {(file, who) for folder in ("atlas", "export", "k") for file, text in
             _every_text(tmp_path / folder).items() for who in NAMES if who in text}
    assert leaks == set()
    report = (tmp_path / "atlas" / "report.md").read_text("utf-8")
    assert "Person" in report and "Circle" in report  # the community kept, its name's person replaced


def test_the_words_of_the_roster_and_communities_are_left_out_unless_kept(tmp_path: Path) -> None:
    source = _leaky(tmp_path)
    out = tmp_path / "export"
    assert CliRunner().invoke(main, ["export", str(source), "-o", str(out), "--anonymise", "--keep", "why"]
                              ).exit_code == 0
    voices = (out / "voices.csv").read_text("utf-8")
    assert "insisted" in voices and "Zorblax" not in voices  # kept, the name replaced
    communities = (out / "communities.csv").read_text("utf-8")
    assert "Founded by" not in communities and "description" not in communities  # left out


def test_without_anonymise_a_withheld_persons_name_in_any_text_is_someone(tmp_path: Path) -> None:
    source = _leaky(tmp_path)
    result = CliRunner().invoke(main, ["atlas", str(source), "-o", str(tmp_path / "atlas")])
    assert result.exit_code == 0, result.output
    texts = _every_text(tmp_path / "atlas")
    assert not [file for file, text in texts.items() if NAMES[2] in text]  # p3 did not consent
    assert "someone review" in texts["report.md"]  # the wave named after them: someone, not tied to their node
    out = tmp_path / "map.html"
    assert CliRunner().invoke(main, ["map", str(source), "-o", str(out), "--view", "voices"]).exit_code == 0
    assert NAMES[2] not in out.read_text("utf-8")


def test_exports_carry_no_name_in_their_labels_groups_or_source(tmp_path: Path) -> None:
    """The review's leaks: story and stories groups in an exported folder, the graph's name and the
    input's path in .json/.graphml/.gexf, and two people of one name (the text cannot say which)."""
    source = _leaky(tmp_path)
    (source / "story.csv").write_text("step,title,view,groups\n1,Look,voices,Zorblax Quentavius Circle\n", "utf-8")
    (source / "participants.csv").write_text((source / "participants.csv").read_text("utf-8") +
                                             "p5,Zorblax Quentavius,Ward A,nurses,,yes\n", "utf-8")
    for out in ("folder", "g.json", "g.graphml", "g.gexf"):
        assert CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "x" / out), "--anonymise"]
                                  ).exit_code == 0 or (tmp_path / "x").mkdir() or \
            CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "x" / out), "--anonymise"]
                               ).exit_code == 0
    texts = _every_text(tmp_path / "x")
    assert not {(file, who) for file, text in texts.items() for who in NAMES if who in text}
    assert not [file for file, text in texts.items() if str(tmp_path) in text]  # no folder of the user's
    assert "someone Circle" in texts["story.csv"]  # two people called Zorblax Quentavius: which one is not said

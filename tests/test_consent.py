"""Consent in every file: people who withheld it are counted as they are, and shown only in their group."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import landscape
from landscape.cli import main
from tests.conftest import write_csv_folder

WITHHELD = 14


@pytest.fixture(scope="module")
def consented(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The clinical-simulation sample with an email column and consent withheld by 14 people,
    among them people the findings name (the most sought-out, brokers)."""
    land = landscape.load(landscape.sample_path("clinical-simulation"))
    power = landscape.analyse(land, passes=["power"]).results["power"]
    named = list(power.hidden_influencers[:6])
    others = [pid for pid in land.participants["id"].tolist() if pid not in named]
    withheld = named + others[: WITHHELD - len(named)]
    people = land.participants.drop(columns=["_row"])
    header = list(people.columns) + ["email", "consent"]
    rows = [[";".join(v) if isinstance(v, tuple) else ("" if v is None or v != v else v) for v in record]
            + [f"{record[0].lower()}@example.org", "no" if record[0] in withheld else "yes"]
            for record in people.itertuples(index=False, name=None)]
    ties = land.relationships.drop(columns=["_row"])
    tie_rows = [["" if v is None or v != v else v for v in record] for record in ties.itertuples(index=False, name=None)]
    folder = write_csv_folder(tmp_path_factory.mktemp("consent") / "input", participants=[header, *rows],
                              relationships=[list(ties.columns), *tie_rows])
    secrets = [pid for pid in withheld] + [land.graph.nodes[pid]["name"] for pid in withheld] + \
              [f"{pid.lower()}@example.org" for pid in withheld]
    return folder, secrets


def _text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return path.read_text(encoding="utf-8")


def _leaks(folder: Path, secrets: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            text = _text_of(path)
            found += [(path.name, secret) for secret in secrets if secret in text]
    return found


def test_the_atlas_counts_withheld_people_as_they_are_and_shows_only_their_group(consented, tmp_path: Path) -> None:
    folder, secrets = consented
    land = landscape.load(folder)
    files = landscape.atlas(land, tmp_path / "atlas")
    assert _leaks(tmp_path / "atlas", secrets) == []
    report = files.report_markdown.read_text(encoding="utf-8")
    # The numbers are those of everyone as recorded: nobody's stakeholder group went missing.
    assert "no stakeholder_group recorded" not in report
    whole = landscape.analyse(land).to_dict()
    groups = {row[2]: row[3] for row in load_workbook(files.metrics, read_only=True)["Groups"].iter_rows(values_only=True)
              if row[0] == "voices"}
    assert groups == {g["group"]: g["present"] for g in whole["voices"]["groups"]}
    assert f"n = {whole['power']['alignment']['in_degree']['n']}" in report
    # Person by person, a withheld person shows only their group.
    rows = list(load_workbook(files.metrics, read_only=True)["Participants"].iter_rows(values_only=True))
    header, anonymous = rows[0], [row for row in rows[1:] if str(row[1]).startswith("Anonymous ")]
    assert len(anonymous) == WITHHELD
    assert sum(row[header.index("community")] is not None for row in anonymous) >= WITHHELD - 2  # their group
    assert all(row[header.index("stakeholder_group")] is None for row in anonymous)
    assert all(row[header.index("Formal rank")] is None for row in anonymous)


@pytest.mark.parametrize("view", ["network", "voices", "power", "boundaries", "scale", "leadership", "value"])
def test_a_single_map_honours_consent(consented, tmp_path: Path, view: str) -> None:
    folder, secrets = consented
    result = CliRunner().invoke(main, ["map", str(folder), "-o", str(tmp_path / "m.html"), "--view", view],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert _leaks(tmp_path, secrets) == []


def test_the_map_of_what_changed_honours_consent(consented, tmp_path: Path) -> None:
    folder, secrets = consented
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    for name in ("participants.csv", "relationships.csv"):
        rows = list(csv.reader((folder / name).open(encoding="utf-8")))
        write_csv_folder(earlier, **{name[:-4]: rows if name.startswith("p") else rows[: len(rows) * 3 // 4]})
    result = CliRunner().invoke(main, ["compare", str(earlier), str(folder), "--map", str(tmp_path / "out" / "c.html")],
                                catch_exceptions=False) if (tmp_path / "out").mkdir() is None else None
    assert result.exit_code == 0, result.stderr
    assert _leaks(tmp_path / "out", secrets) == []
    page = (tmp_path / "out" / "c.html").read_text(encoding="utf-8")
    assert "Anonymous 1" in page

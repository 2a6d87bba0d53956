"""Exports: every format reads back into the same graph; formula-like text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from landscape import OutputNotWritable, load, sample_path
from landscape.render.exports import export, export_format


def _same(a, b) -> None:
    assert dict(a.graph.nodes(data=True)) == dict(b.graph.nodes(data=True))
    edges = lambda land: sorted((u, v, sorted(d.items())) for u, v, d in land.graph.edges(data=True))  # noqa: E731
    assert edges(a) == edges(b)


@pytest.mark.parametrize("sample", ["clinical-simulation", "krackhardt-hightech"])
@pytest.mark.parametrize("name", ["out.graphml", "out.gexf", "out.json", "out.xlsx", "out"])
def test_every_export_reads_back_into_the_same_graph(tmp_path: Path, sample: str, name: str) -> None:
    land = load(sample_path(sample))
    again = load(export(land, tmp_path / name))
    _same(land, again)
    assert again.report.issues == ()


def test_csv_folder_keeps_the_other_tables(tmp_path: Path) -> None:
    land = load(sample_path("clinical-simulation"))
    folder = export(land, tmp_path / "csv")
    assert sorted(path.name for path in folder.iterdir()) == ["communities.csv", "participants.csv", "relationships.csv",
                                                              "stories.csv", "story.csv", "voices.csv"]
    again = load(folder)
    assert again.expected_voices == land.expected_voices
    assert again.story == land.story


def test_kumu_layout_and_text_that_looks_like_a_formula(tmp_path: Path, csv_input) -> None:
    people = [["id", "name", "role"], ["A", "=HYPERLINK(\"http://x\",\"click\")", "+44 20"], ["B", "@SUM(1)", "-x"]]
    land = load(csv_input(participants=people, relationships=[["source", "target"], ["A", "B"]]))
    path = export(land, tmp_path / "kumu.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections"]
    assert [c.value for c in book["Elements"][1]] == ["ID", "Label", "role"]
    cells = {c.value: c for row in book["Elements"].iter_rows(min_row=2) for c in row}
    for text in ('=HYPERLINK("http://x","click")', "+44 20", "@SUM(1)", "-x"):
        assert cells[text].data_type == "s", text
    assert [c.value for c in book["Connections"][1]][:2] == ["From", "To"]
    _same(land, load(path))


def test_format_is_taken_from_the_suffix(tmp_path: Path) -> None:
    assert [export_format(n) for n in ("a.GraphML", "a.gexf", "a.json", "a.xlsx", "folder")] == [
        "graphml", "gexf", "json", "kumu", "csv"]
    with pytest.raises(OutputNotWritable, match="cannot tell the format from '.pdf'"):
        export_format("a.pdf")
    land = load(sample_path("krackhardt-hightech"))
    with pytest.raises(OutputNotWritable, match="no such folder"):
        export(land, tmp_path / "missing" / "a.gexf")

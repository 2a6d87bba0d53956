"""Outputs written safely (issue 21): every file of one run or none, one run at a time, nothing
half-written, and a run never reports files it did not leave."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import landscape
from landscape import load, sample_path
from landscape.cli import main
from landscape.render.output import LOCK_NAME

SAMPLE = str(sample_path("krackhardt-hightech"))


def test_a_folder_another_run_is_writing_is_refused_at_once_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "atlas"
    out.mkdir()
    (out / LOCK_NAME).write_text(str(os.getpid()))  # this process runs: as if a run were writing
    result = CliRunner().invoke(main, ["atlas", SAMPLE, "-o", str(out)])
    assert result.exit_code == 1
    assert f"another landscape run (process {os.getpid()}) is writing there" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]
    assert "Wrote" not in result.output


def test_a_lock_left_by_a_run_that_died_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "atlas"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / LOCK_NAME).write_text(dead.stdout.strip())
    assert CliRunner().invoke(main, ["atlas", SAMPLE, "-o", str(out)]).exit_code == 0
    assert LOCK_NAME not in {p.name for p in out.iterdir()} and (out / "atlas.html").exists()


def test_a_run_that_fails_while_writing_leaves_the_earlier_files_whole(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "atlas"
    landscape.atlas(load(SAMPLE), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise landscape.errors.OutputNotWritable("metrics.xlsx: cannot be written (disk full)")

    monkeypatch.setattr("landscape.render.workbook.write_metrics", broken)
    with pytest.raises(landscape.errors.OutputNotWritable):
        landscape.atlas(load(SAMPLE), out, anonymise=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no staging folder, no lock, no mix


def test_outputs_an_earlier_run_left_and_this_one_does_not_write_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "atlas"
    out.mkdir()
    (out / "changes.html").write_text('<meta name="generator" content="landscape 0.1.0"> from a run with two waves')
    (out / "map-my-sketch.svg").write_text("<svg>the user's own picture</svg>")
    (out / "notes.txt").write_text("the user's own file")
    landscape.atlas(load(SAMPLE), out)
    names = {p.name for p in out.iterdir()}
    assert "changes.html" not in names and "atlas.html" in names
    assert {"notes.txt", "map-my-sketch.svg"} <= names  # not written by landscape: left alone


def test_two_runs_at_once_never_leave_a_folder_of_mixed_files(tmp_path: Path) -> None:
    """An --anonymise run and a plain one into one folder at the same time: each either refuses or
    writes; the folder holds the files of one run that reported success, all of them alike."""
    out = tmp_path / "atlas"
    command = [sys.executable, "-m", "landscape", "atlas", str(sample_path("clinical-simulation")), "-o", str(out)]
    runs = [subprocess.Popen(command + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for extra in (["--anonymise"], [])]
    results = [(run.wait(timeout=300), run.stdout.read(), run.stderr.read()) for run in runs]
    succeeded = [i for i, (code, _, _) in enumerate(results) if code == 0]
    assert succeeded, results
    for code, _, err in results:
        assert code == 0 or "another landscape run" in err, err
    report, atlas = (out / "report.md").read_text("utf-8"), (out / "atlas.html").read_text("utf-8")
    real = "Yara Fischer"
    assert (real in report) == (real in atlas)  # both files from one run
    if len(succeeded) == 1:
        assert (real in report) == (succeeded[0] == 1)
    assert not [p for p in out.iterdir() if p.name.startswith(".landscape")]


def test_export_into_a_missing_folder_is_one_plain_error(tmp_path: Path) -> None:
    for name in ("x.xlsx", "x.gexf", "x.graphml", "x.json"):
        result = subprocess.run([sys.executable, "-m", "landscape", "export", SAMPLE, "-o",
                                 str(tmp_path / "missing" / name)], capture_output=True, text=True)
        assert result.returncode == 1 and "Traceback" not in result.stderr and "Exception" not in result.stderr
        assert result.stderr.strip() == f"error: {tmp_path / 'missing'}: no such folder; create it first"


def test_what_landscape_writes_stays_within_excels_rows(tmp_path: Path, monkeypatch) -> None:
    """metrics.xlsx splits a sheet past Excel's last row into continuation sheets, which read back;
    a Kumu workbook too large for one sheet is refused with what to export instead."""
    from landscape.io.readers import read_workbook
    from landscape.io.xlsx import Sheet, write_xlsx
    from landscape.render.workbook import _within_excel

    parts = _within_excel(Sheet("Ties", ["a", "b"], [[i, f"t{i}"] for i in range(7)]), 3)
    assert [(p.title, len(p.rows)) for p in parts] == [("Ties", 3), ("Ties (2)", 3), ("Ties (3)", 1)]
    write_xlsx(tmp_path / "m.xlsx", parts)
    book = read_workbook(tmp_path / "m.xlsx", want=lambda name: True)
    assert sorted(book.tables) == ["Ties", "Ties (2)", "Ties (3)"]
    monkeypatch.setattr("landscape.io.readers.EXCEL_ROWS", 20)
    result = CliRunner().invoke(main, ["export", SAMPLE, "-o", str(tmp_path / "k.xlsx")])
    assert result.exit_code == 1 and "Kumu's workbook holds at most 19 elements" in result.stderr
    assert not (tmp_path / "k.xlsx").exists()


def test_an_export_never_overwrites_the_data_it_comes_from(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(sample_path("krackhardt-hightech"), data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    same = CliRunner().invoke(main, ["export", str(data), "-o", str(data), "--anonymise"])
    assert same.exit_code == 2 and "is the input" in same.stderr
    inside = CliRunner().invoke(main, ["export", "--participants", str(data / "participants.csv"), "--relationships",
                                       str(data / "relationships.csv"), "-o", str(data), "--anonymise"])
    assert inside.exit_code == 1 and "holds the data being exported" in inside.stderr, inside.output
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_run_killed_while_writing_leaves_no_staging_folder_behind(tmp_path: Path) -> None:
    out = tmp_path / "atlas"
    out.mkdir()
    left = out / ".landscape-staging-deadbeef0000"
    left.mkdir()
    (left / "map-voices.svg").write_text("<svg>real names</svg>")
    assert CliRunner().invoke(main, ["atlas", SAMPLE, "-o", str(out), "--anonymise"]).exit_code == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".landscape")]


def test_names_of_the_earlier_wave_are_looked_for_too(tmp_path: Path) -> None:
    from tests.conftest import write_csv_folder

    people = [["id", "name", "community"], ["a", "Greta Thunberg", "Greta Thunberg's circle"], ["b", "Bo", "Core"]]
    later = [["id", "name", "community"], ["b", "Bo", "Core"], ["c", "Cy", "Greta Thunberg's circle"]]
    ties = [["source", "target", "type", "boundary_object"], ["a", "b", "advice", "Greta Thunberg's binder"]]
    ties2 = [["source", "target", "type", "boundary_object"], ["b", "c", "advice", "Greta Thunberg's binder"]]
    w1 = write_csv_folder(tmp_path / "w1", participants=people, relationships=ties)
    w2 = write_csv_folder(tmp_path / "w2", participants=later, relationships=ties2)
    out = tmp_path / "atlas"
    assert CliRunner().invoke(main, ["atlas", str(w2), "--before", str(w1), "-o", str(out), "--anonymise"]
                              ).exit_code == 0
    import zipfile

    for path in out.iterdir():
        text = (" ".join(zipfile.ZipFile(path).read(n).decode("utf-8", "ignore") for n in zipfile.ZipFile(path).namelist())
                if path.suffix == ".xlsx" else path.read_text("utf-8", errors="ignore"))
        assert "Greta" not in text, path.name

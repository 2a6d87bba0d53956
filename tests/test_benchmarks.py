"""Benchmarks are not timed tests; this smoke run only proves they still run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_foundation_benchmark_smoke_run(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("foundation", REPO / "benchmarks" / "foundation.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "foundation", module)
    spec.loader.exec_module(module)
    assert module.main(["--sizes", "200", "--repeat", "1"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[:2] == ["people", "ties"]
    assert row.split()[0] == "200"


def test_generator_is_seeded_and_realistic() -> None:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    people, ties = module.generate(500, seed=2)
    assert (people, ties) == module.generate(500, seed=2)
    assert people[0] == ["id", "name", "community", "organisation", "sector", "stakeholder_group", "level", "scale"]
    assert len(people) == 501 and 8 <= (len(ties) - 1) / 500 <= 12  # about ten ties a person
    kinds = {row[2] for row in ties[1:]}
    assert kinds == {"advice", "collaboration", "reports_to"}
    assert all(row[0] != row[1] for row in ties[1:])


def test_runner_smoke_run(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "200", "--repeat", "1",
                             "--quick", "--cache", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| start-up (bundled sample")
    assert [line.split(" | ")[0].lstrip("| ") for line in lines[2:5]] == [
        "python -c 'import pandas, networkx'", "landscape validate (sample)", "landscape atlas (sample)"]
    lines = lines[lines.index("") + 1:]
    assert lines[0].startswith("| step | 200 people,")
    steps = [line.split(" | ")[0].lstrip("| ") for line in lines[2:] if line.startswith("| ")]
    assert {"load xlsx (validate + graph)", "pass power", "igraph betweenness", "peak memory (one run)"} <= set(steps)

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

"""Shared fixtures: small inputs written into each test's own temporary folder, and a browser."""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

# Tests write only into temporary folders: Hypothesis keeps no example database, and its caches go
# to a temporary folder removed at exit instead of .hypothesis/ in the working directory.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="landscape-hypothesis-")
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
# Under CI the examples are derandomized, so a run is repeatable; locally each run explores anew.
settings.register_profile("landscape", database=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("landscape")

DATA = Path(__file__).parent / "data"

Rows = list[list[Any]]


def write_csv_folder(folder: Path, **tables: Rows) -> Path:
    """Write each table as ``<name>.csv`` into ``folder`` (created); return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """Write an .xlsx workbook with one sheet per entry, cells typed as given."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def shuffled_rows(rows: Rows, rnd: Any) -> Rows:
    """The header, then the other rows in a random order."""
    return [rows[0], *rnd.sample(rows[1:], len(rows) - 1)]


def load_in_two_orders(rnd: Any, **tables: Rows) -> tuple[Any, Any]:
    """Load the tables as given and with every table's rows shuffled: two Landscapes to compare."""
    from landscape import load

    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        first = load(write_csv_folder(Path(one), **tables))
        second = load(write_csv_folder(Path(two), **{name: shuffled_rows(rows, rnd) for name, rows in tables.items()}))
    return first, second


@pytest.fixture
def csv_input(tmp_path: Path) -> Callable[..., Path]:
    """Write tables as a folder of CSV files: ``csv_input(participants=[...], relationships=[...])``."""
    counter = iter(range(1000))

    def make(**tables: Rows) -> Path:
        return write_csv_folder(tmp_path / f"input{next(counter)}", **tables)

    return make


@pytest.fixture
def workbook_input(tmp_path: Path) -> Callable[..., Path]:
    """Write an .xlsx workbook: ``workbook_input({"Participants": [...], ...})``."""
    counter = iter(range(1000))

    def make(sheets: dict[str, Rows]) -> Path:
        return write_workbook(tmp_path / f"input{next(counter)}.xlsx", sheets)

    return make


PEOPLE: Rows = [
    ["id", "name", "community", "organisation", "stakeholder_group", "level"],
    ["A", "Ana Lima", "Nursing", "Northgate", "nursing faculty", 3],
    ["B", "Ben Okafor", "Nursing;Simulation", "Northgate", "simulation technicians", 2],
    ["C", "Chen Wei", "Simulation", "Riverside", "medical faculty", 4],
    ["D", "Dana Ruiz", "", "Riverside", "students", 1],
]
TIES: Rows = [
    ["source", "target", "type", "weight", "direction", "boundary_object"],
    ["A", "B", "advice", 1, "", ""],
    ["B", "C", "collaboration", 2, "undirected", "Scenario library"],
    ["C", "A", "advice", 1, "", ""],
    ["D", "A", "advice", 1, "", ""],
    ["B", "A", "reports_to", 1, "", ""],
]


@pytest.fixture
def small_input(csv_input: Callable[..., Path]) -> Path:
    """A valid four-person landscape as CSV files."""
    return csv_input(participants=PEOPLE, relationships=TIES)


def _chromium_path() -> str | None:
    configured = os.environ.get("LANDSCAPE_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by Playwright. Skipped only where no Chromium is installed, and
    never under CI (``CI=true``), where .ci/run installs it."""
    executable = _chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI=true but no Chromium found: .ci/run should have installed it")
        pytest.skip("no Chromium on this machine (apt-get install chromium, or set LANDSCAPE_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield launched
        launched.close()

"""Time the foundation's steps (read and validate, build the graph, map data, map page) at growing sizes.

    python benchmarks/foundation.py                      # 1,000 and 10,000 participants
    python benchmarks/foundation.py --sizes 200 --repeat 1   # the smoke run the test suite does

Each size is a seeded synthetic landscape (communities inside organisations, ~9 ties a person:
directed advice and undirected collaboration), written once as CSV files and as an .xlsx
workbook in a temporary folder. Figures are medians of --repeat runs, in seconds. The machine is
shared and noisy: compare figures from one run, not across runs.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def synthetic(n: int, seed: int = 1) -> tuple[list[list[Any]], list[list[Any]]]:
    """Participants and relationships rows for ``n`` people (header first)."""
    rng = random.Random(seed)
    communities = max(4, n // 40)
    people: list[list[Any]] = [["id", "name", "community", "organisation", "stakeholder_group", "level"]]
    members: dict[int, list[str]] = {c: [] for c in range(communities)}
    for i in range(n):
        home = rng.randrange(communities)
        both = f"C{home:04d};C{rng.randrange(communities):04d}" if rng.random() < 0.05 else f"C{home:04d}"
        pid = f"P{i:06d}"
        members[home].append(pid)
        people.append([pid, f"Person {i}", both, f"O{home % 25:02d}", f"G{rng.randrange(8)}", rng.randint(1, 5)])
    ties: list[list[Any]] = [["source", "target", "type", "weight", "direction"]]
    ids = [row[0] for row in people[1:]]
    for row in people[1:]:
        pid, home = row[0], int(row[2][1:5])
        local = members[home]
        for _ in range(6):
            other = rng.choice(local) if rng.random() < 0.8 else rng.choice(ids)
            if other != pid:
                ties.append([pid, other, "advice", rng.randint(1, 3), "directed"])
        for _ in range(3):
            other = rng.choice(local) if rng.random() < 0.7 else rng.choice(ids)
            if other != pid and rng.random() < 0.5:
                ties.append([pid, other, "collaboration", 1, "undirected"])
    return people, ties


def write_inputs(folder: Path, people: list[list[Any]], ties: list[list[Any]]) -> tuple[Path, Path]:
    from openpyxl import Workbook

    csv_folder = folder / "csv"
    csv_folder.mkdir()
    for name, rows in (("participants", people), ("relationships", ties)):
        with (csv_folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    book = Workbook(write_only=True)
    for name, rows in (("Participants", people), ("Relationships", ties)):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook = folder / "landscape.xlsx"
    book.save(workbook)
    return csv_folder, workbook


def median_time(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from landscape import load, map_data, validate
    from landscape.render.html import map_html

    header = f"{'people':>8} {'ties':>8} {'validate csv':>13} {'validate xlsx':>14} {'load csv':>9} " \
             f"{'map data':>9} {'map page':>9} {'page MB':>8}"
    print(header)
    for n in args.sizes:
        people, ties = synthetic(n)
        with tempfile.TemporaryDirectory() as temp:
            csv_folder, workbook = write_inputs(Path(temp), people, ties)
            t_csv, report = median_time(lambda: validate(csv_folder), args.repeat)
            t_xlsx, _ = median_time(lambda: validate(workbook), args.repeat)
            t_load, land = median_time(lambda: load(csv_folder), args.repeat)
            t_data, data = median_time(lambda: map_data(land), args.repeat)
            t_page, page = median_time(lambda: map_html(data), args.repeat)
        if not report.valid:
            print(report.to_text(), file=sys.stderr)
            return 1
        print(f"{n:>8} {len(ties) - 1:>8} {t_csv:>13.3f} {t_xlsx:>14.3f} {t_load:>9.3f} {t_data:>9.3f} "
              f"{t_page:>9.3f} {len(page.encode()) / 1e6:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

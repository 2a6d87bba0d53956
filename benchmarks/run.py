"""Time landscape's steps at growing sizes, beside plain networkx and igraph doing the same work.

    python benchmarks/run.py                         # 1,000 and 10,000 participants, 3 runs each
    python benchmarks/run.py --sizes 100000 --repeat 1
    python benchmarks/run.py --sizes 300 --repeat 1 --quick   # the smoke run the test suite does

Each size is a seeded landscape from benchmarks/generate.py, written once (CSV folder and .xlsx)
into --cache. Every run is a fresh Python process (so imports, caches and peak memory are those
of one real use); the parent reads each run's peak resident memory from the operating system.
Figures are medians of --repeat runs in seconds. The machine is shared and noisy: compare
figures from one run of this script, not across runs.

Baselines, timed in the same process on the same ties: igraph doing each pass's core measures
(betweenness as the Power pass computes it, exact or from the same sampled sources; Louvain
multilevel as often as the Scale pass runs it; Burt's constraint; coreness; PageRank), and plain
networkx doing the same where it finishes in reasonable time (skipped above 10,000 people, or
for betweenness above 2,000).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _timed(steps: dict[str, float], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = work()
    steps[name] = time.perf_counter() - start
    return result


def child(folder: Path, quick: bool) -> dict[str, float]:
    """One run: every step of landscape, then the baselines. Returns seconds by step."""
    import igraph
    import networkx as nx
    import python_calamine

    import landscape
    from landscape.findings import findings_for
    from landscape.passes import boundaries, leadership, power, scale, voices
    from landscape.passes.ties import learning_ties
    from landscape.passes.power import EXACT_BETWEENNESS_UP_TO, SAMPLED_SOURCES
    from landscape.render import map_data
    from landscape.render.atlas import write_atlas
    from landscape.render.html import map_html

    steps: dict[str, float] = {}
    csv_folder, book = folder / "csv", folder / "landscape.xlsx"

    def calamine() -> None:
        workbook = python_calamine.CalamineWorkbook.from_path(str(book))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()

    _timed(steps, "read xlsx (calamine alone)", calamine)
    _timed(steps, "validate csv", lambda: landscape.validate(csv_folder))
    land = _timed(steps, "load csv (validate + graph)", lambda: landscape.load(csv_folder))
    _timed(steps, "load xlsx (validate + graph)", lambda: landscape.load(book))
    for name, run in (("voices", voices), ("power", power), ("boundaries", boundaries), ("scale", scale),
                      ("leadership", leadership)):
        # The pass and its findings, as the figures have always counted them.
        _timed(steps, f"pass {name}", lambda name=name, run=run: findings_for(name, run(land)))
    n = land.graph.number_of_nodes()
    if not quick:
        _timed(steps, "map network (data + page)", lambda: map_html(map_data(land)))
        with tempfile.TemporaryDirectory() as out:
            _timed(steps, "atlas from xlsx (all)", lambda: write_atlas(landscape.load(book), out))

    # igraph doing the core measures on the same learning ties
    ties = learning_ties(land)
    sources, targets = ties.arcs
    directed = igraph.Graph(n=n, edges=list(zip(sources.tolist(), targets.tolist())), directed=True)
    undirected = directed.as_undirected()
    sample = None if n <= EXACT_BETWEENNESS_UP_TO else list(range(0, n, max(1, n // SAMPLED_SOURCES)))[:SAMPLED_SOURCES]
    runs = 10 if n <= 10_000 else 3
    _timed(steps, "igraph betweenness", lambda: directed.betweenness(directed=True, sources=sample))
    _timed(steps, "igraph louvain (as Scale runs it)", lambda: [undirected.community_multilevel(resolution=r)
                                                               for r in (0.5, 1.0, 2.0) for _ in range(runs)])
    _timed(steps, "igraph constraint", lambda: undirected.constraint())
    _timed(steps, "igraph coreness + pagerank", lambda: (undirected.coreness(), directed.pagerank()))

    if n <= 10_000 and not quick:
        graph = ties.graph
        plain = nx.Graph(graph)
        if n <= 2_000:
            _timed(steps, "networkx betweenness", lambda: nx.betweenness_centrality(graph))
        _timed(steps, "networkx louvain (as Scale runs it)", lambda: [
            nx.community.louvain_communities(plain, resolution=r, seed=s, weight=None)
            for r in (0.5, 1.0, 2.0) for s in range(runs)])
        _timed(steps, "networkx constraint", lambda: nx.constraint(plain))
        _timed(steps, "networkx coreness + pagerank", lambda: (nx.core_number(plain), nx.pagerank(graph)))
    return steps


def startup(repeat: int) -> dict[str, float]:
    """Wall-clock seconds (medians of ``repeat`` runs, interleaved) of what a user with a small
    landscape waits for: a bare import of pandas and networkx (the floor any such tool starts
    from), ``landscape validate`` and ``landscape atlas`` of the bundled sample, each a fresh process."""
    from landscape import sample_path

    sample = str(sample_path("clinical-simulation"))
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "python -c 'import pandas, networkx'": [sys.executable, "-c", "import pandas, networkx"],
            "landscape validate (sample)": [sys.executable, "-m", "landscape.cli", "validate", sample],
            "landscape atlas (sample)": [sys.executable, "-m", "landscape.cli", "atlas", sample, "-o",
                                         str(Path(out) / "atlas")],
        }
        for command in commands.values():  # once unmeasured: compiled bytecode and a warm disk cache
            subprocess.run(command, check=True, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _prepare(size: int, cache: Path, seed: int) -> Path:
    from benchmarks.generate import generate, write_csv, write_xlsx

    folder = cache / f"landscape-{size}-seed{seed}"
    if not (folder / "landscape.xlsx").exists():
        people, ties = generate(size, seed)
        write_csv(folder / "csv", people, ties)
        write_xlsx(folder / "landscape.xlsx", people, ties)
    return folder


def _run_child(folder: Path, quick: bool) -> tuple[dict[str, float], float]:
    process = subprocess.Popen([sys.executable, __file__, "--child", str(folder)] + (["--quick"] if quick else []),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"the run on {folder} failed (status {status})")
    return json.loads(output), usage.ru_maxrss / 1024  # MiB (Linux reports kB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="participants, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "landscape-benchmarks")
    parser.add_argument("--quick", action="store_true", help="leave out maps, the atlas and networkx")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.quick)))
        return
    started = startup(max(3, args.repeat) if not args.quick else 1)
    bare = started["python -c 'import pandas, networkx'"]
    print("| start-up (bundled sample, 76 people) | seconds | against the bare import |")
    print("|---|---|---|")
    for name, seconds in started.items():
        print(f"| {name} | {seconds:.2f} s | {seconds / bare:.2f}x |")
    print()
    sizes = [int(size) for size in args.sizes.split(",")]
    columns: dict[int, dict[str, float]] = {}
    peaks: dict[int, float] = {}
    ties: dict[int, int] = {}
    for size in sizes:
        folder = _prepare(size, args.cache, args.seed)
        ties[size] = sum(1 for _ in (folder / "csv" / "relationships.csv").open(encoding="utf-8")) - 1
        runs = [_run_child(folder, args.quick) for _ in range(args.repeat)]
        steps = runs[0][0].keys()
        columns[size] = {step: statistics.median(run[step] for run, _ in runs) for step in steps}
        peaks[size] = max(peak for _, peak in runs)
    names = list(dict.fromkeys(step for size in sizes for step in columns[size]))
    print("| step | " + " | ".join(f"{size:,} people, {ties[size]:,} ties" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{columns[size][name]:.2f} s" if name in columns[size] else "-"
                                         for size in sizes) + " |")
    print("| peak memory (one run) | " + " | ".join(f"{peaks[size]:,.0f} MiB" for size in sizes) + " |")
    print()
    for size in sizes:
        c = columns[size]
        ratios = []
        if "pass power" in c:
            ratios.append(f"power / igraph betweenness {c['pass power'] / c['igraph betweenness']:.1f}x")
        if "pass scale" in c:
            ratios.append(f"scale / igraph louvain {c['pass scale'] / c['igraph louvain (as Scale runs it)']:.1f}x")
        if "networkx louvain (as Scale runs it)" in c:
            ratios.append(f"networkx louvain / scale {c['networkx louvain (as Scale runs it)'] / c['pass scale']:.1f}x")
        if "networkx betweenness" in c:
            ratios.append(f"networkx betweenness / power {c['networkx betweenness'] / c['pass power']:.1f}x")
        if "atlas from xlsx (all)" in c:
            ratios.append(f"atlas / calamine read {c['atlas from xlsx (all)'] / c['read xlsx (calamine alone)']:.1f}x")
        print(f"{size:,} people: " + "; ".join(ratios))


if __name__ == "__main__":
    main()

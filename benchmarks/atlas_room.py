"""The atlas in the room: the must-show checks of issue 16, on any landscape, in headless Chromium.

For every view, at 1440x900 and 1024x768: no two drawn labels overlap and none is under 12 px
high; the key lies inside the window; every node drawn lies inside the map (not under the panel)
after the view is shown (Scale at every level too); every finding with a focus highlights exactly
its focus (as drawn; people folded into a unit are shown by it) and puts its people inside the map; presenting leaves the map at least 95% of the
window's width; no console error and no request outside the file.

    python benchmarks/atlas_room.py PATH [PATH...]     # a workbook or a folder of CSV files

Prints one line per page size and view with the figures, and exits 1 if a check failed. The test
suite runs the same checks on the bundled sample (tests/test_atlas_room.py); run this on data the
tests do not hold (the held-out sets in ../shared/datasets) before changing the atlas.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

SIZES = ((1440, 900), (1024, 768))

_BOXES = """() => {
  const A = window.landscapeAtlas, L = A.labelBoxes(), N = A.nodeBoxes(), K = A.legendBox();
  const W = innerWidth, H = innerHeight, overlaps = [], r = document.getElementById('network').getBoundingClientRect();
  for (let i = 0; i < L.length; i++) for (let j = i + 1; j < L.length; j++) {
    const a = L[i], b = L[j];
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
      overlaps.push([a.text, b.text]);
  }
  // Inside the map itself (not under the panel): its box within the window.
  const outside = N.filter(b => b.x < r.left || b.y < r.top || b.x + b.width > r.right || b.y + b.height > r.bottom)
    .map(b => b.id);
  return {labels: L.length, nodes: N.length, overlaps, small: L.filter(b => b.height < 12).map(b => b.text),
          outside, key_inside: K.width > 0 && K.x >= 0 && K.y >= 0 && K.x + K.width <= W && K.y + K.height <= H};
}"""

_PRESENT = """() => {
  const m = window.landscapeMap, groups = new Set(), people = new Set();
  for (const n of m.view.nodes) {
    const d = m.nodes.get(n.id);
    if (!d || d.hidden) continue;  // filtered out; a person folded into a unit counts, the unit stands for them
    if (n.pid) people.add(n.pid);
    for (const g of (n.groups || (n.group == null ? [] : [n.group]))) groups.add(g);
    for (const values of Object.values(n.values || {})) for (const g of values) groups.add(g);
    for (const units of Object.values(n.units || {})) for (const g of [].concat(units ?? [])) groups.add(g);
  }
  return {groups: [...groups], people: [...people]};
}"""

_FOCUSED_INSIDE = """(pids) => {
  const m = window.landscapeMap, r = document.getElementById('network').getBoundingClientRect();
  const ids = new Set(m.view.nodes.filter(n => pids.includes(n.pid)).map(n => m.network.clustering.findNode(n.id)[0]));
  return window.landscapeAtlas.nodeBoxes().filter(b => ids.has(b.id))
    .every(b => b.x >= r.left && b.y >= r.top && b.x + b.width <= r.right && b.y + b.height <= r.bottom);
}"""


def _problems(where: str, boxes: dict[str, Any], nodes: bool = True) -> list[str]:
    problems = []
    if boxes["overlaps"]:
        problems.append(f"{where}: labels overlap: {boxes['overlaps'][:3]}")
    if boxes["small"]:
        problems.append(f"{where}: labels under 12 px: {boxes['small'][:3]}")
    if nodes and boxes["outside"]:
        problems.append(f"{where}: {len(boxes['outside'])} node(s) outside the window")
    if not boxes["key_inside"]:
        problems.append(f"{where}: the key is not inside the window")
    return problems


def check_page(page: Any, size: tuple[int, int]) -> tuple[list[str], list[str]]:
    """Run every check on an atlas page open in ``page``; return (figures, problems)."""
    figures: list[str] = []
    problems: list[str] = []
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
    for view in page.evaluate("window.landscapeAtlas.views()"):
        page.evaluate("(v) => window.landscapeAtlas.show(v)", view)
        where = f"{size[0]}x{size[1]} {view}"
        boxes = page.evaluate(_BOXES)
        problems += _problems(where, boxes)
        focused = 0
        present = page.evaluate(_PRESENT)
        for finding in page.evaluate("window.landscapeAtlas.findings()"):
            focus = finding["focus"]
            if not (focus["people"] or focus["groups"]):
                continue
            page.evaluate("(i) => window.landscapeAtlas.focusFinding(i)", finding["index"])
            got = page.evaluate("window.landscapeAtlas.highlighted()")
            if set(got["people"]) != set(focus["people"]) & set(present["people"]) or \
                    set(got["groups"]) != set(focus["groups"]) & set(present["groups"]):
                problems.append(f"{where}: finding {finding['index']} highlights {got}, not its focus")
            if not page.evaluate(_FOCUSED_INSIDE, got["people"]):
                problems.append(f"{where}: finding {finding['index']}'s people are not all inside the window")
            # Zoomed in on the focus, the faded rest may lie beyond the window: only labels are checked.
            problems += _problems(f"{where} finding {finding['index']}", page.evaluate(_BOXES), nodes=False)
            focused += 1
        levels = page.evaluate("window.landscapeAtlas.levels()") if view == "scale" else []
        for level in levels:
            page.evaluate("(l) => window.landscapeAtlas.showLevel(l)", level)
            problems += _problems(f"{where} level {level}", page.evaluate(_BOXES))
        figures.append(f"{where}: {boxes['labels']} labels, {boxes['nodes']} nodes, {focused} findings focused"
                       + (f", levels {', '.join(levels)}" if levels else ""))
    page.evaluate("window.landscapeAtlas.present(true)")
    share = page.evaluate("document.getElementById('network').getBoundingClientRect().width / innerWidth")
    if share < 0.95:
        problems.append(f"{size[0]}x{size[1]}: presenting leaves the map {share:.0%} of the width")
    # Presenting opens on the tour's first step, zoomed on its focus: only labels and the key are checked.
    problems += _problems(f"{size[0]}x{size[1]} presenting", page.evaluate(_BOXES), nodes=False)
    page.evaluate("window.landscapeAtlas.present(false)")
    figures.append(f"{size[0]}x{size[1]} presenting: map {share:.0%} of the width")
    return figures, problems


def run(browser: Any, atlas_page: Path) -> tuple[list[str], list[str]]:
    """The checks at both page sizes, with console errors and outside requests."""
    figures: list[str] = []
    problems: list[str] = []
    for size in SIZES:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(atlas_page.resolve().as_uri())
        more_figures, more_problems = check_page(page, size)
        figures += more_figures
        problems += more_problems + [f"console error: {e}" for e in errors]
        problems += [f"outside request: {url}" for url in requests if not url.startswith(("file:", "data:"))]
        context.close()
    return figures, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    import landscape

    failed = False
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for i, path in enumerate(args.paths):
            page = landscape.atlas(landscape.load(path), Path(folder) / f"atlas-{i}").atlas
            figures, problems = run(browser, page)
            print(f"# {path}")
            print("\n".join(figures))
            print("\n".join(f"PROBLEM {p}" for p in problems) if problems else "all checks hold")
            failed = failed or bool(problems)
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

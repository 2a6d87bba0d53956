"""The atlas in the room: a finding shows what it is about on the map (issue 16, first part)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import landscape

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def atlas_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    land = landscape.load(landscape.sample_path("clinical-simulation"))
    return landscape.atlas(land, tmp_path_factory.mktemp("atlas") / "atlas").atlas


@pytest.mark.parametrize("width, height", [(1440, 900), (1024, 768)])
def test_clicking_a_finding_highlights_its_focus_and_fits_it_in_view(browser: Any, atlas_page: Path, width: int,
                                                                    height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(atlas_page.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
    checked = 0
    for view in page.evaluate("window.landscapeAtlas.views()"):
        page.evaluate("(v) => window.landscapeAtlas.show(v)", view)
        present = page.evaluate("() => { const groups = new Set(), people = new Set();"
                                " for (const n of window.landscapeMap.view.nodes) {"
                                "  if (n.pid) people.add(n.pid); for (const g of (n.groups || [n.group])) groups.add(g); }"
                                " return {groups: [...groups], people: [...people]}; }")
        for finding in page.evaluate("window.landscapeAtlas.findings()"):
            focus = finding["focus"]
            if not (focus["people"] or focus["groups"]):
                continue
            page.evaluate("(i) => window.landscapeAtlas.focusFinding(i)", finding["index"])
            got = page.evaluate("window.landscapeAtlas.highlighted()")
            assert set(got["people"]) == set(focus["people"]) & set(present["people"]), (view, finding["statement"])
            assert set(got["groups"]) == set(focus["groups"]) & set(present["groups"]), (view, finding["statement"])
            # Every person the finding names or counts is inside the map's box after it is fitted.
            inside = page.evaluate(
                "(pids) => { const m = window.landscapeMap; const box = document.getElementById('network')"
                ".getBoundingClientRect(); const ids = m.view.nodes.filter(n => pids.includes(n.pid)).map(n => n.id);"
                " const at = m.network.getPositions(ids); return ids.every(id => { const d = m.network.canvasToDOM(at[id]);"
                " return d.x >= -1 && d.y >= -1 && d.x <= box.width + 1 && d.y <= box.height + 1; }); }",
                focus["people"])
            assert inside, (view, finding["statement"])
            checked += 1
    assert checked >= 8
    page.click("#finding-list li.focusable")  # by hand: the item is marked as the one shown
    assert page.get_attribute("#finding-list li.focusable", "aria-current") == "true"
    assert errors == [] and all(url.startswith("file:") or url.startswith("data:") for url in requests)
    context.close()

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
        # What is drawn as itself: not filtered out, not folded into a unit (Scale matches people only).
        present = page.evaluate("() => { const m = window.landscapeMap, groups = new Set(), people = new Set();"
                                " for (const n of m.view.nodes) { const d = m.nodes.get(n.id);"
                                "  if (!d || d.hidden || m.network.clustering.findNode(n.id).length > 1) continue;"
                                "  if (n.pid) people.add(n.pid);"
                                "  if (!m.view.scale) for (const g of (n.groups || [n.group])) groups.add(g); }"
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
                got["people"])
            assert inside, (view, finding["statement"])
            checked += 1
    assert checked >= 8
    page.click("#finding-list li.focusable")  # by hand: the item is marked as the one shown
    assert page.get_attribute("#finding-list li.focusable", "aria-current") == "true"
    # Switching views clears what was highlighted; the hook hands out copies and refuses unknown views.
    page.evaluate("window.landscapeAtlas.show('power')")
    assert page.evaluate("window.landscapeAtlas.highlighted()") == {"people": [], "groups": [], "ties": []}
    page.evaluate("window.landscapeAtlas.highlighted().people.push('x')")
    assert page.evaluate("window.landscapeAtlas.highlighted()")["people"] == []
    assert page.evaluate("window.landscapeAtlas.show('nope').then(() => 'shown', () => 'refused')") == "refused"
    assert errors == [] and all(url.startswith("file:") or url.startswith("data:") for url in requests)
    context.close()


def test_a_focus_never_names_someone_who_withheld_consent(tmp_path: Path) -> None:
    """Three patients, one (p3) withheld consent and is the only one tied outside the group: the
    finding about the group is counted on everyone, but its focus must not single p3 out."""
    from tests.conftest import write_csv_folder

    people = [["id", "name", "stakeholder_group", "consent"], ["p1", "Pat", "patients", "yes"],
              ["p2", "Pia", "patients", "yes"], ["p3", "Pol", "patients", "no"]] + \
        [[f"x{i}", f"Staff {i}", "staff", "yes"] for i in range(1, 5)]
    ties = [["source", "target", "type"], ["p1", "p2", "advice"], ["p3", "x1", "advice"], ["p3", "x2", "advice"],
            ["x1", "x2", "advice"], ["x3", "x4", "advice"], ["x2", "x3", "advice"]]
    source = write_csv_folder(tmp_path / "in", participants=people, relationships=ties)
    files = landscape.atlas(landscape.load(source), tmp_path / "atlas")
    atlas = _data(files.atlas)
    focused = [person for view in atlas["views"].values() for finding in view["findings"]
               for person in finding["focus"]["people"]]
    assert any(person["pid"] == "Anonymous 1" for person in atlas["people"])  # drawn, in their group
    assert "Anonymous 1" not in focused and "p3" not in focused
    single = _data(landscape.map(landscape.load(source), tmp_path / "v.html", view="voices").path)
    assert all("Anonymous 1" not in finding["focus"]["people"] for finding in single["findings"])


def _data(page: Path) -> dict:
    """The JSON a page draws (its landscape-data script)."""
    import json
    import re

    text = page.read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(raw.replace("\\u003c", "<"))

"""The atlas in the room (issue 16): legible on a projector, the key on the map, findings shown on
the map, presentation mode and the guided tour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import landscape
from tests.test_findings import JARGON

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def atlas_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    land = landscape.load(landscape.sample_path("clinical-simulation"))
    return landscape.atlas(land, tmp_path_factory.mktemp("atlas") / "atlas").atlas


def _room_checks():
    """benchmarks/atlas_room.py: the must-show checks, shared with the held-out run."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("atlas_room", REPO / "benchmarks" / "atlas_room.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_must_show_holds_on_the_sample_at_both_sizes(browser: Any, atlas_page: Path) -> None:
    """Every view at 1440x900 and 1024x768: labels never overlap and are 12 px high or more, the
    key and every node inside the window (Scale at every level), every focused finding highlights
    exactly its focus with its people in view, presenting gives the map the whole width, no
    console error, no outside request."""
    figures, problems = _room_checks().run(browser, atlas_page)
    assert problems == []
    assert sum(int(line.split(", ")[2].split()[0]) for line in figures if "findings focused" in line) >= 40
    assert any("levels" in line for line in figures)


def _open(browser: Any, page_path: Path, width: int = 1024, height: int = 768) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
    return context, page, errors


def test_findings_keys_search_and_filters_in_the_room(browser: Any, atlas_page: Path) -> None:
    context, page, errors = _open(browser, atlas_page)
    # Clicking a finding marks it as the one shown; switching views clears the highlight.
    page.click("#finding-list li.focusable")
    assert page.get_attribute("#finding-list li.focusable", "aria-current") == "true"
    page.evaluate("window.landscapeAtlas.show('power')")
    assert page.evaluate("window.landscapeAtlas.highlighted()") == {"people": [], "groups": [], "ties": []}
    # The hook hands out copies and refuses unknown views.
    page.evaluate("window.landscapeAtlas.highlighted().people.push('x')")
    assert page.evaluate("window.landscapeAtlas.highlighted()")["people"] == []
    assert page.evaluate("window.landscapeAtlas.show('nope').then(() => 'shown', () => 'refused')") == "refused"
    # Voices has 13 groups: the four smallest share the grey of "other", hidden in the key until asked for.
    page.evaluate("window.landscapeAtlas.show('voices')")
    others = page.locator("#legend-groups li.other")
    assert others.count() == 4 and not others.first.is_visible()
    page.click("#legend-groups button.more")
    assert others.first.is_visible()
    # A group picked in the key is highlighted on the map, its members fitted in view.
    others.first.click()
    picked = page.evaluate("window.landscapeAtlas.highlighted()")
    assert len(picked["groups"]) == 1 and picked["groups"][0] in others.first.text_content()
    # Search lights up matches as the name is typed, before any Enter; emptying it restores the map.
    page.fill("#search", "yara")
    assert page.locator("#result-list button").all_text_contents() == ["Yara Fischer"]
    emphasised = page.evaluate("Object.keys(window.landscapeMap.emphasis || {}).length")
    assert emphasised == 1
    page.wait_for_timeout(600)  # the matches are fitted in view, animated
    assert [box["text"] for box in page.evaluate("window.landscapeAtlas.labelBoxes()")] == ["Yara Fischer"]
    page.fill("#search", "")
    assert page.evaluate("window.landscapeMap.emphasis") is None
    # A filter re-fits the view on what it leaves.
    page.select_option("#filter-attribute", "organisation")
    page.wait_for_timeout(600)  # the fit is animated
    boxes = page.evaluate("window.landscapeAtlas.nodeBoxes()")
    assert boxes and all(0 <= b["x"] and b["x"] + b["width"] <= 1024 and 0 <= b["y"] and b["y"] + b["height"] <= 768
                         for b in boxes)
    assert errors == []
    context.close()


def test_presenting_steps_through_the_findings_with_the_arrow_keys(browser: Any, tmp_path: Path) -> None:
    """Without a story sheet the tour is every view's findings, one discipline after another."""
    import shutil

    folder = tmp_path / "no-story"
    shutil.copytree(landscape.sample_path("clinical-simulation").with_suffix(""), folder)
    (folder / "story.csv").unlink()
    page_path = landscape.atlas(landscape.load(folder), tmp_path / "atlas").atlas
    context, page, errors = _open(browser, page_path, 1440, 900)
    page.keyboard.press("p")
    page.wait_for_timeout(300)
    assert page.evaluate("document.body.classList.contains('presenting')")
    assert page.locator("#panel").is_hidden() and page.locator("header.bar").is_hidden()
    first = page.evaluate("window.landscapeAtlas.findings()[0]")
    # The caption is what one reads aloud: the headline and the question, not the statistic.
    assert page.locator("#caption-text").text_content() == first["headline"] != first["statement"]
    assert page.locator("#caption-question").text_content() == first["question"]
    assert page.locator("#caption-count").text_content().startswith("1 of ")
    total = int(page.locator("#caption-count").text_content().split(" of ")[1].split()[0])
    voices = len(page.evaluate("window.landscapeAtlas.findings()"))
    for _ in range(voices):  # past the last Voices finding, on to the next discipline
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.wait_for_function("document.querySelector('#views [aria-selected=true]').dataset.view === 'power'")
    power = page.evaluate("window.landscapeAtlas.findings()[0]")
    assert page.locator("#caption-text").text_content() == power["headline"]
    assert not JARGON.search(page.locator("#caption").inner_text())  # "Spearman rho" stays in the evidence
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("document.querySelector('#views [aria-selected=true]').dataset.view === 'voices'")
    assert page.locator("#caption-count").text_content().startswith(f"{voices} of {total}")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not page.evaluate("document.body.classList.contains('presenting')") and page.locator("#panel").is_visible()
    assert errors == []
    context.close()


def test_the_story_sheet_replaces_the_default_tour(browser: Any, atlas_page: Path) -> None:
    """The sample's own story: presenting opens on its first step, in its view, with its people and
    groups highlighted; the arrows follow the story's steps."""
    story = _data(atlas_page)["story"]
    context, page, errors = _open(browser, atlas_page, 1024, 768)
    page.evaluate("window.landscapeAtlas.present(true)")
    assert page.locator("#caption-title").text_content() == story[0]["title"]
    assert page.locator("#caption-text").text_content() == story[0]["text"]
    assert page.locator("#caption-question").text_content() == story[0]["question"]
    assert page.locator("#caption-count").text_content().startswith(f"1 of {len(story)}")
    got = page.evaluate("window.landscapeAtlas.highlighted()")
    assert set(got["people"]) == set(story[0]["focus"]["people"])
    for step in story[1:]:
        page.keyboard.press("ArrowRight")
        if step["view"]:
            page.wait_for_function("(v) => document.querySelector('#views [aria-selected=true]').dataset.view === v",
                                   arg=step["view"])
        page.wait_for_function("(t) => document.getElementById('caption-text').textContent === t", arg=step["text"])
        page.wait_for_timeout(100)
        got = page.evaluate("window.landscapeAtlas.highlighted()")
        # Scale's last step names people folded into their units: the units show them, and they count.
        assert set(got["people"]) == set(step["focus"]["people"]) and set(got["groups"]) == set(step["focus"]["groups"])
    # A clicker pressed quickly: the map ends on the step the caption shows, not on one drawn late.
    for _ in story[1:]:
        page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(1500)
    assert page.locator("#caption-count").text_content().startswith(f"1 of {len(story)}")
    assert set(page.evaluate("window.landscapeAtlas.highlighted()")["people"]) == set(story[0]["focus"]["people"])
    assert page.evaluate("document.getElementById('network').getBoundingClientRect().width") >= 0.95 * 1024
    page.keyboard.press("Escape")
    assert errors == []
    context.close()


def test_the_change_view_keeps_places_and_keys_gained_and_lost_ties(browser: Any, tmp_path: Path) -> None:
    """Three waves (the peer-circle sample): the map opens on the latest with a slider; its key
    names gained and lost ties with the counts checked by hand in tests/test_changes.py; moving
    the slider changes the ties drawn, never where anyone stands."""
    files = landscape.atlas(landscape.load(landscape.sample_path("peer-circle")), tmp_path / "atlas")
    context, page, errors = _open(browser, files.changes, 1024, 768)
    key = page.locator("#legend-edges").text_content()
    assert "Gained since 2024" in key and "Lost since 2024" in key
    assert [li.text_content() for li in page.locator("#legend-edges li").all()][:2] == ["Gained since 20244",
                                                                                        "Lost since 20243"]
    assert page.locator("#wave-name").text_content() == "2025 (changes since 2024)"
    where = "window.landscapeMap.network.getPositions(window.landscapeMap.view.nodes.map(n => n.id))"
    before = page.evaluate(where)
    page.evaluate("window.landscapeAtlas.wave(1)")
    assert page.locator("#legend-edges li").first.text_content() == "Gained since 20234"
    after = page.evaluate(where)
    assert len(after) == len(before) == 9 and after == before  # everyone of all three waves, in one place
    drawn = page.evaluate("window.landscapeMap.edges.get().filter(e => !e.hidden).length")
    assert drawn == 4 + 3 + 4  # gained, lost and kept between 2023 and 2024
    boxes = page.evaluate("window.landscapeAtlas.nodeBoxes()")
    assert all(0 <= b["x"] and b["x"] + b["width"] <= 1024 and b["y"] >= 0 and b["y"] + b["height"] <= 768
               for b in boxes)
    assert errors == []
    context.close()


def test_boundary_objects_are_placed_clear_of_everyone(browser: Any, atlas_page: Path) -> None:
    context, page, errors = _open(browser, atlas_page, 1440, 900)
    page.evaluate("window.landscapeAtlas.show('boundaries')")
    page.click("#objects")
    page.wait_for_timeout(200)
    objects = set(page.evaluate("window.landscapeMap.view.nodes.filter(n => n.kind === 'object').map(n => n.id)"))
    assert objects
    boxes = page.evaluate("window.landscapeAtlas.nodeBoxes()")
    placed = [b for b in boxes if b["id"] in objects]
    assert len(placed) == len(objects)

    def overlap(a: dict, b: dict) -> bool:
        return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
            a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]

    assert not [(a["id"], b["id"]) for a in placed for b in boxes if a["id"] != b["id"] and overlap(a, b)]
    labels = page.evaluate("window.landscapeAtlas.labelBoxes()")
    assert not [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:] if overlap(a, b)]
    # Scale's levels are named from the data, never "parent".
    page.evaluate("window.landscapeAtlas.show('scale')")
    levels = page.evaluate("window.landscapeAtlas.levels()")
    assert "parent" not in levels and levels[0] == "wider unit" and levels[-1] == "people"
    assert errors == []
    context.close()


def test_a_story_group_from_another_column_and_the_scale_key_and_a_resize(browser: Any, tmp_path: Path) -> None:
    """A step about a stakeholder group, shown in Power (coloured by community), highlights that
    group's members instead of fading everyone; Scale's key names the units of the level drawn;
    a resized window (a projector plugged in) is fitted again."""
    import shutil

    folder = tmp_path / "sample"
    shutil.copytree(landscape.sample_path("clinical-simulation").with_suffix(""), folder)
    (folder / "story.csv").write_text("step,title,view,groups,text\n1,Students,power,nursing students,Where are they?\n",
                                      encoding="utf-8")
    page_path = landscape.atlas(landscape.load(folder), tmp_path / "atlas").atlas
    context, page, errors = _open(browser, page_path, 1440, 900)
    page.evaluate("window.landscapeAtlas.present(true)")
    assert page.evaluate("window.landscapeAtlas.highlighted()")["groups"] == ["nursing students"]
    assert len(page.evaluate("window.landscapeAtlas.labelBoxes()")) > 0
    page.evaluate("window.landscapeAtlas.present(false)")
    page.evaluate("window.landscapeAtlas.show('scale')")
    page.evaluate("window.landscapeAtlas.showLevel('community')")
    assert page.locator("#key-colour").text_content() == "Colour: community"
    assert "Simulation Faculty Circle20" in page.locator("#legend-groups").text_content()
    page.click("#legend-groups li.pickable")  # a unit picked in the key lights up, its name still drawn
    assert page.evaluate("window.landscapeAtlas.highlighted()")["groups"]
    assert page.evaluate("window.landscapeAtlas.labelBoxes()")
    page.evaluate("window.landscapeAtlas.show('voices')")
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_timeout(800)
    box = page.evaluate("document.getElementById('network').getBoundingClientRect().toJSON()")
    assert all(b["x"] >= box["left"] and b["x"] + b["width"] <= box["right"] and b["y"] >= box["top"]
               and b["y"] + b["height"] <= box["bottom"] for b in page.evaluate("window.landscapeAtlas.nodeBoxes()"))
    assert errors == []
    context.close()


def test_a_finding_reads_its_headline_and_opens_its_evidence_under_why(browser: Any, atlas_page: Path) -> None:
    """Issue 17 item 1 in the atlas: the headline, then the question; the evidence only once "why?"
    is pressed (a real button, by keyboard too), and pressing it does not pick the finding."""
    context, page, errors = _open(browser, atlas_page, 1440, 900)
    for view in page.evaluate("window.landscapeAtlas.views()"):
        page.evaluate("(v) => window.landscapeAtlas.show(v)", view)
        shown = page.evaluate("window.landscapeAtlas.findings()")
        items = page.locator("#finding-list > li")
        assert items.count() == len(shown), view
        assert items.locator(".headline").all_text_contents() == [f["headline"] for f in shown]
        assert items.locator(".question").all_text_contents() == [f["question"] for f in shown]
        first_layer = page.locator("#finding-list").inner_text()
        assert not JARGON.search(first_layer), view
        assert all(item.locator(".why-text").is_hidden() for item in items.all()), view
    page.evaluate("window.landscapeAtlas.show('power')")
    finding = page.evaluate("window.landscapeAtlas.findings()[0]")  # "Spearman rho = ..." in its evidence
    item = page.locator("#finding-list > li").first
    why, evidence = item.locator("button.why"), item.locator(".why-text")
    assert JARGON.search(finding["detail"]) and finding["detail"] not in page.locator("#panel").inner_text()
    assert why.get_attribute("aria-expanded") == "false" and why.get_attribute("aria-controls") == \
        evidence.get_attribute("id")
    why.focus()
    page.keyboard.press("Enter")
    assert why.get_attribute("aria-expanded") == "true" and evidence.is_visible()
    assert evidence.text_content() == finding["detail"]
    assert item.get_attribute("aria-current") != "true"  # the evidence opened; nothing picked on the map
    page.keyboard.press("Space")
    assert why.get_attribute("aria-expanded") == "false" and evidence.is_hidden()
    # The headline itself still shows the finding on the map, by keyboard too.
    focusable = page.locator("#finding-list > li.focusable .finding-body").first
    focusable.focus()
    page.keyboard.press("Enter")
    assert page.locator("#finding-list > li.focusable").first.get_attribute("aria-current") == "true"
    assert errors == []
    context.close()


def test_the_person_card_reads_plainly_then_in_numbers_with_their_meanings(browser: Any, atlas_page: Path) -> None:
    """Issue 17 item 6: the card's first layer (name, plain sentences, columns, the numbers' headers)
    names no statistic; each number carries its glossary header, whose meaning opens on a press."""
    data = _data(atlas_page)
    yara = next(person for person in data["people"] if person["pid"] == "P014")
    context, page, errors = _open(browser, atlas_page, 1024, 768)
    page.fill("#search", "yara")
    page.locator("#result-list button").first.click()
    assert page.locator("#details-list dd.summary li").all_text_contents() == yara["summary"]
    first_layer = page.locator("#details").inner_text()
    assert not JARGON.search(first_layer), first_layer
    terms = page.locator("#numbers-list button.term")
    assert terms.all_text_contents() == [header for header, _ in yara["metrics"]]
    assert page.locator("#numbers-list dd.value").all_text_contents() == [value for _, value in yara["metrics"]]
    assert page.locator("#numbers-list dd.meaning").first.is_hidden()
    paths = terms.filter(has_text="On paths between others")
    assert paths.get_attribute("title") == data["glossary"]["On paths between others"]
    paths.focus()
    page.keyboard.press("Enter")
    meaning = page.locator("#" + paths.get_attribute("aria-controls"))
    assert paths.get_attribute("aria-expanded") == "true" and meaning.is_visible()
    assert "betweenness" in meaning.inner_text()  # the statistic's name: in the second layer only
    page.mouse.click(3, 100)  # the background (above the key, left of every node): the card clears
    assert page.locator("#numbers").is_hidden() and page.locator("#details-hint").is_visible()
    assert errors == []
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

"""The map page: one offline file, hostile spreadsheet text kept as text, nothing else written."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from landscape import OutputNotWritable, load, map_data, write_map
from landscape.render.html import map_html

HOSTILE_NAMES = [
    "</script><script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "javascript:window.__pwned='link'",
    "{{DATA}} {{VIS_JS}} {{TITLE}}",
    "Line\u2028separator & <b>bold</b>",
]


@pytest.fixture
def hostile_input(csv_input: Callable[..., Path]) -> Path:
    people = [["id", "name", "community", "<svg onload=alert(1)>"]]
    for number, name in enumerate(HOSTILE_NAMES, start=1):
        people.append([f"H{number}", name, f"<i>community {number}</i>", "<script>alert(1)</script>"])
    ties = [["source", "target", "type", "boundary_object"]]
    for number in range(1, len(HOSTILE_NAMES)):
        ties.append([f"H{number}", f"H{number + 1}", "<b onmouseover=alert(1)>advice</b>", "</script>"])
    return csv_input(participants=people, relationships=ties)


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)


def test_page_loads_nothing_from_any_host(small_input: Path) -> None:
    page = map_html(map_data(load(small_input)))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, flags=re.I)
    assert not re.search(r"<link[^>]+stylesheet", page, flags=re.I)
    assert not re.search(r"<script[^>]+src=", page, flags=re.I)
    assert "@import" not in page
    assert '<link rel="icon" href="data:,">' in page  # no favicon request either


def test_content_security_policy_allows_only_the_pages_own_scripts(small_input: Path) -> None:
    page = map_html(map_data(load(small_input)))
    [attribute] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    policy = html.unescape(attribute)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    executable = [script for script in _scripts(page) if not script.startswith("{")]
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in executable}
    assert set(directives["script-src"].split()) == hashes
    assert len(executable) == 2  # vis-network and the map's own script; the data is JSON


def test_hostile_text_stays_inert_in_the_page(hostile_input: Path) -> None:
    data = map_data(load(hostile_input), title="<title>x</title><script>alert(1)</script>")
    page = map_html(data)
    scripts = _scripts(page)
    assert len(scripts) == 3  # nothing injected closed a script or opened another
    payload = json.loads(scripts[0])
    assert payload == json.loads(json.dumps(data))  # the data survives intact
    assert [node["label"] for node in payload["nodes"]] == HOSTILE_NAMES
    outside_scripts = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    for needle in ("<img", "<svg", "<b>", "<i>", "onerror", "onload", "window.__pwned", "<title>x"):
        assert needle not in outside_scripts
    assert "&lt;title&gt;x&lt;/title&gt;&lt;script&gt;" in outside_scripts
    assert "</script>" not in scripts[0] and "<" not in scripts[0]
    assert "{{" not in outside_scripts.replace("{{DATA}}", "")  # placeholders filled once, never from data


def test_write_map_writes_exactly_the_file_asked_for(tmp_path: Path, small_input: Path) -> None:
    before = set(small_input.iterdir())
    out = tmp_path / "out"
    out.mkdir()
    written = write_map(map_data(load(small_input)), out / "map.html")
    assert written == out / "map.html"
    assert list(out.iterdir()) == [out / "map.html"]
    assert set(small_input.iterdir()) == before
    assert written.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_write_map_refuses_a_missing_folder_or_a_folder(tmp_path: Path, small_input: Path) -> None:
    data = map_data(load(small_input))
    with pytest.raises(OutputNotWritable, match="no such folder"):
        write_map(data, tmp_path / "missing" / "map.html")
    with pytest.raises(OutputNotWritable, match="is a folder"):
        write_map(data, tmp_path)
    assert list(tmp_path.iterdir()) == [tmp_path / small_input.name]

"""The Value view: groups as regions, and a marker for each value-creation story on what it is about."""

from __future__ import annotations

import math
from typing import Any

from landscape.model import Landscape
from landscape.render.layout import place_in_regions
from landscape.render.views.base import colour_by_groups, edge_note, findings_shown, measured_ties, network_view

__all__ = ["story_details", "value_view"]

#: How far a story marker sits from the region or people it is about, so that it is not drawn over them.
_OFFSET = 60.0


def story_details(story: Any, names: dict[str, str]) -> list[list[str]]:
    """What clicking a story's marker shows: its words only where its consent is yes.

    >>> from landscape.passes.value import Story
    >>> story_details(Story("S1", 2, "Half", "a", (), (), (), None, None, ("applied",), None, "2025", False, "x",
    ...                     asked="no"), {"a": "Ann"})[-1]
    ['words', 'Not quoted: the teller did not agree to share the words.']
    """
    rows = [["story", story.id], ["cycles", ", ".join(story.cycles) or "none named"]]
    about = [*(f"{a} and {b}" for a, b in story.boundaries), *story.communities,
             *([" and ".join(names.get(pid, pid) for pid in story.tie)] if story.tie else []),
             *(names.get(pid, pid) for pid in story.people if not story.tie or pid not in story.tie)]
    if about:
        rows.append(["about", "; ".join(dict.fromkeys(about))])
    if story.teller:
        rows.append(["told by", names.get(story.teller, story.teller)])
    if story.when:
        rows.append(["when", story.when])
    if story.consent:
        rows += [[label, text] for label, text in (("activity", story.activity), ("indicators", story.indicators),
                                                   ("words", story.text)) if text]
    else:
        rows.append(["words", f"Not quoted: {story.not_quoted}."])
    return rows


def value_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """Groups as coloured regions with the learning ties; each story a marker beside the people,
    community, boundary or tie it is about, linked to the people it names."""
    from landscape.passes.groups import grouping
    from landscape.passes.value import value

    result = result or value(landscape, **options)
    data = network_view(landscape, None, title)
    data["meta"]["view"] = "value"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: value creation"
    measured_ties(data, result.ties["relations"])
    grouped = grouping(landscape, result.group_attribute, required=False)
    memberships = {str(node): groups for node, groups in grouped.memberships.items()}
    groups = list(grouped.groups)
    colour = colour_by_groups(data, result.group_attribute if groups else None, groups, dict(grouped.sizes),
                              memberships, len(grouped.ungrouped) if groups else len(data["nodes"]))
    home = {node["pid"]: memberships.get(node["pid"], (None,))[0] if memberships.get(node["pid"]) else None
            for node in data["nodes"]}
    regions = place_in_regions(data["nodes"], home, groups, colour)
    centre = {region["name"]: (region["x"], region["y"]) for region in regions}
    index = {node["pid"]: node["id"] for node in data["nodes"]}
    # As in the Boundaries view: ties across a boundary strong, within a group faint (value crosses boundaries).
    pid_of = {node["id"]: node["pid"] for node in data["nodes"]}
    for edge in data["edges"]:
        a, b = set(memberships.get(pid_of[edge["from"]], ())), set(memberships.get(pid_of[edge["to"]], ()))
        edge["crossing"] = bool(a) and bool(b) and not a & b
    spot = {node["pid"]: (node["x"], node["y"]) for node in data["nodes"]}
    told: dict[str, int] = {}
    for node in data["nodes"]:
        node["size"] = 0
    next_id = len(data["nodes"])
    for position, story in enumerate(result.stories):
        people = [pid for pid in (*story.people, *(story.tie or ()), story.teller) if pid in index]
        # On what the story is about: between the two regions of its boundary, in its community's
        # region, on its tie, among its people; only then beside the one who tells it.
        points = [centre[g] for pair in story.boundaries[:1] for g in pair if g in centre] or \
            [centre[c] for c in story.communities if c in centre] or \
            [spot[pid] for pid in (*(story.tie or ()), *story.people) if pid in spot] or \
            [spot[pid] for pid in people] or [(0.0, 0.0)]
        x = sum(p[0] for p in points) / len(points) + _OFFSET * math.cos(position * 2.4)
        y = sum(p[1] for p in points) / len(points) + _OFFSET * math.sin(position * 2.4)
        label = story.title if story.consent and story.title else f"Story {story.id}"
        data["nodes"].append({
            "id": next_id, "pid": "", "label": label, "group": None, "color": "#B8860B", "size": 0, "multi": False,
            "kind": "story", "x": round(x, 2), "y": round(y, 2), "details": story_details(story, result.names),
            "groups": [g for pair in story.boundaries for g in pair] + list(story.communities),
        })
        for pid in dict.fromkeys(people):
            told[pid] = told.get(pid, 0) + 1
            data["edges"].append({"from": next_id, "to": index[pid], "type": "story", "directed": False, "count": 1,
                                  "weight": 1, "kind": "story-link"})
        next_id += 1
    for node in data["nodes"][:len(index)]:
        if node["pid"] in told:
            node["size"] = told[node["pid"]]
            node["mark"] = "in-story"  # named first when there is not room for every name (room.js, svgmap)
            node["details"].insert(-1, ["in value stories", str(told[node["pid"]])])
    data["layout"] = {"type": "positions"}
    data["regions"] = regions
    data["meta"]["size_by"] = "how many value-creation stories name them"
    data["legend"]["styles"] = [{"style": "story", "text": "Gold diamond: a value-creation story (click it to read "
                                                          "it, where its teller agreed)"}] if result.stories else []
    data["legend"]["notes"] = [f"Value not yet told: {a} and {b}" for a, b in result.untold_boundaries[:10]] + (
        [f"... and {len(result.untold_boundaries) - 10} more boundaries with ties and no story"]
        if len(result.untold_boundaries) > 10 else [])
    edge_note(data, "Ties across a boundary are drawn strong; ties within a group faint. Dotted gold lines join each "
                    "story to the people it names.")
    data["findings"] = findings_shown("value", result)
    return data

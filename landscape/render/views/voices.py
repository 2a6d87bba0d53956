"""The Voices view: people coloured by stakeholder group, an empty chair for each missing voice."""

from __future__ import annotations

from typing import Any

from landscape.model import Landscape
from landscape.render.views.base import colour_by_groups, findings_shown, measured_ties, network_view

__all__ = ["voices_view"]


def voices_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """The network coloured by voice, with an empty chair for each missing voice."""
    from landscape.passes.voices import voices

    result = result or voices(landscape, **options)
    data = network_view(landscape, None, title)
    data["meta"]["view"] = "voices"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: voices"
    measured_ties(data, result.ties["relations"])
    # People are grouped exactly as the pass counts them: several values split, case and spacing ignored.
    colour = colour_by_groups(data, result.attribute, [group.group for group in result.groups],
                               {group.group: group.present for group in result.groups}, result.memberships(),
                               len(result.unrecorded),
                               keep=[group.group for group in result.groups
                                     if group.status in ("missing", "under-represented")])
    level = {participant.id: participant.participation_level for participant in result.participants}
    for node in data["nodes"]:
        node["level"] = level[node["pid"]]
        node["details"].insert(-1, ["participation", node["level"]])
    next_id = len(data["nodes"])
    for entry, group in zip(data["legend"]["groups"], result.groups):
        entry["status"] = group.status
        entry["note"] = _status_note(group) if result.roster_given else ""  # no roster: nothing to be on
        if group.status == "missing":
            details = [["expected", _expectation(group)]]
            if group.why:
                details.append(["why", group.why])
            data["nodes"].append({
                "id": next_id, "pid": "", "label": f"{group.group} (expected {_expectation(group)})",
                "group": group.group, "groups": [group.group], "color": colour[group.group], "size": 0, "multi": False,
                "placeholder": True, "details": details,
            })
            next_id += 1
    data["legend"]["styles"] = [
        {"style": "placeholder", "text": "Empty chair: a voice on the roster that nobody brings"},
        {"style": "peripheral", "text": "Dashed, paler: peripheral participation in the learning ties"},
    ]
    data["findings"] = findings_shown("voices", result)
    return data


def _expectation(group: Any) -> str:
    parts = []
    if group.expected:
        parts.append(str(group.expected))
    if group.expected_share:
        parts.append(f"{group.expected_share:.0%}")
    return " / ".join(parts) or "on the roster"


def _status_note(group: Any) -> str:
    if group.status == "missing":
        return f"missing: {_expectation(group)} expected"
    if group.status == "under-represented":
        return f"under-represented: {group.present} of {_expectation(group)} expected"
    if group.status == "unexpected":
        on_roster = group.expected is not None or group.expected_share is not None
        return "on the roster with none expected" if on_roster else "not on the roster"
    if group.status == "not-expected":
        return "on the roster with none expected"
    return ""

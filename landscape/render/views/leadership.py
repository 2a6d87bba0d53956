"""The Leadership view: the nominations (who looks to whom for leadership), people sized by how many
look to them, those widely looked to ringed in gold and those newly looked to in green."""

from __future__ import annotations

from typing import Any

from landscape.model import Landscape
from landscape.render.views.base import colour_attribute, edge_note, findings_shown, measured_ties, network_view

__all__ = ["leadership_view"]


def leadership_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """The leadership nominations, sized by how many people look to each person."""
    from landscape.passes.leadership import leadership

    result = result or leadership(landscape, **options)
    data = network_view(landscape, colour_attribute(landscape, result.group_attribute if result.groups else None),
                        title)
    measured_ties(data, list(result.relations))
    data["meta"]["view"] = "leadership"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: leadership"
    proxy = result.relation_source != "leadership ties"
    data["meta"]["size_by"] = (f"how many people look to them for leadership ({', '.join(result.relations) or 'none'})"
                               if not proxy else f"how often sought out ({', '.join(result.relations) or 'none'}), "
                               "standing in for leadership: nobody recorded who they look to for leadership")
    change = result.emergence or {}
    marks = {**{pid: "leader" for pid in result.leaders}, **{pid: "emerging" for pid in change.get("new", ())}}
    for node in data["nodes"]:
        pid = node["pid"]
        node["size"] = result.in_degree.get(pid, 0)
        if pid in marks:
            node["mark"] = marks[pid]
        named = result.in_degree.get(pid, 0)
        node["details"].insert(-1, ["looked to for leadership by" if not proxy else "sought out by",
                                    f"{named} {'person' if named == 1 else 'people'}"])
    # Both rings are the people widely looked to: gold for those already so before, orange for the new.
    styles = [{"style": "leader", "text": "Gold ring: widely looked to for leadership"}] \
        if set(marks.values()) & {"leader"} else []
    if change.get("new"):
        styles.append({"style": "emerging", "text": f"Orange ring: widely looked to, newly since {change['before']}"})
    data["legend"]["styles"] = styles
    if proxy:
        edge_note(data, "No leadership ties are recorded: the learning ties stand in.")
    data["findings"] = findings_shown("leadership", result)
    return data

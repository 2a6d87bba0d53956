"""The map of what changed between two waves."""

from __future__ import annotations

from typing import Any

from landscape.model import Landscape
from landscape.render.views.base import EDGE_PALETTE, NO_VALUE_COLOUR, colour_attribute, findings_shown, network_view

__all__ = ["change_map_data"]


def change_map_data(before: Landscape, after: Landscape, result: Any, *, color_by: str | None = None,
                    title: str | None = None) -> dict[str, Any]:
    """The map of what changed between two waves: the later wave as the network view draws it,
    with ties gained since the earlier wave drawn strong, ties lost drawn faint and dashed,
    newcomers ringed and those who left drawn as pale nodes with their lost ties.

    ``result`` is :func:`landscape.passes.continuity.compare` of the two waves.
    """
    data = network_view(after, colour_attribute(after, color_by), title)
    gained = set(result.gained)
    newcomers = set(result.newcomers)
    pid_index = {node["pid"]: node["id"] for node in data["nodes"]}
    for node in data["nodes"]:
        if node["pid"] in newcomers:
            node["mark"] = "newcomer"
            node["details"].append(["continuity", f"joined since {result.before}"])

    def key_of(a: str, b: str, kind: str, directed: bool) -> tuple[str, str, str, bool]:
        return (a, b, kind, directed) if directed or a <= b else (b, a, kind, directed)

    pid_of = {node["id"]: node["pid"] for node in data["nodes"]}
    for edge in data["edges"]:
        key = key_of(pid_of[edge["from"]], pid_of[edge["to"]], edge["type"], edge["directed"])
        edge["change"] = "gained" if key in gained else "kept"

    names = {str(node): attrs for node, attrs in before.graph.nodes(data=True)}
    for pid in result.leavers:
        attrs = names.get(pid, {})
        pid_index[pid] = len(data["nodes"])
        data["nodes"].append({
            "id": pid_index[pid], "pid": pid, "label": str(attrs.get("name", pid)), "group": None,
            "color": NO_VALUE_COLOUR, "size": 1, "multi": False, "mark": "leaver",
            "details": [["id", pid], ["continuity", f"took part in {result.before}, not in {result.after}"]],
        })
    kinds = {edge["type"] for edge in data["edges"]}
    for source, target, kind, directed in result.lost:
        if source in pid_index and target in pid_index:
            data["edges"].append({"from": pid_index[source], "to": pid_index[target], "type": kind,
                                  "directed": directed, "count": 1, "weight": 1, "change": "lost"})
            kinds.add(kind)
    known = {t["type"] for t in data["legend"]["edge_types"]}
    for position, kind in enumerate(sorted(kinds - known), start=len(known)):
        data["legend"]["edge_types"].append({"type": kind, "color": EDGE_PALETTE[position % len(EDGE_PALETTE)],
                                             "dashes": True, "count": 0})
    data["meta"]["view"] = "changes"
    data["meta"]["title"] = title if title is not None else f"{result.before} to {result.after}"
    data["legend"]["styles"] = [
        {"style": "newcomer", "text": f"Joined since {result.before} ({len(result.newcomers)})"},
        {"style": "leaver", "text": f"Took part in {result.before}, not in {result.after} ({len(result.leavers)})"},
    ]
    data["legend"]["edge_note"] = (f"Green: ties gained since {result.before} ({len(result.gained)}); grey and "
                                   f"dashed: ties lost ({len(result.lost)}); faint, in their type's colour: kept.")
    data["findings"] = findings_shown("continuity", result)
    return data

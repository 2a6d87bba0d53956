"""The Boundaries view: groups as regions, ties across boundaries strong, brokers and boundary objects marked."""

from __future__ import annotations

from typing import Any

from landscape.model import Landscape
from landscape.render.layout import place_in_regions
from landscape.render.views.base import (
    colour_by_groups,
    edge_note,
    findings_shown,
    measured_ties,
    network_view,
)

__all__ = ["UNBRIDGED_SHOWN", "boundaries_view"]


#: Pairs of groups with no tie named in the legend; the rest are counted.
UNBRIDGED_SHOWN = 20


def boundaries_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """Groups as coloured regions; ties across boundaries strong, within faint; brokers marked."""
    from landscape.passes.boundaries import boundaries

    result = result or boundaries(landscape, **options)
    attribute = result.group_attribute
    data = network_view(landscape, None, title)
    data["meta"]["view"] = "boundaries"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: boundaries"
    measured_ties(data, result.ties["relations"])
    # Regions, colours, legend and crossings use the pass's groups, named as the pass names them.
    memberships: dict[str, tuple[str, ...]] = result.memberships
    groups = list(result.groups)
    colour = colour_by_groups(data, attribute if groups else None, groups, result.sizes, memberships,
                               len(result.ungrouped) if groups else len(data["nodes"]))

    # Regions: one disc per group (people by their first group), around a circle; the ungrouped in the middle.
    home = {node["pid"]: memberships[node["pid"]][0] if memberships[node["pid"]] else None for node in data["nodes"]}
    regions = place_in_regions(data["nodes"], home, groups, colour)
    homes = set(home.values())
    homeless = [group for group in groups if group not in homes]

    index = {node["pid"]: node["id"] for node in data["nodes"]}
    people = {pid: set(own) for pid, own in memberships.items()}
    pid_of = {node["id"]: node["pid"] for node in data["nodes"]}
    for edge in data["edges"]:
        edge["crossing"] = bool(people[pid_of[edge["from"]]]) and bool(people[pid_of[edge["to"]]]) and \
            not people[pid_of[edge["from"]]] & people[pid_of[edge["to"]]]

    brokerage = result.brokerage_participants
    brokers = result.brokers  # the pass decided whom to mark: the top tenth across groups, by main role
    for node in data["nodes"]:
        counts = brokerage[node["pid"]]
        if node["pid"] in brokers:
            node["mark"] = "broker"
            node["role"] = brokers[node["pid"]]
        roles = ", ".join(f"{r} {counts[r]}" for r in ("coordinator", "itinerant", "representative", "gatekeeper",
                                                       "liaison") if counts[r])
        node["details"].insert(-1, ["brokers", f"{counts['total']} pairs" + (f" ({roles})" if roles else "")])
        ei = result.ei_participants.get(node["pid"])
        if ei is not None:
            node["details"].insert(-1, ["E-I of their ties", f"{ei:+.2f}"])

    next_id = len(data["nodes"])
    for item in result.boundary_objects:
        users = item["people"]
        spots = [(data["nodes"][index[user]]["x"], data["nodes"][index[user]]["y"]) for user in users if user in index]
        x = sum(point[0] for point in spots) / len(spots) if spots else 0.0
        y = sum(point[1] for point in spots) / len(spots) if spots else 0.0
        data["nodes"].append({
            "id": next_id, "pid": "", "label": item["object"], "group": None, "color": "#6B6B6B", "size": 0,
            "multi": False, "kind": "object", "x": round(x, 2), "y": round(y, 2),
            "details": [["ties through it", str(item["ties"])], ["across a boundary", str(item["crossing_ties"])],
                        ["groups reached", ", ".join(item["groups"]) or "none"]],
        })
        for user in users:
            if user in index:
                data["edges"].append({"from": next_id, "to": index[user], "type": "boundary object", "directed": False,
                                      "count": 1, "weight": 1, "kind": "object-link"})
        next_id += 1
    data["layout"] = {"type": "positions"}
    data["regions"] = regions
    shown = [f"No tie between {g} and {h}" for g, h in result.unbridged[:UNBRIDGED_SHOWN]]
    if result.unbridged_total > len(shown):
        where = "lists them" if result.mixing_complete else "lists those among the largest groups"
        shown.append(f"... and {result.unbridged_total - len(shown):,} more pairs of groups with no tie "
                     f"(landscape analyse --format json {where})")
    data["legend"]["notes"] = shown + [
        f"{group}: everyone in it lists another {attribute} first, and sits in that region" for group in homeless]
    data["legend"]["styles"] = [
        {"style": "broker", "text": "Among the top tenth of brokers across groups"},
        {"style": "object", "text": "Boundary object (show them with the button above the map)"},
    ]
    edge_note(data, "Ties across a boundary are drawn strong; ties within a group faint.")
    data["findings"] = findings_shown("boundaries", result)
    return data

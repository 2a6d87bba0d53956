"""The Scale view (units of the coarsest level, opening into their members) and the units view of
landscapes too large to draw person by person."""

from __future__ import annotations

from collections import Counter
from typing import Any

from landscape._version import __version__

from landscape.findings.phrases import count_noun
from landscape.model import Landscape
from landscape.render.layout import place_in_regions
from landscape.render.views.base import (
    EDGE_PALETTE,
    NODE_PALETTE,
    colour_by_groups,
    group_colours,
    display,
    edge_note,
    findings_shown,
    measured_ties,
    network_view,
)

__all__ = ["FOLD_ABOVE", "POSITIONS_ABOVE", "folded_note", "scale_view", "units_view"]


def scale_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """The landscape as units of the coarsest level, each opening into its members.

    A unit counts every member, as the Scale pass does (and Voices and Boundaries for the same
    groups); the browser draws each person once, in the first unit listed for them, so each unit
    of each level says how many of its members are drawn in another unit (``also_elsewhere``),
    and each person lists every unit they belong to at each level (``units``, first unit first).
    """
    from landscape.passes.scale import scale

    result = result or scale(landscape, **options)
    data = network_view(landscape, None, title)
    measured_ties(data, result.ties["relations"])
    data["meta"]["view"] = "scale"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: scale"
    data["findings"] = findings_shown("scale", result)
    if not result.levels:
        return data
    start = result.levels[-1]
    aggregate = result.aggregates[start.name]
    memberships = {str(node): start.units.get(node, ()) for node in result.nodes}
    colour = colour_by_groups(data, start.name, [unit["id"] for unit in aggregate["nodes"]],
                              {unit["id"]: unit["members"] for unit in aggregate["nodes"]}, memberships,
                              sum(1 for units in memberships.values() if not units))
    home = {pid: units[0] if units else None for pid, units in memberships.items()}
    for node in data["nodes"]:
        node["units"] = {level.name: list(level.units.get(node["pid"], ())) for level in result.levels}
        node["details"].insert(-1, ["units", "; ".join(f"{name}: {', '.join(units) or '-'}"
                                                       for name, units in node["units"].items())])
    data["regions"] = place_in_regions(data["nodes"], home, list(colour), colour)
    data["layout"] = {"type": "positions"}
    elsewhere = {level.name: _drawn_elsewhere(level, result.nodes) for level in result.levels}
    palette = {level.name: group_colours([unit["id"] for unit in result.aggregates[level.name]["nodes"]],
                                         {unit["id"]: unit["members"] for unit in result.aggregates[level.name]["nodes"]})
               for level in result.levels}
    data["scale"] = {
        "levels": [level.name for level in result.levels],
        "start": start.name,
        "units": {
            level.name: [{"id": unit["id"], "members": unit["members"], "internal_ties": unit["internal_ties"],
                          "also_elsewhere": elsewhere[level.name][unit["id"]],
                          "color": colour[unit["id"]] if level is start else palette[level.name][unit["id"]]}
                         for unit in result.aggregates[level.name]["nodes"]]
            for level in result.levels
        },
    }
    several = sum(1 for units in memberships.values() if len(units) > 1)
    if several:
        data["legend"].setdefault("notes", []).append(
            f"{count_noun(several, 'person belongs', 'people belong')} to more than one {start.name}: each is drawn "
            "once, in the first unit listed for them, and counted in every unit they belong to.")
    edge_note(data, "Click a unit to open it into its members; double-click a member to fold its unit back. The "
                     "level control switches the units drawn. A unit's size counts all its members; someone in "
                     "several units is drawn in the first one listed for them, so a unit may count more people than "
                     "it shows.")
    return data


def _drawn_elsewhere(level: Any, nodes: list[Any]) -> Counter[str]:
    """For each unit of a level, how many of its members are drawn in another unit (the first
    unit listed for them is another one)."""
    elsewhere: Counter[str] = Counter()
    for node in nodes:
        units = level.units.get(node, ())
        elsewhere.update(units[1:])
    return elsewhere


#: (Read as scale.FOLD_ABOVE and scale.POSITIONS_ABOVE wherever they are used: one value to change.)
#: Above this many people the network map's positions are computed in Python (igraph's
#: Fruchterman-Reingold) and drawn still (physics off until asked for); above FOLD_ABOVE the map
#: and the atlas draw the units of each level of scale (units_view) instead of every person.
POSITIONS_ABOVE = 1_000
FOLD_ABOVE = 20_000


def folded_note(people: int) -> str:
    """What a map or atlas too large to draw person by person says it draws instead."""
    return (f"{people:,} participants are more than a browser draws at once (over {FOLD_ABOVE:,}): the map "
            f"draws the units of each level of scale (the level control switches level), with the ties between "
            f"them; nobody is drawn one by one.")


def units_view(landscape: Landscape, title: str | None, result: Any = None,
               findings: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The landscape as the units of each level of scale and the ties between them, for landscapes
    too large to draw person by person (FOLD_ABOVE): no person is drawn, so the page stays small
    and opens quickly whatever the number of people.

    Each unit of each level is a node (``unit_level`` names its level; only the coarsest level is
    shown at first, the others ``hidden``), sized by members and placed by a force layout of its
    level's ties; an edge joins two units of a level with the number of learning ties between
    them (``weight``). ``findings`` replaces the Scale pass's findings (an atlas gives every
    discipline's).
    """
    import networkx as nx

    from landscape.passes.scale import scale
    from landscape.render.layout import force_positions

    result = result or scale(landscape)
    graph = landscape.graph
    people = graph.number_of_nodes()
    meta = {
        "title": title if title is not None else f"{graph.graph.get('name') or 'landscape'}: scale",
        "participants": people,
        "relationships": graph.number_of_edges(),
        "color_by": None,
        "size_by": "members of the unit",
        "generator": f"landscape {__version__}",
        "view": "units",
        "folded": folded_note(people),
    }
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    notes = [meta["folded"]]
    start = result.levels[-1].name if result.levels else None
    for level in result.levels:
        aggregate = result.aggregates[level.name]
        index = {unit["id"]: len(nodes) + i for i, unit in enumerate(aggregate["nodes"])}
        layout = nx.MultiDiGraph()
        layout.add_nodes_from(index)
        layout.add_edges_from((edge["source"], edge["target"]) for edge in aggregate["edges"])
        placed = force_positions(layout, spacing=260.0)
        for i, unit in enumerate(aggregate["nodes"]):
            x, y = placed[unit["id"]]
            nodes.append({
                "id": index[unit["id"]], "pid": f"{level.name}: {unit['id']}",
                "label": f"{display(unit['id'])} ({unit['members']:,})", "group": display(unit["id"]),
                "color": NODE_PALETTE[i % len(NODE_PALETTE)], "size": unit["members"], "multi": False,
                "unit_level": level.name, "hidden": level.name != start, "x": x, "y": y,
                "details": [["level", level.name], ["members", f"{unit['members']:,}"],
                            ["ties within", f"{unit['internal_ties']:,}"],
                            ["density within", "-" if unit["internal_density"] is None
                             else f"{unit['internal_density']:.3f}"]],
            })
        for edge in aggregate["edges"]:
            edges.append({"from": index[edge["source"]], "to": index[edge["target"]], "type": "ties between units",
                          "directed": False, "count": edge["ties"], "weight": edge["ties"], "unit_level": level.name,
                          "hidden": level.name != start})
        outside = sum(1 for node in result.nodes if level.first(node) is None)
        if outside:
            notes.append(f"{level.name}: {count_noun(outside, 'participant belongs', 'participants belong')} to no "
                         f"{level.name} and {'is' if outside == 1 else 'are'} not drawn at this level.")
    if not result.levels:
        notes.append("No level of scale was found (no community or organisation column, no Communities sheet): "
                     "there are no units to draw.")
    relations = ", ".join(result.ties["relations"]) or "none"
    legend = {
        "color_by": None, "groups": [], "multi_membership": 0,
        "edge_types": [{"type": "ties between units", "color": EDGE_PALETTE[0], "dashes": False,
                        "count": sum(edge["count"] for edge in edges if edge["unit_level"] == start)}],
        "notes": notes,
        "edge_note": (f"Each line joins two units of the level shown and is as thick as the number of "
                      f"learning ties ({relations}) between them; a unit's size is its number of members. Someone "
                      f"in several units counts in each, so one of their ties can join several pairs of units."),
    }
    return {
        "meta": meta, "nodes": nodes, "edges": edges, "legend": legend,
        "findings": findings if findings is not None else findings_shown("scale", result),
        "layout": {"type": "positions"},
        "units": {"levels": [level.name for level in result.levels], "start": start},
    }

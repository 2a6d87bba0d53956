"""The data of a map: nodes, edges and legend as plain, JSON-able values.

:func:`map_data` decides everything a map shows (colours, sizes, what a tooltip lists, how each
relationship type is drawn); :mod:`landscape.render.html` only writes it into a page. Keeping the
decisions here keeps them testable without a browser.
"""

from __future__ import annotations

import contextlib
import math
import weakref
from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal

from landscape._version import __version__
from landscape.errors import UnknownAttribute
from landscape.findings import findings_for
from landscape.model import Landscape
from landscape.schema import normalise_header

__all__ = ["EDGE_PALETTE", "FOLD_ABOVE", "NODE_PALETTE", "NO_VALUE", "POSITIONS_ABOVE", "VIEWS", "map_data", "units_view"]

View = Literal["network", "voices", "power", "boundaries", "scale"]
#: The views a map can show.
VIEWS: tuple[str, ...] = ("network", "voices", "power", "boundaries", "scale")

#: Colours for groups of participants, in the order groups are sorted (Tableau 20, reordered so
#: that neighbours in the list differ in hue).
NODE_PALETTE: tuple[str, ...] = (
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
    "#9C755F", "#A0CBE8", "#FFBE7D", "#8CD17D", "#B6992D", "#F1CE63", "#86BCB6", "#FF9D9A",
    "#79706E", "#D37295", "#FABFD2", "#D4A6C8",
)  # fmt: skip
#: The colour of participants without a value for the colouring attribute.
NO_VALUE_COLOUR = "#C9C9C9"
#: How a participant without a value is named in the legend.
NO_VALUE = "(none)"
#: Colours for relationship types: darker than the node colours, so ties read as lines.
EDGE_PALETTE: tuple[str, ...] = ("#5A5A5A", "#2B6CB0", "#C05621", "#2F855A", "#6B46C1", "#B83280", "#975A16")
#: Relationship types drawn dashed: formal lines rather than learning ties.
DASHED_TYPES = frozenset({"reports_to"})
#: Attributes tried, in order, when no colouring attribute is named.
DEFAULT_COLOUR_ATTRIBUTES = ("community", "organisation", "stakeholder_group")


def _display(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return "; ".join(str(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _group_of(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return value[0] if value else None
    return value


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (1, str(value))
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, str(value).casefold())


def colour_attribute(landscape: Landscape, color_by: str | None) -> str | None:
    """The participant attribute a map colours by.

    ``None`` picks the first of community, organisation and stakeholder group that anyone has
    (or no colouring at all). A named attribute must exist: its name is matched the way headers
    are (``"Stakeholder group"`` finds ``stakeholder_group``).
    """
    present = set(landscape.attributes()) | {"id"}
    if color_by is None:
        return next((name for name in DEFAULT_COLOUR_ATTRIBUTES if name in present), None)
    for candidate in (color_by, normalise_header(color_by)):
        if candidate in present:
            return candidate
    known = ", ".join(sorted(present)) or "none"
    raise UnknownAttribute(f"no participant has an attribute {color_by!r}; the attributes are: {known}")


def map_data(
    landscape: Landscape,
    *,
    view: View = "network",
    color_by: str | None = None,
    title: str | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Everything a map of ``landscape`` shows, as JSON-able data.

    Parameters
    ----------
    landscape : Landscape
    view : {"network", "voices", "power", "boundaries", "scale"}
        ``network`` draws the landscape as it is. ``voices`` colours people by stakeholder group,
        draws every missing voice on the roster as an empty chair, marks peripheral participants
        and under-represented groups, and carries the Voices pass's findings. ``power`` lays
        people out in layers by seniority (most senior at the top), sizes them by how often they
        are sought out, marks those sought out beyond their rank and those whose rank goes
        unsought, and carries the Power pass's findings. ``boundaries`` draws each group as a
        coloured region, ties across boundaries strong and ties within faint, marks brokers,
        adds boundary objects as a second kind of node (hidden until asked for), and names the
        boundaries nobody crosses. ``scale`` starts with the units of the coarsest level as
        nodes (sized by members): clicking a unit opens it into its members, and a control
        switches level. Every view but ``network`` groups people exactly as its pass does and
        draws only the ties its pass measured; ``power`` also draws the reporting lines, dashed.
    color_by : str, optional
        The participant attribute that colours the nodes. By default the first of community,
        organisation and stakeholder group that the participants have. People in several
        communities are coloured by the first one listed and drawn with a thick border.
    title : str, optional
        The map's title; by default the input's file name.
    **options
        ``network``: ``unfold=True`` draws every person even above FOLD_ABOVE participants (by
        default such a map draws the units of each level of scale: :func:`units_view`). Options
        of the view's pass (``voices``: ``by``, ``relations``, ``threshold``; ``power``:
        ``relations``, ``level_order``, ``mismatch_threshold``; ``boundaries``: ``group``,
        ``relations``; ``scale``: ``levels``, ``relations``, ``resolutions``, ``seed``).

    Returns
    -------
    dict
        ``meta`` (title, counts, how nodes are sized and coloured), ``nodes`` (``id`` is the
        node's index, ``pid`` the participant id, ``label``, ``group`` (None without a value),
        ``color``, ``size`` =
        number of people connected, ``multi``, ``details`` as ``[name, value]`` pairs), ``edges``
        (one per pair of people and relationship type and direction, with ``count`` rows and summed
        ``weight``) and ``legend`` (``groups`` and ``edge_types`` with colours and counts).

    Examples
    --------
    >>> from landscape import load
    >>> from landscape.io import sample_path
    >>> data = map_data(load(sample_path("krackhardt-hightech")), color_by="department")
    >>> len(data["nodes"]), data["legend"]["color_by"], [t["type"] for t in data["legend"]["edge_types"]]
    (21, 'department', ['advice', 'friendship', 'reports_to'])
    """
    if view == "network":
        people = landscape.graph.number_of_nodes()
        if people > FOLD_ABOVE and not options.get("unfold"):
            # A page of this many people would not draw in a browser: draw the units instead.
            return units_view(landscape, title)
        data = _network_view(landscape, colour_attribute(landscape, color_by), title)
        if people > POSITIONS_ABOVE:
            from landscape.render.layout import force_positions

            positions = force_positions(landscape.graph)
            for node, pid in zip(data["nodes"], landscape.graph.nodes):
                node["x"], node["y"] = positions[pid]
            data["layout"] = {"type": "positions"}
        return data
    if view == "voices":
        return _voices_view(landscape, title, **options)
    if view == "power":
        return _power_view(landscape, color_by, title, **options)
    if view == "boundaries":
        return _boundaries_view(landscape, title, **options)
    if view == "scale":
        return _scale_view(landscape, title, **options)
    raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")


#: The people and ties of a landscape as every view draws them, kept while drawing_once() is
#: open (an atlas draws five views of one landscape: 10 s each at 100,000 people and 1M ties).
_DRAWN: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def drawing_once(landscape: Landscape) -> Iterator[None]:
    """Within this block, views of ``landscape`` share the work of drawing its people and ties
    (each view still changes only its own copy). Outside, every map is drawn afresh, so a script
    that changes the graph between two maps sees its change."""
    _DRAWN[landscape] = None
    try:
        yield
    finally:
        _DRAWN.pop(landscape, None)


def _people_and_ties(landscape: Landscape) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Counter[str]]:
    """Nodes without colour (id, pid, label, size, multi, details), ties merged per pair of people,
    type and direction, and the number of ties of each type. Shared: callers copy what they change."""
    cached = _DRAWN.get(landscape)
    if cached is not None:
        return cached
    graph = landscape.graph
    index = {node: position for position, node in enumerate(graph.nodes)}
    columns = [column for column in landscape.participants.columns if column not in ("id", "_row", "name")]

    people = []
    for node, attrs in graph.nodes(data=True):
        neighbours = set(graph.successors(node)) | set(graph.predecessors(node))
        neighbours.discard(node)
        details = [["id", str(node)]]  # the name is the node's label, shown above the details
        details += [[column, _display(attrs[column])] for column in columns if column in attrs]
        details.append(["connected to", f"{len(neighbours)} {'person' if len(neighbours) == 1 else 'people'}"])
        community = attrs.get("community")
        people.append({
            "id": index[node],
            "pid": str(node),
            "label": str(attrs.get("name", node)),
            "group": None,
            "color": NO_VALUE_COLOUR,
            "size": len(neighbours),
            "multi": isinstance(community, tuple) and len(community) > 1,
            "details": details,
        })

    merged: dict[tuple[int, int, str, bool], dict[str, Any]] = {}
    type_counts: Counter[str] = Counter()
    for source, target, attrs in graph.edges(data=True):
        directed = attrs.get("direction", "directed") == "directed"
        a, b = index[source], index[target]
        if not directed and a > b:
            a, b = b, a
        kind = attrs["type"]
        type_counts[kind] += 1
        key = (a, b, kind, directed)
        edge = merged.get(key)
        if edge is None:
            edge = {"from": a, "to": b, "type": kind, "directed": directed, "count": 0, "weight": 0}
            merged[key] = edge
        edge["count"] += 1
        edge["weight"] += attrs.get("weight", 1)
        if "boundary_object" in attrs:
            objects = edge.setdefault("boundary_objects", [])
            if attrs["boundary_object"] not in objects:
                objects.append(attrs["boundary_object"])
    drawn = people, list(merged.values()), type_counts
    if landscape in _DRAWN:
        _DRAWN[landscape] = drawn
    return drawn


def _network_view(
    landscape: Landscape, attribute: str | None, title: str | None, group_order: list[Any] | None = None
) -> dict[str, Any]:
    graph = landscape.graph
    people, ties, type_counts = _people_and_ties(landscape)

    group_values: dict[Any, Any] = {}
    for node, attrs in graph.nodes(data=True):
        value = node if attribute == "id" else attrs.get(attribute) if attribute else None
        group_values[node] = _group_of(value)
    present = sorted({value for value in group_values.values() if value is not None}, key=_sort_key)
    if group_order is not None:
        rank = {value: position for position, value in enumerate(group_order)}
        present = sorted(present, key=lambda value: (rank.get(value, len(rank)), _sort_key(value)))
    colours = {value: NODE_PALETTE[position % len(NODE_PALETTE)] for position, value in enumerate(present)}
    names = {value: _display(value) for value in present}

    # Each view changes its own copy: the nodes' details and the edges are copied, not shared.
    nodes = []
    for person, value in zip(people, group_values.values()):
        node = dict(person)
        node["details"] = list(person["details"])
        node["group"] = names[value] if value is not None else None
        node["color"] = colours[value] if value is not None else NO_VALUE_COLOUR
        nodes.append(node)
    edges = [dict(tie) for tie in ties]
    for edge in edges:
        if "boundary_objects" in edge:
            edge["boundary_objects"] = list(edge["boundary_objects"])

    edge_types = []
    for position, kind in enumerate(sorted(type_counts)):
        edge_types.append(
            {
                "type": kind,
                "color": EDGE_PALETTE[position % len(EDGE_PALETTE)],
                "dashes": kind in DASHED_TYPES or position >= len(EDGE_PALETTE),
                "count": type_counts[kind],
            }
        )

    group_counts = Counter(group_values.values())
    groups = [{"name": names[value], "color": colours[value], "count": group_counts[value]} for value in present]
    if group_counts.get(None):
        # Kept apart from the groups, so that a group someone named "(none)" stays its own entry.
        groups.append({"name": NO_VALUE, "color": NO_VALUE_COLOUR, "count": group_counts[None], "no_value": True})

    return {
        "meta": {
            "title": title if title is not None else str(graph.graph.get("name") or "landscape"),
            "participants": graph.number_of_nodes(),
            "relationships": graph.number_of_edges(),
            "color_by": attribute,
            "size_by": "number of people connected (in either direction, any type)",
            "generator": f"landscape {__version__}",
            "view": "network",
        },
        "nodes": nodes,
        "edges": edges,
        "legend": {
            "color_by": attribute,
            "groups": groups,
            "multi_membership": sum(1 for node in nodes if node["multi"]),
            "edge_types": edge_types,
        },
    }


def _measured_ties(data: dict[str, Any], relations: list[str], formal: tuple[str, ...] = ()) -> None:
    """Keep on the map only the ties a view's pass measured (and, for Power, the formal lines it
    draws as structure); the legend says which types are left out."""
    kept = set(relations) | set(formal)
    present = [entry["type"] for entry in data["legend"]["edge_types"]]
    data["edges"] = [edge for edge in data["edges"] if edge["type"] in kept]
    data["legend"]["edge_types"] = [entry for entry in data["legend"]["edge_types"] if entry["type"] in kept]
    notes = []
    left_out = [kind for kind in present if kind not in kept]
    if left_out:
        notes.append(f"Drawn: the ties the pass measured ({', '.join(relations) or 'none'}); "
                     f"{', '.join(left_out)} left out.")
    shown_formal = [kind for kind in formal if kind in present and kind not in relations]
    if shown_formal:
        notes.append(f"{', '.join(shown_formal)}: drawn dashed as formal structure, not measured as learning ties.")
    if notes:
        data["legend"]["edge_note"] = " ".join(notes)


def _edge_note(data: dict[str, Any], text: str) -> None:
    """Add ``text`` to the legend's note on ties."""
    before = data["legend"].get("edge_note")
    data["legend"]["edge_note"] = f"{before} {text}" if before else text


def _colour_by_groups(data: dict[str, Any], attribute: str | None, groups: list[str], counts: dict[str, int],
                      memberships: dict[str, tuple[str, ...]], blank: int) -> dict[str, str]:
    """Colour people by the first of the groups a pass put them in, and make the legend list the
    pass's groups with its counts; people in none get the no-value colour and their own entry
    (``no_value``), which no group's name can be mistaken for. Returns each group's colour."""
    colour = {group: NODE_PALETTE[position % len(NODE_PALETTE)] for position, group in enumerate(groups)}
    for node in data["nodes"]:
        own = memberships.get(node["pid"], ())
        node["group"] = own[0] if own else None
        node["color"] = colour[own[0]] if own else NO_VALUE_COLOUR
        node["multi"] = len(own) > 1
    legend = data["legend"]
    legend["color_by"] = attribute
    legend["groups"] = [{"name": group, "color": colour[group], "count": counts[group]} for group in groups]
    if blank:
        legend["groups"].append({"name": NO_VALUE, "color": NO_VALUE_COLOUR, "count": blank, "no_value": True})
    legend["multi_membership"] = sum(1 for node in data["nodes"] if node["multi"])
    legend["multi_attribute"] = attribute
    return colour


def _voices_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """The network coloured by voice, with an empty chair for each missing voice."""
    from landscape.passes.voices import voices

    result = result or voices(landscape, **options)
    data = _network_view(landscape, None, title)
    data["meta"]["view"] = "voices"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: voices"
    _measured_ties(data, result.ties["relations"])
    # People are grouped exactly as the pass counts them: several values split, case and spacing ignored.
    colour = _colour_by_groups(data, result.attribute, [group.group for group in result.groups],
                               {group.group: group.present for group in result.groups}, result.memberships(),
                               len(result.unrecorded))
    level = {participant.id: participant.participation_level for participant in result.participants}
    for node in data["nodes"]:
        node["level"] = level[node["pid"]]
        node["details"].insert(-1, ["participation", node["level"]])
    next_id = len(data["nodes"])
    for entry, group in zip(data["legend"]["groups"], result.groups):
        entry["status"] = group.status
        entry["note"] = _status_note(group)
        if group.status == "missing":
            details = [["expected", _expectation(group)]]
            if group.why:
                details.append(["why", group.why])
            data["nodes"].append({
                "id": next_id, "pid": "", "label": f"{group.group} (expected {_expectation(group)})",
                "group": group.group, "color": colour[group.group], "size": 0, "multi": False,
                "placeholder": True, "details": details,
            })
            next_id += 1
    data["legend"]["styles"] = [
        {"style": "placeholder", "text": "Empty chair: a voice on the roster that nobody brings"},
        {"style": "peripheral", "text": "Dashed, paler: peripheral participation in the learning ties"},
    ]
    data["findings"] = [
        {"statement": finding.statement, "question": finding.question} for finding in findings_for("voices", result)
    ]
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


def _power_view(landscape: Landscape, color_by: str | None, title: str | None, result: Any = None,
                **options: Any) -> dict[str, Any]:
    """The network in layers of seniority, sized by how often each person is sought out."""
    from landscape.passes.ties import FORMAL_RELATIONS
    from landscape.passes.power import power

    result = result or power(landscape, **options)
    data = _network_view(landscape, colour_attribute(landscape, color_by), title)
    # Reporting lines stay, dashed: they are the formal structure the learning ties are set beside.
    _measured_ties(data, result.ties["relations"], FORMAL_RELATIONS)
    data["meta"]["view"] = "power"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: power"
    data["meta"]["size_by"] = (f"how often sought out: in-degree on the learning ties "
                               f"({', '.join(result.ties['relations']) or 'none'})")
    people = {p.id: p for p in result.participants}
    seniority = _seniority(result)
    layers = sorted({value for value in seniority.values() if value is not None}, reverse=True)
    position = {value: index for index, value in enumerate(layers)}
    marks = {**{pid: "sought-beyond-rank" for pid in result.hidden_influencers},
             **{pid: "rank-beyond-seeking" for pid in result.formal_only}}
    for node in data["nodes"]:
        person = people[node["pid"]]
        node["size"] = person.in_degree
        value = seniority.get(node["pid"])
        node["layer"] = position[value] if value is not None else len(layers)
        if node["pid"] in marks:
            node["mark"] = marks[node["pid"]]
        node["details"][-1:-1] = [
            ["sought out by", f"{person.in_degree} {'person' if person.in_degree == 1 else 'people'}"],
            ["betweenness", f"{person.betweenness:.3f}"],
        ]
        if person.direct_reports:
            node["details"].insert(-1, ["direct reports", str(person.direct_reports)])
    if layers:
        labels = [_layer_label(result, value) for value in layers]
        if any(value is None for value in seniority.values()):
            labels.append("no level")
        data["layout"] = {"type": "layers", "layers": labels}
    data["legend"]["styles"] = [
        {"style": "sought-beyond-rank", "text": "Sought out beyond their formal rank"},
        {"style": "rank-beyond-seeking", "text": "Formal rank beyond how often they are sought out"},
    ]
    data["findings"] = [{"statement": f.statement, "question": f.question} for f in findings_for("power", result)]
    return data


def _seniority(result: Any) -> dict[str, float | None]:
    """Each person's seniority as the Power pass used it: higher is more senior."""
    if result.formal_basis == "level":
        sign = 1 if result.level_order == "higher-is-senior" else -1
        return {p.id: None if p.level is None else sign * p.level for p in result.participants}
    if result.formal_basis == "reporting depth":
        return {p.id: None if p.depth is None else -p.depth for p in result.participants}
    return {p.id: None for p in result.participants}


def _layer_label(result: Any, value: float) -> str:
    if result.formal_basis == "level":
        return f"level {int(value if result.level_order == 'higher-is-senior' else -value)}"
    return f"{int(-value)} below the top" if value else "top of the reporting tree"


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
#: Distance between neighbouring people inside a region, in the map's units.
SPACING = 38.0


def _spiral(count: int, centre: tuple[float, float]) -> list[tuple[float, float]]:
    """``count`` points on a sunflower spiral around ``centre``, evenly spread, first at the middle."""
    x0, y0 = centre
    return [(x0 + SPACING * math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE),
             y0 + SPACING * math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE)) for i in range(count)]


def _place_in_regions(nodes: list[dict[str, Any]], home: dict[str, str | None], units: list[str],
                      colour: dict[str, str]) -> list[dict[str, Any]]:
    """Give every node ``x`` and ``y``: one disc per unit on a ring (people on a sunflower spiral
    inside, the most connected in the middle), people without a unit at the centre. Returns the
    discs, for the page to draw as regions."""
    members: dict[str, list[dict[str, Any]]] = {unit: [] for unit in units}
    loose = []
    for node in nodes:
        unit = home.get(node["pid"])
        (members[unit] if unit in members else loose).append(node)
    radii = {unit: SPACING * (math.sqrt(len(group) + 1) + 1) for unit, group in members.items()}
    # Regions sit on a ring with room between them (chords are shorter than arcs).
    ring = max(1.35 * sum(2 * r for r in radii.values()) / (2 * math.pi), max(radii.values(), default=0) * 1.6) \
        if len(members) > 1 else 0.0
    regions = []
    angle = 0.0
    circumference = sum(2 * r for r in radii.values()) or 1.0
    for unit, group in members.items():
        share = 2 * radii[unit] / circumference * 2 * math.pi
        centre = (ring * math.cos(angle + share / 2), ring * math.sin(angle + share / 2))
        angle += share
        group.sort(key=lambda node: -node["size"])
        for node, (x, y) in zip(group, _spiral(len(group), centre)):
            node["x"], node["y"] = round(x, 2), round(y, 2)
        regions.append({"name": unit, "color": colour.get(unit, NO_VALUE_COLOUR), "x": round(centre[0], 2),
                        "y": round(centre[1], 2), "r": round(radii[unit], 2)})
    loose.sort(key=lambda node: -node["size"])
    for node, (x, y) in zip(loose, _spiral(len(loose), (0.0, 0.0))):
        node["x"], node["y"] = round(x, 2), round(y, 2)
    return regions


def _boundaries_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """Groups as coloured regions; ties across boundaries strong, within faint; brokers marked."""
    from landscape.passes.boundaries import boundaries

    result = result or boundaries(landscape, **options)
    attribute = result.group_attribute
    data = _network_view(landscape, None, title)
    data["meta"]["view"] = "boundaries"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: boundaries"
    _measured_ties(data, result.ties["relations"])
    # Regions, colours, legend and crossings use the pass's groups, named as the pass names them.
    memberships: dict[str, tuple[str, ...]] = result.memberships
    groups = list(result.groups)
    colour = _colour_by_groups(data, attribute if groups else None, groups, result.sizes, memberships,
                               len(result.ungrouped) if groups else len(data["nodes"]))

    # Regions: one disc per group (people by their first group), around a circle; the ungrouped in the middle.
    home = {node["pid"]: memberships[node["pid"]][0] if memberships[node["pid"]] else None for node in data["nodes"]}
    regions = _place_in_regions(data["nodes"], home, groups, colour)
    homes = set(home.values())
    homeless = [group for group in groups if group not in homes]

    index = {node["pid"]: node["id"] for node in data["nodes"]}
    people = {pid: set(own) for pid, own in memberships.items()}
    pid_of = {node["id"]: node["pid"] for node in data["nodes"]}
    for edge in data["edges"]:
        edge["crossing"] = bool(people[pid_of[edge["from"]]]) and bool(people[pid_of[edge["to"]]]) and \
            not people[pid_of[edge["from"]]] & people[pid_of[edge["to"]]]

    brokerage = result.brokerage_participants
    across = {pid: counts["total"] - counts["coordinator"] for pid, counts in brokerage.items()}
    ranked = sorted((value for value in across.values() if value > 0), reverse=True)
    cut = ranked[max(0, len(ranked) // 10 - 1)] if ranked else 0  # the top tenth of brokers across groups
    for node in data["nodes"]:
        counts = brokerage[node["pid"]]
        if across[node["pid"]] and across[node["pid"]] >= cut:
            role = max(("itinerant", "representative", "gatekeeper", "liaison"), key=lambda r: counts[r])
            node["mark"] = "broker"
            node["role"] = role
        roles = ", ".join(f"{r} {counts[r]}" for r in ("coordinator", "itinerant", "representative", "gatekeeper",
                                                       "liaison") if counts[r])
        node["details"].insert(-1, ["brokers", f"{counts['total']} pairs" + (f" ({roles})" if roles else "")])
        ei = result.ei_participants.get(node["pid"])
        if ei is not None:
            node["details"].insert(-1, ["E-I of their ties", f"{ei:+.2f}"])

    next_id = len(data["nodes"])
    for item in result.boundary_objects:
        users = _object_users(landscape, item["object"], result.ties["relations"])
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
    _edge_note(data, "Ties across a boundary are drawn strong; ties within a group faint.")
    data["findings"] = [{"statement": f.statement, "question": f.question} for f in findings_for("boundaries", result)]
    return data


def _object_users(landscape: Landscape, name: str, relations: list[str]) -> list[str]:
    frame = landscape.relationships
    rows = frame[frame["type"].isin(relations) & (frame["boundary_object"] == name)] if "boundary_object" in frame \
        else frame.iloc[0:0]
    return [str(person) for person in dict.fromkeys([*rows["source"].tolist(), *rows["target"].tolist()])]


def _scale_view(landscape: Landscape, title: str | None, result: Any = None, **options: Any) -> dict[str, Any]:
    """The landscape as units of the coarsest level, each opening into its members."""
    from landscape.passes.scale import scale

    result = result or scale(landscape, **options)
    data = _network_view(landscape, None, title)
    _measured_ties(data, result.ties["relations"])
    data["meta"]["view"] = "scale"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: scale"
    data["findings"] = [{"statement": f.statement, "question": f.question} for f in findings_for("scale", result)]
    if not result.levels:
        return data
    start = result.levels[-1]
    aggregate = result.aggregates[start.name]
    colour = {unit["id"]: NODE_PALETTE[position % len(NODE_PALETTE)] for position, unit in enumerate(aggregate["nodes"])}
    home = {str(node): start.first(node) for node in result.nodes}
    for node in data["nodes"]:
        unit = home[node["pid"]]
        node["color"] = colour.get(unit, NO_VALUE_COLOUR) if unit is not None else NO_VALUE_COLOUR
        node["group"] = unit
        node["units"] = {level.name: level.first(node["pid"]) for level in result.levels}
        node["details"].insert(-1, ["units", "; ".join(f"{level.name}: {level.first(node['pid']) or '-'}"
                                                       for level in result.levels)])
    data["regions"] = _place_in_regions(data["nodes"], home, list(colour), colour)
    data["layout"] = {"type": "positions"}
    counts = Counter(home.values())
    data["legend"]["color_by"] = start.name
    data["legend"]["groups"] = [{"name": unit, "color": colour[unit], "count": counts[unit]} for unit in colour]
    if counts.get(None):
        data["legend"]["groups"].append({"name": NO_VALUE, "color": NO_VALUE_COLOUR, "count": counts[None],
                                         "no_value": True})
    data["scale"] = {
        "levels": [level.name for level in result.levels],
        "start": start.name,
        "units": {
            level.name: [{"id": unit["id"], "members": unit["members"], "internal_ties": unit["internal_ties"],
                          "color": colour[unit["id"]] if level is start else NODE_PALETTE[i % len(NODE_PALETTE)]}
                         for i, unit in enumerate(result.aggregates[level.name]["nodes"])]
            for level in result.levels
        },
    }
    _edge_note(data, "Click a unit to open it into its members; double-click a member to fold its unit back. The "
                     "level control switches the units drawn.")
    return data


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

    from landscape.findings.phrases import count_noun
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
                "label": f"{_display(unit['id'])} ({unit['members']:,})", "group": _display(unit["id"]),
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
                      f"learning ties ({relations}) between them; a unit's size is its number of members."),
    }
    return {
        "meta": meta, "nodes": nodes, "edges": edges, "legend": legend,
        "findings": findings if findings is not None else
        [{"statement": f.statement, "question": f.question} for f in findings_for("scale", result)],
        "layout": {"type": "positions"},
        "units": {"levels": [level.name for level in result.levels], "start": start},
    }

#: Pairs of groups with no tie named in the boundaries map's legend; the rest are counted.
UNBRIDGED_SHOWN = 20


def change_map_data(before: Landscape, after: Landscape, result: Any, *, color_by: str | None = None,
                    title: str | None = None) -> dict[str, Any]:
    """The map of what changed between two waves: the later wave as the network view draws it,
    with ties gained since the earlier wave drawn strong, ties lost drawn faint and dashed,
    newcomers ringed and those who left drawn as pale nodes with their lost ties.

    ``result`` is :func:`landscape.passes.continuity.compare` of the two waves.
    """
    data = _network_view(after, colour_attribute(after, color_by), title)
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
    data["findings"] = [{"statement": f.statement, "question": f.question} for f in findings_for("continuity", result)]
    return data

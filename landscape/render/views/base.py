"""What every view draws: the people and ties once, their colours, the legend, the ties measured.

Each view (:mod:`~landscape.render.views.voices`, ``power``, ``boundaries``, ``scale``,
``changes``) starts from :func:`network_view` and changes its own copy; the decisions a view
shows (who is a broker worth marking, each person's seniority, whom a boundary object links) come
from its pass's typed result, and its findings from :mod:`landscape.findings`.
"""

from __future__ import annotations

import contextlib
import weakref
from collections import Counter
from collections.abc import Collection, Iterator
from typing import Any

from landscape._version import __version__
from landscape.errors import UnknownAttribute
from landscape.findings import findings_for
from landscape.model import Landscape
from landscape.model.accounts import CONFIRMED, answered
from landscape.passes.groups import grouping
from landscape.schema import normalise_header

__all__ = ["DASHED_KINDS", "DEFAULT_COLOUR_ATTRIBUTES", "EDGE_PALETTE", "KIND_DASHES", "NEGATIVE_COLOUR", "NODE_PALETTE",
           "NO_VALUE", "NO_VALUE_COLOUR", "OTHER_COLOUR", "TYPE_COLOURS", "colour_attribute", "colour_by_groups",
           "display", "drawing_once", "edge_note", "edge_styles", "findings_shown", "group_colours", "measured_ties",
           "network_view", "withheld_ids"]

#: Colours for groups of participants, in the order groups are sorted: Paul Tol's "muted" scheme,
#: chosen to stay distinguishable for the common colour-vision deficiencies and on a projector.
#: Beyond nine groups the smallest share one grey, OTHER_COLOUR (the key lists them by name).
NODE_PALETTE: tuple[str, ...] = (
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499",
)  # fmt: skip
#: The colour of the groups beyond the palette: the smallest, when there are more than nine.
OTHER_COLOUR = "#7A7A7A"
#: The colour of participants without a value for the colouring attribute.
NO_VALUE_COLOUR = "#C9C9C9"
#: How a participant without a value is named in the legend.
NO_VALUE = "(none)"
#: Colours for relationship types: darker than the node colours, so ties read as lines. The common
#: types keep one colour in every landscape (TYPE_COLOURS); others take one of these by their name.
EDGE_PALETTE: tuple[str, ...] = ("#5A5A5A", "#2B6CB0", "#C05621", "#2F855A", "#6B46C1", "#B83280", "#975A16",
                                 "#0F766E", "#1E3A8A", "#9F7A0C")
_FAMILIES = {
    "#2B6CB0": "tie advice advice_seeking seeks_advice asks_advice asks_for_advice gives_advice consults consultation "
               "referral refers expertise goes_to",
    "#2F855A": "collaboration collaborates collaborates_with collaborate works_with co_authorship coauthorship "
               "problem_solving innovation ideas",
    "#6B46C1": "information information_sharing shares_information knowledge knowledge_sharing shares_knowledge "
               "communication communicates talks_to discussion discusses feedback learning learns_from learning_from",
    "#C05621": "help helps asks_for_help support supports mentoring mentors coaching coaches",
    "#975A16": "friendship friend friends like likes liking trust trusts social acquaintance knows esteem",
    "#9F7A0C": "leadership looks_to_for_leadership looks_to leads leader led_by follows",
    "#5A5A5A": "reports_to reporting manages managed_by supervises supervised_by line_manager line_management "
               "hierarchy formal authority directs",
}
#: The colour each common relationship type has in every landscape (its family's: advice-like ties
#: blue, collaboration green, information purple, help orange, friendship brown, leadership gold,
#: reporting lines dark grey; negative ties are NEGATIVE_COLOUR whatever their name).
TYPE_COLOURS: dict[str, str] = {name: colour for colour, names in _FAMILIES.items() for name in names.split()}
#: Line styles by what a type means (vis-network dash patterns): learning and leadership ties solid,
#: reporting lines dashed, negative ties dotted, other ties (friendship...) dash-dot.
KIND_DASHES: dict[str, Any] = {"learning": False, "leadership": False, "formal": [10, 6], "negative": [3, 4],
                               "other": [8, 3, 2, 3]}
#: Relationship kinds drawn dashed: formal lines and negative ties are not learning ties.
DASHED_KINDS = frozenset({"formal", "negative"})
#: Negative ties (dislike, conflict) are drawn in one red, whatever their type, so they read apart.
NEGATIVE_COLOUR = "#C53030"
#: Attributes tried, in order, when no colouring attribute is named.
DEFAULT_COLOUR_ATTRIBUTES = ("community", "organisation", "stakeholder_group")


def display(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return "; ".join(str(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (1, str(value))
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, str(value).casefold())


def group_colours(groups: list[Any], counts: Any, keep: Collection[Any] = ()) -> dict[Any, str]:
    """Each group's colour: the palette's in the order ``groups`` lists them, for the largest nine
    (by ``counts``, ties kept in list order; groups in ``keep``, such as missing voices, first);
    the smaller ones beyond share OTHER_COLOUR.

    >>> group_colours(["a", "b"], {"a": 1, "b": 5}) == {"a": NODE_PALETTE[0], "b": NODE_PALETTE[1]}
    True
    >>> many = [f"g{i}" for i in range(11)]
    >>> colours = group_colours(many, {name: 20 - i for i, name in enumerate(many)})
    >>> [colours["g8"] == NODE_PALETTE[8], colours["g9"] == colours["g10"] == OTHER_COLOUR]
    [True, True]
    """
    if len(groups) <= len(NODE_PALETTE):
        return {group: NODE_PALETTE[position] for position, group in enumerate(groups)}
    first = set(keep)
    ranked = sorted(range(len(groups)), key=lambda i: (groups[i] not in first, -counts.get(groups[i], 0), i))
    ranked = ranked[:len(NODE_PALETTE)]
    kept = sorted(ranked)
    colours = dict.fromkeys(groups, OTHER_COLOUR)
    for position, i in enumerate(kept):
        colours[groups[i]] = NODE_PALETTE[position]
    return colours


def edge_styles(types: list[str], kinds: dict[str, str]) -> dict[str, tuple[str, Any]]:
    """Each relationship type's colour and dash pattern, the same in every landscape for the same
    name: negative ties red; a common type its family's colour (TYPE_COLOURS); any other type a
    colour picked by its name, moved to the next free one when two types of this landscape would
    share one. The dash pattern says what the type means (KIND_DASHES).

    >>> edge_styles(["advice", "reports_to", "dislike"], {"reports_to": "formal", "dislike": "negative"})
    {'advice': ('#2B6CB0', False), 'dislike': ('#C53030', [3, 4]), 'reports_to': ('#5A5A5A', [10, 6])}
    """
    import zlib

    from landscape.schema import normalise_header

    styles: dict[str, tuple[str, Any]] = {}
    used: set[str] = set()
    rest = []
    for kind in sorted(types):
        meaning = kinds.get(kind, "learning")
        dashes = KIND_DASHES.get(meaning, False)
        family = NEGATIVE_COLOUR if meaning == "negative" else TYPE_COLOURS.get(normalise_header(kind))
        if family is not None and (family not in used or meaning == "negative"):
            styles[kind] = (family, dashes)
            used.add(family)
        else:
            rest.append((kind, dashes))
    for kind, dashes in rest:
        start = zlib.crc32(normalise_header(kind).encode("utf-8")) % len(EDGE_PALETTE)
        free = [EDGE_PALETTE[(start + step) % len(EDGE_PALETTE)] for step in range(len(EDGE_PALETTE))]
        colour = next((c for c in free if c not in used), free[0])
        styles[kind] = (colour, dashes)
        used.add(colour)
    return styles


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
    answers = answered(landscape) or {}

    people = []
    for node, attrs in graph.nodes(data=True):
        neighbours = set(graph.successors(node)) | set(graph.predecessors(node))
        neighbours.discard(node)
        details = [["id", str(node)]]  # the name is the node's label, shown above the details
        details += [[column, display(attrs[column])] for column in columns if column in attrs]
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
            **({"unanswered": True} if answers.get(str(node)) is False else {}),
        })

    merged: dict[tuple[int, int, str, bool], dict[str, Any]] = {}
    type_counts: Counter[str] = Counter()
    status = _statuses(landscape)
    for source, target, row, attrs in graph.edges(keys=True, data=True):
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
        account = status.get(row)
        if account is not None and edge.get("account") != CONFIRMED:  # confirmed when any of its rows is
            edge["account"] = account
        if "boundary_object" in attrs:
            objects = edge.setdefault("boundary_objects", [])
            if attrs["boundary_object"] not in objects:
                objects.append(attrs["boundary_object"])
    drawn = people, list(merged.values()), type_counts
    if landscape in _DRAWN:
        _DRAWN[landscape] = drawn
    return drawn


def _statuses(landscape: Landscape) -> dict[int, str]:
    """Each survey-reported row's status (``confirmed`` or ``one-sided``) by its row number, the key
    of its edge in the graph; empty without a ``reported_by`` column."""
    status = landscape.tie_statuses
    if status is None:
        return {}
    rows = landscape.relationships["_row"]
    return {int(row): value for row, value in zip(rows.tolist(), status.tolist()) if value is not None}


def network_view(landscape: Landscape, attribute: str | None, title: str | None) -> dict[str, Any]:
    """The landscape as it is: every person coloured by ``attribute``, sized by how many people
    they are connected to, every tie drawn; the legend of groups and tie types."""
    graph = landscape.graph
    people, ties, type_counts = _people_and_ties(landscape)

    # People are coloured by their first group, grouped as every pass groups them (one group
    # whatever the spelling); groups sort as their values do (numbers as numbers).
    if attribute == "id":
        group_values: dict[Any, Any] = {node: str(node) for node in graph.nodes}
        order = {str(node): node for node in graph.nodes}
    elif attribute:
        grouped = grouping(landscape, attribute)
        group_values = grouped.first()
        order = {}
        for node, value in graph.nodes(data=attribute):
            if group_values[node] is not None:
                order.setdefault(group_values[node], value[0] if isinstance(value, tuple) else value)
    else:
        group_values, order = dict.fromkeys(graph.nodes), {}
    present = sorted({value for value in group_values.values() if value is not None},
                     key=lambda name: _sort_key(order[name]))
    group_counts = Counter(group_values.values())
    colours = group_colours(present, group_counts)
    names = {value: value for value in present}

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

    kinds = landscape.relation_kinds
    styles = edge_styles(list(type_counts), kinds)
    edge_types = [{"type": kind, "kind": kinds.get(kind, "learning"), "color": styles[kind][0],
                   "dashes": styles[kind][1], "count": type_counts[kind]} for kind in sorted(type_counts)]

    # The key counts everyone in a group, as every pass does: a person in two communities counts in both.
    if attribute and attribute != "id":
        member_counts = Counter(group for own in grouped.memberships.values() for group in own)
    else:
        member_counts = group_counts
    groups = [_group_entry(names[value], colours[value], member_counts[value]) for value in present]
    if group_counts.get(None):
        # Kept apart from the groups, so that a group someone named "(none)" stays its own entry.
        groups.append({"name": NO_VALUE, "color": NO_VALUE_COLOUR, "count": group_counts[None], "no_value": True})

    return {
        "meta": {
            "title": title if title is not None else str(graph.graph.get("name") or "landscape"),
            "participants": graph.number_of_nodes(),
            # Every edge counted once by type (a multigraph counts its edges by walking them all).
            "relationships": sum(type_counts.values()),
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


def _group_entry(name: Any, colour: str, count: int) -> dict[str, Any]:
    """A group in the legend; ``other`` when it shares the grey of the groups beyond the palette."""
    entry = {"name": name, "color": colour, "count": count}
    if colour == OTHER_COLOUR:
        entry["other"] = True
    return entry


def measured_ties(data: dict[str, Any], relations: list[str], formal: tuple[str, ...] = ()) -> None:
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


def edge_note(data: dict[str, Any], text: str) -> None:
    """Add ``text`` to the legend's note on ties."""
    before = data["legend"].get("edge_note")
    data["legend"]["edge_note"] = f"{before} {text}" if before else text


def colour_by_groups(data: dict[str, Any], attribute: str | None, groups: list[str], counts: dict[str, int],
                      memberships: dict[str, tuple[str, ...]], blank: int, keep: Collection[str] = ()) -> dict[str, str]:
    """Colour people by the first of the groups a pass put them in, and make the legend list the
    pass's groups with its counts; people in none get the no-value colour and their own entry
    (``no_value``), which no group's name can be mistaken for. Beyond nine groups the smallest
    share a grey (``keep`` are coloured first). Returns each group's colour."""
    colour = group_colours(groups, counts, keep)
    for node in data["nodes"]:
        own = memberships.get(node["pid"], ())
        node["group"] = own[0] if own else None
        node["groups"] = list(own)  # every group: a finding about a group shows all its members
        node["color"] = colour[own[0]] if own else NO_VALUE_COLOUR
        node["multi"] = len(own) > 1
    legend = data["legend"]
    legend["color_by"] = attribute
    legend["groups"] = [_group_entry(group, colour[group], counts[group]) for group in groups]
    if blank:
        legend["groups"].append({"name": NO_VALUE, "color": NO_VALUE_COLOUR, "count": blank, "no_value": True})
    legend["multi_membership"] = sum(1 for node in data["nodes"] if node["multi"])
    legend["multi_attribute"] = attribute
    return colour



def findings_shown(name: str, result: Any, withheld: Collection[str] = ()) -> list[dict[str, Any]]:
    """A pass's findings as a view shows them beside the map: the headline read aloud, the
    question, the evidence (``detail``: the statement with its numbers and how it was computed,
    behind a "why?" on the page), and the focus (people, groups, ties) that clicking the finding
    highlights on the map. ``statement`` stays for pages and scripts that read it.

    People in ``withheld`` (who did not consent) are left out of every focus: a finding about a
    group computed on what they recorded must not single them out as its member on the map.
    """
    hidden = set(withheld)
    shown = []
    for finding in findings_for(name, result):
        focus = finding.focus.to_dict()
        focus["people"] = [pid for pid in focus["people"] if pid not in hidden]
        focus["ties"] = [pair for pair in focus["ties"] if not hidden & set(pair)]
        shown.append({"headline": finding.headline or finding.statement, "question": finding.question,
                      "detail": finding.detail, "statement": finding.statement, "focus": focus})
    return shown


def withheld_ids(landscape: Landscape) -> frozenset[str]:
    """The ids of the people whose consent is not ``yes`` (none without a consent column)."""
    people = landscape.participants
    if "consent" not in people:
        return frozenset()
    return frozenset(str(pid) for pid, consent in zip(people["id"].tolist(), people["consent"].tolist())
                     if consent != "yes")

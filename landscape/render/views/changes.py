"""The map of what changed between waves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from landscape.model import Landscape
from landscape.passes.continuity import tie_keys
from landscape.passes.groups import grouping
from landscape.render.layout import force_positions
from landscape.render.views.base import (
    NO_VALUE_COLOUR,
    colour_attribute,
    edge_styles,
    findings_shown,
    withheld_ids,
    network_view,
)

#: Tie kinds the change map draws in their own style, never as learning gained or lost.
DRAWN_APART = frozenset({"formal", "negative"})

__all__ = ["change_map_data"]


def change_map_data(before: Landscape, after: Landscape, result: Any, *, color_by: str | None = None,
                    title: str | None = None,
                    series: Sequence[tuple[str, Landscape]] | None = None) -> dict[str, Any]:
    """The map of what changed between two waves, with everyone in one place in every wave.

    The later wave as the network view draws it, and everyone who took part in any wave: ties
    gained since the earlier wave marked ``gained``, ties lost ``lost``, the others ``kept``;
    newcomers marked ``newcomer`` and those who left ``leaver``. One force layout of every wave's
    people and ties together gives each person one place (``x``, ``y``), so that the waves can be
    set side by side or stepped through without anyone moving. Self-ties are left out, as
    Continuity leaves them out.

    Parameters
    ----------
    before, after : Landscape
        The two waves compared.
    result : ComparisonResult
        :func:`landscape.passes.continuity.compare` of the two waves: its labels name them and
        its findings are the map's.
    series : sequence of (label, Landscape), optional
        Every wave, earliest first (:meth:`landscape.analysis.Waves.series`), for a map that steps
        through them all; the two compared are found by their labels (``result.before``,
        ``result.after``) and drawn from ``before`` and ``after``. By default, the two.

    Returns
    -------
    dict
        The network view's data, with ``layout`` ``{"type": "positions"}``; ``changes``: the
        ``waves`` in order, ``start`` (the index of the later wave compared, shown first) and one
        step per pair of consecutive waves (``before``, ``after``, ``gained``, ``lost``, ``kept``,
        ``newcomers``, ``leavers``); on every node and every tie, ``waves``: one boolean per wave,
        True where they took part (a person) or were present (a tie). A tie's ``change`` is None
        when it is in neither wave compared.

    Examples
    --------
    >>> import landscape
    >>> from landscape.passes.continuity import compare
    >>> land = landscape.load(landscape.sample_path("peer-circle"))
    >>> waves = landscape.waves_of(land, "2024", "2025")
    >>> data = change_map_data(waves.before, waves.after, compare(waves.before, waves.after, labels=waves.labels),
    ...                        series=waves.series())
    >>> data["changes"]["waves"], data["changes"]["start"]
    (['2023', '2024', '2025'], 2)
    >>> [(step["gained"], step["lost"], step["kept"]) for step in data["changes"]["steps"]]
    [(4, 3, 4), (4, 3, 5)]
    """
    waves = _waves(before, after, result, series)
    labels = [label for label, _ in waves]
    first, start = labels.index(result.before), labels.index(result.after)
    present = [{str(node) for node in land.graph.nodes} for _, land in waves]
    keys = [tie_keys(land) for _, land in waves]

    attribute = colour_attribute(after, color_by)
    data = network_view(after, attribute, title)
    data["edges"] = [edge for edge in data["edges"] if edge["from"] != edge["to"]]
    _add_people(data, waves, attribute, present, result, labels)
    index = {node["pid"]: node["id"] for node in data["nodes"]}
    drawn = {_key(edge, data["nodes"]): edge for edge in data["edges"]}
    for key in sorted(set().union(*keys) - set(drawn)):
        drawn[key] = {"from": index[key[0]], "to": index[key[1]], "type": key[2], "directed": key[3], "count": 1,
                      "weight": 1}
        data["edges"].append(drawn[key])
    for key, edge in drawn.items():
        edge["waves"] = [key in wave for wave in keys]
        was, now = edge["waves"][first], edge["waves"][start]
        edge["change"] = ("kept" if was else "gained") if now else ("lost" if was else None)
    for node in data["nodes"]:
        node["waves"] = [node["pid"] in wave for wave in present]
    _legend_types(data, after, {key[2] for key in drawn})

    # Nodes in id order: the places depend on the waves alone, not on the pair compared or the rows' order.
    layout = nx.MultiDiGraph()
    layout.add_nodes_from(sorted(index))
    layout.add_edges_from(key[:2] for key in sorted(drawn))
    placed = force_positions(layout)
    for node in data["nodes"]:
        node["x"], node["y"] = placed[node["pid"]]
    data["layout"] = {"type": "positions"}

    # Reporting lines and negative ties are drawn in their own style, not counted as learning gained or lost.
    kinds = after.relation_kinds
    counted = [{key for key in wave if kinds.get(key[2], "learning") not in DRAWN_APART} for wave in keys]
    steps = [{"before": labels[i], "after": labels[i + 1], "gained": len(counted[i + 1] - counted[i]),
              "lost": len(counted[i] - counted[i + 1]), "kept": len(counted[i] & counted[i + 1]),
              "newcomers": len(present[i + 1] - present[i]), "leavers": len(present[i] - present[i + 1])}
             for i in range(len(waves) - 1)]
    data["changes"] = {"waves": labels, "start": start, "steps": steps}
    data["meta"]["view"] = "changes"
    data["meta"]["title"] = title if title is not None else f"{result.before} to {result.after}"
    data["legend"]["styles"] = [
        {"style": "newcomer", "text": f"Joined since {result.before} ({len(result.newcomers)})"},
        {"style": "leaver", "text": f"Took part in {result.before}, not in {result.after} ({len(result.leavers)})"},
    ]
    gained, lost, kept = (len(counted[start] - counted[first]), len(counted[first] - counted[start]),
                          len(counted[first] & counted[start]))
    note = (f"Green, solid: ties gained since {result.before} ({gained}). Red-brown, dashed: ties lost since "
            f"{result.before} ({lost}). Faint, in their type's colour: ties kept ({kept}).")
    if len(waves) > 2:
        note += f" {len(waves)} waves ({', '.join(labels)}): everyone keeps their place from one wave to the next."
    data["legend"]["edge_note"] = note
    # Nobody who withheld consent is singled out in a finding's focus (as in every other view).
    data["findings"] = findings_shown("continuity", result, withheld_ids(before) | withheld_ids(after))
    return data


def _waves(before: Landscape, after: Landscape, result: Any,
           series: Sequence[tuple[str, Landscape]] | None) -> list[tuple[str, Landscape]]:
    """Every wave in order, the two compared drawn from ``before`` and ``after``."""
    if series is None:
        return [(result.before, before), (result.after, after)]
    waves = [(str(label), land) for label, land in series]
    labels = [label for label, _ in waves]
    missing = [label for label in (result.before, result.after) if label not in labels]
    if missing:
        raise ValueError(f"series has no wave {', '.join(map(repr, missing))}; it has {', '.join(labels) or 'none'}")
    waves[labels.index(result.before)] = (result.before, before)
    waves[labels.index(result.after)] = (result.after, after)
    return waves


def _add_people(data: dict[str, Any], waves: list[tuple[str, Landscape]], attribute: str | None,
                present: list[set[str]], result: Any, labels: list[str]) -> None:
    """Mark newcomers; add everyone not in the later wave (those who left first), in their group's
    colour as the later wave has it, from the last wave they took part in."""
    newcomers = set(result.newcomers)
    for node in data["nodes"]:
        if node["pid"] in newcomers:
            node["mark"] = "newcomer"
            node["details"].append(["continuity", f"joined since {result.before}"])
    colours = {group["name"]: group["color"] for group in data["legend"]["groups"] if not group.get("no_value")}
    last: dict[str, tuple[Landscape, Any]] = {}
    for _, land in waves:
        last.update((str(node), (land, node)) for node in land.graph.nodes)
    shown = {node["pid"] for node in data["nodes"]}
    leavers = set(result.leavers)
    absent = [*result.leavers, *(pid for wave in present for pid in sorted(wave) if pid not in leavers)]
    for pid in dict.fromkeys(pid for pid in absent if pid not in shown):
        land, node = last[pid]
        group = grouping(land, attribute, required=False).first().get(node) if attribute else None
        took_part = ", ".join(label for label, wave in zip(labels, present) if pid in wave)
        person = {"id": len(data["nodes"]), "pid": pid, "label": str(land.graph.nodes[node].get("name", pid)),
                  "group": group, "color": colours.get(group, NO_VALUE_COLOUR), "size": 1, "multi": False,
                  "details": [["id", pid], ["continuity", f"took part in {took_part}, not in {result.after}"]]}
        if pid in leavers:
            person["mark"] = "leaver"
        data["nodes"].append(person)


def _key(edge: dict[str, Any], nodes: list[dict[str, Any]]) -> tuple[str, str, str, bool]:
    """A drawn tie's key as Continuity counts it (an undirected tie's ends sorted by id)."""
    a, b = nodes[edge["from"]]["pid"], nodes[edge["to"]]["pid"]
    return (a, b, edge["type"], edge["directed"]) if edge["directed"] or a <= b else (b, a, edge["type"], False)


def _legend_types(data: dict[str, Any], after: Landscape, kinds: set[str]) -> None:
    """Tie types present only in other waves join the legend (none of their ties in the later one),
    styled as every map styles them (a colour kept free of the types already drawn)."""
    known = {entry["type"] for entry in data["legend"]["edge_types"]}
    meanings = after.relation_kinds
    styles = edge_styles(sorted(kinds | known), meanings)
    for kind in sorted(kinds - known):
        data["legend"]["edge_types"].append({"type": kind, "kind": meanings.get(kind, "learning"),
                                             "color": styles[kind][0], "dashes": styles[kind][1], "count": 0})

"""The Power view: layers of seniority, people sized by how often they are sought out."""

from __future__ import annotations

from typing import Any

from landscape.model import Landscape
from landscape.render.views.base import colour_attribute, findings_shown, measured_ties, network_view

__all__ = ["power_view"]


def power_view(landscape: Landscape, color_by: str | None, title: str | None, result: Any = None,
                **options: Any) -> dict[str, Any]:
    """The network in layers of seniority, sized by how often each person is sought out."""
    from landscape.passes.power import power

    result = result or power(landscape, **options)
    data = network_view(landscape, colour_attribute(landscape, color_by), title)
    # Reporting lines stay, dashed: they are the formal structure the learning ties are set beside.
    measured_ties(data, result.ties["relations"], landscape.relations_of_kind("formal"))
    data["meta"]["view"] = "power"
    if title is None:
        data["meta"]["title"] = f"{data['meta']['title']}: power"
    data["meta"]["size_by"] = (f"how often sought out: in-degree on the learning ties "
                               f"({', '.join(result.ties['relations']) or 'none'})")
    people = {p.id: p for p in result.participants}
    # The pass decided each person's layer of seniority (most senior first; "no level" last, one
    # row further down, so that it is not read as the lowest level).
    layers = result.layers  # computed from every person: once, not once a node
    rows = [{"level": position + (1 if name == "no level" else 0), "name": name, "apart": name == "no level"}
            for position, (name, _) in enumerate(layers)]
    layer = {pid: row["level"] for row, (_, members) in zip(rows, layers) for pid in members}
    marks = {**{pid: "sought-beyond-rank" for pid in result.hidden_influencers},
             **{pid: "rank-beyond-seeking" for pid in result.formal_only}}
    for node in data["nodes"]:
        person = people[node["pid"]]
        node["size"] = person.in_degree
        node["layer"] = layer.get(node["pid"], len(layers) + 1)
        if node["pid"] in marks:
            node["mark"] = marks[node["pid"]]
        node["details"][-1:-1] = [
            ["sought out by", f"{person.in_degree} {'person' if person.in_degree == 1 else 'people'}"],
            ["betweenness", f"{person.betweenness:.3f}"],
        ]
        if person.direct_reports:
            node["details"].insert(-1, ["direct reports", str(person.direct_reports)])
    if layers:
        data["layout"] = {"type": "layers", "layers": [name for name, _ in layers], "rows": rows}
    data["legend"]["styles"] = [
        {"style": "sought-beyond-rank", "text": "Sought out beyond their formal rank"},
        {"style": "rank-beyond-seeking", "text": "Formal rank beyond how often they are sought out"},
    ]
    data["findings"] = findings_shown("power", result)
    return data

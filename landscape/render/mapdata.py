"""The data of a map: nodes, edges and legend as plain, JSON-able values.

:func:`map_data` decides everything a map shows (colours, sizes, what a tooltip lists, how each
relationship type is drawn); :mod:`landscape.render.html` only writes it into a page. Keeping the
decisions here keeps them testable without a browser.
"""

from __future__ import annotations

from typing import Any, Literal

from landscape.model import Landscape
from landscape.render.views import (
    boundaries_view,
    change_map_data,
    folded_note,
    network_view,
    leadership_view,
    power_view,
    scale_view,
    units_view,
    value_view,
    voices_view,
)
from landscape.render.views import scale as scale_views
from landscape.render.views.base import (
    EDGE_PALETTE,
    NO_VALUE,
    NO_VALUE_COLOUR,
    NODE_PALETTE,
    colour_attribute,
    drawing_once,
)

__all__ = ["EDGE_PALETTE", "NODE_PALETTE", "NO_VALUE", "NO_VALUE_COLOUR", "VIEWS",
           "change_map_data", "colour_attribute", "drawing_once", "folded_note", "map_data", "units_view"]

View = Literal["network", "voices", "power", "boundaries", "scale", "leadership", "value"]
#: The views a map can show.
VIEWS: tuple[str, ...] = ("network", "voices", "power", "boundaries", "scale", "leadership", "value")


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
    view : {"network", "voices", "power", "boundaries", "scale", "leadership", "value"}
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
        switches level. ``leadership`` draws who looks to whom for leadership (the learning ties
        standing in when none are recorded), sizes people by how many look to them, rings those
        widely looked to in gold and those newly looked to in orange. ``value`` draws the groups as
        regions and each value-creation story as a gold diamond beside what it is about. Every view but ``network`` groups people exactly as its pass does and
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
        if people > scale_views.FOLD_ABOVE and not options.get("unfold"):
            # A page of this many people would not draw in a browser: draw the units instead.
            return units_view(landscape, title)
        data = network_view(landscape, colour_attribute(landscape, color_by), title)
        if people > scale_views.POSITIONS_ABOVE:
            from landscape.render.layout import force_positions

            positions = force_positions(landscape.graph)
            for node, pid in zip(data["nodes"], landscape.graph.nodes):
                node["x"], node["y"] = positions[pid]
            data["layout"] = {"type": "positions"}
        return data
    if view == "voices":
        return voices_view(landscape, title, **options)
    if view == "power":
        return power_view(landscape, color_by, title, **options)
    if view == "boundaries":
        return boundaries_view(landscape, title, **options)
    if view == "scale":
        return scale_view(landscape, title, **options)
    if view == "leadership":
        return leadership_view(landscape, title, **options)
    if view == "value":
        return value_view(landscape, title, **options)
    raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")

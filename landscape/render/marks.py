"""The marks a map draws on people (rings, stars, dashes), shared by the SVG pictures and their key.

map.js draws the same marks in the atlas (its ``look``); a colour changed here changes there too.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BORDER", "GREY", "MARKS", "MUTED", "RINGS"]

MUTED, BORDER = "#555555", "#333333"
#: The marks drawn as a coloured ring, by their colour: gold for being looked to (beyond rank, for
#: leadership), green for a newcomer, orange for someone newly looked to for leadership (a colour no
#: group has: a green ring vanishes on a group drawn green).
RINGS: dict[str, str] = {"sought-beyond-rank": "#B8860B", "leader": "#B8860B", "newcomer": "#1B7F3B",
                         "emerging": "#EE7733"}
GREY = "#888888"
#: The marks of the views, as the key shows them: shape, look and what they mean (the atlas's
#: texts, with the shape named, since a printed key cannot be hovered).
MARKS: dict[str, tuple[str, dict[str, Any], str]] = {
    "placeholder": ("dot", {"fill": "#FFFFFF", "stroke": MUTED, "width": 2.0, "dash": "3 2"},
                    "Empty chair: a voice on the roster that nobody brings"),
    "peripheral": ("dot", {"fill": GREY, "stroke": BORDER, "width": 1.0, "opacity": 0.45, "dash": "2 2"},
                   "Dashed, paler: peripheral participation in the learning ties"),
    "sought-beyond-rank": ("dot", {"fill": GREY, "stroke": "#B8860B", "width": 3.0},
                           "Gold ring: sought out beyond their formal rank"),
    "rank-beyond-seeking": ("dot", {"fill": GREY, "stroke": BORDER, "width": 1.0, "opacity": 0.45, "dash": "2 2"},
                            "Dashed, paler: formal rank beyond how often they are sought out"),
    "broker": ("star", {"fill": GREY, "stroke": BORDER, "width": 1.0}, "Star: among the top tenth of brokers across groups"),
    "object": ("square", {"fill": "#6B6B6B", "stroke": BORDER, "width": 1.0},
               "Grey square: a boundary object, dotted lines to the people who use it"),
    "unanswered": ("dot", {"fill": "#FFFFFF", "stroke": MUTED, "width": 3.0}, "Hollow: did not answer the survey"),
    "story": ("diamond", {"fill": "#B8860B", "stroke": BORDER, "width": 1.0},
              "Gold diamond: a value-creation story, joined by dotted lines to the people it names"),
    "leader": ("dot", {"fill": GREY, "stroke": RINGS["leader"], "width": 3.0},
               "Gold ring: widely looked to for leadership"),
    "emerging": ("dot", {"fill": GREY, "stroke": RINGS["emerging"], "width": 3.0},
                 "Orange ring: widely looked to for leadership, newly since the wave before"),
}


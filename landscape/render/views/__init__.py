"""The map views, one module per discipline, each drawn from its pass's typed result.

:func:`landscape.render.mapdata.map_data` picks one; the atlas draws them all.
"""

from landscape.render.views.base import network_view
from landscape.render.views.boundaries import boundaries_view
from landscape.render.views.changes import change_map_data
from landscape.render.views.leadership import leadership_view
from landscape.render.views.power import power_view
from landscape.render.views.scale import FOLD_ABOVE, POSITIONS_ABOVE, folded_note, scale_view, units_view
from landscape.render.views.value import value_view
from landscape.render.views.voices import voices_view

__all__ = ["FOLD_ABOVE", "POSITIONS_ABOVE", "boundaries_view", "change_map_data", "folded_note", "leadership_view",
           "network_view", "power_view", "scale_view", "units_view", "value_view", "voices_view"]

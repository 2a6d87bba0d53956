"""Analysis passes, one per discipline of social learning leadership, and their registry.

The built-in passes register themselves when this package is imported:

>>> available_passes()
('voices', 'power', 'boundaries', 'scale', 'leadership', 'value')
"""

from landscape.passes.registry import (
    PassResult,
    PassSpec,
    available_passes,
    get_pass,
    register_pass,
    unregister_pass,
)
from landscape.passes.voices import VoicesResult, voices
from landscape.passes.power import PowerResult, power  # noqa: E402 - registration order is the passes' order
from landscape.passes.boundaries import BoundariesResult, boundaries  # noqa: E402
from landscape.passes.scale import ScaleResult, scale  # noqa: E402
from landscape.passes.leadership import LeadershipResult, leadership  # noqa: E402
from landscape.passes.value import ValueResult, value  # noqa: E402

__all__ = [
    "BoundariesResult",
    "LeadershipResult",
    "PassResult",
    "PassSpec",
    "PowerResult",
    "ScaleResult",
    "ValueResult",
    "VoicesResult",
    "available_passes",
    "boundaries",
    "get_pass",
    "leadership",
    "power",
    "register_pass",
    "scale",
    "unregister_pass",
    "value",
    "voices",
]

"""Analysis passes, one per discipline of social learning leadership, and their registry.

The built-in passes register themselves when this package is imported:

>>> available_passes()[:1]
('voices',)
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

__all__ = [
    "PassResult",
    "PassSpec",
    "VoicesResult",
    "available_passes",
    "get_pass",
    "register_pass",
    "unregister_pass",
    "voices",
]

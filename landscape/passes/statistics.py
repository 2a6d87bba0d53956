"""Small statistics that several passes share."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

__all__ = ["holm"]


def holm(p_values: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Holm's step-down adjustment of several p-values (Holm 1979).

    >>> holm({"a": 0.01, "b": 0.04, "c": 0.03})
    {'a': 0.03, 'b': 0.06, 'c': 0.06}
    """
    ordered = sorted(p_values.items(), key=lambda item: item[1])
    m = len(ordered)
    adjusted: dict[Hashable, float] = {}
    running = 0.0
    for rank, (key, p) in enumerate(ordered):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[key] = round(running, 15)
    return {key: adjusted[key] for key in p_values}

"""Small statistics that several passes share."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

__all__ = ["MIN_FOR_TESTS", "MIN_GROUP_FOR_SHARES", "holm", "too_few"]

#: Below this many people (with both values, for a correlation; in the landscape, for a test or a
#: z-score) no correlation, test, z-score or "runs against" becomes a finding: the number stays in
#: the JSON, marked ``too_few``, and the finding says there are too few to tell. Ten is this tool's
#: convention: with fewer, a rank correlation of 0.6 or a z of 2 arises easily by chance (at n = 9,
#: Spearman's rho must reach 0.68 to be significant at 5%, two-sided).
MIN_FOR_TESTS = 10
#: Groups smaller than this get no percentage finding (a share of ties among one or two people says
#: more about those people than about the group).
MIN_GROUP_FOR_SHARES = 3


def too_few(n: int | None) -> bool:
    """True when ``n`` people are too few for a correlation, test or z-score to be a finding.

    >>> too_few(4), too_few(10), too_few(None)
    (True, False, True)
    """
    return n is None or n < MIN_FOR_TESTS


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

"""Survey accounts: who answered, who reported each tie, and which ties both people report.

In survey data a tie is an account one person gives ("I go to Ben for advice"). The
relationships' ``reported_by`` column says whose account each row is; the participants'
``responded`` column says who answered at all. From the two:

- a tie is **confirmed** when both people reported it (in either direction, as the same type of
  tie, in the same wave), and **one-sided** when only one of them (or a third person) did; a row
  with a blank ``reported_by`` was not reported in the survey (a reporting line from a staff list)
  and is neither;
- ``--confirm either`` (the default) keeps every tie: the *weak* rule of R sna's ``symmetrize``,
  where a pair is tied when either reports it; ``--confirm both`` keeps only confirmed ties: the
  *strong* rule, where a pair is tied when both do (Krackhardt 1990 calls it mutual assent). Ties
  that were not survey reports, and leadership nominations (one person's view of another), are
  kept under both rules.

The strong rule drops every tie to someone who did not answer; the weak rule keeps reports that
the other side, asked, would not give. Neither is right everywhere (Adams & Moody 2007 find the
two sides agree on only part of what either reports): the map says which ties rest on one account.

References
----------
Krackhardt, D. (1990). Assessing the political landscape: structure, cognition, and power in
organizations. *Administrative Science Quarterly*, 35, 342-369.
Adams, J., & Moody, J. (2007). To tell the truth: measuring concordance in multiply reported
network data. *Social Networks*, 29, 44-58.
Butts, C. T. (2008). network / sna: ``symmetrize(rule = "weak" | "strong")``.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from landscape.errors import LandscapeError

if TYPE_CHECKING:  # pragma: no cover
    from landscape.model.landscape import Landscape

__all__ = ["CONFIRM_RULES", "CONFIRMED", "ONE_SIDED", "answered", "confirmed_only", "one_sided_rows", "pair_ends",
           "tie_statuses"]

#: The rules ``--confirm`` takes: ``either`` side's report keeps a tie (weak), or ``both`` (strong).
CONFIRM_RULES: tuple[str, ...] = ("either", "both")
CONFIRMED = "confirmed"
ONE_SIDED = "one-sided"


def tie_statuses(ties: pd.DataFrame) -> pd.Series | None:
    """Each relationship row's status: ``confirmed``, ``one-sided``, or None (not a survey report:
    a blank ``reported_by``, or a self-tie); None for the whole table without a ``reported_by``
    column.

    A row is confirmed when, among the rows of its type (and wave) between the same two people,
    in either direction, both people are reporters.

    Examples
    --------
    Ana and Ben name each other; Ana names Cy, who does not name her; a reporting line has no reporter:

    >>> ties = pd.DataFrame({"source": ["ana", "ben", "ana", "cy"], "target": ["ben", "ana", "cy", "ana"],
    ...                      "type": ["advice"] * 3 + ["reports_to"], "reported_by": ["ana", "ben", "ana", None]})
    >>> tie_statuses(ties).tolist()
    ['confirmed', 'confirmed', 'one-sided', None]
    """
    if "reported_by" not in ties:
        return None
    status = pd.Series([None] * len(ties), index=ties.index, dtype=object)
    reported = ties["reported_by"].notna() & (ties["source"] != ties["target"])
    if not reported.any():
        return status
    rows = ties[reported]
    low, high = pair_ends(rows)
    reporter = rows["reported_by"].astype(str).to_numpy()
    keys = pd.DataFrame({"low": low, "high": high, "type": rows["type"].astype(str).to_numpy(),
                         "wave": _waves(rows), "by_low": reporter == low, "by_high": reporter == high},
                        index=rows.index)
    both = keys.groupby(["low", "high", "type", "wave"], sort=False)[["by_low", "by_high"]].transform("any")
    status[rows.index] = np.where(both["by_low"] & both["by_high"], CONFIRMED, ONE_SIDED)
    return status


def pair_ends(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each row's two people as text, the smaller first: the pair a tie joins, whichever way it runs.

    >>> [list(ends) for ends in pair_ends(pd.DataFrame({"source": ["b", "a"], "target": ["a", "c"]}))]
    [['a', 'a'], ['b', 'c']]
    """
    source, target = rows["source"].astype(str).to_numpy(), rows["target"].astype(str).to_numpy()
    return np.where(source <= target, source, target), np.where(source <= target, target, source)


def _waves(rows: pd.DataFrame) -> np.ndarray:
    """The wave of each row as text (blank for none), so that a tie is confirmed within its wave."""
    if "wave" not in rows:
        return np.full(len(rows), "", dtype=object)
    return np.array(["" if value is None or value != value else str(value).strip().casefold()
                     for value in rows["wave"].tolist()], dtype=object)


def one_sided_rows(landscape: Landscape) -> pd.Index:
    """The index of the relationship rows reported by one side only (empty without reporters), except
    leadership nominations: looking to someone for leadership is one person's view, not a tie the
    other side should confirm, so ``--confirm both`` keeps them all."""
    status = landscape.tie_statuses
    if status is None:
        return pd.Index([])
    nominations = landscape.relationships["type"].isin(landscape.relations_of_kind("leadership")).to_numpy()
    return status.index[status.eq(ONE_SIDED).to_numpy() & ~nominations]


class NoReporters(LandscapeError):
    """``--confirm both`` on relationships that do not say who reported each tie."""


def confirmed_only(landscape: Landscape) -> Landscape:
    """The landscape as its ``confirm`` setting reads it: unchanged under ``either`` (or none);
    under ``both``, without the ties one side alone reported (every participant stays).

    Raises
    ------
    NoReporters
        ``confirm="both"`` and the relationships have no ``reported_by`` column.
    """
    if landscape.settings.confirm != "both":
        return landscape
    cached = _CONFIRMED.get(landscape)
    if cached is not None:
        return cached
    if landscape.tie_statuses is None:
        raise NoReporters("--confirm both keeps the ties both people reported, but the relationships do not say who "
                          "reported each tie: add a reported_by column (the id of the person who named the tie; "
                          "landscape import-survey writes it), or leave --confirm out")
    from landscape.model.sharing import _rebuild

    dropped = one_sided_rows(landscape)
    result = landscape if not len(dropped) else _rebuild(
        landscape, landscape.participants, landscape.relationships.drop(index=dropped).reset_index(drop=True))
    _CONFIRMED[landscape] = result
    return result


_CONFIRMED: weakref.WeakKeyDictionary[Any, Landscape] = weakref.WeakKeyDictionary()


def answered(landscape: Landscape) -> dict[str, bool | None] | None:
    """Whether each participant answered the survey: True, False, or None (not known: a blank
    ``responded`` cell); None without a ``responded`` column. Someone who reported a tie answered,
    whatever the column says (validation warns when it says no).

    >>> import landscape
    >>> answered(landscape.load(landscape.sample_path("krackhardt-hightech"))) is None
    True
    """
    people = landscape.participants
    if "responded" not in people:
        return None
    found = {str(pid): (None if answer is None or answer != answer else answer == "yes")
             for pid, answer in zip(people["id"].tolist(), people["responded"].tolist())}
    ties = landscape.relationships
    if "reported_by" in ties:
        for reporter in ties["reported_by"].dropna().astype(str).unique().tolist():
            if reporter in found:
                found[reporter] = True
    return found

"""Making a landscape safe to share: consent honoured, names replaced, free text left out.

Both functions return a new :class:`~landscape.model.Landscape`; the original is untouched. Apply
them once per run and write every file from the result, so that one person has one pseudonym in
the atlas, the report, the workbook and the exports alike.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
from collections.abc import Collection, Sequence
from typing import Any

import pandas as pd

from landscape.model.landscape import Landscape, _graph
from landscape.schema.tables import ROW

__all__ = ["CATEGORICAL_FIELDS", "TIE_FIELDS", "anonymise", "honour_consent", "shareable", "shareable_waves"]

#: Participant columns kept when anonymising: categories, not words about a person. ``name`` and
#: ``id`` are replaced; every other column (role, notes, emails...) is left out unless kept.
CATEGORICAL_FIELDS = frozenset({"community", "organisation", "stakeholder_group", "level", "scale", "influence",
                                "location", "tags", "consent"})
#: Relationship columns kept when anonymising.
TIE_FIELDS = frozenset({"source", "target", "type", "weight", "direction", "boundary_object", "wave", "tags"})


def _rebuild(landscape: Landscape, participants: pd.DataFrame, relationships: pd.DataFrame) -> Landscape:
    tables = landscape.tables
    people = dataclasses.replace(tables.participants, frame=participants)
    ties = dataclasses.replace(tables.relationships, frame=relationships)
    new_tables = dataclasses.replace(tables, participants=people, relationships=ties)
    return Landscape(graph=_graph(new_tables), tables=new_tables, settings=landscape.settings)


def _renamed(frame: pd.DataFrame, mapping: dict[Any, Any], columns: Collection[str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column in frame:
            frame[column] = frame[column].map(lambda value: mapping.get(value, value))
    return frame


def honour_consent(landscape: Landscape, *, withheld: Sequence[str] | None = None, hide: bool = True) -> Landscape:
    """People whose ``consent`` is not ``yes`` become an anonymous node in their group.

    They keep their ties and the grouping attribute (``community`` by default), and nothing else
    (``hide=False`` keeps their other attributes too, for the copy the analysis runs on):
    id and name become ``Anonymous 1``, ``Anonymous 2``... Without a consent column the landscape
    is returned as it is (consent was not collected, so nobody is withheld). ``withheld`` gives
    the ids to withhold, in the order that numbers them (for two waves, so that one person is the
    same "Anonymous N" in both: see :func:`shareable_waves`).

    Examples
    --------
    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> honour_consent(land) is land
    True
    """
    people = landscape.participants
    if withheld is None:
        if "consent" not in people:
            return landscape
        withheld = [pid for pid, consent in zip(people["id"].tolist(), people["consent"].tolist()) if consent != "yes"]
    mapping = {pid: f"Anonymous {position}" for position, pid in enumerate(withheld, start=1)}
    withheld = [pid for pid in people["id"].tolist() if pid in mapping]
    if not withheld:
        return landscape
    # The grouping attribute as the settings resolved it: the column's own name.
    keep = {"id", "name", ROW, landscape.settings.grouping_attribute, "consent"}
    frame = people.copy()
    mask = frame["id"].isin(withheld)
    for column in frame.columns:
        if hide and column not in keep:
            frame[column] = frame[column].where(~mask, None)
    frame.loc[mask, "name"] = frame.loc[mask, "id"].map(mapping)
    frame = _renamed(frame, mapping, ["id"])
    ties = landscape.relationships.copy()
    # Words on their ties (notes: "met at Ana's house") can name them too: left out, hidden or not.
    touching = ties["source"].isin(withheld) | ties["target"].isin(withheld)
    for column in ties.columns:
        if column not in TIE_FIELDS and column != ROW:
            ties[column] = ties[column].where(~touching, None)
    ties = _renamed(ties, mapping, ["source", "target"])
    return _rebuild(landscape, frame, ties)


def anonymise(landscape: Landscape, *, keep: Collection[str] = (), roster: Sequence[str] | None = None,
              key: bytes | None = None) -> Landscape:
    """Replace every id and name by a stable pseudonym and leave out free-text columns.

    Participants become ``P001``, ``P002``... with the name ``Person 001``..., numbered in an
    order that a secret ``key`` decides (random unless given): never the order of the rows, or a
    sheet whose ids are already P001, P002... in row order would keep every real id. Files
    written in one run share one key, so a person has one pseudonym in all of them;
    the categorical columns in :data:`CATEGORICAL_FIELDS` and the attributes the settings group
    by (``group``, ``voices_by``, ``levels``) stay, every other participant column (role, notes,
    e-mail...) is left out unless named in ``keep``; relationships keep the columns
    in :data:`TIE_FIELDS` and those in ``keep``. ``roster`` lists ids of other waves to number
    too, so that two waves (with one ``key``) share one set of pseudonyms.
    """
    people = landscape.participants
    key = key if key is not None else secrets.token_bytes(16)
    order = sorted(dict.fromkeys([*(roster or ()), *people["id"].tolist()]),
                   key=lambda pid: hmac.new(key, str(pid).encode("utf-8"), hashlib.sha256).digest())
    width = max(3, len(str(len(order))))
    number = {pid: position for position, pid in enumerate(order, start=1)}
    mapping = {pid: f"P{number[pid]:0{width}d}" for pid in people["id"].tolist()}
    # The attributes the settings group people by stay too: they are what the analysis is about
    # (an atlas grouped by department must keep the department column).
    settings = landscape.settings
    chosen = {settings.group, settings.voices_by, *(settings.levels or ())} - {None}
    kept = CATEGORICAL_FIELDS | set(keep) | chosen
    frame = people[[c for c in people.columns if c in kept or c in ("id", ROW)]].copy()
    frame["name"] = [f"Person {number[pid]:0{width}d}" for pid in people["id"].tolist()]
    frame = _renamed(frame, mapping, ["id"])
    ties = landscape.relationships
    ties = ties[[c for c in ties.columns if c in TIE_FIELDS or c in keep or c == ROW]]
    ties = _renamed(ties, mapping, ["source", "target"])
    return _rebuild(landscape, frame, ties)


def shareable(landscape: Landscape, *, anonymise_names: bool = False, keep: Collection[str] = (),
              hide_withheld: bool = True, key: bytes | None = None) -> Landscape:
    """Consent honoured, then (if asked) everyone anonymised: what every shared file is written from.

    ``hide_withheld=False`` gives the same pseudonyms but keeps the attributes of the people who
    withheld consent: the copy the analysis runs on, so that numbers and findings stay true
    (someone withheld is still a nurse, at level 3). It is never drawn or written; what is shown
    comes from the default copy, where they keep only their group.
    """
    result = honour_consent(landscape, hide=hide_withheld)
    return anonymise(result, keep=keep, key=key) if anonymise_names else result


def shareable_waves(before: Landscape, after: Landscape, *, anonymise_names: bool = False,
                    keep: Collection[str] = (), hide_withheld: bool = True,
                    key: bytes | None = None) -> tuple[Landscape, Landscape]:
    """Two waves made shareable with one set of names: a person is the same ``Anonymous N`` or
    ``P007`` in both. Someone is withheld in both waves when either wave records no consent for
    them; numbering follows the later wave, then those who left."""
    roster = list(dict.fromkeys([*after.participants["id"].tolist(), *before.participants["id"].tolist()]))
    refused: set[str] = set()
    consented = False
    for land in (before, after):
        people = land.participants
        if "consent" in people:
            consented = True
            refused |= {pid for pid, consent in zip(people["id"].tolist(), people["consent"].tolist()) if consent != "yes"}
    withheld = [pid for pid in roster if pid in refused]
    waves = [honour_consent(land, withheld=withheld, hide=hide_withheld) if consented else land for land in (before, after)]
    if not anonymise_names:
        return waves[0], waves[1]
    renamed = {pid: f"Anonymous {position}" for position, pid in enumerate(withheld, start=1)}
    order = [renamed.get(pid, pid) for pid in roster]
    key = key if key is not None else secrets.token_bytes(16)  # one key: one pseudonym per person in both waves
    return (anonymise(waves[0], keep=keep, roster=order, key=key), anonymise(waves[1], keep=keep, roster=order, key=key))

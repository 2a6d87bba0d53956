"""Making a landscape safe to share: consent honoured, names replaced, free text left out.

Both functions return a new :class:`~landscape.model.Landscape`; the original is untouched. Apply
them once per run and write every file from the result, so that one person has one pseudonym in
the atlas, the report, the workbook and the exports alike.

The story (the facilitator's own steps for the guided tour) is free text that is shown, so it is
not left out: its titles, texts and questions are scanned for participants' names and ids
(:func:`replace_names`), which become pseudonyms (or "someone", for people who did not consent),
and people who did not consent are taken out of the people a step points at.
:func:`sharing_notes` says what that did, for the reader to check.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pathlib import Path

import pandas as pd

from landscape.model.landscape import Landscape, _graph
from landscape.schema import normalise_header
from landscape.schema.cells import group_key
from landscape.schema.story import known_groups
from landscape.schema.tables import ROW

__all__ = ["CATEGORICAL_FIELDS", "NEUTRAL", "STORY_FIELDS", "TIE_FIELDS", "anonymise", "honour_consent", "redact",
           "redact_data", "renamed", "replace_names", "shareable", "shareable_waves", "sharing_notes",
           "with_waves_redacted"]

#: Participant columns kept when anonymising: categories, not words about a person. ``name`` and
#: ``id`` are replaced; every other column (role, notes, emails...) is left out unless kept.
CATEGORICAL_FIELDS = frozenset({"community", "organisation", "stakeholder_group", "level", "scale", "influence",
                                "location", "tags", "consent", "responded", "leadership_group"})
#: Relationship columns kept when anonymising.
TIE_FIELDS = frozenset({"source", "target", "type", "weight", "direction", "boundary_object", "wave", "tags",
                        "reported_by"})
#: Relationship columns that hold a participant's id: renamed with the participants.
_TIE_IDS = ["source", "target", "reported_by"]
#: Story columns kept when anonymising (their free text is scanned for names, not left out).
STORY_FIELDS = frozenset({"step", "title", "text", "view", "people", "groups", "question"})
#: What the name of a person who did not consent becomes in the story's text.
NEUTRAL = "someone"
#: Story columns that hold no free text: numbers, view names, ids (mapped) and group values.
_STORY_CODED = frozenset({"step", "view", "people", "groups", ROW})


def _rebuild(landscape: Landscape, participants: pd.DataFrame, relationships: pd.DataFrame,
             story: pd.DataFrame | None = None, stories: pd.DataFrame | None = None, *,
             names: Mapping[str, str] | None = None, drop: Collection[str] = ()) -> Landscape:
    """The landscape with these tables; with ``names``, every name in any text it still holds (group
    names, boundary objects, waves, the roster, the Communities sheet, the title) replaced, and the
    free-text columns in ``drop`` (``voices.why``...) left out."""
    tables = landscape.tables
    if names:
        participants, relationships = _scrubbed(participants, names, ("id", "name")), \
            _scrubbed(relationships, names, (*_TIE_IDS, "type", "weight", "direction", "wave"))
    people = dataclasses.replace(tables.participants, frame=participants)
    ties = dataclasses.replace(tables.relationships, frame=relationships)
    changes: dict[str, Any] = {"participants": people, "relationships": ties}
    if story is not None and tables.story is not None:
        changes["story"] = dataclasses.replace(tables.story, frame=story)
    if stories is not None and tables.stories is not None:
        changes["stories"] = dataclasses.replace(tables.stories, frame=stories)
    for name in ("voices", "communities"):
        table = getattr(tables, name)
        if table is not None and (names or drop):
            frame = table.frame[[c for c in table.frame.columns if f"{name}.{c}" not in drop]]
            changes[name] = dataclasses.replace(table, frame=_scrubbed(frame, names or {}, ("expected",
                                                                                           "expected_share")))
    new_tables = dataclasses.replace(tables, **changes)
    graph = _graph(new_tables)
    if names and isinstance(graph.graph.get("name"), str):  # the title comes from the file's name
        graph.graph["name"] = replace_names(graph.graph["name"], names)[0]
    return Landscape(graph=graph, tables=new_tables, settings=landscape.settings)


def renamed(landscape: Landscape, shared: Landscape) -> dict[str, str]:
    """Each participant's name as ``landscape`` has it, by the name ``shared`` (its shareable copy, rows
    in the same order) gives them, for those whose name changed: what :func:`redact` replaces.

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> renamed(land, land)
    {}
    """
    before, after = landscape.participants, shared.participants
    if "name" not in before or "name" not in after or len(before) != len(after):
        return {}
    found: dict[str, str] = {}
    for old, new in zip(before["name"].tolist(), after["name"].tolist()):
        if isinstance(old, str) and old.strip() and old != new:
            # Someone withheld is "someone" in words (an "Anonymous N" there would tie the words to their
            # node); a name two people share, "someone" too: the text cannot say which.
            new = NEUTRAL if str(new).startswith("Anonymous ") else str(new)
            found[old] = new if found.get(old, new) == new else NEUTRAL
    return found


def redact(text: str, names: Mapping[str, str]) -> str:
    """``text`` with every name in ``names`` (whole words, case and accents aside) replaced: the last
    check on what a shared file says, for words the data carried that are labels rather than cells
    (a wave called after someone, a note quoting it).

    >>> redact("the Ana Lima review", {"Ana Lima": "Person 002"})
    'the Person 002 review'
    """
    return replace_names(text, names)[0] if names else text


def redact_data(value: Any, names: Mapping[str, str]) -> Any:
    """Every string in ``value`` (dicts, keys included, lists, tuples, dataclasses of the report) with
    :func:`redact` applied: the data a page or a report is made from, before it is made (a page's
    own script must never be rewritten: its hash is what the browser allows).

    >>> redact_data({"Ana Lima review": ["Ana Lima", 3]}, {"Ana Lima": "P1"})
    {'P1 review': ['P1', 3]}
    """
    if not names:
        return value
    if isinstance(value, str):
        return redact(value, names)
    if isinstance(value, dict):
        return {redact_data(key, names): redact_data(item, names) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_data(item, names) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: redact_data(getattr(value, f.name), names)
                                             for f in dataclasses.fields(value)})
    return value


def with_waves_redacted(landscape: Landscape, names: Mapping[str, str]) -> Landscape:
    """The landscape with every name in ``names`` replaced in its labels too (waves, the groups the
    Story and Stories sheets point at, the graph's name) and its source reduced to the file's name:
    for a file that carries the data on (an export), where no wave is chosen by its label any more."""
    if not names:
        return landscape
    ties = landscape.relationships.copy()
    if "wave" in ties:
        ties["wave"] = [redact(value, names) if isinstance(value, str) else value for value in ties["wave"].tolist()]
    tables = landscape.tables
    story = stories = None
    if tables.story is not None:
        story = tables.story.frame.copy()
        if "groups" in story:
            story["groups"] = [redact_data(value, names) for value in story["groups"].tolist()]
    if tables.stories is not None:
        stories = tables.stories.frame.copy()
        for column in ("community", "boundary", "id", "date", "wave"):
            if column in stories:
                stories[column] = [redact_data(value, names) for value in stories[column].tolist()]
    result = _rebuild(landscape, landscape.participants, ties, story, stories)
    result.graph.graph["name"] = redact(str(result.graph.graph.get("name") or "landscape"), names)
    result.graph.graph["source"] = redact(Path(str(tables.source)).name, names)  # no folder of the user's
    return result


#: Free-text columns of the roster and the Communities sheet: left out when anonymising, unless kept.
FREE_TEXT = ("voices.why", "communities.description")


def _scrubbed(frame: pd.DataFrame, names: Mapping[str, str], skip: Collection[str]) -> pd.DataFrame:
    """``frame`` with every participant's name in its text cells (and in cells that hold several
    values) replaced: a community called after someone, a boundary object, a wave, a reason on the
    roster can name a person as surely as a name column. Ids are not looked for here: a short code
    such as 7 would turn "Ward 7" into a pseudonym."""
    if not names:
        return frame
    frame = frame.copy()
    for column in frame.columns:
        if column in skip or column == ROW:
            continue
        frame[column] = [replace_names(value, names)[0] if isinstance(value, str) else
                         tuple(replace_names(v, names)[0] if isinstance(v, str) else v for v in value)
                         if isinstance(value, tuple) else value for value in frame[column].tolist()]
    return frame


#: Apostrophes as people type them (O’Connor) read as one.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` with case, accents and apostrophe shapes folded and runs of white space as one
    space, and for each character of the result the position it came from."""
    chars: list[str] = []
    where: list[int] = []
    for position, char in enumerate(text.translate(_APOSTROPHES)):
        # Hyphens and underscores join a name's words as a space does: Jean-Luc is Jean Luc, and a
        # header ana_lima_rating holds the name Ana Lima.
        if char.isspace() or char in _JOINERS:
            if not chars or chars[-1] != " ":
                chars.append(" ")
                where.append(position)
            continue
        for part in unicodedata.normalize("NFD", char):
            if not unicodedata.combining(part):
                for folded in part.casefold():
                    chars.append(folded)
                    where.append(position)
    return "".join(chars), where


_KEYS: dict[Any, tuple[dict[str, str], Any, Any]] = {}
_MARKS: dict[int, None] = {}


def _keys(replacements: Mapping[Any, str], ambiguous: str) -> tuple[dict[str, str], Any]:
    """The folded keys of ``replacements`` with their values, and a pattern that finds the first word
    of any of them in a text folded as :func:`_rough` folds it: where it finds none, no key can be
    there, and the careful scan is skipped. Made once per mapping."""
    import re

    cached = _KEYS.get(id(replacements))
    if cached is not None and cached[2] is replacements:  # the mapping is kept in the cache: its id is not reused
        return cached[0], cached[1]
    keys: dict[str, str] = {}
    for name, new in replacements.items():
        key = _fold(str(name).strip())[0].strip()
        if key:
            keys[key] = new if keys.get(key, new) == new else ambiguous
    words = sorted({key.split(" ")[0] for key in keys}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, words)) or "(?!)")
    if len(_KEYS) > 64:
        _KEYS.clear()
    _KEYS[id(replacements)] = (keys, pattern, replacements)
    return keys, pattern


def _rough(text: str) -> str:
    """``text`` decomposed, case folded and without combining marks: :func:`_fold`'s letters, at C speed."""
    if not _MARKS:
        _MARKS.update(dict.fromkeys(cp for cp in range(0x110000) if unicodedata.combining(chr(cp))))
    return unicodedata.normalize("NFD", text.translate(_APOSTROPHES)).casefold().translate(_MARKS)


def _word(char: str) -> bool:
    return char.isalnum()


_JOINERS = frozenset("-_\u2010\u2011\u2012\u2013\u2014")


def replace_names(text: str, replacements: Mapping[Any, str], *, ambiguous: str = NEUTRAL) -> tuple[str, int]:
    """``text`` with every whole-word occurrence of a key of ``replacements`` (a name or an id)
    replaced by its value, whatever the case, accents, apostrophes or spacing; and how many.

    Longer keys win (``Ana Lima`` before ``Ana``); replaced text is not scanned again. A key
    that two entries give different values (two people of one name) becomes ``ambiguous``.

    >>> replace_names("Ask ana lima, then ANA; not Anabel.", {"Ana Lima": "Person 1", "Ana": "Person 2"})
    ('Ask Person 1, then Person 2; not Anabel.', 2)
    >>> replace_names("José’s and O'connor's", {"Jose": "P1", "O’Connor": "P2"})
    ("P1\u2019s and P2's", 2)
    """
    if not text or not replacements:
        return text, 0
    keys, quick = _keys(replacements, ambiguous)
    if not keys or not quick.search(_rough(text)):
        return text, 0  # no key's first word anywhere: the careful scan below cannot find one
    lengths = sorted({len(key) for key in keys}, reverse=True)
    folded, where = _fold(text)
    parts: list[str] = []
    copied = count = position = 0
    while position < len(folded):
        found = None
        if position == 0 or not _word(folded[position - 1]):
            found = next((length for length in lengths if position + length <= len(folded)
                          and folded[position:position + length] in keys
                          and (position + length == len(folded) or not _word(folded[position + length]))), None)
        if found is None:
            position += 1
            continue
        start, end = where[position], where[position + found - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        parts += [text[copied:start], keys[folded[position:position + found]]]
        copied, count, position = end, count + 1, position + found
    return "".join(parts) + text[copied:], count


def _shared_story(landscape: Landscape, shown: pd.DataFrame, replacements: Mapping[Any, str],
                  people: Mapping[Any, Any] | None = None, *, dropped: Collection[Any] = (),
                  kept: Collection[str] | None = None) -> pd.DataFrame | None:
    """The story table with names and ids in its free text replaced, ``people`` ids mapped (and
    ``dropped`` ones left out), only the groups someone in ``shown`` (the shared participants),
    the roster or the Communities sheet holds (a value of a column left out, a role, can name one
    person), and, when ``kept`` is given, only those columns kept."""
    tables = landscape.tables
    table = tables.story
    if table is None:
        return None
    frame = table.frame.copy()
    if kept is not None:
        frame = frame[[column for column in frame.columns if column in kept or column == ROW]].copy()
    for column in frame.columns:
        if column not in _STORY_CODED:
            frame[column] = [replace_names(value, replacements)[0] if isinstance(value, str) else value
                             for value in frame[column].tolist()]
    if "people" in frame:
        mapping = people or {}
        frame["people"] = [value if not isinstance(value, tuple) else
                           tuple(mapping.get(pid, pid) for pid in value if pid not in dropped)
                           for value in frame["people"].tolist()]
    if "groups" in frame:
        known = known_groups(dataclasses.replace(tables.participants, frame=shown), tables.voices, tables.communities)
        frame["groups"] = [tuple(group for group in value if group_key(group) in known) if isinstance(value, tuple)
                           else value for value in frame["groups"].tolist()]
    return frame


#: Value-story columns that hold participant ids (renamed with them), and those that are never free text.
_STORY_IDS = ("teller", "people", "source", "target")
_STORY_CODES = frozenset({*_STORY_IDS, "cycles", "community", "boundary", "consent", ROW})


def _shared_stories(landscape: Landscape, replacements: Mapping[Any, str],
                    people: Mapping[Any, Any] | None = None) -> pd.DataFrame | None:
    """The value-creation stories with every name and id in their words (title, text, indicators,
    activity...) replaced by ``replacements`` and their people's ids mapped by ``people``: what a
    shared file may quote (a story without consent is never quoted: the Value pass and the report
    see to that)."""
    table = landscape.tables.stories
    if table is None:
        return None
    frame = table.frame.copy()
    for column in frame.columns:
        if column not in _STORY_CODES:
            frame[column] = [replace_names(value, replacements)[0] if isinstance(value, str) else value
                             for value in frame[column].tolist()]
    mapping = people or {}
    for column in _STORY_IDS:
        if column in frame:
            frame[column] = [tuple(mapping.get(pid, pid) for pid in value) if isinstance(value, tuple)
                             else mapping.get(value, value) for value in frame[column].tolist()]
    return frame


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
    id and name become ``Anonymous 1``, ``Anonymous 2``... In the story their names and ids read
    ``someone``, and no step points at them. Without a consent column the landscape
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
    # Whether they answered a survey stays too: a map draws who did not answer apart, named or not.
    keep = {"id", "name", ROW, landscape.settings.grouping_attribute, "consent", "responded"}
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
    ties = _renamed(ties, mapping, _TIE_IDS)
    # The story names them in free text, and may point at them: "someone", and pointed at no more.
    unnamed = _names_and_ids(people, withheld, NEUTRAL)
    story = _shared_story(landscape, frame, unnamed, dropped=withheld)
    # A value story names them in its words too: "someone"; where it is about them, as Anonymous N.
    names = {name: value for name, value in unnamed.items() if name not in mapping}  # the names, not the ids
    return _rebuild(landscape, frame, ties, story, _shared_stories(landscape, unnamed, mapping), names=names)


def _as_columns(keep: Collection[str]) -> frozenset[str]:
    """The columns ``--keep`` names, as written and as the headers are read (``"Bob's notes"`` is
    ``bobs_notes``), so that either way of naming one keeps it."""
    return frozenset(keep) | frozenset(normalise_header(name) for name in keep)


def _names_and_ids(people: pd.DataFrame, ids: Collection[Any], replacement: Any) -> dict[Any, str]:
    """Each of these people's id and name, to be replaced by ``replacement`` (a string, or a
    function of the id giving their new id and name)."""
    found: dict[Any, str] = {}
    chosen = set(ids)
    names = people["name"].tolist() if "name" in people else [None] * len(people)
    for pid, name in zip(people["id"].tolist(), names):
        if pid in chosen:
            new_id, new_name = replacement(pid) if callable(replacement) else (replacement, replacement)
            found[pid] = new_id
            if isinstance(name, str) and name.strip():
                # A name two people share cannot say which of them a text means: "someone".
                found[name] = new_name if found.get(name, new_name) == new_name else NEUTRAL
    return found


def _kept_columns(landscape: Landscape, keep: Collection[str]) -> frozenset[str]:
    """The participant columns anonymising keeps (besides id and name, which it replaces)."""
    # The attributes the settings group people by stay too: they are what the analysis is about
    # (an atlas grouped by department must keep the department column).
    settings = landscape.settings
    chosen = {settings.group, settings.voices_by, *(settings.levels or ())} - {None}
    return CATEGORICAL_FIELDS | frozenset(keep) | frozenset(chosen)  # type: ignore[arg-type]


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
    in :data:`TIE_FIELDS` and those in ``keep``; the story keeps the columns in
    :data:`STORY_FIELDS` and those in ``keep``, with every name and id in its text replaced by the
    person's pseudonym (:func:`replace_names`). ``roster`` lists ids of other waves to number
    too, so that two waves (with one ``key``) share one set of pseudonyms.
    """
    keep = _as_columns(keep)
    people = landscape.participants
    key = key if key is not None else secrets.token_bytes(16)
    order = sorted(dict.fromkeys([*(roster or ()), *people["id"].tolist()]),
                   key=lambda pid: hmac.new(key, str(pid).encode("utf-8"), hashlib.sha256).digest())
    width = max(3, len(str(len(order))))
    number = {pid: position for position, pid in enumerate(order, start=1)}
    mapping = {pid: f"P{number[pid]:0{width}d}" for pid in people["id"].tolist()}
    kept = _kept_columns(landscape, keep)
    frame = people[[c for c in people.columns if c in kept or c in ("id", ROW)]].copy()
    frame["name"] = [f"Person {number[pid]:0{width}d}" for pid in people["id"].tolist()]
    frame = _renamed(frame, mapping, ["id"])
    ties = landscape.relationships
    ties = ties[[c for c in ties.columns if c in TIE_FIELDS or c in keep or c == ROW]]
    ties = _renamed(ties, mapping, _TIE_IDS)
    # The story's free text is shown: every name and id in it becomes the person's pseudonym.
    pseudonyms = _names_and_ids(people, mapping, lambda pid: (mapping[pid], f"Person {number[pid]:0{width}d}"))
    story = _shared_story(landscape, frame, pseudonyms, mapping, kept=STORY_FIELDS | set(keep))
    names = {name: value for name, value in pseudonyms.items() if name not in mapping}  # the names, not the ids
    drop = [column for column in FREE_TEXT if column not in keep and column.split(".")[1] not in keep]
    return _rebuild(landscape, frame, ties, story, _shared_stories(landscape, pseudonyms, mapping), names=names,
                    drop=drop)


def shareable(landscape: Landscape, *, anonymise_names: bool = False, keep: Collection[str] = (),
              hide_withheld: bool = True, key: bytes | None = None) -> Landscape:
    """Consent honoured, then (if asked) everyone anonymised: what every shared file is written from.

    ``hide_withheld=False`` gives the same pseudonyms but keeps the attributes of the people who
    withheld consent: the copy the analysis runs on, so that numbers and findings stay true
    (someone withheld is still a nurse, at level 3). It is never drawn or written; what is shown
    comes from the default copy, where they keep only their group.
    """
    key = key if key is not None else secrets.token_bytes(16)
    result = honour_consent(landscape, hide=hide_withheld)
    result = anonymise(result, keep=keep, key=key) if anonymise_names else result
    if landscape.whole is not None:  # one wave of several: every wave shared alike, one name per person
        whole = shareable(landscape.whole, anonymise_names=anonymise_names, keep=keep, hide_withheld=hide_withheld,
                          key=key)
        result = dataclasses.replace(result, whole=whole)
    return result


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


def sharing_notes(landscape: Landscape, *, anonymise: bool = False, keep: Collection[str] = ()) -> tuple[str, ...]:
    """What making ``landscape`` shareable (:func:`shareable`, with the same ``anonymise`` and
    ``keep``) did to its story, for the reader to check: the names and ids found in its text, the
    people no step points at any more, and the groups nobody in the shared copy holds; and, under
    ``anonymise``, the names found in the value-creation stories' words. Empty when there is no
    story, or nothing to share it against (no consent column, no ``anonymise``). The notes name no
    one.

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("clinical-simulation"))
    >>> sharing_notes(land), len(sharing_notes(land, anonymise=True))
    ((), 4)
    """
    keep = _as_columns(keep)
    people = landscape.participants
    told = (*_left_out_note(landscape, anonymise, keep), *_stories_note(landscape, anonymise))
    steps = landscape.story
    if not steps:
        return told
    people = landscape.participants
    texts = [text for step in steps for text in (step.title, step.text, step.question) if text]
    found = []
    if "consent" in people:
        withheld = [pid for pid, consent in zip(people["id"].tolist(), people["consent"].tolist()) if consent != "yes"]
        unnamed = _names_and_ids(people, withheld, NEUTRAL)
        scanned = [replace_names(text, unnamed) for text in texts]
        texts = [text for text, _ in scanned]  # what the pseudonyms are then looked for in
        named = sum(count for _, count in scanned)
        pointed = [str(step.number) for step in steps if set(step.people) & set(withheld)]
        if withheld:
            where = f"; no longer pointed at in step(s) {', '.join(pointed)}" if pointed else ""
            who = "the person" if len(withheld) == 1 else f"the {len(withheld)} people"
            found.append(f"the story was scanned for the names and ids of {who} who did not consent: {named} found "
                         f"in its titles, texts and questions, each shown as {NEUTRAL!r}{where}")
    if anonymise:
        everyone = _names_and_ids(people, people["id"].tolist(), lambda pid: ("P", "P"))
        named = sum(replace_names(text, everyone)[1] for text in texts)
        found.append(f"the story's titles, texts and questions were scanned for every participant's name and id "
                     f"(whole words, whatever the case or accents): {named} found, each replaced by that person's "
                     "pseudonym. First names alone, nicknames and descriptions are not recognised: read the story "
                     "before passing it on")
    if any(step.groups for step in steps) and ("consent" in people or anonymise):
        found += _groups_left_out(landscape, steps, shareable(landscape, anonymise_names=anonymise, keep=keep))
    return (*found, *told)


def _left_out_note(landscape: Landscape, anonymise: bool, keep: Collection[str]) -> tuple[str, ...]:
    """What anonymising leaves out (each free-text column, by sheet) and how many names it replaced
    in the text it keeps (group names, boundary objects, waves, the roster, the Communities sheet)."""
    if not anonymise:
        return ()
    tables = landscape.tables
    kept = _kept_columns(landscape, keep)
    left = [f"participants' {c}" for c in landscape.participants.columns if c not in kept and c not in ("id", "name", ROW)]
    left += [f"relationships' {c}" for c in landscape.relationships.columns
             if c not in TIE_FIELDS and c not in keep and c != ROW]
    for name in FREE_TEXT:
        table, column = name.split(".")
        frame = getattr(tables, table).frame if getattr(tables, table) is not None else None
        if frame is not None and column in frame and name not in keep and column not in keep:
            left.append(f"{'the roster' if table == 'voices' else 'the Communities sheet'}'s {column}")
    people = landscape.participants
    names = {name: "P" for name in people["name"].tolist() if isinstance(name, str) and name.strip()} \
        if "name" in people else {}
    texts = [value for frame, skip in ((people, ("id", "name")), (landscape.relationships, (*_TIE_IDS, "wave")))
             for column in frame.columns if column not in skip and column != ROW for value in frame[column].tolist()]
    for table in (tables.voices, tables.communities):
        if table is not None:
            texts += [value for column in table.frame.columns for value in table.frame[column].tolist()]
    found = sum(replace_names(item, names)[1] for value in texts
                for item in (value if isinstance(value, tuple) else (value,)) if isinstance(item, str))
    notes = [f"left out as free text (--keep COLUMN keeps one): {', '.join(left)}"] if left else []
    return (*notes, f"the text kept (group names, boundary objects, waves, the roster, the communities, the title) "
                    f"was scanned for every participant's name: {found} found, each replaced by that person's "
                    "pseudonym")


def _stories_note(landscape: Landscape, anonymise: bool) -> tuple[str, ...]:
    """What anonymising does to the value-creation stories' words: every name and id replaced."""
    table = landscape.tables.stories
    if table is None or table.frame.empty:
        return ()
    # Stories without consent are never quoted, shared or not: the Value findings say so.
    frame, found = table.frame, []
    if anonymise:
        people = landscape.participants
        everyone = _names_and_ids(people, people["id"].tolist(), lambda pid: ("P", "P"))
        named = sum(replace_names(value, everyone)[1] for column in frame.columns if column not in _STORY_CODES
                    for value in frame[column].tolist() if isinstance(value, str))
        found.append(f"the value-creation stories' words were scanned for every participant's name and id: {named} "
                     "found, each replaced by that person's pseudonym; read them before passing them on")
    return tuple(found)


def _groups_left_out(landscape: Landscape, steps: Sequence[Any], shown: Landscape) -> list[str]:
    """A note on the story's groups that nobody holds in the ``shown`` copy: values of columns
    anonymising leaves out (a role can name one person), or held only by people who did not
    consent (only their group is shown). The steps no longer point at them; the note names the
    columns and the steps, never the groups."""
    tables = landscape.tables
    people = tables.participants
    before = known_groups(people, tables.voices, tables.communities)
    after = known_groups(shown.tables.participants, tables.voices, tables.communities)
    lost = {group_key(group) for step in steps for group in step.groups} & (set(before) - set(after))
    if not lost:
        return []
    where = [str(step.number) for step in steps if {group_key(group) for group in step.groups} & lost]
    gone = [column for column in people.frame.columns if column not in shown.participants.columns]
    columns = [column for column in gone
               if lost & set(known_groups(dataclasses.replace(people, frame=people.frame[[column, ROW]])))]
    why = f"values of column(s) {', '.join(columns)}, which --anonymise leaves out (--keep {columns[0]} keeps " \
          "it)" if columns else "held only by people who did not consent, of whom only their group is shown"
    return [f"{len(lost)} group(s) the story points at in step(s) {', '.join(where)} are {why}: those steps no longer "
            "point at them"]

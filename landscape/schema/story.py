"""Check the story, the facilitator's own steps for the atlas's guided tour, against the other tables.

Each cell is read by the schema (``schemas/story.schema.json``: a view that is not one of the
atlas's is an ``invalid-value`` there); :func:`check_story` adds what needs the other tables and
the whole sheet:

- ``people`` names participants as the relationships do, by id or by a name only one participant
  has: an unknown one is an ``unknown-participant`` error with "did you mean", a name several
  participants share an ``ambiguous-participant`` error, as in the relationships (a step that
  points at nobody in particular would be shown without a word). The cell is resolved to ids.
- ``groups`` are matched as groups are everywhere (:func:`~landscape.schema.cells.group_key`)
  against every participant column, the voices roster and the Communities sheet; a group none of
  them has is an ``unknown-group`` warning with the nearest groups: the step is still shown.
- A step number used twice is a ``duplicate-step`` warning, not an error: both steps are kept and
  shown in the order of their rows, so nothing is lost or read two ways; the warning says so in
  case the second was meant to be another number.
- A step with neither title nor text is an ``empty-step`` warning: the room would see a blank step.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from landscape.schema.cells import group_key, text_of
from landscape.schema.keys import KeyIndex, name_key
from landscape.schema.lookalike import visible
from landscape.schema.report import Issue, Severity, describe_value
from landscape.schema.tables import ROW, Problems, Table, columns_of

__all__ = ["check_story", "known_groups", "person_ids"]

#: Participant columns that never name a group (identities, names, consent).
_NOT_GROUPS = frozenset({"id", "name", "consent", ROW})
#: How alike (difflib's ratio) a group must be to be suggested.
_CLOSE = 0.75


def check_story(tables: Mapping[str, Table], issues: list[Issue]) -> None:
    """Check the story table (if any) on its own and against the participants, voices and
    communities; resolve its ``people`` cells to participant ids. Problems go into ``issues``."""
    story = tables.get("story")
    if story is None or not story.complete or story.frame.empty:
        return
    problems = Problems(story.raw, story.name, issues)
    _check_steps(story, problems)
    people = tables["participants"]
    if "people" in story.frame and people.complete:
        _resolve_people(story, people, problems)
    if "groups" in story.frame and people.complete:
        known = known_groups(people, tables.get("voices"), tables.get("communities"))
        _check_groups(story, known, problems)


def _check_steps(story: Table, problems: Problems) -> None:
    frame = story.frame
    if "step" in frame:
        first: dict[Any, int] = {}
        for step, row in zip(*columns_of(frame, "step", ROW)):
            if step is None:
                continue
            if step in first:
                problems.add(
                    "duplicate-step",
                    f"expected each step number once (got {text_of(step)}, already in row {first[step]}); both "
                    "steps are kept, in the order of their rows: give this one another number if it belongs elsewhere",
                    row=int(row), column=story.header_of("step"), value=step, severity=Severity.WARNING)
            else:
                first[step] = int(row)
    titles = frame["title"].tolist() if "title" in frame else [None] * len(frame)
    texts = frame["text"].tolist() if "text" in frame else [None] * len(frame)
    for title, text, row in zip(titles, texts, frame[ROW].tolist()):
        if title is None and text is None:
            problems.add(
                "empty-step",
                "expected a title or a text for the step (got neither); it is kept, and the room sees a step "
                "without words: write what you will say, or delete the row",
                row=int(row), column=story.header_of("title") if "title" in frame else None,
                severity=Severity.WARNING)


def _resolve_people(story: Table, people: Table, problems: Problems) -> None:
    """Each ``people`` cell as the ids it names; every id or name that names nobody is reported."""
    index = KeyIndex(people, "id", "name")
    where = people.raw.where
    header = story.header_of("people")
    resolved: list[tuple[str, ...] | None] = []
    for value, row in zip(*columns_of(story.frame, "people", ROW)):
        found = person_ids(value or (), index, where, problems, row=int(row), column=header)
        resolved.append(found if value is not None else None)
    story.frame["people"] = resolved


def person_ids(items: Iterable[Any], index: KeyIndex, where: str, problems: Problems, *, row: int,
               column: str) -> tuple[Any, ...]:
    """The participant ids that ``items`` (ids, or names only one participant has) name, each once;
    an unknown one is an ``unknown-participant`` error with "did you mean", a name several people
    share an ``ambiguous-participant`` error (the Story and Stories sheets read people alike)."""
    found: list[Any] = []
    for item in items:
        plain = visible(item) if isinstance(item, str) else item
        if plain != item:  # an invisible character in an id (as the participants' ids are read): left out
            problems.add("invisible-character", f"expected an id or name of visible characters (got "
                         f"{describe_value(item)}); read as {plain!r}", row=row, column=column, value=item,
                         severity=Severity.WARNING)
            item = plain
        if item in index.ids:
            found.append(item)
            continue
        matches = index.by_name.get(name_key(item), [])
        if len(matches) == 1:
            found.append(matches[0][0])
        elif matches:
            who = ", ".join(f"{pid} (row {prow})" for pid, prow in matches[:5])
            problems.add("ambiguous-participant", f"expected an id or a name from {where} (got {describe_value(item)}, "
                         f"the name of {len(matches)} rows there: {who}); use the id", row=row, column=column,
                         value=item)
        else:
            problems.add("unknown-participant", _unknown_person(item, where, index), row=row, column=column, value=item)
    return tuple(dict.fromkeys(found))


def _unknown_person(item: str, where: str, index: KeyIndex) -> str:
    message = f"expected the id or name of a row in {where} (got {describe_value(item)}, which is not there)"
    parts = [part.strip() for part in item.split(",")]
    if len(parts) > 1 and all(part in index.ids or len(index.by_name.get(name_key(part), [])) == 1 for part in parts):
        return message + f"; to name several people, separate them with ; as in {'; '.join(parts)!r}"
    hint = index.hint(item)
    return message + (f"; did you mean {hint}?" if hint else "; use an id from that sheet")


def known_groups(people: Table, voices: Table | None = None, communities: Table | None = None) -> dict[str, str]:
    """Every group a story may point at, by :func:`~landscape.schema.cells.group_key`, with its
    first spelling: each value of every participant column but id, name and consent (several in a
    cell, split on ``;``, count each), the roster's stakeholder groups, and the Communities
    sheet's communities and what they belong to."""
    known: dict[str, str] = {}

    def add(values: Iterable[Any]) -> None:
        for value in values:
            items = value if isinstance(value, tuple) else value.split(";") if isinstance(value, str) else (value,)
            for item in items:
                if item is None or (isinstance(item, float) and item != item) or isinstance(item, bool):
                    continue
                label = " ".join(text_of(item).split())
                if label:
                    known.setdefault(group_key(label), label)

    for column in people.frame.columns:
        if column not in _NOT_GROUPS:
            add(people.frame[column].tolist())
    for table, columns in ((voices, ("stakeholder_group",)), (communities, ("community", "parent"))):
        if table is not None and table.complete:
            for column in columns:
                if column in table.frame:
                    add(table.frame[column].tolist())
    return known


def _check_groups(story: Table, known: dict[str, str], problems: Problems) -> None:
    header = story.header_of("groups")
    for value, row in zip(*columns_of(story.frame, "groups", ROW)):
        for item in value or ():
            if group_key(item) in known:
                continue
            near = difflib.get_close_matches(group_key(item), list(known), n=3, cutoff=_CLOSE)
            hint = f": did you mean {' or '.join(repr(known[key]) for key in near)}?" if near else ""
            problems.add(
                "unknown-group",
                f"expected a group some participant belongs to, in any column, or one on the roster or in the "
                f"Communities sheet (got {item!r}, which none has{hint}); the step cannot point at it until it "
                "matches one",
                row=int(row), column=header, value=item, severity=Severity.WARNING)

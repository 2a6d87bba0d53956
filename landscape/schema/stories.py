"""Check the value-creation stories against the other tables, and read their people and cycles.

Each cell is read by the schema (``schemas/stories.schema.json``); :func:`check_stories` adds what
needs the other tables and the whole sheet, and leaves each cell in the form the Value pass reads:

- ``teller``, ``people``, ``source`` and ``target`` name participants as the relationships do, by
  id or by a name only one participant has: an unknown one is an ``unknown-participant`` error with
  "did you mean", a name several share an ``ambiguous-participant`` error. Cells become ids.
- ``cycles`` are the cycles of value (:data:`CYCLES`), by their names or aliases (realized is
  realised, transformative is reframing, case and spacing ignored); anything else is an
  ``unknown-cycle`` error with the nearest cycle. Cells become the cycles' names, in cycle order.
- ``community`` and ``boundary`` groups are matched as groups are everywhere; one no participant
  column, roster or Communities sheet has is an ``unknown-group`` warning with the nearest groups.
  A boundary names exactly two groups (an ``invalid-value`` error otherwise); a tie needs both
  ``source`` and ``target`` (a ``missing-value`` error for the one left blank).
- A blank ``id`` becomes ``story N`` (N the row); an id used twice is a ``duplicate-id`` error.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from landscape.schema.cells import group_key, text_of
from landscape.schema.keys import KeyIndex
from landscape.schema.report import Issue, Severity, describe_value
from landscape.schema.story import known_groups, person_ids
from landscape.schema.tables import ROW, Problems, Table, columns_of

__all__ = ["CYCLES", "CYCLE_ALIASES", "check_stories", "cycle_name"]

#: The cycles of value creation, in order: Wenger, Trayner & de Laat (2011) first, then the three
#: Wenger-Trayner & Wenger-Trayner (2020) add.
CYCLES: tuple[str, ...] = ("immediate", "potential", "applied", "realised", "reframing", "orienting", "enabling",
                           "strategic")
#: Other names people give the cycles (as :func:`cycle_name` reads them).
CYCLE_ALIASES: dict[str, str] = {
    "realized": "realised", "transformative": "reframing", "transformational": "reframing", "reframed": "reframing",
    "immediate value": "immediate", "potential value": "potential", "applied value": "applied",
    "realised value": "realised", "realized value": "realised", "reframing value": "reframing",
    "orienting value": "orienting", "enabling value": "enabling", "strategic value": "strategic",
    "knowledge capital": "potential", "changes in practice": "applied", "performance improvement": "realised",
}


def cycle_name(value: Any) -> str | None:
    """The cycle a cell names, or None.

    >>> cycle_name("Realized"), cycle_name(" transformative "), cycle_name("Applied value"), cycle_name("vague")
    ('realised', 'reframing', 'applied', None)
    """
    key = " ".join(text_of(value).casefold().replace("_", " ").replace("-", " ").split())
    return key if key in CYCLES else CYCLE_ALIASES.get(key)


def check_stories(tables: Mapping[str, Table], issues: list[Issue]) -> None:
    """Check the stories table (if any) on its own and against the participants, voices and
    communities; resolve its people to ids and its cycles to their names. Problems go into ``issues``."""
    stories = tables.get("stories")
    if stories is None or not stories.complete or stories.frame.empty:
        return
    problems = Problems(stories.raw, stories.name, issues)
    if "consent" not in stories.frame:
        problems.add("missing-column", "expected a consent column (yes: the teller agreed that the story's words be "
                     "shared); without one every story is counted and none is quoted", severity=Severity.WARNING)
    _ids(stories, problems)
    _cycles(stories, problems)
    people = tables["participants"]
    if not people.complete:
        return
    index = KeyIndex(people, "id", "name")
    filled = {column: _resolve(stories, column, index, people.raw.where, problems)
              for column in ("teller", "people", "source", "target") if column in stories.frame}
    _tie(stories, filled, problems)
    known = known_groups(people, tables.get("voices"), tables.get("communities"))
    for column in ("community", "boundary"):
        if column in stories.frame:
            _groups(stories, column, known, problems)


def _ids(stories: Table, problems: Problems) -> None:
    frame = stories.frame
    given = frame["id"].tolist() if "id" in frame else [None] * len(frame)
    ids, first = [], {}
    for value, row in zip(given, frame[ROW].tolist()):
        story = text_of(value) if value is not None else f"story {int(row)}"
        if story in first:
            problems.add("duplicate-id", f"expected each story's id once (got {story!r}, already in row "
                         f"{first[story]}); give this story another id", row=int(row),
                         column=stories.header_of("id") if "id" in frame else None, value=story)
        first.setdefault(story, int(row))
        ids.append(story)
    frame["id"] = ids


def _cycles(stories: Table, problems: Problems) -> None:
    frame = stories.frame
    if "cycles" not in frame:
        return
    header, read = stories.header_of("cycles"), []
    for value, row in zip(*columns_of(frame, "cycles", ROW)):
        found = []
        # "immediate and applied", "immediate/applied", a line break in a cell: several cycles too.
        items = [part for item in value or () for part in re.split(r"\s+and\s+|/|\n", text_of(item)) if part.strip()]
        for item in items:
            name = cycle_name(item)
            if name is None:
                near = difflib.get_close_matches(text_of(item).casefold(), [*CYCLES, *CYCLE_ALIASES], n=1, cutoff=0.6)
                hint = f"; did you mean {cycle_name(near[0])}?" if near else ""
                problems.add("unknown-cycle", f"expected a cycle of value: {', '.join(CYCLES)}, several separated by ; "
                             f"(got {describe_value(item)}{hint})", row=int(row), column=header, value=item)
                continue
            found.append(name)
        read.append(tuple(sorted(set(found), key=CYCLES.index)) if value is not None else ())
    frame["cycles"] = read


def _resolve(stories: Table, column: str, index: KeyIndex, where: str, problems: Problems) -> set[int]:
    """Each cell of ``column`` as the ids it names (a tuple for ``people``, one id or None otherwise);
    the rows whose cell was filled in."""
    header, resolved, filled = stories.header_of(column), [], set()
    for value, row in zip(*columns_of(stories.frame, column, ROW)):
        items = value if isinstance(value, tuple) else (() if value is None else (value,))
        if items:
            filled.add(int(row))
        found = person_ids(items, index, where, problems, row=int(row), column=header)
        resolved.append(found if column == "people" else (found[0] if found else None))
    stories.frame[column] = resolved
    return filled


def _tie(stories: Table, filled: dict[str, set[int]], problems: Problems) -> None:
    """A tie needs both ends (the end left blank is a ``missing-value`` error), and two people (a
    ``self-tie`` error: a story about one person names them in people)."""
    frame = stories.frame
    if "source" in frame and "target" in frame:
        for source, target, row in zip(*columns_of(frame, "source", "target", ROW)):
            if source is not None and source == target:
                problems.add("self-tie", f"expected a tie between two people (got {source!r} at both ends); a story "
                             "about one person names them in people", row=int(row), column=stories.header_of("target"),
                             value=source)
    for row in sorted(filled.get("source", set()) ^ filled.get("target", set())):
        blank, given = ("target", "source") if row in filled.get("source", set()) else ("source", "target")
        problems.add("missing-value", f"expected both ends of the tie the story is about, source and target (got only "
                     f"the {given}); give the {blank}, or name the two groups in boundary instead", row=row,
                     column=stories.header_of(blank) if blank in stories.frame else None)


def _groups(stories: Table, column: str, known: dict[str, str], problems: Problems) -> None:
    header = stories.header_of(column)
    for value, row in zip(*columns_of(stories.frame, column, ROW)):
        items = list(value or ())
        if column == "boundary" and items and (len(items) != 2 or group_key(items[0]) == group_key(items[1])):
            problems.add("invalid-value", f"expected two different groups separated by ; (got {len(items)}: "
                         f"{'; '.join(items)}); a boundary lies between two groups: write one story per pair, or "
                         "name one group in community", row=int(row), column=header, value="; ".join(items))
        for item in items:
            if group_key(item) in known:
                continue
            near = difflib.get_close_matches(group_key(item), list(known), n=3, cutoff=0.75)
            hint = f": did you mean {' or '.join(repr(known[key]) for key in near)}?" if near else ""
            problems.add("unknown-group", f"expected a group some participant belongs to, or one on the roster or in "
                         f"the Communities sheet (got {item!r}, which none has{hint}); the story is counted, and "
                         "placed on the map only when it matches one", row=int(row), column=header, value=item,
                         severity=Severity.WARNING)

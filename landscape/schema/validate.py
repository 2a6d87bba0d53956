"""Read an input's tables and check them, each on its own and against each other.

:func:`validate` returns a :class:`~landscape.schema.report.ValidationReport` listing every
problem in every table at once; it raises only when the input cannot be read at all (an unreadable
file, a missing participants or relationships table). :func:`read_tables` does the same work and
also returns the typed tables, for the model to build the graph from.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from landscape.errors import SheetNotFound
from landscape.io import RawTable, file_kind, read_csv, read_input, read_workbook
from landscape.io.columnar import Distinct, no_cycle_collection, object_array
from landscape.schema.contract import TABLE_NAMES, TableSchema, built_in_relation_kinds, normalise_header, table_schemas
from landscape.schema.report import Issue, Severity, ValidationReport, describe_value
from landscape.schema.cells import group_key, text_of
from landscape.schema.keys import KeyIndex, name_key
from landscape.schema.lookalike import check_ids
from landscape.schema.repeats import check_relationship_rows
from landscape.schema.stories import check_stories
from landscape.schema.story import check_story
from landscape.schema.tables import ROW, Problems, Table, columns_of, interpret, row_list

__all__ = ["DOCUMENTATION_SHEETS", "Tables", "read_participants", "read_tables", "validate"]

#: Sheets that explain a workbook to people (our template has one) and hold no data.
DOCUMENTATION_SHEETS = frozenset({"instructions", "readme", "read_me", "about", "help", "notes", "how_to"})

PathLike = str | Path


@dataclass(frozen=True)
class Tables:
    """The typed tables of one input and the report of reading them."""

    source: str
    participants: Table
    relationships: Table
    voices: Table | None
    communities: Table | None
    report: ValidationReport
    relation_types: Table | None = None
    story: Table | None = None
    stories: Table | None = None


def validate(
    source: PathLike | None = None,
    *,
    participants: PathLike | None = None,
    relationships: PathLike | None = None,
    voices: PathLike | None = None,
    communities: PathLike | None = None,
    relation_types: PathLike | None = None,
    story: PathLike | None = None,
    stories: PathLike | None = None,
) -> ValidationReport:
    """Check an input against the data contract and report every problem.

    Parameters
    ----------
    source : path, optional
        An ``.xlsx`` workbook with sheets named participants, relationships, voices,
        communities, relation types, story and stories (case does not matter; Kumu's Elements
        and Connections are read too), or a folder of CSV files with those names.
    participants, relationships, voices, communities, relation_types, story, stories : path, optional
        A CSV file or workbook for one table, overriding the one found in ``source``.

    Returns
    -------
    ValidationReport
        Every problem found, each with file, sheet, row, column, value and a stable code.

    Raises
    ------
    UnreadableFile
        A file cannot be read at all (missing, corrupt, encrypted, not UTF-8 text...).
    SheetNotFound
        There is no participants or no relationships table.

    Examples
    --------
    >>> from landscape.io import sample_path
    >>> validate(sample_path("clinical-simulation")).valid
    True
    """
    return read_tables(
        source,
        participants=participants,
        relationships=relationships,
        voices=voices,
        communities=communities,
        relation_types=relation_types,
        story=story,
        stories=stories,
    ).report


def read_tables(
    source: PathLike | None = None,
    *,
    participants: PathLike | None = None,
    relationships: PathLike | None = None,
    voices: PathLike | None = None,
    communities: PathLike | None = None,
    relation_types: PathLike | None = None,
    story: PathLike | None = None,
    stories: PathLike | None = None,
) -> Tables:
    """Read and check every table; see :func:`validate` for the parameters."""
    with no_cycle_collection():
        return _read_tables(source, participants=participants, relationships=relationships, voices=voices,
                            communities=communities, relation_types=relation_types, story=story, stories=stories)


def _read_tables(
    source: PathLike | None,
    *,
    participants: PathLike | None,
    relationships: PathLike | None,
    voices: PathLike | None,
    communities: PathLike | None,
    relation_types: PathLike | None,
    story: PathLike | None,
    stories: PathLike | None,
) -> Tables:
    explicit = {
        name: Path(path)
        for name, path in zip(TABLE_NAMES, (participants, relationships, voices, communities, relation_types, story,
                                            stories))
        if path is not None
    }
    if source is None and not explicit:
        raise SheetNotFound("no input: give a workbook or folder, or --participants and --relationships")
    schemas = table_schemas()
    issues: list[Issue] = []
    raws, skipped = _gather(Path(source) if source is not None else None, explicit, schemas, issues)

    origin = str(source) if source is not None else str(explicit.get("participants", next(iter(explicit.values()))))
    for name, schema in schemas.items():
        if schema.required_table and name not in raws:
            raise SheetNotFound(_missing_table_message(origin, name, schema, raws, skipped))

    tables: dict[str, Table] = {}
    for name in TABLE_NAMES:
        if name in raws:
            table, found = interpret(raws[name], schemas[name])
            tables[name] = table
            issues.extend(found)

    check_ids(tables, issues)  # invisible characters out of ids before anything is matched by them
    _check_foreign_keys(tables, schemas, issues)
    check_relationship_rows(tables["relationships"], issues)
    _check_declared_communities(tables, issues)
    _check_group_spellings(tables["participants"], issues)
    _check_relation_types(tables, issues)
    _check_roster_groups(tables.get("voices"), issues)
    _check_expected_shares(tables.get("voices"), issues)
    _check_reporters(tables, issues)
    _check_separators(tables, issues)
    _check_group_spellings(tables.get("communities"), issues)
    _check_group_spellings(tables.get("voices"), issues)
    check_story(tables, issues)
    check_stories(tables, issues)

    for table in tables.values():  # the checks of the cells as written are done
        if table.cells is not None:
            table.cells.forget()
    order = {name: index for index, name in enumerate(TABLE_NAMES)}
    issues.sort(key=lambda issue: (order.get(issue.table or "", -1), issue.row or 0))
    report = ValidationReport(
        source=origin,
        issues=tuple(issues),
        tables=tuple(table.info for table in tables.values()),
        participants=len(tables["participants"].frame),
        relationships=len(tables["relationships"].frame),
        skipped_tables=tuple(skipped),
    )
    return Tables(
        source=origin,
        participants=tables["participants"],
        relationships=tables["relationships"],
        voices=tables.get("voices"),
        communities=tables.get("communities"),
        report=report,
        relation_types=tables.get("relation_types"),
        story=tables.get("story"),
        stories=tables.get("stories"),
    )


def read_participants(source: PathLike) -> tuple[Table, ValidationReport]:
    """Read and check a participants table on its own, as a roster (no relationships needed).

    ``source`` is a CSV file, a workbook (its Participants sheet, or its only sheet of data) or a
    folder holding ``participants.csv``. The checks are those :func:`validate` makes of the table
    alone: every cell against the contract, unique ids, group spellings, list separators.

    Raises
    ------
    UnreadableFile
        The file cannot be read at all.
    SheetNotFound
        There is no participants table in it.

    Examples
    --------
    >>> from landscape.io import sample_path
    >>> table, report = read_participants(sample_path("peer-circle") / "participants.csv")
    >>> report.valid, len(table.frame) == report.participants
    (True, True)
    """
    path = Path(source)
    schemas = table_schemas()
    issues: list[Issue] = []
    if path.is_dir():
        found = read_input(path, want=lambda name: _table_for(name, schemas) == "participants").tables
        if not found:
            raise SheetNotFound(f"{path}: expected a participants.csv file in the folder (got none); give the "
                                "participants file itself, or the folder that holds it")
        raw, *others = found.values()
        issues.extend(_duplicate_sheet("participants", raw, other) for other in others)
    else:
        raw = _read_one(path, "participants", schemas, issues)
    table, problems = interpret(raw, schemas["participants"])
    issues.extend(problems)
    _check_group_spellings(table, issues)
    _check_separators({"participants": table}, issues)
    if table.cells is not None:
        table.cells.forget()
    issues.sort(key=lambda issue: issue.row or 0)
    report = ValidationReport(source=str(path), issues=tuple(issues), tables=(table.info,),
                              participants=len(table.frame))
    return table, report


def _table_for(name: str, schemas: Mapping[str, TableSchema]) -> str | None:
    norm = normalise_header(name)
    for table, schema in schemas.items():
        if norm in schema.sheet_names:
            return table
    return None


def _gather(
    source: Path | None,
    explicit: dict[str, Path],
    schemas: Mapping[str, TableSchema],
    issues: list[Issue],
) -> tuple[dict[str, RawTable], list[str]]:
    raws: dict[str, RawTable] = {}
    skipped: list[str] = []
    if source is not None:
        found = read_input(source, want=lambda name: _table_for(name, schemas) not in (None, *explicit))
        # A folder's tables go by file name, so that participants.csv and participants.tsv (or
        # relationships.csv and ties.csv) are both read and reported, never one over the other.
        in_folder = source.is_dir()
        for name, raw in found.tables.items():
            table = _table_for(Path(name).stem if in_folder else name, schemas)
            if table is None:  # pragma: no cover - read_input reads only recognised tables
                continue
            if table in raws:
                issues.append(_duplicate_sheet(table, raws[table], raw))
                continue
            raws[table] = raw
        for name in found.skipped:
            table = _table_for(Path(name).stem if in_folder else name, schemas)
            if table in explicit:
                continue
            if normalise_header(Path(name).stem if in_folder else name) in DOCUMENTATION_SHEETS:
                continue
            skipped.append(name)
            issues.append(
                Issue(
                    code="unrecognised-sheet",
                    severity=Severity.WARNING,
                    message=f"expected tables named participants, relationships, voices, communities, "
                    f"relation types, story or stories (got {name!r}, which is not read)",
                    file=str(source),
                    sheet=name if not in_folder else None,
                )
            )
    for table, path in explicit.items():
        raws[table] = _read_one(path, table, schemas, issues)
    return raws, skipped


def _duplicate_sheet(table: str, first: RawTable, other: RawTable) -> Issue:
    return Issue(
        code="duplicate-sheet",
        severity=Severity.ERROR,
        message=f"expected one {table} table (got {first.where!r} and {other.where!r}); merge them or rename one",
        file=str(other.file),
        sheet=other.sheet,
        table=table,
    )


def _read_one(path: Path, table: str, schemas: Mapping[str, TableSchema], issues: list[Issue]) -> RawTable:
    if path.is_dir():
        raise SheetNotFound(f"{path}: is a folder; --{table} takes one CSV file or workbook")
    if file_kind(path) != "xlsx":
        return read_csv(path)
    book = read_workbook(path, want=lambda name: _table_for(name, schemas) == table)
    if book.tables:
        first, *others = book.tables.values()
        issues.extend(_duplicate_sheet(table, first, other) for other in others)
        return first
    data_sheets = [name for name in book.skipped if normalise_header(name) not in DOCUMENTATION_SHEETS]
    if len(data_sheets) == 1:
        only = read_workbook(path, want=lambda name: name == data_sheets[0])
        return only.tables[data_sheets[0]]
    raise SheetNotFound(
        f"{path}: expected a sheet named {table} (got sheets {', '.join(map(repr, book.skipped))})"
    )


def _missing_table_message(
    origin: str, name: str, schema: TableSchema, raws: Mapping[str, RawTable], skipped: list[str]
) -> str:
    accepted = ", ".join(other for other in schema.schema["x-table"]["sheet-names"] if other != name)
    seen = [raw.where for raw in raws.values()] + skipped
    got = f"got {', '.join(map(repr, seen))}" if seen else "got no sheets or CSV files with data"
    folder = Path(origin)
    books = sorted(p.name for p in folder.iterdir() if p.suffix.lower() == ".xlsx") if folder.is_dir() else []
    hint = f" The folder holds {', '.join(books)}: give that workbook's path instead." if books else ""
    return (
        f"{origin}: expected a {name} table, a sheet or CSV file named {name} (or {accepted}) "
        f"({got}).{hint} The template command writes a workbook with every sheet: landscape template "
        "landscape.xlsx"
    )


def _check_foreign_keys(tables: dict[str, Table], schemas: Mapping[str, TableSchema], issues: list[Issue]) -> None:
    indexes: dict[tuple[str, str, str | None], KeyIndex] = {}
    for name, table in tables.items():
        for key in schemas[name].foreign_keys:
            target = tables.get(key.table)
            if target is None or not target.complete or not table.complete or key.field not in table.frame:
                continue
            index = indexes.get((key.table, key.key, key.or_unique))
            if index is None:
                index = indexes[(key.table, key.key, key.or_unique)] = KeyIndex(target, key.key, key.or_unique)
            _resolve(table, key.field, index, issues)


def _resolve(table: Table, field: str, index: KeyIndex, issues: list[Issue]) -> None:
    problems = Problems(table.raw, table.name, issues)
    where = index.target.raw.where
    header = table.header_of(field)
    values, rows = columns_of(table.frame, field, ROW)
    # Each distinct value is looked up once: an id, a name only one participant has, or neither.
    distinct = Distinct(object_array(values, len(values)))
    found = [_lookup(value, index) for value in distinct.values]
    resolved = distinct.spread([value for value, _ in found]).tolist()
    by_name_rows = [int(rows[offset]) for offset in distinct.cells_where([kind == "name" for _, kind in found]).tolist()]
    for offset in distinct.cells_where([kind == "miss" for _, kind in found]).tolist():
        value, row = values[offset], rows[offset]
        matches = index.by_name.get(name_key(value), [])
        if matches:
            who = ", ".join(f"{pid} (row {prow})" for pid, prow in matches[:5])
            message = (
                f"expected an id from {where} (got {describe_value(value)}, the name of "
                f"{len(matches)} rows there: {who}); use the id"
            )
            code = "ambiguous-participant"
        else:
            message = f"expected the id of a row in {where} (got {describe_value(value)}, which is not there)"
            hint = index.hint(value)
            if hint:
                message += f"; did you mean {hint}?"
            code = "unknown-participant"
        problems.add(code, message, row=int(row), column=header, value=value)
    table.frame[field] = resolved
    if by_name_rows:
        problems.add(
            "matched-by-name",
            f"expected ids from {where} (got names in {len(by_name_rows)} row(s): "
            f"{row_list(by_name_rows)}); each was matched to the one row of that name",
            column=header,
            severity=Severity.WARNING,
        )


def _lookup(value: Any, index: KeyIndex) -> tuple[Any, str]:
    """What a cell naming a participant names: (the id, ``id``), (the id of the one participant of
    that name, ``name``), or (None, ``miss``); a blank cell names nobody, as (None, ``id``)."""
    if value is None or value in index.ids:
        return value, "id"
    matches = index.by_name.get(name_key(value), [])
    return (matches[0][0], "name") if len(matches) == 1 else (None, "miss")


def _check_declared_communities(tables: dict[str, Table], issues: list[Issue]) -> None:
    communities = tables.get("communities")
    people = tables["participants"]
    # An empty Communities sheet (the template has one) says nothing about nesting: no warnings.
    if communities is None or not communities.complete or communities.frame.empty or "community" not in people.frame:
        return
    declared = {group_key(value) for value in communities.frame["community"] if value is not None}
    values, row_numbers = columns_of(people.frame, "community", ROW)
    distinct = Distinct(object_array(values, len(values)))  # each distinct cell looked at once
    undeclared = [[community for community in value or () if group_key(community) not in declared]
                  for value in distinct.values]
    rows: dict[str, list[int]] = defaultdict(list)
    for offset in distinct.cells_where([bool(found) for found in undeclared]).tolist():
        for community in undeclared[distinct.codes[offset]]:
            rows[community].append(int(row_numbers[offset]))
    problems = Problems(people.raw, people.name, issues)
    for community, where in rows.items():
        problems.add(
            "undeclared-community",
            f"expected every community to be listed in {communities.raw.where} (got {community!r} in "
            f"row(s) {row_list(where)}, which is not); the Scale view cannot place it in a larger unit",
            row=where[0],
            column=people.header_of("community"),
            value=community,
            severity=Severity.WARNING,
        )


#: Columns that never group people: identities, names, consent (read as yes / no), descriptions.
_NOT_GROUPS = frozenset({"id", "name", "consent", "description", "why", ROW})


def _check_group_spellings(table: Table | None, issues: list[Issue]) -> None:
    """Warn where one group is written in more than one way (``Nursing`` and ``nursing``).

    Passes count such values as one group (:func:`~landscape.schema.cells.group_key`) in any
    column one groups people by, so every text column is checked (not ids, names or consent); the
    warning names every spelling and its rows so that the sheet can be made consistent. Spellings
    are counted as the passes count them: once per row, the first spelling in a cell.
    """
    if table is None or not table.complete or table.frame.empty:
        return
    frame = table.frame
    problems = Problems(table.raw, table.name, issues)
    rows = frame[ROW].tolist()
    for column in frame.columns:
        if column in _NOT_GROUPS:
            continue
        values = frame[column].tolist()
        distinct = Distinct(object_array(values, len(values)))
        spelled_in = [_spellings(value) for value in distinct.values]
        # The groups and their spellings in the order the rows first show them, as a reading row by
        # row finds them: the first row of each distinct value is the first that shows its spellings.
        spellings: dict[str, dict[str, list[int]]] = {}
        holders: dict[tuple[str, str], list[int]] = {}  # the distinct values that hold each spelling
        for code, found in enumerate(spelled_in):
            for key, item in found:
                spellings.setdefault(key, {}).setdefault(item, [])
                holders.setdefault((key, item), []).append(code)
        rows_of = None
        for key, spelled in spellings.items():
            if len(spelled) < 2:
                continue
            rows_of = _rows_by_value(distinct, rows) if rows_of is None else rows_of
            for item, where in spelled.items():
                where += sorted(itertools.chain.from_iterable(rows_of[code] for code in holders[(key, item)]))
            # The spelling most rows use names the group; the warning points at the first other one.
            ranked = sorted(spelled.items(), key=lambda item: (-len(item[1]), item[1][0]))
            listed = " and ".join(f"{text!r} in row(s) {row_list(rows)}" for text, rows in ranked)
            problems.add(
                "group-spelling",
                f"expected one spelling of each group (got {listed}); they count as one group, shown as "
                f"{_shown_spelling(spelled)!r}",
                row=ranked[1][1][0],
                column=table.header_of(column),
                value=ranked[1][0],
                severity=Severity.WARNING,
            )


def _rows_by_value(distinct: Distinct, rows: list[int]) -> list[list[int]]:
    """The rows of each distinct value of a column, in order."""
    order = np.argsort(distinct.codes, kind="stable")
    bounds = np.cumsum(np.bincount(distinct.codes, minlength=len(distinct.values))).tolist()
    ordered = np.asarray(rows)[order].tolist()
    return [ordered[start:end] for start, end in zip([0, *bounds[:-1]], bounds)]


def _spellings(value: Any) -> list[tuple[str, str]]:
    """The groups a cell names, as (group key, spelling), each group once, in the cell's order;
    a group the cell names twice is counted in its first spelling."""
    found: dict[str, str] = {}
    for item in value if isinstance(value, tuple) else (value,):
        if isinstance(item, str) and item.strip():
            found.setdefault(group_key(item), item)
    return list(found.items())


def _shown_spelling(spelled: Mapping[str, list[int]]) -> str:
    """The spelling the passes show for a group, as :mod:`landscape.passes.groups` chooses it:
    inner runs of spaces as one, then the most frequent, the first seen among equals.

    >>> _shown_spelling({"nursing": [9], "Nursing": [2, 3], "Nursing  ": [4]})
    'Nursing'
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for text, rows in spelled.items():
        label = " ".join(text.split())
        counts[label] = counts.get(label, 0) + len(rows)
        first[label] = min(first.get(label, rows[0]), rows[0])
    return min(counts, key=lambda label: (-counts[label], first[label]))


#: Expected shares that add up to more than 1 by at most this much were rounded in a spreadsheet
#: (33.4% three times, or six decimals): the Voices pass rescales them to add up to 1. More is a
#: real excess: validate warns (expected-shares) and the dissimilarity index is left out.
SHARES_ROUNDING = 0.01


#: Characters people use to list several values in a cell that landscape does not split on.
_LOOKALIKE_SEPARATORS = (",", "/", "|", "+", " and ", " & ")


def _check_separators(tables: dict[str, Table], issues: list[Issue]) -> None:
    """A cell such as ``Sim Faculty, Debriefing Group`` whose parts are each a group of their own
    (declared in the Communities sheet, or used alone elsewhere in the column) is most likely a
    list written with the wrong separator: it would be read as one group of one. Warn, with the fix."""
    people = tables["participants"]
    if not people.complete or people.frame.empty:
        return
    communities = tables.get("communities")
    declared = {group_key(value) for value in communities.frame["community"]} \
        if communities is not None and communities.complete and "community" in communities.frame else set()
    problems = Problems(people.raw, people.name, issues)
    multi = {name for name, field in table_schemas()["participants"].fields.items() if "x-separators" in field.schema}
    rows = people.frame[ROW].tolist()
    for column in people.frame.columns:
        if column not in multi:  # a list only where the contract allows several values (community, tags)
            continue
        values = people.frame[column].tolist()
        distinct = Distinct(object_array(values, len(values)))  # each distinct cell looked at once
        cells = [value if isinstance(value, tuple) else (value,) for value in distinct.values]
        alone = {group_key(item) for items in cells for item in items if isinstance(item, str)}
        known = alone | (declared if column == "community" else set())
        parts_of: dict[str, list[str] | None] = {}
        flagged = []
        for items in cells:
            texts = [item for item in items if isinstance(item, str)]
            for item in texts:
                if item not in parts_of:
                    parts_of[item] = _separated(item, known)
            flagged.append([(item, parts_of[item]) for item in texts if parts_of[item]])
        for offset in distinct.cells_where([bool(found) for found in flagged]).tolist():
            for item, parts in flagged[distinct.codes[offset]]:
                problems.add(
                    "separator",
                    f"expected several values separated by ; (got {item!r}, whose parts "
                    f"{', '.join(map(repr, parts))} are each a value of their own elsewhere); it is read as "
                    f"one value: write {'; '.join(parts)!r} for several",
                    row=int(rows[offset]), column=people.header_of(column), value=item, severity=Severity.WARNING)


def _separated(item: str, known: set[str]) -> list[str] | None:
    """The parts of a value written with a separator landscape does not split on, when each part
    is a known value; else None."""
    for separator in _LOOKALIKE_SEPARATORS:
        parts = [part.strip() for part in re.split(re.escape(separator), item, flags=re.IGNORECASE)]
        if len(parts) > 1 and all(parts) and all(group_key(part) in known for part in parts):
            return parts
    return None


def _check_roster_groups(voices: Table | None, issues: list[Issue]) -> None:
    """A roster that names one group twice in two spellings (``nurse`` and ``Nurse ``) gives two
    expectations for one group: an error, as an exact repeat is (which row would count?)."""
    if voices is None or not voices.complete or voices.frame.empty or "stakeholder_group" not in voices.frame:
        return
    first: dict[str, tuple[str, int]] = {}
    problems = Problems(voices.raw, voices.name, issues)
    for group, row in zip(*columns_of(voices.frame, "stakeholder_group", ROW)):
        if not isinstance(group, str):
            continue
        seen = first.setdefault(group_key(group), (group, int(row)))
        if seen[1] != int(row) and seen[0] != group:  # exact repeats are duplicate-id already
            problems.add(
                "duplicate-id",
                f"expected each stakeholder group once (got {group!r}, the same group as {seen[0]!r} in row "
                f"{seen[1]}: spellings that differ only in case or spacing are one group); keep one row",
                row=int(row), column=voices.header_of("stakeholder_group"), value=group)


def _check_expected_shares(voices: Table | None, issues: list[Issue]) -> None:
    """Expected shares that add up to more than 1 (beyond rounding) are not a mix: warn at the roster."""
    if voices is None or not voices.complete or "expected_share" not in voices.frame or voices.frame.empty:
        return
    by_group: dict[str, tuple[float, int]] = {}
    for group, share, row in zip(*columns_of(voices.frame, "stakeholder_group", "expected_share", ROW)):
        if group is not None and isinstance(share, (int, float)) and share == share and share > 0:
            by_group[group_key(group)] = (share, int(row))  # one share per group, the last row's: as Voices reads it
    rows = sorted(by_group.values(), key=lambda item: item[1])
    added = sum(share for share, _ in rows)
    if added > 1 + SHARES_ROUNDING:
        Problems(voices.raw, voices.name, issues).add(
            "expected-shares",
            f"expected the expected shares to add up to 1 at most (got {added:.3g} over row(s) "
            f"{row_list([row for _, row in rows])}); the index of dissimilarity is left out until they do "
            "(shares that add up to a little over 1 by rounding are rescaled)",
            row=rows[0][1],
            column=voices.header_of("expected_share"),
            severity=Severity.WARNING,
        )


def _check_reporters(tables: dict[str, Table], issues: list[Issue]) -> None:
    """A tie reported by someone the participants mark as not having answered the survey: one of
    the two columns is wrong, and the response rate and the confirmed ties rest on both. A warning
    per reporter, with their rows."""
    people, ties = tables["participants"], tables["relationships"]
    if not (people.complete and ties.complete and "responded" in people.frame and "reported_by" in ties.frame):
        return
    silent = {pid for pid, answer in zip(*columns_of(people.frame, "id", "responded")) if answer == "no"}
    rows: dict[Any, list[int]] = {}
    reporters, numbers = columns_of(ties.frame, "reported_by", ROW)
    distinct = Distinct(object_array(reporters, len(reporters)))  # each reporter looked up once
    for offset in distinct.cells_where([reporter in silent for reporter in distinct.values]).tolist():
        rows.setdefault(reporters[offset], []).append(int(numbers[offset]))
    problems = Problems(ties.raw, ties.name, issues)
    for reporter, found in rows.items():
        problems.add(
            "reporter-not-responded",
            f"expected ties reported by people who answered the survey (got {describe_value(reporter)}, whose "
            f"responded cell in {people.raw.where} says no, as the reporter in {len(found)} row(s): "
            f"{row_list(found)}); correct one of the two columns",
            row=found[0], column=ties.header_of("reported_by"), value=reporter, severity=Severity.WARNING)


def relation_kinds(relationships: Table, relation_types: Table | None) -> dict[str, str]:
    """The kind of every relationship type used: declared in the Relation types table, else
    built in (:func:`~landscape.schema.contract.built_in_relation_kinds`), else ``unknown``."""
    declared = _declared_kinds(relation_types)
    known = built_in_relation_kinds()
    used = dict.fromkeys(relationships.frame["type"].tolist()) if "type" in relationships.frame else {}
    used.pop(None, None)
    return {kind: declared.get(kind) or known.get(kind, "unknown") for kind in used}


def _declared_kinds(relation_types: Table | None) -> dict[str, str]:
    if relation_types is None or not relation_types.complete or "kind" not in relation_types.frame:
        return {}
    return {name: kind for name, kind in zip(relation_types.frame["type"].tolist(), relation_types.frame["kind"].tolist())
            if name is not None and kind is not None}


def _check_relation_types(tables: dict[str, Table], issues: list[Issue]) -> None:
    """A relationship type neither declared nor built in is warned about, with the nearest known
    type: its ties are left out of the learning measures until it is declared, so a typo
    (``advise``) never becomes a learning tie silently. Rows whose direction is blank take their
    type's declared direction."""
    ties, types = tables["relationships"], tables.get("relation_types")
    if not ties.complete or ties.frame.empty or "type" not in ties.frame:
        return
    _apply_type_directions(ties, types)
    kinds = relation_kinds(ties, types)
    known = sorted({*built_in_relation_kinds(), *_declared_kinds(types)})
    rows: dict[str, list[int]] = defaultdict(list)
    if "unknown" in kinds.values():  # each distinct type looked up once, the rows of unknown ones listed in order
        values, numbers = columns_of(ties.frame, "type", ROW)
        distinct = Distinct(object_array(values, len(values)))
        unknown = [kind is not None and kinds.get(kind) == "unknown" for kind in distinct.values]
        for offset in distinct.cells_where(unknown).tolist():
            rows[values[offset]].append(int(numbers[offset]))
    problems = Problems(ties.raw, ties.name, issues)
    where = types.raw.where if types is not None else "a Relation types sheet"
    column = next((c for c in ties.columns if c.field == "type"), None)
    for kind, found in rows.items():
        near = difflib.get_close_matches(kind, known, n=1, cutoff=0.75)
        hint = f"; did you mean {near[0]}" if near else ""
        cells = ties.raw.rows[found[0] - ties.raw.first_row]
        typed = text_of(cells[column.index]) if column is not None and column.index < len(cells) else kind
        problems.add(
            "unknown-relation-type",
            f"expected a relationship type landscape knows or one declared in {where} (got {typed!r} in "
            f"{len(found)} row(s): {row_list(found)}{hint}); its ties are not measured until it is declared there "
            f"(learning, formal, negative, leadership or other) or chosen with --relation {kind} (with "
            f"--leadership-relation {kind} when it says who looks to whom for leadership)",
            row=found[0],
            column=ties.header_of("type"),
            value=typed,
            severity=Severity.WARNING,
        )


def _apply_type_directions(ties: Table, types: Table | None) -> None:
    """Rows whose direction cell is blank take the direction their type declares."""
    if types is None or not types.complete or "direction" not in types.frame or types.frame.empty:
        return
    declared = {name: direction for name, direction in zip(types.frame["type"].tolist(), types.frame["direction"].tolist())
                if name is not None and direction is not None}
    if not declared:
        return
    column = next((c for c in ties.columns if c.field == "direction"), None)
    raw = ties.raw

    def blank(row: int) -> bool:
        if column is None:
            return True
        cells = raw.rows[row - raw.first_row]
        return column.index >= len(cells) or cells[column.index] is None or not text_of(cells[column.index])

    frame = ties.frame
    frame["direction"] = [declared[kind] if kind in declared and blank(int(row)) else direction
                          for kind, direction, row in zip(*columns_of(frame, "type", "direction", ROW))]

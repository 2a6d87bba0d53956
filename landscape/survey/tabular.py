"""Which column of an export is the respondent, which are questions, and the responses they hold.

An export is one of three shapes: a row per respondent whose question cells list names
(multi-select), a row per respondent with a column per person for a question (matrix, or grid),
or a row per tie (a long table: respondent, person named, question, value). :func:`read_responses`
tells them apart from the headers and the cells, and says what it decided: the respondent column,
each question with its type and form, and every column it left out and why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from landscape.errors import LandscapeError, UnknownColumn
from landscape.schema.cells import identifier, text_of
from landscape.schema.contract import normalise_header
from landscape.survey.answers import question_type, split_names, timestamp_of
from landscape.survey.exports import METADATA, Column, Grid
from landscape.survey.records import Answer, Question, Response
from landscape.survey.roster import Roster

__all__ = ["Reading", "read_responses"]

_RESPONDENT = frozenset("""name your_name full_name respondent respondent_name email email_address e_mail e_mail_address
participant participant_id participant_name person_id who_are_you your_id your_email username user_name
recipientemail recipient_email name_or_id your_name_or_id what_is_your_name source from ego source_id from_id
ego_id""".split())
_RESPONDENT_STEMS = ("your_name", "who_are_you", "your_email", "your_id", "email", "name_or_id")
_NAMED = frozenset("""target to alter nominee named named_person person_named nominated named_participant contact
target_id to_id alter_id""".split())
_QUESTION = frozenset("question type relation relationship relationship_type tie_type".split())
_VALUE = frozenset("value weight frequency how_often answer strength response".split())
_WAVE = frozenset("wave round survey_wave".split())
_TIMES = ("completion_time", "timestamp", "end_date", "enddate", "recordeddate", "recorded_date", "submitted_at",
          "submission_time", "submitted", "last_modified_time", "start_time", "start_date", "startdate")
#: A column is a question when at least this share of its answers name participants.
NAMING_SHARE = 0.5


@dataclass
class Reading:
    """What was read from an export and how: its responses and the decisions behind them."""

    responses: list[Response]
    shape: str
    respondent_column: str
    questions: list[Question] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    consent_column: str | None = None
    time_column: str | None = None


def _keys(column: Column) -> set[str]:
    return {normalise_header(column.header), normalise_header(column.question)} - {""}


def _name(column: Column) -> str:
    """A column as a problem names it: its letter and its header."""
    return f"{column.letter} ({column.label})"


def _named(roster: Roster, text: str) -> bool:
    found = roster.match(text)
    return found.person is not None or found.ambiguous


def _find(grid: Grid, wanted: str, option: str) -> list[Column]:
    """The columns a name given in an option stands for: a header, a question's text (all of a
    grid question's columns), or its letter."""
    plain, key = " ".join(wanted.split()).casefold(), normalise_header(wanted)
    for test in (lambda c: " ".join(c.header.split()).casefold() == plain,
                 lambda c: " ".join(c.question.split()).casefold() == plain,
                 lambda c: key in _keys(c), lambda c: c.letter == wanted.strip().upper()):
        found = [column for column in grid.columns if test(column)]
        if found:
            return found
    headers = ", ".join(repr(column.label) for column in grid.columns)
    raise UnknownColumn(f"{grid.where}: {option} names the column {wanted!r}, which is not there; the columns are "
                        f"{headers}")


def _names_respondent(column: Column) -> bool:
    """Whether a header reads like the respondent's name, e-mail or id."""
    return column.option is None and any(key in _RESPONDENT or any(stem in key for stem in _RESPONDENT_STEMS)
                                         for key in _keys(column))


def _cells(grid: Grid, column: Column) -> list[Any]:
    return [grid.cell(cells, column) for _, cells in grid.rows if grid.cell(cells, column) is not None]


def _respondent_column(grid: Grid, roster: Roster, given: str | None, taken: set[int]) -> Column:
    if given is not None:
        return _find(grid, given, "--respondent")[0]
    candidates = [column for column in grid.columns if column.index not in taken and _names_respondent(column)]
    if not candidates:
        raise LandscapeError(f"{grid.where}: expected a column naming each respondent (a header such as Name, Your "
                             f"name, Email address or Participant id; got {', '.join(repr(c.label) for c in grid.columns)}"
                             "). Say which column it is with --respondent COLUMN")
    scores = [(len({roster.match(cell).person for cell in _cells(grid, column)} - {None}), -position, column)
              for position, column in enumerate(candidates)]
    best = max(scores, key=lambda score: score[:2])
    if best[0] == 0:
        raise LandscapeError(f"{grid.where}: expected a column naming each respondent, but the columns that could "
                             f"({', '.join(repr(c.label) for c in candidates)}) name no participant by id, name or "
                             "e-mail. Check that the participants file is this survey's roster, or say which column "
                             "names the respondent with --respondent COLUMN")
    return best[2]


def _first(grid: Grid, names: Sequence[str], taken: set[int], test: Any = None) -> Column | None:
    for name in names:
        for column in grid.columns:
            if column.index not in taken and column.option is None and name in _keys(column):
                return column
    if test is not None:
        return next((c for c in grid.columns if c.index not in taken and c.option is None and test(c)), None)
    return None


def _is_consent(column: Column) -> bool:
    return any("consent" in key or "agree" in key for key in _keys(column))


def _day_first(cells: list[Any]) -> bool:
    return any(isinstance(cell, str) and (found := re.match(r"\s*(\d{1,2})/(\d{1,2})/", cell))
               and int(found.group(1)) > 12 for cell in cells)


def read_responses(grid: Grid, roster: Roster, *, respondent: str | None = None,
                   questions: Sequence[tuple[str, str]] | None = None) -> Reading:
    """The responses an export holds, and how its columns were read.

    Raises
    ------
    UnknownColumn
        ``respondent`` or a question's column is not a header of the export.
    LandscapeError
        No column names the respondents.
    """
    taken: set[int] = set()
    named = _first(grid, sorted(_NAMED), taken)
    if named is not None and not questions:
        return _long_table(grid, roster, named, respondent)
    asked = [(_find(grid, column, "--question"), identifier(kind) or "tie") for column, kind in questions or ()]
    taken = {column.index for columns, _ in asked for column in columns}
    who = _respondent_column(grid, roster, respondent, taken)
    taken.add(who.index)
    time = _first(grid, _TIMES, taken)
    consent = _first(grid, (), taken | {time.index if time else -1}, _is_consent)
    wave = _first(grid, sorted(_WAVE), taken)
    reading = Reading([], "", who.label, consent_column=consent and consent.label, time_column=time and time.label)
    for column, reason in ((time, "the time of the response (the later of two answers is kept)"),
                           (consent, "the respondent's consent"), (wave, "the wave")):
        if column is not None:
            taken.add(column.index)
            reading.left_out.append((column.label, reason))
    found = asked or _detect(grid, roster, taken, reading)
    forms = set()
    for columns, kind in found:
        form = "matrix" if columns[0].option is not None else "multi-select"
        forms.add(form)
        label = columns[0].question if form == "matrix" else columns[0].label
        reading.questions.append(Question(label, kind, form, tuple(c.label for c in columns)))
    reading.shape = " and ".join(sorted(forms)) or "no questions"
    day_first = _day_first(_cells(grid, time)) if time else False
    for number, cells in grid.rows:
        if all(cell is None for cell in cells):
            continue
        response = Response(str(grid.file), grid.sheet, number, text_of(grid.cell(cells, who) or ""), _name(who),
                            consent=consent and grid.cell(cells, consent), consent_column=consent and _name(consent),
                            time=timestamp_of(grid.cell(cells, time), day_first=day_first) if time else None,
                            wave=text_of(grid.cell(cells, wave)) or None if wave else None)
        for (columns, kind) in found:
            response.answers += _answers(grid, roster, cells, number, columns, kind)
        reading.responses.append(response)
    return reading


def _answers(grid: Grid, roster: Roster, cells: tuple[Any, ...], number: int, columns: list[Column],
             kind: str) -> list[Answer]:
    if columns[0].option is None:  # multi-select: the cell lists names
        cell = grid.cell(cells, columns[0])
        return [Answer(kind, name, number, _name(columns[0]))
                for name in split_names(cell, lambda text: _named(roster, text))] if cell is not None else []
    return [Answer(kind, column.option or "", number, _name(column), grid.cell(cells, column),
                   chosen=column.option, weighted=True)
            for column in columns if grid.cell(cells, column) is not None]


def _detect(grid: Grid, roster: Roster, taken: set[int], reading: Reading) -> list[tuple[list[Column], str]]:
    """The questions of an export: every column (or grid) whose answers mostly name participants."""
    found: list[tuple[list[Column], str]] = []
    grids: dict[str, list[Column]] = {}
    for column in grid.columns:
        if column.index in taken:
            continue
        if column.option is not None:
            grids.setdefault(column.question, []).append(column)
            continue
        if _keys(column) & METADATA or _names_respondent(column):
            reading.left_out.append((column.label, "form metadata, not a question" if _keys(column) & METADATA
                                     else "another column naming the respondent"))
            continue
        cells = _cells(grid, column)
        pieces = [split_names(cell, lambda text: _named(roster, text)) for cell in cells]
        # A name misspelt still names someone (it is listed with its near match): a question of typos is a question.
        naming = sum(any(_named(roster, piece) or roster.match(piece).suggestions for piece in names) for names in pieces)
        if cells and naming >= NAMING_SHARE * len(cells):
            found.append(([column], question_type(column.question)))
        else:
            reading.left_out.append((column.label, "no answers" if not cells else "its answers do not name participants"))
    for question, columns in grids.items():
        if sum(_named(roster, column.option or "") for column in columns) >= NAMING_SHARE * len(columns):
            found.append((columns, question_type(question)))
        else:
            reading.left_out.append((question, "its columns do not name participants"))
    found.sort(key=lambda item: item[0][0].index)
    return found


def _long_table(grid: Grid, roster: Roster, named: Column, respondent: str | None) -> Reading:
    """A row per tie: respondent, person named, and optionally the question and a value."""
    taken = {named.index}
    who = _respondent_column(grid, roster, respondent, taken)
    taken.add(who.index)
    question = _first(grid, sorted(_QUESTION), taken)
    value = _first(grid, sorted(_VALUE), taken | {question.index if question else -1})
    wave = _first(grid, sorted(_WAVE), taken)
    reading = Reading([], "long table", who.label)
    types: dict[str, str] = {}
    for number, cells in grid.rows:
        if all(cell is None for cell in cells) or (grid.cell(cells, named) is None and grid.cell(cells, who) is None):
            continue  # a row with a respondent and nobody named: they answered and named nobody
        asked = text_of(grid.cell(cells, question)) if question and grid.cell(cells, question) is not None else ""
        kind = types.setdefault(asked, question_type(asked) if asked else "tie")
        response = Response(str(grid.file), grid.sheet, number, text_of(grid.cell(cells, who) or ""), _name(who),
                            wave=text_of(grid.cell(cells, wave)) or None if wave else None, grouped=True)
        if grid.cell(cells, named) is not None:
            response.answers.append(Answer(kind, text_of(grid.cell(cells, named)), number, _name(named),
                                           grid.cell(cells, value) if value else None,
                                           weighted=value is not None and grid.cell(cells, value) is not None))
        reading.responses.append(response)
    reading.questions = [Question(asked or named.label, kind, "long table") for asked, kind in types.items()]
    used = {named.index, who.index} | {c.index for c in (question, value, wave) if c is not None}
    reading.left_out = [(c.label, "not a column of a long table of ties") for c in grid.columns if c.index not in used]
    return reading

"""From a form tool's export (or returned survey workbooks) to a workbook of the data contract.

:func:`import_survey` reads the export, matches every respondent and every person named to the
roster, turns ticks and frequencies into weights, and writes Participants (the roster, with who
responded and their consent), Relationships (one tie per answer) and, where needed, Relation
types. Nothing is dropped silently: what is not imported as it stands is a :class:`Problem` in the
:class:`SurveyImport` report, with its file, row and column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from landscape.errors import LandscapeError, OutputNotWritable, UnknownColumn, UnreadableFile
from landscape.io import file_kind, read_csv
from landscape.io.xlsx import Sheet, write_xlsx
from landscape.schema.contract import built_in_relation_kinds
from landscape.schema.tables import ROW, columns_of
from landscape.survey.answers import NotAnAnswer, consent_of, tie_weight
from landscape.survey.exports import grid_of, workbook_sheets
from landscape.survey.filled import is_survey_sheet, read_filled
from landscape.survey.form import RESPONDENT_LABEL, TYPE_LABEL
from landscape.survey.records import Problem, Response
from landscape.survey.report import SurveyImport
from landscape.survey.roster import Person, Roster, read_roster
from landscape.survey.tabular import Reading, read_responses

__all__ = ["import_survey"]


@dataclass
class _Result:
    """What resolving the responses gave: ties, who responded, their consent, the problems."""

    ties: dict[tuple[str, str, str], list[Any]] = field(default_factory=dict)
    responded: dict[str, Response] = field(default_factory=dict)
    consent: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows_matched: int = 0
    names: int = 0
    names_matched: int = 0

    def problem(self, code: str, message: str, response: Response, row: int | None, column: str | None,
                value: Any = None) -> None:
        self.problems.append(Problem(code, message, response.file, response.sheet, row, column, value))


def import_survey(export: str | Path, participants: str | Path, output: str | Path, *, respondent: str | None = None,
                  questions: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
                  wave: str | None = None) -> SurveyImport:
    """Import a survey's answers into a landscape workbook.

    Parameters
    ----------
    export : path
        A CSV or .xlsx export of a form tool: a row per respondent whose cells list the people
        chosen (Google Forms "A, B", Microsoft Forms "A;B;", line breaks), or a grid question
        with a column per person (Google's ``Question [Ana Silva]``; SurveyMonkey's two header
        rows; Qualtrics's three, whose ImportId row is skipped); or a long table (respondent,
        person named, and optionally question and value); or the survey workbook of
        :func:`landscape.write_survey` filled in (one sheet, a sheet per respondent, or a folder
        of them).
    participants : path
        The roster: a participants file, workbook or folder (it must be valid).
    output : path
        The ``.xlsx`` workbook to write: Participants (every roster row and column, plus
        ``responded`` yes / no and ``consent`` from the export's consent column where there is
        one), Relationships (source = respondent, target = the person named, type, weight,
        reported_by, and wave when known) and Relation types for question types landscape does
        not know by name, declared ``learning``. ``landscape validate`` reads it valid.
    respondent : str, optional
        The column naming the respondent; by default the column whose header reads like a name,
        e-mail or id and whose cells match the most participants.
    questions : mapping or sequence of (column, type), optional
        The question columns and their relationship types; by default every column (or grid)
        whose answers mostly name participants, typed from its header (advice, ask, help: advice;
        collaborat..., work with: collaboration; information, news: information; else a word of
        the header).
    wave : str, optional
        The wave of every tie, when the export has no wave column.

    Returns
    -------
    SurveyImport
        What was read and written, and every problem with its file, row and column.

    Raises
    ------
    UnknownColumn
        ``respondent`` or a question names a column the export does not have.
    LandscapeError
        The export or participants cannot be read, the participants have errors
        (:class:`InvalidLandscape`), no column names the respondents, or the output cannot be
        written.

    Notes
    -----
    Names match by id, name or e-mail, ignoring case, accents, spaces and punctuation; a name
    that fits two participants is ambiguous and listed, never guessed. A grid cell's tick or
    frequency becomes the tie's weight: a tick (x, yes, ✓, true, 1) = 1; less often, yearly,
    rarely = 1; monthly, sometimes = 2; weekly, often = 3; daily, very often = 4; a number above
    0 as it is; never, no, 0 or blank = no tie. A name in a multi-select cell is a tie of weight 1.
    A respondent who answered twice keeps the later answer (by the timestamp column, else the
    later row); self-nominations are left out. Each of these is listed.
    """
    export, output = Path(export), Path(output)
    _check_output(output, export, Path(participants))
    roster = read_roster(participants)
    reading, extra, layout, header_rows = _read(export, roster, respondent, questions)
    result = _Result(problems=list(extra))
    _resolve(reading.responses, roster, result, wave)
    types = list(dict.fromkeys([*(question.type for question in reading.questions),
                                *(kind for _, _, kind in result.ties)]))
    known = built_in_relation_kinds()
    declared = tuple(kind for kind in types if kind not in known)
    labels = {question.type: question.column for question in reading.questions}
    _write(output, roster, result, declared, labels, reading.consent_column is not None)
    counted = Counter(kind for _, _, kind in result.ties)
    return SurveyImport(
        export=str(export), participants=str(participants), output=str(output), shape=reading.shape, layout=layout,
        header_rows=header_rows, respondent_column=reading.respondent_column, questions=tuple(reading.questions),
        left_out=tuple(reading.left_out), consent_column=reading.consent_column, rows=len(reading.responses),
        rows_matched=result.rows_matched, respondents=len(result.responded), roster=len(roster.people),
        names=result.names, names_matched=result.names_matched, ties={kind: counted[kind] for kind in types if counted[kind]},
        declared=declared, wave=wave,
        problems=tuple(sorted(result.problems, key=lambda p: (p.file or '', p.sheet or '', p.row or 0, p.column or ''))))


def _check_output(output: Path, *inputs: Path) -> None:
    if output.suffix.lower() != ".xlsx":
        raise OutputNotWritable(f"{output}: the import is written as a workbook; give a name ending in .xlsx")
    if not output.parent.is_dir():
        raise OutputNotWritable(f"{output.parent}: no such folder; create it first")
    if any(path.exists() and output.exists() and path.resolve() == output.resolve() for path in inputs):
        raise OutputNotWritable(f"{output} is one of the inputs; choose another name for the output")


def _read(export: Path, roster: Roster, respondent: str | None,
          questions: Mapping[str, str] | Sequence[tuple[str, str]] | None) -> tuple[Reading, list[Problem], str, int]:
    """The responses of any shape of export, the problems of reading it, its layout and header rows."""
    asked = list(questions.items() if isinstance(questions, Mapping) else questions or ())
    if export.is_dir() or (file_kind(export) == "xlsx" and any(map(is_survey_sheet, workbook_sheets(export).values()))):
        if respondent is not None or asked:
            raise UnknownColumn(f"{export}: returned survey workbooks say who answered in their '{RESPONDENT_LABEL}' "
                                f"cell and what each question records in their '{TYPE_LABEL}' row; leave out "
                                "--respondent and --question (change the row in the workbooks to change a type)")
        responses, found, problems, shape = read_filled(export)
        reading = Reading(responses, shape, "the name cell of each survey sheet", list(found.values()))
        reading.consent_column = "the consent line of each survey sheet"
        return reading, problems, "", 1
    if file_kind(export) == "xlsx":
        sheets = workbook_sheets(export)
        if not sheets:
            raise UnreadableFile(f"{export}: the workbook has no sheet with data; export the form's responses again")
        name, *others = sheets
        grid = grid_of(sheets[name])
    else:
        grid, others = grid_of(read_csv(export)), []
    reading = read_responses(grid, roster, respondent=respondent, questions=asked or None)
    reading.left_out += [(other, "another sheet of the workbook; only the first is read") for other in others]
    return reading, [], grid.layout, grid.header_rows


def _resolve(responses: list[Response], roster: Roster, result: _Result, wave: str | None) -> None:
    """Match respondents, keep one response each, and turn answers into ties."""
    by_person: dict[str, list[Response]] = {}
    for response in responses:
        person = _respondent(response, roster, result)
        if person is not None:
            result.rows_matched += 1
            by_person.setdefault(person.id, []).append(response)
    for pid, answered in by_person.items():
        person = roster.by_id[pid]
        kept = answered if answered[0].grouped else [_later(person, answered, result)]
        result.responded[pid] = kept[-1]
        for response in kept:
            _consent(person, response, result)
            for answer in response.answers:
                _tie(person, response, answer, roster, result, wave)


def _respondent(response: Response, roster: Roster, result: _Result) -> Person | None:
    count = len(response.answers)
    lost = f"its {count} answer(s) are not imported" if count else "it has no answers"
    if not response.respondent:
        if response.answers or response.consent is not None:
            result.problem("no-respondent", f"expected the respondent's name or id (got a blank cell); {lost}",
                           response, response.row, response.respondent_column)
        return None
    found = roster.match(response.respondent)
    if found.person is None:
        code = "ambiguous-respondent" if found.ambiguous else "unknown-respondent"
        result.problem(code, f"expected the respondent's name, id or e-mail as in the participants (got "
                       f"{response.respondent!r}: {found.hint()}); {lost}", response, response.row,
                       response.respondent_column, response.respondent)
    return found.person


def _place(kept: Response, other: Response) -> str:
    """Where the kept response is, as seen from the other: its file and sheet when they differ, its row."""
    parts = [kept.file if kept.file != other.file else "",
             f"sheet {kept.sheet}" if kept.sheet and (kept.sheet, kept.file) != (other.sheet, other.file) else "",
             f"row {kept.row}"]
    return ", ".join(part for part in parts if part)


def _later(person: Person, answered: list[Response], result: _Result) -> Response:
    """The response kept of a respondent's several: the latest by timestamp, else the last read."""
    timed = all(response.time is not None for response in answered)
    kept = max(answered, key=lambda response: response.time) if timed else answered[-1]  # type: ignore[arg-type,return-value]
    why = "later by its timestamp" if timed else "read later"
    for response in answered:
        if response is not kept:
            result.problem("answered-twice", f"expected one response from {person} (got another at {_place(kept, response)}, "
                           f"{why}, which is kept); this one is not imported", response, response.row,
                           response.respondent_column, response.respondent)
    return kept


def _consent(person: Person, response: Response, result: _Result) -> None:
    if response.consent_column is None or response.consent is None:
        return
    try:
        answer = consent_of(response.consent)
    except NotAnAnswer:
        result.problem("unrecognised-consent", f"expected yes or no (got {response.consent!r}); {person}'s consent is "
                       "left as the roster has it", response, response.consent_row or response.row,
                       response.consent_column, response.consent)
        return
    if answer is not None:
        result.consent[person.id] = answer


def _tie(person: Person, response: Response, answer: Any, roster: Roster, result: _Result, wave: str | None) -> None:
    weight: Any = 1
    if answer.weighted:
        try:
            weight = tie_weight(answer.value, chosen=answer.chosen)
        except NotAnAnswer:
            result.problem("unrecognised-value", f"expected a tick (x), how often (daily, weekly, monthly, less "
                           f"often) or a number above 0 (got {answer.value!r}); not imported", response, answer.row,
                           answer.column, answer.value)
            return
        if weight is None:
            return
    result.names += 1
    found = roster.match(answer.named)
    if found.person is None:
        code = "ambiguous-name" if found.ambiguous else "unknown-name"
        result.problem(code, f"expected a participant's name or id (got {answer.named!r}: {found.hint()}); not "
                       "imported", response, answer.row, answer.column, answer.named)
        return
    result.names_matched += 1
    if found.person.id == person.id:
        result.problem("self-nomination", f"{person} named themself; a tie to oneself is not imported", response,
                       answer.row, answer.column, answer.named)
        return
    key = (person.id, found.person.id, answer.type)
    if key in result.ties:
        result.problem("named-twice", f"expected each person once per question (got {found.person} again); one "
                       "tie is kept, with the larger weight", response, answer.row, answer.column, answer.named)
        result.ties[key][0] = max(result.ties[key][0], weight)
        return
    result.ties[key] = [weight, response.wave or wave]


def _write(output: Path, roster: Roster, result: _Result, declared: tuple[str, ...], labels: dict[str, str],
           consent_read: bool) -> None:
    table = roster.table
    if table is None:  # pragma: no cover - read_roster always keeps the table
        raise LandscapeError("the roster was not read from a participants table")
    raw, frame = table.raw, table.frame
    header = [column.header for column in table.columns]
    consent = next((i for i, column in enumerate(table.columns) if column.field == "consent"), None)
    if consent is None and consent_read:
        header.append("consent")
        consent = len(header) - 1
    responded = next((i for i, column in enumerate(table.columns) if column.attribute == "responded"), None)
    if responded is None:
        header.append("responded")
        responded = len(header) - 1
    rows = []
    for pid, row in zip(*columns_of(frame, "id", ROW)):
        cells = raw.rows[int(row) - raw.first_row]
        values = [cells[column.index] if column.index < len(cells) else None for column in table.columns]
        values += [None] * (len(header) - len(values))
        values[responded] = "yes" if pid in result.responded else "no"
        if consent is not None and pid in result.consent:
            values[consent] = result.consent[pid]
        rows.append(values)
    waves = any(wave for _, wave in result.ties.values())
    ties = [[source, target, kind, weight, source, *([wave] if waves else [])]
            for (source, target, kind), (weight, wave) in result.ties.items()]
    sheets = [Sheet("Participants", header, rows),
              Sheet("Relationships", ["source", "target", "type", "weight", "reported_by", *(["wave"] if waves else [])],
                    ties)]
    if declared:
        sheets.append(Sheet("Relation types", ["type", "kind", "label"],
                            [[kind, "learning", labels.get(kind)] for kind in declared]))
    try:
        write_xlsx(output, sheets)
    except OSError as exc:
        raise OutputNotWritable(f"{output}: cannot be written ({exc.strerror or exc})") from None

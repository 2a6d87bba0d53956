"""A roster-based survey to print or send: who goes to whom, asked of everyone on the roster.

:func:`write_survey` writes a workbook (an Instructions sheet and a Survey sheet: the respondent's
name, a consent line, then the roster with one column per question) or, for a form tool, the
roster as a list of choices in a CSV file. :mod:`landscape.survey.filled` reads the workbook back
once it is filled in; the labels below are how it finds its way.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from landscape.errors import OutputNotWritable
from landscape.io.graphfiles import csv_text, text_cell
from landscape.schema.cells import identifier
from landscape.schema.tables import column_letter
from landscape.survey.roster import Roster, read_roster

__all__ = ["CONSENT_LABEL", "DEFAULT_QUESTIONS", "FREQUENCIES", "RESPONDENT_LABEL", "SURVEY_SHEET", "TYPE_LABEL",
           "Questions", "survey_questions", "write_survey"]

#: The questions a survey asks when none are given: (question, relationship type).
DEFAULT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Who do you go to for advice about your work?", "advice"),
    ("Who do you work with on shared activities?", "collaboration"),
)
#: What a question cell takes besides a tick (x), strongest last; see landscape.survey.answers.
FREQUENCIES = ("x", "daily", "weekly", "monthly", "less often")
SURVEY_SHEET = "Survey"
RESPONDENT_LABEL = "Your name or id"
CONSENT_LABEL = ("I agree that my name and answers may appear in the maps shared with this group "
                 "(choose yes or no)")
TYPE_LABEL = "Recorded as"

Questions = Mapping[str, str] | Sequence[tuple[str, str]]


def survey_questions(questions: Questions | None) -> list[tuple[str, str]]:
    """The questions as (text, type) pairs, the type as landscape writes it.

    >>> survey_questions({"Who do you trust?": "Trust"})
    [('Who do you trust?', 'trust')]
    """
    pairs = list(DEFAULT_QUESTIONS if questions is None else
                 questions.items() if isinstance(questions, Mapping) else questions)
    found = []
    for text, kind in pairs:
        if not str(text).strip() or not any(char.isalnum() for char in identifier(str(kind))):
            raise ValueError(f"a question needs its text and a relationship type, as in 'Who do you trust?=trust' "
                             f"(got {text!r} = {kind!r})")
        found.append((str(text).strip(), identifier(str(kind))))
    if not found:
        raise ValueError("give at least one question")
    return found


def write_survey(participants: str | Path, output: str | Path, questions: Questions | None = None) -> Path:
    """Write a survey of everyone in ``participants``: a workbook to fill in, or a choice list.

    Parameters
    ----------
    participants : path
        The roster: a participants CSV file, a workbook or a folder, as landscape reads them.
        It must be valid (:func:`landscape.validate` finds no errors in it).
    output : path
        ``.xlsx``: an Instructions sheet and a Survey sheet (the respondent's name or id, a
        consent line with a yes / no list, the roster with id, name, organisation and community
        where the roster has them, and a column per question whose cells take a tick (x) or a
        frequency: daily, weekly, monthly, less often). ``.csv``: the roster as the choice list a
        form tool imports, one choice per line under the header ``choice``; a name two people
        share is written ``Name (id)``, so every choice is unique (and still matches on import).
    questions : mapping or sequence of (text, type), optional
        The questions; default: advice ("Who do you go to for advice about your work?") and
        collaboration ("Who do you work with on shared activities?").

    Returns
    -------
    Path
        The file written. Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
        ``@``) is stored as text.

    Raises
    ------
    OutputNotWritable
        The suffix is neither .xlsx nor .csv, or the file cannot be written.
    InvalidLandscape
        The participants have errors.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from landscape.io import sample_path
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "choices.csv"
    >>> _ = write_survey(sample_path("peer-circle") / "participants.csv", out)
    >>> out.read_text(encoding="utf-8").splitlines()[0]
    'choice'
    """
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise OutputNotWritable(f"{output}: give a name ending in .xlsx (a survey to fill in) or .csv (a choice "
                                "list for a form tool)")
    if not output.parent.is_dir():
        raise OutputNotWritable(f"{output.parent}: no such folder; create it first")
    asked = survey_questions(questions)
    roster = read_roster(participants)
    try:
        if suffix == ".csv":
            with output.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(["choice"])
                writer.writerows([csv_text(label)] for _, label in roster.choices())
        else:
            _workbook(roster, asked).save(output)
    except OSError as exc:
        raise OutputNotWritable(f"{output}: cannot be written ({exc.strerror or exc})") from None
    return output


def _roster_columns(roster: Roster) -> list[tuple[str, str]]:
    """(attribute, header) of the roster columns the survey shows: id, name, and organisation and
    community where the roster has them."""
    frame = roster.table.frame if roster.table is not None else None
    shown = [("id", "id"), ("name", "name")]
    return shown + [(name, name) for name in ("organisation", "community") if frame is not None and name in frame]


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return "; ".join(map(str, value))
    return value


def _workbook(roster: Roster, questions: list[tuple[str, str]]) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    _instructions(book.active, questions)
    sheet = book.create_sheet(SURVEY_SHEET)
    roster_columns = _roster_columns(roster)
    width = len(roster_columns) + len(questions)
    fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append(["Who do you learn from? A survey of this group"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Fill in the yellow cells, then save the file and return it as the Instructions sheet says."])
    sheet.append([RESPONDENT_LABEL, None])
    sheet.append([CONSENT_LABEL, None])
    for cell in (sheet["B3"], sheet["B4"]):
        cell.fill = fill
    consent = DataValidation(type="list", formula1='"yes,no"', allow_blank=True, showErrorMessage=True,
                             errorTitle="Consent", error="Choose yes or no.")
    consent.add("B4")
    sheet.add_data_validation(consent)
    sheet.append([])
    sheet.append([TYPE_LABEL, *[None] * (len(roster_columns) - 1), *(kind for _, kind in questions)])
    header_row = sheet.max_row + 1
    sheet.append([header for _, header in roster_columns] + [text_cell(sheet, text) for text, _ in questions])
    frame = roster.table.frame if roster.table is not None else None
    records = frame.to_dict("records") if frame is not None else [{"id": p.id, "name": p.name} for p in roster.people]
    for record in records:
        sheet.append([text_cell(sheet, _value(record.get(name))) for name, _ in roster_columns] + [None] * len(questions))
    last = sheet.max_row
    answers = DataValidation(type="list", formula1='"' + ",".join(FREQUENCIES) + '"', allow_blank=True,
                             showErrorMessage=True, errorStyle="warning", errorTitle="Answer",
                             error="Type x for yes, or how often: daily, weekly, monthly, less often.")
    first_question = column_letter(len(roster_columns))
    answers.add(f"{first_question}{header_row + 1}:{column_letter(width - 1)}{max(last, header_row + 1)}")
    sheet.add_data_validation(answers)
    for index in range(width):
        letter = column_letter(index)
        cell = sheet[f"{letter}{header_row}"]
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = 30 if index >= len(roster_columns) else 18
        for row in range(header_row + 1, last + 1):
            if index >= len(roster_columns):
                sheet[f"{letter}{row}"].fill = fill
    sheet["A3"].font = sheet["A4"].font = Font(bold=True)
    sheet["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = f"A{header_row + 1}"
    book.active = 1
    return book


def _instructions(sheet: Any, questions: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = "Instructions"
    lines = [
        "Who do you learn from? A survey of this group",
        "",
        "For the respondent",
        "This survey asks who you turn to in your work. Your answers, with everyone else's, are used to draw a "
        "map of who learns from whom in this group, so that we can see together where knowledge flows and where "
        "it does not.",
        f"1. Open the sheet '{SURVEY_SHEET}'. Write your name (or the id you were given) next to "
        f"'{RESPONDENT_LABEL}'.",
        "2. Say whether your name and answers may appear in the maps shared with this group: choose yes or no. "
        "If you choose no, you still count, but you are not named in what is shared.",
        "3. For each question, put an x next to each person it applies to, or say how often: daily, weekly, "
        "monthly, less often. Leave the others blank. You do not have to name anyone.",
        "4. Save the file and return it to the person who sent it (by e-mail, on a memory stick, or printed and "
        "handed back).",
        "",
        "The questions",
        *(f"- {text}" for text, _ in questions),
        "",
        "For the facilitator",
        "Send each person a copy of this file, or print the Survey sheet. Collect the returned files in one "
        "folder (one file per person), or copy each person's Survey sheet into one workbook, then run:",
        "    landscape import-survey RETURNED-FOLDER -p participants.csv -o landscape.xlsx",
        "landscape matches the names, lists anything it could not read (with the file, row and column), marks "
        "who answered (responded = yes / no) and writes a workbook ready for landscape validate, map and atlas.",
        f"Leave the '{TYPE_LABEL}' row and the id column as they are: they tell landscape what each answer means.",
    ]
    for line in lines:
        sheet.append([text_cell(sheet, line)])
    sheet["A1"].font = Font(bold=True, size=14)
    for row, line in enumerate(lines, start=1):
        if line in ("For the respondent", "The questions", "For the facilitator"):
            sheet[f"A{row}"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 110
    for (cell,) in sheet.iter_rows(min_row=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")

"""Reading back the survey workbooks :func:`landscape.write_survey` wrote, once filled in.

A returned survey comes as one workbook with one Survey sheet, a workbook with a copy of the
sheet for each respondent, or a folder of workbooks (one per respondent). Each sheet is found by
its labels (the respondent's name, the consent line, the "Recorded as" row over the questions),
so renamed sheets and moved rows still read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from landscape.errors import UnreadableFile
from landscape.io import RawTable, file_kind
from landscape.schema.cells import identifier, text_of
from landscape.schema.tables import column_letter
from landscape.survey.exports import workbook_sheets
from landscape.survey.form import CONSENT_LABEL, RESPONDENT_LABEL, TYPE_LABEL
from landscape.survey.records import Answer, Problem, Question, Response

__all__ = ["is_survey_sheet", "read_filled"]


def _rows(raw: RawTable) -> list[tuple[int, tuple[Any, ...]]]:
    return [(raw.first_row - 1, raw.header), *((raw.first_row + i, row) for i, row in enumerate(raw.rows))]


def _label(cells: tuple[Any, ...]) -> str:
    return text_of(cells[0]).casefold() if cells and cells[0] is not None else ""


def is_survey_sheet(raw: RawTable) -> bool:
    """Whether a sheet is a survey sheet: it has the respondent label and the Recorded as row."""
    labels = {_label(cells) for _, cells in _rows(raw)}
    return RESPONDENT_LABEL.casefold() in labels and TYPE_LABEL.casefold() in labels


def _first_value(cells: tuple[Any, ...]) -> tuple[Any, int]:
    for index, cell in enumerate(cells[1:], start=1):
        if cell is not None and text_of(cell):
            return cell, index
    return None, 1


def _sheet_response(path: Path, name: str, raw: RawTable, questions: dict[str, Question]) -> Response | None:
    """One filled sheet as a response; None when nothing is filled in."""
    rows = _rows(raw)
    found: dict[str, tuple[int, tuple[Any, ...]]] = {}
    for number, cells in rows:
        label = _label(cells)
        for key in (RESPONDENT_LABEL, CONSENT_LABEL, TYPE_LABEL):
            if label == key.casefold() or (key is CONSENT_LABEL and label.startswith("i agree")):
                found.setdefault(key, (number, cells))
    name_row, name_cells = found[RESPONDENT_LABEL]
    respondent, name_index = _first_value(name_cells)
    response = Response(str(path), name, name_row, text_of(respondent) if respondent is not None else "",
                        f"{column_letter(name_index)} ({RESPONDENT_LABEL})")
    if CONSENT_LABEL in found:
        consent_row, consent_cells = found[CONSENT_LABEL]
        response.consent, index = _first_value(consent_cells)
        response.consent_column, response.consent_row = f"{column_letter(index)} (consent)", consent_row
    type_row, types = found[TYPE_LABEL]
    header = next((cells for number, cells in rows if number == type_row + 1), ())
    kinds = {index: identifier(text_of(kind)) for index, kind in enumerate(types) if index > 0 and kind is not None
             and identifier(text_of(kind))}
    for index, kind in kinds.items():
        text = text_of(header[index]) if index < len(header) and header[index] is not None else column_letter(index)
        questions.setdefault(text, Question(text, kind, "survey workbook"))
    for number, cells in rows:
        if number <= type_row + 1 or not cells or cells[0] is None:
            continue
        named = text_of(cells[0])
        for index, kind in kinds.items():
            value = cells[index] if index < len(cells) else None
            if value is not None and text_of(value):
                text = text_of(header[index]) if index < len(header) and header[index] is not None else ""
                response.answers.append(Answer(kind, named, number, f"{column_letter(index)} ({text})", value,
                                               weighted=True))
    if not response.respondent and not response.answers and response.consent is None:
        return None
    return response


def read_filled(path: Path) -> tuple[list[Response], dict[str, Question], list[Problem], str]:
    """The responses of a filled survey workbook, or of every workbook in a folder.

    Returns the responses (in file, then sheet order), the questions by header, the problems
    (a sheet or workbook left blank) and the shape, for the report.

    Raises
    ------
    UnreadableFile
        No survey sheet was found.
    """
    files = sorted(item for item in path.iterdir() if item.suffix.lower() == ".xlsx"
                   and not item.name.startswith(("~$", "."))) if path.is_dir() else [path]
    responses: list[Response] = []
    questions: dict[str, Question] = {}
    problems: list[Problem] = []
    for file in files:
        if file_kind(file) != "xlsx":  # pragma: no cover - file_kind raises for what is not
            continue
        sheets = {name: raw for name, raw in workbook_sheets(file).items() if is_survey_sheet(raw)}
        if not sheets:
            problems.append(Problem("not-a-survey", "expected a survey workbook written by landscape survey (got "
                                    "no sheet with 'Your name or id' and 'Recorded as'); it is not read", str(file)))
        for name, raw in sheets.items():
            response = _sheet_response(file, name, raw, questions)
            if response is None:
                problems.append(Problem("blank-survey", "the survey sheet is not filled in (no name, no answers); "
                                        "it is not read", str(file), name))
            else:
                responses.append(response)
    if not responses and not any(problem.code == "blank-survey" for problem in problems):
        where = "the folder holds no survey workbooks" if path.is_dir() else "it has no survey sheet"
        raise UnreadableFile(f"{path}: expected filled survey workbooks written by landscape survey ({where}); "
                             "for a form tool's export, give its CSV or .xlsx file")
    shape = "survey workbooks in a folder" if path.is_dir() else (
        "survey workbook, one sheet per respondent" if len(responses) > 1 else "survey workbook")
    return responses, questions, problems, shape

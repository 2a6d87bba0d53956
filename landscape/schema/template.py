"""A blank workbook that follows the data contract, for people to fill in.

Everything in it comes from the schemas: the sheets, their headers in order, the instructions, and
Excel data validation (a list for relationship types and directions, whole numbers for level,
positive numbers for weight, 0-10 for influence), so that Excel refuses, as it is typed, most of
what landscape would report later.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from landscape.errors import OutputNotWritable
from landscape.schema.contract import Field, TableSchema, table_schemas
from landscape.schema.tables import column_letter

__all__ = ["write_template"]

_LAST_ROW = 1048576  # Excel's last row: validation covers the whole column


#: Rows the template starts with, to show what a table holds (the kinds of the commonest types).
_EXAMPLES: dict[str, tuple[dict[str, Any], ...]] = {
    "relation_types": (
        {"type": "advice", "kind": "learning", "label": "Goes to for advice"},
        {"type": "collaboration", "kind": "learning", "direction": "undirected", "label": "Works with"},
        {"type": "reports_to", "kind": "formal", "label": "Reports to"},
    ),
    # One step, to show the shape: with any row here the atlas's tour follows this sheet.
    "story": (
        {"step": 1, "title": "Who is in the room?", "view": "voices",
         "text": "An example step: write what you will say here, and add a row for each step. Delete this row to "
                 "keep the atlas's own tour through each view's findings.",
         "question": "Whose voice is missing from this conversation?"},
    ),
}


def _title(schema: TableSchema) -> str:
    """The sheet name of a table: its schema's title (Relation types), else its name capitalised."""
    return str(schema.schema.get("title") or schema.name.capitalize())


def _validation(field: Field) -> dict[str, Any] | None:
    """Excel data validation for a field, from its schema; None when Excel has no fitting rule."""
    schema = field.schema
    if field.enum:
        return {"type": "list", "formula1": '"' + ",".join(map(str, field.enum)) + '"', "errorStyle": "stop",
                "error": f"Choose {field.expected}."}
    if schema.get("examples") and field.type == "string":
        return {"type": "list", "formula1": '"' + ",".join(schema["examples"]) + '"', "errorStyle": "warning",
                "error": "Not one of the usual types; keep it if you mean a type of your own."}
    if field.type not in ("integer", "number"):
        return None
    kind = "whole" if field.type == "integer" else "decimal"
    low = schema.get("minimum")
    high = schema.get("maximum")
    if "exclusiveMinimum" in schema:
        # Excel cannot say "above 0 and at most N"; the lower bound is the one people meet.
        rule = {"operator": "greaterThan", "formula1": str(schema["exclusiveMinimum"])}
    elif low is not None and high is not None:
        rule = {"operator": "between", "formula1": str(low), "formula2": str(high)}
    elif low is not None:
        rule = {"operator": "greaterThanOrEqual", "formula1": str(low)}
    else:
        rule = {"operator": "between", "formula1": "-1000000", "formula2": "1000000"}
    return {"type": kind, **rule, "errorStyle": "stop", "error": f"Enter {field.expected}."}


def _instructions(sheet: Any, schemas: dict[str, TableSchema]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(["landscape workbook"])
    sheet["A1"].font = Font(bold=True, size=14)
    lines = [
        "Fill in the Participants and Relationships sheets (Voices, Communities, Relation types, Story and Stories "
        "are optional), then run:  landscape validate this-file.xlsx   and   landscape map this-file.xlsx -o map.html",
        "Relation types says what each relationship type means: learning ties are measured; formal, negative, "
        "leadership and other ties are not. Common names (advice, collaboration, reports_to, dislike...) are known "
        "without it; a type landscape does not know is left out of the measures until you declare it there.",
        "Row 1 of each sheet holds the headers; keep them. Add any other columns you like: they are "
        "kept as attributes of the person or the tie.",
        "Ids are text: 007 stays 007. In Relationships, source and target are participant ids.",
        "Story is your own sequence for the atlas's guided tour: one row per step, with the view to show (voices, "
        "power, boundaries, scale, leadership or value), the people (ids or names, separated by ;) and groups to "
        "point at, and a question. Its example row shows the shape: delete it to keep the atlas's own tour.",
        "Stories holds value-creation stories, one per row: who tells it (teller), whom it is about (people, ids or "
        "names separated by ;), the community or the boundary (two groups separated by ;, or a tie in source and "
        "target), the cycles of value it shows (immediate, potential, applied, realised, reframing, orienting, "
        "enabling, strategic; separate several with ;), indicators, when, consent (yes: its words may be quoted; "
        "anything else: counted, never quoted) and the story itself (text).",
        "",
    ]
    for line in lines:
        sheet.append([line])
    header_row = sheet.max_row + 1
    sheet.append(["Sheet", "Column", "Required", "What it holds"])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for schema in schemas.values():
        sheet.append([_title(schema), "", "yes" if schema.required_table else "optional",
                      schema.schema.get("description", "")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for field in schema.fields.values():
            sheet.append(["", field.name, "yes" if field.required else "", field.schema.get("description", "")])
    for row in sheet.iter_rows(min_row=header_row):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"A": 16, "B": 20, "C": 10, "D": 100}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width


def write_template(path: str | Path) -> Path:
    """Write a blank landscape workbook to ``path``.

    The workbook has an Instructions sheet and one sheet per table (Participants, Relationships,
    Voices, Communities, Relation types, Story) with the contract's headers and Excel data
    validation; Relation types starts with three example rows and Story with one example step.
    Filled in, it validates clean.

    Raises
    ------
    OutputNotWritable
        The folder does not exist, or the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputNotWritable(f"{path}: the template is an Excel workbook; give a name ending in .xlsx")
    if not path.parent.is_dir():
        raise OutputNotWritable(f"{path.parent}: no such folder; create it first")
    schemas = table_schemas()
    workbook = Workbook()
    _instructions(workbook.active, schemas)
    workbook.active.title = "Instructions"
    fill = PatternFill("solid", fgColor="DDE7F3")
    for schema in schemas.values():
        sheet = workbook.create_sheet(_title(schema))
        fields = list(schema.fields.values())
        sheet.append([field.name for field in fields])
        for example in _EXAMPLES.get(schema.name, ()):
            sheet.append([example.get(field.name) for field in fields])
        for position, field in enumerate(fields):
            letter = column_letter(position)
            cell = sheet[f"{letter}1"]
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.comment = Comment(str(field.schema.get("description", "")), "landscape")
            sheet.column_dimensions[letter].width = max(14, len(field.name) + 4)
            rule = _validation(field)
            if rule is not None:
                error = rule.pop("error")
                validation = DataValidation(allow_blank=True, showErrorMessage=True, error=error,
                                            errorTitle=field.name, **rule)
                validation.add(f"{letter}2:{letter}{_LAST_ROW}")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    try:
        workbook.save(path)
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path

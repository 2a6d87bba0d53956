"""The survey commands of the command line: ``landscape survey`` writes a roster-based survey,
``landscape import-survey`` turns the answers into a landscape workbook. Registered on the main
group by :mod:`landscape.cli`, which turns landscape's errors into messages and exit codes.
"""

from __future__ import annotations

from pathlib import Path

import click

import landscape
from landscape.cli_options import emit, output_format

__all__ = ["import_survey", "survey"]


def _pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """``"TEXT=TYPE"`` as (text, type); the last = separates them."""
    pairs = []
    for value in values:
        text, equals, kind = value.rpartition("=")
        if not equals or not text.strip() or not any(char.isalnum() for char in kind):
            raise click.BadParameter(f"expected TEXT=TYPE, as in \"Who do you trust?=trust\" (got {value!r})")
        pairs.append((text.strip(), kind.strip()))
    return pairs


def _check_output(output: Path, force: bool, suffixes: tuple[str, ...]) -> None:
    if output.suffix.lower() not in suffixes:
        raise click.BadParameter(f"{output}: give a file name ending in {' or '.join(suffixes)}", param_hint="-o/--output")
    if output.exists() and not force:
        raise click.BadParameter(f"{output} exists; use --force to replace it", param_hint="-o/--output")


@click.command()
@click.argument("participants", metavar="PARTICIPANTS", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="SURVEY.xlsx: a survey to fill in or print. SURVEY.csv: the roster as a form tool's choice list.")
@click.option("--question", "questions", multiple=True, callback=_pairs, metavar='"TEXT=TYPE"',
              help="A question and the relationship type its answers record (repeat for several; replaces the "
              "default questions: advice and collaboration).")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def survey(participants: Path, output: Path, questions: list[tuple[str, str]], force: bool) -> None:
    """Write a survey of everyone in PARTICIPANTS, to collect who goes to whom.

    SURVEY.xlsx has an Instructions sheet (for the respondent and for you) and a Survey sheet:
    the respondent's name, a consent line (yes / no), then everyone on the roster with a column
    per question, where a cell takes an x or how often (daily, weekly, monthly, less often).
    SURVEY.csv is the roster as one choice per line, to paste into a form tool (Google Forms,
    Microsoft Forms...); a name two people share is written "Name (id)". The default questions:
    "Who do you go to for advice about your work?" (advice) and "Who do you work with on shared
    activities?" (collaboration). Bring the answers back with landscape import-survey.

    \b
    Examples:
      landscape survey participants.csv -o survey.xlsx
      landscape survey participants.csv -o choices.csv
      landscape survey team.xlsx -o survey.xlsx --question "Who do you ask for help?=advice" \\
          --question "Whose work do you build on?=builds_on"
    """
    _check_output(output, force, (".xlsx", ".csv"))
    landscape.write_survey(participants, output, questions or None)
    after = ("Send it, or print its Survey sheet; bring the answers back with: landscape import-survey"
             if output.suffix.lower() == ".xlsx" else "Paste the choices into your form's question(s).")
    click.echo(f"Wrote {output}. {after}", err=True)


@click.command(name="import-survey")
@click.argument("export", metavar="EXPORT", type=click.Path(exists=True, path_type=Path))
@click.option("-p", "--participants", required=True, type=click.Path(exists=True, path_type=Path),
              help="The roster: a participants CSV file, workbook or folder.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The landscape workbook to write (.xlsx).")
@click.option("--respondent", metavar="COLUMN", help="The column naming the respondent (default: found from the "
              "headers, such as Name, Email address or Participant id, and the cells).")
@click.option("--question", "questions", multiple=True, callback=_pairs, metavar='"COLUMN=TYPE"',
              help="Read exactly these question columns, as these relationship types (repeat for several; default: "
              "every column whose answers name participants, typed from its header).")
@click.option("--wave", metavar="W", help="The wave of every tie (a year, a round), when the export has no wave column.")
@output_format
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def import_survey(export: Path, participants: Path, output: Path, respondent: str | None,
                  questions: list[tuple[str, str]], wave: str | None, output_format: str, force: bool) -> None:
    """Import a survey's answers from EXPORT into a landscape workbook.

    EXPORT is a form tool's CSV or .xlsx export (Google Forms, Microsoft Forms, Qualtrics,
    SurveyMonkey...: a cell listing the people chosen, or a grid with a column per person, or a
    long table of respondent, person named, question, value), or the survey workbooks of
    landscape survey filled in (one workbook, or a folder of them). Names are matched to the
    participants by id, name or e-mail, whatever their case, accents or spacing. Ticks weigh 1;
    how often weighs less often 1, monthly 2, weekly 3, daily 4.

    The workbook has Participants (the roster, with responded = yes / no and the consent given),
    Relationships (who named whom, for which question, reported_by) and, for question types
    landscape does not know, Relation types. The report lists every name or cell that was not
    imported, with its row and column, and what to do. Exit 0 when the workbook was written.

    \b
    Examples:
      landscape import-survey form-export.csv -p participants.csv -o landscape.xlsx
      landscape import-survey returned/ -p participants.csv -o landscape.xlsx     (filled surveys)
      landscape import-survey responses.xlsx -p people.csv -o out.xlsx --respondent "Your name" \\
          --question "Who do you ask for advice?=advice" --format json
    """
    _check_output(output, force, (".xlsx",))
    try:
        result = landscape.import_survey(export, participants, output, respondent=respondent,
                                         questions=questions or None, wave=wave)
    except landscape.UnknownColumn as exc:
        raise click.UsageError(str(exc)) from None
    emit(output_format, result.to_dict, result.to_text)
    click.echo(f"Check it with: landscape validate {output}", err=True)  # the report above says what was written

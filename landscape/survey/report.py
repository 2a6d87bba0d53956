"""What an import read, decided and wrote, for people (:meth:`SurveyImport.to_text`) and scripts
(:meth:`SurveyImport.to_dict`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from landscape.survey.answers import SCALE_TEXT
from landscape.survey.records import Problem, Question

__all__ = ["SurveyImport"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class SurveyImport:
    """The result of :func:`landscape.import_survey`: what was read, how, what was written, and
    every problem with the file, row and column where it is.

    ``rows`` counts the responses read (rows of an export, or survey sheets), ``respondents``
    the participants they matched, ``roster`` the participants; ``names`` and ``names_matched``
    count the people named in answers; ``ties`` is by relationship type; ``declared`` lists the
    types written to the Relation types sheet as learning ties.
    """

    export: str
    participants: str
    output: str
    shape: str
    layout: str
    header_rows: int
    respondent_column: str
    questions: tuple[Question, ...]
    left_out: tuple[tuple[str, str], ...]
    consent_column: str | None
    rows: int
    rows_matched: int
    respondents: int
    roster: int
    names: int
    names_matched: int
    ties: dict[str, int]
    declared: tuple[str, ...]
    problems: tuple[Problem, ...] = ()
    wave: str | None = None
    scale: str = field(default=SCALE_TEXT)

    @property
    def ties_written(self) -> int:
        return sum(self.ties.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "export": self.export, "participants": self.participants, "output": self.output, "shape": self.shape,
            "layout": self.layout or None, "header_rows": self.header_rows,
            "respondent_column": self.respondent_column,
            "questions": [question.to_dict() for question in self.questions],
            "left_out": [{"column": column, "why": why} for column, why in self.left_out],
            "consent_column": self.consent_column, "rows": self.rows, "rows_matched": self.rows_matched,
            "respondents": self.respondents, "participants_in_roster": self.roster,
            "did_not_respond": self.roster - self.respondents, "names": self.names,
            "names_matched": self.names_matched, "ties": self.ties_written, "ties_by_type": dict(self.ties),
            "declared_learning": list(self.declared), "wave": self.wave, "scale": self.scale,
            "problems": [problem.to_dict() for problem in self.problems],
        }

    def to_text(self) -> str:
        """The report in plain words, one problem a line (each a warning: the workbook was written)."""
        layout = f", {self.layout} layout with {self.header_rows} header rows" if self.layout else ""
        lines = [f"Read {self.export} ({self.shape}{layout}).",
                 f"Respondents: column {self.respondent_column!r}; {self.rows_matched} of {_plural(self.rows, 'response')} "
                 f"matched {self.respondents} of the {self.roster} participants; the other "
                 f"{self.roster - self.respondents} are marked responded = no."]
        if self.questions:
            lines.append("Questions:")
            lines += [f"  {question.column!r} ({question.form}) as {question.type}" for question in self.questions]
        if self.left_out:
            lines.append("Not read as questions: " + "; ".join(f"{column!r} ({why})" for column, why in self.left_out))
        lines.append(f"Consent: from {self.consent_column!r} for those who answered; the roster's own consent (if any) "
                     "is kept for the others, and people without a yes are not named in shared maps."
                     if self.consent_column else
                     "Consent: the export has no consent column; the roster's own consent (if any) is kept.")
        lines.append(f"Named people: {self.names_matched} of {_plural(self.names, 'name')} matched a participant.")
        by_type = ", ".join(f"{kind} {count}" for kind, count in self.ties.items())
        wave = f", wave {self.wave}" if self.wave else ""
        lines.append(f"Wrote {self.output}: {self.roster} participants, {_plural(self.ties_written, 'tie')}"
                     f"{f' ({by_type})' if by_type else ''}{wave}.")
        if self.declared:
            lines.append(f"The type(s) {', '.join(self.declared)} are declared learning ties in the Relation types "
                         "sheet; change their kind there (formal, negative, leadership or other) if they are not.")
        lines.append(f"Weights: {self.scale}.")
        if self.problems:
            lines.append(f"{_plural(len(self.problems), 'problem')} (nothing listed here was imported as it stands):")
            lines += [f"warning {problem} [{problem.code}]" for problem in self.problems]
        else:
            lines.append("No problems: every answer was imported.")
        return "\n".join(lines)

"""Surveys: a roster-based survey to collect who goes to whom, and importing what comes back.

:func:`write_survey` writes the survey (a workbook to fill in, or a form tool's choice list);
:func:`import_survey` reads a form tool's export or the returned workbooks and writes a landscape
workbook, with a :class:`SurveyImport` report of everything it read, decided and could not import.
"""

from landscape.survey.form import write_survey
from landscape.survey.importer import import_survey
from landscape.survey.report import SurveyImport

__all__ = ["SurveyImport", "import_survey", "write_survey"]

"""Surveys: the survey written from a roster, and every shape of export imported, checked by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import landscape
from landscape.cli import main

ROSTER = """id,name,email,organisation,community,consent
P1,Ana Silva,ana@example.org,North,Growers,yes
P2,Ben Okafor,,North,Growers,
P3,"Silva, Carla",,South,Traders,
P4,Chen Wei,,South,Traders,
P5,Dara Murphy,,South,Traders,
P6,Dara Murphy,,East,Teachers,
P7,Élodie Martin,,East,Teachers,
"""
ADVICE = "Who do you go to for advice?"
COLLAB = "Who do you work with?"


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "participants.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _book(path: Path) -> dict[str, list[dict[str, object]]]:
    """Every sheet of a written workbook as records."""
    book = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        sheets[sheet.title] = [dict(zip(rows[0], row)) for row in rows[1:]]
    return sheets


def _ties(path: Path) -> set[tuple[object, ...]]:
    return {(t["source"], t["target"], t["type"], t["weight"], t["reported_by"]) for t in _book(path)["Relationships"]}


def _people(path: Path, column: str) -> dict[str, object]:
    return {p["id"]: p[column] for p in _book(path)["Participants"]}


def _problems(result: landscape.SurveyImport) -> list[tuple[str, int | None, str | None]]:
    return [(problem.code, problem.row, problem.column) for problem in result.problems]


def _import(tmp_path: Path, export: Path, roster: Path, **options: object) -> landscape.SurveyImport:
    out = tmp_path / "out.xlsx"
    result = landscape.import_survey(export, roster, out, **options)
    report = landscape.validate(out)
    assert report.valid and report.issues == (), report.to_text()
    return result


# -- Google Forms: multi-select, misspellings, accents, case, a name with a comma ---------------------------------

def _google(tmp_path: Path) -> Path:
    consent = "I agree that my name and answers may appear in the maps"
    return _csv(tmp_path / "google.csv", [
        ["Timestamp", "Email Address", "Your name", consent, ADVICE, COLLAB],
        ["2025/03/03 9:00:00 AM GMT", "ana@example.org", "Ana Silva", "Yes", "Ben Okafor, Silva, Carla, Chen Wei",
         "ELODIE MARTIN"],
        ["2025/03/03 9:30:00 AM GMT", "", "ben  okafor", "No", "Ana Silva, Chen Wie", "Dara Murphy"],
        ["2025/03/03 10:00:00 AM GMT", "", "Chen Wei", "Yes", "Ana Silva", "Chen Wei, Ben Okafor"],
        ["2025/03/03 11:00:00 AM GMT", "", "Zoe Unknown", "Yes", "Ana Silva", ""],
        ["2025/03/02 8:00:00 AM GMT", "", "Ana Silva", "Yes", "Chen Wei", ""],
        ["2025/03/03 12:00:00 PM GMT", "", "Élodie Martin", "maybe", "Ana Silva", ""],
    ])


def test_google_forms_multi_select(tmp_path: Path, roster: Path) -> None:
    result = _import(tmp_path, _google(tmp_path), roster)
    out = tmp_path / "out.xlsx"
    assert _ties(out) == {
        ("P1", "P2", "advice", 1, "P1"), ("P1", "P3", "advice", 1, "P1"), ("P1", "P4", "advice", 1, "P1"),
        ("P2", "P1", "advice", 1, "P2"), ("P4", "P1", "advice", 1, "P4"), ("P7", "P1", "advice", 1, "P7"),
        ("P1", "P7", "collaboration", 1, "P1"), ("P4", "P2", "collaboration", 1, "P4"),
    }
    assert _people(out, "responded") == {"P1": "yes", "P2": "yes", "P3": "no", "P4": "yes", "P5": "no", "P6": "no",
                                         "P7": "yes"}
    assert _people(out, "consent") == {"P1": "yes", "P2": "no", "P3": None, "P4": "yes", "P5": None, "P6": None,
                                       "P7": None}
    assert _problems(result) == [
        ("unknown-name", 3, "E (Who do you go to for advice?)"),
        ("ambiguous-name", 3, "F (Who do you work with?)"),
        ("self-nomination", 4, "F (Who do you work with?)"),
        ("unknown-respondent", 5, "C (Your name)"),
        ("answered-twice", 6, "C (Your name)"),
        ("unrecognised-consent", 7, "D (I agree that my name and answers may appear in the maps)"),
    ]
    messages = [problem.message for problem in result.problems]
    assert "did you mean Chen Wei (P4)?" in messages[0]
    assert "Dara Murphy (P5) and Dara Murphy (P6)" in messages[1]
    assert "row 2, later by its timestamp, which is kept" in messages[4]
    assert result.respondent_column == "Your name"
    assert [(q.column, q.type, q.form) for q in result.questions] == [(ADVICE, "advice", "multi-select"),
                                                                      (COLLAB, "collaboration", "multi-select")]
    assert (result.rows, result.rows_matched, result.respondents, result.roster) == (6, 5, 4, 7)
    assert ("Email Address", "another column naming the respondent") in result.left_out
    assert result.declared == ()
    text = result.to_text()
    assert "4 of the 7 participants" in text and "marked responded = no" in text


def test_microsoft_forms_trailing_semicolons(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "ms.csv", [
        ["ID", "Start time", "Completion time", "Email", "Name", ADVICE],
        ["1", "3/3/25 9:00:00", "3/3/25 9:05:00", "anonymous", "Ana Silva", "Ben Okafor;Silva, Carla;"],
        ["2", "3/3/25 9:10:00", "3/3/25 9:15:00", "anonymous", "P2", "Ana Silva;Élodie Martin;"],
        ["3", "3/3/25 9:20:00", "3/3/25 9:25:00", "anonymous", "Silva, Carla", "Ana Silva (P1);"],
    ])
    result = _import(tmp_path, export, roster)
    assert _ties(tmp_path / "out.xlsx") == {
        ("P1", "P2", "advice", 1, "P1"), ("P1", "P3", "advice", 1, "P1"), ("P2", "P1", "advice", 1, "P2"),
        ("P2", "P7", "advice", 1, "P2"), ("P3", "P1", "advice", 1, "P3")}
    assert result.problems == ()
    assert result.respondent_column == "Name"
    assert ("ID", "form metadata, not a question") in result.left_out


def test_microsoft_forms_workbook_export(tmp_path: Path, roster: Path) -> None:
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", ADVICE])
    sheet.append([1, dt.datetime(2025, 3, 3, 9), dt.datetime(2025, 3, 3, 10), "anonymous", "Chen Wei", "Ana Silva;"])
    sheet.append([2, dt.datetime(2025, 3, 3, 8), dt.datetime(2025, 3, 3, 8, 30), "anonymous", "chen wei", "Ben Okafor;"])
    book.create_sheet("Notes").append(["exported by hand"])
    book.save(tmp_path / "forms.xlsx")
    result = _import(tmp_path, tmp_path / "forms.xlsx", roster)
    assert _ties(tmp_path / "out.xlsx") == {("P4", "P1", "advice", 1, "P4")}
    assert _problems(result) == [("answered-twice", 3, "E (Name)")]
    assert "row 2, later by its timestamp" in result.problems[0].message


def test_google_grid_with_frequencies(tmp_path: Path, roster: Path) -> None:
    question = "How often do you go to each for advice?"
    export = _csv(tmp_path / "grid.csv", [
        ["Timestamp", "Your name", f"{question} [Ana Silva]", f"{question} [Ben Okafor]", f"{question} [Chen Wie]"],
        ["2025/03/03 9:00:00 AM GMT", "Ana Silva", "", "Weekly", "Daily"],
        ["2025/03/03 9:10:00 AM GMT", "Ben Okafor", "Several times a week", "", "Never"],
        ["2025/03/03 9:20:00 AM GMT", "Chen Wei", "maybe", "less often", "x"],
    ])
    result = _import(tmp_path, export, roster)
    assert _ties(tmp_path / "out.xlsx") == {("P1", "P2", "advice", 3, "P1"), ("P2", "P1", "advice", 3, "P2"),
                                            ("P4", "P2", "advice", 1, "P4")}
    assert _problems(result) == [
        ("unknown-name", 2, f"E ({question} [Chen Wie])"),
        ("unrecognised-value", 4, f"C ({question} [Ana Silva])"),
        ("unknown-name", 4, f"E ({question} [Chen Wie])"),
    ]
    assert [(q.column, q.type, q.form) for q in result.questions] == [(question, "advice", "matrix")]
    assert result.shape == "matrix"


def test_surveymonkey_two_header_rows(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "monkey.csv", [
        ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "What is your name?",
         "Who do you work with?", "", ""],
        ["", "", "", "", "", "Response", "Ana Silva", "Ben Okafor", "Chen Wei"],
        ["114001", "431", "03/03/2025 09:00:00", "03/03/2025 09:05:00", "10.0.0.1", "Ana Silva", "", "Ben Okafor",
         "Chen Wei"],
        ["114002", "431", "03/03/2025 09:10:00", "03/03/2025 09:15:00", "10.0.0.2", "Chen Wei", "Ana Silva", "", ""],
        ["114003", "431", "03/03/2025 09:20:00", "03/03/2025 09:25:00", "10.0.0.3", "Dara Murphy", "Ana Silva", "", ""],
    ])
    result = _import(tmp_path, export, roster)
    assert _ties(tmp_path / "out.xlsx") == {("P1", "P2", "collaboration", 1, "P1"),
                                            ("P1", "P4", "collaboration", 1, "P1"),
                                            ("P4", "P1", "collaboration", 1, "P4")}
    assert _problems(result) == [("ambiguous-respondent", 5, "F (What is your name?)")]
    assert (result.layout, result.header_rows) == ("SurveyMonkey", 2)


def test_qualtrics_three_header_rows(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "qualtrics.csv", [
        ["StartDate", "EndDate", "ResponseId", "Q1", "Q2_1", "Q2_2", "Q2_3"],
        ["Start Date", "End Date", "Response ID", "What is your name?", f"{ADVICE} - Ana Silva",
         f"{ADVICE} - Ben Okafor", f"{ADVICE} - Chen Wei"],
        ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}',
         '{"ImportId":"QID2_1"}', '{"ImportId":"QID2_2"}', '{"ImportId":"QID2_3"}'],
        ["2025-03-03 09:00:00", "2025-03-03 09:05:00", "R_1", "Ana Silva", "", "Weekly", "Monthly"],
        ["2025-03-03 09:10:00", "2025-03-03 09:15:00", "R_2", "Ben Okafor", "4", "", "0"],
        ["2025-03-03 09:20:00", "2025-03-03 09:25:00", "R_3", "Ana Silva", "", "Daily", "often?"],
    ])
    result = _import(tmp_path, export, roster)
    assert _ties(tmp_path / "out.xlsx") == {("P1", "P2", "advice", 4, "P1"), ("P2", "P1", "advice", 4, "P2")}
    assert _problems(result) == [("answered-twice", 4, "D (Q1)"), ("unrecognised-value", 6, f"G ({ADVICE} [Chen Wei])")]
    assert (result.layout, result.header_rows) == ("Qualtrics", 3)


def test_long_table_with_question_and_value(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "long.csv", [
        ["respondent", "named", "question", "value"],
        ["P1", "Ben Okafor", "advice", "2"],
        ["P1", "Chen Wei", "collaboration", ""],
        ["Ana Silva", "Ben Okafor", "advice", "3"],
        ["P2", "Nobody Known", "advice", "1"],
        ["P2", "Élodie Martin", "trust", "weekly"],
    ])
    result = _import(tmp_path, export, roster)
    book = _book(tmp_path / "out.xlsx")
    assert _ties(tmp_path / "out.xlsx") == {("P1", "P2", "advice", 3, "P1"), ("P1", "P4", "collaboration", 1, "P1"),
                                            ("P2", "P7", "trust", 3, "P2")}
    assert _problems(result) == [("named-twice", 4, "B (named)"), ("unknown-name", 5, "B (named)")]
    assert result.shape == "long table" and result.declared == ()
    assert "Relation types" not in book


def test_unknown_question_types_are_declared_learning(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "q.csv", [["Your name", "Whose ideas do you build on?"], ["Ana Silva", "Ben Okafor"]])
    result = _import(tmp_path, export, roster)
    assert [(q.type) for q in result.questions] == ["whose_ideas_build"]
    assert result.declared == ("whose_ideas_build",)
    assert _book(tmp_path / "out.xlsx")["Relation types"] == [
        {"type": "whose_ideas_build", "kind": "learning", "label": "Whose ideas do you build on?"}]
    land = landscape.load(tmp_path / "out.xlsx")
    assert land.graph.number_of_edges() == 1


def test_question_option_chooses_columns_and_types(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "q.csv", [["Your name", ADVICE, COLLAB], ["Ana Silva", "Ben Okafor", "Chen Wei"]])
    result = _import(tmp_path, export, roster, questions={COLLAB: "Works With"}, wave="2025")
    assert [(q.column, q.type) for q in result.questions] == [(COLLAB, "works_with")]
    ties = _book(tmp_path / "out.xlsx")["Relationships"]
    assert ties == [{"source": "P1", "target": "P4", "type": "works_with", "weight": 1, "reported_by": "P1",
                     "wave": "2025"}]
    with pytest.raises(landscape.UnknownColumn, match="'Who do you trust\\?', which is not there; the columns are "
                                                     "'Your name', "):
        landscape.import_survey(export, roster, tmp_path / "x.xlsx", questions=[("Who do you trust?", "trust")])


def test_no_respondent_column_is_an_error(tmp_path: Path, roster: Path) -> None:
    export = _csv(tmp_path / "q.csv", [["When", ADVICE], ["today", "Ben Okafor"]])
    with pytest.raises(landscape.LandscapeError, match="got 'When', 'Who do you go to for advice\\?'.*--respondent"):
        landscape.import_survey(export, roster, tmp_path / "x.xlsx")


# -- The survey workbook: written, filled in, imported ------------------------------------------------------------

def _fill(path: Path, name: str, consent: str, answers: dict[str, tuple[str, ...]]) -> None:
    """Fill the Survey sheet: name, consent, and for each person id the answers, question by question."""
    book = openpyxl.load_workbook(path)
    sheet = book["Survey"]
    sheet["B3"], sheet["B4"] = name, consent
    for row in sheet.iter_rows(min_row=8):
        for value, cell in zip(answers.get(row[0].value, ()), row[4:]):
            cell.value = value or None
    book.save(path)


def test_survey_workbook_round_trip(tmp_path: Path, roster: Path) -> None:
    survey = landscape.write_survey(roster, tmp_path / "survey.xlsx")
    book = openpyxl.load_workbook(survey)
    assert book.sheetnames == ["Instructions", "Survey"]
    sheet = book["Survey"]
    assert [cell.value for cell in sheet[7]] == ["id", "name", "organisation", "community",
                                                 "Who do you go to for advice about your work?",
                                                 "Who do you work with on shared activities?"]
    assert [cell.value for cell in sheet[6]] == ["Recorded as", None, None, None, "advice", "collaboration"]
    assert [row[0].value for row in sheet.iter_rows(min_row=8)] == ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]
    assert sheet["B10"].value == "Silva, Carla" and sheet["D8"].value == "Growers"
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"yes,no"' in lists and '"x,daily,weekly,monthly,less often"' in lists
    _fill(survey, "Ana Silva", "yes", {"P2": ("x", "weekly"), "P4": ("", "daily"), "P7": ("sometimes?", "")})
    result = _import(tmp_path, survey, roster)
    assert _ties(tmp_path / "out.xlsx") == {("P1", "P2", "advice", 1, "P1"), ("P1", "P2", "collaboration", 3, "P1"),
                                            ("P1", "P4", "collaboration", 4, "P1")}
    assert _problems(result) == [("unrecognised-value", 14, "E (Who do you go to for advice about your work?)")]
    assert _people(tmp_path / "out.xlsx", "responded")["P1"] == "yes"
    assert result.shape == "survey workbook"
    with pytest.raises(landscape.UnknownColumn, match="leave out --respondent and --question"):
        landscape.import_survey(survey, roster, tmp_path / "x.xlsx", respondent="Name")


def test_folder_and_sheets_of_filled_surveys(tmp_path: Path, roster: Path) -> None:
    folder = tmp_path / "returned"
    folder.mkdir()
    for name, consent, answers in (("P2", "no", {"P1": ("x", "")}), ("Chen Wei", "yes", {"P1": ("", "x")}),
                                   ("Ben Okafor", "yes", {"P4": ("monthly", "")})):
        path = folder / f"{len(list(folder.iterdir()))}.xlsx"
        landscape.write_survey(roster, path)
        _fill(path, name, consent, answers)
    result = _import(tmp_path, folder, roster)
    assert _ties(tmp_path / "out.xlsx") == {("P4", "P1", "collaboration", 1, "P4"), ("P2", "P4", "advice", 2, "P2")}
    assert [(p.code, p.file, p.row) for p in result.problems] == [("answered-twice", str(folder / "0.xlsx"), 3)]
    assert _people(tmp_path / "out.xlsx", "consent") == {"P1": "yes", "P2": "yes", "P3": None, "P4": "yes",
                                                         "P5": None, "P6": None, "P7": None}
    # the same answers as sheets of one workbook
    book = openpyxl.load_workbook(folder / "1.xlsx")
    copy = book.copy_worksheet(book["Survey"])
    copy["B3"] = "Élodie Martin"
    book.save(tmp_path / "sheets.xlsx")
    result = _import(tmp_path, tmp_path / "sheets.xlsx", roster)
    assert _ties(tmp_path / "out.xlsx") == {("P4", "P1", "collaboration", 1, "P4"),
                                            ("P7", "P1", "collaboration", 1, "P7")}
    assert result.shape == "survey workbook, one sheet per respondent"


def test_survey_choice_list_makes_every_name_unique(tmp_path: Path, roster: Path) -> None:
    path = landscape.write_survey(roster, tmp_path / "choices.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "choice", "Ana Silva", "Ben Okafor", '"Silva, Carla"', "Chen Wei", "Dara Murphy (P5)", "Dara Murphy (P6)",
        "Élodie Martin"]
    export = _csv(tmp_path / "e.csv", [["Your name", ADVICE], ["Dara Murphy (P6)", "Dara Murphy (P5), Silva, Carla"]])
    _import(tmp_path, export, roster)
    assert _ties(tmp_path / "out.xlsx") == {("P6", "P5", "advice", 1, "P6"), ("P6", "P3", "advice", 1, "P6")}


def test_formula_text_is_neutralised(tmp_path: Path) -> None:
    roster = tmp_path / "people.csv"
    roster.write_text('id,name\nP1,"=HYPERLINK(""http://x"",""y"")"\nP2,@Ben\nP3,-Chen\n', encoding="utf-8")
    survey = landscape.write_survey(roster, tmp_path / "survey.xlsx")
    sheet = openpyxl.load_workbook(survey)["Survey"]
    assert [(sheet[f"B{row}"].data_type, sheet[f"B{row}"].quotePrefix) for row in (8, 9, 10)] == [("s", True)] * 3
    choices = landscape.write_survey(roster, tmp_path / "choices.csv").read_text(encoding="utf-8").splitlines()
    assert choices[1:] == ['"\'=HYPERLINK(""http://x"",""y"")"', "'@Ben", "'-Chen"]
    export = _csv(tmp_path / "e.csv", [["Your name", ADVICE], ["@Ben", "-Chen"]])
    _import(tmp_path, export, roster)
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx")["Participants"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x","y")', "s", True)


# -- The command line ---------------------------------------------------------------------------------------------

def test_cli_survey(tmp_path: Path, roster: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "survey.xlsx"
    result = runner.invoke(main, ["survey", str(roster), "-o", str(out), "--question", "Who do you trust?=trust"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)["Survey"]["E6"].value == "trust"
    again = runner.invoke(main, ["survey", str(roster), "-o", str(out)])
    assert again.exit_code == 2 and "exists; use --force to replace it" in again.output
    wrong = runner.invoke(main, ["survey", str(roster), "-o", str(tmp_path / "survey.txt")])
    assert wrong.exit_code == 2 and "give a file name ending in .xlsx or .csv" in wrong.output
    bad = runner.invoke(main, ["survey", str(roster), "-o", str(tmp_path / "s.csv"), "--question", "no type"])
    assert bad.exit_code == 2 and "expected TEXT=TYPE" in bad.output


def test_cli_import_survey(tmp_path: Path, roster: Path) -> None:
    runner = CliRunner()
    export, out = _google(tmp_path), tmp_path / "out.xlsx"
    result = runner.invoke(main, ["import-survey", str(export), "-p", str(roster), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["ties"], document["respondents"], document["did_not_respond"]) == (8, 4, 3)
    assert [problem["code"] for problem in document["problems"]][:2] == ["unknown-name", "ambiguous-name"]
    assert landscape.validate(out).valid
    text = runner.invoke(main, ["import-survey", str(export), "-p", str(roster), "-o", str(out), "--force"])
    assert text.exit_code == 0
    assert ("warning " + str(export) + ", row 3, column E (Who do you go to for advice?): expected a participant's "
            "name or id (got 'Chen Wie': did you mean Chen Wei (P4)?); not imported [unknown-name]") in text.stdout
    exists = runner.invoke(main, ["import-survey", str(export), "-p", str(roster), "-o", str(out)])
    assert exists.exit_code == 2
    wrong = runner.invoke(main, ["import-survey", str(export), "-p", str(roster), "-o", str(tmp_path / "o2.xlsx"),
                                 "--question", "Who do you trust?=trust"])
    assert wrong.exit_code == 2 and "--question names the column 'Who do you trust?', which is not there" in wrong.output
    nobody = _csv(tmp_path / "n.csv", [["When", ADVICE], ["today", "Ben Okafor"]])
    none = runner.invoke(main, ["import-survey", str(nobody), "-p", str(roster), "-o", str(tmp_path / "o3.xlsx")])
    assert none.exit_code == 1 and "--respondent COLUMN" in none.stderr
    invalid = tmp_path / "bad.csv"
    invalid.write_text("id,name\nP1,Ana\nP1,Ben\n", encoding="utf-8")
    bad = runner.invoke(main, ["import-survey", str(export), "-p", str(invalid), "-o", str(tmp_path / "o4.xlsx")])
    assert bad.exit_code == 1 and "[duplicate-id]" in bad.stderr


def test_sample_survey_imports(tmp_path: Path) -> None:
    from importlib import resources

    folder = Path(str(resources.files("landscape.samples").joinpath("survey")))
    result = _import(tmp_path, folder / "form-export.csv", folder / "participants.csv")
    assert (result.rows, result.respondents, result.roster, result.ties_written) == (12, 12, 14, 48)
    assert [(p.code, p.row, p.value) for p in result.problems] == [("unknown-name", 8, "Grace Mensa"),
                                                                   ("unknown-name", 10, "Ben Okafr")]
    responded = _people(tmp_path / "out.xlsx", "responded")
    assert sorted(pid for pid, answer in responded.items() if answer == "no") == ["P06", "P12"]

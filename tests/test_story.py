"""The story: the facilitator's own steps for the atlas's guided tour (issue 16, item 4).

Read from CSV and workbooks, checked against the other sheets, embedded in the atlas page, and
made safe to share: consent honoured and names replaced in its free text.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import landscape
from landscape import InvalidLandscape, load, validate
from landscape.cli import main
from landscape.model.sharing import anonymise, honour_consent, replace_names, sharing_notes
from landscape.render.atlas import ATLAS_VIEWS, atlas_data, run_passes, write_atlas
from landscape.schema import load_schema
from tests.conftest import write_workbook

PEOPLE = [
    ["id", "name", "community", "stakeholder_group", "role", "consent"],
    ["P-001", "Ana Lima", "Nursing", "nurses", "Lecturer", "yes"],
    ["P-002", "Chen Wei", "Pharmacy", "pharmacists", "Dean of Pharmacy", "yes"],
    ["P-003", "José Ortiz", "Nursing", "nurses", "Ward manager", "no"],
    ["P-004", "Sam Lee", "Nursing", "nurses", "", "yes"],
    ["P-005", "Sam Lee", "Pharmacy", "pharmacists", "", "yes"],
]
TIES = [["source", "target", "type"], ["P-001", "P-002", "advice"], ["P-002", "P-003", "advice"],
        ["P-003", "P-001", "collaboration"], ["P-004", "P-005", "advice"]]
STORY = [
    ["Step", "Title", "Say", "View", "Who", "Groups", "Ask"],  # synonyms: Say is text, Who people, Ask question
    [2, "Pharmacy", "Chen Wei and josé ORTIZ talk; ask P-003.", "Power", "P-002; José Ortiz", "Pharmacists",
     "What would Ana Lima ask?"],
    [1, "Start", "Look at Ana Lima", "Voices", "P-001", "nursing; Ward manager", "Who is here?"],
    ["", "After the start", "", "", "", "", ""],  # a blank step comes right after the row above it
]


def _rows(folder: Path) -> list[tuple[str | None, int | None, str | None, str]]:
    return [(issue.table, issue.row, issue.column, issue.code) for issue in validate(folder).issues]


# Reading.

def test_a_story_is_read_from_a_csv_folder_in_the_order_it_is_told(csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES, story=STORY))
    assert [(step.number, step.step, step.row, step.title) for step in land.story] == [
        (1, 1, 3, "Start"), (2, None, 4, "After the start"), (3, 2, 2, "Pharmacy")]
    start, _, pharmacy = land.story
    assert (start.view, start.people, start.groups, start.question) == (
        "voices", ("P-001",), ("nursing", "Ward manager"), "Who is here?")
    assert pharmacy.view == "power" and pharmacy.people == ("P-002", "P-003")  # a name is resolved to its id
    assert land.report.issues == ()


def test_a_story_is_read_from_a_workbook_sheet_by_any_of_its_names(tmp_path: Path) -> None:
    numbers = [STORY[0], *[[cell if cell != "" else None for cell in row] for row in STORY[1:]]]
    path = write_workbook(tmp_path / "w.xlsx", {"Participants": PEOPLE, "Relationships": TIES, "Tour": numbers})
    land = load(path)
    assert [step.title for step in land.story] == ["Start", "After the start", "Pharmacy"]
    assert land.story[2].step == 2 and land.tables.story.raw.sheet == "Tour"


def test_a_story_file_can_be_given_on_its_own(tmp_path: Path, csv_input) -> None:
    folder = csv_input(participants=PEOPLE, relationships=TIES)
    story = csv_input(walkthrough=[["title", "view"], ["Only step", "scale"]]) / "walkthrough.csv"
    assert [step.view for step in load(folder, story=story).story] == ["scale"]
    result = CliRunner().invoke(main, ["validate", str(folder), "--story", str(story)], catch_exceptions=False)
    assert result.exit_code == 0 and "story: " in result.stdout


def test_without_a_story_there_is_none(csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES))
    assert land.story == () and land.tables.story is None
    assert "story" not in atlas_data(land, run_passes(land))
    empty = load(csv_input(participants=PEOPLE, relationships=TIES, story=[STORY[0]]))  # a sheet with no steps
    assert empty.story == () and empty.report.issues == ()
    assert "story" not in atlas_data(empty, run_passes(empty))


def test_the_views_a_story_names_are_the_atlas_views() -> None:
    assert load_schema("story")["properties"]["view"]["enum"] == [name for name, _ in ATLAS_VIEWS]


# Validation: each problem at its sheet, row and column, with what to do.

def test_unknown_people_views_and_groups_are_named_with_near_matches(csv_input) -> None:
    story = [
        ["step", "title", "view", "people", "groups"],
        [1, "One", "voice", "P-03", "Nursng"],
        [2, "Two", "Scale", "Ana Lima, Chen Wei; Sam Lee", "midwives"],
        [2, "", "", "", ""],
    ]
    folder = csv_input(participants=PEOPLE, relationships=TIES, story=story)
    assert _rows(folder) == [
        ("story", 2, "view", "invalid-value"), ("story", 2, "people", "unknown-participant"),
        ("story", 2, "groups", "unknown-group"),
        ("story", 3, "people", "unknown-participant"), ("story", 3, "people", "ambiguous-participant"),
        ("story", 3, "groups", "unknown-group"),
        ("story", 4, "step", "duplicate-step"), ("story", 4, "title", "empty-step"),
    ]
    messages = {(issue.row, issue.code): str(issue).removeprefix(str(folder) + "/") for issue in validate(folder).issues}
    assert messages[(2, "unknown-participant")] == (
        "story.csv, row 2, column people: expected the id or name of a row in participants.csv (got 'P-03', which is "
        "not there); did you mean P-003 (José Ortiz)?")
    assert messages[(2, "invalid-value")].endswith(
        "expected one of the atlas's views: voices, power, boundaries, scale, leadership or value (got 'voice'); did you mean voices?")
    assert messages[(2, "unknown-group")].endswith("(got 'Nursng', which none has: did you mean 'Nursing'?); the step "
                                                   "cannot point at it until it matches one")
    assert "which none has);" in messages[(3, "unknown-group")]  # midwives: nothing like it
    assert messages[(3, "unknown-participant")].endswith(
        "(got 'Ana Lima, Chen Wei', which is not there); to name several people, separate them with ; as in "
        "'Ana Lima; Chen Wei'")
    assert "the name of 2 rows there: P-004 (row 5), P-005 (row 6)); use the id" in messages[(3, "ambiguous-participant")]
    assert "already in row 3); both steps are kept" in messages[(4, "duplicate-step")]
    severities = {issue.code: issue.severity.value for issue in validate(folder).issues}
    # As in the relationships, a person the sheet cannot name is an error; a group or a step is a warning.
    assert severities == {"invalid-value": "error", "unknown-participant": "error", "ambiguous-participant": "error",
                          "unknown-group": "warning", "duplicate-step": "warning", "empty-step": "warning"}
    with pytest.raises(InvalidLandscape):
        load(folder)
    jsonschema.validate(validate(folder).to_dict(), load_schema("validation-report"))  # the codes are the contract's


def test_a_story_may_point_at_roster_voices_and_declared_units(csv_input) -> None:
    voices = [["stakeholder_group", "expected"], ["paramedics", 2]]
    communities = [["community", "parent"], ["Nursing", "Harbourside Partnership"], ["Pharmacy", "Harbourside Partnership"]]
    story = [["title", "view", "groups"], ["Chairs", "voices", "Paramedics; harbourside  partnership"]]
    land = load(csv_input(participants=PEOPLE, relationships=TIES, voices=voices, communities=communities,
                          story=story))
    assert land.report.issues == ()
    [step] = atlas_data(land, run_passes(land))["story"]
    # The empty chair carries the roster's spelling; the unit the Communities sheet's.
    assert step["focus"]["groups"] == ["paramedics", "Harbourside Partnership"]


def test_the_samples_story_is_valid_and_walks_through_every_view() -> None:
    for name in ("clinical-simulation", "clinical-simulation-csv"):
        land = load(landscape.sample_path(name))
        assert land.report.issues == ()
        assert [step.view for step in land.story] == ["voices", "voices", "power", "boundaries", "scale", "leadership"]
        assert all(step.title and step.text and step.question for step in land.story)
    steps = atlas_data(land, run_passes(land))["story"]
    assert steps[2]["focus"]["people"] == ["P014"]  # "Yara Fischer" in the sheet: her id on the page
    assert steps[0]["focus"]["groups"] == ["pharmacists", "paramedics", "patient advisors"]
    assert steps[3]["focus"]["groups"] == ["Student Simulation Society", "Simulation Steering Committee"]


def test_the_template_has_a_story_sheet_with_one_example_step(tmp_path: Path) -> None:
    book = load_workbook(landscape.write_template(tmp_path / "t.xlsx"))
    sheet = book["Story"]
    assert [cell.value for cell in sheet[1]] == ["step", "title", "text", "view", "people", "groups", "question"]
    assert [cell.value for cell in sheet[2]][:4:3] == [1, "voices"] and sheet.max_row == 2
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ['"voices,power,boundaries,scale,leadership,value"']


# The atlas page: data["story"].

def test_the_atlas_page_holds_the_story_in_the_order_told(csv_input) -> None:
    people = [row[:5] for row in PEOPLE]  # no consent column: everyone is shown
    land = load(csv_input(participants=people, relationships=TIES, story=STORY))
    data = atlas_data(land, run_passes(land))
    assert data["story"] == [
        {"step": 1, "title": "Start", "text": "Look at Ana Lima", "view": "voices", "question": "Who is here?",
         "focus": {"people": ["P-001"], "groups": ["Nursing", "Ward manager"], "ties": []}},
        {"step": 2, "title": "After the start", "text": "", "view": None, "question": "",
         "focus": {"people": [], "groups": [], "ties": []}},
        {"step": 3, "title": "Pharmacy", "text": "Chen Wei and josé ORTIZ talk; ask P-003.", "view": "power",
         "question": "What would Ana Lima ask?",
         "focus": {"people": ["P-002", "P-003"], "groups": ["pharmacists"], "ties": []}},
    ]
    # A group is looked for first where the step's view groups people (Voices: stakeholder group),
    # then in every other column ("nursing" is a community, spelled as the map spells it), and every
    # pid is one the page draws.
    pids = {person["pid"] for person in data["people"]}
    assert all(set(step["focus"]["people"]) <= pids for step in data["story"])


def _page(folder: Path) -> str:
    return "\n".join(path.read_text("utf-8") for path in folder.iterdir() if path.suffix in (".html", ".md"))


def _cells(path: Path) -> str:
    return "\n".join(str(c.value) for sheet in load_workbook(path).worksheets for row in sheet.iter_rows()
                     for c in row if c.value is not None)


def test_a_person_who_did_not_consent_is_never_in_the_story(tmp_path: Path, csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES, story=STORY))
    files = write_atlas(land, tmp_path / "atlas")
    html = files.atlas.read_text("utf-8")
    shared = honour_consent(land)
    steps = atlas_data(shared, run_passes(shared))["story"]
    assert steps[2]["text"] == "Chen Wei and someone talk; ask someone."
    assert steps[2]["focus"]["people"] == ["P-002"]  # José Ortiz is pointed at no more
    # The page leaves him out of every focus whatever landscape it is given, as it does for findings.
    assert atlas_data(land, run_passes(land))["story"][2]["focus"]["people"] == ["P-002"]
    assert steps[0]["focus"]["groups"] == ["Nursing"]  # only he is a ward manager: not shown
    assert json.dumps(steps[2]["text"])[1:-1] in html
    everything = _page(tmp_path / "atlas") + _cells(files.metrics)
    for secret in ("José", "Ortiz", "ORTIZ", "P-003", "Ward manager"):
        assert secret not in everything and json.dumps(secret)[1:-1] not in everything, secret
    report = files.report_markdown.read_text("utf-8")
    assert ("The story was scanned for the names and ids of the person who did not consent: 2 found in its titles, "
            "texts and questions, each shown as 'someone'; no longer pointed at in step(s) 3") in report
    assert "1 group(s) the story points at in step(s) 1 are held only by people who did not consent" in report


def test_an_anonymised_story_names_everyone_by_their_pseudonym(tmp_path: Path, csv_input) -> None:
    land = load(csv_input(participants=PEOPLE, relationships=TIES, story=STORY))
    files = write_atlas(land, tmp_path / "atlas", anonymise=True)
    shared = anonymise(honour_consent(land), key=b"one key")
    pseudonym = {row: (pid, data["name"]) for row, (pid, data) in zip(("ana", "chen"), shared.graph.nodes(data=True))}
    steps = atlas_data(shared, run_passes(shared))["story"]
    ana, chen = pseudonym["ana"], pseudonym["chen"]
    assert steps[0]["text"] == f"Look at {ana[1]}"
    assert steps[2]["text"] == f"{chen[1]} and someone talk; ask someone."
    assert steps[2]["question"] == f"What would {ana[1]} ask?"
    assert steps[0]["focus"]["people"] == [ana[0]] and steps[2]["focus"]["people"] == [chen[0]]
    everything = _page(tmp_path / "atlas") + _cells(files.metrics)
    for secret in ("Ana Lima", "Chen Wei", "José", "ORTIZ", "Sam Lee", "P-00", "Ward manager", "Dean of Pharmacy"):
        assert secret not in everything and json.dumps(secret)[1:-1] not in everything, secret
    report = files.report_markdown.read_text("utf-8")
    assert "scanned for every participant's name and id (whole words, whatever the case or accents): 3 found" in report
    assert "are values of column(s) role, which --anonymise leaves out (--keep role keeps it)" in report


def test_the_command_line_says_what_sharing_did_to_the_story(tmp_path: Path, csv_input) -> None:
    source = csv_input(participants=PEOPLE, relationships=TIES, story=STORY)
    result = CliRunner().invoke(main, ["atlas", str(source), "-o", str(tmp_path / "atlas"), "--anonymise"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert "warning the story's titles, texts and questions were scanned for every participant's name" in result.stderr
    exported = CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "csv"), "--anonymise"],
                                  catch_exceptions=False)
    assert exported.exit_code == 0 and "warning the story was scanned" in exported.stderr
    again = load(tmp_path / "csv")
    assert again.report.issues == ()  # the exported story names only pseudonyms and groups still held
    assert "ortiz" not in (tmp_path / "csv" / "story.csv").read_text("utf-8").casefold()
    assert [step.title for step in again.story] == ["Start", "After the start", "Pharmacy"]


def test_sharing_notes_are_empty_without_anything_to_share_against(csv_input) -> None:
    people = [row[:5] for row in PEOPLE]
    land = load(csv_input(participants=people, relationships=TIES, story=STORY))
    assert sharing_notes(land) == ()
    # The story's scan, the role no longer shown, what was left out (the role), the scan of the other text kept.
    notes = sharing_notes(land, anonymise=True)
    assert len(notes) == 4 and "left out as free text (--keep COLUMN keeps one): participants' role" in notes
    assert len(sharing_notes(land, anonymise=True, keep=["role"])) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Ask ana lima, then ANA; not Anabel.", "Ask [AL], then [A]; not Anabel."),
    ("Ana\u00a0  Lima and ANA-LIMA", "[AL] and [AL]"),  # a hyphen joins a name's words as a space does
    ("Jose\u0301 and JOSÉ and josé's", "[J] and [J] and [J]'s"),
    ("O’Connor, P-1 and P-10", "[O], [P1] and P-10"),
    ("", ""),
])
def test_names_are_replaced_as_whole_words_whatever_case_accents_or_spacing(text: str, expected: str) -> None:
    replacements = {"Ana Lima": "[AL]", "Ana": "[A]", "José": "[J]", "O'Connor": "[O]", "P-1": "[P1]"}
    assert replace_names(text, replacements)[0] == expected


def test_a_name_two_people_share_becomes_someone() -> None:
    assert replace_names("Sam Lee said", {"Sam Lee": "Person 1", "sam lee": "Person 2"}) == ("someone said", 1)

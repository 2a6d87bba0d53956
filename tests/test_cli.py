"""The command line: exact exit codes, messages on the right stream, JSON alone on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from landscape import __version__
from landscape.cli import main
from landscape.io import sample_path
from landscape.schema import load_schema
from tests.conftest import DATA


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


def test_validate_a_valid_sample(run) -> None:
    result = run("validate", sample_path("clinical-simulation"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"{sample_path('clinical-simulation')}: valid: 76 participants, 473 relationships; 0 error(s), 0 warning(s)")
    assert result.stderr == ""


def test_validate_invalid_input_lists_every_error_and_exits_1(run) -> None:
    result = run("validate", DATA / "bad-weight")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("not valid: 3 participants, 3 relationships; 3 error(s), 0 warning(s)")
    assert lines[3] == (f"error   {DATA / 'bad-weight' / 'relationships.csv'}, row 2, column weight: "
                        "expected a positive number up to 1,000,000,000 (got 'high') [invalid-value]")
    assert len([line for line in lines if line.startswith("error")]) == 3


def test_warnings_alone_exit_0(run) -> None:
    result = run("validate", DATA / "self-tie")
    assert result.exit_code == 0
    assert "warning " in result.stdout and "[self-tie]" in result.stdout


def test_validate_json_is_alone_on_stdout_and_follows_the_schema(run) -> None:
    result = run("validate", DATA / "voices-defects", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == ""
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("validation-report"))
    assert [(i["sheet"], i["row"], i["column"], i["code"]) for i in document["issues"]] == [
        (None, 3, None, "missing-value"), (None, 4, "expected_share", "invalid-value"),
        (None, 5, "stakeholder_group", "duplicate-id")]


def test_unreadable_input_is_a_message_not_a_traceback(run) -> None:
    result = run("validate", DATA / "password-protected.xlsx")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {DATA / 'password-protected.xlsx'}: the workbook is password-protected")
    missing = run("validate", DATA / "missing-relationships-table")
    assert missing.exit_code == 1
    assert "expected a relationships table" in missing.stderr


def test_usage_errors_exit_2(run, tmp_path: Path) -> None:
    assert run("validate", tmp_path / "nowhere.xlsx").exit_code == 2
    no_input = run("validate")
    assert no_input.exit_code == 2
    assert "give INPUT (a workbook or a folder of CSV files), or both --participants and --relationships" in no_input.stderr
    assert run("validate", sample_path("clinical-simulation"), "--format", "yaml").exit_code == 2
    assert run("map", sample_path("clinical-simulation")).exit_code == 2  # -o is required
    not_html = run("map", sample_path("clinical-simulation"), "-o", tmp_path / "map.png")
    assert not_html.exit_code == 2
    assert "give a file name ending in .html" in not_html.stderr
    assert list(tmp_path.iterdir()) == []


def test_map_writes_the_file_and_reports_on_stderr(run, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = run("map", sample_path("krackhardt-hightech"), "-o", out, "--color-by", "department", "--title", "K")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out} (21 participants, 312 relationships). Open it in a web browser.\n"
    assert list(tmp_path.iterdir()) == [out]
    assert "<title>K</title>" in out.read_text("utf-8")


def test_map_of_invalid_input_writes_nothing(run, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = run("map", DATA / "unknown-participant", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{DATA / 'unknown-participant'}: 1 error(s); nothing was written."
    assert "[unknown-participant]" in result.stderr
    assert not out.exists()


def test_map_shows_warnings_and_names_unknown_attributes(run, tmp_path: Path) -> None:
    result = run("map", DATA / "self-tie", "-o", tmp_path / "m.html")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning ") and "[self-tie]" in result.stderr
    unknown = run("map", DATA / "self-tie", "-o", tmp_path / "n.html", "--color-by", "department")
    assert unknown.exit_code == 1
    # The input's warnings first (what was read), then the error, last.
    assert unknown.stderr.startswith("warning ")
    assert unknown.stderr.splitlines()[-1].startswith(
        "error: no participant has an attribute 'department'; the attributes are: ")
    assert not (tmp_path / "n.html").exists()


def test_map_from_explicit_table_files(run, small_input: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = run("map", "--participants", small_input / "participants.csv",
                 "--relationships", small_input / "relationships.csv", "-o", out)
    assert result.exit_code == 0 and out.exists()


def test_analyse_text_shows_the_voices_table_and_findings(run) -> None:
    result = run("analyse", sample_path("clinical-simulation"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "VOICES: who needs to be involved? (by stakeholder_group; 76 participants)"
    assert any(line.startswith("pharmacists") and line.split()[-3:] == ["missing", "-", "-"] for line in lines)
    assert "Findings" in lines
    assert result.stderr == ""


def test_analyze_spelling_json_and_schema(run) -> None:
    result = run("analyze", sample_path("clinical-simulation"), "--pass", "voices", "--relation", "advice",
                 "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("analysis"))
    assert document["voices"]["ties"]["relations"] == ["advice"]
    assert (document["participants"], document["relationships"]) == (76, 430)


def test_analyse_errors(run, small_input: Path) -> None:
    unknown_pass = run("analyse", small_input, "--pass", "astrology")
    assert unknown_pass.exit_code == 2 and "no pass named 'astrology'; the passes are: voices, power, boundaries, " \
        "scale" in unknown_pass.stderr
    unknown_type = run("analyse", small_input, "--relation", "friendship")
    assert unknown_type.exit_code == 1
    assert unknown_type.stderr == ("error: no relationship of type 'friendship'; the types are: advice, "
                                   "collaboration, reports_to\n")
    unknown_attribute = run("analyse", small_input, "--voices-by", "department")
    assert unknown_attribute.exit_code == 1 and "no participant has an attribute 'department'" in unknown_attribute.stderr
    invalid = run("analyse", DATA / "bad-weight")
    assert invalid.exit_code == 1 and "[invalid-value]" in invalid.stderr


def test_analyse_power_on_krackhardt(run) -> None:
    result = run("analyse", sample_path("krackhardt-hightech"), "--pass", "power", "--relation", "advice",
                 "--level-order", "lower-is-senior")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ("POWER: how can learning trump power? (seniority from level, "
                                             "1 = most senior; 21 people ranked)")
    assert "Direction of ties: upward 57, downward 29, lateral 104;" in result.stdout
    assert "Centralization (Freeman): in-degree 0.47, out-degree 0.575, degree 0.384, betweenness 0.21." in result.stdout
    every = json.loads(run("analyse", sample_path("krackhardt-hightech"), "--format", "json").stdout)
    assert {"voices", "power"} <= set(every)


def test_map_power_view(run, tmp_path: Path) -> None:
    out = tmp_path / "power.html"
    result = run("map", sample_path("krackhardt-hightech"), "-o", out, "--view", "power", "--relation", "advice",
                 "--level-order", "lower-is-senior")
    assert result.exit_code == 0
    assert '"layout":{"type":"layers","layers":["level 1","level 2","level 3"],"rows":[' in out.read_text("utf-8")


def test_analyse_and_map_boundaries(run, tmp_path: Path) -> None:
    result = run("analyse", sample_path("krackhardt-hightech"), "--pass", "boundaries", "--group", "department",
                 "--relation", "advice")
    assert result.exit_code == 0
    assert "E-I index +0.52 (144 across, 46 within); under random mixing +0.55" in result.stdout
    assert "coordinator 28 (z -2.04), itinerant 69 (z -3.24)" in result.stdout
    out = tmp_path / "b.html"
    assert run("map", sample_path("clinical-simulation"), "-o", out, "--view", "boundaries").exit_code == 0
    unknown = run("analyse", sample_path("clinical-simulation"), "--pass", "boundaries", "--group", "team")
    assert unknown.exit_code == 1 and "no participant has an attribute 'team'" in unknown.stderr


def test_analyse_and_map_scale(run, tmp_path: Path) -> None:
    result = run("analyse", sample_path("clinical-simulation"), "--pass", "scale", "--levels", "community,organisation",
                 "--resolution", "1", "--seed", "4")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ("SCALE: how can we keep a multi-scale perspective? (levels, finest first: "
                                             "community > organisation)")
    document = json.loads(run("analyse", sample_path("clinical-simulation"), "--pass", "scale", "--format",
                              "json").stdout)
    assert [d["resolution"] for d in document["scale"]["detected"]] == [0.5, 1.0, 2.0]
    assert document["scale"]["detected"][0]["seeds"] == list(range(1, 11))
    out = tmp_path / "s.html"
    assert run("map", sample_path("clinical-simulation"), "-o", out, "--view", "scale", "--levels",
               "community,organisation").exit_code == 0


def test_map_voices_view(run, tmp_path: Path) -> None:
    out = tmp_path / "voices.html"
    result = run("map", sample_path("clinical-simulation"), "-o", out, "--view", "voices")
    assert result.exit_code == 0
    assert "pharmacists (expected 2)" in out.read_text("utf-8")


def test_template_refuses_to_overwrite_without_force(run, tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    first = run("template", out)
    assert first.exit_code == 0 and out.exists()
    again = run("template", out)
    assert again.exit_code == 2 and "use --force to replace it" in again.stderr
    assert run("template", out, "--force").exit_code == 0
    wrong = run("template", tmp_path / "blank.csv")
    assert wrong.exit_code == 2 and "give a file name ending in .xlsx" in wrong.stderr


def test_demo_writes_the_atlas_and_the_sample_into_the_folder(run, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = run("demo", "--out", out)
    assert result.exit_code == 0
    assert sorted(path.name for path in out.iterdir()) == [
        "atlas.html", "clinical-simulation.xlsx", "map-boundaries.svg", "map-leadership.svg", "map-power.svg", "map-scale.svg", "map-value.svg", "map-voices.svg", "metrics.xlsx", "report.html",
        "report.md"]
    assert "Open " in result.stderr
    file = tmp_path / "file"
    file.write_text("x")
    assert run("demo", "--out", file).exit_code == 2
    beneath_a_file = run("demo", "--out", file / "sub")
    assert beneath_a_file.exit_code == 1
    assert beneath_a_file.stderr.startswith(f"error: {file / 'sub'}: cannot create the folder")


def test_demo_default_folder_is_in_the_working_directory(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("demo").exit_code == 0
    assert (tmp_path / "landscape-demo" / "atlas.html").exists()


def test_version_and_help(run) -> None:
    assert run("--version").stdout == f"landscape, version {__version__}\n"
    top = run("--help").stdout
    assert "landscape demo --out landscape-demo" in top
    for command in ("validate", "map", "analyse", "analyze", "atlas", "export", "template", "demo"):
        text = run(command, "--help").stdout
        assert "Example" in text, command


def test_one_participant_analyse_and_every_map_view(run, csv_input, tmp_path: Path) -> None:
    """igraph refused the Rand index of one person: analyse and the scale map crashed."""
    source = csv_input(participants=[["id"], ["a"]], relationships=[["source", "target"]])
    result = run("analyse", source, "--format", "json")
    assert result.exit_code == 0
    jsonschema.validate(json.loads(result.stdout), load_schema("analysis"))
    for view in ("network", "voices", "power", "boundaries", "scale", "leadership", "value"):
        assert run("map", source, "-o", tmp_path / f"{view}.html", "--view", view).exit_code == 0, view


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "-inf", "high"])
def test_resolution_must_be_a_number_above_zero(run, small_input: Path, value: str) -> None:
    result = run("analyse", small_input, "--pass", "scale", "--resolution", value)
    assert result.exit_code == 2 and result.stdout == ""
    assert "Invalid value for '--resolution'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value, message", [
    (",", "',': name a level between every pair of commas"),
    ("community,,organisation", "name a level between every pair of commas"),
    ("community,community", "'community, community' names 'community' more than once"),
    ("community,Community", "names 'community', 'Community' more than once"),
])
def test_levels_must_be_named_once_each(run, small_input: Path, tmp_path: Path, value: str, message: str) -> None:
    for command in (("analyse", small_input), ("map", small_input, "-o", tmp_path / "m.html", "--view", "scale"),
                    ("atlas", small_input, "-o", tmp_path / "atlas")):
        result = run(*command, "--levels", value)
        assert result.exit_code == 2 and message in result.stderr, command
    assert not (tmp_path / "m.html").exists() and not (tmp_path / "atlas").exists()


@pytest.mark.parametrize("view, option, belongs", [
    ("network", ["--relation", "advice"], "--relation belongs to the voices, power, boundaries, scale, leadership and value views "
                                          "(--view voices); the network view does not use it."),
    ("network", ["--group", "department"], "--group belongs to the boundaries, leadership and value views (--view boundaries)"),
    ("network", ["--levels", "community"], "--levels belongs to the scale view (--view scale)"),
    ("network", ["--voices-by", "role"], "--voices-by belongs to the voices view (--view voices)"),
    ("network", ["--resolution", "1"], "--resolution belongs to the scale view"),
    ("network", ["--seed", "3"], "--seed belongs to the power and scale views"),
    ("voices", ["--level-order", "lower-is-senior"], "--level-order belongs to the power view (--view power); the "
                                                     "voices view does not use it."),
    ("voices", ["--color-by", "nowhere"], "--color-by belongs to the network and power views (--view network); the "
                                          "voices view does not use it."),
    ("boundaries", ["--color-by", "department"], "the boundaries view does not use it"),
    ("scale", ["--color-by", "department"], "the scale view does not use it"),
    ("power", ["--group", "department"], "the power view does not use it"),
    ("scale", ["--unfold"], "--unfold belongs to the network view (--view network); the scale view does not use it."),
])
def test_map_options_that_do_not_apply_to_the_view_are_usage_errors(run, tmp_path: Path, view: str,
                                                                     option: list[str], belongs: str) -> None:
    result = run("map", sample_path("krackhardt-hightech"), "-o", tmp_path / "m.html", "--view", view, *option)
    assert result.exit_code == 2 and belongs in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_map_options_that_apply_are_used(run, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = run("map", sample_path("krackhardt-hightech"), "-o", out, "--view", "boundaries", "--relation", "advice",
                 "--group", "department")
    assert result.exit_code == 0
    page = out.read_text("utf-8")
    assert '"type":"friendship"' not in page and '"color_by":"department"' in page
    assert run("map", sample_path("krackhardt-hightech"), "-o", out, "--view", "power", "--color-by", "department",
               "--level-order", "lower-is-senior").exit_code == 0


def test_analyse_json_still_warns_on_stderr(run, csv_input) -> None:
    source = csv_input(participants=[["id"], ["a"], ["b"]], relationships=[["source", "target"]])
    result = run("analyse", source, "--pass", "voices", "--format", "json")
    assert result.exit_code == 0
    json.loads(result.stdout)
    assert result.stderr.startswith("warning ") and "[no-rows]" in result.stderr


def test_atlas_passes_its_options_to_the_views(run, tmp_path: Path) -> None:
    out = tmp_path / "atlas"
    result = run("atlas", sample_path("krackhardt-hightech"), "-o", out, "--relation", "advice", "--group",
                 "department", "--levels", "department", "--resolution", "2", "--seed", "3")
    assert result.exit_code == 0
    page = (out / "atlas.html").read_text("utf-8")
    assert '"color_by":"department"' in page and '"start":"department"' in page
    assert "Louvain, resolution 2" in (out / "report.md").read_text("utf-8")


def test_map_of_a_landscape_too_large_to_draw_starts_folded(run, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from landscape.render.views import scale as scale_views

    monkeypatch.setattr(scale_views, "FOLD_ABOVE", 70)  # the clinical-simulation sample has 76 people
    sample = str(sample_path("clinical-simulation"))
    result = run("map", sample, "-o", str(tmp_path / "folded.html"))
    assert result.exit_code == 0
    assert ("landscape: 76 participants are more than a browser draws at once (over 70): the map draws the units "
            "of each level of scale (the level control switches level), with the ties between them; nobody is "
            "drawn one by one. Give --unfold to draw every person.") in result.stderr
    assert '"view":"units"' in (tmp_path / "folded.html").read_text("utf-8").replace(" ", "")
    result = run("map", sample, "-o", str(tmp_path / "all.html"), "--unfold")
    assert result.exit_code == 0 and "browser draws" not in result.stderr

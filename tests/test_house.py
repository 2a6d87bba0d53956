"""The house holds: one-way floors, only the CLI imports click, no module or function too long."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "landscape"

#: The floors, lowest first: a module may import from its own floor or a lower one, never a higher.
FLOORS = {"_version": 0, "errors": 0, "progress": 0, "stats": 0, "io": 1, "schema": 2, "model": 3, "survey": 3, "passes": 4, "findings": 5,
          "analysis": 6, "render": 7, "cli": 8, "cli_options": 8, "cli_survey": 8,
          "__main__": 9}
LONGEST_MODULE = 800
LONGEST_FUNCTION = 120


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py"))


def _floor_of(module: str) -> int | None:
    """The floor of ``landscape.x.y`` (None for the package itself, the public facade)."""
    parts = module.split(".")
    if parts[0] != "landscape" or len(parts) == 1:
        return None
    return FLOORS[parts[1]]


def _name_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module imported anywhere in the file (module level and inside functions), by line.

    Imports under ``if TYPE_CHECKING:`` are left out: they name types for annotations and never
    run, so they make no dependency between floors (errors.py names the ValidationReport type)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING":
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names
                      if (PACKAGE.parent / node.module.replace(".", "/") / alias.name).exists()
                      or (PACKAGE.parent / node.module.replace(".", "/") / f"{alias.name}.py").exists()]
    return found


def test_every_module_has_a_floor() -> None:
    for path in _modules():
        name = _name_of(path)
        if name != "landscape":
            assert name.split(".")[1] in FLOORS, f"{name}: add its floor to FLOORS"


def test_no_module_imports_from_a_floor_above_its_own() -> None:
    broken = []
    for path in _modules():
        name = _name_of(path)
        own = _floor_of(name)
        if own is None:
            continue  # the facade: it names everything, lazily
        for line, imported in _imports(path):
            floor = _floor_of(imported) if imported.startswith("landscape") else None
            if imported == "landscape" and name.split(".")[1] not in ("cli", "cli_options", "cli_survey", "__main__"):
                broken.append(f"{path.name}:{line} imports the public facade 'landscape'")
            elif floor is not None and floor > own:
                broken.append(f"{name}:{line} (floor {own}) imports {imported} (floor {floor})")
    assert broken == []


def test_only_the_cli_imports_click_and_the_cli_imports_only_the_public_package() -> None:
    command_line = {"landscape.cli", "landscape.cli_options", "landscape.cli_survey"}
    for path in _modules():
        name = _name_of(path)
        clicks = [line for line, imported in _imports(path) if imported.split(".")[0] == "click"]
        if name not in command_line:
            assert clicks == [], f"{name} imports click at line(s) {clicks}"
    for module in ("cli.py", "cli_options.py", "cli_survey.py"):
        ours = {imported for _, imported in _imports(PACKAGE / module) if imported.startswith("landscape")}
        assert ours <= {"landscape"} | command_line, module


def test_no_module_or_function_is_too_long() -> None:
    long_modules, long_functions = [], []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONGEST_MODULE:
            long_modules.append(f"{_name_of(path)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if length > LONGEST_FUNCTION:
                    long_functions.append(f"{_name_of(path)}.{node.name}: {length} lines")
    assert long_modules == [] and long_functions == []


def test_the_cli_is_thin() -> None:
    assert (PACKAGE / "cli.py").read_text(encoding="utf-8").count("\n") < 400


def test_the_floor_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The layering test is only worth having if it fails: an import inside a function counts."""
    module = tmp_path / "passes_x.py"
    module.write_text("def f():\n    from landscape.render.html import map_html\n    return map_html\n")
    assert _imports(module) == [(2, "landscape.render.html")]
    assert _floor_of("landscape.render.html") > FLOORS["passes"]


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_python_dash_m_landscape(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "landscape", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert ("Usage: landscape" in result.stdout) if args == ["--help"] else result.stdout.startswith("landscape, version")


def test_notebook_display_is_registered_by_name_without_importing_results() -> None:
    from landscape.render.notebook import DISPLAYED, register

    registered = []

    class Formatter:
        def for_type_by_name(self, module: str, name: str, function: object) -> None:
            registered.append((module, name, callable(function)))

    class Shell:
        display_formatter = type("Display", (), {"formatters": {"text/html": Formatter()}})()

    assert register(Shell()) is True
    assert registered == [(module, name, True) for module, name, _ in DISPLAYED]
    import importlib

    for module, name, _ in DISPLAYED:  # every name registered exists where it is said to be
        assert hasattr(importlib.import_module(module), name)


def test_validate_loads_only_what_it_needs() -> None:
    """Start-up is part of the experience (issue 22): checking a workbook reads it with calamine and
    checks it with pandas; it never imports networkx, openpyxl or scipy.stats."""
    import subprocess
    import sys

    from landscape import sample_path

    code = ("import sys; from click.testing import CliRunner; from landscape.cli import main; "
            f"r = CliRunner().invoke(main, ['validate', {str(sample_path('clinical-simulation'))!r}]); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('networkx', 'openpyxl', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_atlas_loads_only_what_it_needs(tmp_path) -> None:
    """The small atlas should feel instant (issue 22): it measures with landscape.stats, not
    scipy.stats (0.4 s of imports), takes vis-network's file from pyvis's folder without importing
    pyvis (which imports IPython and jinja2), and writes its workbook without openpyxl."""
    import subprocess
    import sys

    from landscape import sample_path

    code = ("import sys; from click.testing import CliRunner; from landscape.cli import main; "
            f"r = CliRunner().invoke(main, ['atlas', {str(sample_path('clinical-simulation'))!r}, "
            f"'-o', {str(tmp_path / 'atlas')!r}]); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('scipy.stats', 'pyvis', 'IPython', 'jinja2', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert (tmp_path / "atlas" / "atlas.html").stat().st_size > 100_000  # vis-network is in the page

"""The wheel: a non-editable install in a fresh virtual environment finds its schemas and samples."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, check=False)


def test_wheel_installed_in_a_fresh_venv_works_from_another_folder(tmp_path: Path) -> None:
    # Build from a copy, so that the build writes nothing into the working tree.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", "*.egg-info", "__pycache__", ".venv*",
                                                                 ".pytest_cache", ".hypothesis", "build", "dist"))
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", tmp_path / "dist",
                 source, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("landscape-*.whl")

    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("landscape/schemas/participants.schema.json", "landscape/schemas/validation-report.schema.json",
                     "landscape/samples/clinical-simulation.xlsx", "landscape/samples/krackhardt-hightech/README.md",
                     "landscape/render/assets/map.js", "landscape/findings/phrases.py", "landscape/py.typed"):
        assert expected in names, expected
    assert not any(name.startswith("landscape/samples/build/") for name in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
                     cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # The fresh environment gets its dependencies (networkx, pandas...) from this one, by path; a .pth
    # line adds a folder without running anything in it, so this environment's own landscape (an
    # editable install hooks in through a .pth file there) stays out of sight.
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                        cwd=tmp_path).stdout.strip())
    (purelib / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(python, "-c", "import landscape, landscape.schemas; print(landscape.__file__);"
                 " print(landscape.schemas.__file__)", cwd=elsewhere)
    assert where.returncode == 0, where.stderr
    assert all(line.startswith(str(env_dir)) for line in where.stdout.splitlines())

    script = env_dir / "bin" / "landscape"
    report = _run(script, "validate", REPO / "samples" / "krackhardt-hightech", "--format", "json", cwd=elsewhere)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["participants"] == 21
    demo = _run(script, "demo", "--out", "demo", cwd=elsewhere)
    assert demo.returncode == 0, demo.stderr
    assert sorted(path.name for path in (elsewhere / "demo").iterdir()) == [
        "atlas.html", "clinical-simulation.xlsx", "map-boundaries.svg", "map-leadership.svg", "map-power.svg", "map-scale.svg", "map-value.svg", "map-voices.svg", "metrics.xlsx", "report.html",
        "report.md"]

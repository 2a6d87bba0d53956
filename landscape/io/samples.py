"""The sample inputs shipped with landscape (``samples/`` in the repository)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SAMPLES", "sample_path"]

#: Bundled samples: name -> (file or folder inside samples/, one-line description).
SAMPLES: dict[str, tuple[str, str]] = {
    "clinical-simulation": (
        "clinical-simulation.xlsx",
        "An inter-professional clinical-simulation partnership of two universities and a teaching "
        "hospital (fictional, written for landscape).",
    ),
    "clinical-simulation-csv": (
        "clinical-simulation",
        "The same partnership as a folder of CSV files.",
    ),
    "krackhardt-hightech": (
        "krackhardt-hightech",
        "Krackhardt's (1987) 21 high-tech managers: advice, friendship and reports-to ties.",
    ),
    "freeman-eies": (
        "freeman-eies",
        "Freeman's EIES researchers (1978-79): acquaintance at the start and the end of the study, "
        "as two waves (t1, t2).",
    ),
    "peer-circle": (
        "peer-circle",
        "A peer-learning circle of nurses on two wards and their educators, mapped three times "
        "(2023, 2024, 2025; fictional, small enough to check by hand).",
    ),
}


def sample_path(name: str) -> Path:
    """The path of a bundled sample, by name.

    >>> sample_path("clinical-simulation").name
    'clinical-simulation.xlsx'
    """
    if name not in SAMPLES:
        raise KeyError(f"no sample named {name!r}; the samples are {', '.join(SAMPLES)}")
    return Path(str(resources.files("landscape.samples").joinpath(SAMPLES[name][0])))

"""Progress on long work: one way to report it, from reading the input to writing the atlas.

A :data:`Progress` is told of each step: its name when it starts (seconds None), then the seconds
it took. The library says nothing by default (:func:`quiet`); the command line prints on stderr.

>>> seen = []
>>> step(lambda name, seconds: seen.append((name, seconds is None)), "counting", lambda: 2 + 2)
4
>>> seen
[('counting', True), ('counting', False)]
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Progress", "quiet", "step"]

Progress = Callable[[str, "float | None"], None]
T = TypeVar("T")


def quiet(name: str, seconds: float | None) -> None:
    """A :data:`Progress` that reports nothing."""


def step(progress: Progress, name: str, work: Callable[[], T]) -> T:
    """Run ``work`` as one step of a longer job, telling ``progress`` when it starts and ends."""
    progress(name, None)
    start = time.perf_counter()
    result = work()
    progress(name, time.perf_counter() - start)
    return result

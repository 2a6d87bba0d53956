"""The story: the facilitator's own steps for the atlas's guided tour, in the order they are told."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from landscape.schema.tables import ROW, Table

__all__ = ["StoryStep", "story_steps"]


@dataclass(frozen=True)
class StoryStep:
    """One step of the story, as the Story sheet gives it.

    ``number`` is the step's place in the tour (1, 2, 3...); ``step`` the number the sheet gave
    (None when blank) and ``row`` the spreadsheet row. ``people`` are participant ids (the sheet
    may name people by name: validation resolves them); ``groups`` are as written, matched as
    groups are everywhere. ``view`` is ``voices``, ``power``, ``boundaries``, ``scale`` or None.
    """

    number: int
    step: float | int | None
    row: int
    title: str | None
    text: str | None
    view: str | None
    people: tuple[str, ...]
    groups: tuple[str, ...]
    question: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "step": self.step, "row": self.row, "title": self.title, "text": self.text,
                "view": self.view, "people": list(self.people), "groups": list(self.groups),
                "question": self.question}


def story_steps(table: Table | None) -> tuple[StoryStep, ...]:
    """The steps of a story table in the order they are told: by step number; a row with a blank
    step comes right after the row above it (so a sheet without numbers keeps the order of its
    rows); rows with one number keep the order of the rows.

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> frame = pd.DataFrame({"step": [2, None, 1], "title": ["b", "c", "a"], "_row": [2, 3, 4]}, dtype=object)
    >>> [(s.number, s.title) for s in story_steps(SimpleNamespace(frame=frame, complete=True))]
    [(1, 'a'), (2, 'b'), (3, 'c')]
    """
    if table is None or not table.complete:
        return ()
    frame = table.frame
    records = frame.to_dict("records")
    order: list[tuple[float, int, dict[str, Any]]] = []
    placed = float("-inf")  # rows above the first number come first
    for position, record in enumerate(records):
        step = _present(record.get("step"))
        if step is not None:
            placed = float(step)
        order.append((placed, position, record))
    order.sort(key=lambda item: (item[0], item[1]))
    steps = []
    for number, (_, _, record) in enumerate(order, start=1):
        steps.append(StoryStep(
            number=number,
            step=_present(record.get("step")),
            row=int(record[ROW]),
            title=_present(record.get("title")),
            text=_present(record.get("text")),
            view=_present(record.get("view")),
            people=tuple(_present(record.get("people")) or ()),
            groups=tuple(_present(record.get("groups")) or ()),
            question=_present(record.get("question")),
        ))
    return tuple(steps)


def _present(value: Any) -> Any:
    """The value, or None for a blank cell (None, or pandas' NaN in a column of numbers)."""
    if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)):
        return None
    return value

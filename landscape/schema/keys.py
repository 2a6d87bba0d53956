"""Finding the row a cell names: by key, or by a unique name, with "did you mean" for misses.

The relationships name participants by id (or by a name only one participant has), and so does
the story; :class:`KeyIndex` answers both, and suggests the ids or names a miss is most like.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from typing import Any

from landscape.schema.tables import ROW, Table, columns_of

__all__ = ["KeyIndex", "name_key"]

#: At most this many distinct unknown names get "did you mean" suggestions (each costs a scan).
_SUGGESTION_LIMIT = 200
#: How alike (difflib's ratio) an id or name must be to be suggested.
_CLOSE = 0.75


def name_key(name: Any) -> str:
    """A name as names are matched: runs of spaces as one, case folded, ends trimmed.

    >>> name_key("  Chen   WEI ")
    'chen wei'
    """
    return re.sub(r"\s+", " ", str(name)).casefold().strip()


class KeyIndex:
    """The rows of a table by key, and by unique name, with "did you mean" hints for misses."""

    def __init__(self, target: Table, key: str, or_unique: str | None) -> None:
        self.target = target
        frame = target.frame
        self.ids = {value: int(row) for value, row in zip(*columns_of(frame, key, ROW)) if value is not None}
        self._key, self._or_unique = key, or_unique
        self._folded: dict[str, str] | None = None
        self._unpadded: dict[str, str] = {}
        self._hints: dict[Any, str] = {}

    @functools.cached_property
    def _names(self) -> tuple[dict[str, list[tuple[Any, int]]], dict[Any, Any]]:
        # Made the first time a value is not an id (most inputs name everyone by id).
        by_name: dict[str, list[tuple[Any, int]]] = defaultdict(list)
        label: dict[Any, Any] = {}
        frame = self.target.frame
        if self._or_unique and self._or_unique in frame:
            for value, name, row in zip(*columns_of(frame, self._key, self._or_unique, ROW)):
                if value is not None and name is not None:
                    by_name[name_key(name)].append((value, int(row)))
                    label[value] = name
        return by_name, label

    @functools.cached_property
    def _id_text(self) -> list[str]:
        # The ids as text, for hints only: made at the first miss.
        return [str(value) for value in self.ids]

    @property
    def by_name(self) -> dict[str, list[tuple[Any, int]]]:
        """The rows by name (:func:`name_key`), as (key, row), for names that are not ids."""
        return self._names[0]

    @property
    def label(self) -> dict[Any, Any]:
        """The name of each key."""
        return self._names[1]

    def hint(self, value: Any) -> str:
        """Ids or names like ``value`` (at most three), as ``P-003 (Chen Wei)``; empty if none."""
        if value in self._hints:
            return self._hints[value]
        if len(self._hints) >= _SUGGESTION_LIMIT:
            return ""
        if self._folded is None:
            self._folded = {candidate.casefold(): candidate for candidate in self._id_text}
            # Excel drops the leading zeros of ids it takes for numbers: 007 arrives as 7
            self._unpadded = {candidate.lstrip("0"): candidate for candidate in self._id_text
                              if candidate[:1] == "0" and candidate.isdigit()}
        text = str(value)
        found: list[Any] = []
        if text.casefold() in self._folded:
            found.append(self._folded[text.casefold()])
        if text.isdigit() and text.lstrip("0") in self._unpadded:
            found.append(self._unpadded[text.lstrip("0")])
        found += difflib.get_close_matches(text, self._id_text, n=3, cutoff=_CLOSE)
        for name in difflib.get_close_matches(name_key(text), list(self.by_name), n=2, cutoff=_CLOSE):
            found.append(self.by_name[name][0][0])
        hint = " or ".join(self._describe(candidate) for candidate in list(dict.fromkeys(found))[:3])
        self._hints[value] = hint
        return hint

    def _describe(self, candidate: Any) -> str:
        name = self.label.get(candidate)
        return f"{candidate} ({name})" if name not in (None, candidate) else str(candidate)

"""The roster a survey is built from and answered against: who can be named, and how a name
written in a form is matched to one of them.

A form tool gives back what people typed or picked: ``Ana Silva``, ``ana  silva``, ``Ána Silva``,
``P003``, ``ana.silva@example.org`` or ``Ana Silva (P003)`` (how :func:`landscape.write_survey`
writes a name two people share). :class:`Roster` matches each of them to one participant, with
case, accents, spacing and punctuation ignored; a name that fits two participants is ambiguous,
never guessed, and a name that fits nobody gets the nearest names as suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from landscape.errors import InvalidLandscape
from landscape.schema.cells import text_of
from landscape.schema.contract import normalise_header
from landscape.schema.tables import ROW, Table, columns_of
from landscape.schema.validate import read_participants

__all__ = ["Match", "Person", "Roster", "match_key", "read_roster"]

#: Headers of a participants column that holds e-mail addresses (after normalise_header).
EMAIL_HEADERS = ("email", "e_mail", "mail", "email_address", "e_mail_address", "emailaddress")
#: How alike (difflib's ratio of the matching keys) a name must be to be suggested.
_CLOSE = 0.7
_NAME_WITH_ID = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def match_key(text: Any) -> str:
    """A written name as names are matched: accents, case, spaces and punctuation ignored.

    >>> match_key("  Ána  SILVA "), match_key("ana-silva"), match_key("O'Brien, Seán")
    ('anasilva', 'anasilva', 'obriensean')
    """
    decomposed = unicodedata.normalize("NFKD", text_of(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char for char in plain.casefold() if char.isalnum())


@dataclass(frozen=True)
class Person:
    """One participant of the roster: id, the name shown, e-mail if the roster has one, the row."""

    id: str
    name: str
    row: int
    email: str | None = None

    def __str__(self) -> str:
        return self.name if self.name == self.id else f"{self.name} ({self.id})"


@dataclass(frozen=True)
class Match:
    """What a written name matched: one person, several (ambiguous), or nobody (with suggestions)."""

    text: str
    person: Person | None = None
    candidates: tuple[Person, ...] = ()
    suggestions: tuple[Person, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def hint(self) -> str:
        """The plain-words tail of a message about a name that did not match one person."""
        if self.ambiguous:
            return ("it is the name of " + " and ".join(map(str, self.candidates))
                    + "; write the id, or the name with the id in brackets")
        if self.suggestions:
            return "did you mean " + " or ".join(map(str, self.suggestions)) + "?"
        return "no participant has a name like it"


class Roster:
    """The participants of a roster, indexed for matching written names.

    Examples
    --------
    >>> roster = Roster([Person("P1", "Ana Silva", 2), Person("P2", "Ben Okafor", 3), Person("P3", "Ben Okafor", 4)])
    >>> roster.match("ANA SÍLVA").person.id, roster.match("Ben Okafor (P3)").person.id
    ('P1', 'P3')
    >>> roster.match("Ben Okafor").ambiguous, str(roster.match("Ana Silvia").suggestions[0])
    (True, 'Ana Silva (P1)')
    """

    def __init__(self, people: list[Person], *, table: Table | None = None, source: str = "") -> None:
        self.people = people
        self.table = table
        self.source = source
        self.by_id = {person.id: person for person in people}
        self._keys: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            for text in (person.id, person.name, person.email):
                key = match_key(text) if text else ""
                if key and person not in self._keys[key]:
                    self._keys[key].append(person)
        self._cache: dict[str, Match] = {}

    def match(self, text: Any) -> Match:
        """The participant ``text`` names (by id, name, e-mail or ``Name (id)``)."""
        written = text_of(text)
        if written in self._cache:
            return self._cache[written]
        found = self._match(written)
        self._cache[written] = found
        return found

    def _match(self, written: str) -> Match:
        if written in self.by_id:
            return Match(written, self.by_id[written])
        with_id = _NAME_WITH_ID.match(written)
        if with_id and with_id.group(2).strip() in self.by_id:
            return Match(written, self.by_id[with_id.group(2).strip()])
        people = self._keys.get(match_key(written), [])
        if len(people) == 1:
            return Match(written, people[0])
        if people:
            return Match(written, candidates=tuple(people))
        return Match(written, suggestions=self._near(written))

    def _near(self, written: str) -> tuple[Person, ...]:
        key = match_key(written)
        if not key:
            return ()
        found: list[Person] = []
        for near in difflib.get_close_matches(key, list(self._keys), n=3, cutoff=_CLOSE):
            found += [person for person in self._keys[near] if person not in found]
        return tuple(found[:3])

    def choices(self) -> list[tuple[Person, str]]:
        """Each person with the label a form's choice list shows: the name, or ``Name (id)`` when
        another person has a name that matches it, so that every choice is unique.

        >>> Roster([Person("1", "Ana", 2), Person("2", "ana", 3), Person("3", "Ben", 4)]).choices()[1][1]
        'ana (2)'
        """
        shared = defaultdict(int)
        for person in self.people:
            shared[match_key(person.name)] += 1
        return [(person, f"{person.name} ({person.id})" if shared[match_key(person.name)] > 1 else person.name)
                for person in self.people]


def read_roster(path: str | Path) -> Roster:
    """Read a participants file, workbook or folder as a roster to survey or to import against.

    Raises
    ------
    InvalidLandscape
        The participants table has errors (its report lists every one).
    UnreadableFile, SheetNotFound
        It cannot be read, or holds no participants table.
    """
    table, report = read_participants(path)
    if not report.valid:
        raise InvalidLandscape(report)
    frame = table.frame
    email = next((column for column in frame.columns if normalise_header(column) in EMAIL_HEADERS), None)
    emails = frame[email].tolist() if email else [None] * len(frame)
    people = [Person(str(pid), text_of(name) if name is not None else str(pid), int(row),
                     text_of(address) if address is not None else None)
              for pid, name, row, address in zip(*columns_of(frame, "id", "name", ROW), emails)]
    return Roster(people, table=table, source=str(path))

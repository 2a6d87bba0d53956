"""The story as the atlas page holds it: the facilitator's own steps for the guided tour, each with
the view to show and the people and groups to point at, named as the page names them.

The landscape given is the one the page draws (shared: consent honoured, anonymised if asked),
whose story :mod:`landscape.model.sharing` has already made safe to show; here people who did not
consent are left out of every focus once more, as :func:`~landscape.render.views.base.findings_shown`
does for findings, so that no step singles them out whatever landscape it is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from landscape.model import Landscape
from landscape.passes.groups import find_attribute, grouping
from landscape.render.views.base import DEFAULT_COLOUR_ATTRIBUTES, colour_attribute, withheld_ids
from landscape.schema.cells import group_key

__all__ = ["story_data"]

#: Participant columns that never name a group.
_NOT_GROUPS = frozenset({"id", "name", "consent", "_row"})


def story_data(landscape: Landscape) -> list[dict[str, Any]] | None:
    """The story's steps in the order they are told, or None when the input has no story (or a
    Story sheet without steps: the tour then steps through the findings).

    Each step is ``{"step": 1, "title": str, "text": str, "view": "voices" | "power" |
    "boundaries" | "scale" | None, "question": str, "focus": {"people": [pid...], "groups":
    [group...], "ties": []}}``: ``step`` counts from 1 in the order shown; blank text is ``""``;
    ``people`` are the page's ``pid`` values (pseudonyms when anonymised), without anyone who did
    not consent; ``groups`` are spelled as the step's view shows them (a group nobody on the map
    has, and no roster or Communities row names, is left out: validation warned about it).

    >>> import landscape
    >>> steps = story_data(landscape.load(landscape.sample_path("clinical-simulation")))
    >>> steps[2]["view"], steps[2]["focus"]["people"]
    ('power', ['P014'])
    """
    if not landscape.story:
        return None
    hidden = withheld_ids(landscape)
    present = {str(node) for node in landscape.graph.nodes}
    declared = _declared_groups(landscape)
    steps = []
    for step in landscape.story:
        people = [pid for pid in dict.fromkeys(str(person) for person in step.people)
                  if pid in present and pid not in hidden]
        groups: list[str] = []
        for group in step.groups:
            name = next((found for attribute in _attributes(landscape, step.view)
                         if (found := grouping(landscape, attribute).name_of(group)) is not None),
                        declared.get(group_key(group)))
            if name is not None and name not in groups:
                groups.append(name)
        steps.append({"step": step.number, "title": step.title or "", "text": step.text or "", "view": step.view,
                      "question": step.question or "", "focus": {"people": people, "groups": groups, "ties": []}})
    return steps


def _attributes(landscape: Landscape, view: str | None) -> Iterator[str]:
    """The participant columns a group of a step is looked for in: first the one the step's view
    groups people by (so that it is spelled as that view shows it), then every other one."""
    settings = landscape.settings
    first = {"voices": settings.voices_attribute, "power": colour_attribute(landscape, None)}.get(
        view or "", settings.grouping_attribute)
    columns = [column for column in landscape.participants.columns if column not in _NOT_GROUPS]
    seen = set()
    for name in (first, settings.grouping_attribute, settings.voices_attribute, *DEFAULT_COLOUR_ATTRIBUTES, *columns):
        found = find_attribute(landscape, name) if name else None
        if found is not None and found not in seen and found not in _NOT_GROUPS:
            seen.add(found)
            yield found


def _declared_groups(landscape: Landscape) -> dict[str, str]:
    """Groups nobody drawn belongs to that the input names all the same: voices on the roster (an
    empty chair carries its roster spelling) and the Communities sheet's units."""
    declared: dict[str, str] = {}
    for voice in landscape.expected_voices:
        declared.setdefault(group_key(voice.group), voice.group)
    communities = landscape.tables.communities
    if communities is not None and communities.complete:
        for column in ("community", "parent"):
            if column in communities.frame:
                for value in communities.frame[column].tolist():
                    if isinstance(value, str) and value.strip():
                        declared.setdefault(group_key(value), " ".join(value.split()))
    return declared

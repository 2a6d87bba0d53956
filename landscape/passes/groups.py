"""Groups: how a participant attribute becomes groups of people, in one place.

Every pass, view, legend and file that groups people (Voices by stakeholder group, Boundaries by
community or organisation, Scale at every level, Continuity across waves, the consent rule, the
workbook) asks :func:`grouping`, so that the same data give the same groups everywhere:

- the attribute a user typed is found once, by its name or its header form (``"Stakeholder
  group"`` is ``stakeholder_group``);
- two values are one group when :func:`~landscape.schema.cells.group_key` says so (Unicode NFC,
  case and runs of spaces folded, ``27.0`` is ``27``); the group is shown in the spelling most of
  its members have (the first seen on a tie);
- a cell may hold several groups (``community`` is read as a list; any text with ``;`` is split);
- people with no value are *ungrouped*: they are listed, never silently dropped.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from landscape.errors import UnknownAttribute
from landscape.schema import normalise_header
from landscape.schema.cells import group_key, value_label

if TYPE_CHECKING:  # pragma: no cover
    from landscape.model import Landscape

__all__ = ["Grouping", "attribute_values", "find_attribute", "group_key", "group_values", "grouping", "share_spellings",
           "value_label"]


def find_attribute(landscape: Landscape, attribute: str) -> str | None:
    """The participant column ``attribute`` names (as typed, or in its header form), or None.

    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("clinical-simulation"))
    >>> find_attribute(land, "Stakeholder group"), find_attribute(land, "shoe size")
    ('stakeholder_group', None)
    """
    columns = set(landscape.participants.columns) | set(landscape.attributes())
    for name in (attribute, normalise_header(attribute)):
        if name in columns and name != "_row":
            return name
    return None


def attribute_values(
    landscape: Landscape, attribute: str, *, required: bool = True
) -> dict[Hashable, tuple[Any, ...]]:
    """Each participant's raw values of ``attribute`` as a tuple: one value, several, or none.

    The attribute is found by :func:`find_attribute`. A column that exists but is blank
    everywhere is not an error: everyone gets ``()``. Text holding several values separated by
    ``;`` gives several values, in every column as in ``community``. Use :func:`grouping` to turn
    the values into groups; this is for measures that need the values themselves (levels).

    Raises
    ------
    UnknownAttribute
        ``required`` and the participants table has no such column.
    """
    graph = landscape.graph
    found = find_attribute(landscape, attribute)
    if found is None:
        if not required:
            return {node: () for node in graph.nodes}
        known = ", ".join(landscape.attributes()) or "none"
        raise UnknownAttribute(f"no participant has an attribute {attribute!r}; the attributes are: {known}")
    values: dict[Hashable, tuple[Any, ...]] = {}
    for node, value in graph.nodes(data=found):
        if value is None:
            values[node] = ()
        elif isinstance(value, tuple):
            values[node] = value
        elif isinstance(value, str) and ";" in value:
            values[node] = tuple(dict.fromkeys(part.strip() for part in value.split(";") if part.strip()))
        else:
            values[node] = (value,)
    return values


@dataclass(frozen=True, eq=False)
class Grouping:
    """People grouped by one attribute.

    ``memberships`` maps every participant (in the landscape's order) to their groups, each named
    once in its shown spelling; ``spellings`` maps each group to every spelling the data use,
    the shown one first.
    """

    attribute: str
    found: bool
    memberships: Mapping[Hashable, tuple[str, ...]]
    spellings: Mapping[str, tuple[str, ...]]

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """Every group, sorted as a person would sort them (case-folded)."""
        return tuple(sorted(self.spellings, key=lambda name: (name.casefold(), name)))

    @cached_property
    def keys(self) -> dict[str, str]:
        """Each group's identity key, by group name."""
        return {name: group_key(name) for name in self.spellings}

    @cached_property
    def _by_key(self) -> dict[str, str]:
        return {key: name for name, key in self.keys.items()}

    def name_of(self, value: Any) -> str | None:
        """The group a value (typed anywhere: a roster, an option) belongs to, or None.

        >>> g = Grouping("community", True, {"a": ("Nursing",)}, {"Nursing": ("Nursing", "nursing")})
        >>> g.name_of("NURSING "), g.name_of("Pharmacy")
        ('Nursing', None)
        """
        return self._by_key.get(group_key(value))

    @cached_property
    def members(self) -> dict[str, tuple[Hashable, ...]]:
        """Each group's members, in the landscape's order."""
        found: dict[str, list[Hashable]] = {name: [] for name in self.groups}
        for node, names in self.memberships.items():
            for name in names:
                found[name].append(node)
        return {name: tuple(people) for name, people in found.items()}

    @cached_property
    def sizes(self) -> dict[str, int]:
        return {name: len(people) for name, people in self.members.items()}

    @cached_property
    def ungrouped(self) -> tuple[Hashable, ...]:
        """Participants with no value for the attribute."""
        return tuple(node for node, names in self.memberships.items() if not names)

    @cached_property
    def variants(self) -> dict[str, tuple[str, ...]]:
        """The groups written in more than one way, with their spellings."""
        return {name: spelled for name, spelled in self.spellings.items() if len(spelled) > 1}

    def first(self) -> dict[Hashable, str | None]:
        """Each person's first group (the first listed in their cell), None when ungrouped."""
        return {node: (names[0] if names else None) for node, names in self.memberships.items()}


def grouping(landscape: Landscape, attribute: str, *, required: bool = True) -> Grouping:
    """People grouped by ``attribute``: one rule for every pass, view and file.

    Parameters
    ----------
    landscape : Landscape
    attribute : str
        A participant column, by its name or header form (``organisation``, ``"Stakeholder
        group"``).
    required : bool
        When True an attribute nobody has is an error; when False everyone is ungrouped.

    Raises
    ------
    UnknownAttribute
        ``required`` and no participant column is called ``attribute``.

    Examples
    --------
    >>> import landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> g = grouping(land, "Department")
    >>> g.attribute, g.groups, g.sizes["1"], len(g.ungrouped)
    ('department', ('0', '1', '2', '3', '4'), 5, 0)
    """
    found = find_attribute(landscape, attribute)
    name = found or normalise_header(attribute) or attribute
    if found is None and required:
        attribute_values(landscape, attribute, required=True)  # raises UnknownAttribute, naming the attributes
    cache = _GROUPINGS.setdefault(landscape, {})
    if name in cache:
        return cache[name]
    values = attribute_values(landscape, attribute, required=required)
    result = group_values(name, values, found=found is not None)
    cache[name] = result
    return result


def share_spellings(landscapes: Sequence[Landscape], attribute: str) -> None:
    """Group ``attribute`` over several landscapes at once (the waves of one landscape), so that a
    group has one name in all of them: the spelling most people have across the waves.

    Each landscape's :func:`grouping` of ``attribute`` is then this one: Continuity compares
    groups by name, and ``Nursing`` in one wave must not be a different group from ``nursing`` in
    the next.
    """
    values: dict[tuple[int, Hashable], tuple[Any, ...]] = {}
    for index, land in enumerate(landscapes):
        for node, raw in attribute_values(land, attribute, required=False).items():
            values[(index, node)] = raw
    joint = group_values(attribute, values)
    for index, land in enumerate(landscapes):
        found = find_attribute(land, attribute)
        memberships = {node: joint.memberships[(index, node)] for node in land.graph.nodes}
        used = dict.fromkeys(name for names in memberships.values() for name in names)
        name = found or normalise_header(attribute) or attribute
        _GROUPINGS.setdefault(land, {})[name] = Grouping(attribute=name, found=found is not None, memberships=memberships,
                                                          spellings={group: joint.spellings[group] for group in used})


#: Each landscape's groupings, made once and shared (a Grouping is immutable); dropped with it.
_GROUPINGS: weakref.WeakKeyDictionary[Any, dict[str, Grouping]] = weakref.WeakKeyDictionary()


def group_values(attribute: str, values: Mapping[Hashable, Iterable[Any]], *, found: bool = True) -> Grouping:
    """The grouping of each person's raw values: keys decide identity, the most frequent spelling
    names a group (units of scale derived from the Communities sheet are grouped this way too).

    >>> g = group_values("team", {"a": ("Ward 7",), "b": ("ward  7",), "c": ("Ward 7", "ICU"), "d": ()})
    >>> g.groups, g.memberships["b"], g.spellings["Ward 7"], g.ungrouped
    (('ICU', 'Ward 7'), ('Ward 7',), ('Ward 7', 'ward 7'), ('d',))
    """
    counts: dict[str, Counter[str]] = {}
    keyed: dict[Hashable, tuple[str, ...]] = {}
    key_of: dict[str, str] = {}  # each label's key, worked out once: the labels repeat down the column
    for node, raw in values.items():
        keys: dict[str, None] = {}
        for value in raw:
            label = " ".join(value_label(value).split())
            if not label:
                continue
            key = key_of.get(label)
            if key is None:
                key = key_of[label] = group_key(label)
            if key in keys:
                continue
            keys[key] = None
            spelled = counts.get(key)
            if spelled is None:
                spelled = counts[key] = Counter()
            spelled[label] += 1
        keyed[node] = tuple(keys)
    # Counter.most_common keeps first-seen order among equal counts: the shown spelling is the
    # most frequent one, and the first seen when two are as frequent.
    shown = {key: [label for label, _ in spelled.most_common()] for key, spelled in counts.items()}
    memberships = {node: tuple(shown[key][0] for key in keys) for node, keys in keyed.items()}
    spellings = {labels[0]: tuple(labels) for labels in shown.values()}
    return Grouping(attribute=attribute, found=found, memberships=memberships, spellings=spellings)

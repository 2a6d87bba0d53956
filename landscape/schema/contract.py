"""The data contract: the JSON Schemas in ``schemas/``, loaded once and read by the validator.

The rules (which columns exist, their types and ranges, their synonyms, keys between tables) live
in the schema files, not in Python. Besides standard JSON Schema keywords, the files use a few
``x-`` annotations that JSON Schema itself ignores:

``x-table``
    ``name``, ``required`` (must the input have this table?), ``empty`` (is a table with no rows
    an ``error`` or a ``warning``?), ``sheet-names`` (names the sheet or
    CSV file may have), ``primary-key``, ``foreign-keys`` (``field`` refers to ``table.key``, or to
    a participant of that unique ``or-unique`` name), ``direction-column-values``.
``x-aliases``
    Other headers that mean the same column (``Organization`` for ``organisation``).
``x-expected``
    What a valid value looks like, in words, for messages.
``x-separators``
    For list columns: what separates several values in one cell.
``x-normalise``
    ``lower`` (case does not matter) or ``identifier`` (case, spaces and hyphens do not matter).
``x-default-from``
    A blank cell takes the value of another column (a name defaults to the id).
``x-column-fallback``
    When the column is missing, another column serves (Kumu's Label as id).
``x-percent``
    ``25%`` is read as 0.25.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "SCHEMA_NAMES",
    "RELATION_KINDS",
    "TABLE_NAMES",
    "built_in_relation_kinds",
    "Field",
    "ForeignKey",
    "TableSchema",
    "load_schema",
    "normalise_header",
    "table_schemas",
]

#: The input tables, in the order they are read and reported.
TABLE_NAMES: tuple[str, ...] = ("participants", "relationships", "voices", "communities", "relation_types", "story",
                                "stories")
#: What a relationship type can mean (schemas/relation_types.schema.json).
RELATION_KINDS: tuple[str, ...] = ("learning", "formal", "negative", "leadership", "other")
#: Every schema shipped in ``schemas/``.
SCHEMA_NAMES: tuple[str, ...] = (*TABLE_NAMES, "validation-report", "analysis", "comparison")

_NOT_WORD = re.compile(r"[\W_]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def normalise_header(text: Any) -> str:
    """Reduce a header or sheet name to the form the schemas list it in: case, spaces,
    punctuation and camelCase do not matter; letters of every script are kept.

    >>> normalise_header("  Stakeholder Group "), normalise_header("StakeholderGroup"), normalise_header("ParticipantID")
    ('stakeholder_group', 'stakeholder_group', 'participant_id')
    >>> normalise_header("Région"), normalise_header("Имя"), normalise_header("From")
    ('région', 'имя', 'from')
    """
    text = unicodedata.normalize("NFKC", str(text)).strip()
    return _NOT_WORD.sub("_", _CAMEL.sub("_", text).casefold()).strip("_")


@functools.cache
def load_schema(name: str) -> Mapping[str, Any]:
    """The JSON Schema called ``name`` (``participants``, ``validation-report``...), as a dict."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"no schema named {name!r}; the schemas are {', '.join(SCHEMA_NAMES)}")
    text = resources.files("landscape.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Field:
    """One column of the contract, as its schema property describes it."""

    name: str
    schema: Mapping[str, Any]
    required: bool

    @property
    def type(self) -> str:
        return str(self.schema.get("type", "string"))

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(normalise_header(alias) for alias in self.schema.get("x-aliases", ()))

    @property
    def expected(self) -> str:
        return str(self.schema.get("x-expected", self.schema.get("description", "a value")))

    @property
    def default(self) -> Any:
        return self.schema.get("default")

    @property
    def default_from(self) -> str | None:
        return self.schema.get("x-default-from")

    @property
    def column_fallback(self) -> str | None:
        return self.schema.get("x-column-fallback")

    @property
    def separators(self) -> tuple[str, ...]:
        return tuple(self.schema.get("x-separators", (";",)))

    @property
    def normalise(self) -> str | None:
        return self.schema.get("x-normalise")

    @property
    def percent(self) -> bool:
        return bool(self.schema.get("x-percent", False))

    @property
    def enum(self) -> tuple[Any, ...] | None:
        values = self.schema.get("enum")
        return tuple(values) if values is not None else None


@dataclass(frozen=True)
class ForeignKey:
    """``field`` of this table names a row of ``table`` by its ``key`` (or a unique ``or_unique``)."""

    field: str
    table: str
    key: str
    or_unique: str | None = None


@dataclass(frozen=True)
class TableSchema:
    """A table of the contract: its fields and the rules between its rows and other tables."""

    name: str
    schema: Mapping[str, Any]

    @property
    def _table(self) -> Mapping[str, Any]:
        return self.schema.get("x-table", {})

    @functools.cached_property
    def fields(self) -> dict[str, Field]:
        required = set(self.schema.get("required", ()))
        return {
            name: Field(name=name, schema=prop, required=name in required)
            for name, prop in self.schema.get("properties", {}).items()
        }

    @property
    def required_table(self) -> bool:
        return bool(self._table.get("required", False))

    @property
    def empty_severity(self) -> str | None:
        """``error`` or ``warning`` when a table without rows is a problem; None when it is not."""
        return self._table.get("empty")

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(normalise_header(name) for name in self._table.get("sheet-names", (self.name,)))

    @property
    def primary_key(self) -> str | None:
        return self._table.get("primary-key")

    @property
    def foreign_keys(self) -> tuple[ForeignKey, ...]:
        return tuple(
            ForeignKey(field=fk["field"], table=fk["table"], key=fk["key"], or_unique=fk.get("or-unique"))
            for fk in self._table.get("foreign-keys", ())
        )

    @property
    def direction_values(self) -> frozenset[str]:
        return frozenset(self._table.get("direction-column-values", ()))

    @property
    def row_rules(self) -> dict[str, Any]:
        """Keywords that constrain a whole row (``anyOf``...), as a schema of their own."""
        per_cell = {"properties", "required", "type", "additionalProperties", "title", "description"}
        rules = {
            key: value
            for key, value in self.schema.items()
            if not key.startswith(("$", "x-")) and key not in per_cell
        }
        return rules

    @property
    def row_rules_expected(self) -> str:
        return str(self.schema.get("x-any-of-expected", "the columns this table needs"))

    @functools.cached_property
    def header_index(self) -> dict[str, tuple[str, bool]]:
        """Normalised header -> (field name, exact?). Exact names win over synonyms."""
        index: dict[str, tuple[str, bool]] = {}
        for field in self.fields.values():
            for alias in field.aliases:
                index.setdefault(alias, (field.name, False))
        for field in self.fields.values():
            index[normalise_header(field.name)] = (field.name, True)
        return index


@functools.cache
def built_in_relation_kinds() -> dict[str, str]:
    """The kind of every relationship type landscape knows without a Relation types table.

    >>> kinds = built_in_relation_kinds()
    >>> kinds["advice"], kinds["reports_to"], kinds["dislike"], kinds["friendship"]
    ('learning', 'formal', 'negative', 'other')
    """
    listed = load_schema("relation_types")["x-built-in-kinds"]
    return {name: kind for kind in RELATION_KINDS for name in listed.get(kind, ())}


@functools.cache
def table_schemas() -> dict[str, TableSchema]:
    """The input tables' schemas, by table name, in reading order."""
    return {name: TableSchema(name=name, schema=load_schema(name)) for name in TABLE_NAMES}

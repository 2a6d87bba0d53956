"""The data contract and validation: schemas, typed tables and the report of every problem."""

from landscape.schema.contract import TABLE_NAMES, load_schema, normalise_header, table_schemas
from landscape.schema.report import Issue, Severity, TableInfo, ValidationReport
from landscape.schema.tables import Table
from landscape.schema.validate import Tables, read_tables, validate

__all__ = [
    "TABLE_NAMES",
    "Issue",
    "Severity",
    "Table",
    "TableInfo",
    "Tables",
    "ValidationReport",
    "load_schema",
    "normalise_header",
    "read_tables",
    "table_schemas",
    "validate",
]

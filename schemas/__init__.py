"""The data contract: one JSON Schema per table, shipped inside the package as landscape.schemas."""

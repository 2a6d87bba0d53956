"""Bundled sample inputs, shipped inside the package as landscape.samples (see README.md)."""

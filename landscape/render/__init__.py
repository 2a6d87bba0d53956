"""Rendering: map data as plain values first, then the HTML page that draws it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from landscape.render.mapdata import map_data
from landscape.render.svgmap import view_svg, view_svgs

__all__ = ["map_data", "view_svg", "view_svgs", "write_map"]


def write_map(data: dict[str, Any], path: str | Path, *, redact: Mapping[str, str] | None = None) -> Path:
    """Write the map page for ``data`` to ``path``; see :func:`landscape.render.html.write_map`."""
    from landscape.render.html import write_map as write  # pyvis is imported only when a map is written

    return write(data, path, redact=redact)

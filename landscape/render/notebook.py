"""Inline display in Jupyter: the same offline pages, in an ``iframe`` whose ``srcdoc`` holds them.

No server is involved, and the frame is sandboxed: its scripts run, but it is a separate origin
that cannot reach the notebook.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["framed", "landscape_frame", "result_frame"]


def framed(page: str, height: int = 620) -> str:
    """A sandboxed iframe showing ``page`` (a whole HTML document).

    >>> framed("<p>x</p>", height=100)
    '<iframe srcdoc="&lt;p&gt;x&lt;/p&gt;" sandbox="allow-scripts allow-downloads" style="width: 100%; height: 100px; border: 1px solid #ddd;"></iframe>'
    """
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts allow-downloads" '
            f'style="width: 100%; height: {height}px; border: 1px solid #ddd;"></iframe>')


def landscape_frame(landscape: Any) -> str:
    """A Landscape's map, for ``Landscape._repr_html_``."""
    from landscape.render.html import map_html
    from landscape.render.mapdata import map_data

    return framed(map_html(map_data(landscape)))


def result_frame(name: str, result: Any) -> str:
    """One pass's findings and key numbers, as in the report, for a result's ``_repr_html_``."""
    from landscape.render.report import report_blocks, report_html

    return framed(report_html(report_blocks(f"{name.capitalize()}: findings", None, {name: result.to_dict()})))

"""Inline display in Jupyter: the same offline pages, in an ``iframe`` whose ``srcdoc`` holds them.

No server is involved, and the frame is sandboxed: its scripts run, but it is a separate origin
that cannot reach the notebook.

The model and the passes know nothing of notebooks: :func:`register` tells IPython how to show a
:class:`~landscape.model.Landscape` (its map) and each pass's result (its findings and key
numbers), by class name, so nothing is imported until something is shown. ``import landscape``
in a running IPython registers them; ``%load_ext landscape`` does it by hand.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["DISPLAYED", "framed", "landscape_frame", "register", "result_frame"]

#: What is shown inline: module, class and the pass whose findings it holds (None: the map).
DISPLAYED: tuple[tuple[str, str, str | None], ...] = (
    ("landscape.model.landscape", "Landscape", None),
    ("landscape.passes.voices", "VoicesResult", "voices"),
    ("landscape.passes.power", "PowerResult", "power"),
    ("landscape.passes.boundaries", "BoundariesResult", "boundaries"),
    ("landscape.passes.scale", "ScaleResult", "scale"),
)


def framed(page: str, height: int = 620) -> str:
    """A sandboxed iframe showing ``page`` (a whole HTML document).

    >>> framed("<p>x</p>", height=100)
    '<iframe srcdoc="&lt;p&gt;x&lt;/p&gt;" sandbox="allow-scripts allow-downloads" style="width: 100%; height: 100px; border: 1px solid #ddd;"></iframe>'
    """
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts allow-downloads" '
            f'style="width: 100%; height: {height}px; border: 1px solid #ddd;"></iframe>')


def register(shell: Any = None) -> bool:
    """Register the HTML display of landscapes and pass results with an IPython shell.

    Parameters
    ----------
    shell : IPython shell, optional
        By default the running one, if any.

    Returns
    -------
    bool
        True when the formatters were registered; False outside IPython.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
        if shell is None:
            return False
    formatter = shell.display_formatter.formatters["text/html"]
    for module, name, pass_name in DISPLAYED:
        if pass_name is None:
            formatter.for_type_by_name(module, name, landscape_frame)
        else:
            formatter.for_type_by_name(module, name, lambda result, pass_name=pass_name: result_frame(pass_name, result))
    return True


def landscape_frame(landscape: Any) -> str:
    """A Landscape's map, shown inline."""
    from landscape.render.html import map_html
    from landscape.render.mapdata import map_data

    return framed(map_html(map_data(landscape)))


def result_frame(name: str, result: Any) -> str:
    """One pass's findings and key numbers, as in the report, shown inline."""
    from landscape.findings import result_dict
    from landscape.render.report import report_blocks, report_html

    return framed(report_html(report_blocks(f"{name.capitalize()}: findings", None, {name: result_dict(name, result)},
                                             whole=False)))

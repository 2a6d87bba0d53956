"""Write a map as one self-contained, offline HTML page.

This is the only module that touches pyvis, and it uses it for one thing: the vis-network
library that ships inside the pyvis wheel. The page is our own template; pyvis's loads scripts
from CDNs and writes a ``lib/`` folder next to the output, and neither is acceptable for a file
that facilitators open offline and pass around.

Safety: spreadsheet text reaches the page only as JSON inside a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and the page's script puts it into the document with
``textContent``, never as HTML. A Content-Security-Policy allows only the page's own two scripts
(by hash) and no connection to any host.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from landscape._version import __version__
from landscape.errors import OutputNotWritable
from landscape.render.output import replace_file

__all__ = ["map_html", "vis_network_js", "write_map"]

_VIS_PATHS = ("templates/lib/vis-9.1.2/vis-network.min.js", "lib/vis-9.1.2/vis-network.min.js")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def vis_network_js() -> str:
    """The vis-network standalone build shipped inside the pyvis wheel."""
    # Found without importing pyvis: its __init__ imports IPython, jinja2 and more (65 ms of a
    # 0.8 s atlas), none of which the page needs.
    spec = importlib.util.find_spec("pyvis")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for relative in _VIS_PATHS:
            candidate = Path(folder, relative)
            if candidate.is_file():
                return candidate.read_text("utf-8")
    raise FileNotFoundError(  # pragma: no cover - only with a broken pyvis install
        "vis-network.min.js was not found inside the installed pyvis package; reinstall pyvis"
    )


def _asset(name: str) -> str:
    return resources.files("landscape.render.assets").joinpath(name).read_text("utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element, whatever strings it holds.

    >>> script_json({"name": "</script><script>alert(1)</script>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: _JSON_ESCAPES[match.group(0)], text)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def map_html(data: dict[str, Any]) -> str:
    """The page for ``data`` (from :func:`~landscape.render.mapdata.map_data`), as a string."""
    vis_js = vis_network_js()
    # room.js, panel.js and map.js share one scope (map.js last: it calls into the others as it draws).
    map_js = ('(function () {\n"use strict";\n' + _asset("room.js") + "\n" + _asset("panel.js") + "\n"
              + _asset("map.js") + "\n})();\n")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(vis_js)} {_sha256(map_js)}",
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    parts = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(str(data["meta"]["title"]), quote=True),
        "VERSION": html.escape(__version__),
        "CSS": _asset("map.css"),
        "DATA": script_json(data),
        "VIS_JS": vis_js,
        "MAP_JS": map_js,
    }
    # One pass over the template: text put in is never scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda match: parts[match.group(1)], _asset("map.html"))


def write_map(data: dict[str, Any], path: str | Path, *, redact: Mapping[str, str] | None = None) -> Path:
    """Write the map page for ``data`` to ``path`` and nothing else; return the path. ``redact``
    (a real name to the name shared) is replaced in the page's every word.

    Raises
    ------
    OutputNotWritable
        The folder ``path`` should go into does not exist, or the file cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputNotWritable(f"{path}: is a folder; give the name of the .html file to write")
    if not path.parent.is_dir():
        raise OutputNotWritable(f"{path.parent}: no such folder; create it first, or write the map elsewhere")
    if redact:
        from landscape.model.sharing import redact_data

        data = redact_data(data, redact)
    page = map_html(data)
    try:
        replace_file(path, lambda temporary: temporary.write_text(page, encoding="utf-8"))
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path

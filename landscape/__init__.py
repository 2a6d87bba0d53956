"""landscape: map landscapes of practice from spreadsheets.

Read participants and relationships from a workbook or CSV files, validate them against the data
contract, build a networkx graph, and draw maps that a facilitator can open offline.

>>> import landscape
>>> land = landscape.load(landscape.sample_path("clinical-simulation"))
>>> land.graph.number_of_nodes() > 60
True

The heavy parts (pandas, networkx) are imported the first time one of the names below is used,
so that the command line starts quickly.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from landscape._version import __version__
from landscape.errors import (
    InvalidLandscape,
    LandscapeError,
    OutputNotWritable,
    PassRegistryError,
    SheetNotFound,
    UnknownAttribute,
    UnknownRelation,
    UnreadableFile,
)

if TYPE_CHECKING:  # pragma: no cover
    from landscape.io import sample_path
    from landscape.model import ExpectedVoice, Landscape, Settings, load
    from landscape.passes import available_passes, get_pass, register_pass
    from landscape.model.sharing import anonymise, honour_consent
    from landscape.render import map_data, write_map
    from landscape.render.atlas import run_passes, write_atlas
    from landscape.render.atlas import write_atlas as atlas
    from landscape.render.exports import export
    from landscape.schema import Issue, Severity, ValidationReport, validate
    from landscape.schema.template import write_template

_LAZY = {
    "anonymise": "landscape.model.sharing",
    "atlas": "landscape.render.atlas:write_atlas",
    "export": "landscape.render.exports",
    "honour_consent": "landscape.model.sharing",
    "run_passes": "landscape.render.atlas",
    "write_atlas": "landscape.render.atlas",
    "ExpectedVoice": "landscape.model",
    "Issue": "landscape.schema",
    "Landscape": "landscape.model",
    "Settings": "landscape.model",
    "Severity": "landscape.schema",
    "ValidationReport": "landscape.schema",
    "available_passes": "landscape.passes",
    "get_pass": "landscape.passes",
    "load": "landscape.model",
    "map_data": "landscape.render",
    "register_pass": "landscape.passes",
    "sample_path": "landscape.io",
    "validate": "landscape.schema",
    "write_map": "landscape.render",
    "write_template": "landscape.schema.template",
}

__all__ = [
    "ExpectedVoice",
    "InvalidLandscape",
    "Issue",
    "Landscape",
    "LandscapeError",
    "OutputNotWritable",
    "PassRegistryError",
    "Settings",
    "Severity",
    "SheetNotFound",
    "UnknownAttribute",
    "UnknownRelation",
    "UnreadableFile",
    "ValidationReport",
    "__version__",
    "anonymise",
    "atlas",
    "available_passes",
    "export",
    "get_pass",
    "honour_consent",
    "load",
    "map_data",
    "register_pass",
    "run_passes",
    "sample_path",
    "validate",
    "write_atlas",
    "write_map",
    "write_template",
]


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext landscape``: show landscapes and pass results inline in a notebook."""
    from landscape.render.notebook import register

    register(ipython)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'landscape' has no attribute {name!r}")
    module, _, attribute = module.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


# In a running IPython (a notebook), landscapes and results show themselves inline.
if "IPython" in sys.modules:  # pragma: no cover - depends on the host
    try:
        from landscape.render.notebook import register as _register_display

        _register_display()
    except Exception:  # a display hook must never break the import
        pass

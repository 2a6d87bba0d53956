"""landscape: map landscapes of practice from spreadsheets.

Read participants and relationships from a workbook or CSV files, validate them against the data
contract, build a networkx graph, and draw maps that a facilitator can open offline. Every
command of the ``landscape`` command line has a twin here under the same name: ``validate``,
``analyse``, ``compare``, ``map``, ``atlas``, ``export``, ``demo`` (and ``write_template``,
``write_survey``, ``import_survey``).

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
    UnknownColumn,
    UnknownRelation,
    UnknownWave,
    UnreadableFile,
)

if TYPE_CHECKING:  # pragma: no cover
    from landscape.findings import findings_for
    from landscape.analysis import current_wave, notes
    from landscape.analysis import Analysis
    from landscape.analysis import Comparison
    from landscape.analysis import Waves
    from landscape.analysis import analyse
    from landscape.analysis import compare
    from landscape.analysis import two_waves
    from landscape.analysis import waves_of
    from landscape.io import sample_path
    from landscape.model import ExpectedVoice
    from landscape.model import Landscape
    from landscape.model import Settings
    from landscape.model import StoryStep
    from landscape.model import load
    from landscape.model.sharing import anonymise
    from landscape.model.sharing import honour_consent
    from landscape.model.sharing import sharing_notes
    from landscape.passes import available_passes
    from landscape.passes import get_pass
    from landscape.passes import register_pass
    from landscape.render import map_data
    from landscape.render import write_map
    from landscape.render.atlas import run_passes
    from landscape.render.atlas import write_atlas
    from landscape.render.atlas import write_demo
    from landscape.render.atlas import write_atlas as atlas
    from landscape.render.atlas import write_demo as demo
    from landscape.render.exports import export
    from landscape.render.exports import export_format
    from landscape.render.maps import MAP_VIEWS
    from landscape.render.maps import views_using
    from landscape.render.maps import write_change_map
    from landscape.render.maps import write_landscape_map
    from landscape.render.maps import write_landscape_map as map
    from landscape.render.text import analysis_text
    from landscape.render.text import comparison_text
    from landscape.schema import Issue
    from landscape.schema import Severity
    from landscape.schema import ValidationReport
    from landscape.schema import validate
    from landscape.schema.template import write_template
    from landscape.survey import SurveyImport
    from landscape.survey import import_survey
    from landscape.survey import write_survey

_LAZY = {
    "analyse": "landscape.analysis",
    "Analysis": "landscape.analysis",
    "analysis_text": "landscape.render.text",
    "anonymise": "landscape.model.sharing",
    "atlas": "landscape.render.atlas:write_atlas",
    "available_passes": "landscape.passes",
    "compare": "landscape.analysis",
    "current_wave": "landscape.analysis",
    "notes": "landscape.analysis",
    "Comparison": "landscape.analysis",
    "comparison_text": "landscape.render.text",
    "demo": "landscape.render.atlas:write_demo",
    "ExpectedVoice": "landscape.model",
    "export": "landscape.render.exports",
    "export_format": "landscape.render.exports",
    "findings_for": "landscape.findings",
    "get_pass": "landscape.passes",
    "honour_consent": "landscape.model.sharing",
    "import_survey": "landscape.survey",
    "Issue": "landscape.schema",
    "Landscape": "landscape.model",
    "load": "landscape.model",
    "map": "landscape.render.maps:write_landscape_map",
    "map_data": "landscape.render",
    "MAP_VIEWS": "landscape.render.maps",
    "register_pass": "landscape.passes",
    "run_passes": "landscape.render.atlas",
    "sample_path": "landscape.io",
    "Settings": "landscape.model",
    "Severity": "landscape.schema",
    "sharing_notes": "landscape.model.sharing",
    "StoryStep": "landscape.model",
    "SurveyImport": "landscape.survey",
    "two_waves": "landscape.analysis",
    "validate": "landscape.schema",
    "ValidationReport": "landscape.schema",
    "views_using": "landscape.render.maps",
    "Waves": "landscape.analysis",
    "waves_of": "landscape.analysis",
    "write_atlas": "landscape.render.atlas",
    "write_demo": "landscape.render.atlas",
    "write_change_map": "landscape.render.maps",
    "write_landscape_map": "landscape.render.maps",
    "write_map": "landscape.render",
    "write_survey": "landscape.survey",
    "write_template": "landscape.schema.template",
}

__all__ = [
    "Analysis",
    "Comparison",
    "ExpectedVoice",
    "InvalidLandscape",
    "Issue",
    "Landscape",
    "LandscapeError",
    "MAP_VIEWS",
    "OutputNotWritable",
    "PassRegistryError",
    "Settings",
    "Severity",
    "SheetNotFound",
    "StoryStep",
    "SurveyImport",
    "UnknownAttribute",
    "UnknownColumn",
    "UnknownRelation",
    "UnknownWave",
    "UnreadableFile",
    "ValidationReport",
    "Waves",
    "__version__",
    "analyse",
    "analysis_text",
    "anonymise",
    "atlas",
    "available_passes",
    "compare",
    "current_wave",
    "notes",
    "comparison_text",
    "demo",
    "export",
    "export_format",
    "findings_for",
    "get_pass",
    "honour_consent",
    "import_survey",
    "load",
    "map",
    "map_data",
    "register_pass",
    "run_passes",
    "sample_path",
    "sharing_notes",
    "two_waves",
    "validate",
    "views_using",
    "waves_of",
    "write_atlas",
    "write_change_map",
    "write_demo",
    "write_landscape_map",
    "write_map",
    "write_survey",
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

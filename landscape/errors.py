"""Exceptions raised by landscape.

Bad data in a spreadsheet is *reported*, not raised: validation collects every problem into a
:class:`~landscape.schema.report.ValidationReport`. Only conditions that stop all work raise, and
every exception here derives from :class:`LandscapeError`, so a caller can catch one class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from landscape.schema.report import ValidationReport

__all__ = [
    "InvalidLandscape",
    "LandscapeError",
    "OutputNotWritable",
    "PassRegistryError",
    "SheetNotFound",
    "UnknownAttribute",
    "UnknownColumn",
    "UnknownRelation",
    "UnknownWave",
    "UnreadableFile",
]


class LandscapeError(Exception):
    """Root of every error landscape raises on purpose."""


class UnreadableFile(LandscapeError):
    """A file cannot be read at all: missing, corrupt, encrypted, of the wrong kind or encoding."""


class OutputNotWritable(LandscapeError):
    """An output cannot be written where it was asked for."""


class SheetNotFound(LandscapeError):
    """A table the landscape needs (participants, relationships) is not in the input."""


class UnknownAttribute(LandscapeError):
    """An option names a participant attribute that no participant has."""


class UnknownColumn(LandscapeError, ValueError):
    """An option names a column that the file does not have (the message lists those it has)."""


class UnknownRelation(LandscapeError):
    """An option names a relationship type that no relationship has."""


class UnknownWave(LandscapeError, ValueError):
    """A wave is named that no relationship has, or there is no wave column."""


class PassRegistryError(LandscapeError):
    """A pass name is unknown, or registered twice."""


class InvalidLandscape(LandscapeError):
    """The input was read but has errors; ``report`` lists every one of them."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        errors = report.errors
        first = f": {errors[0]}" if errors else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{len(errors)} error(s) in the input{first}{more}")

"""The registry of analysis passes.

A pass is a plain function of a :class:`~landscape.model.Landscape` (options keyword-only) that
returns a frozen result with a ``to_dict()`` method. It reads the landscape and never changes it.
The four disciplines of social learning leadership (Voices, Power, Boundaries, Scale) each have a
pass; they register themselves here under their name, and the CLI and the atlas find them here.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Count:
...     participants: int
...     def to_dict(self):
...         return {"participants": self.participants}
>>> spec = register_pass("count", lambda land: Count(land.graph.number_of_nodes()),
...                      description="Counts participants.")
>>> get_pass("count").description
'Counts participants.'
>>> unregister_pass("count")
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from landscape.errors import PassRegistryError

if TYPE_CHECKING:  # pragma: no cover
    from landscape.model import Landscape

__all__ = [
    "SETTING_NAMES",
    "PassResult",
    "PassSpec",
    "available_passes",
    "get_pass",
    "register_pass",
    "unregister_pass",
]


class PassResult(Protocol):
    """What every pass returns: immutable, plain data, serialisable with ``to_dict()``."""

    def to_dict(self) -> dict[str, Any]: ...


#: The settings a pass may read (see :class:`landscape.model.Settings`).
SETTING_NAMES = ("group", "voices_by", "level_order", "relations", "levels", "wave")


@dataclass(frozen=True)
class PassSpec:
    """A registered pass: its name, the function that runs it, a one-line description, and the
    settings it reads (so that a caller can tell which options matter to which pass)."""

    name: str
    function: Callable[..., PassResult]
    description: str
    settings: tuple[str, ...] = ()

    @property
    def options(self) -> tuple[str, ...]:
        """The keyword options the pass accepts (``relations``, ``by``...)."""
        parameters = inspect.signature(self.function).parameters.values()
        return tuple(p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY)

    def __call__(self, landscape: Landscape, **options: Any) -> PassResult:
        return self.function(landscape, **options)

    def run(self, landscape: Landscape, **options: Any) -> PassResult:
        """Run the pass with those of ``options`` it accepts and that are not None."""
        accepted = set(self.options)
        return self.function(landscape, **{k: v for k, v in options.items() if k in accepted and v is not None})


_REGISTRY: dict[str, PassSpec] = {}


def register_pass(name: str, function: Callable[..., PassResult], *, description: str,
                  settings: Sequence[str] = ()) -> PassSpec:
    """Add a pass to the registry; a name registered twice is an error.

    ``settings`` names the :class:`~landscape.model.Settings` fields the pass reads
    (``("relations", "group")``).
    """
    if name in _REGISTRY:
        raise PassRegistryError(f"a pass named {name!r} is already registered")
    unknown = [setting for setting in settings if setting not in SETTING_NAMES]
    if unknown:
        raise PassRegistryError(f"{name}: no setting called {', '.join(map(repr, unknown))}; the settings are: "
                                f"{', '.join(SETTING_NAMES)}")
    spec = PassSpec(name=name, function=function, description=description, settings=tuple(settings))
    _REGISTRY[name] = spec
    return spec


def unregister_pass(name: str) -> None:
    """Remove a pass from the registry (for tests and plugins that replace a pass)."""
    if name not in _REGISTRY:
        raise PassRegistryError(f"no pass named {name!r} is registered")
    del _REGISTRY[name]


def get_pass(name: str) -> PassSpec:
    """The registered pass called ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none yet"
        raise PassRegistryError(f"no pass named {name!r}; the passes are: {known}") from None


def available_passes() -> tuple[str, ...]:
    """The names of every registered pass, in the order they were registered."""
    return tuple(_REGISTRY)

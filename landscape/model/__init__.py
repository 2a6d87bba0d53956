"""The model: a Landscape is the graph plus the settings that give it meaning."""

from landscape.model.landscape import ExpectedVoice, Landscape, LevelOrder, Settings, load

__all__ = ["ExpectedVoice", "Landscape", "LevelOrder", "Settings", "load"]

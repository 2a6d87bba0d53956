"""The model: a Landscape is the graph plus the settings that give it meaning."""

from landscape.model.landscape import ExpectedVoice, Landscape, LevelOrder, Settings, load
from landscape.model.story import StoryStep

__all__ = ["ExpectedVoice", "Landscape", "LevelOrder", "Settings", "StoryStep", "load"]

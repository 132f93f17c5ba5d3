"""Briefing Editor's core: the model, import, checks, fixes and export. It never imports Qt."""

__version__ = "0.1.0"

"""Briefing Editor's desktop GUI (PySide6), an adapter over the Qt-free core in ``briefing``."""

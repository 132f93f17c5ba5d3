"""Bundled data: the sample article, Word templates and icons (installed as ``briefing.resources``)."""

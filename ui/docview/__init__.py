"""The document view: the whole briefing as one page, the main editor of the window."""

from .view import DocumentView

__all__ = ["DocumentView"]

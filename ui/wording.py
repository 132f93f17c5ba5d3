"""Words the editor's panels and messages share."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """A count with its noun, singular for one: "1 item", "3 items"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"

"""The bundled, dated table of heads of state and government, and who held an office when.

The table is data (``resources/data/heads_of_state.json``), not code: correcting a date or adding a
country needs no programmer. It says what it knew on its ``as_of`` date; an open term means "in office
then", and nothing is claimed about later dates.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

from ..bundle import resource_path

Date = dt.date


@dataclass(frozen=True)
class Holder:
    """A person in one office, with their terms (an end of ``None``: still in office on ``as_of``)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    adjectives: tuple[str, ...]
    terms: tuple[tuple[Date, Date | None], ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the article may name this person, longest first; of two as long, the name itself
        first, then in alphabetical order (a set's order changes from one process to the next)."""
        return tuple(sorted({self.name, *self.aliases}, key=lambda n: (-len(n), n != self.name, n)))

    @property
    def surname(self) -> str:
        """The shortest alias or the last word of the name: what "the X administration" uses."""
        return min(self.names, key=len)

    def in_office(self, day: Date, as_of: Date) -> bool | None:
        """Whether the person held the office on ``day``; ``None`` when the table cannot know."""
        if day > as_of:
            return None
        return any(start <= day and (end is None or day < end) for start, end in self.terms)

    def overlaps(self, other: Holder) -> bool:
        """Whether the two ever held office at the same time (a day's handover does not count)."""
        far = Date.max
        return any(a0 < (b1 or far) and b0 < (a1 or far) for a0, a1 in self.terms for b0, b1 in other.terms)


@dataclass(frozen=True)
class Leaders:
    """All office holders in the table, and the date the table was last brought up to date."""

    as_of: Date
    holders: tuple[Holder, ...]


@cache
def load_leaders() -> Leaders:
    """Load the bundled table once."""
    data = json.loads(resource_path("data", "heads_of_state.json").read_text(encoding="utf-8"))
    holders = []
    for office in data["offices"]:
        for person in office["holders"]:
            terms = tuple(
                (Date.fromisoformat(start), Date.fromisoformat(end) if end else None)
                for start, end in person["terms"]
            )
            holders.append(
                Holder(
                    person["name"],
                    tuple(person.get("aliases", [])),
                    office["country"],
                    office["office"],
                    tuple(office.get("adjectives", [])),
                    terms,
                )
            )
    return Leaders(Date.fromisoformat(data["as_of"]), tuple(holders))

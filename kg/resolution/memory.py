"""What a document has established so far, for resolving later short forms."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.model import Actor, Location

from .normalize import skeleton


@dataclass
class DocMemory:
    """Within-document state, filled in text order.

    ``surnames`` maps the skeleton of a family name (and of a Chinese-style given
    name) to the person most recently named in full, so "Kuleba" follows the latest
    "Oleksiy Kuleba" / "Dmytro Kuleba"."""

    surnames: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, str] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)
    last_country: str | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)

    def remember_person(self, full_name: str, actor_id: str) -> None:
        words = full_name.split()
        if len(words) < 2:
            return
        self.surnames[skeleton(words[-1])] = actor_id

    def person_named(self, word: str) -> str | None:
        if not word[:1].isupper() or len(word) < 2:
            return None
        return self.surnames.get(skeleton(word))

    def saw_country(self, country_id: str) -> None:
        self.country_counts[country_id] += 1
        self.last_country = country_id

    def main_country(self) -> str | None:
        if not self.country_counts:
            return None
        return min(self.country_counts, key=lambda c: (-self.country_counts[c], c))

"""The attribution lexicon (``kg/data/speech_verbs.json``), loaded once on first use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parents[3] / "kg" / "data" / "speech_verbs.json"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> stance hint
    particle_verbs: dict[str, str]  # "call on" -> stance hint
    naming_verbs: frozenset[str]
    additive_verbs: frozenset[str]
    additive_adverbs: frozenset[str]
    directive_verbs: frozenset[str]
    media_nouns: frozenset[str]
    media_names: frozenset[str]
    document_nouns: frozenset[str]
    person_titles: frozenset[str]
    honorifics: frozenset[str]
    issue_verbs: frozenset[str]
    issue_objects: frozenset[str]
    predicate_verbs: frozenset[str]
    speaker_nouns: frozenset[str]
    female_first_names: frozenset[str]
    male_first_names: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    female_surname_endings: tuple[str, ...]
    stance: dict[str, tuple[str, ...]]

    def verb_class(self, lemma: str, particle: str | None = None) -> str | None:
        """Stance hint of a cue verb, or None when the verb is not a cue."""
        if particle and f"{lemma} {particle}" in self.particle_verbs:
            return self.particle_verbs[f"{lemma} {particle}"]
        return self.verbs.get(lemma)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    sets = {k: frozenset(w.lower() for w in raw[k]) for k in (
        "naming_verbs", "additive_verbs", "additive_adverbs", "directive_verbs", "media_nouns",
        "media_names", "document_nouns", "person_titles", "honorifics", "issue_verbs",
        "issue_objects", "predicate_verbs", "speaker_nouns", "female_first_names", "male_first_names", "female_words",
        "male_words")}
    return Lexicon(verbs=dict(raw["verbs"]), particle_verbs=dict(raw["particle_verbs"]),
                   stance={k: tuple(v) for k, v in raw["stance"].items()},
                   female_surname_endings=tuple(raw["female_surname_endings"]), **sets)

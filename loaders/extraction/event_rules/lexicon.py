"""The event trigger lexicon, read once from ``kg/data/event_triggers.json``.

Data, not code: adding a trigger word is a JSON edit. Conditions named in the
file must exist in :mod:`.conditions` (checked when the lexicon loads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from spacy.strings import get_string_id

from kg.errors import ConfigError
from kg.model import EventType

LEXICON_PATH = Path(__file__).resolve().parents[3] / "kg" / "data" / "event_triggers.json"


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger word: the event type it signals, if its condition holds."""

    type: EventType
    condition: str  # name of a predicate in .conditions ("" = always)
    group: str = ""  # sub-kind within the type; different groups never merge
    aggregate: bool = False  # names a whole campaign or war rather than one happening


@dataclass(frozen=True)
class Lexicon:  # not slotted: ``trigger_hashes`` is cached on the instance
    nouns: dict[str, tuple[Sense, ...]]
    verbs: dict[str, tuple[Sense, ...]]
    phrases: dict[tuple[str, ...], tuple[Sense, ...]]  # lower-cased tokens -> senses
    classes: dict[str, frozenset[str]]

    def word_class(self, name: str) -> frozenset[str]:
        return self.classes.get(name, frozenset())

    def senses(self, lemma: str, verbal: bool) -> tuple[Sense, ...]:
        return (self.verbs if verbal else self.nouns).get(lemma, ())

    @property
    def max_phrase(self) -> int:
        return max((len(p) for p in self.phrases), default=0)

    @cached_property
    def trigger_hashes(self) -> np.ndarray:
        """spaCy string ids of every word that can be, or start, a trigger (for a vectorised pre-filter)."""
        words = set(self.nouns) | set(self.verbs) | {p[0] for p in self.phrases}
        return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


def _senses_of(kind: EventType, spec: dict, table: str, out: dict) -> None:
    groups = spec.get("groups", {})
    aggregate = set(spec.get("aggregate", ()))
    for lemma, condition in spec.get(table, {}).items():
        sense = Sense(kind, condition, groups.get(lemma, ""), lemma in aggregate)
        out.setdefault(lemma, []).append(sense)


def _phrases_of(kind: EventType, spec: dict, out: dict) -> None:
    for phrase in spec.get("phrases", ()):
        words = tuple(phrase.lower().split())
        out.setdefault(words, []).append(Sense(kind, "", spec.get("groups", {}).get(words[-1], "")))


def build_lexicon(data: dict) -> Lexicon:
    nouns: dict[str, list[Sense]] = {}
    verbs: dict[str, list[Sense]] = {}
    phrases: dict[tuple[str, ...], list[Sense]] = {}
    for name, spec in sorted(data.get("types", {}).items()):
        kind = EventType(name)
        _senses_of(kind, spec, "nouns", nouns)
        _senses_of(kind, spec, "verbs", verbs)
        _phrases_of(kind, spec, phrases)
    classes = {k: frozenset(w.lower() for w in v) for k, v in data.get("classes", {}).items()}
    lex = Lexicon({k: tuple(v) for k, v in nouns.items()}, {k: tuple(v) for k, v in verbs.items()},
                  {k: tuple(v) for k, v in phrases.items()}, classes)
    _check_conditions(lex)
    return lex


def _check_conditions(lex: Lexicon) -> None:
    from .conditions import CONDITIONS  # local: conditions imports this module's types

    used = {s.condition for table in (lex.nouns, lex.verbs) for ss in table.values() for s in ss}
    unknown = sorted(c for c in used if c and c not in CONDITIONS)
    if unknown:
        raise ConfigError(f"event trigger lexicon names unknown conditions: {unknown}")


@lru_cache(maxsize=1)
def load_lexicon(path: str = str(LEXICON_PATH)) -> Lexicon:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read event trigger lexicon {path}: {exc}") from exc
    return build_lexicon(data)

"""Stance of a statement: a small lexicon classifier.

The cue verb speaks first ("urged" is demanding, "warned" threatening, "praised"
supportive, "condemned" critical); a neutral cue ("said") leaves it to the words
of the content, counted per class (``kg/data/speech_verbs.json``, key "stance").
Ties are broken in a fixed order, so the result is deterministic.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.model import Stance

from .attribution.lexicon import lexicon

# When the content has words of several classes equally often: the more specific act wins.
_ORDER = (Stance.THREATENING, Stance.DEMANDING, Stance.CRITICAL, Stance.SUPPORTIVE)


@lru_cache(maxsize=1)
def _patterns() -> dict[Stance, re.Pattern[str]]:
    out = {}
    for name, words in lexicon().stance.items():
        alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
        out[Stance(name)] = re.compile(rf"\b(?:{alternatives})(?:s|es|d|ed|ing)?\b", re.IGNORECASE)
    return out


def classify(cue_hints: list[str], content: str) -> Stance:
    """The stance of a statement given the stance hints of its cue verbs and its content."""
    for hint in cue_hints:
        if hint != "neutral":
            return Stance(hint)
    counts = {stance: len(p.findall(content)) for stance, p in _patterns().items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return Stance.NEUTRAL
    return next(s for s in _ORDER if counts.get(s) == best)

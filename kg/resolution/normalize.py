"""String keys under which names are looked up.

``key`` folds case, accents, possessives and punctuation. ``skeleton`` further
collapses the spelling variation of romanised Slavic names (Zelensky / Zelenskyy /
Zelenskiy, Odessa / Odesa, Kremina / Kreminna, Sergei / Sergey), so one lookup
finds every common transliteration; ``edit_distance`` catches what remains (typos).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOS = "'’`ʼ‘"
_POSSESSIVE = re.compile(rf"[{_APOS}]s\b|(?<=s)[{_APOS}](?=\s|$)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")
# word-final -iy/-yy/-yi/-ii/-y/-i all become -i; -ey/-ei become -ei
_FINAL_Y = re.compile(r"(?:iy|yy|yi|ii|ij|yj|y)\b")
_EY = re.compile(r"ei\b|ey\b")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mister"})


def fold(text: str) -> str:
    """ASCII, lower case, apostrophes dropped."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text).rstrip(_APOS)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Exact-match key: ``"the Kremlin's"`` -> ``"kremlin"``."""
    folded = _NON_WORD.sub(" ", fold(strip_possessive(text))).strip()
    if folded.startswith("the ") and len(folded) > 4:
        folded = folded[4:]
    if folded.startswith("st "):  # "St Petersburg" = "Saint Petersburg"
        folded = "saint " + folded[3:]
    return folded


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Variant-tolerant key: ``"Zelenskyy"`` and ``"Zelenskiy"`` -> ``"zelenski"``."""
    return _FINAL_Y.sub("i", _EY.sub("ei", _DOUBLE.sub(r"\1", key(text))))


def without_honorific(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        return " ".join(words[1:])
    return text


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in _HONORIFICS


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, giving up (returning ``limit``) once it reaches ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) >= limit:
            return limit
        prev = cur
    return min(prev[-1], limit)

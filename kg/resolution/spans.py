"""Token-level helpers: candidate name spans and lower-case phrase lookups over a spaCy Doc."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .normalize import key

# Lower-case words allowed inside a multi-word name ("Sea of Azov", "Ursula von der Leyen").
CONNECTORS = frozenset({"of", "and", "the", "for", "on", "de", "von", "der", "la", "da", "al", "-", "&"})
DETERMINERS = frozenset({"the"})
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "`s"})
MAX_NAME_TOKENS = 6


@dataclass
class Cand:
    """A resolved span, in token indices of the entry's Doc (``end`` exclusive)."""

    start: int
    end: int
    kind: str  # actor | location
    ref: str
    how: str
    place: str | None = None  # the place a capital/city mention names, whatever ``kind`` became
    person: bool = False

    def covers(self, other: Cand) -> bool:
        return self.start <= other.start and other.end <= self.end and self is not other

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def is_capitalised(tok: Token) -> bool:
    """Starts with a capital ("Kyiv", "MoD"), or is a code such as "G7"."""
    text = tok.text
    if not text:
        return False
    return text[0].isupper() or (text[0].isdigit() and text.isalnum() and any(c.isupper() for c in text))


def _joins(doc: Doc, i: int) -> bool:
    """A connector at ``i`` continues a name only if a capitalised word follows within the name."""
    tok = doc[i]
    if tok.lower_ not in CONNECTORS or i + 1 >= len(doc):
        return False
    if tok.text == "-":
        return not doc[i - 1].whitespace_ and is_capitalised(doc[i + 1])
    return is_capitalised(doc[i + 1]) or doc[i + 1].lower_ in CONNECTORS


def name_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with inner connectors), as [start, end)."""
    i, n = 0, len(doc)
    while i < n:
        if not is_capitalised(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and (is_capitalised(doc[j]) or (_joins(doc, j) and j > i)):
            if doc[j].is_sent_start:
                break
            j += 1
        while j > i + 1 and doc[j - 1].lower_ in CONNECTORS:
            j -= 1
        yield i, j
        i = j


def span_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


class PhraseTable:
    """Lower-case phrases (keys made by ``key``) found by one scan over a Doc's words;
    the set of first words skips most tokens without building any string."""

    def __init__(self, table: Mapping[str, object]) -> None:
        self.table = table
        self.starts = frozenset(k.split()[0] for k in table if k)
        self.max_len = max((len(k.split()) for k in table), default=1)

    def scan(self, words: list[str], alpha: list[bool]) -> list[tuple[int, int, object]]:
        """(start, end, value) of the longest phrase at each token, in text order."""
        found, n = [], len(words)
        for i, word in enumerate(words):
            if word not in self.starts:
                continue
            for end in range(min(n, i + self.max_len), i, -1):
                if alpha[end - 1]:
                    value = self.table.get(key(" ".join(words[i:end])))
                    if value is not None:
                        found.append((i, end, value))
                        break
        return found


def skip_possessive(doc: Doc, i: int) -> int:
    """Index after a possessive clitic at ``i`` (or ``i`` itself when there is none)."""
    return i + 1 if i < len(doc) and doc[i].text in POSSESSIVE_TOKENS else i


def with_determiner(doc: Doc, start: int) -> int:
    return start - 1 if start > 0 and doc[start - 1].lower_ in DETERMINERS else start

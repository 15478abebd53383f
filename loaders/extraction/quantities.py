"""Counted quantities in text: numerals and what they count ("16 drones" -> {"drones": 16}).

Only numerals count (digits or number words); vague amounts ("dozens",
"hundreds") do not. Approximators are dropped ("more than 1,000 metal
detectors" -> 1000). Keys are the counted noun in the plural as written, with
its compound modifiers ("metal_detectors"); money is keyed by currency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000, "trillion": 1e12}
_CURRENCIES = {"$": "usd", "£": "gbp", "€": "eur", "dollar": "usd", "euro": "eur", "pound": "gbp",
               "hryvnia": "uah", "rouble": "rub", "ruble": "rub"}
# Measures, times and ranks are not counts of things.
_NOT_COUNTED = frozenset({
    "km", "kilometre", "kilometer", "mile", "metre", "meter", "percent", "per", "cent", "%", "year", "month",
    "week", "day", "hour", "minute", "second", "am", "pm", "a.m.", "p.m.", "time", "degree", "kg", "tonne",
    "ton", "mcm", "bcm", "age", "th", "st", "nd", "rd", "o'clock", "decade", "century", "ft", "feet",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                     "sep", "sept", "oct", "nov", "dec"})
_NUMBER = re.compile(r"^(?P<num>\d[\d,]*(?:\.\d+)?)(?P<scale>k|m|mn|bn)?$", re.IGNORECASE)


def numeral_value(text: str) -> float | None:
    """"1,000" -> 1000.0, "sixteen" -> 16.0, "£100m" part "100m" -> 1e8; vague words -> None."""
    t = text.strip().lower().replace("\u2009", "")
    if m := _NUMBER.match(t):
        value = float(m["num"].replace(",", ""))
        return value * _SCALES[m["scale"].lower()] if m["scale"] else value
    return _words_value(t)


def _words_value(text: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    total, current = 0.0, 0.0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES and w not in {"m", "mn", "bn", "k"} and (current or total):
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


def _in_date(tok: Token) -> bool:
    """"24 Feb", "December 29": a day of the month, not a count."""
    doc = tok.doc
    near = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(n.lower_.rstrip(".") in _MONTHS for n in near)


def _numeral_tokens(head: Token) -> list[Token]:
    """The numeral tokens counting ``head`` ("one hundred and twenty" -> all four words)."""
    out = []
    for c in head.children:
        if _in_date(c):
            continue
        if c.dep_ in {"nummod", "quantmod"} and (c.like_num or c.tag_ == "CD"):
            out.extend(t for t in c.subtree if t.like_num or t.tag_ == "CD" or t.lower_ in _SCALES)
    return sorted(out, key=lambda t: t.i)


def _value_of(tokens: list[Token]) -> float | None:
    if not tokens:
        return None
    if len(tokens) == 1:
        return numeral_value(tokens[0].text)
    joined = numeral_value(" ".join(t.text for t in tokens))
    if joined is not None:
        return joined
    first = numeral_value(tokens[0].text)
    scale = _SCALES.get(tokens[-1].lower_) if len(tokens) > 1 else None
    return first * scale if first is not None and scale else first


def _key(head: Token) -> str | None:
    word = head.lemma_.lower()
    if word in _NOT_COUNTED or head.lower_ in _NOT_COUNTED or not head.is_alpha:
        return None
    compounds = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i and c.is_alpha
                 and c.pos_ == "NOUN"]
    return "_".join([*compounds, head.lower_])


def _money(tok: Token) -> tuple[str, float, list[int]] | None:
    """"£100m", "$1.5bn", "€500 million": a currency sign followed by an amount."""
    currency = _CURRENCIES.get(tok.text)
    if currency is None or tok.i + 1 >= len(tok.doc):
        return None
    parts = []
    for nxt in tok.doc[tok.i + 1:tok.i + 4]:
        if not (nxt.like_num or _NUMBER.match(nxt.lower_) or nxt.lower_ in _SCALES):
            break
        parts.append(nxt)
    value = _value_of(parts)
    return (currency, value, [t.i for t in parts]) if value is not None else None


def _currency_noun(tok: Token) -> str | None:
    return _CURRENCIES.get(tok.lemma_.lower()) if tok.is_alpha else None


def quantities(tokens: Iterable[Token]) -> dict[str, float]:
    """Counted quantities among ``tokens`` (the first count of each key wins)."""
    out: dict[str, float] = {}
    used: set[int] = set()
    for tok in tokens:
        money = _money(tok)
        if money is not None:
            out.setdefault(money[0], money[1])
            used.update(money[2])
            continue
        if tok.pos_ not in {"NOUN", "PROPN", "NUM"} or tok.i in used:
            continue
        numerals = [t for t in _numeral_tokens(tok) if t.i not in used]
        value = _value_of(numerals)
        key = _currency_noun(tok) or _key(tok)
        if value is not None and key:
            out.setdefault(key, value)
    return out

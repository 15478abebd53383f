"""Attribution cues in one parsed entry: who speaks (a phrase), the cue, what is said.

A cue is a verb of saying ("said", "told", "called on", "warned", "pointed out",
"issued a warning") or "according to X". The dependency parse gives the speaker
phrase (nsubj; the antecedent of "who"; the agent of a passive; the subject that
"adding ..." or a conjoined verb inherits) and the content (the ccomp clause; for
"urged X to", "called on X to", "condemned X" the predicate itself). Quotations
touching the content are taken whole, so a quotation the sentence splitter cut in
two stays one content. Offsets are entry offsets (``token.idx``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, lexicon
from .quotes import Quote, quoted_share
from .syntax import (
    Span,
    according_skip,
    across_break,
    could_speak,
    date_phrase,
    doc_text,
    end_of,
    is_media,
    is_passive,
    is_present,
    media_heads,
    np_span,
    particle_of,
    predicate_range,
    speaker_token,
    subtree_range,
    targets_of,
    that_clause,
)

_PROSE_END = tuple('.!?"”’)…')
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+\S")  # a line with a sentence break in it is prose
_GAP_BEFORE = re.compile(r"^[\s,;:—–-]*$")
_GAP_AFTER = re.compile(r"^[^.!?\n]{0,60}$")
_OPEN_END = set(",?!—–-…")
_MIN_DIRECT_WORDS = 4  # '"strategic concept"' is a quoted phrase, not the speaker's own sentences


@dataclass(frozen=True)
class Cue:
    """One attribution found in an entry (entry offsets)."""

    start: int  # the cue words
    end: int
    lemma: str  # "say", "call on", "according to"
    hint: str  # stance hint of the cue word (lexicon)
    kind: str  # verb | predicate | according
    head: int  # token index of the cue word
    speaker: int | None  # token index of the speaker phrase's head
    contents: tuple[Span, ...]
    quotes: tuple[Quote, ...]
    direct: bool
    cue_first: bool
    additive: bool
    targets: tuple[int, ...] = ()  # token heads of whom it addresses ("urged Russia")
    channels: tuple[int, ...] = ()  # token heads of media phrases that carried it
    date_phrase: str | None = None
    present: bool = False

    @property
    def first(self) -> int:
        return min([self.start] + [s for s, _ in self.contents])

    @property
    def last(self) -> int:
        return max([self.end] + [e for _, e in self.contents])


def find_cues(sdoc: Doc, quotes: list[Quote]) -> list[Cue]:
    """All attributions of one entry, in text order, nested ones folded away."""
    lex = lexicon()
    found = [c for tok in sdoc if (c := _verb_cue(tok, quotes, lex) or _according_cue(tok, quotes, lex))]
    text = doc_text(sdoc)
    found = [c for c in found if not _inside_quote(c, quotes, sdoc) and _in_prose(text, c.start)]
    return _unnest(_one_owner(sorted(found, key=lambda c: (c.first, c.start)), text, sdoc, lex), sdoc, lex)


def _cue_word(tok: Token, lex: Lexicon) -> tuple[str, str, str] | None:
    """(lemma, stance hint, kind) when ``tok`` is a verb of saying."""
    if tok.pos_ != "VERB" or tok.dep_ in ("amod", "compound"):
        return None
    lemma = tok.lemma_.lower()
    for particle in particle_of(tok):
        if (hint := lex.particle_verbs.get(f"{lemma} {particle}")) is not None:
            return f"{lemma} {particle}", hint, "predicate"
    if lemma == "ask" and not any(c.dep_ == "xcomp" for c in tok.children):
        return None  # "asked whether ..." is a question; "asked X to ..." a demand
    if lemma in lex.verbs:
        return lemma, lex.verbs[lemma], "verb"
    if lemma in lex.naming_verbs and any(c.dep_ == "oprd" for c in tok.children):
        return lemma, "neutral", "predicate"
    if lemma in lex.issue_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.issue_objects
                                        for c in tok.children):
        return lemma, "neutral", "predicate"
    return None


def _verb_cue(tok: Token, quotes: list[Quote], lex: Lexicon) -> Cue | None:
    word = _cue_word(tok, lex)
    if word is None or (is_passive(tok) and not any(c.dep_ == "agent" for c in tok.children)) \
            or any(c.dep_ == "neg" for c in tok.children):  # "did not call for" reports no statement
        return None
    speaker = speaker_token(tok, lex)
    if speaker is None or _inside_quote_at(speaker.idx, quotes):
        speaker = _speaker_after_quote(tok, quotes)
    if speaker is None:
        return None
    own = {t.i for t in tok.subtree}
    skip = {t.i for t in speaker.subtree if t.i not in own} | {tok.i} | according_skip(tok)
    contents, kind = _verb_contents(tok, word, skip, lex)
    if not contents:
        contents, kind = _adjacent_quote(tok, speaker, quotes, lex), "verb"
    if not contents:
        return None
    lemma, hint, _ = word
    return _build(tok, tok.idx, end_of(tok), lemma, hint, kind, speaker, contents, quotes, lex)


def _verb_contents(tok: Token, word: tuple[str, str, str], skip: set[int],
                   lex: Lexicon) -> tuple[list[Span], str]:
    ccomps = [c for c in tok.children if c.dep_ == "ccomp" and not across_break(c, tok)]
    ccomps = ccomps or that_clause(tok)
    if ccomps:
        spans = [s for c in ccomps if (s := subtree_range(c, skip))]
        if spans and spans[0][0] < tok.idx:  # "X happened, said Y, but Z": Z is Y's too
            spans += [s for c in tok.rights if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and _cue_word(c, lex) is None and (s := subtree_range(c, skip))]
        return spans, "verb"
    head = tok.head
    if tok.dep_ in ("parataxis", "ccomp") and head.i < tok.i and _cue_word(head, lex) is None:
        # "X can help ..., the ministry said, while ...": the parse hung the cue on the content
        own = {t.i for t in tok.subtree}
        span = subtree_range(head, skip | own | according_skip(head))
        return ([span] if span else []), "verb"
    lemma = word[0].split()[0]
    if word[2] == "predicate" or lemma in lex.predicate_verbs:
        span = predicate_range(tok, skip)
        return ([span] if span else []), "predicate"
    return [], "verb"


def _adjacent_quote(tok: Token, speaker: Token, quotes: list[Quote], lex: Lexicon) -> list[Span]:
    """A quotation the parse left unattached: '"...," he said.' or 'he said: "..."'."""
    text = doc_text(tok.doc)
    left = min(tok.idx, np_span(speaker)[0])
    right = max(end_of(tok), end_of(speaker))
    for q in quotes:  # '"...," he said' (a quotation ending in a full stop is its own sentence)
        gap = text[q.end:left]
        if q.end <= left and _GAP_BEFORE.match(gap) and (text[q.inner_end - 1:q.inner_end] in _OPEN_END
                                                         or "," in gap):
            return [(_clause_start(tok, q, lex), q.end)]
    for q in quotes:  # 'he said: "..."', 'told reporters, "..."'
        gap = text[right:q.start]
        if q.start >= right and _GAP_AFTER.match(gap) and (not gap.strip() or gap.rstrip().endswith((":", ","))):
            return [(q.start, q.end)]
    return []


def _clause_start(tok: Token, q: Quote, lex: Lexicon) -> int:
    """Where content ending in a quotation starts: 'At least 102 were killed, but the figure
    will be "higher", X said' reports the whole clause; another cue before it keeps its own."""
    sent_start = tok.sent.start_char
    if q.start <= sent_start:
        return q.start
    before = [t for t in tok.sent if t.idx < q.start]
    if any(_cue_word(t, lex) is not None or t.lower_ == "according" for t in before):
        return q.start
    first = next((t for t in before if not t.is_punct and not t.is_space), None)
    return first.idx if first is not None else q.start


def _speaker_after_quote(tok: Token, quotes: list[Quote]) -> Token | None:
    """'"...," Flynn, a top surrogate, said': the name between a quotation and its cue,
    when the parse took a word of the quotation for the subject."""
    text = doc_text(tok.doc)
    quote = next((q for q in reversed(quotes) if q.end <= tok.idx and _GAP_AFTER.match(text[q.end:tok.idx])), None)
    if quote is None:
        return None
    run: list[Token] = []
    for t in (t for t in tok.sent if quote.end <= t.idx < tok.idx):
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            run.append(t)
        elif run:
            break
    return run[-1] if run else None


def _inside_quote_at(pos: int, quotes: list[Quote]) -> bool:
    return any(q.inner_start <= pos < q.inner_end for q in quotes)


def _according_cue(tok: Token, quotes: list[Quote], lex: Lexicon) -> Cue | None:
    """"Y happened, according to X": X is the speaker unless X is a medium or a document."""
    if tok.lower_ != "according" or _cue_word(tok.head, lex) is not None:
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None or is_media(source, lex) or source.lemma_.lower() in lex.document_nouns \
            or not could_speak(source, lex):
        return None
    root = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.sent.root
    span = subtree_range(root, {t.i for t in tok.subtree} | according_skip(root))
    if span is None:
        return None
    return _build(tok, tok.idx, end_of(to), "according to", "neutral", "according", source, [span],
                  quotes, lex)


def _build(tok: Token, start: int, end: int, lemma: str, hint: str, kind: str, speaker: Token,
           contents: list[Span], quotes: list[Quote], lex: Lexicon) -> Cue:
    contents, used = _with_quotes(contents, quotes, start)
    if used and used[-1].end <= start:
        contents += _resumed_quote(tok, end, quotes)
        contents, used = _with_quotes(contents, quotes, start)
    reports = _media_reports(tok, contents, lex)
    if reports:
        cut = min(pos for pos, _ in reports)
        contents = _cut_spans(contents, cut, doc_text(tok.doc))
        contents, used = _with_quotes(contents, quotes, start)
    text = doc_text(tok.doc)
    first = min(s for s, _ in contents)
    direct = bool(used) and any(q.inner_start <= _first_word(text, first) < q.inner_end for q in used) \
        and min(quoted_share(used, text, s, e) for s, e in contents) >= 0.6 \
        and sum(len(q.inner(text).split()) for q in used) >= _MIN_DIRECT_WORDS
    skip = set(_token_ids(tok.doc, contents)) | {t.i for t in speaker.subtree}
    return Cue(start=start, end=end, lemma=lemma, hint=hint, kind=kind, head=tok.i, speaker=speaker.i,
               contents=tuple(contents), quotes=tuple(used), direct=direct, cue_first=start < first,
               additive=_additive(tok, lemma, lex), targets=targets_of(tok, lex),
               channels=media_heads((t for t in tok.subtree if t.i not in skip), lex) + tuple(m for _, m in reports),
               date_phrase=date_phrase(tok, skip), present=is_present(tok))


def _media_reports(tok: Token, contents: list[Span], lex: Lexicon) -> list[tuple[int, int]]:
    """'X said ..., the news agency RIA reported': a medium's report clause inside the
    content, as (where it starts, its media token)."""
    out = []
    for t in (tok.doc[i] for i in _token_ids(tok.doc, contents)):
        if t.i == tok.i or _cue_word(t, lex) is None:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is not None and is_media(subj, lex):
            left = t.left_edge
            if t.dep_ == "relcl" and is_media(t.head, lex):  # "the news agency RIA reported"
                left = t.head.left_edge
            out.append((left.idx, subj.i))
    return out


def _token_ids(doc: Doc, spans: list[Span] | tuple[Span, ...]) -> list[int]:
    """Indices of the tokens inside the character spans."""
    out: list[int] = []
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="contract")
        if span is not None:
            out.extend(range(span.start, span.end))
    return out


def _resumed_quote(tok: Token, cue_end: int, quotes: list[Quote]) -> list[Span]:
    """'"Not just X," he told reporters, "but Y."': the quotation resumes after the cue."""
    text = doc_text(tok.doc)
    for q in quotes:
        gap = text[cue_end:q.start]
        if q.start >= cue_end and _GAP_AFTER.match(gap) and gap.rstrip().endswith((",", ":")):
            return [(q.start, q.end)]
        if q.start >= cue_end:
            break
    return []


def _first_word(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isalnum():
        pos += 1
    return pos


def _with_quotes(contents: list[Span], quotes: list[Quote], cue_at: int) -> tuple[list[Span], list[Quote]]:
    """Widens the content to every quotation it touches (not one enclosing the cue)."""
    used = [q for q in quotes if any(q.overlaps(s, e) for s, e in contents) and not q.start <= cue_at < q.end]
    spans = sorted(contents + [(q.start, q.end) for q in used])
    merged: list[Span] = []
    for s, e in spans:
        if merged and s <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged, used


def _additive(tok: Token, lemma: str, lex: Lexicon) -> bool:
    return lemma.split()[0] in lex.additive_verbs or any(
        c.dep_ == "advmod" and c.lower_ in lex.additive_adverbs for c in tok.children)


def _inside_quote(cue: Cue, quotes: list[Quote], sdoc: Doc) -> bool:
    """A cue inside a quotation is the speaker reporting someone else: part of the quote.
    Not when its subject stands before the quotation: 'X, "stressed that ..."' quotes the
    predicate itself."""
    speaker_at = sdoc[cue.speaker].idx if cue.speaker is not None else None
    return any(q.inner_start <= cue.start < q.inner_end
               and not (speaker_at is not None and speaker_at < q.start) for q in quotes)


def _in_prose(text: str, pos: int) -> bool:
    """Headlines, standfirsts and bylines (lines without any full stop) carry no statements."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)].rstrip()
    return line.endswith(_PROSE_END) or _SENTENCE_END.search(line) is not None


def _one_owner(cues: list[Cue], text: str, sdoc: Doc, lex: Lexicon) -> list[Cue]:
    """A quotation claimed by several cues (a sentence split the parser missed) belongs
    to the nearest one; the others lose it."""
    owner: dict[Quote, int] = {}
    for i, c in enumerate(cues):
        for q in c.quotes:
            j = owner.get(q)
            if j is None or _encloses(c, cues[j], sdoc, lex) or (
                    _distance(c, q) < _distance(cues[j], q) and not _encloses(cues[j], c, sdoc, lex)):
                owner[q] = i
    out = []
    for i, c in enumerate(cues):
        lost = [q for q in c.quotes if owner[q] != i]
        if not lost:
            out.append(c)
            continue
        kept = tuple(_subtract(list(c.contents), lost, text))
        if kept:
            out.append(replace(c, contents=kept, quotes=tuple(q for q in c.quotes if q not in lost),
                               direct=c.direct and not any(q for q in lost)))
    return out


def _encloses(outer: Cue, inner: Cue, sdoc: Doc, lex: Lexicon) -> bool:
    """``inner`` is reported inside ``outer``'s content (and will be folded into it), unless
    ``outer`` is a medium's report (then ``inner`` is the statement)."""
    return outer is not inner and any(s <= inner.start < e for s, e in outer.contents) \
        and not (outer.speaker is not None and is_media(sdoc[outer.speaker], lex))


def _subtract(spans: list[Span], lost: list[Quote], text: str) -> list[Span]:
    """The spans with the lost quotations cut out; pieces without a word are dropped."""
    for q in lost:
        pieces = []
        for s, e in spans:
            pieces += [(s, min(e, q.start)), (max(s, q.end), e)]
        spans = [_strip_span(text, s, e) for s, e in pieces if e > s]
    return [(s, e) for s, e in spans if any(ch.isalnum() for ch in text[s:e])]


def _strip_span(text: str, s: int, e: int) -> Span:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


def _distance(cue: Cue, q: Quote) -> int:
    return max(0, q.start - cue.end, cue.start - q.end)


def _unnest(cues: list[Cue], sdoc: Doc, lex: Lexicon) -> list[Cue]:
    """A cue inside another's content: a medium's report lends its name as channel
    ("X said ..., Interfax reported"); otherwise the inner one is part of the content."""
    dropped: set[int] = set()
    channels: dict[int, tuple[int, ...]] = {}
    for i, outer in enumerate(cues):
        inner = [j for j, c in enumerate(cues) if j != i and any(s <= c.start < e for s, e in outer.contents)]
        media = outer.speaker is not None and is_media(sdoc[outer.speaker], lex)
        media_inner = [j for j in inner if cues[j].speaker is not None and is_media(sdoc[cues[j].speaker], lex)]
        if media_inner and not media:  # "X said ..., the agency RIA reported": cut the report off
            cut = min(sdoc[cues[j].head].left_edge.idx for j in media_inner)
            cues[i] = outer = _cut_after(outer, cut, doc_text(sdoc))
            channels[i] = channels.get(i, ()) + tuple(cues[j].speaker for j in media_inner)
            dropped.update(media_inner)
            inner = [j for j in inner if j not in media_inner]
        if media:
            dropped.add(i)
            for j in inner:
                channels[j] = channels.get(j, ()) + (outer.speaker,)
        elif outer.kind == "predicate" and any(cues[j].kind == "verb" for j in inner):
            dropped.add(i)
        else:
            dropped.update(inner)
    return [replace(c, channels=tuple(sorted(set(c.channels + channels.get(i, ())))))
            for i, c in enumerate(cues) if i not in dropped]


def _cut_after(cue: Cue, cut: int, text: str) -> Cue:
    """The cue with its content ending before ``cut``."""
    return replace(cue, contents=tuple(_cut_spans(list(cue.contents), cut, text)))


def _cut_spans(spans: list[Span], cut: int, text: str) -> list[Span]:
    """Spans ending before ``cut``, edge punctuation dropped (unchanged if nothing would remain)."""
    out = [_strip_span(text, s, min(e, cut)) for s, e in spans if min(e, cut) > s]
    return [(s, e) for s, e in out if e > s] or spans

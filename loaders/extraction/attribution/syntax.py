"""Dependency-parse helpers for attribution: speaker phrases, content clauses, media phrases.

Everything works on spaCy tokens of one entry; character offsets are entry
offsets (``token.idx``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from loaders.dates import iter_date_phrases

from .lexicon import Lexicon

Span = tuple[int, int]

_RELATIVE = frozenset({"who", "which", "that", "whom"})
_CLIMB_DEPS = frozenset({"conj", "advcl"})  # not xcomp: "declined to comment" is no statement
_QUOTE_CHARS = set("\"“”„«»‘’'")
_PARTICLES = frozenset({"on", "upon", "for", "out", "to", "in", "up"})
_TARGET_PREPS = frozenset({"on", "upon"})
_DATE_DEPS = frozenset({"prep", "npadvmod", "advmod", "tmod", "obl"})
_NOT_SPEAKERS = frozenset({"i", "we", "you", "there", "this", "what", "one"})
_TEXT_KEY = "kg.attribution.text"
_QUALIFIED_MEDIA = frozenset({"agency", "agencies"})
_CLAUSE_BREAKS = frozenset({";", ".", "!", "?"})


def end_of(tok: Token) -> int:
    return tok.idx + len(tok.text)


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token on each access, computed once."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def np_span(tok: Token) -> Span:
    """The compact noun phrase of ``tok``: its left modifiers and itself (no appositions,
    relative clauses or prepositional tails)."""
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ != "punct"])
    return tok.doc[left].idx, end_of(tok)


def particle_of(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.rights if c.dep_ in ("prt", "prep") and c.lower_ in _PARTICLES]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def speaker_token(verb: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """Head of the phrase naming who speaks through ``verb``, or None."""
    subj = _nearest_subject(verb)
    if subj is None:
        subj = _agent(verb) or _inherited_speaker(verb, lex, depth)
        return _usable(subj)
    if subj.lower_ in _RELATIVE or subj.tag_ in ("WP", "WDT"):
        return _usable(_antecedent(verb))
    if subj.lemma_.lower() in lex.document_nouns:
        return _usable(document_owner(subj, lex) or subj)
    return _usable(subj)


def _nearest_subject(verb: Token) -> Token | None:
    """The nsubj closest to the verb: a run-on without a sentence break ("Photograph: AFP
    The Élysée Palace said") gives the verb two subjects, and the nearer one speaks."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def could_speak(tok: Token, lex: Lexicon) -> bool:
    """A person, organisation, place (metonymy) or a noun for such: not "the sanctions"."""
    if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC") \
            or sum(c.isupper() for c in tok.text) > 1:  # "MoD", "IOC"
        return True
    lemma = tok.lemma_.lower()
    return tok.pos_ == "PROPN" or lemma in lex.person_titles or lemma in lex.speaker_nouns \
        or lemma in lex.document_nouns or lemma in lex.media_nouns or tok.lower_ in lex.media_nouns


def _usable(tok: Token | None) -> Token | None:
    if tok is None or tok.lower_ in _NOT_SPEAKERS or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return tok


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _inherited_speaker(verb: Token, lex: Lexicon, depth: int) -> Token | None:
    """"..., adding that", "and called on", "quoted X as saying", "a statement saying"."""
    if is_passive(verb) or depth > 3:
        return None
    head = verb.head
    if verb.dep_ in _CLIMB_DEPS and head != verb and head.pos_ in ("VERB", "AUX"):
        return speaker_token(head, lex, depth + 1)
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ == "quote":
        quoting = head.head
        return next((c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if verb.dep_ == "acl" and head.lemma_.lower() in lex.document_nouns:
        owner = document_owner(head, lex)
        if owner is None and head.head.pos_ == "VERB":
            return speaker_token(head.head, lex, depth + 1)
        return owner
    return None


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative clause ("X, who said ...") hangs on."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return verb.head if verb.dep_ == "relcl" else None


def document_owner(noun: Token, lex: Lexicon) -> Token | None:
    """Who a statement/report/update belongs to: "its update", "the Kremlin statement",
    "a statement from the ministry"."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() not in lex.document_nouns:
                return pobj
    return None


def subtree_range(root: Token, skip: set[int]) -> Span | None:
    """Character span of ``root``'s subtree minus ``skip``, trimmed of edge punctuation
    and of a leading complementiser ("that")."""
    toks = [t for t in root.subtree if t.i not in skip]
    while toks and (_edge_punct(toks[0]) or toks[0].dep_ in ("mark", "cc") and toks[0].lower_ == "that"
                    or toks[0].dep_ == "cc"):
        toks.pop(0)
    while toks and _edge_punct(toks[-1]):
        toks.pop()
    return (toks[0].idx, end_of(toks[-1])) if toks else None


def _edge_punct(tok: Token) -> bool:
    return tok.is_space or tok.is_punct and tok.text not in _QUOTE_CHARS


def predicate_range(verb: Token, skip: set[int]) -> Span | None:
    """"called on residents to proceed to shelters": the verb and its objects."""
    parts = [c for c in verb.rights
             if c.dep_ in ("dobj", "xcomp", "oprd", "dative", "prep", "prt", "ccomp", "acomp")
             and c.i not in skip]
    if not any(c.dep_ in ("dobj", "xcomp", "oprd", "dative") or c.lower_ in ("on", "upon", "for", "of", "against")
               and any(g.dep_ in ("pobj", "pcomp") for g in c.children) for c in parts):
        return None
    right = max(c.right_edge for c in parts)
    while right.i > verb.i and (_edge_punct(right) or right.i in skip):
        right = right.doc[right.i - 1]
    return verb.idx, end_of(right)


def that_clause(verb: Token) -> list[Token]:
    """'said after a call with X that ...': the parser hung the "that" clause on the
    noun of the time phrase (relcl/acl) instead of the verb."""
    for p in (c for c in verb.rights if c.dep_ == "prep"):
        for t in p.subtree:
            if t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX") \
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children) \
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                return [t]
    return []


def across_break(clause: Token, verb: Token) -> bool:
    """A clause left of the verb behind a ";" or full stop is a sentence of its own, not
    the verb's content ("X said Y; he called it Z")."""
    between = verb.doc[clause.right_edge.i + 1:verb.i] if clause.i < verb.i else []
    return any(t.text in _CLAUSE_BREAKS for t in between)


def according_skip(root: Token) -> set[int]:
    """Tokens of "according to X" phrases under ``root`` (never part of the content)."""
    return {t.i for c in root.subtree if c.lower_ == "according" for t in c.subtree}


def targets_of(verb: Token, lex: Lexicon) -> tuple[int, ...]:
    """Whom a directive or evaluative cue addresses: "urged Russia", "called on allies"."""
    if verb.lemma_.lower() not in lex.directive_verbs:
        return ()
    out = [c.i for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "PRON"]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPS:
            out += [g.i for g in prep.children if g.dep_ == "pobj" and g.pos_ != "PRON"]
    return tuple(sorted(out))


def is_media(tok: Token, lex: Lexicon) -> bool:
    """A phrase naming a news outlet: "Interfax", "state broadcaster CCTV", "Chinese state media"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if _media_word(tok, lex) or tok.lower_ in lex.media_names:
        return True
    start, end = np_span(tok)
    phrase = doc_text(tok.doc)[start:end].lower().removeprefix("the ")
    # "state broadcaster CCTV" (a name headed by a media word), not "press secretary"
    return phrase in lex.media_names or tok.pos_ == "PROPN" and any(
        c.dep_ in ("compound", "appos") and _media_word(c, lex) for c in tok.children)


def _media_word(tok: Token, lex: Lexicon) -> bool:
    """A noun for a news outlet ("media" lemmatises to "medium"). "Agency" only with a media
    modifier: "news agency" reports, "UN agencies" and "the Energy Agency" speak."""
    lemma = tok.lemma_.lower()
    if lemma in _QUALIFIED_MEDIA or tok.lower_ in _QUALIFIED_MEDIA:
        return any(c.dep_ in ("compound", "amod") and _media_word(c, lex) for c in tok.children)
    return lemma in lex.media_nouns or tok.lower_ in lex.media_nouns


def media_heads(tokens: Iterable[Token], lex: Lexicon) -> tuple[int, ...]:
    return tuple(sorted(t.i for t in tokens if is_media(t, lex) and t.dep_ not in ("compound", "amod")))


def date_phrase(verb: Token, skip: set[int]) -> str | None:
    """A time phrase attached to the cue ("said on Friday", "told ... on Thursday")."""
    for c in verb.children:
        if c.dep_ in _DATE_DEPS and c.i not in skip:
            text = doc_text(verb.doc)[c.left_edge.idx:end_of(c.right_edge)]
            for _, _, phrase in iter_date_phrases(text):
                return phrase
    return None


def is_present(verb: Token) -> bool:
    """"says" (no time given: a standing claim) as against "said"/"has said"."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children)


def covering_tokens(doc: Doc, span: Span) -> list[Token]:
    return [t for t in doc if t.idx >= span[0] and end_of(t) <= span[1]]

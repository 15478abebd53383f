"""Named conditions a trigger word must meet to count, referred to by name in the lexicon.

Each takes the trigger token and the sentence analysis. They look at the
trigger's arguments only (subject, object, prepositional objects, modifiers),
so "launched 16 drones" is a strike and "launched an investigation" is not.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .syntax import (
    Analysis,
    head_words,
    kids,
    lemma,
    passive,
    phrase_words,
    preps,
    subjects,
    with_conjuncts,
)

Condition = Callable[[Token, Analysis], bool]
_RELATIVE_WORDS = frozenset({"which", "that", "all", "who", "whom", "some", "most", "many"})


def objects(verb: Token) -> list[Token]:
    """What a verb acts on: direct object, passive subject, the noun a relative clause modifies."""
    found = kids(verb, "dobj", "nsubjpass", "attr")
    if verb.dep_ in {"relcl", "acl"} and (passive(verb) or any(lemma(o) in _RELATIVE_WORDS for o in found)):
        found.append(verb.head)
    if not found and verb.dep_ == "conj" and verb.tag_ == "VBN":  # "detected and destroyed"
        found = kids(verb.head, "nsubjpass")
    return with_conjuncts(found)


def _any_class(tokens: list[Token], ana: Analysis, *names: str) -> bool:
    return any(ana.has_class(t, n) for t in tokens for n in names)


def _actorish(tok: Token, ana: Analysis) -> bool:
    return ana.is_actor(tok) or tok.pos_ == "PROPN" or (ana.is_place(tok) and tok.dep_ != "compound")


def weapon_object(tok: Token, ana: Analysis) -> bool:
    return _any_class(objects(tok), ana, "weapons") or _any_class(preps(tok, "with"), ana, "weapons")


def weapon_modified(tok: Token, ana: Analysis) -> bool:
    """"missile hits", "artillery fire", "fire from rocket launchers"."""
    mods = phrase_words(tok) - {lemma(tok), tok.lower_}
    return bool(mods & ana.cls("weapons")) or _any_class(preps(tok, "of", "from", "by"), ana, "weapons")


def weapon_subject(tok: Token, ana: Analysis) -> bool:
    agents = preps(tok, "by") if passive(tok) else subjects(tok)
    return _any_class(agents, ana, "weapons")


def weapon_or_target(tok: Token, ana: Analysis) -> bool:
    return weapon_object(tok, ana) or bool(preps(tok, "on", "at", "upon"))


def weapon_or_passive(tok: Token, ana: Analysis) -> bool:
    if weapon_subject(tok, ana) or weapon_object(tok, ana):
        return True
    return passive(tok) and not preps(tok, "by") and _any_class(objects(tok), ana, "weapons") is False \
        and any(_actorish(o, ana) for o in objects(tok))


def weapon_into(tok: Token, ana: Analysis) -> bool:
    return weapon_object(tok, ana) and bool(preps(tok, "into", "at", "against", "towards", "toward", "on"))


def down(tok: Token, ana: Analysis) -> bool:
    return any(c.lower_ == "down" for c in kids(tok, "prt", "advmod", "prep"))


def any_object(tok: Token, ana: Analysis) -> bool:
    return bool(objects(tok))


def asset_object(tok: Token, ana: Analysis) -> bool:
    return _any_class(objects(tok), ana, "asset_nouns")


def asset_modified(tok: Token, ana: Analysis) -> bool:
    return bool(phrase_words(tok) & ana.cls("asset_nouns")) or _any_class(preps(tok, "of"), ana, "asset_nouns")


def price_modified(tok: Token, ana: Analysis) -> bool:
    return "price" in phrase_words(tok)


def from_object(tok: Token, ana: Analysis) -> bool:
    return bool(objects(tok)) and bool(preps(tok, "from"))


def off_from(tok: Token, ana: Analysis) -> bool:
    access = any(lemma(o) == "access" for o in objects(tok))
    return any(c.lower_ == "off" for c in kids(tok, "prt")) and (access or bool(preps(tok, "from")))


def _aid_words(tok: Token, ana: Analysis) -> bool:
    return bool(head_words(tok) & (ana.cls("aid_objects") | ana.cls("aid_modifiers")))


def aid_modified(tok: Token, ana: Analysis) -> bool:
    mods = phrase_words(tok) - {lemma(tok), tok.lower_}
    return bool(mods & (ana.cls("aid_objects") | ana.cls("aid_modifiers"))) or \
        any(_aid_words(o, ana) for o in preps(tok, "of"))


def _money(tok: Token, ana: Analysis) -> bool:
    return any(t.lower_ in ana.cls("currency") or lemma(t) in ana.cls("currency") for t in tok.subtree)


def _aid_head(tok: Token, ana: Analysis) -> bool:
    """What the phrase is ("food shortages" are shortages; "dozens of tanks" are tanks)."""
    heads = [tok, *preps(tok, "of")]
    return any(lemma(h) in ana.cls("aid_objects") or h.lower_ in ana.cls("aid_objects") for h in heads)


def aid_object(tok: Token, ana: Analysis) -> bool:
    things = with_conjuncts(objects(tok) + preps(tok, "with"))
    return any(_aid_head(t, ana) or _money(t, ana) for t in things)


def recipient(tok: Token, ana: Analysis) -> bool:
    if any(_actorish(o, ana) for o in preps(tok, "to") + kids(tok, "dative")):
        return True
    if any(ana.is_actor(o) for o in preps(tok, "for")):
        return True
    return bool(preps(tok, "with")) and any(_actorish(o, ana) for o in kids(tok, "dobj"))


def aid_or_recipient(tok: Token, ana: Analysis) -> bool:
    return aid_object(tok, ana) or recipient(tok, ana)


def aid_and_recipient(tok: Token, ana: Analysis) -> bool:
    return aid_object(tok, ana) and recipient(tok, ana)


def recipient_object(tok: Token, ana: Analysis) -> bool:
    return any(_actorish(o, ana) for o in kids(tok, "dobj"))


def call_like(tok: Token, ana: Analysis) -> bool:
    return bool(phrase_words(tok) & ana.cls("media_words")) or bool(preps(tok, "between", "with"))


def named_parties(tok: Token, ana: Analysis) -> bool:
    """"talks between Kyiv and Moscow", "Biden's meeting", "held talks": a meeting that took place."""
    if preps(tok, "between", "with") or call_like(tok, ana):
        return True
    if any(ana.is_actor(c) for c in tok.children if c.dep_ in {"poss", "compound", "amod", "nmod"}):
        return True
    return tok.dep_ in {"dobj", "nsubjpass"} and lemma(tok.head) in ana.cls("meeting_frames")


def campaign_modified(tok: Token, ana: Analysis) -> bool:
    return bool((phrase_words(tok) - {lemma(tok), tok.lower_}) & ana.cls("campaign_modifiers"))


def video_modified(tok: Token, ana: Analysis) -> bool:
    return bool(phrase_words(tok) & ana.cls("media_words"))


def visit_like(tok: Token, ana: Analysis) -> bool:
    return bool(preps(tok, "to")) or "visit" in phrase_words(tok)


def plural(tok: Token, ana: Analysis) -> bool:
    return tok.tag_ in {"NNS", "NNPS"}


def _person(tok: Token, ana: Analysis) -> bool:
    return _actorish(tok, ana) or tok.lower_ in {"him", "her", "them"} or ana.has_class(tok, "persons")


def person_object(tok: Token, ana: Analysis) -> bool:
    """"called Zelensky", "sacked the commander" (not "called Psaki a liar": naming)."""
    if kids(tok, "oprd", "xcomp", "ccomp", "attr", "npadvmod") or len(kids(tok, "dobj")) > 1:
        return False
    return any(_person(o, ana) for o in kids(tok, "dobj", "nsubjpass"))


def with_person(tok: Token, ana: Analysis) -> bool:
    return any(_actorish(o, ana) for o in preps(tok, "with", "to"))


def person_or_with(tok: Token, ana: Analysis) -> bool:
    return person_object(tok, ana) or with_person(tok, ana)


def to_place(tok: Token, ana: Analysis) -> bool:
    return any(ana.is_place(o) or ana.is_actor(o) for o in preps(tok, "to"))


def _numbered(tok: Token) -> bool:
    return tok.like_num or tok.tag_ == "CD" or any(c.dep_ == "nummod" for c in tok.children)


def numbered(tok: Token, ana: Analysis) -> bool:
    return _numbered(tok)


def numbered_or_of_war(tok: Token, ana: Analysis) -> bool:
    return _numbered(tok) or any(lemma(o) == "war" for o in preps(tok, "of"))


def actor_subject(tok: Token, ana: Analysis) -> bool:
    """"its forces destroyed five command posts": someone named did the damage (a strike)."""
    agents = preps(tok, "by") if passive(tok) else subjects(tok)
    return bool(objects(tok)) and any(ana.is_actor(a) or lemma(a) in {"force", "troop", "army"} for a in agents)


def unattributed_damage(tok: Token, ana: Analysis) -> bool:
    """"a building was destroyed": damage with nobody named doing it (an impact)."""
    return not_weapon_object(tok, ana) and not actor_subject(tok, ana)


def not_weapon_subject(tok: Token, ana: Analysis) -> bool:
    return not weapon_subject(tok, ana)


def not_weapon_object(tok: Token, ana: Analysis) -> bool:
    objs = objects(tok)
    return bool(objs) and not _any_class(objs, ana, "weapons") and not weapon_subject(tok, ana)


def numbered_subject(tok: Token, ana: Analysis) -> bool:
    return any(_numbered(s) for s in subjects(tok))


def numbered_object(tok: Token, ana: Analysis) -> bool:
    return any(_numbered(o) for o in kids(tok, "dobj"))


def as_role(tok: Token, ana: Analysis) -> bool:
    return _any_class(preps(tok, "as"), ana, "persons")


def goods_modified(tok: Token, ana: Analysis) -> bool:
    return bool(head_words(tok) & ana.cls("trade_goods"))


def goods_object(tok: Token, ana: Analysis) -> bool:
    return _any_class(objects(tok), ana, "trade_goods")


def border_object(tok: Token, ana: Analysis) -> bool:
    return _any_class(objects(tok) + preps(tok, "into"), ana, "border_nouns")


def head_noun(tok: Token, ana: Analysis) -> bool:
    """"the war in Ukraine", not "war crimes", "world war" or the idiom "prisoners of war"."""
    if tok.dep_ == "compound" or {"world", "cold", "civil", "trade", "price"} & phrase_words(tok):
        return False
    idiom = tok.dep_ == "pobj" and tok.head.lower_ == "of" and not list(tok.children)
    return not idiom


def diplomat_object(tok: Token, ana: Analysis) -> bool:
    return _any_class(objects(tok), ana, "diplomat_nouns")


def possessed(tok: Token, ana: Analysis) -> bool:
    return bool(kids(tok, "poss")) or bool(preps(tok, "of", "on"))


def on_place(tok: Token, ana: Analysis) -> bool:
    return any(ana.is_place(o) or ana.is_actor(o) for o in preps(tok, "on", "towards", "toward"))


_ALL: tuple[Condition, ...] = (
    weapon_object, weapon_modified, weapon_subject, weapon_or_target, weapon_or_passive, weapon_into, down,
    any_object, asset_object, asset_modified, price_modified, from_object, off_from, aid_modified, aid_object,
    aid_or_recipient, aid_and_recipient, recipient_object, call_like, named_parties, campaign_modified,
    video_modified, visit_like, plural, person_object, with_person, person_or_with, to_place, numbered,
    numbered_or_of_war, actor_subject, unattributed_damage, not_weapon_subject, not_weapon_object,
    numbered_subject, numbered_object, as_role, goods_modified, goods_object, border_object, head_noun, diplomat_object,
    possessed, on_place,
)
CONDITIONS: dict[str, Condition] = {fn.__name__: fn for fn in _ALL}


def holds(name: str, tok: Token, ana: Analysis) -> bool:
    return True if not name else CONDITIONS[name](tok, ana)

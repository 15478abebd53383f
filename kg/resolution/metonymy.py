"""Is a place name used as a place or as the actor it stands for?

"Kyiv says", "Moscow fired", "Kiev's military", "sanctioned Moscow": the capital acts,
so the mention is the country actor. "in Kyiv", "sirens across Kyiv", "a visit to
Moscow": a place. Country names default the other way: "Russia" is an actor unless
the syntax makes it a place ("war in Ukraine", "visit Russia").
"""

from __future__ import annotations

from spacy.tokens import Token

LOCATIVE_PREPS = frozenset({"in", "across", "into", "inside", "within", "throughout", "near", "around", "at",
                            "outside", "through", "via", "over", "toward", "towards", "beyond", "along",
                            "south", "north", "east", "west", "out"})
MOTION_LEMMAS = frozenset({"visit", "trip", "travel", "go", "come", "return", "fly", "journey", "arrive", "head",
                           "move", "flee", "evacuate", "enter", "leave", "reach", "cross", "tour", "drive",
                           "advance", "march", "withdraw", "retreat", "deploy", "relocate", "bring", "take",
                           "way", "road", "route", "flight", "train", "border"})
# Prepositions after which a place is a place when the governing word is a motion/visit word.
DIRECTIONAL_PREPS = frozenset({"to", "from", "on"})
ACTOR_PREP_HEADS = frozenset({"call", "urge", "rely", "depend", "pressure", "sanction", "impose", "blame",
                              "accuse", "pressure", "demand", "solidarity", "support", "aid", "help", "message"})
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "dative", "poss"})
# Possessed nouns that belong to the city itself, not its country's government ("Kyiv's mayor").
CITY_NOUNS = frozenset({"mayor", "residents", "resident", "streets", "street", "city", "centre", "center",
                        "outskirts", "suburbs", "district", "districts", "metro", "subway", "governor",
                        "administration", "council", "officials", "government", "airport", "station",
                        "population", "people", "inhabitants", "citizens", "buildings", "skyline", "region",
                        "oblast", "infrastructure", "police", "hospitals", "schools"})


# Possessed nouns that make a capital's name stand for its government ("Moscow's troops").
ACTOR_NOUNS = frozenset({"military", "army", "forces", "troops", "soldiers", "government", "leadership", "regime",
                         "authorities", "decision", "position", "stance", "demand", "demands", "offer", "proposal",
                         "response", "plan", "plans", "strategy", "attack", "attacks", "offensive", "assault",
                         "invasion", "war", "missiles", "drones", "strikes", "allies", "envoy", "ambassador",
                         "diplomats", "negotiators", "representatives", "claims", "claim", "accusations", "refusal",
                         "policy", "move", "threat", "threats", "warning", "aggression", "ties", "relations",
                         "support", "backing", "involvement", "campaign", "bombardment", "shelling", "forces",
                         "intelligence", "security", "defence", "defense", "navy", "fleet", "partners", "ally",
                         "request", "requests", "sanctions", "mobilisation", "mobilization", "annexation",
                         "occupation", "counteroffensive", "counter-offensive", "blockade", "troop", "units"})


# Verbs whose object is someone, not somewhere: "sanctioned Moscow", "urged Kyiv".
ADDRESSEE_VERBS = frozenset({"sanction", "urge", "accuse", "warn", "supply", "support", "help", "call", "tell",
                             "blame", "invite", "pressure", "persuade", "criticise", "criticize", "condemn",
                             "thank", "arm", "fund", "recognise", "recognize", "back", "ask", "push", "punish",
                             "reassure", "assure", "provide", "give", "send", "offer", "allow", "force",
                             "convince", "encourage", "join", "contact", "inform", "notify", "answer", "trust",
                             "engage", "isolate", "deter", "defeat", "congratulate", "praise", "reject", "deny"})


def _prep_role(tok: Token) -> str | None:
    """'place', 'actor' or None for a token that is the object of a preposition."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.pos_ != "ADP":
        return None
    word, governor = prep.lower_, prep.head
    if word == "by" and prep.dep_ == "agent":
        return "actor"
    if word in LOCATIVE_PREPS:
        return "place"
    if word in DIRECTIONAL_PREPS:
        if governor.lemma_.lower() in ACTOR_PREP_HEADS:
            return "actor"
        return "place" if governor.lemma_.lower() in MOTION_LEMMAS or word == "on" else None
    return None


def _root(tok: Token) -> Token:
    """Walk up conjunctions and appositions to the token whose role decides."""
    seen = 0
    while tok.dep_ in {"conj", "appos"} and tok.head != tok and seen < 5:
        tok, seen = tok.head, seen + 1
    return tok


def acts(tok: Token, *, capital: bool) -> bool:
    """True when the place named by ``tok`` (its head token) is used as an actor."""
    tok = _root(tok)
    role = _prep_role(tok)
    if role is not None:
        return role == "actor"
    if tok.dep_ == "poss":
        return tok.head.lower_ in ACTOR_NOUNS if capital else tok.head.lower_ not in CITY_NOUNS
    if tok.dep_ in AGENT_DEPS:
        return True
    if tok.dep_ == "dobj":
        verb = tok.head.lemma_.lower()
        return verb in ADDRESSEE_VERBS if capital else verb not in MOTION_LEMMAS
    if tok.dep_ in {"compound", "nmod", "amod"}:
        return not capital and tok.head.lower_ not in CITY_NOUNS
    return not capital

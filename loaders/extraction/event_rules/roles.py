"""Who did what to whom, and where: event arguments from the dependency parse.

Arguments are found as syntactic positions (subject, object, "by"/"on"/"to"
phrases, possessors and demonym modifiers of a nominal trigger) and then read
as the resolved mentions they contain. Sides: the agent side (attacker, imposer,
donor, interceptor) and the patient side (target, sanctioned, recipient, victim).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..base import Mention
from .conditions import objects
from .sides import country_of_place, is_leader, side_of, sides
from .syntax import (
    Analysis,
    governing_verb,
    is_verbal,
    kids,
    lemma,
    passive,
    preps,
    subjects,
    with_conjuncts,
)
from .triggers import Trigger

_CORE_MODS = frozenset({"poss", "compound", "amod", "nmod", "appos"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj", "acl", "xcomp"})
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
_PRONOUNS = frozenset({"it", "they", "we", "he", "she"})
_TARGET_PREPS = ("on", "against", "at", "into", "upon", "towards", "toward")
_PLACE_PREPS = ("in", "over", "across", "near", "around", "outside", "at", "on", "into", "within",
                "throughout", "towards", "toward", "to")
_NOUN_PATH = frozenset({"conj", "pobj", "appos"})
_MAKER_WORDS = frozenset({"made", "built", "supplied", "designed", "produced", "manufactured", "provided"})


@dataclass
class Arguments:
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)
    owners: list[Mention] = field(default_factory=list)  # whose weapons ("Russian missiles")
    places: list[Mention] = field(default_factory=list)

    def add(self, side: str, mentions: list[Mention]) -> None:
        bucket = getattr(self, side)
        bucket.extend(m for m in mentions if m not in bucket)


def np_mentions(tok: Token, ana: Analysis, depth: int = 2) -> list[Mention]:
    """Mentions a noun phrase stands for: its own name, else its possessor, modifiers and "of" objects."""
    out: list[Mention] = []
    for t in with_conjuncts([tok]):
        m = ana.mentions.at(t)
        if m is not None:
            out.append(m)
            continue
        if depth == 0:
            continue
        inner = [c for c in t.children if c.dep_ in _CORE_MODS] + preps(t, "of")
        for c in inner:
            out.extend(x for x in np_mentions(c, ana, depth - 1) if x not in out)
    return out


def _resolve_relative(tokens: list[Token]) -> list[Token]:
    """A relative pronoun subject stands for the noun its clause modifies."""
    return [t.head.head if t.lower_ in _RELATIVE and t.head.dep_ == "relcl" else t for t in tokens]


def _maker_named(weapon: Token) -> bool:
    """"Iranian Shahed drones", "US-made rockets": the demonym names the maker, not the user."""
    return any((c.dep_ == "compound" and c.pos_ == "PROPN") or c.lower_ in _MAKER_WORDS
               for c in weapon.subtree if c.i < weapon.i)


def _weapon_owners(tokens: list[Token], ana: Analysis) -> list[Mention]:
    owners: list[Mention] = []
    for t in tokens:
        if ana.has_class(t, "weapons") and not _maker_named(t):
            for x in with_conjuncts([t]) + preps(t, "of"):
                owners.extend(np_mentions(c, ana, 1)[0] for c in x.children
                              if c.dep_ in {"poss", "amod", "compound", "nmod"} and np_mentions(c, ana, 1))
    return owners


def _mentions(tokens: list[Token], ana: Analysis) -> list[Mention]:
    out: list[Mention] = []
    for t in tokens:
        out.extend(m for m in np_mentions(t, ana) if m not in out)
    return out


def _reporter_for(pronoun: Token, ana: Analysis) -> list[Token]:
    """"Russia's Defence Ministry said it had carried out": the pronoun is the reporter."""
    for anc in pronoun.ancestors:
        if lemma(anc) in ana.cls("speech_verbs"):
            return [s for s in kids(anc, "nsubj") if ana.mentions.at(s) is not None]
    return []


def _resolve_pronouns(tokens: list[Token], ana: Analysis) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        unresolved = t.lower_ in _PRONOUNS and ana.mentions.at(t) is None
        out.extend(_reporter_for(t, ana) if unresolved else [t])
    return out


def _agent_tokens(verb: Token, ana: Analysis) -> list[Token]:
    if passive(verb):
        return preps(verb, "by")
    return _resolve_pronouns(_resolve_relative(subjects(verb)), ana)


def _aid_verbal(verb: Token, ana: Analysis, args: Arguments) -> None:
    """"sent British arms to Ukraine", "supplying Moscow with drones": goods belong to the donor."""
    with_goods = preps(verb, "with")
    goods = with_goods or objects(verb)
    recipients = kids(verb, "dative") + preps(verb, "to") + [o for o in preps(verb, "for") if ana.is_actor(o)]
    if with_goods:
        recipients += kids(verb, "dobj")
    args.add("agents", _mentions(_agent_tokens(verb, ana) + preps(verb, "from"), ana))
    args.add("agents", [m for m in _mentions(goods, ana) if m.kind == "actor"])
    args.add("patients", _mentions(recipients, ana))


def _verbal(trig: Trigger, ana: Analysis, args: Arguments) -> None:
    verb = trig.token
    if trig.sense.type.value == "aid":
        _aid_verbal(verb, ana, args)
        return
    agents = _agent_tokens(verb, ana)
    patients = objects(verb) + preps(verb, *_TARGET_PREPS)
    if ana.has_class_any(agents, "weapons"):  # "a Russian missile hit ..."
        args.add("owners", _weapon_owners(agents, ana))
        agents = []
    args.add("owners", _weapon_owners(patients, ana))
    args.add("agents", _mentions(agents + preps(verb, "from"), ana))
    args.add("patients", _mentions([p for p in patients if not ana.has_class(p, "weapons")], ana))
    args.add("patients", _mentions(kids(verb, "dative") + preps(verb, "to", "with", "between"), ana))


def _passes_to(prep: Token, ana: Analysis) -> bool:
    """Does a "... of/in X" phrase stand for X? "a round of sanctions", "£100m in aid" do;
    "an exchange of prisoners" does not."""
    holder = prep.head
    if prep.lower_ == "of":
        return lemma(holder) in ana.cls("containers") or holder.lower_ in ana.cls("containers")
    quantity = holder.like_num or holder.tag_ in {"CD", "$"} or any(c.dep_ == "nummod" for c in holder.children)
    return prep.lower_ == "in" and quantity


def _frame_verb(noun: Token, ana: Analysis) -> tuple[Token | None, str]:
    """The verb a nominal trigger is an argument of, and how: ("impose", "dobj"), ("come", "under")."""
    cur = noun
    while cur.dep_ in _NOUN_PATH or (cur.dep_ == "prep" and _passes_to(cur, ana)):
        if is_verbal(cur.head):
            break
        cur = cur.head
    head = cur.head
    if not is_verbal(head) or head == cur:
        return None, ""
    if cur.dep_ == "pobj":
        return None, ""
    if cur.dep_ in {"prep", "agent"}:
        return head, cur.lower_ if cur.lower_ in {"under", "by"} else "prep"
    return head, cur.dep_


def _nominal(trig: Trigger, ana: Analysis, args: Arguments) -> None:
    noun = trig.token
    mods = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    args.add("agents", _mentions(mods + preps(noun, "by", "from"), ana))
    args.add("owners", _weapon_owners(mods + preps(noun, "by", "from", "with") + preps(noun, "of"), ana))
    goods = preps(noun, "of") if trig.sense.type.value == "aid" else []
    args.add("agents", _mentions(goods, ana))  # "an infusion of British arms": the British give
    patients = [p for p in preps(noun, *_TARGET_PREPS, "of", "to", "for", "with", "between") if p not in goods]
    args.add("patients", _mentions([p for p in patients if not ana.has_class(p, "weapons")], ana))
    for acl in kids(noun, "acl"):  # "sanctions imposed on Russia by the EU"
        args.add("patients", _mentions(preps(acl, *_TARGET_PREPS, "to"), ana))
        args.add("agents", _mentions(preps(acl, "by"), ana))
    verb, how = _frame_verb(noun, ana)
    if verb is None:
        return
    if how == "under" or (how == "by" and passive(verb)):  # "came under attack", "hit by sanctions"
        args.add("patients", _mentions(_resolve_pronouns(subjects(verb), ana), ana))
    elif trig.sense.type.value == "diplomacy" and how != "nsubj":  # "told Putin in a video call"
        args.add("agents", _mentions(_agent_tokens(verb, ana) + kids(verb, "dobj", "dative"), ana))
    elif how == "dobj" and lemma(verb) in ana.cls("undergo_verbs"):  # "Moscow faced sanctions"
        args.add("patients", _mentions(_resolve_pronouns(subjects(verb), ana), ana))
    elif how in {"dobj", "oprd", "nsubjpass"} and lemma(verb) in ana.cls("agentive_frames"):
        # light and action verbs pass on agency ("carried out a strike", "sanctions were imposed by");
        # "backed the assault", "condemned the sanctions" do not
        args.add("agents", _mentions(_agent_tokens(verb, ana), ana))
        args.add("patients", _mentions(kids(verb, "dative") + preps(verb, *_TARGET_PREPS, "to"), ana))


def clause_tokens(trig: Trigger, sent: Span) -> list[Token]:
    """The trigger's clause: its verb's subtree without embedded clauses the trigger is not in."""
    top = trig.token if is_verbal(trig.token) else (governing_verb(trig.token) or trig.token)
    if not sent.start <= top.i < sent.end:
        top = trig.token
    out, stack = [], [top]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _CLAUSE_DEPS and is_verbal(c) and trig.token not in c.subtree:
                continue
            stack.append(c)
    return sorted((t for t in out if sent.start <= t.i < sent.end), key=lambda t: t.i)


def find_arguments(trig: Trigger, sent: Span, ana: Analysis) -> Arguments:
    args = Arguments()
    (_nominal if trig.nominal else _verbal)(trig, ana, args)
    if trig.sense.aggregate:  # a war is where its own phrase says ("the war in Ukraine")
        args.add("places", ana.mentions.in_tokens(trig.token.subtree, kind="location"))
        return args
    clause = clause_tokens(trig, sent)
    args.add("places", ana.mentions.in_tokens(clause, kind="location"))
    if not args.places and not any(m.kind == "location" for m in args.patients):
        args.add("places", ana.mentions.in_tokens(sent, kind="location"))  # "besieged Sarajevo, causing ..."
    if trig.sense.type.value == "diplomacy":  # everyone named around a call or visit takes part
        args.add("agents", _mentions(_resolve_relative(subjects(governing_verb(trig.token) or trig.token)), ana))
        args.add("agents", _host_reporting(trig, args, ana))
    return args


def _host_reporting(trig: Trigger, args: Arguments, ana: Analysis) -> list[Mention]:
    """"Xi will visit Russia, Putin said": a leader announcing a meeting of his side is a party to it."""
    parties = sides({m.ref for m in args.agents + args.patients if m.kind == "actor"})
    parties |= {c for m in args.places if (c := country_of_place(m.ref))}
    speakers = [m for anc in trig.token.ancestors if lemma(anc) in ana.cls("speech_verbs")
                for m in _mentions(kids(anc, "nsubj"), ana)]
    return [m for m in speakers[:1] if m.kind == "actor" and is_leader(m.ref) and side_of(m.ref) in parties]


__all__ = ["Arguments", "clause_tokens", "find_arguments", "lemma", "np_mentions"]

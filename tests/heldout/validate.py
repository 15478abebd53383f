#!/usr/bin/env python3
"""Sanity checks for the held-out gold files in this folder (no system code is used).

Checks: JSON parses; every entry headline is an exact substring of the document text and
headlines occur in order; every actor/location alias is an exact substring of the text; ids are
unique; every id referenced by events/statements/affiliations exists; event/statement entries
exist; event types and participant roles are from the guideline vocabulary.
Usage: python3 validate.py [--texts DIR ...]   (defaults: /work/shared/corpus/seeds and /guardian)
"""
import json, sys
from pathlib import Path

HERE = Path(__file__).parent
TEXT_DIRS = [Path("/work/shared/corpus/seeds"), Path("/work/shared/corpus/guardian")]
TYPES = {"strike", "sanction", "aid", "diplomacy", "intercept", "impact", "personnel", "trade", "incident", "other"}
ROLES = {"attacker", "target", "imposer", "sanctioned", "donor", "recipient", "interceptor", "participant", "victim"}


def find_text(name):
    for d in TEXT_DIRS:
        p = d / name
        if p.exists():
            return p.read_text(encoding="utf-8")
    raise FileNotFoundError(name)


def check(path):
    errs = []
    g = json.loads(path.read_text(encoding="utf-8"))
    text = find_text(g["document"])
    pos = 0
    for e in g["entries"]:
        i = text.find(e["headline"], pos)
        if i < 0:
            errs.append(f"headline not found in order: {e['headline']!r}")
        else:
            pos = i + len(e["headline"])
    entry_ids = {e["id"] for e in g["entries"]}
    for kind in ("actors", "locations"):
        ids = [a["id"] for a in g[kind]]
        if len(ids) != len(set(ids)):
            errs.append(f"duplicate {kind} ids")
        for a in g[kind]:
            for s in a["aliases"]:
                if s not in text:
                    errs.append(f"{kind[:-1]} {a['id']}: alias not in text: {s!r}")
    actor_ids = {a["id"] for a in g["actors"]}
    loc_ids = {l["id"] for l in g["locations"]}
    for a in g["actors"]:
        if a.get("affiliation") and a["affiliation"] not in actor_ids:
            errs.append(f"actor {a['id']}: unknown affiliation {a['affiliation']}")
    ev_ids = [e["id"] for e in g["events"]]
    if len(ev_ids) != len(set(ev_ids)):
        errs.append("duplicate event ids")
    for e in g["events"]:
        if e["type"] not in TYPES:
            errs.append(f"{e['id']}: bad type {e['type']}")
        for p in e["participants"]:
            if p["actor"] not in actor_ids:
                errs.append(f"{e['id']}: unknown actor {p['actor']}")
            if p["role"] not in ROLES:
                errs.append(f"{e['id']}: bad role {p['role']}")
        for l in e["locations"]:
            if l not in loc_ids:
                errs.append(f"{e['id']}: unknown location {l}")
        if not e["entries"] or not set(e["entries"]) <= entry_ids:
            errs.append(f"{e['id']}: bad entries {e['entries']}")
    st_ids = [s["id"] for s in g["statements"]]
    if len(st_ids) != len(set(st_ids)):
        errs.append("duplicate statement ids")
    for s in g["statements"]:
        if s["speaker"] not in actor_ids:
            errs.append(f"{s['id']}: unknown speaker {s['speaker']}")
        if s["speaker"] in s["about"]:
            errs.append(f"{s['id']}: speaker listed in about")
        for a in s["about"]:
            if a not in actor_ids:
                errs.append(f"{s['id']}: unknown about {a}")
        if s["entry"] not in entry_ids:
            errs.append(f"{s['id']}: unknown entry {s['entry']}")
        if any(a["id"] == s["speaker"] and a["type"] == "media" for a in g["actors"]):
            errs.append(f"{s['id']}: media speaker")
    for c in g.get("cross_document", []):
        if c["this"] not in ev_ids:
            errs.append(f"cross_document: unknown event {c['this']}")
    return g, errs


def main():
    ok = True
    for p in sorted(HERE.glob("*.json")):
        g, errs = check(p)
        from collections import Counter
        types = Counter(e["type"] for e in g["events"])
        print(f"{p.name}: entries={len(g['entries'])} actors={len(g['actors'])} locations={len(g['locations'])} "
              f"events={len(g['events'])} {dict(sorted(types.items()))} statements={len(g['statements'])} "
              f"cross_document={len(g.get('cross_document', []))}")
        for e in errs:
            ok = False
            print("  ERROR", e)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

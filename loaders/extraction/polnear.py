"""Quote attribution measured on PolNeAR (an independent check; development tool).

    python3 -m loaders.extraction.polnear [--json] [--show]

Reads ``../shared/eval/attribution/polnear_dev_subset`` (7 political news articles,
191 gold attribution relations with source, cue and content spans), runs the same
parse -> resolver -> attribution steps as the extractor on each article (one
entry per article) and reports, for all relations and for direct quotes only
(gold content containing a double quotation mark):

- content recall: a gold relation is found when one predicted utterance record
  covers at least half of the gold content's word tokens (by position);
- speaker accuracy, over found relations that have a gold source: right when the
  speaker phrase of the record's best-overlapping cue overlaps the gold source span
  (PolNeAR marks pronouns and relative pronouns as sources, so "he said" is right
  when the gold source is that "he"; "..., who said" is right when our speaker is the
  antecedent of that "who");
- pronoun resolution, separately and only as a proxy (PolNeAR has no coreference):
  the name a pronoun speaker resolved to, compared with the closest preceding
  non-pronoun gold source (right when they share a word);
- precision: predicted records whose content overlaps some gold content by half.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.ids import content_hash, document_id, entry_id
from kg.model import Document, Entry

from .attribution import Attributions, find_attributions
from .attribution.cues import Cue
from .attribution.speakers import Speaker
from .base import EntryContext

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "attribution" / "polnear_dev_subset"
_WORD = re.compile(r"\w+")
_DIRECT_MARKS = ('"', "“", "”")
_PRONOUNS = frozenset({"he", "she", "it", "they", "who", "which", "that", "him", "her", "them", "i", "we", "you"})

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Outcome:
    """One gold relation against the predictions."""

    doc_id: str
    direct: bool
    has_source: bool
    found: bool
    speaker_ok: bool | None  # None: not found or no gold source
    pronoun: str | None  # the gold source, when it is a pronoun
    resolved_to: str | None  # what our pronoun speaker resolved to
    proxy_ok: bool | None  # resolution proxy (see module doc)
    gold_source: str
    predicted_speaker: str
    gold_content: str = ""


def load_gold(data: Path = DATA) -> dict[str, list[dict]]:
    rels: dict[str, list[dict]] = {}
    for line in (data / "attributions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rel = json.loads(line)
            rels.setdefault(rel["doc_id"], []).append(rel)
    return rels


def _document(doc_id: str, text: str, published: str | None) -> Document:
    day = dt.date.fromisoformat(published) if published else None
    did = document_id(doc_id)
    entry = Entry(id=entry_id(did, 0), document=did, index=0, published=day, start=0, end=len(text))
    return Document(id=did, source=f"{doc_id}.txt", published=day, text=text,
                    content_hash=content_hash(text), entries=(entry,))


def attribute(document: Document) -> tuple[EntryContext, Attributions]:
    """The extractor's own steps on one single-entry document."""
    from kg.resolution import DocumentResolver

    from .pipeline import load_nlp

    entry = document.entries[0]
    ctx = EntryContext(document=document, entry=entry, sdoc=load_nlp()(document.text[entry.start:entry.end]))
    ctx.mentions = DocumentResolver(document).resolve(ctx, [])
    return ctx, find_attributions(ctx, [])


def _positions(text: str, spans: Spans) -> set[int]:
    return {m.start() for s, e in spans for m in _WORD.finditer(text, s, e)}


def _overlap(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _best_record(text: str, gold: set[int], preds: list[tuple[set[int], object]]) -> object | None:
    best, best_share = None, 0.5
    for words, rec in preds:
        share = len(gold & words) / len(gold) if gold else 0.0
        if share >= best_share:
            best, best_share = rec, share
    return best


def _best_cue(text: str, rec, gold: set[int]) -> tuple[Cue, Speaker]:
    return max(rec.parts, key=lambda p: len(gold & _positions(text, list(p[0].contents))))


def _speaker_ok(ctx: EntryContext, cue: Cue, speaker: Speaker, source: Spans) -> bool:
    if _overlap([speaker.phrase], source):
        return True
    subj = next((c for c in ctx.sdoc[cue.head].children if c.dep_ == "nsubj"), None)
    return subj is not None and _overlap([(subj.idx, subj.idx + len(subj.text))], source)


def _proxy(rel: dict, earlier: list[dict], speaker: Speaker) -> tuple[str | None, bool | None]:
    """For a gold pronoun source: what we resolved it to, and whether that shares a word
    with the closest preceding non-pronoun gold source."""
    if not speaker.antecedent_text:
        return None, False
    named = [r["source"]["text"] for r in earlier
             if r.get("source") and r["source"]["text"].strip().lower() not in _PRONOUNS]
    if not named:
        return speaker.antecedent_text, None
    ours = {w.lower() for w in _WORD.findall(speaker.antecedent_text)}
    theirs = {w.lower() for w in _WORD.findall(named[-1])}
    return speaker.antecedent_text, bool(ours & theirs)


def evaluate_doc(doc_id: str, text: str, rels: list[dict]) -> tuple[list[Outcome], int, int]:
    """Outcomes of the gold relations of one article, and (matching, all) predicted records."""
    document = _document(doc_id, text, rels[0].get("publication_date"))
    ctx, found = attribute(document)
    preds = [(_positions(text, rec.contents), rec) for rec in found.records]
    gold_words = [_positions(text, r["content"]["spans"]) for r in rels]
    outcomes = [_outcome(ctx, text, rel, words, preds, rels) for rel, words in zip(rels, gold_words, strict=True)]
    hits = sum(1 for words, _ in preds if any(len(words & g) >= 0.5 * len(words) for g in gold_words if words))
    return outcomes, hits, len(preds)


def _outcome(ctx: EntryContext, text: str, rel: dict, words: set[int], preds: list, rels: list[dict]) -> Outcome:
    source = rel.get("source")
    direct = any(mark in rel["content"]["text"] for mark in _DIRECT_MARKS)
    rec = _best_record(text, words, preds)
    pronoun = source["text"].strip() if source and source["text"].strip().lower() in _PRONOUNS else None
    if rec is None:
        return Outcome(rel["doc_id"], direct, bool(source), False, None, pronoun, None, None,
                       source["text"] if source else "", "", rel["content"]["text"])
    cue, speaker = _best_cue(text, rec, words)
    ok = _speaker_ok(ctx, cue, speaker, source["spans"]) if source else None
    resolved, proxy = (None, None)
    if pronoun and speaker.how in ("pronoun", "description"):
        earlier = [r for r in rels if r.get("source") and r["source"]["spans"][0][0] < source["spans"][0][0]]
        resolved, proxy = _proxy(rel, earlier, speaker)
    phrase = text[speaker.phrase[0]:speaker.phrase[1]]
    return Outcome(rel["doc_id"], direct, bool(source), True, ok, pronoun, resolved, proxy,
                   source["text"] if source else "", phrase, rel["content"]["text"])


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def summarise(outcomes: list[Outcome], hits: int, n_pred: int) -> dict:
    def block(sel: list[Outcome]) -> dict:
        found = [o for o in sel if o.found]
        judged = [o for o in found if o.speaker_ok is not None]
        return {"relations": len(sel), "content_recall": _rate(len(found), len(sel)),
                "speaker_accuracy": _rate(sum(o.speaker_ok for o in judged), len(judged)),
                "speaker_judged": len(judged)}

    pron = [o for o in outcomes if o.found and o.pronoun and o.proxy_ok is not None]
    return {"all": block(outcomes), "direct": block([o for o in outcomes if o.direct]),
            "record_precision": _rate(hits, n_pred), "records": n_pred,
            "pronoun_sources_found": sum(1 for o in outcomes if o.found and o.pronoun),
            "pronoun_resolution_proxy": _rate(sum(bool(o.proxy_ok) for o in pron), len(pron))}


def run(data: Path = DATA) -> tuple[dict, list[Outcome]]:
    outcomes: list[Outcome] = []
    hits = n_pred = 0
    for doc_id, rels in sorted(load_gold(data).items()):
        text = (data / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        out, h, n = evaluate_doc(doc_id, text, rels)
        outcomes += out
        hits, n_pred = hits + h, n_pred + n
    return summarise(outcomes, hits, n_pred), outcomes


def _show(outcomes: list[Outcome]) -> str:
    lines = []
    for o in outcomes:
        mark = "miss" if not o.found else ("ok" if o.speaker_ok in (True, None) else "SPK")
        extra = f" -> {o.resolved_to} ({'ok' if o.proxy_ok else 'x'})" if o.pronoun else ""
        lines.append(f"{mark:4} {'D' if o.direct else ' '} gold={o.gold_source[:40]!r} ours={o.predicted_speaker[:40]!r}"
                     f"{extra} | {o.gold_content[:70]!r}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="one line per gold relation")
    args = ap.parse_args(argv)
    summary, outcomes = run(args.data)
    if args.show:
        sys.stdout.write(_show(outcomes))
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

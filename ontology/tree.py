"""A plain-text tree of the ontology's classes with their alignments, for ``kg ontology``.

Built from kg.ttl and crosswalk.json at call time, so it always shows the current ontology.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

HERE = Path(__file__).resolve().parent
KG_TTL = HERE / "kg.ttl"
CROSSWALK = HERE / "crosswalk.json"
KG_NS = "https://w3id.org/event-kg/ontology#"
INDENT = "  "


@cache
def _graph() -> Graph:
    return Graph().parse(KG_TTL, format="turtle")


def crosswalk() -> dict:
    """crosswalk.json: event type value -> class IRI, CAMEO, PLOVER and ACLED counterparts."""
    return json.loads(CROSSWALK.read_text(encoding="utf-8"))


def _is_kg(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(KG_NS)


def _curie(graph: Graph, node: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(node)


def _alignments(graph: Graph, node: URIRef, parent: URIRef) -> list[str]:
    # kg: parents are already shown by the indentation; inverses are all kg: terms.
    word = "subClassOf" if parent == RDFS.subClassOf else "subPropertyOf"
    parts = []
    for pred, label, external_only in ((parent, word, True), (SKOS.closeMatch, "closeMatch", True),
                                       (OWL.inverseOf, "inverseOf", False)):
        found = sorted(_curie(graph, o) for o in graph.objects(node, pred)
                       if not (external_only and _is_kg(o)))
        if found:
            parts.append(f"{label} {', '.join(found)}")
    return parts


def _crosswalk_note(node: URIRef, by_class: dict[str, dict]) -> list[str]:
    row = by_class.get(str(node))
    if row is None:
        return []
    acled = [a["sub_event_type"] for a in row["acled"]]
    return [f"CAMEO {' '.join(row['cameo']) or '-'}", f"PLOVER {' '.join(row['plover']) or '-'}",
            f"ACLED {', '.join(acled) or '-'}"]


def _lines(graph: Graph, node: URIRef, parent: URIRef, depth: int, notes: dict) -> list[str]:
    extras = _alignments(graph, node, parent) + _crosswalk_note(node, notes)
    suffix = f"  [{'; '.join(extras)}]" if extras else ""
    lines = [f"{INDENT * depth}{_curie(graph, node)}{suffix}"]
    children = sorted((s for s in graph.subjects(parent, node) if _is_kg(s)), key=str)
    for child in children:
        lines += _lines(graph, child, parent, depth + 1, notes)
    return lines


def _roots(graph: Graph, kinds: tuple[URIRef, ...], parent: URIRef) -> list[URIRef]:
    terms = {s for kind in kinds for s in graph.subjects(RDF.type, kind) if _is_kg(s)}
    return sorted((t for t in terms if not any(_is_kg(o) for o in graph.objects(t, parent))),
                  key=str)


def class_tree(*, properties: bool = False) -> str:
    """Indented text tree of the kg: classes (optionally also the object properties), each with
    its alignments to SEM / PROV-O / schema.org / Web Annotation and, for event types, the
    CAMEO / PLOVER / ACLED crosswalk."""
    graph = _graph()
    notes = {row["class"]: row for row in crosswalk()["types"].values()}
    lines = ["Classes"]
    for root in _roots(graph, (OWL.Class,), RDFS.subClassOf):
        lines += _lines(graph, root, RDFS.subClassOf, 1, notes)
    if properties:
        lines.append("Object properties")
        for root in _roots(graph, (OWL.ObjectProperty,), RDFS.subPropertyOf):
            lines += _lines(graph, root, RDFS.subPropertyOf, 1, {})
    return "\n".join(lines) + "\n"

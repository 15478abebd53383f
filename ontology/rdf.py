"""RDF export of a graph snapshot in the event ontology, plus SHACL validation.

Our own terms come only from the closed generated namespaces (``ontology.namespace``), so a
misspelled term raises instead of producing a dangling IRI. The modelling (roles as
properties, evidence as Web Annotation selectors, what is materialised) is documented at
the top of ``kg.ttl``.
"""

from __future__ import annotations

import datetime as dt
import logging
import typing
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SDO, SKOS

from kg.ids import evidence_id
from kg.model import Actor, Document, Entry, Event, Evidence, Location, Statement
from kg.stores.base import GraphSnapshot
from ontology.mapping import (ACTOR_CLASSES, EVENT_CLASSES, KG_NS, LABEL_CLASSES,
                              PLACE_CLASSES, ROLE_PROPERTIES, Label)
from ontology.namespace import GEO, KG, OA, SEM

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
KG_TTL = HERE / "kg.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
SPARQL_DIR = HERE / "sparql"
ID_NS = "https://w3id.org/event-kg/id/"

PREFIXES: dict[str, str] = {
    "kg": str(KG), "id": ID_NS, "oa": str(OA), "sem": str(SEM), "geo": str(GEO),
    "prov": str(PROV), "schema": str(SDO), "skos": str(SKOS), "dcterms": str(DCTERMS),
    "owl": str(OWL), "rdfs": str(RDFS), "xsd": str(XSD),
}
RdfFormat = typing.Literal["turtle", "json-ld"]


def iri(kind: str, ident: str) -> URIRef:
    """The IRI of an instance: ``https://w3id.org/event-kg/id/{kind}/{id}``."""
    return URIRef(f"{ID_NS}{kind}/{quote(ident, safe='')}")


def term(ontology_iri: str) -> URIRef:
    """A kg: term named by its full IRI (as ``ontology.mapping`` holds them), checked against
    the closed namespace: an IRI outside kg.ttl raises ``AttributeError``."""
    if not ontology_iri.startswith(KG_NS):
        raise AttributeError(f"{ontology_iri} is not an event-kg ontology term")
    return KG[ontology_iri[len(KG_NS):]]


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def _lit(value: object) -> Literal:
    # Dates and datetimes keep their own XSD type; a bare date is not widened to a dateTime.
    if isinstance(value, Literal):
        return value
    if isinstance(value, bool | int | str | dt.date):
        return Literal(value)
    raise TypeError(f"no literal mapping for {type(value).__name__}")


def _set(graph: Graph, subject: URIRef, prop: URIRef, value: object) -> None:
    """Add a literal triple unless the value is missing."""
    if value is not None:
        graph.add((subject, prop, _lit(value)))


def _offset(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def _decimal(value: float | None) -> Literal | None:
    """A float as an exact xsd:decimal of its shortest repr. Not xsd:double: rdflib's Turtle
    writer abbreviates doubles to 7 significant digits (48.015883 -> 4.801588e+01), so a
    Turtle round trip would change coordinates."""
    if value is None:
        return None
    text = format(Decimal(repr(float(value))), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _typed(graph: Graph, node: URIRef, label: Label, *extra: URIRef) -> None:
    graph.add((node, RDF.type, term(LABEL_CLASSES[label])))
    for cls in extra:
        graph.add((node, RDF.type, cls))


# --- documents ---------------------------------------------------------------------------------

def _entry(graph: Graph, doc_node: URIRef, entry: Entry) -> None:
    node = iri("entry", entry.id)
    _typed(graph, node, Label.ENTRY, OA.TextPositionSelector)
    graph.add((doc_node, KG.hasEntry, node))
    graph.add((node, KG.index, _offset(entry.index)))
    graph.add((node, OA.start, _offset(entry.start)))
    graph.add((node, OA.end, _offset(entry.end)))
    _set(graph, node, KG.headline, entry.headline)
    _set(graph, node, KG.reportedDate, entry.published)
    _set(graph, node, KG.contentHash, entry.content_hash or None)


def _document(graph: Graph, doc: Document, include_ingested_at: bool) -> None:
    node = iri("document", doc.id)
    _typed(graph, node, Label.DOCUMENT)
    _set(graph, node, KG.source, doc.source)
    _set(graph, node, KG.title, doc.title)
    _set(graph, node, KG.reportedDate, doc.published)
    _set(graph, node, KG.contentHash, doc.content_hash or None)
    if include_ingested_at:
        _set(graph, node, KG.ingestedAt, doc.ingested_at)
    for entry in doc.entries:
        _entry(graph, node, entry)


def _evidence(graph: Graph, fact: URIRef, ev: Evidence) -> None:
    # One node per (document, start, end): facts resting on the same span share it.
    node = iri("evidence", evidence_id(ev.document, ev.start, ev.end))
    _typed(graph, node, Label.EVIDENCE, OA.TextPositionSelector, OA.TextQuoteSelector)
    graph.add((fact, KG.hasEvidence, node))
    graph.add((node, KG.inDocument, iri("document", ev.document)))
    if ev.entry is not None:
        graph.add((node, KG.inEntry, iri("entry", ev.entry)))
    graph.add((node, OA.start, _offset(ev.start)))
    graph.add((node, OA.end, _offset(ev.end)))
    graph.add((node, OA.exact, Literal(ev.text)))


# --- actors and places -------------------------------------------------------------------------

def _names(graph: Graph, node: URIRef, name: str, aliases: tuple[str, ...]) -> None:
    graph.add((node, KG.name, Literal(name)))
    for alias in aliases:
        graph.add((node, KG.alias, Literal(alias)))


def _actor(graph: Graph, actor: Actor) -> None:
    node = iri("actor", actor.id)
    _typed(graph, node, Label.ACTOR, term(ACTOR_CLASSES[actor.type]))
    _names(graph, node, actor.name, actor.aliases)
    _set(graph, node, KG.jobTitle, actor.role)
    _set(graph, node, KG.countryCode, actor.country)
    _set(graph, node, KG.affiliation, actor.affiliation)


def _location(graph: Graph, loc: Location, known: set[str]) -> None:
    node = iri("location", loc.id)
    kind = PLACE_CLASSES.get((loc.type or "").lower())
    _typed(graph, node, Label.LOCATION, *([term(kind)] if kind else []))
    _names(graph, node, loc.name, loc.aliases)
    _set(graph, node, KG.placeType, loc.type)
    _set(graph, node, KG.countryCode, loc.country)
    _set(graph, node, KG.lat, _decimal(loc.lat))
    _set(graph, node, KG.lon, _decimal(loc.lon))
    # Like the stores' WITHIN relationship: only to a parent that is itself in the graph
    # (extractors may name a parent region they never emitted as a location).
    if loc.parent in known:
        graph.add((node, KG.within, iri("location", loc.parent)))


# --- facts -------------------------------------------------------------------------------------

def _quantities(graph: Graph, node: URIRef, event: Event) -> None:
    for counted, amount in event.quantities.items():
        q = iri("quantity", f"{event.id}/{counted}")
        graph.add((q, RDF.type, KG.Quantity))
        graph.add((node, KG.quantity, q))
        graph.add((q, KG.counts, Literal(counted)))
        graph.add((q, KG.amount, _decimal(amount)))


def _event(graph: Graph, event: Event) -> None:
    node = iri("event", event.id)
    _typed(graph, node, Label.EVENT, term(EVENT_CLASSES[event.type]))
    _set(graph, node, KG.date, event.date)
    _set(graph, node, KG.summary, event.summary)
    _set(graph, node, KG.confidence, _decimal(event.confidence))
    for p in event.participants:
        actor = iri("actor", p.actor)
        # The role triple plus its kg:hasActor entailment (see kg.ttl, decision 3).
        graph.add((node, term(ROLE_PROPERTIES[p.role]), actor))
        graph.add((node, KG.hasActor, actor))
    for loc in event.locations:
        graph.add((node, KG.occurredAt, iri("location", loc)))
    _quantities(graph, node, event)
    for ev in event.evidence:
        _evidence(graph, node, ev)


def _statement(graph: Graph, st: Statement) -> None:
    node = iri("statement", st.id)
    _typed(graph, node, Label.STATEMENT)
    if st.speaker is None:
        graph.add((node, KG.unattributed, Literal(True)))
    else:
        graph.add((node, KG.speaker, iri("actor", st.speaker)))
    for whom in st.about:
        graph.add((node, KG.about, iri("actor", whom)))
    if st.channel is not None:
        graph.add((node, KG.channel, iri("actor", st.channel)))
    graph.add((node, KG.quote, Literal(st.quote)))
    graph.add((node, KG.direct, Literal(st.direct)))
    _set(graph, node, KG.date, st.date)
    _set(graph, node, KG.stance, st.stance.value if st.stance else None)
    for ev in st.evidence:
        _evidence(graph, node, ev)


def snapshot_to_rdf(snapshot: GraphSnapshot, *, include_ingested_at: bool = True) -> Graph:
    """The snapshot as an RDF graph. ``include_ingested_at=False`` leaves out the one
    time-dependent triple per document, for comparing two ingests of the same data."""
    graph = new_graph()
    for doc in snapshot.documents:
        _document(graph, doc, include_ingested_at)
    for actor in snapshot.actors:
        _actor(graph, actor)
    places = {loc.id for loc in snapshot.locations}
    for loc in snapshot.locations:
        _location(graph, loc, places)
    for event in snapshot.events:
        _event(graph, event)
    for st in snapshot.statements:
        _statement(graph, st)
    log.debug("exported %d triples", len(graph))
    return graph


# --- serialisation, validation, queries --------------------------------------------------------

def jsonld_context() -> dict[str, str]:
    return dict(PREFIXES)


def serialize(graph: Graph, fmt: RdfFormat = "turtle") -> str:
    """Turtle or compacted JSON-LD (with our prefixes as the ``@context``)."""
    if fmt == "json-ld":
        return graph.serialize(format="json-ld", context=jsonld_context(), indent=2)
    if fmt == "turtle":
        return graph.serialize(format="turtle")
    raise ValueError(f"unsupported RDF format {fmt!r} (turtle or json-ld)")


def parse(data: str, fmt: RdfFormat = "turtle") -> Graph:
    graph = new_graph()
    return graph.parse(data=data, format=fmt)


@cache
def _ttl(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def ontology_graph() -> Graph:
    """kg.ttl, parsed once (treat as read-only)."""
    return _ttl(KG_TTL)


def shapes_graph() -> Graph:
    """shapes.ttl, parsed once (treat as read-only)."""
    return _ttl(SHAPES_TTL)


def validate(graph: Graph) -> tuple[bool, str]:
    """SHACL-validate ``graph`` against shapes.ttl: ``(conforms, report text)``."""
    from pyshacl import validate as shacl_validate  # heavy import, only when validating

    conforms, _report, text = shacl_validate(graph, shacl_graph=shapes_graph(),
                                             inference="none", advanced=False)
    return bool(conforms), str(text)


def example_queries() -> dict[str, str]:
    """The example SPARQL queries in ontology/sparql/, by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SPARQL_DIR.glob("*.rq"))}

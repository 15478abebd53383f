"""Generate ``ontology/namespace.py`` from ``ontology/kg.ttl``.

Run ``python3 -m ontology.generate`` after editing kg.ttl; a unit test fails while the two
differ. The generated namespaces are closed (``_fail = True``), so a misspelled term in code
raises ``AttributeError`` at the line that uses it instead of writing a dangling IRI.

Besides ``KG`` (every term kg.ttl defines) it emits closed namespaces for the external
vocabularies rdflib does not ship (or ships wrongly: rdflib's WGS uses https), holding exactly
the terms kg.ttl refers to.
"""

from __future__ import annotations

import keyword
import logging
import textwrap
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
KG_TTL = HERE / "kg.ttl"
NAMESPACE_PY = HERE / "namespace.py"
KG_NS = "https://w3id.org/event-kg/ontology#"

# name -> (namespace IRI, what it is)
EXTERNAL: dict[str, tuple[str, str]] = {
    "SEM": ("http://semanticweb.cs.vu.nl/2009/11/sem/", "Simple Event Model"),
    "OA": ("http://www.w3.org/ns/oa#", "W3C Web Annotation vocabulary"),
    "GEO": ("http://www.w3.org/2003/01/geo/wgs84_pos#", "W3C WGS84 Geo Positioning"),
}

_KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "classes"),
    (OWL.ObjectProperty, "object properties"),
    (OWL.DatatypeProperty, "datatype properties"),
    (OWL.AnnotationProperty, "annotation properties"),
)

_HEADER = '''"""Closed rdflib namespaces for the event ontology. GENERATED from ontology/kg.ttl by
``python3 -m ontology.generate`` -- do not edit by hand; a unit test fails when it drifts.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef
'''


def _local(term: URIRef, ns: str) -> str:
    name = str(term)[len(ns):]
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"{term} has no Python-identifier local name")
    return name


def _doc(text: str, indent: str = "    ") -> list[str]:
    body = " ".join(text.split()).replace('"""', "'''")
    lines = textwrap.wrap(body, width=96 - len(indent) - 6) or [""]
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}'] + [indent + line for line in lines[1:]] + [f'{indent}"""']


def kg_terms(graph: Graph) -> dict[str, list[URIRef]]:
    """kg: terms defined in the graph, grouped by OWL kind, sorted by local name."""
    groups: dict[str, list[URIRef]] = {}
    for owl_kind, label in _KINDS:
        terms = {s for s in graph.subjects(RDF.type, owl_kind)
                 if isinstance(s, URIRef) and str(s).startswith(KG_NS)}
        groups[label] = sorted(terms, key=str)
    return groups


def external_terms(graph: Graph, ns: str) -> list[URIRef]:
    """Every IRI under ``ns`` that the graph mentions, in any position."""
    found = {node for triple in graph for node in triple
             if isinstance(node, URIRef) and str(node).startswith(ns) and str(node) != ns}
    return sorted(found, key=str)


def _kg_class(graph: Graph) -> list[str]:
    lines = ["", "", "class KG(DefinedNamespace):",
             '    """The event knowledge graph ontology (https://w3id.org/event-kg/ontology)."""',
             "", "    _fail = True", f'    _NS = Namespace("{KG_NS}")']
    for label, terms in kg_terms(graph).items():
        lines += ["", f"    # {label}"]
        for term in terms:
            lines.append(f"    {_local(term, KG_NS)}: URIRef")
            lines += _doc(str(graph.value(term, RDFS.comment) or graph.value(term, RDFS.label)))
    return lines


def _external_class(graph: Graph, name: str, ns: str, title: str) -> list[str]:
    lines = ["", "", f"class {name}(DefinedNamespace):",
             f'    """{title}: the terms kg.ttl refers to."""', "", "    _fail = True",
             f'    _NS = Namespace("{ns}")', ""]
    lines += [f"    {_local(term, ns)}: URIRef" for term in external_terms(graph, ns)]
    return lines


def render(ttl: Path = KG_TTL) -> str:
    """The text of namespace.py for the ontology in ``ttl``."""
    graph = Graph().parse(ttl, format="turtle")
    lines = _kg_class(graph)
    for name, (ns, title) in EXTERNAL.items():
        lines += _external_class(graph, name, ns, title)
    return _HEADER + "\n".join(lines) + "\n"


def main() -> None:
    NAMESPACE_PY.write_text(render(), encoding="utf-8")
    log.info("wrote %s", NAMESPACE_PY)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main()

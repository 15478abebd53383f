"""The event ontology (Turtle/OWL + SHACL) and its mappings to stores and other vocabularies."""

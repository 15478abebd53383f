"""Event knowledge graph: domain model, ids, entity resolution, stores and analytics."""

__version__ = "0.1.0"

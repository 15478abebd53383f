"""Graph stores behind one protocol: Neo4j (production) and LadybugDB (embedded default)."""

from __future__ import annotations

from kg.settings import Settings
from kg.stores.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """Open the store named by ``settings.store`` (a bolt:// URI or a directory)."""
    if settings.is_neo4j:
        from kg.stores.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from kg.stores.ladybug_store import LadybugStore

    return LadybugStore.from_settings(settings)

"""Settings, built once by the entry points (CLI, app factory) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Read from ``KG_*`` environment variables (and a ``.env`` file when present)."""

    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    store: str = "data/kg"
    """A directory for the embedded LadybugDB store, or a bolt:// / neo4j:// URI."""
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None
    write_batch_size: int = 1000
    api_key: SecretStr | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    page_size_max: int = 500
    body_size_max: int = 5_000_000
    cypher_timeout_s: float = 5.0
    cypher_row_cap: int = 1000
    cors_origins: list[str] = []

    @property
    def is_neo4j(self) -> bool:
        return is_neo4j_uri(self.store)

    def store_path(self) -> Path:
        return Path(self.store)


def is_neo4j_uri(store: str) -> bool:
    return store.split("://", 1)[0] in {"bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc"}

"""POST /documents: API key, ingest through the real loaders and extractor, idempotence."""

from __future__ import annotations

import pytest
from api_support import API_KEY, SEED_FILES, client_for, open_loaded

from api import create_app

pytestmark = [pytest.mark.contract, pytest.mark.anyio]

SEED = SEED_FILES[-1]  # the Independent live blog


@pytest.fixture
def fresh(request, store_kind, tmp_path):
    """An empty store of its own: these tests write."""
    settings, store = open_loaded(request, store_kind, tmp_path, [], api_key=API_KEY)
    yield settings, store
    store.close()


@pytest.fixture
async def writer(fresh):
    async with client_for(create_app(*fresh)) as c:
        yield c


def post(client, text: str, key: str | bytes | None = API_KEY, source: str = SEED.name, **extra):
    headers = {} if key is None else {"X-API-Key": key}
    return client.post("/documents", json={"source": source, "text": text, **extra}, headers=headers)


async def test_writes_are_disabled_without_a_configured_key(fresh):
    settings, store = fresh
    app = create_app(settings.model_copy(update={"api_key": None}), store)
    async with client_for(app) as client:
        r = await post(client, SEED.read_text(encoding="utf-8"), key="anything")
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("key", [None, "wrong", API_KEY + "x", "t\u00e9st".encode("latin-1")])
async def test_missing_or_wrong_key_is_401(writer, key):
    r = await post(writer, SEED.read_text(encoding="utf-8"), key=key)
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (await writer.get("/export")).json()["documents"] == []


async def test_ingest_reports_what_it_wrote(writer):
    r = await post(writer, SEED.read_text(encoding="utf-8"))
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["status"] == "added"
    export = (await writer.get("/export")).json()
    # The store was empty: everything in it now came from this document.
    assert [d["id"] for d in export["documents"]] == [result["document"]]
    assert len(export["documents"][0]["entries"]) == result["entries"] > 1
    assert len(export["actors"]) == result["actors"] > 0
    assert len(export["events"]) == result["events"]
    assert len(export["statements"]) == result["statements"]


async def test_same_text_again_changes_nothing_and_an_edit_replaces(writer):
    text = SEED.read_text(encoding="utf-8")
    assert (await post(writer, text)).json()["status"] == "added"
    before = (await writer.get("/export")).json()
    again = (await post(writer, text)).json()
    assert again["status"] == "unchanged" and again["events"] == again["actors"] == 0
    assert (await writer.get("/export")).json() == before
    edited = (await post(writer, text.replace("Kyiv", "Kiev", 1))).json()
    assert edited["status"] == "replaced" and edited["document"] == again["document"]


@pytest.mark.parametrize(("body", "status"), [
    ({"source": "blank.txt", "text": "   \n  "}, 422),  # the loader refuses empty text
    ({"source": "x.txt", "text": "Some text.", "format": "pdf"}, 422),  # no such format
    ({"source": "x.txt"}, 422),  # no text at all
    ({"source": "", "text": "Some text."}, 422),
])
async def test_unusable_input_is_422(writer, body, status):
    r = await writer.post("/documents", json=body, headers={"X-API-Key": API_KEY})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")

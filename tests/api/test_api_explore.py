"""The explorer's routes: the page, its assets, and the entry text around an evidence span."""

from __future__ import annotations

import pytest
from api_fixture_graphs import A, B

pytestmark = [pytest.mark.contract, pytest.mark.anyio]


async def test_root_redirects_to_the_explorer_page(client):
    r = await client.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "explore"
    page = await client.get("/", follow_redirects=True)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="graph"' in page.text


async def test_page_assets_and_vendored_library_are_served_locally(client):
    page = (await client.get("/explore")).text
    for asset in ("explore/static/explore.js", "explore/static/explore.css",
                  "explore/static/vendor/cytoscape.min.js"):
        assert asset in page
        r = await client.get(f"/{asset}")
        assert r.status_code == 200 and len(r.content) > 500, asset
    assert "http://" not in page and "https://" not in page  # no CDN


@pytest.mark.parametrize("doc, phrase", [(A, "54 of 69 missiles"), (B, "Odesa was also hit"),
                                         (B, "Erdoğan called on Russia")])
async def test_entry_text_is_the_entry_holding_the_span(client, doc, phrase):
    evidence = doc.span(phrase)
    entry = next(e for e in doc.document.entries if e.id == evidence.entry)
    r = await client.get("/explore/api/entry-text",
                         params={"document": doc.id, "start": evidence.start, "end": evidence.end})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["entry"] == entry.id and body["title"] == doc.document.title
    assert body["text"] == doc.document.text[entry.start:entry.end]
    assert body["offset"] == entry.start
    assert body["text"][body["start"]:body["end"]] == phrase == body["quote"]


async def test_entry_text_refuses_unknown_documents_and_bad_spans(client):
    r = await client.get("/explore/api/entry-text", params={"document": "doc_nope", "start": 0, "end": 1})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    r = await client.get("/explore/api/entry-text", params={"document": A.id, "start": 5, "end": 4})
    assert r.status_code == 422
    beyond = len(A.document.text) + 1
    r = await client.get("/explore/api/entry-text", params={"document": A.id, "start": 0, "end": beyond})
    assert r.status_code == 422

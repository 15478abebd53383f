"""The graph explorer page (/explore) in a real headless Chromium, over a real server.

The example live blogs are ingested into an embedded store, the app runs under uvicorn in
its own process, and Playwright drives Debian's Chromium (/usr/bin/chromium; Playwright's
own browser download is never used). What the page shows is checked against what the API
answers for the same question, so the test follows the data rather than fixed strings.
A screenshot goes to test-artifacts/explorer.png and is copied to docs/explorer.png.

Without Chromium or Playwright the tests skip locally and fail under CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "test-artifacts" / "explorer.png"
DOCS_SCREENSHOT = ROOT / "docs" / "explorer.png"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 20_000


def _browser_unavailable() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found (apt-get install -y chromium chromium-driver)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"playwright not installed (pip install playwright==1.65.2): {exc}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.ingest import ingest
    from kg.stores.ladybug_store import LadybugStore

    path = tmp_path_factory.mktemp("explorer") / "store"
    store = LadybugStore(path)
    try:
        store.setup()
        report = ingest([EXAMPLES], store)
    finally:
        store.close()  # the server process opens it next
    assert report.documents == 2 and not report.failures
    return path


def _wait_healthy(base: str, proc: subprocess.Popen, deadline_s: float = 60) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{base} did not become healthy in {deadline_s:.0f}s")


@pytest.fixture(scope="module")
def server(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "KG_STORE": str(store_dir),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    log = tmp_path_factory.mktemp("uvicorn") / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_env",
             "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, proc)
        yield base
    except RuntimeError as exc:
        raise RuntimeError(f"{exc}\n{log.read_text()[-3000:]}") from exc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _browser_unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser required in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1050})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    pg.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    pg.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    try:
        yield pg
        assert not errors, errors  # a broken script or a failing request is a failure
    finally:
        context.close()


def _api(server: str, path: str, **params: Any) -> Any:
    response = httpx.get(f"{server}/{path}", params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def _idle(page: Any) -> None:
    page.wait_for_selector("body:not([data-busy])", state="attached")


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached")
    _idle(page)


def _search(page: Any, text: str) -> list[str]:
    page.fill("#search-input", text)
    page.press("#search-input", "Enter")
    _idle(page)
    return page.locator("#search-results button").evaluate_all("bs => bs.map(b => b.dataset.actor)")


def _statements_of(server: str, actor: str) -> list[dict[str, Any]]:
    said = _api(server, "statements", speaker=actor, limit=100)["items"]
    about = _api(server, "statements", about=actor, limit=100)["items"]
    return [*said, *(s for s in about if s["id"] not in {t["id"] for t in said})]


def _open_statement(page: Any, statement: dict[str, Any]) -> None:
    page.click(f"#statements li[data-statement='{statement['id']}']")
    _idle(page)
    mark = page.locator("#source-text mark")
    source = page.locator("#source-text").inner_text()
    evidence = statement["evidence"][0]["text"]
    # The highlighted span is the statement's evidence, shown inside its longer entry.
    assert " ".join(mark.inner_text().split()) == " ".join(evidence.split())
    assert len(source) > len(mark.inner_text())


def _click_node(page: Any, actor_id: str) -> None:
    """A real mouse click on the node drawn on Cytoscape's canvas."""
    pos = page.evaluate("id => explorer.state.cy.getElementById(id).renderedPosition()", actor_id)
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    _idle(page)


def test_search_by_alias_network_and_highlighted_quote(page: Any, server: str) -> None:
    _open(page, f"{server}/")
    assert page.url.endswith("/explore")

    found = _search(page, "Kiev")
    expected = [a["id"] for a in _api(server, "actors", q="Kiev")["items"]]
    assert found == expected
    assert {"ukraine", "vitali_klitschko"} <= set(found)  # by the aliases "Kiev", "Kiev Mayor"

    page.click("#search-results button[data-actor=vitali_klitschko]")
    _idle(page)
    assert page.locator("#actor-card .name").inner_text().startswith("Vitali Klitschko")
    klitschko = _statements_of(server, "vitali_klitschko")
    assert klitschko and page.locator("#statements li").count() == len(klitschko)
    _open_statement(page, klitschko[0])

    page.click("#search-results button[data-actor=ukraine]")
    _idle(page)
    ego = _api(server, "network/ego/ukraine", depth=1)
    drawn = page.evaluate("explorer.state.cy.nodes().map(n => n.id())")
    assert len(drawn) > 1 and set(drawn) == {n["id"] for n in ego["nodes"]}

    _click_node(page, "volodymyr_zelensky")
    assert page.locator("#actor-card .name").inner_text().startswith("Volodymyr Zelensky")
    zelensky = _statements_of(server, "volodymyr_zelensky")
    assert page.locator("#statements li").count() == len(zelensky)
    critical = [s for s in zelensky if s["stance"] == "critical"] or zelensky
    _open_statement(page, critical[0])

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SCREENSHOT, DOCS_SCREENSHOT)


def test_type_and_date_filters(page: Any, server: str) -> None:
    _open(page, f"{server}/explore#actor=ukraine")
    assert page.evaluate("explorer.state.cy.nodes().length") > 1

    page.select_option("#filter-type", "strike")
    _idle(page)
    edges = page.evaluate("explorer.state.cy.edges().map(e => [e.data('kind'), e.data('event_type')])")
    assert ["event", "strike"] in edges
    assert all(kind == "statement" or kind_type == "strike" for kind, kind_type in edges)
    strikes = _api(server, "events", actor="ukraine", type="strike", limit=100)["items"]
    assert page.locator("#events li").count() == len(strikes) > 0

    day = next(e["date"] for e in strikes if e["date"])
    page.fill("#filter-from", day)
    page.fill("#filter-to", day)
    page.dispatch_event("#filter-to", "change")
    _idle(page)
    on_day = _api(server, "events", actor="ukraine", type="strike", date_from=day, date_to=day)["items"]
    assert page.locator("#events li").count() == len(on_day) < len(strikes)
    times = page.locator("#timeline .dot title").evaluate_all("ts => ts.map(t => t.textContent)")
    assert times and all(t.startswith(day) for t in times)

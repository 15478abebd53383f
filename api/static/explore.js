// Graph explorer: search an actor, draw its ego network (Cytoscape.js, vendored), list its
// statements and events, show any of them highlighted in its source entry, a timeline strip
// and a lon/lat plot of event places. Only the public API is called; every URL is relative,
// so the page also works behind a path prefix. Text from the graph is always set with
// textContent (never innerHTML): it is news text and must not become markup.
"use strict";
(() => {
  const TYPE_COLORS = {
    strike: "#d62728", sanction: "#9467bd", aid: "#2ca02c", diplomacy: "#1f77b4",
    intercept: "#ff7f0e", impact: "#8c564b", personnel: "#e377c2", trade: "#bcbd22",
    incident: "#17becf", other: "#7f7f7f",
  };
  const STANCE_COLORS = {
    supportive: "#2e7d32", critical: "#c62828", threatening: "#6a1b9a", demanding: "#ef6c00",
    neutral: "#607d8b",
  };
  const ACTOR_COLORS = {
    person: "#4c78a8", organization: "#72b7b2", country: "#f58518", government: "#e45756",
    military_unit: "#54a24b", media: "#b279a2", group: "#9d755d",
  };
  const SVG_NS = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const state = { center: null, selected: null, cy: null, places: null, pageMax: 500, lastSearch: [] };

  // --- small helpers ---------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG_NS, tag.slice(4))
      : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v !== undefined && v !== null) node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
      }
    }
    return node;
  }
  const fold = (s) => (s || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const short = (s, n = 220) => (s && s.length > n ? s.slice(0, n - 1) + "…" : s || "");

  function setStatus(text, error = false) {
    $("status").textContent = text;
    $("status").classList.toggle("error", error);
  }

  async function api(path, params = {}) {
    const url = new URL(path, document.baseURI);
    for (const [k, v] of Object.entries(params)) {
      if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    }
    const response = await fetch(url);
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
      throw new Error(`${path}: ${response.status} ${detail}`);
    }
    return response.json();
  }

  // Runs a handler, reporting its failure in the status line instead of losing it. While any
  // handler runs, <body data-busy> is set: tests (and impatient people) can wait for it to go.
  let pending = 0;
  const guarded = (fn) => async (...args) => {
    pending += 1;
    document.body.dataset.busy = "true";
    try { await fn(...args); } catch (err) { setStatus(String(err.message || err), true); } finally {
      pending -= 1;
      if (pending === 0) delete document.body.dataset.busy;
    }
  };

  function filters() {
    return {
      type: $("filter-type").value, depth: $("filter-depth").value,
      statements: $("filter-statements").checked,
      dates: { date_from: $("filter-from").value, date_to: $("filter-to").value },
    };
  }
  const limit = (n) => Math.min(n, state.pageMax);

  // --- search ----------------------------------------------------------------------------
  async function search(text) {
    setStatus(`Searching “${text}”…`);
    const page = await api("actors", { q: text, limit: limit(30) });
    state.lastSearch = page.items;
    const list = $("search-results");
    list.replaceChildren(...page.items.map((actor) => el("li", {},
      resultButton(actor, text))));
    list.hidden = page.items.length === 0;
    setStatus(page.items.length ? `${page.items.length} actor(s) match “${text}”; pick one.`
      : `No actor matches “${text}”.`);
  }

  function resultButton(actor, text) {
    const needle = fold(text);
    const alias = fold(actor.name).includes(needle) ? null
      : actor.aliases.find((a) => fold(a).includes(needle));
    const button = el("button", { type: "button", "data-actor": actor.id },
      actor.name, " ", el("span", { class: "alias" }, `${actor.type}${alias ? ` · “${alias}”` : ""}`));
    button.addEventListener("click", guarded(() => openActor(actor.id)));
    return button;
  }

  // --- ego network -----------------------------------------------------------------------
  async function openActor(id) {
    state.center = id;
    history.replaceState(null, "", `#actor=${encodeURIComponent(id)}`);
    await loadGraph();
    await selectActor(id);
  }

  async function loadGraph() {
    if (!state.center) return;
    const f = filters();
    const net = await api(`network/ego/${encodeURIComponent(state.center)}`,
      { depth: f.depth, statements: f.statements, ...f.dates });
    const edges = net.edges.filter((e) => (e.kind === "statement" ? f.statements
      : !f.type || e.event_type === f.type));
    const keep = new Set([net.center, ...edges.flatMap((e) => [e.source, e.target])]);
    const nodes = net.nodes.filter((n) => keep.has(n.id));
    drawGraph(nodes, edges, net.center, Number(f.depth));
    const name = (nodes.find((n) => n.id === net.center) || {}).name || net.center;
    $("graph-title").textContent = `${name}: ${nodes.length - 1} connected actor(s), `
      + `${edges.length} link(s)${f.type ? ` (${f.type} events only)` : ""}`;
  }

  function graphStyle() {
    return [
      { selector: "node", style: {
        "background-color": (n) => ACTOR_COLORS[n.data("type")] || "#999", label: "data(label)",
        "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap",
        "text-max-width": 90, width: 18, height: 18 } },
      { selector: "node.center", style: { width: 30, height: 30, "font-weight": "bold",
        "border-width": 3, "border-color": "#1d2330" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#2458c6" } },
      { selector: "edge", style: {
        width: (e) => 1 + Math.min(5, e.data("weight")), "curve-style": "bezier",
        "line-color": edgeColor, "target-arrow-color": edgeColor, "arrow-scale": 0.8,
        "target-arrow-shape": (e) => (e.data("directed") ? "triangle" : "none"), opacity: 0.8 } },
      { selector: "edge[kind = 'statement']", style: { "line-style": "dashed" } },
      { selector: "edge:selected", style: { opacity: 1, "underlay-color": "#2458c6",
        "underlay-opacity": 0.25, "underlay-padding": 4 } },
    ];
  }

  function edgeColor(edge) {
    if (edge.data("kind") === "statement") {
      const stances = edge.data("stances") || {};
      const top = Object.keys(stances).sort((a, b) => stances[b] - stances[a])[0];
      return STANCE_COLORS[top] || "#607d8b";
    }
    return TYPE_COLORS[edge.data("event_type")] || "#999";
  }

  function ensureCy() {
    if (state.cy) return state.cy;
    state.cy = cytoscape({ container: $("graph"), elements: [], style: graphStyle(),
      minZoom: 0.2, maxZoom: 4 });
    state.cy.on("tap", "node", guarded((evt) => selectActor(evt.target.id())));
    state.cy.on("dbltap", "node", guarded((evt) => openActor(evt.target.id())));
    state.cy.on("tap", "edge", guarded((evt) => showEdge(evt.target.data())));
    return state.cy;
  }

  function drawGraph(nodes, edges, center, depth) {
    const cy = ensureCy();
    cy.elements().remove();
    cy.add(nodes.map((n) => ({ group: "nodes", classes: n.id === center ? "center" : "",
      data: { id: n.id, label: n.name || n.id, type: n.type, distance: n.distance ?? depth } })));
    cy.add(edges.map((e, i) => ({ group: "edges", data: { id: `e${i}`, ...e } })));
    cy.layout({ name: "concentric", animate: false, minNodeSpacing: 28, avoidOverlap: true,
      concentric: (n) => depth + 1 - n.data("distance"), levelWidth: () => 1 }).run();
    cy.fit(undefined, 30);
  }

  // --- details of an actor or an edge ------------------------------------------------------
  async function selectActor(id) {
    state.selected = id;
    const f = filters();
    const [actor, said, about, events, timeline] = await Promise.all([
      api(`actors/${encodeURIComponent(id)}`),
      api("statements", { speaker: id, limit: limit(100), ...f.dates }),
      api("statements", { about: id, limit: limit(100), ...f.dates }),
      api("events", { actor: id, type: f.type, limit: limit(100), ...f.dates }),
      api(`actors/${encodeURIComponent(id)}/timeline`, { limit: limit(500), ...f.dates }),
    ]);
    markSelected(id);
    renderActor(actor);
    const statements = [...said.items, ...about.items.filter((s) => !said.items.some((t) => t.id === s.id))];
    renderStatements(statements);
    renderEvents(events.items);
    renderTimeline(timeline.items.filter((item) => item.kind === "statement"
      || !f.type || item.event.type === f.type));
    renderMap(events.items);
    setStatus(`${actor.name}: ${statements.length} statement(s), ${events.items.length} event(s).`);
  }

  function markSelected(id) {
    for (const b of document.querySelectorAll("#search-results button")) {
      b.classList.toggle("active", b.dataset.actor === id);
    }
    if (state.cy) {
      state.cy.elements().unselect();
      state.cy.getElementById(id).select();
    }
  }

  function renderActor(actor) {
    const counts = `${actor.events ?? 0} events · ${actor.statements ?? 0} statements made · `
      + `${actor.mentioned_in ?? 0} about it`;
    const lines = [
      el("div", { class: "name" }, actor.name, " ", el("span", { class: "muted" }, actor.type)),
      actor.role ? el("div", {}, actor.role) : null,
      el("div", { class: "muted" }, `also: ${actor.aliases.filter((a) => a !== actor.name).join(", ") || "—"}`),
      el("div", { class: "muted" }, counts)];
    $("actor-card").replaceChildren(...lines.filter(Boolean));
    $("actor-card").classList.remove("muted");
  }

  const names = (refs) => refs.map((r) => r.name || r.id).join(", ");

  function renderStatements(items) {
    $("statements-count").textContent = `(${items.length})`;
    $("statements").replaceChildren(...items.map((st) => {
      const li = el("li", { "data-statement": st.id },
        el("span", { class: "who" }, st.speaker ? (st.speaker.name || st.speaker.id) : "unattributed"),
        st.about.length ? ` → ${names(st.about)}` : "",
        el("span", { class: `badge ${st.stance || ""}` }, st.stance || "no stance"),
        el("span", { class: "muted" }, ` ${st.date || "undated"}`),
        el("div", {}, `${st.direct ? "“" : ""}${short(st.quote)}${st.direct ? "”" : ""}`));
      li.addEventListener("click", guarded(() => showEvidence(st.evidence, li)));
      return li;
    }));
  }

  function renderEvents(items) {
    $("events-count").textContent = `(${items.length})`;
    $("events").replaceChildren(...items.map((ev) => {
      const who = ev.participants.map((p) => `${p.name || p.actor} (${p.role})`).join(", ");
      const where = ev.locations.map((l) => l.name || l.id).join(", ");
      const badge = el("span", { class: "badge" }, ev.type);
      badge.style.background = TYPE_COLORS[ev.type] || "#999";
      const li = el("li", { "data-event": ev.id }, badge,
        el("span", { class: "muted" }, ` ${ev.date || "undated"}${where ? ` · ${where}` : ""}`
          + ` · ${ev.sources} source(s)`),
        el("div", {}, short(ev.summary || "")), el("div", { class: "muted" }, who));
      li.addEventListener("click", guarded(() => showEvidence(ev.evidence, li)));
      return li;
    }));
  }

  async function showEdge(edge) {
    const ends = [edge.source, edge.target].map((id) => state.cy.getElementById(id).data("label") || id);
    $("actor-card").replaceChildren(el("div", { class: "name" },
      `${ends[0]} ${edge.directed ? "→" : "—"} ${ends[1]}`),
      el("div", { class: "muted" }, `${edge.kind === "statement" ? "statements" : `${edge.event_type} events`}`
        + `: ${edge.weight} fact(s) behind this link`));
    if (edge.kind === "statement") {
      const page = await api("statements", { speaker: edge.source, about: edge.target, limit: limit(100) });
      renderStatements(page.items);
      renderEvents([]);
    } else {
      renderEvents(await Promise.all(edge.facts.slice(0, 25).map((id) => api(`events/${encodeURIComponent(id)}`))));
      renderStatements([]);
    }
  }

  // --- the source, with the evidence highlighted ------------------------------------------------
  async function showEvidence(evidence, item, index = 0) {
    for (const li of document.querySelectorAll(".facts li.active")) li.classList.remove("active");
    if (item) item.classList.add("active");
    const documents = new Set(evidence.map((ev) => ev.document)).size;
    $("source-switch").replaceChildren(...(evidence.length > 1 ? evidence.map((ev, i) => {
      const label = `span ${i + 1} of ${evidence.length}${documents > 1 ? ` · ${ev.document}` : ""}`;
      const b = el("button", { type: "button", class: i === index ? "active" : "", title: ev.document }, label);
      b.addEventListener("click", guarded(() => showEvidence(evidence, item, i)));
      return b;
    }) : []));
    const ev = evidence[index];
    const entry = await api("explore/api/entry-text", { document: ev.document, start: ev.start, end: ev.end });
    $("source-meta").replaceChildren(el("div", { class: "name" }, entry.title || entry.source || entry.document),
      el("div", { class: "muted" }, [entry.headline, entry.entry_published || entry.published, entry.source]
        .filter(Boolean).join(" · ")));
    const mark = el("mark", {}, entry.text.slice(entry.start, entry.end));
    $("source-text").replaceChildren(entry.text.slice(0, entry.start), mark, entry.text.slice(entry.end));
    $("source-text").scrollTop = Math.max(0, mark.offsetTop - 40);
  }

  // --- timeline strip --------------------------------------------------------------------
  function renderTimeline(items) {
    const svg = $("timeline");
    const width = svg.clientWidth || 600;
    const dated = items.filter((item) => item.date);
    $("timeline-note").textContent = `${dated.length} dated, ${items.length - dated.length} undated`;
    svg.replaceChildren();
    if (!dated.length) return;
    const day = (d) => Date.parse(`${d}T00:00:00Z`) / 864e5;
    let lo = Math.min(...dated.map((i) => day(i.date)));
    let hi = Math.max(...dated.map((i) => day(i.date)));
    lo -= 0.5; hi += 0.5;
    const x = (d) => 80 + ((day(d) - lo) / (hi - lo)) * (width - 100);
    svg.append(el("svg:text", { x: 4, y: 28 }, "events"), el("svg:text", { x: 4, y: 58 }, "statements"),
      el("svg:line", { class: "axis", x1: 80, x2: width - 20, y1: 72, y2: 72 }));
    const step = Math.max(1, Math.ceil((hi - lo) / 8));
    for (let t = Math.ceil(lo); t <= hi; t += step) {
      const iso = new Date(t * 864e5).toISOString().slice(0, 10);
      svg.append(el("svg:line", { class: "grid", x1: x(iso), x2: x(iso), y1: 12, y2: 72 }),
        el("svg:text", { x: x(iso), y: 86, "text-anchor": "middle" }, iso));
    }
    const groups = new Map();
    for (const item of dated) {
      const key = `${item.kind}|${item.date}`;
      groups.set(key, [...(groups.get(key) || []), item]);
    }
    for (const group of groups.values()) group.forEach((item, k) => svg.append(timelineDot(item, x, k, group.length)));
  }

  function timelineDot(item, x, k, n) {
    const cx = x(item.date) + (k - (n - 1) / 2) * 7;
    const fact = item.kind === "event" ? item.event : item.statement;
    const dot = item.kind === "event"
      ? el("svg:circle", { class: "dot", cx, cy: 24, r: 5, fill: TYPE_COLORS[fact.type] || "#999" })
      : el("svg:rect", { class: "dot", x: cx - 4, y: 50, width: 8, height: 8,
        fill: STANCE_COLORS[fact.stance] || "#607d8b" });
    dot.append(el("svg:title", {}, `${item.date} ${item.kind === "event" ? fact.type : fact.stance || ""}: `
      + short(fact.summary || fact.quote, 160)));
    dot.addEventListener("click", guarded(() => showEvidence(fact.evidence, null)));
    return dot;
  }

  // --- event places on a plain lon/lat plot (no basemap: tiles would need the internet) ---------
  function renderMap(events) {
    if (!state.places) return;
    const svg = $("map");
    const width = svg.clientWidth || 500;
    const height = svg.clientHeight || 260;
    const mine = new Set(events.flatMap((ev) => ev.locations.map((l) => l.id)));
    const hot = state.places.filter((f) => mine.has(f.id));
    const box = bounds(hot.length ? hot : state.places);
    const kx = Math.cos(((box.s + box.n) / 2) * Math.PI / 180);
    const scale = Math.min((width - 20) / ((box.e - box.w) * kx), (height - 20) / (box.n - box.s));
    const cxm = (box.w + box.e) / 2;
    const cym = (box.s + box.n) / 2;
    const px = (lon) => width / 2 + (lon - cxm) * kx * scale;
    const py = (lat) => height / 2 - (lat - cym) * scale;
    svg.replaceChildren();
    const grid = (box.e - box.w) > 40 ? 10 : 5;
    for (let lon = Math.ceil((cxm - width / kx / scale / 2) / grid) * grid; px(lon) < width; lon += grid) {
      svg.append(el("svg:line", { class: "grid", x1: px(lon), x2: px(lon), y1: 0, y2: height }),
        el("svg:text", { x: px(lon) + 2, y: height - 3, fill: "#9aa3b2" }, `${lon}°E`));
    }
    for (let lat = Math.floor((cym + height / scale / 2) / grid) * grid; py(lat) < height; lat -= grid) {
      svg.append(el("svg:line", { class: "grid", x1: 0, x2: width, y1: py(lat), y2: py(lat) }),
        el("svg:text", { x: 2, y: py(lat) - 2, fill: "#9aa3b2" }, `${lat}°N`));
    }
    for (const f of [...state.places].sort((a, b) => mine.has(a.id) - mine.has(b.id))) {
      const on = mine.has(f.id);
      const [lon, lat] = f.geometry.coordinates;
      const r = 3 + Math.sqrt(f.properties.events || 0) * 1.5;
      const dot = el("svg:circle", { cx: px(lon), cy: py(lat), r, fill: on ? "#d62728" : "#9aa3b2",
        "fill-opacity": on ? 0.85 : 0.5, stroke: "#fff" });
      dot.append(el("svg:title", {}, `${f.properties.name}: ${f.properties.events} event(s)`));
      svg.append(dot);
      if (on || f.properties.events > 1) {
        svg.append(el("svg:text", { x: px(lon) + r + 2, y: py(lat) + 3 }, f.properties.name));
      }
    }
  }

  function bounds(features) {
    const lons = features.map((f) => f.geometry.coordinates[0]);
    const lats = features.map((f) => f.geometry.coordinates[1]);
    const box = { w: Math.min(...lons), e: Math.max(...lons), s: Math.min(...lats), n: Math.max(...lats) };
    const pad = (a, b, min) => { const extra = Math.max(1, (min - (b - a)) / 2); return [a - extra, b + extra]; };
    [box.w, box.e] = pad(box.w, box.e, 8);
    [box.s, box.n] = pad(box.s, box.n, 5);
    return box;
  }

  // --- start-up --------------------------------------------------------------------------
  async function init() {
    const spec = await api("openapi.json").catch(() => null);
    const limitParam = spec && spec.paths["/events"].get.parameters.find((p) => p.name === "limit");
    const max = limitParam && (limitParam.schema.anyOf || [limitParam.schema])
      .map((o) => o.maximum).find(Number.isFinite);
    if (max) state.pageMax = max;
    for (const type of Object.keys(TYPE_COLORS)) $("filter-type").append(el("option", { value: type }, type));
    state.places = (await api("locations.geojson")).features;
    renderMap([]);
    $("search-form").addEventListener("submit", guarded(async (evt) => {
      evt.preventDefault();
      await search($("search-input").value.trim());
    }));
    $("filters").addEventListener("change", guarded(async () => {
      await loadGraph();
      if (state.selected) await selectActor(state.selected);
    }));
    const linked = new URLSearchParams(location.hash.slice(1)).get("actor");
    if (linked) await openActor(linked);
    document.body.dataset.ready = "true";
  }

  window.explorer = { state, search, openActor, selectActor };
  document.addEventListener("DOMContentLoaded", guarded(init));
})();

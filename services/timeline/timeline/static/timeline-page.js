// The timeline page: loads /api/v1/timeline?format=vis into vis-timeline, groups by entity or
// location, filters by a date range (the inputs, or the visible window), and shows an entry's sources.
const API = "/api/v1";
const MAX_ITEMS = 2000;  // pages are followed up to this many items; the status line says when more exist
const PAGE_SIZE = 500;
const DAY_MS = 86400000;
const FOLLOW_DELAY_MS = 400;  // wait for the user to stop dragging before asking the API again

const form = document.getElementById("filters");
const statusLine = document.getElementById("status");
const panel = document.getElementById("sources");

if (typeof vis === "undefined") {
  statusLine.classList.add("error");
  statusLine.textContent = "The timeline widget is missing on the server (npm ci --prefix services/timeline/web).";
  throw new Error("vis-timeline did not load");
}

const items = new vis.DataSet();
const groups = new vis.DataSet();
const timeline = new vis.Timeline(document.getElementById("timeline"), items, groups, {
  stack: true,
  orientation: "top",
  zoomKey: "ctrlKey",
  selectable: true,
  template: renderItem,
  tooltip: { followMouse: false },
  groupOrder: (a, b) => String(a.id).localeCompare(String(b.id)),
  margin: { item: 6 },
  verticalScroll: true,
  maxHeight: "calc(100vh - 7rem)",
});
// Exposed for the browser test and for debugging from the console.
window.timelinePage = { timeline, items, groups, loaded: null };

function renderItem(item) {
  // Built with textContent, never innerHTML: titles come from news text.
  const el = document.createElement("span");
  el.className = "tl-item";
  el.dataset.entryId = item.id;
  el.dataset.start = item.start;
  if (item.end) el.dataset.end = item.end;
  el.textContent = item.content;
  return el;
}

function params() {
  const data = new FormData(form);
  return { group: data.get("group"), from: data.get("from"), to: data.get("to"), follow: data.get("follow") === "on" };
}

function setParams({ group, from, to, follow }) {
  form.elements.group.value = group || "entity";
  form.elements.from.value = from || "";
  form.elements.to.value = to || "";
  form.elements.follow.checked = Boolean(follow);
}

function fromLocation() {
  const q = new URLSearchParams(location.search);
  setParams({ group: q.get("group"), from: q.get("from"), to: q.get("to"), follow: q.get("follow") === "1" });
}

function toLocation(p) {
  const q = new URLSearchParams();
  if (p.group !== "entity") q.set("group", p.group);
  if (p.from) q.set("from", p.from);
  if (p.to) q.set("to", p.to);
  if (p.follow) q.set("follow", "1");
  history.replaceState(null, "", q.toString() ? `?${q}` : location.pathname);
}

async function request(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  return { body, response };
}

async function getJSON(url) {
  return (await request(url)).body;
}

// The next page's address, from the response's `Link: <…>; rel="next"` header.
function nextLink(response) {
  const link = response.headers.get("Link") || "";
  const match = link.match(/<([^>]+)>\s*;\s*rel="next"/);
  return match ? match[1] : null;
}

// vis-format text fields are HTML-escaped for widgets that render HTML; this page renders text.
function plainText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent;
}

function toVisItem(raw) {
  return { ...raw, content: plainText(raw.content), group: raw.group ?? "" };
}

async function load() {
  const p = params();
  toLocation(p);
  const query = new URLSearchParams({ format: "vis", group: p.group, limit: String(PAGE_SIZE) });
  if (p.from) query.set("from", p.from);
  if (p.to) query.set("to", p.to);
  statusLine.classList.remove("error");
  statusLine.textContent = "Loading…";
  const loaded = [];
  let next = `${API}/timeline?${query}`;
  try {
    while (next && loaded.length < MAX_ITEMS) {
      const { body, response } = await request(next);
      loaded.push(...body.items);
      next = nextLink(response);
    }
  } catch (err) {
    statusLine.classList.add("error");
    statusLine.textContent = `Could not load the timeline: ${err.message}`;
    window.timelinePage.loaded = Promise.resolve();
    return;
  }
  const visItems = loaded.map(toVisItem);
  const names = [...new Set(visItems.map((i) => i.group))];
  groups.clear();
  groups.add(names.map((name) => ({ id: name, content: el("span", { textContent: name || `(no ${p.group})` }) })));
  items.clear();
  items.add(visItems);
  if (!p.follow) {
    if (p.from || p.to) {
      // Calendar days in the viewer's time zone, as vis-timeline draws its axis.
      const start = p.from ? new Date(`${p.from}T00:00:00`) : timeline.getWindow().start;
      const end = p.to ? new Date(new Date(`${p.to}T00:00:00`).getTime() + DAY_MS) : timeline.getWindow().end;
      timeline.setWindow(start, end, { animation: false });
    } else if (visItems.length) {
      timeline.fit({ animation: false });
    }
  }
  statusLine.textContent = visItems.length
    ? `${visItems.length} events${next ? ` (the first ${visItems.length}; narrow the dates to see the rest)` : ""}`
    : "No events in this range.";
  document.body.dataset.loaded = String(Date.now());
}

function isoDay(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

let followTimer = null;
timeline.on("rangechanged", (props) => {
  if (!props.byUser || !params().follow) return;
  clearTimeout(followTimer);
  followTimer = setTimeout(() => {
    form.elements.from.value = isoDay(props.start);
    form.elements.to.value = isoDay(props.end);
    reload();
  }, FOLLOW_DELAY_MS);
});

function reload() {
  window.timelinePage.loaded = load();
  return window.timelinePage.loaded;
}

form.addEventListener("submit", (ev) => { ev.preventDefault(); reload(); });
form.addEventListener("change", (ev) => { if (ev.target.name === "group") reload(); });

// --- the sources panel ---------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function describeDate(date) {
  if (!date) return "undated";
  return date.granularity && date.granularity !== "day" ? `${date.value} (${date.granularity})` : date.value;
}

// The evidence sentence with the mention's trigger word marked.
function evidence(mention) {
  const quote = el("blockquote");
  const found = new RegExp(`\\b${mention.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).exec(mention.evidence);
  if (found) {
    quote.append(mention.evidence.slice(0, found.index), el("mark", { textContent: mention.text }),
      mention.evidence.slice(found.index + mention.text.length));
  } else {
    quote.textContent = mention.evidence;
  }
  return quote;
}

function sourceLine(source) {
  const title = source.title || source.article_id;
  // Only web addresses become links: a javascript: URL in an article must not run here.
  const web = /^https?:\/\//i.test(source.url || "");
  const name = web ? el("a", { href: source.url, textContent: title, target: "_blank", rel: "noopener" })
    : el("span", { textContent: title });
  const where = [source.source, source.published_at].filter(Boolean).join(", ");
  return el("div", { className: "source" }, name, where ? ` — ${where}` : "");
}

function showEntry(entry) {
  document.getElementById("sources-title").textContent = entry.title;
  const people = entry.participants.map((p) => p.name);
  const places = entry.locations.map((p) => p.name);
  document.getElementById("sources-meta").textContent = [describeDate(entry.date), entry.status,
    people.join(", "), places.join(", ")].filter(Boolean).join(" · ");
  const sources = new Map(entry.sources.map((s) => [s.article_id, s]));
  document.getElementById("mentions").replaceChildren(...entry.mentions.map((m) =>
    el("li", { className: "mention" }, evidence(m), sourceLine(sources.get(m.article) || { article_id: m.article }))));
  panel.hidden = false;
  panel.dataset.entryId = entry.id;
  // The panel narrows the timeline: redraw now rather than at vis-timeline's next size check.
  timeline.redraw();
}

async function openEntry(id) {
  try {
    showEntry(await getJSON(`${API}/events/${encodeURIComponent(id)}`));
  } catch (err) {
    statusLine.classList.add("error");
    statusLine.textContent = `Could not load the event: ${err.message}`;
  }
}

timeline.on("select", ({ items: selected }) => {
  if (selected.length) openEntry(selected[0]);
  else closePanel();
});

function closePanel() {
  panel.hidden = true;
  timeline.setSelection([]);
  timeline.redraw();
}
document.getElementById("sources-close").addEventListener("click", closePanel);

fromLocation();
reload();

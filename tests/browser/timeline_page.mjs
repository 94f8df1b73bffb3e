// Drives the timeline page in headless Chromium and checks what a user sees.
//
//   node tests/browser/timeline_page.mjs --url http://127.0.0.1:8000 --expect expect.json --screenshot out.png
//
// expect.json (written by test_timeline_page.py):
//   window   {from, to}            dates the page is opened with (?from=&to=)
//   entries  [{id, title, start, end, shape}]   items that must be drawn; start/end are local
//            date-times, shape "range" (drawn from start to end) or "box" (centred on start)
//   absent   [title]               titles that must not be drawn
//   open     {id, title, evidence: [sentence], links: [url]}   the item to click and its sources panel
//   groups   {entity: [name], location: [name]}   group labels each switch position must show
//   narrow   {from, to, ids: [id]}  a date range typed into the inputs and the items left after it;
//            then the timeline is dragged with "Follow the visible window" on
// Prints a JSON report; exits 1 with the reason on the first failed check.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(new URL("../../services/timeline/web/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    expect: { type: "string" },
    screenshot: { type: "string" },
    chromium: { type: "string", default: process.env.CHROMIUM || "/usr/bin/chromium" },
    timezone: { type: "string", default: "America/New_York" },
  },
});
const expected = JSON.parse(readFileSync(args.expect, "utf8"));
const TOLERANCE_PX = 2;
const report = { checks: [], page_errors: [] };

function check(name, ok, detail) {
  report.checks.push({ name, ok, detail });
  if (!ok) throw new Error(`${name}: ${JSON.stringify(detail)}`);
}

// The page's x coordinate of each minor grid line whose date the axis names in its classes
// (vis-day9 vis-april at day scale, vis-april at month scale), as [time in ms, x] pairs.
async function axisTicks(page) {
  return page.evaluate(() => {
    const months = ["january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december"];
    const { start, end } = window.timelinePage.timeline.getWindow();
    const ticks = [];
    for (const line of document.querySelectorAll(".vis-time-axis .vis-grid.vis-minor")) {
      const classes = [...line.classList];
      const month = months.findIndex((m) => classes.includes(`vis-${m}`));
      if (month < 0) continue;
      const dayClass = classes.find((c) => /^vis-day\d+$/.test(c));
      const day = dayClass ? Number(dayClass.slice(7)) : 1;
      // The window spans less than a year: the year is the one that puts the tick inside it.
      for (const year of [start.getFullYear(), end.getFullYear()]) {
        const t = new Date(year, month, day).getTime();
        if (t >= start.getTime() - 864e5 * 31 && t <= end.getTime() + 864e5 * 31) {
          const rect = line.getBoundingClientRect();
          ticks.push([t, rect.left + parseFloat(getComputedStyle(line).borderLeftWidth) / 2]);
          break;
        }
      }
    }
    return ticks;
  });
}

// Least-squares line x = a + b·t through the ticks; every tick must lie on it.
function fitAxis(ticks) {
  check("the time axis shows dated grid lines", ticks.length >= 3, { ticks: ticks.length });
  const n = ticks.length;
  const mt = ticks.reduce((s, [t]) => s + t, 0) / n;
  const mx = ticks.reduce((s, [, x]) => s + x, 0) / n;
  const b = ticks.reduce((s, [t, x]) => s + (t - mt) * (x - mx), 0) / ticks.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  const a = mx - b * mt;
  const worst = Math.max(...ticks.map(([t, x]) => Math.abs(a + b * t - x)));
  check("the time axis is linear", worst <= TOLERANCE_PX, { worst });
  return { x: (t) => a + b * t, t: (x) => (x - a) / b };
}

// A local date-time as the browser reads it (in its time zone, which the axis is drawn in).
async function browserTime(page, iso) {
  return page.evaluate((s) => new Date(s).getTime(), iso);
}

async function drawnItem(page, id) {
  return page.evaluate((entryId) => {
    const label = document.querySelector(`.vis-item .tl-item[data-entry-id="${CSS.escape(entryId)}"]`);
    if (!label) return null;
    const item = label.closest(".vis-item");
    const rect = item.getBoundingClientRect();
    return {
      text: label.textContent,
      shape: item.classList.contains("vis-range") ? "range" : item.classList.contains("vis-box") ? "box" : "other",
      left: rect.left, right: rect.right, centre: rect.left + rect.width / 2,
    };
  }, id);
}

async function waitLoaded(page) {
  await page.waitForFunction(() => window.timelinePage && window.timelinePage.loaded);
  await page.evaluate(() => window.timelinePage.loaded);
  // vis redraws on the next animation frames after the DataSet changes.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function checkPositions(page) {
  const axis = fitAxis(await axisTicks(page));
  for (const entry of expected.entries) {
    const drawn = await drawnItem(page, entry.id);
    check(`"${entry.title}" is drawn`, drawn !== null, { id: entry.id });
    check(`"${entry.title}" is labelled with its title`, drawn.text === entry.title, drawn);
    check(`"${entry.title}" is drawn as a ${entry.shape}`, drawn.shape === entry.shape, drawn);
    const start = await browserTime(page, entry.start);
    const edges = entry.shape === "range"
      ? { left: [drawn.left, axis.x(start)], right: [drawn.right, axis.x(await browserTime(page, entry.end))] }
      : { centre: [drawn.centre, axis.x(start)] };
    for (const [edge, [actual, want]] of Object.entries(edges)) {
      check(`"${entry.title}" ${edge} sits at ${edge === "right" ? entry.end : entry.start} on the axis`,
        Math.abs(actual - want) <= TOLERANCE_PX,
        { actual, want, date_under_item: await page.evaluate((t) => new Date(t).toString(), axis.t(actual)) });
    }
  }
  const labels = await page.evaluate(() => [...document.querySelectorAll(".vis-item .tl-item")].map((l) => l.textContent));
  for (const title of expected.absent) {
    check(`"${title}" is not drawn`, !labels.includes(title), {});
  }
}

async function checkSourcesPanel(page) {
  const { open } = expected;
  await page.locator(`.vis-item:has(.tl-item[data-entry-id="${open.id}"])`).click();
  const panel = page.locator("#sources");
  await panel.waitFor({ state: "visible" });
  await page.waitForFunction((id) => document.getElementById("sources").dataset.entryId === id, open.id);
  const shown = await page.evaluate(() => ({
    title: document.getElementById("sources-title").textContent,
    evidence: [...document.querySelectorAll("#mentions li blockquote")].map((q) => q.textContent),
    links: [...document.querySelectorAll("#mentions li a")].map((a) => a.href),
  }));
  check("the sources panel names the event", shown.title === open.title, shown);
  check("the panel lists one mention per source sentence",
    JSON.stringify([...shown.evidence].sort()) === JSON.stringify([...open.evidence].sort()), shown);
  check("the panel links to the source articles",
    JSON.stringify([...shown.links].sort()) === JSON.stringify([...open.links].sort()), shown);
}

async function groupLabels(page) {
  return page.evaluate(() => [...document.querySelectorAll(".vis-labelset .vis-label")].map((l) => l.textContent.trim()));
}

async function checkGrouping(page) {
  for (const mode of ["location", "entity"]) {
    await page.locator(`input[name=group][value=${mode}]`).check();
    await waitLoaded(page);
    const labels = await groupLabels(page);
    const missing = expected.groups[mode].filter((name) => !labels.includes(name));
    check(`grouped by ${mode}, the groups are labelled`, missing.length === 0, { labels, missing });
  }
}

async function checkNarrowing(page) {
  const { narrow } = expected;
  await page.fill("#from", narrow.from);
  await page.fill("#to", narrow.to);
  await page.locator("#filters button[type=submit]").click();
  await waitLoaded(page);
  const ids = await page.evaluate(() => window.timelinePage.items.getIds().map(String));
  check(`from ${narrow.from} to ${narrow.to} only the events in range are loaded`,
    JSON.stringify(ids.sort()) === JSON.stringify([...narrow.ids].sort()), { ids });
  check("the page address keeps the range", page.url().includes(`from=${narrow.from}`) && page.url().includes(`to=${narrow.to}`),
    { url: page.url() });
}

// "Follow the visible window": dragging the timeline sets from/to to the window and reloads.
async function checkFollowWindow(page) {
  await page.check("#follow");
  const before = await page.inputValue("#from");
  const box = await page.locator(".vis-panel.vis-center").boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 300, y, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction((b) => document.getElementById("from").value !== b, before);
  await waitLoaded(page);
  const shown = await page.evaluate(() => {
    const day = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    const { start, end } = window.timelinePage.timeline.getWindow();
    return { window: [day(start), day(end)], inputs: [document.getElementById("from").value, document.getElementById("to").value],
             starts: window.timelinePage.items.get().map((i) => day(new Date(i.start))) };
  });
  check("after a drag the date inputs hold the visible window", shown.window.join() === shown.inputs.join(), shown);
  check("the items loaded start inside the visible window",
    shown.starts.length > 0 && shown.starts.every((d) => d >= shown.inputs[0] && d <= shown.inputs[1]), shown);
  check("the page address keeps the followed window", page.url().includes("follow=1") && page.url().includes(`from=${shown.inputs[0]}`),
    { url: page.url() });
}

const profile = mkdtempSync(join(tmpdir(), "timeline-chromium-"));
let context;
let page;
let status = 0;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: args.chromium,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
    viewport: { width: 1400, height: 560 },
    timezoneId: args.timezone,
    locale: "en-US",
  });
  page = context.pages()[0] || await context.newPage();
  const errors = report.page_errors;
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  // Everything the page needs must come from the service: any other host is refused and reported.
  const origin = new URL(args.url).origin;
  await page.route("**/*", (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    errors.push(`request outside the service: ${route.request().url()}`);
    return route.abort();
  });
  const { from, to } = expected.window;
  await page.goto(`${args.url}/?from=${from}&to=${to}`);
  await waitLoaded(page);
  await checkPositions(page);
  await checkGrouping(page);
  await checkSourcesPanel(page);
  if (args.screenshot) await page.screenshot({ path: args.screenshot });
  await checkNarrowing(page);
  await checkFollowWindow(page);
  check("no errors in the page", errors.length === 0, errors);
} catch (err) {
  report.error = String(err.stack || err);
  status = 1;
  if (page && args.screenshot) {
    report.failure_screenshot = args.screenshot.replace(/\.png$/, "") + ".failed.png";
    await page.screenshot({ path: report.failure_screenshot }).catch(() => {});
    report.status_line = await page.locator("#status").textContent().catch(() => null);
  }
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
process.exit(status);

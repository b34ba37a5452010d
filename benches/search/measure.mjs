// Measures, in headless Chromium, what a first search costs the browser:
// trustdocs' search page against Pagefind over the same built site.
//   node benches/search/measure.mjs BASE_URL OUT_JSON
// For each query, in a fresh browser context (empty cache): the bytes of
// every response except the page's HTML and CSS, by kind, and the time from
// navigation to ten results with their excerpts; then the same query again
// in the same page (everything cached: the search's own work).
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(new URL("../../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

// The last two: a typo (corrected from the typo shards) and a question (stop words dropped, partial matches ranked).
export const QUERIES = ["lone working", "incident reporting", "POL/004/321", "cctv", "escalation arrangements",
  "violense", "what must a manager do about violence"];
const base = process.argv[2];
const outFile = process.argv[3];
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

function kindOf(side, path) {
  if (/\.(html|css)$/.test(path) || path.endsWith("/")) return null;
  if (side === "trustdocs") {
    if (path.endsWith("/search.js")) return "script";
    return path.includes("/search/x/") ? "excerpts" : "index";
  }
  if (/pagefind(-[a-z]+)?\.js$|wasm\.|pagefind-entry\.json$/.test(path)) return "script";
  return path.includes("pf_fragment") || path.includes("/fragment/") ? "excerpts" : "index";
}

async function measure(browser, side, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = { script: 0, index: 0, excerpts: 0 };
  const files = { script: 0, index: 0, excerpts: 0 };
  page.on("response", async (r) => {
    const kind = kindOf(side, new URL(r.url()).pathname);
    if (!kind || r.status() !== 200) return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    bytes[kind] += body.length;
    files[kind] += 1;
  });
  const q = encodeURIComponent(query);
  let first, repeat, titles, total;
  if (side === "trustdocs") {
    await page.goto(`${base}search/index.html?q=${q}`);
    await waitTrustdocs(page);
    first = await page.evaluate(() => { const e = performance.getEntriesByName("trustdocs:search").pop(); return e.startTime + e.duration; });
    titles = await page.locator(".td-search-result__title").allTextContents();
    total = await page.locator("#td-search-message").textContent();
    await page.locator("#td-search-form button[type=submit]").click();
    await page.waitForFunction(() => performance.getEntriesByName("trustdocs:search").length === 2);
    repeat = await page.evaluate(() => performance.getEntriesByName("trustdocs:search").pop().duration);
  } else {
    await page.goto(`${base}pagefind-bench.html?q=${q}`);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 120000 });
    const r = await page.evaluate(() => window.benchResult);
    first = r.ms; titles = r.titles; total = `${r.total} results`;
    repeat = await page.evaluate(() => window.benchRepeat());
  }
  await page.waitForTimeout(300);
  await context.close();
  return { side, query, firstMs: first, repeatMs: repeat, bytes, files, total, titles: titles.slice(0, 3) };
}

async function waitTrustdocs(page) {
  await page.waitForFunction(() => {
    const list = document.getElementById("td-search-results");
    return list && list.getAttribute("aria-busy") === "false" && performance.getEntriesByName("trustdocs:search").length;
  }, null, { timeout: 120000 });
}

const browser = await chromium.launch({ executablePath: process.env.TRUSTDOCS_CHROMIUM || "/usr/bin/chromium", args });
const rows = [];
for (const query of QUERIES) {
  for (const side of ["trustdocs", "pagefind"]) {
    const row = await measure(browser, side, query);
    rows.push(row);
    const kb = (row.bytes.script + row.bytes.index + row.bytes.excerpts) / 1024;
    console.error(`${side.padEnd(9)} ${query.padEnd(24)} ${kb.toFixed(1).padStart(8)} KB ${row.firstMs.toFixed(0).padStart(6)} ms first, ${row.repeatMs.toFixed(1)} ms again; ${row.total}`);
  }
}
await browser.close();
writeFileSync(outFile, JSON.stringify(rows, null, 2));

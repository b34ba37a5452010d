// The search page in headless Chromium, over the fixture site that
// tests/testsuite/browser.rs builds and serves: `node search.mjs BASE_URL`.
// Each check prints `ok` or throws; any page error fails the run.
import { open, searched, finish } from "./harness.mjs";

const base = process.argv[2];
const { browser, page, problems } = await open(base);

/** Waits for a search to finish, then returns the result titles and the announcement. */
async function results() {
  await searched(page);
  const titles = await page.locator(".td-search-result__title").allTextContents();
  const status = await page.locator("#td-search-message").textContent();
  return { titles: titles.map((t) => t.trim()), status };
}

function expectFirst(found, title, what) {
  if (found.titles[0] !== title) {
    throw new Error(`${what}: expected "${title}" first, got ${JSON.stringify(found.titles)} (${found.status})`);
  }
  console.log(`ok - ${what}: "${title}" first`);
}

async function check(what, run) {
  try {
    await run();
  } catch (e) {
    problems.push(`${what}: ${e.message}`);
  }
}

await check("?q= on load", async () => {
  await page.goto(`${base}search/index.html?q=lone%20working`);
  const found = await results();
  expectFirst(found, "Lone Working Policy", "?q=lone working");
  if (!/^\d+ results found for “lone working”\./.test(found.status)) throw new Error(`announcement: ${found.status}`);
  if ((await page.locator("#td-search-message").getAttribute("aria-live")) !== "polite") throw new Error("status is not aria-live");
  if ((await page.locator("#td-search-q").inputValue()) !== "lone working") throw new Error("query not shown in the box");
  if ((await page.locator(".td-search-result__snippet mark").count()) === 0) throw new Error("no highlighted words");
});

await check("ids written three ways", async () => {
  for (const q of ["POL/002/057", "pol-002-057", "pol 2 57"]) {
    await page.goto(`${base}search/index.html?q=${encodeURIComponent(q)}`);
    expectFirst(await results(), "Lone Working Policy", `?q=${q}`);
  }
});

await check("a common word, whose postings have a file of their own", async () => {
  await page.goto(`${base}search/index.html?q=ward%20staff`);
  expectFirst(await results(), "Ward Safety Procedure", "?q=ward staff");
});

await check("typing into the header box", async () => {
  await page.goto(`${base}documents/pol-002-057/index.html`);
  await page.locator("#td-header-q").fill("violence");
  await page.locator("#td-header-q").press("Enter");
  await page.waitForURL(/search\/index\.html\?q=violence/);
  expectFirst(await results(), "Violence Prevention and Reduction Policy", "header box: violence");
});

await check("stemming a word the library does not contain", async () => {
  await page.goto(`${base}search/index.html?q=reporting`);
  expectFirst(await results(), "Datix Incident Procedure", "?q=reporting (the text says reported)");
  const marked = await page.locator(".td-search-result__snippet mark").first().textContent();
  const section = page.locator(".td-search-result__section a").first();
  const href = await section.getAttribute("href");
  if (marked !== "reported" || (await section.textContent()) !== "1 Recording" || !href.endsWith("documents/pol-002-030/#recording")) {
    throw new Error(`snippet marks "${marked}", section link ${href}`);
  }
  console.log("ok - the snippet marks 'reported' and links to its section");
});

await check("prefix matching while typing", async () => {
  await page.goto(`${base}search/index.html`);
  await page.locator("#td-search-q").pressSequentially("datix repo", { delay: 20 });
  await page.waitForURL(/q=datix\+repo/);
  expectFirst(await results(), "Datix Incident Procedure", "typing 'datix repo'");
});

await check("filters", async () => {
  await page.goto(`${base}search/index.html?q=pagers`);
  const hidden = await results();
  if (hidden.titles.length !== 0) throw new Error(`superseded version shown by default: ${hidden.titles}`);
  await page.locator("#td-search-message").filter({ hasText: "No results found" }).waitFor();
  if (!(await page.locator("#td-search-tips").isVisible())) throw new Error("no tips when nothing is found");
  if ((await page.locator("#td-search-tips a").count()) < 4) throw new Error("the tips give no links to browse");
  await page.selectOption("#td-search-status", "any");
  await page.waitForURL(/status=any/);
  expectFirst(await results(), "Lone Working Policy", "status any: the superseded version");
  await page.goto(`${base}search/index.html?q=staff&type=procedure`);
  const procedures = await results();
  if (procedures.titles.join() !== "Ward Safety Procedure") throw new Error(`type filter: ${procedures.titles}`);
  console.log("ok - filters by status and type");
});

await check("a typo typed into the box is corrected, and the correction said", async () => {
  await page.goto(`${base}search/index.html`);
  await page.locator("#td-search-q").pressSequentially("lone workign", { delay: 20 });
  await page.waitForURL(/q=lone\+workign/);
  const found = await results();
  expectFirst(found, "Lone Working Policy", "typing 'lone workign'");
  if (!found.status.startsWith("Showing results for “lone working” (you typed “lone workign”).")) {
    throw new Error(`message: ${found.status}`);
  }
  if (await page.locator("#td-search-tips").isVisible()) throw new Error("tips shown with results");
});

await check("role pages and glossary terms are marked as such", async () => {
  await page.goto(`${base}search/index.html?q=buddy`);
  await results();
  const tags = await page.locator(".td-search-result__meta .td-tag--blue").allTextContents();
  if (!tags.includes("Glossary term")) throw new Error(`tags: ${tags}`);
  await page.goto(`${base}search/index.html?q=logs`);
  await results();
  const role = page.locator(".td-search-result", { has: page.locator(".td-tag--blue", { hasText: "Role" }) }).first();
  const href = await role.locator(".td-search-result__section a").getAttribute("href");
  if (!/roles\/lsms\/#pol-002-057-/.test(href)) throw new Error(`role page section link: ${href}`);
  console.log("ok - role pages and glossary terms are tagged, and a role result links to its section on the role page");
});

await check("keyboard", async () => {
  await page.goto(`${base}search/index.html?q=policy`);
  await results();
  await page.locator("#td-search-q").focus();
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement.className);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  const back = await page.evaluate(() => document.activeElement.id);
  if (first !== "td-search-result__title" || back !== "td-search-q") throw new Error(`focus went to ${first}, then ${back}`);
  console.log("ok - arrow keys move between the box and the results");
});

await finish(browser, problems, "all browser checks passed");

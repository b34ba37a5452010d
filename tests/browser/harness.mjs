// What the search page checks share: headless Chromium (Debian's, or
// $TRUSTDOCS_CHROMIUM) with a page whose script errors, failed requests and
// requests to another host become problems, and a wait for a search to end.
import { chromium } from "playwright-core";

const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

/** { browser, page, problems } for the site at `base`. */
export async function open(base) {
  const executablePath = process.env.TRUSTDOCS_CHROMIUM || "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath, args });
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // A word the library lacks has no word shard, and a typo key no typo shard: those 404s are expected.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("404")) problems.push(`console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !/\/search\/[wt]\/[^/]+\.json$/.test(r.url())) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on("request", (r) => { if (!r.url().startsWith(base)) problems.push(`request to another host: ${r.url()}`); });
  return { browser, page, problems };
}

/** Waits until the search page has finished its search and said what it found. */
export function searched(page) {
  return page.waitForFunction(() => {
    const list = document.getElementById("td-search-results");
    return list && list.getAttribute("aria-busy") === "false" && document.getElementById("td-search-message").textContent;
  }, null, { timeout: 15000 });
}

/** Closes the browser; prints the problems and exits 1 if there are any, else prints `passed`. */
export async function finish(browser, problems, passed) {
  await browser.close();
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log(passed);
}

// "The library on a date" in headless Chromium: picks dates on the in-force
// page of a built site (the folder given) and prints, as JSON, what the
// page shows for each, for tests/testsuite/in_force.rs to check. The site's
// files are served from the folder by the page's own route, so no server
// is needed.
import { open } from "./harness.mjs";
import { readFile } from "node:fs/promises";
import path from "node:path";

const [dir, ...days] = process.argv.slice(2);
const base = "http://trustdocs.test/";
const types = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript", ".css": "text/css" };
const { browser, page, problems } = await open(base);
await page.route("**/*", async (route) => {
  const url = new URL(route.request().url());
  let file = path.join(dir, decodeURIComponent(url.pathname));
  if (file.endsWith(path.sep)) file = path.join(file, "index.html");
  try {
    await route.fulfill({ status: 200, body: await readFile(file), contentType: types[path.extname(file)] || "application/octet-stream" });
  } catch {
    await route.fulfill({ status: 404, body: "" });
  }
});
await page.goto(base + "in-force/index.html");
const shown = {};
for (const day of days) {
  await page.fill("#td-in-force-on", day);
  await page.click("#td-in-force-form button");
  await page.waitForFunction((d) => {
    const caption = document.querySelector("#td-in-force-result caption");
    return caption && caption.textContent.endsWith(d);
  }, day, { timeout: 15000 });
  shown[day] = await page.$$eval("#td-in-force-result tbody tr", (rows) => rows.map((r) => ({
    cells: Array.from(r.cells, (c) => c.textContent.replace(/\s+/g, " ").trim()),
    links: Array.from(r.querySelectorAll("a"), (a) => a.getAttribute("href")),
  })));
}
await browser.close();
console.log(JSON.stringify({ problems, shown }));

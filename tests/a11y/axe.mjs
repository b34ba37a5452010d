// Runs axe-core's WCAG 2.2 AA rules on each page in headless Chromium, at
// phone (320 and 390 px) and desktop widths, and saves a screenshot of each.
// Usage: node axe.mjs BASE_URL SCREENSHOT_DIR PATH...
// Prints one line per violation; exits 1 if there is any.
import { launch, screenshot } from "./chromium.mjs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [base, shots, ...paths] = process.argv.slice(2);

const browser = await launch();
let failures = 0;
try {
  for (const [name, viewport] of [["small-phone", { width: 320, height: 640 }], ["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 900 }]]) {
    const page = await browser.newPage({ viewport });
    const offHost = [];
    page.on("request", (r) => { if (!r.url().startsWith(base)) offHost.push(r.url()); });
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: "load" });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
      for (const v of result.violations) {
        failures++;
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
        console.log(`${name} ${path}: ${v.id} (${v.impact}): ${v.help} at ${where}`);
      }
      const file = `${shots}/${name}-${path.replace(/[^a-z0-9]+/gi, "_") || "home"}.png`;
      await screenshot(page, file);
    }
    for (const url of offHost) {
      failures++;
      console.log(`${name}: a page loaded ${url} from another host`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${paths.length} pages checked at three widths, ${failures} problems`);
process.exit(failures ? 1 : 0);

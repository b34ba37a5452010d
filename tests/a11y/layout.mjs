// No page scrolls sideways: at 320, 390 and 1280 px wide, each page's
// content must fit the window (wide tables scroll inside their own frame).
// The references page's tables fit without scrolling at all.
// Saves a screenshot of the first screen of each page at each width.
// Usage: node layout.mjs BASE_URL SCREENSHOT_DIR PATH...
// Prints one line per page that overflows, naming what sticks out; exits 1 if any does.
import { launch, screenshot } from "./chromium.mjs";

const [base, shots, ...paths] = process.argv.slice(2);
const browser = await launch();
let failures = 0;
try {
  for (const width of [320, 390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: width < 1000 ? 800 : 900 } });
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: "load" });
      await page.waitForTimeout(path.includes("search") ? 500 : 0);
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        if (doc.scrollWidth <= doc.clientWidth) return null;
        // The outermost elements whose right edge is past the window, outside any scrolling frame.
        const inFrame = (e) => { for (let p = e.parentElement; p; p = p.parentElement) { if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) return true; } return false; };
        const wide = Array.from(document.body.querySelectorAll("*")).filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1 && !inFrame(e));
        const outermost = wide.filter((e) => !wide.includes(e.parentElement)).slice(0, 5);
        return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
          culprits: outermost.map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className ? "." + String(e.className).split(" ").join(".") : ""} (right ${Math.round(e.getBoundingClientRect().right)})`) };
      });
      if (overflow) {
        failures++;
        console.log(`${width}px ${path}: the page is ${overflow.scrollWidth}px wide in ${overflow.clientWidth}: ${overflow.culprits.join(", ")}`);
      }
      // The references tables fit the window, any URL wrapped (a card a reference on a phone), so the status column is never out of sight.
      if (path.startsWith("/references")) {
        const framed = await page.$$eval(".td-table-wrap", (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.getAttribute("aria-label")));
        if (framed.length) {
          failures++;
          console.log(`${width}px ${path}: tables wider than the window: ${framed.join("; ")}`);
        }
      }
      const file = `${shots}/${width}-${path.replace(/[^a-z0-9]+/gi, "_") || "home"}.png`;
      await screenshot(page, file);
    }
    await page.close();
  }
  // The Menu button works without JavaScript: on a phone the links are folded under it, wider they are a bar.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const phone = await context.newPage();
  await phone.goto(base + paths[0], { waitUntil: "load" });
  const menu = phone.getByRole("navigation", { name: "Main" }).getByText("Menu", { exact: true });
  const link = phone.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Glossary" });
  const folded = !(await link.isVisible());
  await menu.click();
  const unfolded = await link.isVisible();
  await phone.setViewportSize({ width: 1280, height: 900 });
  const bar = (await link.isVisible()) && !(await menu.isVisible());
  if (!(folded && unfolded && bar)) {
    failures++;
    console.log(`the Menu button: links folded ${folded}, shown after a click ${unfolded}, a bar when wide ${bar}`);
  }
  await context.close();
} finally {
  await browser.close();
}
console.log(`${paths.length} pages checked at 320, 390 and 1280 px, ${failures} scroll sideways`);
process.exit(failures ? 1 : 0);


// Headless Chromium as every browser check here starts it: Debian's
// chromium (or $CHROMIUM), nothing fetched from the network.
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

// The screenshots are for people to look at, not part of the check: on a
// loaded machine Chromium sometimes cannot capture one ("Unable to capture
// screenshot"); try once more, then say so and go on.
export async function screenshot(page, file) {
  try {
    await page.screenshot({ path: file });
  } catch {
    await page.waitForTimeout(1000);
    try {
      await page.screenshot({ path: file });
    } catch (e) {
      console.error(`screenshot not saved: ${file}: ${String(e.message).split("\n")[0]}`);
    }
  }
}

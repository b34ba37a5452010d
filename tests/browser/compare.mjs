// The browser ranks as the command line does: for each query, the search
// page's results (ids, or titles of role pages and glossary terms), its
// correction and its count must be what `trustdocs search --json` said.
//   node compare.mjs BASE_URL CASES_JSON
// The first result's snippet and section must be the command line's too.
// CASES_JSON: [{ "query", "names": [first ten results], "corrected": string or null, "total",
//                "snippet": the first result's, "section": its label or null }]
import { readFileSync } from "node:fs";
import { open, searched, finish } from "./harness.mjs";

const [base, casesFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));
const { browser, page, problems } = await open(base);

async function shown() {
  await searched(page);
  return page.evaluate(() => ({
    names: Array.from(document.querySelectorAll(".td-search-result"), (li) => {
      const meta = li.querySelector(".td-search-result__meta").textContent;
      const title = li.querySelector(".td-search-result__title").textContent.trim();
      return /^(Role|Glossary term)/.test(meta) ? title : meta.split(" · ")[0];
    }),
    message: document.getElementById("td-search-message").textContent,
    snippet: document.querySelector(".td-search-result .td-search-result__snippet")?.textContent ?? null,
    section: document.querySelector(".td-search-result")?.querySelector(".td-search-result__section a")?.textContent ?? null,
  }));
}

for (const c of cases) {
  await page.goto(`${base}search/index.html?q=${encodeURIComponent(c.query)}`);
  const got = await shown();
  const expected = c.names.slice(0, 10);
  if (JSON.stringify(got.names) !== JSON.stringify(expected)) {
    problems.push(`"${c.query}": the browser shows ${JSON.stringify(got.names)}, the command line ${JSON.stringify(expected)}`);
  }
  const said = c.corrected ? `Showing results for “${c.corrected}” (you typed “${c.query}”).` : null;
  if (said ? !got.message.startsWith(said) : got.message.includes("Showing results for")) {
    problems.push(`"${c.query}": the message is "${got.message}", expected the correction ${JSON.stringify(c.corrected)}`);
  }
  const count = c.total === 0 ? "No results found" : c.total === 1 ? "1 result found" : `${c.total} results found`;
  if (!got.message.includes(count)) problems.push(`"${c.query}": "${got.message}" does not say "${count}"`);
  if (c.snippet !== undefined && c.snippet !== null && (got.snippet !== c.snippet || got.section !== (c.section ?? null))) {
    problems.push(`"${c.query}": the first snippet is ${JSON.stringify([got.section, got.snippet])}, the command line's ${JSON.stringify([c.section, c.snippet])}`);
  }
  console.log(`ok - "${c.query}": ${got.names.slice(0, 3).join(" | ")}`);
}

await finish(browser, problems, `all ${cases.length} queries rank as on the command line`);

// Turns the measurements of benches/search/run.sh into a Markdown table.
//   node benches/search/report.mjs OUT_DIR N PAGEFIND_VERSION
import { readFileSync } from "node:fs";

const [dir, n, pagefindVersion] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(`${dir}/${name}`, "utf8"));
const index = read("index-build.json");
const times = read("build-times.json");
const rows = read("queries.json");
const kb = (b) => (b / 1024).toFixed(1);
const sum = (b) => b.script + b.index + b.excerpts;

const lines = [];
lines.push(`Search benchmark: ${n} generated documents (${index.documents} published versions), 2 cores.`, "");
lines.push("| | trustdocs | Pagefind " + pagefindVersion + " |", "|---|---|---|");
lines.push(`| index build | ${index.search_s.toFixed(1)} s (postings ${index.postings_s.toFixed(1)} s, export ${index.export_s.toFixed(1)} s, write ${index.write_s.toFixed(1)} s; ${index.files} files, ${(index.bytes / 1048576).toFixed(0)} MB) | ${times.pagefind_s.toFixed(1)} s (reads the built HTML) |`);
lines.push(`| whole \`trustdocs build --no-pdf\` | ${times.trustdocs_build_s.toFixed(1)} s | |`, "");
lines.push("Bytes downloaded for a first query (fresh browser, ten results with excerpts; page HTML and CSS not counted) and time from navigation to the ten results shown; then the same query again in the same page:", "");
lines.push("| query | trustdocs KB (script + index + excerpts) | Pagefind KB (script + index + excerpts) | ratio | trustdocs first / again | Pagefind first / again |");
lines.push("|---|---|---|---|---|---|");
for (let i = 0; i < rows.length; i += 2) {
  const [t, p] = [rows[i], rows[i + 1]];
  const parts = (r) => `**${kb(sum(r.bytes))}** (${kb(r.bytes.script)} + ${kb(r.bytes.index)} + ${kb(r.bytes.excerpts)})`;
  lines.push(`| ${t.query} | ${parts(t)} | ${parts(p)} | ${(sum(t.bytes) / sum(p.bytes)).toFixed(2)} | ${t.firstMs.toFixed(0)} ms / ${t.repeatMs.toFixed(0)} ms | ${p.firstMs.toFixed(0)} ms / ${p.repeatMs.toFixed(0)} ms |`);
}
lines.push("", "First results, for a sanity check:", "");
for (const r of rows) lines.push(`- ${r.side}, "${r.query}": ${r.total.trim()}; ${r.titles.map((t) => t.trim()).join(" | ")}`);
console.log(lines.join("\n"));

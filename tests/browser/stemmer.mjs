// Checks search.js's port of the English Snowball stemmer, its word
// splitting, stop words, typo correction and rarity against the Rust side
// (tantivy, rust-stemmers, src/search/), on the cases tests/testsuite/browser.rs
// writes: `node stemmer.mjs cases.json`.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const search = require("../../themes/default/static/search.js");
const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));

const failures = [];
for (const [word, expected] of Object.entries(cases.stems)) {
  const got = search.stem(word);
  if (got !== expected) failures.push(`stem(${JSON.stringify(word)}) = ${JSON.stringify(got)}, Rust says ${JSON.stringify(expected)}`);
}
for (const [text, expected] of cases.words) {
  const got = search.words(text);
  if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`words(${JSON.stringify(text)}) = ${JSON.stringify(got)}, Rust says ${JSON.stringify(expected)}`);
}
for (const [text, expected] of cases.id_keys) {
  const got = search.idKey(text);
  if (got !== expected) failures.push(`idKey(${JSON.stringify(text)}) = ${JSON.stringify(got)}, Rust says ${JSON.stringify(expected)}`);
}
for (const [text, expected] of cases.fnv1a) {
  const got = search.fnv1a(text);
  if (got !== expected) failures.push(`fnv1a(${JSON.stringify(text)}) = ${got}, Rust says ${expected}`);
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const stopWords = Array.from(search.stopWords).sort();
if (!same(stopWords, cases.stop_words)) failures.push(`stop words ${JSON.stringify(stopWords)}, Rust says ${JSON.stringify(cases.stop_words)}`);
const commonWords = Array.from(search.commonWords).sort();
if (!same(commonWords, cases.common_words)) failures.push(`common words ${JSON.stringify(commonWords)}, Rust says ${JSON.stringify(cases.common_words)}`);
for (const [query, expected] of cases.content_words) {
  const got = search.contentWords(query).map((t) => t.word);
  if (!same(got, expected)) failures.push(`contentWords(${JSON.stringify(query)}) = ${JSON.stringify(got)}, Rust says ${JSON.stringify(expected)}`);
}
for (const [a, b, max, expected] of cases.distances) {
  const got = search.distance(a, b, max);
  if (got !== (expected === null ? -1 : expected)) failures.push(`distance(${a}, ${b}, ${max}) = ${got}, Rust says ${expected}`);
}
for (const [word, edits, expected] of cases.query_keys) {
  const got = search.queryKeys(word, edits);
  if (!same(got, expected)) failures.push(`queryKeys(${word}, ${edits}) = ${JSON.stringify(got)}, Rust says ${JSON.stringify(expected)}`);
}
for (const [typed, candidates, expected] of cases.corrections) {
  const got = search.bestCorrection(typed, candidates);
  if (got !== expected) failures.push(`bestCorrection(${typed}) = ${got}, Rust says ${expected}`);
}
for (const [df, total, expected] of cases.rarity) {
  if (search.rarity(df, total) !== expected) failures.push(`rarity(${df}, ${total}) = ${search.rarity(df, total)}, Rust says ${expected}`);
}
const total = Object.keys(cases.stems).length + cases.words.length + cases.id_keys.length + cases.fnv1a.length +
  1 + cases.content_words.length + cases.distances.length + cases.query_keys.length + cases.corrections.length + cases.rarity.length;
if (failures.length) {
  console.error(failures.slice(0, 40).join("\n"));
  console.error(`${failures.length} of ${total} cases differ from the Rust side`);
  process.exit(1);
}
console.log(`${total} cases agree with the Rust side`);

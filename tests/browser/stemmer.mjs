// Checks search.js's port of the English Snowball stemmer and its word
// splitting against the Rust side (tantivy, rust-stemmers), on the cases
// tests/testsuite/browser.rs writes: `node stemmer.mjs cases.json`.
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
const total = Object.keys(cases.stems).length + cases.words.length + cases.id_keys.length + cases.fnv1a.length;
if (failures.length) {
  console.error(failures.slice(0, 40).join("\n"));
  console.error(`${failures.length} of ${total} cases differ from the Rust side`);
  process.exit(1);
}
console.log(`${total} cases agree with the Rust side`);

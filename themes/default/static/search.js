/* trustdocs search: searches the static index under search/ in the
   browser. Plain JavaScript, no framework, nothing from another host.
   The index's files and the reasons for their shape are described in
   src/search/README.md; ranking here must stay the same as src/search/rank.rs. */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------
  // Analysis: the same words as src/search/analysis.rs (tantivy's
  // SimpleTokenizer, lower-cased, under 40 bytes) and the same stems.

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MAX_TOKEN_BYTES = 40;
  var utf8 = new TextEncoder();

  /** Lower-cases character by character, as tantivy's LowerCaser does. */
  function lower(word) {
    if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
    return Array.from(word, function (c) { return c.toLowerCase(); }).join("");
  }

  /** The words of a text, with where each starts and ends. */
  function tokens(text) {
    var out = [];
    for (var m of text.matchAll(WORD)) {
      var w = lower(m[0]);
      if (utf8.encode(w).length < MAX_TOKEN_BYTES) out.push({ word: w, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  function words(text) {
    return tokens(text).map(function (t) { return t.word; });
  }

  /** A document id's key, as analysis.rs `id_key`: `POL/002/057` → `pol-2-57`. */
  function idKey(text) {
    var parts = text.split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean).map(function (p) {
      p = p.toLowerCase();
      return /^[0-9]+$/.test(p) ? p.replace(/^0+/, "") || "0" : p;
    });
    var digit = parts.some(function (p) { return /[0-9]/.test(p); });
    return parts.length >= 2 && digit ? parts.join("-") : null;
  }

  // The English Snowball stemmer, as the rust-stemmers crate (1.2) that
  // tantivy uses. Only needed for words the library does not contain (the
  // word tables map every word it does contain); tests compare it with the
  // Rust stemmer over thousands of words.
  var EXCEPTIONS1 = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EXCEPTIONS2 = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
  var STEP1A = ["sses", "ied", "ies", "ss", "us", "s"];
  var STEP1B = ["eed", "eedly", "ed", "edly", "ing", "ingly"];
  var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }
  function isVWXY(c) { return isV(c) || c === "w" || c === "x" || c === "Y"; }

  function endsWith(w, suffix) {
    var start = w.length - suffix.length;
    if (start < 0) return false;
    for (var i = 0; i < suffix.length; i++) if (w[start + i] !== suffix[i]) return false;
    return true;
  }

  /** The longest of `suffixes` that `w` ends with (Snowball's `among`). */
  function longest(w, suffixes) {
    var best = null;
    suffixes.forEach(function (s) { if ((!best || s.length > best.length) && endsWith(w, s)) best = s; });
    return best;
  }

  function replaceEnd(w, length, by) {
    w.splice(w.length - length, length);
    Array.prototype.push.apply(w, Array.from(by));
  }

  /** A short syllable ends at `i`: non-vowel, vowel, non-vowel other than w, x, Y. */
  function shortV(w, i) {
    if (i >= 3 && !isVWXY(w[i - 1]) && isV(w[i - 2]) && !isV(w[i - 3])) return true;
    return i === 2 && isV(w[0]) && !isV(w[1]);
  }

  /** Where R1 and R2 start. */
  function regions(w) {
    var s = w.join("");
    var pastVowel = function (i) { while (i >= 0 && i < w.length && !isV(w[i])) i++; return i >= 0 && i < w.length ? i + 1 : -1; };
    var pastOther = function (i) { while (i >= 0 && i < w.length && isV(w[i])) i++; return i >= 0 && i < w.length ? i + 1 : -1; };
    var p1 = /^(gener|arsen)/.test(s) ? 5 : /^commun/.test(s) ? 6 : pastOther(pastVowel(0));
    if (p1 < 0) return [w.length, w.length];
    var p2 = pastOther(pastVowel(p1));
    return [p1, p2 < 0 ? w.length : p2];
  }

  function step1a(w) {
    var s = longest(w, STEP1A);
    if (s === "sses") replaceEnd(w, 4, "ss");
    else if (s === "ied" || s === "ies") replaceEnd(w, 3, w.length - 3 >= 2 ? "i" : "ie");
    else if (s === "s") {
      for (var j = w.length - 3; j >= 0; j--) if (isV(w[j])) { w.pop(); break; }
    }
  }

  function step1b(w, p1) {
    var s = longest(w, STEP1B);
    if (!s) return;
    var start = w.length - s.length;
    if (s === "eed" || s === "eedly") {
      if (start >= p1) replaceEnd(w, s.length, "ee");
      return;
    }
    if (!w.slice(0, start).some(isV)) return;
    w.length = start;
    if (endsWith(w, "at") || endsWith(w, "bl") || endsWith(w, "iz")) w.push("e");
    else if (DOUBLES.some(function (d) { return endsWith(w, d); })) w.pop();
    else if (w.length === p1 && shortV(w, w.length)) w.push("e");
  }

  function step1c(w) {
    var n = w.length;
    if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isV(w[n - 2])) w[n - 1] = "i";
  }

  function step2(w, p1) {
    var s = longest(w, Object.keys(STEP2));
    var start = s ? w.length - s.length : -1;
    if (!s || start < p1) return;
    if (s === "ogi") { if (w[start - 1] === "l") replaceEnd(w, 3, "og"); }
    else if (s === "li") { if (start >= 1 && "cdeghkmnrt".indexOf(w[start - 1]) >= 0) w.length = start; }
    else replaceEnd(w, s.length, STEP2[s]);
  }

  function step3(w, p1, p2) {
    var s = longest(w, Object.keys(STEP3));
    var start = s ? w.length - s.length : -1;
    if (!s || start < p1) return;
    if (s === "ative") { if (start >= p2) w.length = start; }
    else replaceEnd(w, s.length, STEP3[s]);
  }

  function step4(w, p2) {
    var s = longest(w, STEP4);
    var start = s ? w.length - s.length : -1;
    if (!s || start < p2) return;
    if (s !== "ion" || w[start - 1] === "s" || w[start - 1] === "t") w.length = start;
  }

  function step5(w, p1, p2) {
    var start = w.length - 1;
    if (w[start] === "e" && (start >= p2 || (start >= p1 && !shortV(w, start)))) w.length = start;
    else if (w[start] === "l" && start >= p2 && w[start - 1] === "l") w.length = start;
  }

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS1, word)) return EXCEPTIONS1[word];
    var w = Array.from(word);
    if (w.length < 3) return word;
    var yFound = false;
    for (var i = 0; i < w.length; i++) {
      if (w[i] === "y" && (i === 0 || isV(w[i - 1]))) { w[i] = "Y"; yFound = true; }
    }
    var r = regions(w);
    step1a(w);
    if (EXCEPTIONS2.indexOf(w.join("")) < 0) {
      step1b(w, r[0]);
      step1c(w);
      step2(w, r[0]);
      step3(w, r[0], r[1]);
      step4(w, r[1]);
      step5(w, r[0], r[1]);
    }
    var out = w.join("");
    return yFound ? out.replace(/Y/g, "y") : out;
  }

  // ---------------------------------------------------------------------------
  // The index's encodings, as src/search/encode.rs.

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS[d]] = d;
  var KEY_CHARS = 3;
  var PASSAGE_FOLDER = 100;
  var PASSAGES_PER_FILE = 6;

  /** Postings: parallel arrays of search numbers, scores and passages (1-based, 0: not in the body). */
  function decodePostings(text) {
    var numbers = [];
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT_VALUE[text[i]];
      value = value * 32 + (v & 31);
      if (v < 32) { numbers.push(value); value = 0; }
    }
    var count = numbers.length / 3;
    var p = { n: new Int32Array(count), score: new Int32Array(count), passage: new Int32Array(count) };
    var n = 0;
    for (var k = 0; k < count; k++) {
      n += numbers[3 * k];
      p.n[k] = n;
      p.score[k] = numbers[3 * k + 1];
      p.passage[k] = numbers[3 * k + 2];
    }
    return p;
  }

  function shardKey(word) { return Array.from(word).slice(0, KEY_CHARS).join(""); }

  function fileName(key) {
    return Array.from(key, function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  function fnv1a(text) {
    var h = 0x811c9dc5;
    utf8.encode(text).forEach(function (b) { h = Math.imul(h ^ b, 0x01000193) >>> 0; });
    return h >>> 0;
  }

  // ---------------------------------------------------------------------------
  // Loading: every file at most once; a missing file is `null`.

  // Files ending in .gz are gzipped by the build and inflated here, so that
  // any static server can serve them as they are.
  function Loader(base) {
    var cache = new Map();
    this.get = function (path, asText) {
      if (!cache.has(path)) {
        cache.set(path, fetch(base + path).then(function (r) {
          if (!r.ok) return null;
          var text = path.endsWith(".gz")
            ? new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).text()
            : r.text();
          return asText ? text : text.then(JSON.parse);
        }));
      }
      return cache.get(path);
    };
  }

  function shard(loader, key) { return loader.get("w/" + fileName(key) + ".json"); }

  /** A stem's postings, or null when no document has it. */
  async function postingsOf(loader, term) {
    var s = await shard(loader, shardKey(term));
    var entry = s && s.t[term];
    if (!entry) return null;
    var text = typeof entry[1] === "string" ? entry[1] : await loader.get("p/" + entry[1] + ".gz", true);
    return text === null ? null : { term: term, df: entry[0], postings: decodePostings(text) };
  }

  /** The stem of a whole word: from the word tables, else the stemmer. */
  async function stemOf(loader, word) {
    var s = await shard(loader, shardKey(word));
    if (s && Object.prototype.hasOwnProperty.call(s.w, word)) return s.w[word];
    if (s && Object.prototype.hasOwnProperty.call(s.t, word)) return word;
    return stem(word);
  }

  /** Stems of the words that start with `prefix`, most common first. */
  var MAX_COMPLETIONS = 5;
  async function completions(loader, prefix) {
    if (Array.from(prefix).length < KEY_CHARS) return [];
    var s = await shard(loader, shardKey(prefix));
    if (!s) return [];
    var stems = new Set();
    Object.keys(s.w).forEach(function (w) { if (w.startsWith(prefix)) stems.add(s.w[w]); });
    Object.keys(s.t).forEach(function (t) { if (t.startsWith(prefix)) stems.add(t); });
    var found = await Promise.all(Array.from(stems, function (t) { return postingsOf(loader, t); }));
    return found.filter(Boolean).sort(function (a, b) { return b.df - a.df; }).slice(0, MAX_COMPLETIONS);
  }

  // ---------------------------------------------------------------------------
  // Ranking, as src/search/rank.rs.

  /** One query word's matches: search number → {score, passage}, as sorted arrays. */
  function group(lists) {
    if (lists.length === 1) return lists[0].postings;
    var best = new Map();
    lists.forEach(function (l) {
      var p = l.postings;
      for (var i = 0; i < p.n.length; i++) {
        var had = best.get(p.n[i]);
        if (!had || p.score[i] > had.score) best.set(p.n[i], { score: p.score[i], passage: p.passage[i] });
      }
    });
    var ns = Array.from(best.keys()).sort(function (a, b) { return a - b; });
    var out = { n: new Int32Array(ns), score: new Int32Array(ns.length), passage: new Int32Array(ns.length) };
    ns.forEach(function (n, i) { out.score[i] = best.get(n).score; out.passage[i] = best.get(n).passage; });
    return out;
  }

  function find(p, n) {
    var lo = 0, hi = p.n.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (p.n[mid] === n) return mid;
      if (p.n[mid] < n) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** Documents with every word, scores added up; each keeps its words' passages. */
  function allTerms(groups) {
    if (!groups.length) return [];
    var shortest = groups.reduce(function (a, b) { return b.n.length < a.n.length ? b : a; });
    var hits = [];
    for (var i = 0; i < shortest.n.length; i++) {
      var n = shortest.n[i], score = 0, passages = [];
      var all = groups.every(function (g) {
        var at = find(g, n);
        if (at < 0) return false;
        score += g.score[at];
        passages.push(g.passage[at]);
        return true;
      });
      if (all) hits.push({ n: n, score: score, passages: passages });
    }
    return hits;
  }

  function rank(idMatches, hits, keep) {
    hits = hits.filter(function (h) { return keep(h.n); });
    hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    var ids = idMatches.filter(keep).sort(function (a, b) { return a - b; });
    var first = ids.map(function (n) {
      return hits.find(function (h) { return h.n === n; }) || { n: n, score: 0, passages: [] };
    });
    return first.concat(hits.filter(function (h) { return ids.indexOf(h.n) < 0; }));
  }

  /** The facets of document `n`, from the runs in meta.json. */
  function facetsOf(meta, n) {
    var runs = meta.runs, lo = 0, hi = runs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (runs[mid][0] <= n) lo = mid; else hi = mid - 1;
    }
    var r = runs[lo];
    return { type: meta.facets.type[r[1]], status: meta.facets.status[r[2]], directorate: meta.facets.directorate[r[3]] };
  }

  function keeper(meta, filter) {
    return function (n) {
      var f = facetsOf(meta, n);
      var status = filter.status === "" ? f.status !== "superseded" && f.status !== "withdrawn"
        : filter.status === "any" || filter.status === f.status;
      return status && (!filter.type || filter.type === f.type) && (!filter.directorate || filter.directorate === f.directorate);
    };
  }

  // ---------------------------------------------------------------------------
  // A search: words → stems → postings → ranked documents.

  /** `prefix`: the last word is still being typed, so it also matches longer words.
      Shards, postings, meta.json and the id bucket are all asked for at once. */
  async function search(loader, query, filter, prefix) {
    var ws = words(query);
    var last = prefix && ws.length ? ws.pop() : null;
    var metaLoad = loader.get("meta.json");
    var idsLoad = metaLoad.then(function (meta) { return idMatches(loader, meta, query); });
    var typedLoad = last === null ? null : typedWord(loader, last);
    var stems = Array.from(new Set(await Promise.all(ws.map(function (w) { return stemOf(loader, w); }))));
    var lists = await Promise.all(stems.map(function (t) { return postingsOf(loader, t); }));
    var groups = lists.map(function (l) { return l ? [l] : []; });
    var matchWord = function (w) { return stems.indexOf(stem(w)) >= 0; };
    if (typedLoad) {
      var typed = await typedLoad;
      groups.push(typed);
      matchWord = function (w) { return w.startsWith(last) || stems.indexOf(stem(w)) >= 0 || stem(w) === stem(last); };
    }
    var meta = await metaLoad;
    var hits = groups.length && groups.every(function (g) { return g.length; }) ? allTerms(groups.map(group)) : [];
    var ids = await idsLoad;
    var dfs = groups.map(function (g) { return Math.min.apply(null, g.map(function (l) { return l.df; })); });
    return { hits: rank(ids, hits, keeper(meta, filter)), matchWord: matchWord, dfs: dfs };
  }

  /** The postings a word being typed matches: its completions, else the word itself. */
  async function typedWord(loader, word) {
    var more = await completions(loader, word);
    if (more.length) return more;
    var exact = await postingsOf(loader, await stemOf(loader, word));
    return exact ? [exact] : [];
  }

  async function idMatches(loader, meta, query) {
    var key = idKey(query);
    if (!key || !meta) return [];
    var bucket = await loader.get("id/" + (fnv1a(key) % meta.idBuckets) + ".json");
    return (bucket && bucket[key]) || [];
  }

  /** The passage a result's snippet comes from: the one most of its words
      first appear in; on a tie, the one of the rarest word (common words are
      everywhere, so they are likely near it too). `dfs`: each word's document count. */
  function passageOf(hit, dfs) {
    var votes = {}, rarity = {}, best = -1;
    hit.passages.forEach(function (p, i) {
      if (p <= 0) return;
      votes[p] = (votes[p] || 0) + 1;
      rarity[p] = Math.min(rarity[p] === undefined ? Infinity : rarity[p], dfs[i]);
    });
    Object.keys(votes).forEach(function (key) {
      var p = Number(key);
      var better = best < 0 || votes[p] > votes[best] ||
        (votes[p] === votes[best] && (rarity[p] < rarity[best] || (rarity[p] === rarity[best] && p < best)));
      if (better) best = p;
    });
    return best > 0 ? { index: best - 1, inBody: true } : { index: 0, inBody: false };
  }

  /** A result's facts and the passage its snippet comes from. */
  function excerpt(loader, hit, dfs) {
    var p = passageOf(hit, dfs);
    var part = Math.floor(p.index / PASSAGES_PER_FILE);
    var path = "x/" + Math.floor(hit.n / PASSAGE_FOLDER) + "/" + hit.n + "-" + part + ".gz";
    return loader.get(path).then(function (x) {
      if (!x) return null;
      var passage = x.p[p.index % PASSAGES_PER_FILE] || ["", []];
      return { hit: hit, file: x, text: passage[0], sections: passage[1], inBody: p.inBody };
    });
  }

  // ---------------------------------------------------------------------------
  // Showing results.

  var SNIPPET_WORDS = 30;

  /** Appends `text` to `parent`, with the words `matchWord` accepts in <mark>. */
  function appendMarked(parent, text, matchWord) {
    var at = 0;
    tokens(text).forEach(function (t) {
      if (!matchWord(t.word)) return;
      parent.appendChild(document.createTextNode(text.slice(at, t.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(t.start, t.end);
      parent.appendChild(mark);
      at = t.end;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /** About SNIPPET_WORDS words of `text` around its densest matches, and where they start. */
  function snippetOf(text, matchWord) {
    var ts = tokens(text);
    if (ts.length <= SNIPPET_WORDS) return { text: text.trim(), start: 0 };
    var best = 0, bestCount = -1;
    for (var i = 0; i < ts.length; i++) {
      if (!matchWord(ts[i].word)) continue;
      var count = 0;
      for (var j = i; j < Math.min(ts.length, i + SNIPPET_WORDS - 5); j++) if (matchWord(ts[j].word)) count++;
      if (count > bestCount) { bestCount = count; best = i; }
    }
    var first = Math.max(0, best - 5), lastWord = Math.min(ts.length, first + SNIPPET_WORDS) - 1;
    var out = text.slice(ts[first].start, ts[lastWord].end);
    return { text: (first > 0 ? "… " : "") + out + (lastWord < ts.length - 1 ? " …" : ""), start: ts[first].start };
  }

  /** The section a passage's text at `start` belongs to: [start, anchor, label], or undefined. */
  function sectionAt(sections, start) {
    var found;
    sections.forEach(function (s) { if (s[0] <= start) found = s; });
    return found;
  }

  var STATUS_TAG = { ratified: "green", draft: "orange", consultation: "orange" };

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function resultItem(root, found, matchWord) {
    var x = found.file;
    var li = el("li", "td-search-result");
    var title = el("a", "td-search-result__title");
    title.href = root + x.u;
    appendMarked(title, x.t, matchWord);
    li.appendChild(title);
    var meta = el("span", "td-search-result__meta", [x.i, "version " + x.v, x.y, x.d].join(" · ") + " · ");
    var status = x.s.charAt(0).toUpperCase() + x.s.slice(1);
    meta.appendChild(el("strong", "td-tag td-tag--" + (STATUS_TAG[x.s] || "grey"), status));
    li.appendChild(meta);
    var snippet = el("p", "td-search-result__snippet");
    var body = snippetOf(found.text, matchWord);
    appendMarked(snippet, found.inBody || !x.m ? body.text : x.m, matchWord);
    li.appendChild(snippet);
    var where = found.inBody && sectionAt(found.sections, body.start);
    if (where) {
      var section = el("p", "td-search-result__section", "In section ");
      var link = el("a", null, where[2]);
      link.href = root + x.u + "#" + encodeURIComponent(where[1]);
      section.appendChild(link);
      li.appendChild(section);
    }
    return li;
  }

  // ---------------------------------------------------------------------------
  // The search page: reads ?q= and the filters, searches as you type.

  var PAGE_SIZE = 10;
  var TYPING_DELAY_MS = 150;

  function Page(box) {
    var loader = new Loader(box.getAttribute("data-index") || "");
    var root = box.getAttribute("data-root") || "";
    var form = document.getElementById("td-search-form");
    var input = document.getElementById("td-search-q");
    var list = document.getElementById("td-search-results");
    var message = document.getElementById("td-search-message");
    var more = document.getElementById("td-search-more");
    var selects = { type: "td-search-type", status: "td-search-status", directorate: "td-search-directorate" };
    Object.keys(selects).forEach(function (k) { selects[k] = document.getElementById(selects[k]); });
    var current = null, shown = 0, sequence = 0, timer = null;

    function filter() {
      return { type: selects.type.value, status: selects.status.value, directorate: selects.directorate.value };
    }

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      Object.keys(selects).forEach(function (k) { selects[k].value = params.get(k) || ""; });
      if (selects.status.selectedIndex < 0) selects.status.value = "";
      var header = document.getElementById("td-header-q");
      if (header) header.value = input.value;
    }

    function toAddress(push) {
      var params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value.trim());
      var f = filter();
      Object.keys(f).forEach(function (k) { if (f[k]) params.set(k, f[k]); });
      var url = location.pathname + (params.toString() ? "?" + params : "");
      history[push ? "pushState" : "replaceState"](null, "", url);
    }

    async function run(prefix) {
      var query = input.value.trim();
      var mine = ++sequence;
      var started = performance.now();
      if (!query) { clear(); return; }
      list.setAttribute("aria-busy", "true");
      try {
        var result = await search(loader, query, filter(), prefix);
        if (mine !== sequence) return;
        current = { result: result, query: query };
        shown = 0;
        list.textContent = "";
        await showMore(mine);
        announce(result.hits.length, query);
        performance.measure("trustdocs:search", { start: started });
      } catch (e) {
        if (mine === sequence) message.textContent = "Search is not available: the search index could not be read.";
      } finally {
        if (mine === sequence) list.setAttribute("aria-busy", "false");
      }
    }

    /** No query: no results, and a word on what to do. */
    function clear() {
      current = null;
      list.textContent = "";
      more.hidden = true;
      message.textContent = "Type some words to search for.";
      list.setAttribute("aria-busy", "false");
    }

    async function showMore(mine) {
      var page = current.result.hits.slice(shown, shown + PAGE_SIZE);
      var dfs = current.result.dfs;
      var files = await Promise.all(page.map(function (h) { return excerpt(loader, h, dfs); }));
      if (mine !== sequence) return;
      files.filter(Boolean).forEach(function (f) { list.appendChild(resultItem(root, f, current.result.matchWord)); });
      shown += page.length;
      more.hidden = shown >= current.result.hits.length;
    }

    function announce(count, query) {
      var text = count === 0 ? "No documents found for “" + query + "”."
        : count === 1 ? "1 document found for “" + query + "”."
        : count + " documents found for “" + query + "”.";
      if (count > shown) text += " Showing the first " + shown + ".";
      message.textContent = text;
    }

    function resultLinks() { return Array.from(list.querySelectorAll(".td-search-result__title")); }

    function onKey(e) {
      var links = resultLinks();
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && (e.target === input || at >= 0) && links.length) {
        links[Math.min(at + 1, links.length - 1)].focus();
        e.preventDefault();
      } else if (e.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
        e.preventDefault();
      } else if (e.key === "Escape" && at >= 0) {
        input.focus();
      }
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      toAddress(true);
      run(false);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { toAddress(false); run(true); }, TYPING_DELAY_MS);
    });
    Object.keys(selects).forEach(function (k) {
      selects[k].addEventListener("change", function () { toAddress(false); run(false); });
    });
    more.addEventListener("click", function () {
      var before = shown;
      showMore(sequence).then(function () {
        announce(current.result.hits.length, current.query);
        var links = resultLinks();
        if (links[before]) links[before].focus();
      });
    });
    box.addEventListener("keydown", onKey);
    window.addEventListener("popstate", function () { fromAddress(); run(false); });
    fromAddress();
    run(false);
  }

  // In a page with the search box: run it. Elsewhere (Node, in the tests):
  // offer the pure functions for checking against the Rust side.
  var box = typeof document !== "undefined" && document.getElementById("td-search");
  if (box) Page(box);
  var api = { stem: stem, words: words, idKey: idKey, decodePostings: decodePostings, shardKey: shardKey, fileName: fileName, fnv1a: fnv1a };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else if (!box) globalThis.trustdocsSearch = api;
})();

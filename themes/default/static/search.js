/* trustdocs search: searches the static index under search/ in the browser.
   Plain JavaScript, no framework, nothing from another host. The index's
   files and the reasons for their shape are described in src/search/README.md;
   what a query means and how results rank must stay the same as on the
   command line (src/search/question.rs, typo.rs, understand.rs, rank.rs). */
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
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS1, word)) return adjectiveForm(EXCEPTIONS1[word]);
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
    return adjectiveForm(yFound ? out.replace(/Y/g, "y") : out);
  }

  /** A stem in -enc or -anc takes its adjective's -ent or -ant, as src/search/analysis.rs. */
  function adjectiveForm(s) {
    return s.length > 4 && (s.endsWith("enc") || s.endsWith("anc")) ? s.slice(0, -1) + "t" : s;
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
  // Queries as staff write them, as src/search/question.rs and typo.rs.

  var STOP_WORDS = new Set([
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could",
    "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having", "he", "her", "his", "how", "i",
    "if", "in", "into", "is", "me", "must", "my", "of", "on", "or", "our", "please", "she", "should", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "us", "was", "we",
    "were", "what", "whats", "when", "where", "which", "who", "whom", "whose", "why", "will", "with", "would",
    "you", "your"
  ]);

  // Kept in a query but weighed as if every page held them (src/search/question.rs).
  var COMMON_WORDS = new Set([
    "also", "became", "become", "becomes", "becoming", "came", "come", "comes", "coming", "ever", "get", "gets",
    "getting", "go", "goes", "going", "gone", "got", "happen", "happened", "happening", "happens", "just", "know",
    "knows", "like", "made", "make", "makes", "making", "need", "needed", "needing", "needs", "really", "said", "say",
    "says", "still", "take", "takes", "taking", "tell", "think", "took", "want", "wanted", "wants", "went"
  ]);

  /** The query's words worth searching for, with where each is: all but the
      stop words, or all of them when every one is a stop word. */
  function contentWords(query) {
    var all = tokens(query);
    var kept = all.filter(function (t) { return !STOP_WORDS.has(t.word); });
    return kept.length ? kept : all;
  }

  var LETTERS_ONLY = /^\p{Alphabetic}+$/u;
  var TYPO_KEY_LETTERS = 3;

  function letters(word) { return Array.from(word); }

  /** Edits allowed to correct a word: none under 5 letters, 1 under 8, else 2. */
  function maxEdits(word) {
    var n = letters(word).length;
    return n >= 8 ? 2 : n >= 5 ? 1 : 0;
  }

  function correctable(word) { return maxEdits(word) > 0 && LETTERS_ONLY.test(word); }

  function candidate(word) {
    return letters(word).length >= 4 && LETTERS_ONLY.test(word) && !STOP_WORDS.has(word);
  }

  /** The typo shards a word needs: the three-letter subsequences of its first 3 + edits letters. */
  function queryKeys(word, edits) {
    var p = letters(word).slice(0, TYPO_KEY_LETTERS + edits), out = [];
    for (var i = 0; i < p.length; i++) {
      for (var j = i + 1; j < p.length; j++) {
        for (var k = j + 1; k < p.length; k++) {
          var key = p[i] + p[j] + p[k];
          if (out.indexOf(key) < 0) out.push(key);
        }
      }
    }
    return out;
  }

  /** Optimal string alignment distance (a swap of neighbours is one edit), or -1 above `max`. */
  function distance(a, b, max) {
    a = letters(a); b = letters(b);
    if (Math.abs(a.length - b.length) > max) return -1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push(new Array(b.length + 1).fill(0));
      rows[i][0] = i;
    }
    for (var j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
      }
    }
    return rows[a.length][b.length] <= max ? rows[a.length][b.length] : -1;
  }

  /** Compares by code points, as Rust compares strings. */
  function compareText(a, b) {
    var x = letters(a), y = letters(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /** The correction of `typed` among [word, pages holding it] candidates:
      the nearest, then the most common, then the first A to Z; or null. */
  function bestCorrection(typed, candidates) {
    var max = maxEdits(typed), found = null;
    candidates.forEach(function (c) {
      if (c[0] === typed || !candidate(c[0])) return;
      var d = distance(typed, c[0], max);
      if (d < 0) return;
      var better = !found || d < found.d || (d === found.d && (c[1] > found.freq ||
        (c[1] === found.freq && compareText(c[0], found.word) < 0)));
      if (better) found = { d: d, freq: c[1], word: c[0] };
    });
    return found && found.word;
  }

  /** `query` with the corrected words (by where they are) replaced, spaces tidied. */
  function correctedQuery(query, corrections) {
    if (!corrections.length) return null;
    var out = "", at = 0;
    corrections.forEach(function (c) { out += query.slice(at, c.start) + c.word; at = c.end; });
    return (out + query.slice(at)).split(/\s+/).filter(Boolean).join(" ");
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

  /** A stem's postings, or null when no page has it. */
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

  /** The correction of a word the library lacks, from its typo shards; or null. */
  async function correction(loader, word) {
    var keys = queryKeys(word, maxEdits(word));
    var shards = await Promise.all(keys.map(function (k) { return loader.get("t/" + fileName(k) + ".json"); }));
    var candidates = [];
    shards.forEach(function (s) { if (s) Object.keys(s).forEach(function (w) { candidates.push([w, s[w]]); }); });
    return bestCorrection(word, candidates);
  }

  // ---------------------------------------------------------------------------
  // What a query means, as src/search/understand.rs: each word's postings,
  // a word the library lacks replaced by its correction.

  /** A whole word: {used, term, lists} (lists empty when no page has it). */
  async function wholeWord(loader, word) {
    var term = await stemOf(loader, word);
    var found = await postingsOf(loader, term);
    if (found || !correctable(word)) return { used: word, term: term, lists: found ? [found] : [] };
    var better = await correction(loader, word);
    if (better === null) return { used: word, term: term, lists: [] };
    term = await stemOf(loader, better);
    found = await postingsOf(loader, term);
    return { used: better, term: term, lists: found ? [found] : [], corrected: true };
  }

  /** The word being typed: the words it starts, else the whole word (corrected if need be). */
  async function typedWord(loader, word) {
    var more = await completions(loader, word);
    if (more.length) return { used: word, term: null, lists: more, prefix: word };
    return wholeWord(loader, word);
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

  /** What holding a word that `df` of `total` pages hold is worth: 1, and 1 more each time `df` halves. */
  function rarity(df, total) {
    var weight = 1, x = Math.max(df, 1);
    while (x * 2 <= total) { x *= 2; weight++; }
    return weight;
  }

  /** What a query's word weighs: its rarity, or 1 for a common word whatever few pages hold it. */
  function weight(df, total, common) { return common ? 1 : rarity(df, total); }

  /** Pages with any of the words: scores and coverage added up; each keeps its words' passages. */
  function anyTerms(groups, weights) {
    var hits = new Map();
    groups.forEach(function (g, i) {
      for (var k = 0; k < g.n.length; k++) {
        var h = hits.get(g.n[k]);
        if (!h) {
          h = { n: g.n[k], score: 0, coverage: 0, terms: 0, passages: new Array(groups.length).fill(0) };
          hits.set(g.n[k], h);
        }
        h.score += g.score[k];
        h.coverage += weights[i];
        h.terms += 1;
        h.passages[i] = g.passage[k];
      }
    });
    return Array.from(hits.values());
  }

  function rank(idMatches, hits, keep) {
    hits = hits.filter(function (h) { return keep(h.n); });
    hits.sort(function (a, b) { return b.coverage - a.coverage || b.score - a.score || a.n - b.n; });
    var ids = idMatches.filter(keep).sort(function (a, b) { return a - b; });
    var first = ids.map(function (n) {
      return hits.find(function (h) { return h.n === n; }) || { n: n, score: 0, coverage: 0, terms: 0, passages: [] };
    });
    return first.concat(hits.filter(function (h) { return ids.indexOf(h.n) < 0; }));
  }

  /** The facets of page `n`, from the runs in meta.json. */
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
      var status = filter.status === "" ? f.status !== "superseded" && f.status !== "withdrawn" && f.status !== "not-yet-in-force"
        : filter.status === "any" || filter.status === f.status;
      return status && (!filter.type || filter.type === f.type) && (!filter.directorate || filter.directorate === f.directorate);
    };
  }

  // ---------------------------------------------------------------------------
  // A search: words → stems → postings → ranked pages.

  /** `prefix`: the last word is still being typed, so it also matches longer words.
      Shards, postings, meta.json and the id bucket are asked for at once. */
  async function search(loader, query, filter, prefix) {
    var ws = contentWords(query);
    var last = prefix && ws.length ? ws.pop() : null;
    var metaLoad = loader.get("meta.json");
    var idsLoad = metaLoad.then(function (meta) { return idMatches(loader, meta, query); });
    var found = ws.map(function (w) { return wholeWord(loader, w.word); });
    if (last) found.push(typedWord(loader, last.word));
    found = await Promise.all(found);
    var words = (last ? ws.concat([last]) : ws);
    var corrections = [];
    found.forEach(function (f, i) { if (f.corrected) corrections.push({ start: words[i].start, end: words[i].end, word: f.used }); });
    // One group per distinct stem (the word being typed is a group of its own).
    var terms = [], groups = [];
    found.forEach(function (f) {
      if (f.term !== null && terms.indexOf(f.term) >= 0) return;
      terms.push(f.term);
      groups.push(f);
    });
    var meta = await metaLoad;
    var postings = groups.map(function (g) { return group(g.lists); });
    var weights = postings.map(function (p, i) { return weight(p.n.length, meta.docs, COMMON_WORDS.has(groups[i].used)); });
    var ids = await idsLoad;
    var hits = rank(ids, anyTerms(postings, weights), keeper(meta, filter));
    return {
      hits: hits,
      termOf: termMatcher(groups),
      weights: weights,
      dfs: postings.map(function (p) { return p.n.length; }),
      everyWord: hits.filter(function (h) { return groups.length && h.terms === groups.length; }).length,
      corrected: correctedQuery(query, corrections)
    };
  }

  /** Which of the query's groups a word of a passage belongs to, or -1. */
  function termMatcher(groups) {
    return function (w) {
      var s = stem(w);
      for (var i = 0; i < groups.length; i++) {
        var g = groups[i];
        if (g.term === s) return i;
        if (g.prefix && (w.startsWith(g.prefix) || g.lists.some(function (l) { return l.term === s; }))) return i;
      }
      return -1;
    };
  }

  async function idMatches(loader, meta, query) {
    var key = idKey(query);
    if (!key || !meta) return [];
    var bucket = await loader.get("id/" + (fnv1a(key) % meta.idBuckets) + ".json");
    return (bucket && bucket[key]) || [];
  }

  /** The passage whose excerpt file a result downloads, as src/search/passage_choice.rs:
      each word votes, with its weight, for the passage it is in most often; the most
      weight wins, then the passage of the rarest word, then the first. `dfs`: each word's page count. */
  function passageOf(hit, weights, dfs) {
    var votes = {}, rarity = {}, best = -1;
    hit.passages.forEach(function (p, i) {
      if (p <= 0) return;
      votes[p] = (votes[p] || 0) + weights[i];
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

  /** The `rarity` of the query's words that `text` holds, added up (a passage's heading counts with its text). */
  function coverageOf(text, result) {
    var seen = new Set();
    words(text).forEach(function (w) { var t = result.termOf(w); if (t >= 0) seen.add(t); });
    var sum = 0;
    seen.forEach(function (t) { sum += result.weights[t]; });
    return sum;
  }

  /** A result's facts, and its snippet's passage: in the excerpt file of the
      voted passage, the one holding the most and rarest of the query's words. */
  function excerpt(loader, hit, result) {
    var voted = passageOf(hit, result.weights, result.dfs);
    var part = Math.floor(voted.index / PASSAGES_PER_FILE);
    var path = "x/" + Math.floor(hit.n / PASSAGE_FOLDER) + "/" + hit.n + "-" + part + ".gz";
    return loader.get(path).then(function (x) {
      if (!x) return null;
      var chosen = voted.index % PASSAGES_PER_FILE, best = null;
      if (voted.inBody) {
        // By coverage, its heading's counting with it; then the heading's own; then the voted passage.
        x.p.forEach(function (p, i) {
          var c = [coverageOf((p[2] || "") + "\n" + p[0], result), coverageOf(p[2] || "", result)];
          var better = !best || c[0] > best[0] || (c[0] === best[0] && (c[1] > best[1] ||
            (c[1] === best[1] && i === voted.index % PASSAGES_PER_FILE)));
          if (better) { best = c; chosen = i; }
        });
      }
      var passage = x.p[chosen] || [""];
      var section = passage.length > 2 ? { anchor: passage[1], label: passage[2] } : null;
      return { hit: hit, file: x, text: passage[0], section: section, inBody: voted.inBody };
    });
  }

  // ---------------------------------------------------------------------------
  // Showing results.

  var SNIPPET_WORDS = 30, SNIPPET_LEAD = 5;

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

  /** Whether the text between two words ends a sentence or a line. */
  function sentenceStarts(between) {
    return between.indexOf("\n") >= 0 || [". ", "! ", "? ", ": "].some(function (e) { return between.indexOf(e) >= 0; });
  }

  /** About SNIPPET_WORDS words of `text` where the query's rarest words are
      closest together, as src/search/snippet.rs: the window holding the most
      weight of distinct words, then the most matches, from its sentence's
      start when that is at most SNIPPET_LEAD words back. */
  function snippetOf(text, result) {
    var ts = tokens(text);
    if (ts.length <= SNIPPET_WORDS) return text.trim();
    var terms = ts.map(function (t) { return result.termOf(t.word); });
    var best = 0, bestWeight = 0, bestCount = 0;
    for (var i = 0; i < ts.length; i++) {
      if (terms[i] < 0) continue;
      var seen = new Set(), count = 0, sum = 0;
      for (var j = i; j < Math.min(ts.length, i + SNIPPET_WORDS - SNIPPET_LEAD); j++) {
        if (terms[j] >= 0) { seen.add(terms[j]); count++; }
      }
      seen.forEach(function (t) { sum += result.weights[t]; });
      if (sum > bestWeight || (sum === bestWeight && count > bestCount)) { best = i; bestWeight = sum; bestCount = count; }
    }
    var earliest = Math.max(0, best - SNIPPET_LEAD), first = earliest;
    for (var k = best; k >= earliest; k--) {
      if (k === 0 || sentenceStarts(text.slice(ts[k - 1].end, ts[k].start))) { first = k; break; }
    }
    var lastWord = Math.min(ts.length, first + SNIPPET_WORDS) - 1;
    var out = text.slice(ts[first].start, ts[lastWord].end);
    return (first > 0 ? "… " : "") + out + (lastWord < ts.length - 1 ? " …" : "");
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** The line under a result's title: what it is, and for a document its id, version, type, directorate and status. */
  function metaLine(x) {
    var meta = el("span", "td-search-result__meta");
    if (x.k === "role" || x.k === "term") {
      meta.appendChild(el("strong", "td-tag td-tag--blue", x.k === "role" ? "Role" : "Glossary term"));
      if (x.k === "role") meta.appendChild(document.createTextNode(" · responsibilities across the library"));
      return meta;
    }
    meta.textContent = [x.i, "version " + x.v, x.y, x.d].join(" · ") + " · ";
    // The build decides the tag: a ratified document whose review date has passed says so.
    meta.appendChild(el("strong", "td-tag td-tag--" + x.c, x.l));
    return meta;
  }

  function resultItem(root, found, result) {
    var matchWord = function (w) { return result.termOf(w) >= 0; };
    var x = found.file;
    var li = el("li", "td-search-result");
    var title = el("a", "td-search-result__title");
    title.href = root + x.u;
    appendMarked(title, x.t, matchWord);
    li.appendChild(title);
    li.appendChild(metaLine(x));
    var snippet = el("p", "td-search-result__snippet");
    appendMarked(snippet, snippetOf(found.inBody || !x.m ? found.text : x.m, result), matchWord);
    li.appendChild(snippet);
    if (found.inBody && found.section) {
      var section = el("p", "td-search-result__section", "In section ");
      var link = el("a", null, found.section.label);
      link.href = root + x.u.replace(/#.*$/, "") + "#" + encodeURIComponent(found.section.anchor);
      section.appendChild(link);
      li.appendChild(section);
    }
    return li;
  }

  /** What the search found, in words, as the command line says it. */
  function announcement(result, query, shown) {
    var count = result.hits.length, every = result.everyWord;
    var q = "“" + (result.corrected || query) + "”";
    var text = result.corrected ? "Showing results for " + q + " (you typed “" + query + "”). " : "";
    text += count === 0 ? "No results found for " + q + "."
      : count === 1 ? "1 result found for " + q + "."
      : count + " results found for " + q + ".";
    if (count > 1 && every < count) {
      text += every === 0 ? " None has every word: those with the most and rarest come first."
        : every === 1 ? " 1 has every word." : " " + every + " have every word.";
    }
    if (count > shown) text += " Showing the first " + shown + ".";
    return text;
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
    var tips = document.getElementById("td-search-tips");
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
      Object.keys(selects).forEach(function (k) { if (selects[k].selectedIndex < 0) selects[k].value = ""; });
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
        message.textContent = announcement(result, query, shown);
        if (tips) tips.hidden = result.hits.length > 0;
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
      if (tips) tips.hidden = true;
      message.textContent = "Type some words to search for.";
      list.setAttribute("aria-busy", "false");
    }

    async function showMore(mine) {
      var result = current.result;
      var page = result.hits.slice(shown, shown + PAGE_SIZE);
      var files = await Promise.all(page.map(function (h) { return excerpt(loader, h, result); }));
      if (mine !== sequence) return;
      files.filter(Boolean).forEach(function (f) { list.appendChild(resultItem(root, f, result)); });
      shown += page.length;
      more.hidden = shown >= result.hits.length;
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
        message.textContent = announcement(current.result, current.query, shown);
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
  var api = {
    stem: stem, words: words, idKey: idKey, decodePostings: decodePostings, shardKey: shardKey, fileName: fileName,
    fnv1a: fnv1a, stopWords: STOP_WORDS, commonWords: COMMON_WORDS, contentWords: contentWords, maxEdits: maxEdits, queryKeys: queryKeys,
    distance: distance, bestCorrection: bestCorrection, correctedQuery: correctedQuery, rarity: rarity
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else if (!box) globalThis.trustdocsSearch = api;
})();

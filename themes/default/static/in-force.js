/* trustdocs: "The library on a date" (in-force/). Reads in-force.json, which
   the build writes with each published document's versions and when each
   was in force, and shows every document as it stood on the day picked.
   Plain JavaScript, nothing from another host; document text is only ever
   set with textContent. Without it, the page's table shows every timeline. */
(function () {
  "use strict";

  var form = document.getElementById("td-in-force-form");
  if (!form || !window.fetch) return;
  var input = document.getElementById("td-in-force-on");
  var status = document.getElementById("td-in-force-status");
  var result = document.getElementById("td-in-force-result");
  var root = form.getAttribute("data-root") || "";
  var timelines = fetch(form.getAttribute("data-json")).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  });

  /** The span in force on `day` (ISO days compare as text). */
  function inForce(spans, day) {
    return spans.find(function (s) { return s.from <= day && (s.until === null || day < s.until); });
  }

  /** Why no span is in force on `day`. */
  function whyNone(spans, day) {
    var withdrawn = spans.filter(function (s) { return s.withdrawn && s.until <= day; })
      .map(function (s) { return s.until; }).sort().pop();
    if (withdrawn) return "Withdrawn on " + withdrawn;
    if (spans.length && spans.every(function (s) { return day < s.from; })) return "Not yet issued";
    return "No version published here was in force";
  }

  function cell(row, text, tag) {
    var c = document.createElement(tag || "td");
    if (text !== undefined) c.textContent = text;
    row.appendChild(c);
    return c;
  }

  function link(parent, href, text) {
    var a = document.createElement("a");
    a.href = root + href;
    a.textContent = text;
    parent.appendChild(a);
  }

  function row(doc, day) {
    var tr = document.createElement("tr");
    cell(tr, doc.id, "th").scope = "row";
    var span = inForce(doc.spans, day);
    if (!span) {
      cell(tr, doc.title);
      cell(tr, whyNone(doc.spans, day)).colSpan = 3;
      return tr;
    }
    link(cell(tr), span.page, doc.title);
    cell(tr, "Version " + span.version);
    var ended = span.withdrawn ? ", withdrawn on " : ", replaced on ";
    cell(tr, "From " + span.from + (span.until ? ended + span.until : ""));
    var pdf = cell(tr);
    if (span.pdf) link(pdf, span.pdf, "PDF");
    return tr;
  }

  function table(docs, day) {
    var t = document.createElement("table");
    var caption = document.createElement("caption");
    caption.textContent = "The library on " + day;
    t.appendChild(caption);
    var head = t.createTHead().insertRow();
    ["Document", "Title", "Version in force", "In force", "PDF"].forEach(function (h) { cell(head, h, "th").scope = "col"; });
    var body = t.createTBody();
    docs.forEach(function (d) { body.appendChild(row(d, day)); });
    var wrap = document.createElement("div");
    // As the page's own tables: a region the keyboard can reach and scroll on a phone.
    wrap.className = "td-table-wrap";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "The library on " + day + " (scrolls sideways on small screens)");
    wrap.appendChild(t);
    return wrap;
  }

  function show(day) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      status.textContent = "Pick a date.";
      return;
    }
    timelines.then(function (data) {
      var docs = data.documents;
      var count = docs.filter(function (d) { return inForce(d.spans, day); }).length;
      result.replaceChildren(table(docs, day));
      status.textContent = count + " of " + docs.length + " documents had a version in force on " + day + ".";
    }).catch(function () {
      status.textContent = "The timelines could not be read; the table below shows every document's timeline.";
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    if (history.replaceState) history.replaceState(null, "", "?on=" + encodeURIComponent(input.value));
  });
  var asked = new URLSearchParams(location.search).get("on");
  if (asked) input.value = asked;
  form.hidden = false;
  show(input.value);
})();

/* vpcdocs: reachability on demand — a matrix cell's path or reason, and the Reachability
   page's blocks opened as VPC x VPC matrices.

   The answers ship with the site as scripts (network/reach/<vpc>.js, network/reach/index.js)
   that this file loads with <script> elements: no fetch(), so it works from file:// and
   offline. Spec text only ever reaches the page through textContent. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) { return; }
  var BASE = new URL("../", script.src).href; /* .../network/ */
  var MAX_CELLS = 60000; /* a drill-down shows at most this many cells */
  var loaded = {}; /* vpc id -> data */
  var unpacking = {}; /* vpc id -> promise of its data */
  var pending = {}; /* file -> [callbacks] */

  /* the data of a VPC arrive gzipped and base64-encoded; DecompressionStream unpacks them */
  function unpack(b64) {
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function adopt(d) {
    if (!d || d.vpc === undefined) { return; }
    if (d.gz === undefined) { loaded[d.vpc] = d; return; }
    unpacking[d.vpc] = (typeof DecompressionStream === "undefined" ? Promise.reject(new Error("no DecompressionStream"))
      : unpack(d.gz)).then(function (doc) { loaded[d.vpc] = doc; }, function () { loaded[d.vpc] = null; });
  }

  /* a VPC's data, after its file is loaded and unpacked */
  function loadVpc(file, vpc, done) {
    load(file, function (ok) {
      if (!ok) { done(null); return; }
      Promise.resolve(unpacking[vpc]).then(function () { done(loaded[vpc] || null); });
    });
  }
  var queued = window.VPCDOCS_REACH;
  window.VPCDOCS_REACH = { push: adopt };
  if (queued && queued.length) { queued.forEach(adopt); }

  function load(file, done) {
    if (pending[file] === true) { done(true); return; }
    if (pending[file]) { pending[file].push(done); return; }
    pending[file] = [done];
    var el = document.createElement("script");
    el.src = BASE + "reach/" + file;
    el.onload = function () { var cbs = pending[file]; pending[file] = true; cbs.forEach(function (cb) { cb(true); }); };
    el.onerror = function () { var cbs = pending[file]; delete pending[file]; cbs.forEach(function (cb) { cb(false); }); };
    document.head.appendChild(el);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function code(text) { return el("code", null, text); }

  function pageHref(slug) {
    var dirStyle = !/\.html?$/.test(window.location.pathname);
    return BASE + "vpcs/" + encodeURIComponent(slug) + (dirStyle ? "/" : ".html");
  }

  /* a record: [state, disposition, cause, at, hops, params, reason, rules, codes] (string indexes) */
  function expand(d, rec) {
    var s = d.strings;
    var r = rec.concat([[], [], -1, [], []].slice(Math.max(0, rec.length - 4)));
    return {
      state: r[0], disposition: s[r[1]], cause: s[r[2]], at: s[r[3]],
      hops: r[4].map(function (h) { return d.hops[h].map(function (i) { return s[i]; }); }),
      params: r[5].map(function (i) { return s[i]; }),
      reason: r[6] >= 0 ? s[r[6]] : "",
      rules: r[7].map(function (i) { return s[i]; }), codes: r[8].map(function (i) { return s[i]; })
    };
  }

  var STATE_WORDS = { o: "reachable", p: "PrivateLink only (the service, one way)", e: "not reachable, as expected",
    x: "not reachable", n: "not connected", s: "same VPC" };
  var STATE_NAMES = { o: "ok", p: "pl", e: "expected", x: "unexpected", n: "none", s: "self" };
  var SYMBOLS = { o: "\u2713", p: "\u21e2", e: "\u2717", x: "\u2717", n: "\u00b7", s: "\u2013" };

  function detail(box, from, to, a, causes) {
    box.textContent = "";
    var card = el("div", "vpcdocs-detail-box");
    var head = el("p");
    head.appendChild(code(from));
    head.appendChild(document.createTextNode(" \u2192 "));
    head.appendChild(code(to));
    head.appendChild(document.createTextNode(": "));
    head.appendChild(el("span", "vpcdocs-mark vpcdocs-s-" + STATE_NAMES[a.state], SYMBOLS[a.state] + " " + STATE_WORDS[a.state]));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(code(a.disposition));
    card.appendChild(head);
    if (a.reason) { card.appendChild(el("p", null, a.reason.charAt(0).toUpperCase() + a.reason.slice(1) + ".")); }
    if (a.cause && !a.reason) {
      var why = el("p");
      why.appendChild(document.createTextNode("Stops at "));
      why.appendChild(code(a.at || "?"));
      why.appendChild(document.createTextNode(": " + ((causes && causes[a.cause]) || a.cause.replace(/-/g, " "))));
      card.appendChild(why);
    }
    if (a.rules.length || a.codes.length) {
      var refs = el("p", "vpcdocs-refs");
      if (a.rules.length) { refs.appendChild(document.createTextNode("Rules: " + a.rules.join(", ") + ". ")); }
      if (a.codes.length) {
        refs.appendChild(document.createTextNode("Reachability Analyzer: "));
        a.codes.forEach(function (c, i) { if (i) { refs.appendChild(document.createTextNode(", ")); } refs.appendChild(code(c)); });
      }
      card.appendChild(refs);
    }
    if (!a.reason && a.params.length) {
      var dl = el("dl", "vpcdocs-params");
      for (var i = 0; i + 1 < a.params.length; i += 2) {
        dl.appendChild(el("dt", null, a.params[i]));
        dl.appendChild(el("dd")).appendChild(code(a.params[i + 1]));
      }
      card.appendChild(dl);
    }
    if (a.hops.length) {
      card.appendChild(el("p", null, a.state === "o" ? "Path:" : "Path up to where it stops:"));
      var ol = el("ol", "vpcdocs-path");
      a.hops.forEach(function (h) {
        var li = el("li");
        li.appendChild(code(h[0]));
        if (h[1]) { li.appendChild(document.createTextNode(" [")); li.appendChild(code(h[1])); li.appendChild(document.createTextNode("]")); }
        li.appendChild(document.createTextNode(": " + h[2] + " \u2192 "));
        li.appendChild(code(h[3]));
        ol.appendChild(li);
      });
      card.appendChild(ol);
    }
    var cli = el("p", "vpcdocs-cli");
    cli.appendChild(document.createTextNode("In a terminal: "));
    cli.appendChild(code("vpcdocs reach --from " + from + " --to " + to));
    card.appendChild(cli);
    box.appendChild(card);
  }

  function select(cell) {
    var table = cell.closest("table");
    var old = table && table.querySelector(".vpcdocs-selected");
    if (old) { old.classList.remove("vpcdocs-selected"); }
    cell.classList.add("vpcdocs-selected");
  }

  /* cells carry only their state: title, focus and column index come from the table */
  var WORDS_BY_CLASS = { "vpcdocs-s-ok": "o", "vpcdocs-s-pl": "p", "vpcdocs-s-expected": "e",
    "vpcdocs-s-unexpected": "x", "vpcdocs-s-none": "n", "vpcdocs-s-self": "s" };

  function cellState(td) {
    for (var i = 0; i < td.classList.length; i++) {
      var st = WORDS_BY_CLASS[td.classList[i]];
      if (st) { return st; }
    }
    return "n";
  }

  function describe(td) {
    if (td.title || !td.closest(".vpcdocs-reach")) { return; }
    var tr = td.closest("tr");
    td.title = tr.querySelector("th").textContent + " \u2192 " + colName(td.closest("table"), td.cellIndex - 1) +
      ": " + STATE_WORDS[cellState(td)];
  }

  function prepare(root) {
    (root || document).querySelectorAll(".vpcdocs-reach tbody td").forEach(function (td) { td.tabIndex = 0; });
  }

  function colName(table, c) {
    var th = table.querySelectorAll("thead th.vpcdocs-rot")[c];
    return th ? th.getAttribute("title") || th.textContent : "?";
  }

  /* a cell of a static matrix (VPC page, small Reachability page) */
  function onCell(td) {
    var wrap = td.closest(".vpcdocs-reach");
    var tr = td.closest("tr");
    var table = td.closest("table");
    var box = wrap.querySelector(".vpcdocs-detail");
    var part = wrap.getAttribute("data-part");
    var file = (part === "vpcs" ? tr : wrap).getAttribute("data-file");
    var vpc = (part === "vpcs" ? tr : wrap).getAttribute("data-vpc");
    var r = +tr.getAttribute("data-r"), c = td.cellIndex - 1;
    var from = tr.querySelector("th").textContent, to = colName(table, c);
    select(td);
    box.textContent = "Loading\u2026";
    loadVpc(file, vpc, function (d) {
      if (!d) { box.textContent = "The reach data of this page cannot be read (" + file + ")."; return; }
      var row = part === "vpcs" ? d.vpcs : d.subnets.answers[r];
      detail(box, from, to, expand(d, row.records[row.cells[c]]), window.VPCDOCS_REACH_INDEX && window.VPCDOCS_REACH_INDEX.causes);
    });
  }

  /* ---------------------------------------------------------------- drill-down */

  function withIndex(done) {
    if (window.VPCDOCS_REACH_INDEX) { done(window.VPCDOCS_REACH_INDEX); return; }
    load("index.js", function (ok) { done(ok ? window.VPCDOCS_REACH_INDEX : null); });
  }

  function drill(button) {
    var wrap = button.closest(".vpcdocs-aggregate");
    var out = wrap.querySelector(".vpcdocs-drill");
    var ga = +button.getAttribute("data-ga"), gb = +button.getAttribute("data-gb");
    select(button.closest("td"));
    out.textContent = "Loading\u2026";
    withIndex(function (index) {
      if (!index) { out.textContent = "The reach data of this site is missing (reach/index.js)."; return; }
      var groups = index.groupings[wrap.getAttribute("data-grouping")];
      var rows = groups[ga].members, cols = groups[gb].members;
      var maxRows = Math.max(1, Math.min(rows.length, Math.floor(MAX_CELLS / Math.max(1, cols.length))));
      var shownRows = rows.slice(0, maxRows);
      var left = shownRows.length;
      shownRows.forEach(function (i) {
        loadVpc(index.pages[i] + ".js", index.vpcs[i], function () { left -= 1; if (left === 0) { table(); } });
      });
      function table() {
        out.textContent = "";
        var title = el("p", "vpcdocs-drill-title", groups[ga].label + " \u2192 " + groups[gb].label + ": " +
          rows.length + " \u00d7 " + cols.length + " VPCs" + (shownRows.length < rows.length ?
            " (the first " + shownRows.length + " rows)" : "") + ". Click a cell for its path or reason.");
        out.appendChild(title);
        var scroll = el("div", "vpcdocs-scroll");
        var t = el("table", "vpcdocs-matrix");
        var thead = el("thead"), hr = el("tr");
        hr.appendChild(el("th", "vpcdocs-corner", "from \u2193 to \u2192"));
        cols.forEach(function (j) {
          var th = el("th", "vpcdocs-rot");
          th.setAttribute("scope", "col");
          th.title = index.vpcs[j];
          th.appendChild(el("span", null, index.vpcs[j]));
          hr.appendChild(th);
        });
        thead.appendChild(hr); t.appendChild(thead);
        var tbody = el("tbody");
        shownRows.forEach(function (i) {
          var d = loaded[index.vpcs[i]];
          var tr = el("tr");
          var th = el("th"); th.setAttribute("scope", "row");
          var a = el("a"); a.href = pageHref(index.pages[i]); a.appendChild(code(index.vpcs[i]));
          th.appendChild(a); tr.appendChild(th);
          cols.forEach(function (j) {
            var rec = d ? d.vpcs.records[d.vpcs.cells[j]] : null;
            var st = rec ? rec[0] : "n";
            var td = el("td", "vpcdocs-s-" + STATE_NAMES[st], SYMBOLS[st]);
            td.tabIndex = 0;
            td.title = index.vpcs[i] + " \u2192 " + index.vpcs[j] + ": " + STATE_WORDS[st];
            td.setAttribute("data-i", i); td.setAttribute("data-j", j);
            tr.appendChild(td);
          });
          tbody.appendChild(tr);
        });
        t.appendChild(tbody); scroll.appendChild(t); out.appendChild(scroll);
        var box = el("div", "vpcdocs-detail"); box.setAttribute("aria-live", "polite"); out.appendChild(box);
        t.addEventListener("click", function (ev) {
          var td = ev.target.closest("td[data-i]");
          if (!td) { return; }
          var i = +td.getAttribute("data-i"), j = +td.getAttribute("data-j");
          var d = loaded[index.vpcs[i]];
          select(td);
          if (d) { detail(box, index.vpcs[i], index.vpcs[j], expand(d, d.vpcs.records[d.vpcs.cells[j]]), index.causes); }
        });
      }
    });
  }

  function activate(target) {
    var btn = target.closest(".vpcdocs-aggregate button[data-ga]");
    if (btn) { drill(btn); return true; }
    var td = target.closest(".vpcdocs-reach tbody td");
    if (td) { onCell(td); return true; }
    return false;
  }

  document.addEventListener("click", function (ev) { if (ev.target.closest) { activate(ev.target); } });
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (ev) { if (ev.target.matches && ev.target.matches("td")) { describe(ev.target); } });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { prepare(); });
  } else { prepare(); }
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.closest &&
        ev.target.matches(".vpcdocs-reach tbody td, td[data-i]")) {
      ev.preventDefault();
      if (!activate(ev.target)) { ev.target.click(); }
    }
  });
})();

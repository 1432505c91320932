/* Kinerja Terbuka: filter, sort and export the indicator table of an agency page; follow
   an anchor whose row is on a further page of a long agency.
   Progressive enhancement: without this script the full table is still there.
   CSP-safe: no inline handlers, no eval, text only (textContent, never innerHTML). */
(function () {
  "use strict";

  function text(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  }

  function field(wrapper, labelText, control) {
    var label = document.createElement("label");
    var span = document.createElement("span");
    span.textContent = labelText;
    label.appendChild(span); label.appendChild(control);
    wrapper.appendChild(label);
  }

  function csvCell(value) {
    // A cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
    if (/^[=+\-@\t\r]/.test(value)) { value = "'" + value; }
    return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  // The page writes a position or goal once for a run of rows (a cell spanning them, as
  // the decree's merged cell); filtering and sorting move single rows, so every row gets
  // its own copy first.
  function unmerge(body) {
    var carry = [];
    Array.prototype.forEach.call(body.rows, function (r) {
      var cells = Array.prototype.slice.call(r.cells), k = 0, col = 0;
      while (k < cells.length || (carry[col] && carry[col].left > 0)) {
        if (carry[col] && carry[col].left > 0) {
          r.insertBefore(carry[col].cell.cloneNode(true), k < cells.length ? cells[k] : null);
          carry[col].left -= 1;
        } else {
          var c = cells[k++];
          if (c.rowSpan > 1) { carry[col] = { cell: c, left: c.rowSpan - 1 }; c.removeAttribute("rowspan"); }
        }
        col += 1;
      }
    });
  }

  function enhance(table) {
    var labels = table.parentNode.dataset;
    unmerge(table.tBodies[0]);
    table.classList.add("kt-unmerged");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var bar = document.createElement("div");
    bar.className = "kt-filter";
    bar.setAttribute("role", "search");

    var q = document.createElement("input");
    q.type = "search"; q.className = "kt-filter__text";
    field(bar, labels.labelText, q);

    // filterable columns: position (2nd), goal (3rd), calculation type (6th)
    var COLUMNS = { position: 1, goal: 2, calc: 5 };
    function value(r, key) { return text(r.cells[COLUMNS[key]]); }
    var selects = [];
    [["position", labels.labelPosition], ["goal", labels.labelGoal], ["calc", labels.labelCalc]].forEach(function (spec) {
      var values = {};
      rows.forEach(function (r) { var v = value(r, spec[0]); if (v) { values[v] = true; } });
      var keys = Object.keys(values).sort();
      if (keys.length < 2) { return; }
      var s = document.createElement("select");
      option(s, "", labels.labelAll);
      keys.forEach(function (k) { option(s, k, k.length > 80 ? k.slice(0, 77) + "…" : k); });
      s.dataset.key = spec[0];
      field(bar, spec[1], s);
      selects.push(s);
    });

    var count = document.createElement("p");
    count.className = "kt-filter__count";
    count.setAttribute("aria-live", "polite");
    var button = document.createElement("button");
    button.type = "button"; button.className = "md-button kt-filter__csv";
    button.textContent = labels.labelCsv;
    bar.appendChild(count); bar.appendChild(button);
    table.parentNode.parentNode.insertBefore(bar, table.parentNode);

    function apply() {
      var needle = q.value.toLowerCase().trim();
      var shown = 0;
      rows.forEach(function (r) {
        var ok = !needle || text(r).toLowerCase().indexOf(needle) >= 0;
        selects.forEach(function (s) { if (ok && s.value && value(r, s.dataset.key) !== s.value) { ok = false; } });
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " / " + rows.length + " " + labels.labelCount;
      count.dataset.visible = String(shown);
    }
    q.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });

    // Sorting: a button in every header cell, keyboard-usable, with aria-sort.
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "kt-sort";
      b.textContent = text(th);
      th.textContent = ""; th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = col === 0;
        rows.sort(function (a, b2) {
          var x = text(a.cells[col]), y = text(b2.cells[col]);
          var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y, "id", { numeric: true });
          return asc ? c : -c;
        });
        var body = table.tBodies[0];
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });

    button.addEventListener("click", function () {
      var header = heads.map(function (h) { return csvCell(text(h)); }).join(",");
      var lines = [header];
      rows.forEach(function (r) {
        if (r.hidden) { return; }
        lines.push(Array.prototype.map.call(r.cells, function (c) { return csvCell(text(c)); }).join(","));
      });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (table.dataset.filename || "indikator") + ".csv";
      document.body.appendChild(a); a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
    apply();
  }

  // A long agency's positions are on further pages; its page keeps the anchor of each
  // moved row (position) on the overview row (contents entry) that links to it. Opened at
  // such an anchor (a search hit, an old link), go on to the row itself.
  function follow() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id ? document.getElementById(id) : null;
    if (!el || !el.matches("#kt-all-table tr[id], .kt-toc li[id]")) { return; }
    var a = el.querySelector("a[href*='#']");
    if (a && a.pathname !== location.pathname) { location.replace(a.href); }
  }

  // A link into folded content (the decree card at #tentang, a row in a closed <details>)
  // opens the folds around and at its target.
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id ? document.getElementById(id) : null;
    if (!el) { return; }
    var inner = el.tagName === "DETAILS" ? el : el.querySelector(":scope > details");
    if (inner) { inner.open = true; }
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
    if (inner || el.closest("details")) { el.scrollIntoView(); }
    // a passage of the decree's text (#L12-15): mark every line of it
    var range = /^L(\d+)-(\d+)$/.exec(id);
    Array.prototype.forEach.call(document.querySelectorAll(".kt-source .kt-hl"), function (li) { li.classList.remove("kt-hl"); });
    if (range) {
      for (var n = +range[1]; n <= +range[2]; n++) {
        var li = document.getElementById("L" + n);
        if (li) { li.classList.add("kt-hl"); }
      }
    }
  }

  function init() {
    follow();
    reveal();
    window.addEventListener("hashchange", follow);
    window.addEventListener("hashchange", reveal);
    Array.prototype.forEach.call(document.querySelectorAll("table.kt-indicators[data-filterable]"), enhance);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();

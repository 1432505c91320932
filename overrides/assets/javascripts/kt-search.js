/* Kinerja Terbuka: indicator explorer on Pagefind (chunked static index, loaded on demand).
   The index is one Pagefind bundle per group of provinces (kt-facets.json lists them): the
   first bundle's pagefind.js is loaded and the others are merged into it (mergeIndex, same
   WebAssembly) when a search needs them: all of them, or only the selected province's.
   Hits are filtered here by page metadata (province, kabupaten, agency) and kind (IKU rows
   have #i-iku- anchors). Results are built with textContent; Pagefind excerpts are parsed
   and only <mark> is kept. */
(function () {
  "use strict";
  var root = document.querySelector(".kt-explorer");
  if (!root) { return; }
  var d = root.dataset;
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector(".kt-search-status");
  var list = root.querySelector(".kt-results");
  var controls = {};
  Array.prototype.forEach.call(form.querySelectorAll("[data-filter]"), function (c) { controls[c.dataset.filter] = c; });
  var siteRoot = new URL(d.siteRoot, location.href);
  var MAX_HITS = 30, MAX_PAGES = 200;

  function addOption(select, value) {
    var o = document.createElement("option"); o.value = value; o.textContent = value; select.appendChild(o);
  }

  function safeExcerpt(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var m = document.createElement("mark"); m.textContent = node.textContent; into.appendChild(m);
      } else { into.appendChild(document.createTextNode(node.textContent)); }
    });
  }

  function localUrl(url) {
    var path = url.replace(/^\//, "");
    if (d.agencyPrefix && path.indexOf("lembaga/") === 0) { path = d.agencyPrefix + path.slice(8); }
    return new URL(path, siteRoot).href;
  }

  function fillKabupaten(facets) {
    var k = controls.kabupaten, p = controls.provinsi.value, keep = k.value;
    while (k.options.length > 1) { k.remove(1); }
    Object.keys(facets.provinsi).forEach(function (prov) {
      if (!p || p === prov) { facets.provinsi[prov].forEach(function (kab) { addOption(k, kab); }); }
    });
    k.value = keep;
  }

  var bundles = [], merged = {}, loading = null;

  function load() {  // once: filter choices, bundle list, the first bundle's Pagefind
    if (loading) { return loading; }
    loading = fetch(new URL("pagefind/kt-facets.json", siteRoot).href).then(function (r) { return r.json(); })
      .then(function (facets) {
        bundles = facets.bundles || [];
        Object.keys(facets.provinsi).forEach(function (p) { addOption(controls.provinsi, p); });
        facets.jenis.forEach(function (j) { addOption(controls.jenis, j); });
        var params = new URLSearchParams(location.search);
        controls.provinsi.value = params.get("provinsi") || "";
        fillKabupaten(facets);
        controls.kabupaten.value = params.get("kabupaten") || "";
        controls.lembaga.value = params.get("lembaga") || "";
        controls.jenis.value = params.get("jenis") || "";
        controls.provinsi.addEventListener("change", function () { fillKabupaten(facets); });
        if (!bundles.length) { return null; }
        return import(new URL(bundles[0].path + "pagefind.js", siteRoot).href).then(function (pf) {
          merged[bundles[0].path] = Promise.resolve();
          return pf.options({ baseUrl: "/" }).then(function () { return pf; });
        });
      });
    return loading;
  }

  function ready(pf) {  // merge the bundles this search needs (once each); resolves to pf
    if (!pf) { return Promise.resolve(null); }
    var prov = controls.provinsi.value;
    return Promise.all(bundles.filter(function (b) {
      return !prov || b.provinsi.indexOf(prov) >= 0;
    }).map(function (b) {
      if (!merged[b.path]) { merged[b.path] = pf.mergeIndex(new URL(b.path, siteRoot).href, { baseUrl: "/" }); }
      return merged[b.path];
    })).then(function () { return pf; });
  }

  function wanted(page, sub) {
    var m = page.meta || {};
    if (controls.provinsi.value && m.provinsi !== controls.provinsi.value) { return false; }
    if (controls.kabupaten.value && m.kabupaten !== controls.kabupaten.value) { return false; }
    var agency = controls.lembaga.value.trim().toLowerCase();
    if (agency && (m.title || "").toLowerCase().indexOf(agency) < 0) { return false; }
    var kind = sub.url.indexOf("#i-iku-") >= 0 ? "IKU" : "IKI";
    return !controls.jenis.value || controls.jenis.value === kind;
  }

  function render(hits) {
    list.textContent = "";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = localUrl(h.url); a.textContent = h.sub.title;
      var where = document.createElement("span");
      where.className = "kt-result__agency"; where.textContent = " — " + (h.page.meta.title || "");
      var p = document.createElement("p");
      safeExcerpt(h.sub.excerpt || "", p);
      li.appendChild(a); li.appendChild(where); li.appendChild(p);
      list.appendChild(li);
    });
    status.textContent = hits.length + " " + d.labelHits;
  }

  function run() {
    var q = input.value.trim();
    if (!q) { status.textContent = d.labelEmpty; list.textContent = ""; return; }
    status.textContent = d.labelSearching;
    load().then(ready).then(function (pf) { return pf ? pf.search(q) : { results: [] }; }).then(function (search) {
      var results = search.results.slice(0, MAX_PAGES), hits = [], i = 0;
      function next() {  // load result data in small batches until enough hits pass the filters
        if (i >= results.length || hits.length >= MAX_HITS) { render(hits.slice(0, MAX_HITS)); return null; }
        var batch = results.slice(i, i + 10); i += 10;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
          pages.forEach(function (page) {
            (page.sub_results || []).forEach(function (sub) {
              var anchor = sub.url.split("#")[1] || "";
              if (anchor.indexOf("i-") === 0 && wanted(page, sub)) {
                // the page's own URL is the agency page (meta url); the anchor is the row
                hits.push({ page: page, sub: sub, url: (page.meta.url || page.url).split("#")[0] + "#" + anchor });
              }
            });
          });
          return next();
        });
      }
      return next();
    }).catch(function (err) { status.textContent = d.labelError + " (" + err.message + ")"; });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    Object.keys(controls).forEach(function (k) { if (controls[k].value) { params.set(k, controls[k].value); } });
    history.replaceState(null, "", "?" + params.toString());
    run();
  });
  ["provinsi", "kabupaten", "jenis"].forEach(function (k) { controls[k].addEventListener("change", run); });
  input.value = new URLSearchParams(location.search).get("q") || "";
  load().then(run, function (err) { status.textContent = d.labelError + " (" + err.message + ")"; });
})();

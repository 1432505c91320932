/* Kinerja Terbuka: indicator explorer on Pagefind (chunked static index, loaded on demand).
   Results are built with textContent; Pagefind excerpts are parsed and only <mark> is kept. */
(function () {
  "use strict";
  var root = document.querySelector(".kt-explorer");
  if (!root) { return; }
  var d = root.dataset;
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector(".kt-search-status");
  var list = root.querySelector(".kt-results");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var siteRoot = new URL(d.siteRoot, location.href);
  var pagefind = null;

  function safeExcerpt(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var m = document.createElement("mark"); m.textContent = node.textContent; into.appendChild(m);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function localUrl(url) {
    // records are indexed at the Indonesian URLs; the English explorer links to English pages
    var path = url.replace(/^\//, "");
    if (d.agencyPrefix && path.indexOf("lembaga/") === 0) { path = d.agencyPrefix + path.slice(8); }
    return new URL(path, siteRoot).href;
  }

  function load() {
    if (pagefind) { return Promise.resolve(pagefind); }
    return import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
      pagefind = pf;
      return pf.options({ baseUrl: "/" }).then(function () { return pf.filters(); }).then(function (filters) {
        selects.forEach(function (s) {
          Object.keys(filters[s.dataset.filter] || {}).sort().forEach(function (value) {
            var o = document.createElement("option");
            o.value = value; o.textContent = value + " (" + filters[s.dataset.filter][value] + ")";
            s.appendChild(o);
          });
          var wanted = new URLSearchParams(location.search).get(s.dataset.filter);
          if (wanted) { s.value = wanted; }
        });
        return pf;
      });
    });
  }

  function run() {
    var q = input.value.trim();
    var filters = {};
    selects.forEach(function (s) { if (s.value) { filters[s.dataset.filter] = s.value; } });
    if (!q && !Object.keys(filters).length) { status.textContent = d.labelEmpty; list.textContent = ""; return; }
    status.textContent = d.labelSearching;
    load().then(function (pf) {
      return pf.search(q || null, { filters: filters });
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      list.textContent = "";
      var hits = 0;
      pages.forEach(function (page) {
        var subs = (page.sub_results || []).filter(function (s) { return s.url.indexOf("#i-") >= 0; });
        if (!subs.length) { subs = [{ title: page.meta.title, url: page.url, excerpt: page.excerpt }]; }
        subs.slice(0, 10).forEach(function (s) {
          hits += 1;
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = localUrl(s.url); a.textContent = s.title;
          var where = document.createElement("span");
          where.className = "kt-result__agency"; where.textContent = " — " + (page.meta.title || "");
          var p = document.createElement("p");
          safeExcerpt(s.excerpt || "", p);
          li.appendChild(a); li.appendChild(where); li.appendChild(p);
          list.appendChild(li);
        });
      });
      status.textContent = hits + " " + d.labelHits;
    }).catch(function (err) {
      status.textContent = d.labelError + " (" + err.message + ")";
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    selects.forEach(function (s) { if (s.value) { params.set(s.dataset.filter, s.value); } });
    history.replaceState(null, "", "?" + params.toString());
    run();
  });
  selects.forEach(function (s) { s.addEventListener("change", run); });
  var initial = new URLSearchParams(location.search);
  input.value = initial.get("q") || "";
  load().then(run, function (err) { status.textContent = d.labelError + " (" + err.message + ")"; });
})();

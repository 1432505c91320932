/* Kinerja Terbuka: the indicator explorer.
   Two ways to find rows, both paged (PAGE rows a page) with the true total:
   - with a keyword: Pagefind, one bundle per run of kabupaten/kota codes (kt-facets.json
     lists them with the bytes a query costs in each, and the budget one query may spend on
     bundles). A query searches the bundles of the chosen kabupaten/kota or province, or of
     every province, in windows that fit the budget (`windows`, the rule of
     generator/search.py): the status says which part it searched and links the next one.
     Pagefind is loaded from the tiny base bundle and the window's bundles are merged into
     it; hits are source pages of up to 20 indicators of one agency, whose sub-results are
     the rows. Up to MAX_LOAD source pages are read (the total is exact when they are all
     read; otherwise the status says "more than"). A word that is in no searched bundle's
     vocabulary (kt-vocab/<letter>.json) is corrected to the nearest word by edit distance
     when the query finds nothing ("kehadran" -> "kehadiran").
   - without a keyword: the count cube in kt-facets.json gives totals and facet counts;
     a page of rows is found by walking per-province agency counts (kt/p/<code>.json) and
     reading the rows of only the agencies on that page (kt/a/<id>.json).
   The state (query, filters, page) is in the URL: every change is a history entry and the
   back button restores it. Results are built with textContent; Pagefind excerpts are parsed
   and only <mark> is kept. */
(function () {
  "use strict";
  var root = document.querySelector(".kt-explorer");
  if (!root) { return; }
  var d = root.dataset;
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector(".kt-search-status");
  var note = root.querySelector(".kt-search-note");
  var scopeNote = root.querySelector(".kt-search-scope");
  var list = root.querySelector(".kt-results");
  var pager = root.querySelector(".kt-pager");
  var siteRoot = new URL(d.siteRoot, location.href);
  var PAGE = 20, MAX_LOAD = parseInt(d.maxLoad, 10) || 20, BATCH = 10;
  var FILTERS = ["provinsi", "kabupaten", "jenis_lembaga", "jenis", "tahun", "lembaga"];
  var controls = {};
  FILTERS.forEach(function (k) { controls[k] = form.querySelector("[name=" + k + "]"); });
  var lang = document.documentElement.lang || "id";
  var fmt = function (n) { return n.toLocaleString(lang); };

  // ---- state <-> URL -------------------------------------------------------------------
  function readState() {
    var p = new URLSearchParams(location.search), s = { q: (p.get("q") || "").trim(), hal: Math.max(1, parseInt(p.get("hal"), 10) || 1),
                                                        bagian: Math.max(1, parseInt(p.get("bagian"), 10) || 1) };
    FILTERS.forEach(function (k) { s[k] = (p.get(k) || "").trim(); });
    return s;
  }
  function query(s) {
    var p = new URLSearchParams();
    if (s.q) { p.set("q", s.q); }
    FILTERS.forEach(function (k) { if (s[k]) { p.set(k, s[k]); } });
    if (s.q && s.bagian > 1) { p.set("bagian", String(s.bagian)); }
    if (s.hal > 1) { p.set("hal", String(s.hal)); }
    var str = p.toString();
    return str ? "?" + str : location.pathname;
  }
  function fromForm() {
    var s = { q: input.value.trim(), hal: 1, bagian: 1 };
    FILTERS.forEach(function (k) { s[k] = controls[k].value.trim(); });
    return s;
  }
  function toForm(s) {
    input.value = s.q;
    FILTERS.forEach(function (k) { controls[k].value = s[k]; if (controls[k].value !== s[k]) { controls[k].value = ""; } });
    showKabupaten(s.provinsi);
    controls.kabupaten.value = s.kabupaten;
  }

  // ---- data ----------------------------------------------------------------------------
  var cache = {};
  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, siteRoot).href).then(function (r) {
        if (r.status === 404) { return null; }
        if (!r.ok) { throw new Error(r.status + " " + path); }
        return r.json();
      });
    }
    return cache[path];
  }
  var facetsP = null;
  function facets() { return facetsP || (facetsP = getJSON("pagefind/kt-facets.json")); }

  function provinceOfKabupaten(f, kab) {
    var out = "";
    Object.keys(f.provinsi).forEach(function (p) { if (f.provinsi[p].indexOf(kab) >= 0) { out = out || p; } });
    return out;
  }

  // ---- facet counts in the option labels ----------------------------------------------
  function showKabupaten(prov) {
    Array.prototype.forEach.call(controls.kabupaten.options, function (o) {
      if (o.value) { o.hidden = !!prov && o.dataset.provinsi !== prov; o.disabled = o.hidden; }
    });
  }
  function setCounts(dim, counts, only) {  // counts: value -> n, or null (no counts known);
    // only: the values the counts cover (a keyword searched part of the country), or null: all
    Array.prototype.forEach.call(controls[dim].options, function (o) {
      if (!o.value) { return; }
      if (!o.dataset.label) { o.dataset.label = o.textContent; }
      var known = counts && (!only || only[o.value]);
      o.textContent = known ? o.dataset.label + " (" + fmt(counts[o.value] || 0) + ")" : o.dataset.label;
    });
  }

  // ---- browsing without a keyword ------------------------------------------------------
  function codeOf(f, name) {
    var hit = (f.provinces || []).filter(function (p) { return p[1] === name; })[0];
    return hit ? hit[0] : null;
  }
  function cellMatches(f, s, c, except) {
    return (except === "provinsi" || !s.provinsi || c[0] === codeOf(f, s.provinsi)) &&
      (except === "jenis_lembaga" || !s.jenis_lembaga || c[1] === s.jenis_lembaga) &&
      (except === "jenis" || !s.jenis || c[2] === s.jenis) &&
      (except === "tahun" || !s.tahun || c[3] === s.tahun);
  }
  function agencyCount(a, s) { return s.jenis === "IKU" ? a[5] : s.jenis === "IKI" ? a[6] : a[5] + a[6]; }
  function agencyMatches(a, s, except, ids) {
    return (except === "kabupaten" || !s.kabupaten || a[2] === s.kabupaten) &&
      (except === "jenis_lembaga" || !s.jenis_lembaga || a[3] === s.jenis_lembaga) &&
      (except === "tahun" || !s.tahun || a[4] === s.tahun) && (!ids || ids[a[0]]);
  }

  function nameIds(text) {  // agency-name filter: ids of the agencies whose name has every word
    var words = fold(text).match(/[a-z0-9]+/g) || [];
    var keys = words.filter(function (w) { return w.length >= 3 && (d.generic || "").split(" ").indexOf(w) < 0; });
    if (!keys.length) { return Promise.resolve(null); }
    var key = keys.sort(function (a, b) { return b.length - a.length; })[0].slice(0, 3);
    return getJSON("pagefind/kt/n/" + key + ".json").then(function (entries) {
      var ids = {}, provs = {};
      (entries || []).forEach(function (e) {
        var have = fold(e[1]).match(/[a-z0-9]+/g) || [];
        if (words.every(function (w) { return have.some(function (h) { return h.indexOf(w) === 0; }); })) {
          ids[e[0]] = true; provs[e[2] || ""] = true;
        }
      });
      return { ids: ids, provinces: provs };
    });
  }

  function browse(s) {
    return facets().then(function (f) {
      if (s.kabupaten && !s.provinsi) { s.provinsi = provinceOfKabupaten(f, s.kabupaten); controls.provinsi.value = s.provinsi; showKabupaten(s.provinsi); }
      var named = s.lembaga ? nameIds(s.lembaga) : Promise.resolve(null);
      return named.then(function (names) {
        if (s.lembaga && !names) { return { total: 0, rows: [], counts: {}, tooBroad: true }; }
        var provs = f.provinces.map(function (p) { return p[0]; });
        var needAgencies = !!(s.kabupaten || names);
        var wanted = provs.filter(function (code) {
          var name = (f.provinces.filter(function (p) { return p[0] === code; })[0] || [])[1];
          if (s.provinsi && code !== codeOf(f, s.provinsi)) { return false; }
          return !names || names.provinces[name || ""];
        });
        var counts = { provinsi: {}, jenis_lembaga: {}, jenis: {}, tahun: {}, kabupaten: null };
        var perProvince = {};
        f.cells.forEach(function (c) {
          var name = (f.provinces.filter(function (p) { return p[0] === c[0]; })[0] || [])[1];
          if (cellMatches(f, s, c, "provinsi")) { counts.provinsi[name] = (counts.provinsi[name] || 0) + c[4]; }
          if (cellMatches(f, s, c, "jenis_lembaga")) { counts.jenis_lembaga[c[1]] = (counts.jenis_lembaga[c[1]] || 0) + c[4]; }
          if (cellMatches(f, s, c, "jenis")) { counts.jenis[c[2]] = (counts.jenis[c[2]] || 0) + c[4]; }
          if (cellMatches(f, s, c, "tahun")) { counts.tahun[c[3]] = (counts.tahun[c[3]] || 0) + c[4]; }
          if (cellMatches(f, s, c)) { perProvince[c[0]] = (perProvince[c[0]] || 0) + c[4]; }
        });
        var load = needAgencies || s.provinsi ? wanted : [];  // agency lists needed for counting
        return Promise.all(load.map(function (code) { return getJSON("pagefind/kt/p/" + code + ".json"); })).then(function (lists) {
          var agencies = {};
          load.forEach(function (code, i) { agencies[code] = lists[i] || []; });
          if (s.provinsi) {  // kabupaten counts, from the province's agencies
            counts.kabupaten = {};
            (agencies[codeOf(f, s.provinsi)] || []).forEach(function (a) {
              if (agencyMatches(a, s, "kabupaten", names && names.ids)) { counts.kabupaten[a[2]] = (counts.kabupaten[a[2]] || 0) + agencyCount(a, s); }
            });
          }
          if (needAgencies) {  // counts from the agencies themselves
            ["provinsi", "jenis_lembaga", "jenis", "tahun"].forEach(function (k) { counts[k] = {}; });
            perProvince = {};
            wanted.forEach(function (code) {
              var pname = (f.provinces.filter(function (p) { return p[0] === code; })[0] || [])[1];
              (agencies[code] || []).forEach(function (a) {
                if (!agencyMatches(a, s, null, names && names.ids)) { return; }
                var n = agencyCount(a, s);
                perProvince[code] = (perProvince[code] || 0) + n;
                counts.provinsi[pname] = (counts.provinsi[pname] || 0) + n;
                counts.jenis_lembaga[a[3]] = (counts.jenis_lembaga[a[3]] || 0) + n;
                counts.tahun[a[4]] = (counts.tahun[a[4]] || 0) + n;
                counts.jenis.IKU = (counts.jenis.IKU || 0) + (s.jenis === "IKI" ? 0 : a[5]);
                counts.jenis.IKI = (counts.jenis.IKI || 0) + (s.jenis === "IKU" ? 0 : a[6]);
              });
            });
          }
          var total = 0;
          wanted.forEach(function (code) { total += perProvince[code] || 0; });
          return pageRows(f, s, wanted, perProvince, agencies, names, total).then(function (rows) {
            return { total: total, rows: rows, counts: counts };
          });
        });
      });
    });
  }

  function pageRows(f, s, provs, perProvince, agencies, names, total) {
    var start = (s.hal - 1) * PAGE, end = Math.min(start + PAGE, total), at = 0, need = [];
    provs.forEach(function (code) {
      var n = perProvince[code] || 0;
      if (n && at < end && at + n > start) { need.push({ code: code, at: at }); }
      at += n;
    });
    return Promise.all(need.map(function (p) {
      return (agencies[p.code] ? Promise.resolve(agencies[p.code]) : getJSON("pagefind/kt/p/" + p.code + ".json"));
    })).then(function (lists) {
      var take = [];  // [agency, first row index in it, rows wanted]
      need.forEach(function (p, i) {
        var k = p.at;
        (lists[i] || []).forEach(function (a) {
          if (!agencyMatches(a, s, null, names && names.ids)) { return; }
          var n = agencyCount(a, s);
          if (n && k < end && k + n > start) { take.push([a, Math.max(0, start - k), Math.min(n, end - k)]); }
          k += n;
        });
      });
      return Promise.all(take.map(function (t) { return getJSON("pagefind/kt/a/" + t[0][0] + ".json"); })).then(function (all) {
        var out = [];
        take.forEach(function (t, i) {
          var rows = (all[i] || []).filter(function (r) { return !s.jenis || r[1] === s.jenis; });
          rows.slice(t[1], t[2]).forEach(function (r) {
            out.push({ url: agencyUrl(t[0][0]) + "#" + r[0], title: r[2], agency: t[0][1] || d.labelUnknown, context: r[3], level: r[1] });
          });
        });
        return out;
      });
    });
  }

  // ---- keyword search ------------------------------------------------------------------
  var pfModule = null, instances = {}, budget = Infinity, base = null;
  function pagefind() {  // Pagefind's module, loaded from the base bundle
    if (pfModule) { return pfModule; }
    pfModule = facets().then(function (f) {
      budget = typeof f.budget === "number" && f.budget > 0 ? f.budget : Infinity;
      base = f.base ? new URL(f.base, siteRoot).href : null;
      if (!base || !(f.bundles || []).length) { return null; }
      return import(base + "pagefind.js");
    });
    return pfModule;
  }
  function windows(list) {  // the rule of generator/search.py windows(): whole provinces while they fit
    var out = [], cur = [], used = 0, provs = [];
    list.forEach(function (b) {
      var last = provs[provs.length - 1];
      if (last && last[0].provinsi === b.provinsi) { last.push(b); } else { provs.push([b]); }
    });
    provs.forEach(function (prov) {
      var cost = prov.reduce(function (n, b) { return n + b.bytes; }, 0);
      if (cost <= budget) {
        if (cur.length && used + cost > budget) { out.push(cur); cur = []; used = 0; }
        cur = cur.concat(prov); used += cost;
        return;
      }
      if (cur.length) { out.push(cur); cur = []; used = 0; }
      prov.forEach(function (b) {
        if (cur.length && used + b.bytes > budget) { out.push(cur); cur = []; used = 0; }
        cur.push(b); used += b.bytes;
      });
      out.push(cur); cur = []; used = 0;
    });
    if (cur.length) { out.push(cur); }
    return out;
  }
  function scope(f, s) {  // the bundles s may search, in windows, and the window it searches
    var all = (f.bundles || []).filter(function (b) {
      if (s.provinsi && b.provinsi !== s.provinsi) { return false; }
      return !s.kabupaten || b.kabupaten.indexOf(s.kabupaten) >= 0;
    });
    var wins = windows(all);
    var at = Math.min(s.bagian || 1, Math.max(1, wins.length));
    return { all: all, wins: wins, at: at, bundles: wins[at - 1] || [] };
  }
  function keyOf(sc) { return sc.bundles.map(function (b) { return b.path; }).join(","); }
  function ready(s) {  // {pf: a Pagefind instance over the bundles of s's window, sc: its scope}
    return pagefind().then(function (mod) {
      return facets().then(function (f) {
        var sc = scope(f, s), key = keyOf(sc);
        if (!mod || !sc.bundles.length) { return { pf: null, sc: sc }; }
        if (!instances[key]) {
          var pf = mod.createInstance({ basePath: base, baseUrl: "/" });
          instances[key] = Promise.all(sc.bundles.map(function (b) {
            return pf.mergeIndex(new URL(b.path, siteRoot).href, { baseUrl: "/" });
          })).then(function () { return pf; });
        }
        return instances[key].then(function (pf) { return { pf: pf, sc: sc }; });
      });
    });
  }

  function fold(t) { return (t || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function distance(a, b, max) {  // optimal string alignment distance, or max + 1 when further
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev.push(j); }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, prev2[j - 2] + 1); }
        cur.push(v); low = Math.min(low, v);
      }
      if (low > max) { return max + 1; }
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  function suggest(sc, s) {  // the query with each unknown word replaced by its nearest known word
    var words = fold(s.q).match(/[a-z]+|[^a-z]+/g) || [];
    var letters = {};
    words.forEach(function (w) { if (/^[a-z]{4,}$/.test(w)) { letters[w[0]] = true; } });
    var paths = [];
    sc.bundles.forEach(function (b) { Object.keys(letters).forEach(function (l) { paths.push(b.path + "kt-vocab/" + l + ".json"); }); });
    return Promise.all(paths.map(getJSON)).then(function (vocabs) {
      var known = {};
      vocabs.forEach(function (v) { Object.keys(v || {}).forEach(function (w) { known[w] = (known[w] || 0) + v[w]; }); });
      var changed = false;
      var out = words.map(function (w) {
        if (!/^[a-z]{4,}$/.test(w) || known[w]) { return w; }
        var max = w.length <= 5 ? 1 : 2, best = null, bestD = max + 1;
        Object.keys(known).forEach(function (k) {
          if (k.indexOf(w) === 0) { return; }
          var dd = distance(w, k, max);
          if (dd < bestD || (dd === bestD && best && (known[k] > known[best] || (known[k] === known[best] && k < best)))) { best = k; bestD = dd; }
        });
        if (Object.keys(known).some(function (k) { return k.indexOf(w) === 0; })) { return w; }  // a prefix of a known word
        if (best) { changed = true; return best; }
        return w;
      });
      return changed ? out.join("") : null;
    });
  }

  function kindOf(sub) { return sub.url.indexOf("#i-iku-") >= 0 ? "IKU" : "IKI"; }
  function hitMatches(h, s, except) {
    var m = h.meta;
    if (except !== "provinsi" && s.provinsi && m.provinsi !== s.provinsi) { return false; }
    if (except !== "kabupaten" && s.kabupaten && m.kabupaten !== s.kabupaten) { return false; }
    if (except !== "jenis_lembaga" && s.jenis_lembaga && m.jenis_lembaga !== s.jenis_lembaga) { return false; }
    if (except !== "tahun" && s.tahun && m.tahun !== s.tahun) { return false; }
    if (except !== "jenis" && s.jenis && h.level !== s.jenis) { return false; }
    if (s.lembaga) {
      var have = fold(m.title).match(/[a-z0-9]+/g) || [];
      var words = fold(s.lembaga).match(/[a-z0-9]+/g) || [];
      if (!words.every(function (w) { return have.some(function (x) { return x.indexOf(w) === 0; }); })) { return false; }
    }
    return true;
  }

  var hitCache = {};
  // The rows a query finds in the bundles of a window: the first MAX_LOAD result fragments
  // always (the total is exact when that is all of them); when filters keep too few of those
  // rows to fill the page asked for, further fragments, BATCH at a time and only as many as
  // needed, up to MAX_EXTRA more (a filtered broad query then shows rows, not "0 of 400").
  var MAX_EXTRA = 4 * MAX_LOAD;
  function keywordHits(r, q, enough) {
    var key = q + "\u0000" + keyOf(r.sc);
    if (!hitCache[key]) {
      hitCache[key] = Promise.resolve(r.pf ? r.pf.search(q) : { results: [] }).then(function (search) {
        return { results: search.results, hits: [], i: 0 };
      });
    }
    return hitCache[key].then(function (st) {
      var cap = Math.min(st.results.length, MAX_LOAD + MAX_EXTRA);
      function next() {
        var stop = st.i >= cap || (st.i >= Math.min(st.results.length, MAX_LOAD) && enough(st.hits));
        if (stop) { return { hits: st.hits, partial: st.results.length > st.i }; }
        var batch = st.results.slice(st.i, Math.min(cap, st.i + BATCH)); st.i += batch.length;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
          pages.forEach(function (page) {
            (page.sub_results || []).forEach(function (sub) {
              var anchor = sub.url.split("#")[1] || "";
              if (anchor.indexOf("i-") !== 0) { return; }
              st.hits.push({ meta: page.meta || {}, title: sub.title, excerpt: sub.excerpt || "", level: kindOf(sub),
                             url: (page.meta.url || page.url).split("#")[0] + "#" + anchor });
            });
          });
          return next();
        });
      }
      st.job = (st.job || Promise.resolve()).then(next);  // one reader at a time per query
      return st.job;
    });
  }

  function keyword(s, q) {
    var sc = null;
    var filtered = FILTERS.some(function (k) { return s[k]; });
    function enough(hits) {  // the page asked for is full (or no filter narrows what was read)
      if (!filtered) { return true; }
      var kept = 0;
      for (var k = 0; k < hits.length; k++) { if (hitMatches(hits[k], s)) { kept++; } }
      return kept >= s.hal * PAGE;
    }
    return ready(s).then(function (r) { sc = r.sc; return keywordHits(r, q, enough); }).then(function (found) {
      var counts = { provinsi: {}, kabupaten: {}, jenis_lembaga: {}, jenis: {}, tahun: {} };
      var field = { provinsi: "provinsi", kabupaten: "kabupaten", jenis_lembaga: "jenis_lembaga", tahun: "tahun" };
      var rows = [];
      found.hits.forEach(function (h) {
        Object.keys(counts).forEach(function (k) {
          if (hitMatches(h, s, k)) { var v = k === "jenis" ? h.level : h.meta[field[k]] || ""; counts[k][v] = (counts[k][v] || 0) + 1; }
        });
        if (hitMatches(h, s)) { rows.push(h); }
      });
      var start = (s.hal - 1) * PAGE;
      return { total: rows.length, partial: found.partial, read: found.hits.length, counts: counts, scope: sc,
               rows: rows.slice(start, start + PAGE).map(function (h) {
                 return { url: localUrl(h.url), title: h.title, agency: h.meta.title || d.labelUnknown, excerpt: h.excerpt, level: h.level };
               }) };
    });
  }

  // ---- rendering -----------------------------------------------------------------------
  function localUrl(url) {
    var path = url.replace(/^\//, "");
    if (d.agencyPrefix && path.indexOf("lembaga/") === 0) { path = d.agencyPrefix + path.slice(8); }
    return new URL(path, siteRoot).href;
  }
  function agencyUrl(id) { return new URL((d.agencyPrefix || "lembaga/") + id + "/", siteRoot).href; }
  function safeExcerpt(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var m = document.createElement("mark"); m.textContent = node.textContent; into.appendChild(m);
      } else { into.appendChild(document.createTextNode(node.textContent)); }
    });
  }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) { e.className = cls; } if (text) { e.textContent = text; } return e; }

  function render(s, res) {
    list.textContent = "";
    list.start = (s.hal - 1) * PAGE + 1;
    res.rows.forEach(function (r) {
      var li = el("li");
      var a = el("a", null, r.title); a.href = r.url;
      li.appendChild(a);
      li.appendChild(el("span", "kt-result__level", r.level));
      li.appendChild(el("span", "kt-result__agency", r.agency));
      if (r.excerpt) { var p = el("p"); safeExcerpt(r.excerpt, p); li.appendChild(p); }
      else if (r.context) { li.appendChild(el("p", null, r.context)); }
      list.appendChild(li);
    });
    var n = res.total;
    if (res.partial && n < res.read) {  // filters kept some of the rows read: say of how many, not "more than n"
      status.textContent = d.labelMoreFiltered.replace("%d", fmt(n)).replace("%d", fmt(res.read));
    } else {
      status.textContent = res.partial ? d.labelMore.replace("%d", fmt(n)) : fmt(n) + " " + (n === 1 ? d.labelHitsOne : d.labelHits);
    }
    var only = scopeCovers(res.scope);
    ["provinsi", "kabupaten", "jenis_lembaga", "jenis", "tahun"].forEach(function (k) { setCounts(k, res.counts[k], only[k] || null); });
    renderScope(s, res.scope);
    renderPager(s, n);
  }
  function scopeCovers(sc) {  // provinces and kabupaten/kota a windowed keyword search counted
    if (!sc || sc.wins.length < 2) { return {}; }
    var out = { provinsi: {}, kabupaten: {} };
    sc.bundles.forEach(function (b) {
      out.provinsi[b.provinsi] = true;
      b.kabupaten.forEach(function (k) { out.kabupaten[k] = true; });
    });
    return out;
  }
  function provincesOf(list) {
    var names = [];
    list.forEach(function (b) { if (names.indexOf(b.provinsi) < 0) { names.push(b.provinsi); } });
    return names;
  }
  function renderScope(s, sc) {  // which part of the country a keyword search covered, and the next
    scopeNote.textContent = "";
    scopeNote.hidden = !sc || sc.wins.length < 2;
    if (scopeNote.hidden) { return; }
    var sum = function (list) { return list.reduce(function (n, b) { return n + b.indikator; }, 0); };
    var names = provincesOf(sc.bundles).map(function (p) {
      var whole = sc.all.filter(function (b) { return b.provinsi === p; }).length;
      var here = sc.bundles.filter(function (b) { return b.provinsi === p; }).length;
      return (p || d.labelNoProvince) + (here < whole ? " (" + d.labelScopePart + ")" : "");
    });
    scopeNote.appendChild(document.createTextNode(d.labelScope.replace("%d", fmt(sc.at)).replace("%d", fmt(sc.wins.length))
      .replace("%d", fmt(sum(sc.bundles))).replace("%d", fmt(sum(sc.all))).replace("%s", names.join(", ")) +
      (s.provinsi || s.kabupaten ? "" : " " + d.labelScopeHint) + " "));
    function link(label, at) {
      var target = Object.assign({}, s, { bagian: at, hal: 1 });
      var a = el("a", "kt-search-scope__link", label);
      a.href = query(target);
      a.addEventListener("click", function (e) { e.preventDefault(); go(target, true); });
      return a;
    }
    if (sc.at > 1) { scopeNote.appendChild(link(d.labelScopePrev, sc.at - 1)); scopeNote.appendChild(document.createTextNode(" ")); }
    if (sc.at < sc.wins.length) {
      var next = provincesOf(sc.wins[sc.at]).map(function (p) { return p || d.labelNoProvince; });
      scopeNote.appendChild(link(d.labelScopeNext.replace("%s", next.slice(0, 3).join(", ") + (next.length > 3 ? ", …" : "")), sc.at + 1));
    }
  }
  function renderPager(s, total) {
    pager.textContent = "";
    var pages = Math.max(1, Math.ceil(total / PAGE));
    if (pages < 2) { pager.hidden = true; return; }
    pager.hidden = false;
    function link(label, hal, rel) {
      if (hal < 1 || hal > pages) { var span = el("span", "kt-pager__off", label); span.setAttribute("aria-disabled", "true"); return span; }
      var a = el("a", "kt-pager__link", label);
      a.href = query(Object.assign({}, s, { hal: hal })); a.rel = rel;
      a.addEventListener("click", function (e) { e.preventDefault(); go(Object.assign({}, s, { hal: hal }), true); list.focus(); });
      return a;
    }
    pager.appendChild(link(d.labelPrev, s.hal - 1, "prev"));
    pager.appendChild(el("span", "kt-pager__where", d.labelPageOf.replace("%d", fmt(s.hal)).replace("%d", fmt(pages))));
    pager.appendChild(link(d.labelNext, s.hal + 1, "next"));
  }
  function showNote(kind, q, suggestion) {
    note.textContent = "";
    note.hidden = !suggestion;
    if (!suggestion) { return; }
    note.appendChild(document.createTextNode((kind === "showing" ? d.labelShowingFor : d.labelDidYouMean) + ": "));
    var a = el("a", null, suggestion);
    var target = Object.assign(readState(), { q: suggestion, hal: 1, bagian: 1 });
    a.href = query(target);
    a.addEventListener("click", function (e) { e.preventDefault(); go(target, true); });
    note.appendChild(a);
  }

  // ---- running -------------------------------------------------------------------------
  var run = 0;
  function show(s) {
    var mine = ++run;
    if (s.kabupaten && !s.provinsi) {  // a kabupaten/kota names its province: only its bundle is needed
      var o = controls.kabupaten.querySelector("option[value='" + CSS.escape(s.kabupaten) + "']");
      if (o) { s.provinsi = o.dataset.provinsi; controls.provinsi.value = s.provinsi; showKabupaten(s.provinsi); controls.kabupaten.value = s.kabupaten; }
    }
    var empty = !s.q && FILTERS.every(function (k) { return !s[k]; });
    status.textContent = d.labelSearching;
    showNote(null);
    var job;
    if (!s.q) {
      job = browse(s);
    } else {
      job = keyword(s, s.q).then(function (res) {
        if (res.total || res.partial) { return res; }
        return suggest(res.scope, s).then(function (better) {
          if (!better) { return res; }
          return keyword(s, better).then(function (res2) { res2.suggestion = better; return res2; });
        });
      });
    }
    return job.then(function (res) {
      if (mine !== run) { return; }
      render(s, res);
      if (res.suggestion) { showNote("showing", s.q, res.suggestion); }
      if (empty) { status.textContent += ". " + d.labelEmpty; }
    }).catch(function (err) { if (mine === run) { status.textContent = d.labelError + " (" + err.message + ")"; } });
  }
  function go(s, push) {
    if (push) { history.pushState(null, "", query(s)); }
    toForm(s);
    return show(s);
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); go(fromForm(), true); });
  ["provinsi", "kabupaten", "jenis_lembaga", "jenis", "tahun"].forEach(function (k) {
    controls[k].addEventListener("change", function () {
      if (k === "provinsi") { showKabupaten(controls.provinsi.value); controls.kabupaten.value = ""; }
      go(fromForm(), true);
    });
  });
  var clear = root.querySelector(".kt-search-clear");
  if (clear) {
    clear.addEventListener("click", function (e) {
      e.preventDefault();
      var s = fromForm(); FILTERS.forEach(function (k) { s[k] = ""; });
      go(s, true);
    });
  }
  window.addEventListener("popstate", function () { go(readState(), false); });
  go(readState(), false);
})();

/* Kinerja Terbuka: the agency finder. A name is looked up in the agency-name index
   (pagefind/kt/n/<first three letters of its most distinctive word>.json, a few KB): every
   word typed must start a word of the agency's name or of its region. Up to LIMIT agencies
   are listed as links; the form itself (Enter) opens the explorer filtered by agency name. */
(function () {
  "use strict";
  var LIMIT = 20;
  Array.prototype.forEach.call(document.querySelectorAll(".kt-finder"), function (form) {
    var d = form.dataset;
    var input = form.querySelector("input[name=lembaga]");
    var status = form.querySelector(".kt-finder__status");
    var list = form.querySelector(".kt-finder__results");
    var siteRoot = new URL(d.siteRoot, location.href);
    var generic = (d.generic || "").split(" ");
    var files = {}, timer = null, run = 0;
    var fold = function (t) { return (t || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };

    function file(key) {
      if (!files[key]) {
        files[key] = fetch(new URL("pagefind/kt/n/" + key + ".json", siteRoot).href).then(function (r) {
          return r.status === 404 ? [] : r.ok ? r.json() : Promise.reject(new Error(r.status));
        });
      }
      return files[key];
    }
    function find() {
      var mine = ++run;
      var words = fold(input.value).match(/[a-z0-9]+/g) || [];
      var keys = words.filter(function (w) { return w.length >= 3 && generic.indexOf(w) < 0; });
      list.textContent = "";
      if (!words.length) { status.textContent = ""; return; }
      if (!keys.length) { status.textContent = d.labelHint; return; }
      var key = keys.slice().sort(function (a, b) { return b.length - a.length; })[0].slice(0, 3);
      file(key).then(function (entries) {
        if (mine !== run) { return; }
        var found = entries.filter(function (e) {
          var have = fold(e[1] + " " + e[2] + " " + e[3]).match(/[a-z0-9]+/g) || [];
          return words.every(function (w) { return have.some(function (h) { return h.indexOf(w) === 0; }); });
        });
        status.textContent = found.length ? found.length + " " + (found.length === 1 ? d.labelFoundOne : d.labelFound) : d.labelNone;
        found.slice(0, LIMIT).forEach(function (e) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = new URL((d.agencyPrefix || "lembaga/") + e[0] + "/", siteRoot).href;
          a.textContent = e[1];
          li.appendChild(a);
          var where = [e[3], e[2]].filter(Boolean).join(", ");
          if (where) { var s = document.createElement("span"); s.className = "kt-count"; s.textContent = " " + where; li.appendChild(s); }
          list.appendChild(li);
        });
      }).catch(function (err) { if (mine === run) { status.textContent = err.message; } });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(find, 150); });
    if (input.value) { find(); }
    if (location.hash === "#" + input.id) { input.focus(); }  // from the header's finder button
  });
})();

/* Kinerja Terbuka: A-Z agency lists (kabupaten/kota pages). A name filter and a sort
   order, both kept in the URL (?nama=...&urut=indikator) so a list can be shared and
   reloaded as it was. Sorting by number of indicators shows one flat list; by name, the
   letter sections (empty ones hidden with the letters that point to them). */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".kt-az"), function (root) {
    var input = root.querySelector("input[name=nama]");
    var sort = root.querySelector("select[name=urut]");
    var count = root.querySelector(".kt-az__count");
    var groups = root.querySelector(".kt-az__groups");
    var sorted = root.querySelector(".kt-az__sorted");
    var letters = root.querySelector(".kt-az__letters");
    var items = Array.prototype.slice.call(groups.querySelectorAll("li[data-name]"));
    var fold = function (t) { return (t || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };

    function apply(push) {
      var words = fold(input.value).match(/[a-z0-9]+/g) || [];
      var shown = 0;
      items.forEach(function (li) {
        var name = fold(li.dataset.name);
        var ok = words.every(function (w) { return name.indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) { shown++; }
      });
      Array.prototype.forEach.call(groups.querySelectorAll(".kt-az__group"), function (g) {
        var any = g.querySelector("li:not([hidden])") !== null;
        g.hidden = !any;
        var a = letters.querySelector("a[href='#" + g.id + "']");
        if (a) { a.hidden = !any; }
      });
      var byCount = sort.value === "indikator";
      sorted.textContent = "";
      if (byCount) {
        items.filter(function (li) { return !li.hidden; }).sort(function (a, b) {
          return (+b.dataset.count - +a.dataset.count) || a.dataset.name.localeCompare(b.dataset.name);
        }).forEach(function (li) { var c = li.cloneNode(true); c.hidden = false; sorted.appendChild(c); });
      }
      sorted.hidden = !byCount;
      groups.hidden = byCount;
      letters.hidden = byCount;
      count.textContent = shown + " " + (shown === 1 ? root.dataset.labelShownOne : root.dataset.labelShown);
      var params = new URLSearchParams(location.search);
      if (input.value.trim()) { params.set("nama", input.value.trim()); } else { params.delete("nama"); }
      if (byCount) { params.set("urut", "indikator"); } else { params.delete("urut"); }
      var q = params.toString();
      if (push !== false) { history.replaceState(null, "", (q ? "?" + q : location.pathname) + location.hash); }
    }
    var params = new URLSearchParams(location.search);
    input.value = params.get("nama") || "";
    sort.value = params.get("urut") === "indikator" ? "indikator" : "nama";
    input.addEventListener("input", apply);
    sort.addEventListener("change", apply);
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply(false);
  });
})();
/* The province map scrolls sideways on a narrow screen: bring the page's own province into view. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".kt-map__scroll"), function (box) {
    var current = box.querySelector("[aria-current=page] rect");
    if (!current || box.scrollWidth <= box.clientWidth) { return; }
    var r = current.getBoundingClientRect(), b = box.getBoundingClientRect();
    box.scrollLeft += (r.left + r.width / 2) - (b.left + b.width / 2);
  });
})();

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
        status.textContent = found.length ? found.length + " " + d.labelFound : d.labelNone;
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
  });
})();

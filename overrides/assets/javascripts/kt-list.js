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
      count.textContent = shown + " " + root.dataset.labelShown;
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

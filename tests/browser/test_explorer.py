"""The indicator explorer in headless Chromium: Pagefind loaded from the base bundle and the
bundles a query needs merged into it, filters, hits landing on the row; with a query budget
smaller than the portal, a window of provinces searched, said so, and the next one a click away.

The seeds fall into five bundles, one per agency: p32-k4 (Purwakarta), p35-k6 (Tuban), p51-k1
(Badung), p64-k1 (Paser) and x (the agency without a province)."""
import json
import re
from urllib.parse import quote

import pytest

from generator import search
from kt_browser import axe_violations

pytestmark = pytest.mark.browser
EXPLORER = "indikator/"


def explore(page, base_url, **params):
    if not hasattr(page, "kt_requests"):
        page.kt_requests = []
        page.on("request", lambda r: page.kt_requests.append(r.url))
    page.kt_requests.clear()
    query = "&".join(f"{k}={quote(v)}" for k, v in params.items())
    page.goto(f"{base_url}{EXPLORER}?{query}")
    return wait_hits(page)


def wait_hits(page, before=None):
    page.wait_for_function("""(before) => {
        const s = document.querySelector('.kt-search-status').textContent;
        return /^(\\d+|lebih dari \\d+) /.test(s) && s !== before;
    }""", arg=before)
    return [a.get_attribute("href") for a in page.locator(".kt-results li a").all()]


def agency(href: str) -> str:
    return re.search(r"/lembaga/([^/]+)/#i-", href).group(1)


def bundles_fetched(page) -> set:
    return {m.group(1) for u in page.kt_requests if (m := re.search(r"/pagefind/([a-z0-9-]+)/pagefind-entry\.json", u))}


ALL = {"base", "p32-k4", "p35-k6", "p51-k1", "p64-k1", "x"}


def test_hits_come_from_every_bundle_and_land_on_the_row(page, base_url):
    hrefs = explore(page, base_url, q="kehadiran")  # stemmed: 'hadir' in x and in p64-k1
    assert {agency(h) for h in hrefs} >= {"kecamatan-5e37c471", "bkpsdm-kab-paser"}
    assert bundles_fetched(page) == ALL
    assert page.locator(".kt-search-scope").is_hidden()  # one window: the whole portal searched
    merged = next(h for h in hrefs if agency(h) == "bkpsdm-kab-paser")  # from a merged bundle
    page.goto(merged)
    anchor = merged.split("#", 1)[1]
    assert page.locator(f"tr[id='{anchor}']").count() == 1


def test_province_filter_merges_only_the_bundles_it_needs(page, base_url):
    hrefs = explore(page, base_url, q="laporan", provinsi="Jawa Timur")
    assert hrefs and {agency(h) for h in hrefs} == {"kec-merakurak-kab-tuban"}
    assert bundles_fetched(page) == {"base", "p35-k6"}  # base holds pagefind.js
    before = page.locator(".kt-search-status").text_content()
    page.select_option("#kt-f-provinsi", "")  # all provinces: every bundle is merged now
    hrefs = wait_hits(page, before)
    assert bundles_fetched(page) == ALL
    assert len({agency(h) for h in hrefs}) > 1


def test_kabupaten_filter(page, base_url):
    hrefs = explore(page, base_url, q="laporan", kabupaten="Kabupaten Badung")
    assert hrefs and {agency(h) for h in hrefs} == {"disdukcapil-kab-badung"}
    assert bundles_fetched(page) == {"base", "p51-k1"}


def test_kind_filter(page, base_url):
    # in Paser's agency: its 20 source pages (MAX_LOAD) all read, the level filtered in them
    iku = explore(page, base_url, q="laporan", provinsi="Kalimantan Timur", jenis="IKU")
    assert iku and all("#i-iku-" in h for h in iku)
    iki = explore(page, base_url, q="laporan", provinsi="Kalimantan Timur", jenis="IKI")
    assert iki and not any("#i-iku-" in h for h in iki)


def test_agency_filter(page, base_url):
    hrefs = explore(page, base_url, q="dokumen", lembaga="purwakarta")
    assert hrefs and {agency(h) for h in hrefs} == {"setda-kab-purwakarta"}


@pytest.fixture
def budget(page, site):
    """kt-facets.json as served with a budget that fits the largest bundle alone: the seeds'
    portal then needs several windows, as the country does with its real budget."""
    facets = json.loads((site / "pagefind" / "kt-facets.json").read_text(encoding="utf-8"))
    facets["budget"] = max(b["bytes"] for b in facets["bundles"]) + 1
    body = json.dumps(facets)
    page.route("**/pagefind/kt-facets.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=body))
    return facets


def names(window):
    return {b["path"].split("/")[1] for b in window}


def test_a_budgeted_query_searches_one_window_and_offers_the_next(page, base_url, budget):
    wins = search.windows(budget["bundles"], budget["budget"])
    assert len(wins) > 2
    explore(page, base_url, q="laporan")
    assert bundles_fetched(page) == {"base"} | names(wins[0])  # the first window only
    scope = page.locator(".kt-search-scope")
    assert scope.is_visible()
    first = sum(b["indikator"] for b in wins[0])
    total = sum(b["indikator"] for b in budget["bundles"])
    assert f"bagian 1 dari {len(wins)} ({first} dari {total:,} indikator)".replace(",", ".") in scope.text_content()
    assert wins[0][0]["provinsi"] in scope.text_content()
    assert axe_violations(page) == []  # the scope note and its links (WCAG 2.2 AA)
    # counts only for the provinces searched: the others are not shown as 0
    searched = {b["provinsi"] for b in wins[0]}
    for label in page.locator("#kt-f-provinsi option").all_text_contents()[1:]:
        assert (re.search(r"\(\d+\)$", label) is not None) == (label.split(" (")[0] in searched)
    before = page.locator(".kt-search-status").text_content()
    page.kt_requests.clear()
    nxt = scope.locator("a").last
    assert wins[1][0]["provinsi"] in nxt.text_content()
    nxt.click()
    page.wait_for_url(re.compile(r"bagian=2"))
    hrefs = wait_hits(page, before)
    assert bundles_fetched(page) == {"base"} | names(wins[1])  # a new instance over the base bundle
    expected = {a for b in wins[1] for a in {"p32-k4": ["setda-kab-purwakarta"], "p35-k6": ["kec-merakurak-kab-tuban"],
                                             "p51-k1": ["disdukcapil-kab-badung"], "p64-k1": ["bkpsdm-kab-paser"],
                                             "x": ["kecamatan-5e37c471"]}[b["path"].split("/")[1]]}
    assert hrefs and {agency(h) for h in hrefs} <= expected
    assert "bagian 2 dari" in scope.text_content() and scope.locator("a", has_text="sebelumnya").count() == 1
    page.go_back()  # the window is in the URL: back restores the first
    page.wait_for_function("() => /bagian 1 dari/.test(document.querySelector('.kt-search-scope').textContent)")


def test_a_budgeted_query_with_a_province_searches_only_its_bundles(page, base_url, budget):
    hrefs = explore(page, base_url, q="laporan", provinsi="Bali")
    assert bundles_fetched(page) == {"base", "p51-k1"}
    assert hrefs and {agency(h) for h in hrefs} == {"disdukcapil-kab-badung"}
    assert page.locator(".kt-search-scope").is_hidden()  # the province fits the budget: all of it

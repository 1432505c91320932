"""The indicator explorer in headless Chromium: one Pagefind bundle per group of provinces
merged in the browser, filters, hits landing on the row.

The seeds fall into three bundles: w1 (the agency without a province, the first bundle,
whose pagefind.js is loaded), w2 (Jawa Barat, Jawa Timur) and w3 (Bali, Kalimantan Timur)."""
import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser
EXPLORER = "indikator/"


def explore(page, base_url, **params):
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
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
    return {m.group(1) for u in page.requests if (m := re.search(r"/pagefind/(w\d)/pagefind-entry\.json", u))}


def test_hits_come_from_every_bundle_and_land_on_the_row(page, base_url):
    hrefs = explore(page, base_url, q="kehadiran")  # stemmed: 'hadir' in w1 and in w3
    assert {agency(h) for h in hrefs} >= {"kecamatan-5e37c471", "bkpsdm-kab-paser"}
    assert bundles_fetched(page) == {"w1", "w2", "w3"}
    merged = next(h for h in hrefs if agency(h) == "bkpsdm-kab-paser")  # from a merged bundle
    page.goto(merged)
    anchor = merged.split("#", 1)[1]
    assert page.locator(f"tr[id='{anchor}']").count() == 1


def test_province_filter_merges_only_the_bundles_it_needs(page, base_url):
    hrefs = explore(page, base_url, q="laporan", provinsi="Jawa Timur")
    assert hrefs and {agency(h) for h in hrefs} == {"kec-merakurak-kab-tuban"}
    assert bundles_fetched(page) == {"w1", "w2"}  # w1 holds pagefind.js; w3 is not needed
    before = page.locator(".kt-search-status").text_content()
    page.select_option("#kt-f-provinsi", "")  # all provinces: the other bundle is merged now
    hrefs = wait_hits(page, before)
    assert bundles_fetched(page) == {"w1", "w2", "w3"}
    assert len({agency(h) for h in hrefs}) > 1


def test_kabupaten_filter(page, base_url):
    hrefs = explore(page, base_url, q="laporan", kabupaten="Kabupaten Badung")
    assert hrefs and {agency(h) for h in hrefs} == {"disdukcapil-kab-badung"}


def test_kind_filter(page, base_url):
    iku = explore(page, base_url, q="laporan", jenis="IKU")
    assert iku and all("#i-iku-" in h for h in iku)
    iki = explore(page, base_url, q="laporan", jenis="IKI")
    assert iki and not any("#i-iku-" in h for h in iki)


def test_agency_filter(page, base_url):
    hrefs = explore(page, base_url, q="dokumen", lembaga="purwakarta")
    assert hrefs and {agency(h) for h in hrefs} == {"setda-kab-purwakarta"}

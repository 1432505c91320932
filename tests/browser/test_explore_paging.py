"""The explorer finds everything (issue 12): the true total, paged; facets that browse
without a keyword, with counts; a typo finds its word; the URL keeps the state and the back
button restores it; no console error, no failed request. (Axe and overflow: test_reading's crawl.)"""
import re
from urllib.parse import quote

import pytest

from kt_browser import ROOT

pytestmark = pytest.mark.browser
EXPLORER = "indikator/"


def portal():
    from generator.build import check
    from generator.model import build_model
    _, sources = check(ROOT / "datapackages", None)
    return build_model(sources)


@pytest.fixture(scope="module")
def counts():
    """Indicators per (province name, level) in the data itself."""
    out: dict = {}
    for a in portal().agencies:
        prov = a.province.name.title() if a.province else ""
        for i in a.current.indicators:
            out[prov, i.kind] = out.get((prov, i.kind), 0) + 1
    return out


def watch(page):
    page.errors, page.failed = [], []
    page.on("console", lambda m: m.type == "error" and page.errors.append(f"{m.text} {(m.location or {}).get('url', '')}"))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and page.failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: page.failed.append(f"failed {r.url}"))


def total(page) -> int:
    return int(re.match(r"(\d+)", page.locator(".kt-search-status").text_content().replace(".", "")).group(1))


def wait_status(page, before=None):
    page.wait_for_function("""(before) => {
        const s = document.querySelector('.kt-search-status').textContent;
        return /^(\\d|lebih dari \\d)/.test(s) && s !== before;
    }""", arg=before)


def open_explorer(page, base_url, **params):
    watch(page)
    page.goto(f"{base_url}{EXPLORER}?" + "&".join(f"{k}={quote(str(v))}" for k, v in params.items()))
    wait_status(page)


def rows(page) -> list[str]:
    return [a.get_attribute("href") for a in page.locator(".kt-results li > a").all()]


def next_page(page):
    before = page.locator(".kt-results").get_attribute("start")
    page.locator(".kt-pager a[rel=next]").click()
    page.wait_for_function("(b) => document.querySelector('.kt-results').getAttribute('start') !== b", arg=before)


def all_pages(page) -> list[str]:
    """Every row, following the pager to the end."""
    out = rows(page)
    while page.locator(".kt-pager a[rel=next]").count():
        next_page(page)
        new = rows(page)
        assert new and not set(new) & set(out)
        out += new
    return out


def test_filters_browse_without_a_keyword_and_the_count_is_the_rows(page, base_url, counts):
    open_explorer(page, base_url, jenis="IKU")
    expected = sum(n for (_, kind), n in counts.items() if kind == "IKU")
    assert total(page) == expected
    hrefs = all_pages(page)
    assert len(hrefs) == expected == len(set(hrefs))
    assert all("#i-iku-" in h for h in hrefs)
    assert not page.errors and not page.failed


def test_province_filter_without_keyword_counts_and_pages(page, base_url, counts):
    open_explorer(page, base_url, provinsi="Jawa Barat", jenis="IKI")
    expected = counts["Jawa Barat", "IKI"]
    assert expected > 40  # more than two pages
    assert total(page) == expected
    assert len(rows(page)) == 20
    # facet counts: the other provinces, with the level filter still applied
    label = page.locator("#kt-f-provinsi option[value='Bali']").text_content()
    assert label == f"Bali ({counts['Bali', 'IKI']})"
    hrefs = all_pages(page)
    assert len(hrefs) == expected and all("/lembaga/setda-kab-purwakarta/#i-" in h for h in hrefs)
    assert not page.errors and not page.failed


def test_keyword_total_is_every_matching_row_not_a_cap(page, base_url):
    # in the 20 source pages of Paser's agency (MAX_LOAD): all read, the total exact
    open_explorer(page, base_url, q="dokumen", provinsi="Kalimantan Timur")
    n = total(page)
    assert n > 30  # the old explorer stopped at 30
    hrefs = all_pages(page)
    assert len(hrefs) == n == len(set(hrefs))
    assert not page.errors and not page.failed


def test_a_query_broader_than_what_is_read_says_more_than(page, base_url):
    open_explorer(page, base_url, q="laporan")  # in 51 source pages, more than MAX_LOAD (20)
    status = page.locator(".kt-search-status").text_content()
    assert status.startswith("lebih dari ") and "saringan" in status
    n = int(re.search(r"(\d+)", status.replace(".", "")).group(1))
    assert len(all_pages(page)) == n  # what was read is paged in full
    open_explorer(page, base_url, q="laporan", provinsi="Bali")  # one bundle: all read, exact again
    assert re.match(r"\d+ indikator ditemukan", page.locator(".kt-search-status").text_content())


def test_a_filter_on_a_broader_query_reads_on_until_it_has_rows(page, base_url):
    # 'laporan' is in more source pages (51) than a query reads first (MAX_LOAD, 20), and none
    # of the rows of those 20 is an IKU: with the level filter the explorer reads further
    # fragments until the page is full or all are read, so the IKU rows are found and counted
    open_explorer(page, base_url, q="laporan")
    assert page.locator(".kt-search-status").text_content().startswith("lebih dari ")
    open_explorer(page, base_url, q="laporan", jenis="IKU")
    status = page.locator(".kt-search-status").text_content()
    assert re.match(r"\d+ indikator ditemukan", status), status  # every fragment read: exact
    n = total(page)
    assert n > 0
    assert set(page.locator(".kt-results .kt-result__level").all_text_contents()) == {"IKU"}
    assert len(all_pages(page)) == n
    assert not page.errors and not page.failed


def test_a_typo_finds_its_word(page, base_url):
    open_explorer(page, base_url, q="kehadran")
    note = page.locator(".kt-search-note")
    assert note.is_visible() and "kehadiran" in note.text_content()
    assert total(page) > 0
    texts = " ".join(page.locator(".kt-results li").all_text_contents()).lower()
    assert "hadir" in texts
    assert not page.errors and not page.failed


def test_permalink_restores_state_and_back_button_works(page, base_url):
    open_explorer(page, base_url, provinsi="Jawa Barat", jenis="IKI", hal=2)
    assert page.locator("#kt-f-provinsi").input_value() == "Jawa Barat"
    assert page.locator("#kt-f-jenis").input_value() == "IKI"
    assert page.locator(".kt-results").get_attribute("start") == "21"
    second = rows(page)
    next_page(page)
    page.wait_for_url(re.compile(r"hal=3"))
    assert page.locator(".kt-results").get_attribute("start") == "41" and rows(page) != second
    page.go_back()
    page.wait_for_url(re.compile(r"hal=2"))
    page.wait_for_function("() => document.querySelector('.kt-results').getAttribute('start') === '21'")
    assert rows(page) == second
    page.select_option("#kt-f-jenis", "IKU")  # a filter change is a new history entry, page 1
    page.wait_for_url(re.compile(r"jenis=IKU"))
    assert "hal=" not in page.url
    assert not page.errors and not page.failed

"""Finding an agency among many, the province map and comparing across agencies (issue 12):
the agency finder from the home page and from every page's header, the A-Z list with its
filter and sort in the URL, the tile map's links and tap targets, the "Compare" link to a
theme page. (Axe, overflow, failed requests on these pages: the crawl in test_reading.py.)"""
import re

import pytest

pytestmark = pytest.mark.browser


def requests(page):
    page.seen, page.failed = [], []
    page.on("request", lambda r: page.seen.append(r.url))
    page.on("response", lambda r: r.status >= 400 and page.failed.append(r.url))


def test_agency_found_by_name_from_the_home_page(page, base_url):
    requests(page)
    page.goto(base_url)
    page.fill("#kt-find-h", "purwa")
    page.wait_for_selector(".kt-finder__results a")
    links = page.locator(".kt-finder__results a")
    assert links.count() == 1 and links.first.text_content() == "Sekretariat Daerah Kabupaten Purwakarta"
    assert "1 lembaga ditemukan" in page.locator(".kt-finder__status").text_content()
    index = [u for u in page.seen if "/pagefind/kt/n/" in u]
    assert [u.rsplit("/", 1)[1] for u in index] == ["pur.json"]  # one small file, not a national list
    links.first.click()
    page.wait_for_url("**/lembaga/setda-kab-purwakarta/")
    assert not page.failed


def test_words_of_the_region_narrow_and_generic_words_alone_ask_for_more(page, base_url):
    page.goto(base_url)
    page.fill("#kt-find-h", "dinas")
    page.wait_for_function("() => document.querySelector('.kt-finder__status').textContent.length > 0")
    assert "3 huruf" in page.locator(".kt-finder__status").text_content()
    page.fill("#kt-find-h", "kependudukan badung")
    page.wait_for_selector(".kt-finder__results a")
    assert page.locator(".kt-finder__results a").all_text_contents() == [
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Badung"]
    page.fill("#kt-find-h", "kependudukan paser")
    page.wait_for_function("() => document.querySelector('.kt-finder__status').textContent.startsWith('Tidak')")
    assert page.locator(".kt-finder__results a").count() == 0


def test_header_button_opens_the_finder_from_any_page(page, base_url):
    page.goto(base_url + "en/agencies/bkpsdm-kab-paser/")
    page.locator(".kt-header-find").click()
    page.wait_for_url("**/en/agencies/#kt-find-a")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'kt-find-a'")
    page.keyboard.type("tuban")
    page.wait_for_selector(".kt-finder__results a")
    assert page.locator(".kt-finder__results a").all_text_contents() == ["Kecamatan Merakurak"]
    assert "1 agencies" not in page.content()


def test_az_list_keeps_filter_and_sort_in_the_url(page, base_url):
    page.goto(base_url + "wilayah/35.23/")
    assert page.locator(".kt-az__count").text_content() == "1 lembaga ditampilkan"
    page.fill("#kt-az-q", "zzz")
    page.wait_for_url(re.compile(r"nama=zzz"))
    assert page.locator(".kt-az__count").text_content().startswith("0 ")
    assert page.locator(".kt-az__group").first.is_hidden()
    page.fill("#kt-az-q", "merak")
    page.select_option("#kt-az-sort", "indikator")
    page.wait_for_url(re.compile(r"urut=indikator"))
    page.reload()
    assert page.locator("#kt-az-q").input_value() == "merak"
    assert page.locator("#kt-az-sort").input_value() == "indikator"
    assert page.locator(".kt-az__sorted li a").all_text_contents() == ["Kecamatan Merakurak"]
    assert page.locator(".kt-az__letters").is_hidden()


def test_map_tiles_link_to_province_pages_and_are_big_enough_to_tap(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url)
    tiles = page.locator(".kt-map__svg a")
    assert tiles.count() == 4  # the provinces with agencies in the seeds
    for i in range(tiles.count()):
        box = tiles.nth(i).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
    for a in page.locator(".kt-agency-list a, .kt-map__legend + details a").all():
        if a.is_visible():
            assert a.bounding_box()["height"] >= 24
    page.locator(".kt-map__svg a[aria-label^='Jawa Timur']").click()
    page.wait_for_url("**/wilayah/35/")
    assert page.locator(".kt-map__svg a[aria-current=page]").get_attribute("aria-label").startswith("Jawa Timur")
    context.close()


def test_compare_link_leads_to_every_agency_measuring_it(page, base_url):
    page.goto(base_url + "lembaga/bkpsdm-kab-paser~2/")  # its positions' tables (the page is split)
    compare = page.locator("a.kt-compare").first
    compare.click()
    page.wait_for_url("**/tema/**")
    agencies = {re.search(r"/lembaga/([^/]+)/", a.get_attribute("href")).group(1)
                for a in page.locator(".kt-theme__table tbody a").all()}
    assert "bkpsdm-kab-paser" in agencies and len(agencies) >= 2
    row = page.locator(".kt-theme__table tbody a").first.get_attribute("href")
    page.locator(".kt-theme__table tbody a").first.click()
    anchor = row.split("#", 1)[1]
    page.wait_for_load_state()
    assert page.locator(f"[id='{anchor}']").count() == 1

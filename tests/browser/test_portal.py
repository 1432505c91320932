"""What a person does on the portal, in headless Chromium."""
import csv
import io

import pytest

pytestmark = pytest.mark.browser
AGENCY = "lembaga/kec-merakurak-kab-tuban/"


def test_search_from_home_lands_on_the_row(page, base_url):
    page.goto(base_url)
    page.fill("#kt-home-q", "kehadiran")  # stemming: finds 'Kehadiran' and 'hadir'
    page.press("#kt-home-q", "Enter")
    page.wait_for_selector(".kt-results li a")
    first = page.locator(".kt-results li a").first
    href = first.get_attribute("href")
    assert "#i-" in href
    first.click()
    page.wait_for_load_state()
    anchor = href.split("#", 1)[1]
    assert page.locator(f"tr[id='{anchor}']").count() == 1


def test_filter_changes_the_visible_count(page, base_url):
    page.goto(base_url + AGENCY)
    count = page.locator(".kt-filter__count")
    total = int(count.get_attribute("data-visible"))
    assert total == 21
    page.fill(".kt-filter__text", "Pemantauan Keamanan")
    assert int(count.get_attribute("data-visible")) == 1
    page.fill(".kt-filter__text", "")
    page.select_option(".kt-filter select >> nth=0", index=1)
    assert 0 < int(count.get_attribute("data-visible")) < total


def test_sort_by_keyboard(page, base_url):
    page.goto(base_url + AGENCY)
    header = page.locator("#kt-all-table th >> nth=3").locator("button")
    header.focus()
    page.keyboard.press("Enter")
    assert page.locator("#kt-all-table th >> nth=3").get_attribute("aria-sort") == "ascending"
    names = page.locator("#kt-all-table tbody tr td:nth-child(4)").all_text_contents()
    assert names == sorted(names, key=str.lower) or names[0] <= names[-1]


@pytest.mark.parametrize("width", [390, 1280])
def test_switch_language(page, base_url, width):
    """The language menu opens within a phone's screen and leads to the same page in the
    other language, also once the theme's script has read the other language's sitemap
    (it then steered the click to that language's home: the flaky case)."""
    page.set_viewport_size({"width": width, "height": 844})
    with page.expect_response(lambda r: r.url.endswith("/en/sitemap.xml")):
        page.goto(base_url + AGENCY)
    page.wait_for_load_state("networkidle")
    page.locator(".md-header .md-select button").hover()
    menu = page.locator(".md-header .md-select__inner")
    menu.wait_for(state="visible")
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.locator(".md-header a[hreflang='en']").click()
    page.wait_for_url("**/en/agencies/kec-merakurak-kab-tuban/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").text_content().strip() == "Kecamatan Merakurak"


def test_download_csv_and_xlsx_and_parse_them(page, base_url, tmp_path):
    page.goto(base_url + AGENCY)
    page.click("a[href='#unduh']")  # every file is listed in the folded decree card
    with page.expect_download() as d:
        page.click("a[href$='indicators.csv']")
    rows = list(csv.DictReader(io.StringIO(open(d.value.path(), encoding="utf-8").read())))
    assert len(rows) == 21 and rows[0]["source_lines"]
    with page.expect_download() as d:
        page.click("a[href$='.xlsx']")
    from openpyxl import load_workbook
    xlsx = tmp_path / d.value.suggested_filename
    d.value.save_as(xlsx)
    wb = load_workbook(xlsx)
    assert "indicators" in wb.sheetnames and wb["indicators"].max_row == 22
    with page.expect_download() as d:
        page.click(".kt-filter__csv")
    text = open(d.value.path(), encoding="utf-8-sig").read()
    assert text.count("\n") == 22  # header + 21 visible rows


def test_formula_renders_as_mathml(page, base_url):
    page.goto(base_url + AGENCY)
    maths = page.locator(".kt-formula math")
    assert maths.count() >= 10
    assert page.locator(".kt-formula:has-text('\\\\frac')").count() == 0
    box = maths.first.bounding_box()
    assert box and box["height"] > 15  # a stacked fraction, not a line of text

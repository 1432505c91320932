"""Reading the portal on a phone (390 px) and a desktop (1280 px), in headless Chromium:
nothing wider than the screen, no word broken inside, formulas inside their cells, the
agency page's first screen shows indicators, no console error or failed request, axe
clean with the charts, a cited passage of the decree's text marked when a row links to it."""
import pytest
from kt_browser import axe_violations

pytestmark = pytest.mark.browser
WIDTHS = [390, 1280]
AGENCY = "lembaga/kec-merakurak-kab-tuban/"
# an agency with IKU, a long one (its positions on further pages), one of those pages, an
# IKI-only one with its chart, an English page, a decree's text
PAGES = [AGENCY, "lembaga/disdukcapil-kab-badung/", "lembaga/disdukcapil-kab-badung~2/",
         "lembaga/setda-kab-purwakarta/", "en/agencies/bkpsdm-kab-paser/", "lembaga/kec-merakurak-kab-tuban~teks/"]

# Elements wider than the screen that are not inside a box that scrolls or clips them.
OVERFLOW = """(w) => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1 || getComputedStyle(el).visibility === 'hidden') continue;
    let p = el, clipped = false;
    while ((p = p.parentElement) && p !== document.body) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { clipped = true; break; }
    }
    if (!clipped) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, elements: out.slice(0, 10)};
}"""

# Words of the page's text laid out over two lines: each word (a run of letters and digits:
# a line may end at a space, a hyphen, a slash or other punctuation, never inside such a
# run) is a Range whose client rects must all sit on one line. Codes and hashes are no
# words; MathML and SVG have their own layout.
SPLIT_WORDS = """(root) => {
  const skip = 'code, pre, math, svg, .kt-sha, .kt-code, script, style, .md-header, .md-tabs, .md-footer, .md-nav';
  const walker = document.createTreeWalker(document.querySelector(root) || document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  let node, checked = 0;
  while ((node = walker.nextNode())) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.getClientRects().length) continue;
    const text = node.textContent;
    const re = /[\\p{L}\\p{N}\\p{M}]+/gu;
    let m;
    while ((m = re.exec(text))) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0.5);
      checked++;
      if (rects.length > 1) {
        const tops = new Set(rects.map(r => Math.round(r.top)));
        const lefts = rects.map(r => r.left);
        // a new line: a rect starting left of its predecessor, lower down
        for (let i = 1; i < rects.length; i++) {
          if (rects[i].top > rects[i - 1].top + 2 && lefts[i] < lefts[i - 1]) { out.push(m[0]); break; }
        }
      }
    }
  }
  return {checked, split: out.slice(0, 10)};
}"""

# Formula boxes (the drawing and its text) that stick out of their cell.
FORMULA_OVERLAP = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('td.kt-formula')) {
    const c = cell.getBoundingClientRect();
    if (!c.width) continue;
    for (const el of cell.querySelectorAll('math, .kt-ft')) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;
      if (r.left < c.left - 1 || r.right > c.right + 1) out.push(cell.parentElement.id + ' ' + Math.round(r.right - c.right));
    }
  }
  return {cells: document.querySelectorAll('td.kt-formula').length, overlaps: out.slice(0, 10)};
}"""


def open_page(page, base_url, path, width, height=844):
    failed = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    return failed


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_reads_at_width(page, base_url, path, width):
    failed = open_page(page, base_url, path, width)
    over = page.evaluate(OVERFLOW, width)
    assert over["scrollWidth"] <= width and not over["elements"], over
    words = page.evaluate(SPLIT_WORDS, ".md-content")
    assert words["checked"] > 50 and not words["split"], words
    formulas = page.evaluate(FORMULA_OVERLAP)
    assert not formulas["overlaps"], formulas
    errors = [m for m in page.console_messages if "error" in m.lower() or "failed" in m.lower()]
    assert not errors and not failed, (errors, failed)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES[:5])
def test_first_screen_shows_indicators(page, base_url, path, width):
    open_page(page, base_url, path, width)
    height = page.evaluate("innerHeight")
    tops = page.evaluate("""() => [...document.querySelectorAll('table.kt-indicators tbody tr:not(.kt-g)')]
        .map(r => r.getBoundingClientRect()).filter(r => r.height > 0).map(r => r.top)""")
    assert tops and min(tops) < height - 40, (min(tops) if tops else None, height)


def test_formulas_have_plain_text_and_fit(page, base_url):
    open_page(page, base_url, AGENCY, 1280)
    assert page.locator(".kt-formula .kt-ft").count() >= 15
    assert page.locator(".kt-formula math[aria-hidden='true']").count() >= 5
    text = page.locator(".kt-formula .kt-ft").first.inner_text()
    assert "÷" in text and "Jumlah" in text
    # on a phone a wide drawing gives way to its text
    page.set_viewport_size({"width": 390, "height": 844})
    hidden = page.evaluate("""() => [...document.querySelectorAll('.kt-formula math.kt-wide')]
        .every(m => getComputedStyle(m).display === 'none')""")
    assert hidden


def test_cards_on_a_phone_have_labels(page, base_url):
    open_page(page, base_url, AGENCY, 390)
    row = page.locator("#iku tbody tr[id]").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    labels = row.evaluate("""r => [...r.cells].filter(c => c.textContent.trim())
        .map(c => getComputedStyle(c, '::before').content)""")
    assert '"Indikator"' in labels and '"Sumber data"' in labels and '"Baris sumber"' in labels
    open_page(page, base_url, AGENCY, 1280)
    assert page.locator("#iku tbody tr[id]").first.evaluate("r => getComputedStyle(r).display") == "table-row"


def test_row_link_opens_the_marked_passage(page, base_url):
    open_page(page, base_url, AGENCY, 390)
    link = page.locator("#iku tbody tr[id] td:last-child a").nth(1)
    href = link.get_attribute("href")
    assert "~teks/#L" in href
    link.click()
    page.wait_for_load_state("networkidle")
    first, last = (int(x) for x in href.split("#L", 1)[1].split("-"))
    marked = page.evaluate("() => [...document.querySelectorAll('.kt-source li.kt-hl')].map(li => li.id)")
    assert marked == [f"L{n}" for n in range(first, last + 1)]
    # the passage is on screen, below the sticky header
    top = page.evaluate(f"document.getElementById('L{first}').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= top < page.evaluate("innerHeight")


def test_row_reached_by_a_link_is_marked_below_the_header(page, base_url):
    open_page(page, base_url, AGENCY, 1280)
    anchor = page.locator("#iku tbody tr[id]").nth(1).get_attribute("id")
    page.goto(base_url + AGENCY + "#" + anchor)
    page.wait_for_timeout(300)
    row = page.locator(f"tr[id='{anchor}']")
    assert row.evaluate("r => getComputedStyle(r.cells[1]).backgroundColor") != "rgba(0, 0, 0, 0)"
    top = row.evaluate("r => r.getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert top >= header


def test_decree_card_is_folded_and_opens_from_its_link(page, base_url):
    open_page(page, base_url, AGENCY, 1280)
    card = page.locator("#tentang details.kt-card")
    assert card.evaluate("d => d.open") is False
    page.locator(".kt-lead a[href='#tentang']").click()
    page.wait_for_timeout(200)
    assert card.evaluate("d => d.open") is True


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["lembaga/setda-kab-purwakarta/", "lembaga/kec-merakurak-kab-tuban~teks/#L118-121"])
def test_axe_with_charts_and_text(page, base_url, path, width):
    open_page(page, base_url, path, width)
    if "purwakarta" in path:
        assert page.locator("figure.kt-chart svg[role='img'] title").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["", "en/", "indikator/?q=kehadiran", "unduh/", "kamus-data/", "rilis/",
                                  "wilayah/35/", "en/data-dictionary/", "membaca-data/"])
def test_no_missing_file_nor_console_error(page, base_url, path):
    failed = open_page(page, base_url, path, 1280)
    errors = [m for m in page.console_messages if "error" in m.lower() or "failed" in m.lower()]
    assert not errors and not failed, (errors, failed)

"""Every kind of page the portal builds, read in headless Chromium on a phone (390 px) and a
desktop (1280 px). One crawl (CRAWL, which test_crawl_covers_every_kind_of_page holds to
every kind of page the build writes, in both languages) asserts on each page: nothing wider
than the screen, no word broken inside, no formula sticking out of its cell, no console
error, no failed request, axe at 0 violations (with the charts and the map where the page
has them). Then what only some pages have: the agency page's first screen shows indicators,
cards on a phone, formulas' plain text, a row's link to the marked decree passage, the
language menu on a phone."""
import re

import pytest

from kt_browser import axe_violations

pytestmark = pytest.mark.browser
WIDTHS = [390, 1280]
AGENCY = "lembaga/kec-merakurak-kab-tuban/"

# Every kind of page the build writes, by its site-relative address (directory style).
KINDS = {
    "home": r"(en/)?",
    "agency list": r"(lembaga|en/agencies)/",
    "agency": r"(lembaga|en/agencies)/[^/~]+/",
    "agency, further page": r"(lembaga|en/agencies)/[^/~]+~\d+/",
    "decree text": r"(lembaga|en/agencies)/[^/~]+~teks(-\d+)?/",
    "explorer": r"(indikator|en/indicators)/",
    "theme list": r"(tema|en/themes)/",
    "theme": r"(tema|en/themes)/[^/]+/",
    "province": r"(wilayah|en/regions)/(\d+|x)/",
    "kabupaten": r"(wilayah|en/regions)/\d+\.\d+/",
    "downloads": r"(unduh|en/downloads)/",
    "dictionary": r"(kamus-data|en/data-dictionary)/",
    "quality": r"(kualitas-data|en/data-quality)/",
    "reading": r"(membaca-data|en/reading-data)/",
    "about": r"(tentang|en/about)/",
    "releases": r"(rilis|en/releases)/",
    "not found": r"(en/)?404\.html",
}

# (kind, address, what the page must show): an address with * is the first built page it
# matches (theme ids come from the data).
CHART = "figure.kt-chart svg[role='img'] title"
MAP = ".kt-map__svg a"
CRAWL = [
    ("home", "", MAP), ("home", "en/", MAP),
    ("agency list", "lembaga/", ".kt-finder"), ("agency list", "en/agencies/", ".kt-finder"),
    ("agency", AGENCY, ".kt-formula math"),  # IKU and IKI, formulas
    ("agency", "lembaga/disdukcapil-kab-badung/", ".kt-parts"),  # long: its positions on further pages
    ("agency", "lembaga/setda-kab-purwakarta/", CHART),  # IKI only, the goals chart
    ("agency", "lembaga/kecamatan-5e37c471/", "table.kt-indicators"),  # no province
    ("agency", "en/agencies/bkpsdm-kab-paser/", "table.kt-indicators"),
    ("agency, further page", "lembaga/disdukcapil-kab-badung~2/", "table.kt-indicators"),
    ("agency, further page", "en/agencies/setda-kab-purwakarta~2/", "table.kt-indicators"),
    ("decree text", AGENCY.rstrip("/") + "~teks/#L118-121", ".kt-source li.kt-hl"),
    ("decree text", "lembaga/disdukcapil-kab-badung~teks-2/", ".kt-source li"),
    ("decree text", "en/agencies/bkpsdm-kab-paser~teks/", ".kt-source li"),
    ("explorer", "indikator/?q=kehadiran", ".kt-results li"),
    ("explorer", "indikator/?q=kehadran", ".kt-search-note"),  # a typo, corrected
    ("explorer", "indikator/?provinsi=Jawa%20Barat&jenis=IKI&hal=2", ".kt-results li"),  # no keyword
    ("explorer", "en/indicators/?q=dokumen", ".kt-results li"),
    ("theme list", "tema/", ".kt-themes__table a"), ("theme list", "en/themes/", ".kt-themes__table a"),
    ("theme", "tema/*/", ".kt-theme__table a"), ("theme", "en/themes/*/", ".kt-theme__table a"),
    ("province", "wilayah/35/", MAP), ("province", "wilayah/x/", ".kt-agency-list"),
    ("province", "en/regions/51/", MAP),
    ("kabupaten", "wilayah/35.23/", ".kt-az"), ("kabupaten", "en/regions/64.01/", ".kt-az"),
    ("downloads", "unduh/", "a[download]"), ("downloads", "en/downloads/", "a[download]"),
    ("dictionary", "kamus-data/", "table"), ("dictionary", "en/data-dictionary/", "table"),
    ("quality", "kualitas-data/", "table"), ("quality", "en/data-quality/", "table"),
    ("reading", "membaca-data/", "h2"), ("reading", "en/reading-data/", "h2"),
    ("about", "tentang/", "h2"), ("about", "en/about/", "h2"),
    ("releases", "rilis/", "h2"), ("releases", "en/releases/", "h2"),
    ("not found", "404.html", "h1"), ("not found", "en/404.html", "h1"),
]

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
      // a new line: a rect starting left of its predecessor, lower down
      for (let i = 1; i < rects.length; i++) {
        if (rects[i].top > rects[i - 1].top + 2 && rects[i].left < rects[i - 1].left) { out.push(m[0]); break; }
      }
    }
  }
  return {checked, split: out.slice(0, 10)};
}"""

# Formula boxes (the drawing and its text) that stick out of their cell, and drawn terms
# cut short (a term's text measured wider than its box: MathML shows one line of it).
FORMULA_OVERLAP = """() => {
  const out = [], cut = [];
  const ctx = document.createElement('canvas').getContext('2d');
  for (const t of document.querySelectorAll('td.kt-formula math mtext')) {
    const box = t.getBoundingClientRect();
    if (!box.width) continue;
    const s = getComputedStyle(t);
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const w = ctx.measureText(t.textContent).width;
    if (w > box.width + 2) cut.push(t.closest('tr').id + ' ' + Math.round(w) + '>' + Math.round(box.width));
  }
  for (const cell of document.querySelectorAll('td.kt-formula')) {
    const c = cell.getBoundingClientRect();
    if (!c.width) continue;
    for (const el of cell.querySelectorAll('math, .kt-ft')) {
      const r = el.getBoundingClientRect();
      if (!r.width) continue;
      if (r.left < c.left - 1 || r.right > c.right + 1) out.push(cell.parentElement.id + ' ' + Math.round(r.right - c.right));
    }
  }
  return {cells: document.querySelectorAll('td.kt-formula').length, overlaps: out.slice(0, 10), cut: cut.slice(0, 10)};
}"""


def address(site, path: str) -> str:
    """The crawl's address of a built file: 'lembaga/x/' for lembaga/x/index.html."""
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def kind_of(addr: str) -> list[str]:
    return [k for k, pattern in KINDS.items() if re.fullmatch(pattern, addr)]


def resolve(site, path: str) -> str:
    if "*" not in path:
        return path
    return next(address(site, p) for p in sorted(site.glob(path + "index.html")))


def open_page(page, base_url, path, width, height=844):
    """Open a page at a width; requests that failed and errors are collected as it loads."""
    failed = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda e: page.console_messages.append(f"error: {e}"))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    return failed


def test_crawl_covers_every_kind_of_page(site):
    """Each page the build writes is of one kind; each kind is crawled in both languages,
    at an address the build wrote."""
    kinds = {}
    for p in site.rglob("*.html"):
        addr = address(site, p)
        found = kind_of(addr)
        assert len(found) == 1, (addr, found)
        kinds.setdefault(found[0], set()).add(addr)
    assert set(kinds) == set(KINDS)
    crawled = {}
    for kind, path, _ in CRAWL:
        addr = resolve(site, path).split("?", 1)[0].split("#", 1)[0]
        assert addr in kinds[kind], (kind, path)
        crawled.setdefault(kind, set()).add("en" if addr.startswith("en/") else "id")
    assert crawled == {k: {"id", "en"} for k in KINDS}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind,path,shows", CRAWL, ids=[p or "home" for _, p, _ in CRAWL])
def test_page_reads_at_width(page, base_url, site, kind, path, shows, width):
    failed = open_page(page, base_url, resolve(site, path), width)
    if kind == "explorer":  # its results come after the page has loaded
        page.wait_for_function("() => /\\d/.test(document.querySelector('.kt-search-status').textContent)")
    assert page.locator(shows).count(), shows
    over = page.evaluate(OVERFLOW, width)
    assert over["scrollWidth"] <= width and not over["elements"], over
    words = page.evaluate(SPLIT_WORDS, ".md-content")
    assert words["checked"] > 2 and not words["split"], words
    formulas = page.evaluate(FORMULA_OVERLAP)
    assert not formulas["overlaps"] and not formulas["cut"], formulas
    errors = [m for m in page.console_messages if "error" in m.lower() or "failed" in m.lower()]
    assert not errors and not failed, (errors, failed)
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [p for k, p, _ in CRAWL if k.startswith("agency") and k != "agency list"])
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

"""Every word the portal itself writes on an Indonesian page is Indonesian, and on an English
page English; numbers in the page's language. A page's words minus the data's own words
(every cell of every package: names, decree text) are the interface's; none of them may be
a common word of the other language. Codes (file names, formulas, citations) are in <code>,
<pre> or <math>; text in another language on purpose says so with a lang attribute."""
import html
import re

import pytest
from kt_testing import ROOT

from generator.build import Options, build

WORD = re.compile(r"[A-Za-z]+")
SKIP = re.compile(r"<(code|pre|script|style|math|svg|kbd)\b.*?</\1>|^```.*?^```|`[^`\n]+`", re.DOTALL | re.IGNORECASE | re.MULTILINE)
TAG = re.compile(r"<[^>]+>")
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
# common words of one language that are not words of the other (nor proper names)
ENGLISH = {"the", "of", "and", "with", "for", "from", "this", "these", "other", "all", "more", "page", "pages",
           "agency", "agencies", "indicator", "indicators", "position", "positions", "decree", "decrees", "goal",
           "goals", "download", "downloads", "search", "file", "files", "row", "rows", "shown", "added",
           "removed", "changed", "year", "years", "baseline", "source", "chart", "about", "release", "releases",
           "version", "quality", "documents", "duties", "regions", "descriptor", "lines", "found", "similar",
           "flat", "whole", "each", "every", "not", "none"}
INDONESIAN = {"dan", "yang", "untuk", "dari", "dengan", "ini", "lembaga", "indikator", "jabatan", "sasaran",
              "unduh", "unduhan", "halaman", "baris", "berkas", "ditambah", "dihapus", "diubah", "semua",
              "lainnya", "tahun", "keputusan", "sumber", "tentang", "kutip", "cari", "wilayah", "teks", "ukuran",
              "serupa", "bertanda", "terakhir", "formulasi", "penghitungan", "grafik", "datar"}


def foreign_marked(text: str, lang: str) -> str:
    """The text without elements that say they are in another language (lang="..")."""
    return re.sub(r'<(\w+)\b[^>]*\blang="(?!' + lang + r'")[^"]*"[^>]*>.*?</\1>', " ", text, flags=re.DOTALL)


def interface_words(page: str, lang: str, data: set[str]) -> set[str]:
    m = FRONT.match(page)
    front = " ".join(re.findall(r"^(?:title|description): (.*)$", m.group(1), re.MULTILINE)) if m else ""
    body = page[m.end():] if m else page
    text = html.unescape(TAG.sub(" ", SKIP.sub(" ", foreign_marked(body, lang)))) + " " + html.unescape(front)
    return {w.lower() for w in WORD.findall(text)} - data


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("lang") / "docs"
    result = build(Options(packages=ROOT / "datapackages", decrees=ROOT / "decrees", out=out, mkdocs=False,
                           releases=ROOT / "releases"))
    # agency pages are filled into the mkdocs shell after mkdocs (one render path): write each
    # page's front matter and body beside the section pages, as the shell would get them
    import yaml

    from generator.i18n import page_path
    for lang, renderer in result.renderers.items():
        for agency in renderer.portal.agencies:
            texts = {page_id for page_id, _, _ in renderer.text_pages(agency)}  # the decree's own words
            for page_id, meta, body in renderer.agency_pages(agency):
                if page_id in texts:
                    continue
                path = out / lang / (page_path(lang, "agency", id=page_id) + ".md")
                path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def data_words():
    words: set[str] = set()
    for p in (ROOT / "datapackages").rglob("*.csv"):
        words |= {w.lower() for w in WORD.findall(p.read_text(encoding="utf-8"))}
    return words


@pytest.mark.parametrize("lang,foreign", [("id", ENGLISH), ("en", INDONESIAN)])
def test_no_other_language_on_a_page(docs, data_words, lang, foreign):
    pages = [p for p in sorted((docs / lang).rglob("*.md")) if "sumber" not in p.parts]
    assert len(pages) > 10
    leaks = {}
    for p in pages:
        found = interface_words(p.read_text(encoding="utf-8"), lang, data_words) & foreign
        if found:
            leaks[p.relative_to(docs).as_posix()] = sorted(found)
    assert not leaks, leaks


def test_the_test_sees_a_leak(data_words):
    page = '---\ntitle: Lembaga\n---\n<p>agencies: 5 ditambah</p><code>agencies.csv</code><td lang="en">the x</td>'
    assert interface_words(page, "id", data_words) & ENGLISH == {"agencies"}


def test_counts_and_numbers_on_agency_pages(docs):
    id_page = (docs / "id/lembaga/bkpsdm-kab-paser.md").read_text(encoding="utf-8")
    en_page = (docs / "en/agencies/bkpsdm-kab-paser.md").read_text(encoding="utf-8")
    assert "<strong>394</strong> indikator" in id_page and "<strong>394</strong> indicators" in en_page
    assert "<strong>45</strong> jabatan" in id_page and "<strong>45</strong> positions" in en_page


ONE_PLURAL = re.compile(r"(?<![\d.,])1(?:</strong>)?\s+(agencies|indicators|positions|decrees|goals|files|years|rows|pages)\b")


def test_one_is_singular_on_english_pages(docs):
    """'1 agency', never '1 agencies' (home tiles, region lists, quality tables, flagged rows)."""
    found = {(p.relative_to(docs).as_posix(), m.group(0)) for p in (docs / "en").rglob("*.md")
             for m in ONE_PLURAL.finditer(p.read_text(encoding="utf-8"))}
    assert not found, sorted(found)[:10]
    assert ONE_PLURAL.search("<li><strong>1</strong> agencies</li>") and not ONE_PLURAL.search("21 agencies")


def test_quality_shares_use_the_page_decimal_mark(docs):
    id_page = (docs / "id/kualitas-data/index.md").read_text(encoding="utf-8")
    en_page = (docs / "en/data-quality/index.md").read_text(encoding="utf-8")
    assert re.search(r"<td[^>]*>\d+,\d%</td>", id_page) and not re.search(r"<td[^>]*>\d+\.\d%</td>", id_page)
    assert re.search(r"<td[^>]*>\d+\.\d%</td>", en_page) and not re.search(r"<td[^>]*>\d+,\d%</td>", en_page)

"""Golden files of the pages as they are published: the content (<article>) of every
generated page of the basic fixture's built site, both languages, agency pages filled
into the mkdocs shell as users get them (refresh: pytest --update-golden; review the diff)."""
import re
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.render import front_matter, rel

from kt_testing import BASIC, FIXTURE_DECREES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "basic"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


@pytest.fixture(scope="module")
def site(basic_site):
    return basic_site  # built once per worker (tests/conftest.py)


def hand_written(site: Path) -> set[Path]:
    """The pages made from content/<lang>/*.md, not by the generator."""
    out = set()
    for md in (ROOT / "content").rglob("*.md"):
        lang, *parts = md.relative_to(ROOT / "content").with_suffix("").parts
        if parts[-1] == "index":
            parts = parts[:-1]
        out.add(Path(*(([] if lang == "id" else [lang]) + parts + ["index.html"])))
    return out


def generated_pages(site: Path) -> dict[Path, str]:
    """Golden name (the page's folder + .html) -> its <article> content."""
    skip = hand_written(site)
    pages = {}
    for page in sorted(site.rglob("index.html")):
        rel_path = page.relative_to(site)
        if rel_path in skip or rel_path.parts[0] in ("releases", "assets", "pagefind", "search"):
            continue
        m = ARTICLE.search(page.read_text(encoding="utf-8"))
        if m is None:
            continue
        name = rel_path.parent.as_posix() if rel_path.parent != Path(".") else "index"
        pages[Path(name + ".html")] = m.group(1).strip() + "\n"
    return pages


def test_golden_published_pages(site, update_golden):
    pages = generated_pages(site)
    assert Path("lembaga/kec-contoh-kab-tuban.html") in pages
    assert Path("en/agencies/kec-contoh-kab-tuban.html") in pages
    if update_golden:
        for old in list(GOLDEN.rglob("*.md")) + list(GOLDEN.rglob("*.html")):
            old.unlink()
        for p, text in pages.items():
            (GOLDEN / p).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / p).write_text(text, encoding="utf-8")
    golden = sorted(p.relative_to(GOLDEN) for p in GOLDEN.rglob("*.html"))
    assert sorted(pages) == golden, "published pages differ from the golden set (run pytest --update-golden)"
    for p, text in pages.items():
        assert text == (GOLDEN / p).read_text(encoding="utf-8"), p


def test_agency_page_content(site):
    page = (site / "lembaga/kec-contoh-kab-tuban/index.html").read_text(encoding="utf-8")
    assert 'id="p-sekretaris-kecamatan"' in page and 'id="p-kepala-seksi-pemerintahan"' in page
    assert page.count('<tr id="i-') == 3  # every indicator once, with an anchor
    assert "<math" in page and "mfrac" in page  # LaTeX and ASCII ratio both drawn as MathML
    assert "35.23" in page and "JAWA TIMUR" in page
    assert "Teks sumber terpotong" in page  # the truncated_source flag is visible
    assert 'type="application/ld+json"' in page and "sha256-" in page  # JSON-LD and CSP hashes: the published page
    en = (site / "en/agencies/kec-contoh-kab-tuban/index.html").read_text(encoding="utf-8")
    assert "Source text is truncated" in en and "Persentase kehadiran pegawai" in en  # data not translated


def test_the_preview_writes_the_agency_shell_not_agency_markdown(tmp_path):
    """`make serve` renders agency pages through the same shell as the build (no Markdown page)."""
    from generator.render import SHELL_ID

    result = build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=tmp_path / "docs", mkdocs=False,
                           releases=tmp_path / "no-releases"))
    assert (tmp_path / "docs" / "id" / "lembaga" / f"{SHELL_ID}.md").is_file()
    assert not (tmp_path / "docs" / "id" / "lembaga" / "kec-contoh-kab-tuban.md").exists()
    assert set(result.renderers) == {"id", "en"}


def test_front_matter_is_escaped():
    fm = front_matter(title='<script>alert("x")</script>: a', description="x\ny")
    assert "<script>" not in fm and "&lt;script&gt;" in fm


@pytest.mark.parametrize("a,b,expected", [
    ("lembaga/x/", "unduh/x/x.zip", "../../unduh/x/x.zip"),
    ("", "lembaga/", "lembaga/"),
    ("en/agencies/x/", "unduh/a.csv", "../../../unduh/a.csv"),
    ("en/", "", "../"),
    ("lembaga/", "lembaga/", "./"),
])
def test_relative_links(a, b, expected):
    assert rel(a, b) == expected

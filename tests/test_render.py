"""Golden files for the generated Markdown of the basic fixture (refresh: pytest --update-golden)."""
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.render import front_matter, rel

from kt_testing import BASIC, FIXTURE_DECREES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "basic"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs") / "docs"
    # no releases: golden pages must not change when the repository freezes a release
    build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=out, mkdocs=False,
                  releases=out.parent / "no-releases"))
    return out


def generated_pages(docs: Path) -> list[Path]:
    content = ROOT / "content"
    return sorted(p.relative_to(docs) for p in docs.rglob("*.md")
                  if not (content / p.relative_to(docs)).exists())


def test_golden_markdown(docs, update_golden):
    pages = generated_pages(docs)
    assert Path("id/lembaga/kec-contoh-kab-tuban.md") in pages
    assert Path("en/agencies/kec-contoh-kab-tuban.md") in pages
    if update_golden:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for p in pages:
            (GOLDEN / p).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / p).write_text((docs / p).read_text(encoding="utf-8"), encoding="utf-8")
    golden = sorted(p.relative_to(GOLDEN) for p in GOLDEN.rglob("*.md"))
    assert pages == golden, "generated pages differ from golden set (run pytest --update-golden)"
    for p in pages:
        assert (docs / p).read_text(encoding="utf-8") == (GOLDEN / p).read_text(encoding="utf-8"), p


def test_agency_page_content(docs):
    page = (docs / "id/lembaga/kec-contoh-kab-tuban.md").read_text(encoding="utf-8")
    assert 'id="p-sekretaris-kecamatan"' in page and 'id="p-kepala-seksi-pemerintahan"' in page
    assert page.count('<tr id="i-') == 3  # every indicator once, with an anchor
    assert "<math" in page and "mfrac" in page  # LaTeX and ASCII ratio both drawn as MathML
    assert "35.23" in page and "JAWA TIMUR" in page
    assert "Teks sumber terpotong" in page  # the truncated_source flag is visible
    en = (docs / "en/agencies/kec-contoh-kab-tuban.md").read_text(encoding="utf-8")
    assert "Source text is truncated" in en and "Persentase kehadiran pegawai" in en  # data not translated


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

"""Integration: a real `mkdocs build --strict` of the fixture portal, both languages."""
import re
import shutil

import pytest

from generator.build import Options, build
from generator.errors import DataError

from kt_testing import BASIC, FIXTURE_DECREES, edit_cell


@pytest.fixture(scope="module")
def site(basic_site):
    return basic_site  # built with --strict once per test run (tests/conftest.py)


def test_pages_and_files_exist(site):
    for path in ["index.html", "lembaga/index.html", "lembaga/kec-contoh-kab-tuban/index.html",
                 "kamus-data/index.html", "unduh/index.html", "tentang/index.html",
                 "en/index.html", "en/agencies/kec-contoh-kab-tuban/index.html", "en/about/index.html",
                 "unduh/semua/kinerja-terbuka.zip", "unduh/SHA256SUMS", "sumber/fixture_a.txt"]:
        assert (site / path).is_file(), path


def test_agency_page_html(site):
    html = (site / "lembaga/kec-contoh-kab-tuban/index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in html
    assert html.count('<tr id="i-') == 3
    assert "<math" in html and "Content-Security-Policy" in html
    assert re.search(r'href="\.\./\.\./unduh/kec-contoh-kab-tuban-iku-iki-2024/[^"]+\.xlsx"', html)
    en = (site / "en/agencies/kec-contoh-kab-tuban/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en and "../../../unduh/" in en


def test_nav_holds_only_section_pages(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary'):]
    assert "kec-contoh-kab-tuban/" not in nav.split("</nav>")[0]


def test_failed_build_leaves_previous_site(tmp_path, site):
    out = tmp_path / "site"
    shutil.copytree(site, out)  # a site a build wrote (its marker file included)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    bad = tmp_path / "bad"
    shutil.copytree(BASIC, bad)
    edit_cell(bad / "kec-contoh-kab-tuban-iku-iki-2024", "indicators", 0, "goal_id", "nope")
    with pytest.raises(DataError):
        build(Options(packages=bad, decrees=FIXTURE_DECREES, out=out))
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not list(tmp_path.glob(".site-*")), "staging folders must be cleaned up"


def test_two_builds_are_byte_identical(tmp_path, site):
    again = tmp_path / "again"  # built as tests/conftest.py's basic_site is
    build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=again, releases=tmp_path / "no-releases",
                  strict=True))
    a = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    b = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert a.keys() == b.keys()
    differing = [k for k in a if a[k] != b[k]]
    assert not differing, differing[:5]


def test_agency_pages_filled_from_shell(site):
    page = (site / "lembaga/kec-contoh-kab-tuban/index.html").read_text(encoding="utf-8")
    assert "<title>Kecamatan Contoh - Kinerja Terbuka</title>" in page
    # the language switch leads to the same page; link[rel=alternate] to the language's root
    # (the theme fetches sitemap.xml beside it)
    assert 'href="../../en/agencies/kec-contoh-kab-tuban/" hreflang="en"' in page
    assert '<link rel="alternate" href="../../en/" hreflang="en">' in page
    assert not (site / "lembaga/_shell").exists() and not (site / "en/agencies/_shell").exists()
    for html in site.rglob("*.html"):
        assert "KT-SHELL" not in html.read_text(encoding="utf-8"), html
    assert "lembaga/kec-contoh-kab-tuban/</loc>" in (site / "sitemap.xml").read_text()
    assert "_shell" not in (site / "en/sitemap.xml").read_text()


def test_shell_placeholders_in_data_stay_text(tmp_path):
    from generator.site.shell import Shell
    shell = Shell("<title>KT-SHELL-TITLE</title><div class=\"kt-shell-body\">KT-SHELL-BODY</div>KT-SHELL-TITLE")
    out = shell.fill({"title": "A &amp; B"}, "<p>KT-SHELL-TITLE</p>")
    assert out == "<title>A &amp; B</title><p>KT-SHELL-TITLE</p>A &amp; B"

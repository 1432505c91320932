"""The real portal (datapackages/ + decrees/), built once as `make site` builds it, passes the
full safety scan `make check` runs, archives included, so no NIP is in any of its outputs:
HTML, JSON, CSV, XLSX, TXT, XML, zip members and Pagefind's gzip fragments (the scan is seen
reading each kind); and its pages keep within the page-weight budget (tests/test_page_weight.py).

The real portal's build and full scan are the heaviest test there is (~10 s of CPU): they run
in `make test-slow` (CI). `make test` runs the same scan over the hostile fixture's site (every
kind of output, hostile text in every field; built once per run by tests/conftest.py); the
page budget and the split into further pages per language are tested in
tests/test_page_weight.py."""
import collections
from pathlib import Path

import pytest

from generator.build import Options, build
from generator.site import SiteConfig
from generator.scan import scan_site

from kt_testing import ROOT


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "site"
    build(Options(packages=ROOT / "datapackages", decrees=ROOT / "decrees", out=out, strict=True))
    return out


@pytest.mark.parametrize("which", ["hostile_site", pytest.param("real_site", marks=pytest.mark.slow)])
def test_full_scan_is_clean_and_reads_every_kind_of_output(which, request, monkeypatch):
    """`make check`'s scan finds nothing (no NIP, no unsafe markup or link), and it did read
    every kind of output: each page, each file's text, zip members and gzip streams opened,
    went through the NIP detector."""
    site = request.getfixturevalue(which)
    import generator.scan
    read = collections.Counter()
    check_text = generator.scan._check_text

    def spy(name, text, formulas=True):
        top = name.split("!")[0]
        read[Path(top).suffix or Path(top).name] += 1
        return check_text(name, text, formulas)
    pages_read = []  # pages are read for an NIP by the page pass (and then not again)
    scan_pages = generator.scan.scan_pages

    def pages_spy(site, pages, base_path="/", nip=True, *args, **kw):
        pages_read.extend(pages if nip else [])
        return scan_pages(site, pages, base_path, nip, *args, **kw)
    monkeypatch.setattr(generator.scan, "_check_text", spy)
    monkeypatch.setattr(generator.scan, "scan_pages", pages_spy)
    findings = scan_site(site, base_path=SiteConfig.read(Options().config).base_path, archives=True)
    assert [str(f) for f in findings] == []
    assert sorted(pages_read) == sorted(site.rglob("*.html"))
    for kind in (".json", ".csv", ".xlsx", ".txt", ".zip", ".xml", ".pf_fragment"):
        assert read[kind], f"no {kind} output was scanned"
    assert read[".xlsx"] > len(list(site.rglob("*.xlsx")))  # members of the workbooks, not the files


@pytest.mark.slow
def test_real_portal_pages_within_budget(real_site):
    from test_page_weight import BUDGET
    sizes = {p.relative_to(real_site).as_posix(): p.stat().st_size for p in real_site.rglob("*.html")}
    largest = max(sizes, key=lambda k: sizes[k])
    assert sizes[largest] <= BUDGET, (largest, sizes[largest])
    # a long agency has the same further pages in both languages: every language switch lands
    further = {lang: {p.parent.name for p in (real_site / prefix).glob("*/*~*/index.html")}
               for lang, prefix in (("id", "."), ("en", "en"))}
    assert further["id"] and further["id"] == further["en"], further

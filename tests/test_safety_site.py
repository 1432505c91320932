"""The real portal (datapackages/ + decrees/), built once as `make site` builds it, passes the
full safety scan `make check` runs, archives included; no NIP is in any of its outputs:
HTML, JSON, CSV, XLSX, TXT, XML, zip members and Pagefind's gzip fragments; and its pages
keep within the page-weight budget (tests/test_page_weight.py)."""
import collections

import pytest

from generator.build import Options, build
from generator.site import SiteConfig
from generator.privacy import find_nip
from generator.scan import BINARY_SUFFIXES, _contents, scan_site

from kt_testing import ROOT


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "site"
    build(Options(packages=ROOT / "datapackages", decrees=ROOT / "decrees", out=out, strict=True))
    return out


def test_full_scan_is_clean(real_site):
    findings = scan_site(real_site, base_path=SiteConfig.read(Options().config).base_path, archives=True)
    assert [str(f) for f in findings] == []


def test_no_nip_in_any_output(real_site):
    kinds = collections.Counter()
    for f in sorted(real_site.rglob("*")):
        if not f.is_file() or f.suffix.lower() in BINARY_SUFFIXES:
            continue
        for name, text in _contents(f.relative_to(real_site).as_posix(), f.read_bytes()):
            kinds[f.suffix or f.name] += 1
            assert not find_nip(text), name
    for kind in (".html", ".json", ".csv", ".xlsx", ".txt", ".zip", ".xml", ".pf_fragment"):
        assert kinds[kind], f"no {kind} output was scanned"


def test_real_portal_pages_within_budget(real_site):
    from test_page_weight import BUDGET
    sizes = {p.relative_to(real_site).as_posix(): p.stat().st_size for p in real_site.rglob("*.html")}
    largest = max(sizes, key=lambda k: sizes[k])
    assert sizes[largest] <= BUDGET, (largest, sizes[largest])
    # a long agency has the same further pages in both languages: every language switch lands
    further = {lang: {p.parent.name for p in (real_site / prefix).glob("*/*~*/index.html")}
               for lang, prefix in (("id", "."), ("en", "en"))}
    assert further["id"] and further["id"] == further["en"], further

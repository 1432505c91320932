"""The real portal (datapackages/ + decrees/), built as `make site` builds it, passes the
full safety scan `make check` runs, archives included; and no NIP is in any of its outputs:
HTML, JSON, CSV, XLSX, TXT, XML, zip members and Pagefind's gzip fragments."""
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

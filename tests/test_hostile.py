"""Hostile text in every field builds into inert pages (the scan runs inside the build)."""
import re

import pytest

from generator.build import Options, build
from generator.scan import scan_site

from kt_testing import FIXTURE_DECREES, FIXTURES

HOSTILE = FIXTURES / "packages" / "hostile"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "site"
    build(Options(packages=HOSTILE, decrees=FIXTURE_DECREES, out=out, strict=True))
    return out


def test_scan_is_clean(site):
    from generator.build import site_base_path
    assert scan_site(site, base_path=site_base_path(Options())) == []


def test_payloads_show_as_text(site):
    page = (site / "lembaga/kec-contoh-kab-tuban/index.html").read_text()
    assert "window.__pwned" in page  # the text is there...
    assert "<script>window.__pwned" not in page and "<img src=x onerror" not in page  # ...but inert
    assert "&lt;script&gt;window.__pwned" in page
    assert not re.search(r'href="\s*javascript:', page, re.I)
    assert "{{ config.site_name }}" in page  # Jinja in data is not evaluated
    assert "<title>" in page and "<script>alert" not in page.split("</head>")[0]
    for html in site.rglob("*.html"):
        assert "KT-SHELL" not in html.read_text().replace("KT-SHELL-TITLE KT-SHELL-BODY", "")


def test_markdown_and_attr_list_are_not_interpreted(site):
    page = (site / "lembaga/kec-contoh-kab-tuban/index.html").read_text()
    assert "![gambar](https://evil.example/x.png)" in page  # shown, not an <img>
    assert 'src="https://evil.example' not in page
    assert 'onclick="window' not in page and "onclick=&#34;window.__pwned" in page  # text, not attribute

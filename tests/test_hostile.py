"""Hostile text in every field builds into inert pages (the scan runs inside the build)."""
import re

import pytest

from generator.build import Options
from generator.scan import scan_site

from kt_testing import FIXTURES

HOSTILE = FIXTURES / "packages" / "hostile"


@pytest.fixture(scope="module")
def site(hostile_site):
    return hostile_site  # built once per test run (tests/conftest.py)


def test_scan_is_clean(site):
    from generator.site import SiteConfig
    assert scan_site(site, base_path=SiteConfig.read(Options().config).base_path) == []


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


def test_every_text_field_carries_payloads():
    """New text columns get payloads too: TEXT_FIELDS must list every free-text field."""
    import json
    import sys
    sys.path.insert(0, str(FIXTURES))
    from make_fixtures import DOC, PAYLOADS, TEXT_FIELDS
    from kt_testing import read_rows
    for name in TEXT_FIELDS:
        schema = json.loads((HOSTILE / "schemas" / f"{name}.json").read_text())
        free = {f["name"] for f in schema["fields"] if f.get("type", "string") == "string"
                and not {"pattern", "enum"} & set(f.get("constraints", {}))
                and not f["name"].endswith(("_id", "_code")) and f["name"] != "supersedes"}  # references
        assert free == set(TEXT_FIELDS[name]), name
        for row in read_rows(HOSTILE / DOC / f"{name}.csv"):
            for field in TEXT_FIELDS[name]:
                assert sum(p in row[field] for p in PAYLOADS) >= 2, (name, field)


def test_breakouts_stay_inside_their_context(site):
    page = (site / "lembaga/kec-contoh-kab-tuban/index.html").read_text()
    head = page.split("</head>")[0]
    assert head.count("<title>") == 1 and "</textarea>" not in page and "<base" not in page
    assert "<svg/onload" not in page and "<style>body" not in page and 'http-equiv="refresh"' not in page
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned" in page or "\\u003c/script\\u003e" in page


def test_xlsx_downloads_hold_only_text_and_numbers(site):
    from openpyxl import load_workbook
    books = sorted(site.rglob("*.xlsx"))
    assert books
    for book in books:
        wb = load_workbook(book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type in ("s", "n"), (book.name, ws.title, c.coordinate, c.data_type)
                    if isinstance(c.value, str):
                        assert "window.__pwned" not in c.value or c.data_type == "s"

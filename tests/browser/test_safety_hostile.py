"""Headless Chromium loads every page of the hostile site: no script runs, no dialog opens."""
import pytest

from kt_browser import ROOT, build_site, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    site = build_site(ROOT / "tests/fixtures/packages/hostile", ROOT / "tests/fixtures/decrees",
                      tmp_path_factory.mktemp("h") / "site")
    server = serve(site)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    server.shutdown()


def test_no_script_runs_on_any_page(page, hostile_url):
    base, pages = hostile_url
    assert len(pages) > 20
    for path in pages:
        page.goto(base + path.removesuffix("index.html"))
        page.wait_for_timeout(150)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    assert page.dialogs == []
    # the inline payloads were blocked twice over: escaped, and by the CSP were they not
    assert not [m for m in page.console_messages if "__pwned" in m]

"""Headless Chromium loads every page of the hostile site: no script runs, no dialog opens,
no CSP violation; and the CSP itself blocks an inline script the build did not hash while
the theme's own hashed scripts run."""

import pytest

from kt_browser import ROOT, build_site, serve

pytestmark = pytest.mark.browser

# Violations are collected from the page itself (the event fires for meta policies too).
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));"""


def _serve_site(site):
    server = serve(site)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return server, f"http://127.0.0.1:{server.server_address[1]}/", pages


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    site = build_site(ROOT / "tests/fixtures/packages/hostile", ROOT / "tests/fixtures/decrees",
                      tmp_path_factory.mktemp("h") / "site")
    server, base, pages = _serve_site(site)
    yield base, pages
    server.shutdown()


def _visit(page, url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    return errors


def test_no_script_runs_on_any_page(page, hostile_url):
    base, pages = hostile_url
    assert len(pages) > 20
    page.add_init_script(LISTEN)
    for path in pages:
        _visit(page, base + path.removesuffix("index.html"))
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("window.__violations") == [], path  # payloads are text: nothing to block
        # the theme's own inline scripts (hashed in the page's CSP) did run
        assert page.evaluate("typeof __md_scope") == "object", path
    assert page.dialogs == []
    assert not [m for m in page.console_messages if "__pwned" in m or "Content Security Policy" in m]


def test_payload_text_is_visible_as_text(page, hostile_url):
    base, _ = hostile_url
    _visit(page, base + "lembaga/kec-contoh-kab-tuban/")
    text = page.inner_text("body")
    assert '<script>window.__pwned=1;alert("x")</script>' in text
    assert "{: onclick=" in text and "kolom | terpisah | pipa" in text
    assert page.locator("a[href^='javascript:' i], [onerror], [onclick], [onload], iframe, base").count() == 0


def test_csp_blocks_an_unhashed_inline_script(page, browser, tmp_path_factory):
    """Escaping failing somewhere is the case the CSP is there for: inject raw payloads into
    a built page, and Chromium must refuse to run them and report the violation."""
    site = build_site(ROOT / "tests/fixtures/packages/basic", ROOT / "tests/fixtures/decrees",
                      tmp_path_factory.mktemp("csp") / "site")
    target = site / "lembaga/kec-contoh-kab-tuban/index.html"
    html = target.read_text(encoding="utf-8")
    payload = ('<script>window.__pwned=1</script><img src="x.png" onerror="window.__pwned=2">'
               '<a id="kt-js" href="javascript:window.__pwned=3">x</a>')
    target.write_text(html.replace("</body>", payload + "</body>", 1), encoding="utf-8")
    server, base, _ = _serve_site(site)
    try:
        page.add_init_script(LISTEN)
        _visit(page, base + "lembaga/kec-contoh-kab-tuban/")
        page.click("#kt-js", force=True)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        violations = page.evaluate("window.__violations")
        assert len([v for v in violations if v.startswith("script-src")]) >= 3, violations
        assert page.evaluate("typeof __md_scope") == "object"  # the theme's hashed scripts still ran
    finally:
        server.shutdown()

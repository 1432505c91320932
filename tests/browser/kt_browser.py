"""Headless Chromium (Debian's /usr/bin/chromium) against a freshly built site on loopback."""
import functools
import http.server
import json
import os
import socketserver
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def build_site(packages: Path, decrees: Path, out: Path) -> Path:
    from generator.build import Options, build
    build(Options(packages=packages, decrees=decrees, out=out, strict=True))
    return out


def base_path() -> str:
    """The path of the site's address ('/portal/'), which the 404 pages' links start with."""
    from generator.site.config import SiteConfig
    return SiteConfig.read(ROOT / "mkdocs.yml").base_path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    base = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        # served at the root, reached at the site's own path too, as once deployed
        if self.base != "/" and path.startswith(self.base):
            path = "/" + path[len(self.base):]
        return super().translate_path(path)


def serve(directory: Path):
    handler = functools.partial(type("Handler", (QuietHandler,), {"base": base_path()}), directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return build_site(ROOT / "datapackages", ROOT / "decrees", tmp_path_factory.mktemp("b") / "site")


@pytest.fixture(scope="session")
def base_url(site):
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test-browser does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    pg.console_messages = []
    pg.on("console", lambda m: pg.console_messages.append(f"{m.type}: {m.text}"))
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, with its 24 px tap targets (issue 12, item 9)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(pg) -> list:
    if not AXE.exists():
        pytest.fail("axe-core missing: run npm ci --prefix tests/browser (make test-browser does)")
    # evaluated by the browser's devtools protocol, not as a script of the page: the page's
    # CSP (which rightly blocks inline scripts) stays on while axe runs
    pg.evaluate(AXE.read_text(encoding="utf-8"))
    return pg.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: WCAG}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""".replace("WCAG", json.dumps(WCAG)))

"""Content-Security-Policy per page: GitHub Pages sends no headers, so the policy is a
<meta> tag (overrides/main.html). Its script-src allows the site's own files and exactly
the theme's own inline scripts, by hash. An inline script that is not one of the theme's
known ones is an error: it can only have come from data, and nothing is published.
Step: every page but the agency pages (hardened as they were filled)."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from ..errors import GeneratorError
from .config import SiteBuild

NAME = "csp"

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPES = ("application/json", "application/ld+json")
# The inline scripts Material for MkDocs writes (scope/storage helpers, palette, tabs).
THEME_SCRIPTS = (
    re.compile(r'^__md_scope=new URL\("[./A-Za-z0-9_-]*",location\),__md_hash='),
    re.compile(r'^var palette=__md_get\("__palette"\);'),
    re.compile(r"^var target=document\.getElementById\(location\.hash\.slice\(1\)\);"),
)
CSP_SCRIPT = "script-src 'self' 'wasm-unsafe-eval'"


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def harden_page(html: str, where: str) -> str:
    hashes = []
    for m in INLINE_SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        type_ = re.search(r'type="([^"]+)"', attrs)
        if type_ and type_.group(1) in DATA_TYPES:
            continue
        if not any(p.match(body) for p in THEME_SCRIPTS):
            raise GeneratorError(f"{where}: inline script that is not the theme's own: {body[:80]!r}")
        h = _hash(body)
        if h not in hashes:
            hashes.append(h)
    if CSP_SCRIPT not in html:
        raise GeneratorError(f"{where}: no Content-Security-Policy meta tag with {CSP_SCRIPT!r}")
    return html.replace(CSP_SCRIPT, " ".join([CSP_SCRIPT] + hashes), 1)


def harden_site(site: Path, done: set[Path] | frozenset = frozenset()) -> int:
    """Harden every page but those in done (already hardened when they were written)."""
    n = 0
    for page in sorted(site.rglob("*.html")):
        if page in done:
            continue
        text = page.read_text(encoding="utf-8")
        page.write_text(harden_page(text, str(page.relative_to(site))), encoding="utf-8")
        n += 1
    return n


def on_post_build(build: SiteBuild) -> None:
    harden_site(build.site, done=set(build.filled))  # agency pages were hardened as they were filled

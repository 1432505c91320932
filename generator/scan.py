"""Safety scan of a built site, run before it is published (and by `generator check`).

- no `on*` event-handler attribute, no `javascript:`/`data:` URL in a link, no <iframe>,
  <object>, <embed>, no <script src> outside the site's own assets and search index;
- no external host outside an allow-list (licences, the code repository, specifications);
- no NIP (civil-servant number) in any published file, zip and XLSX contents included;
- every internal link and #anchor resolves to a file and an id in the site.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .privacy import find_nip

ALLOWED_HOSTS = {"creativecommons.org", "opendatacommons.org", "github.com", "www.npmjs.com", "datapackage.org",
                 "specs.frictionlessdata.io", "squidfunk.github.io", "www.mkdocs.org", "pagefind.app",
                 "schema.org", "www.w3.org", "kinerja-terbuka.github.io"}
TEXT_SUFFIXES = {".html", ".json", ".csv", ".txt", ".xml", ".js", ".jsonld", ".md", ".yaml"}
SCRIPT_PREFIXES = ("assets/javascripts/", "en/assets/javascripts/", "pagefind/")


@dataclass(frozen=True)
class Finding:
    file: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: [{self.code}] {self.message}"


def _page_url(site: Path, page: Path) -> str:
    return page.relative_to(site).as_posix()


def _resolve(page_rel: str, url: str, base_path: str = "/") -> tuple[str, str]:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/"):  # root-relative (the 404 pages): strip the site's base path
        path = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
        return posixpath.normpath(path or "."), parts.fragment
    base = posixpath.dirname(page_rel)
    target = posixpath.normpath(posixpath.join(base, path)) if path else page_rel
    return target, parts.fragment


SIMPLE_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^>]*)?>")
ATTR = re.compile(r"""([^\s=>/"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}


def scan_site(site: Path, check_links: bool = True, base_path: str = "/", archives: bool = True,
              suffixes: frozenset[str] | set[str] = frozenset(TEXT_SUFFIXES)) -> list[Finding]:
    """One pass over the tags of each page; attributes are tokenised with their quotes, so
    text inside an attribute value (escaped data) is never taken for an attribute.
    Attribute values are entity-decoded before their scheme is checked."""
    findings: list[Finding] = []
    pages = sorted(site.rglob("*.html"))
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    nip_in_pages = ".html" in suffixes
    args = [(site, page, base_path, nip_in_pages) for page in pages]
    if len(pages) > 200:  # thousands of pages: use every core
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor() as pool:
            results = list(pool.map(_scan_page, args, chunksize=64))
    else:
        results = [_scan_page(a) for a in args]
    for rel, page_findings, page_ids, page_links in results:
        findings += page_findings
        ids[rel] = page_ids
        links += page_links
    if check_links:
        findings += _check_links(site, links, ids, base_path)
    findings += scan_privacy(site, archives, set(suffixes) - {".html"})  # pages: done above
    return findings


def _scan_page(arg) -> tuple[str, list, set, list]:
    site, page, base_path, nip = arg
    rel = _page_url(site, page)
    text = page.read_text(encoding="utf-8")
    findings: list[Finding] = []
    m = find_nip(text) if nip else None
    if m:
        findings.append(Finding(rel, "personal-identifier", f"NIP-like number {m.group(0)!r}"))
    page_ids: set[str] = set()
    links: list[tuple[str, str]] = []
    for tm in SIMPLE_TAG.finditer(text):
        tag = tm.group(1).lower()
        if tag in ("iframe", "object", "embed", "frame"):
            findings.append(Finding(rel, "embedded-frame", f"<{tag}> is not allowed"))
        raw_attrs = tm.group(2)
        if not raw_attrs or "=" not in raw_attrs:
            continue
        for am in ATTR.finditer(raw_attrs):
            name, raw = am.group(1).lower(), am.group(2)
            if raw is None:
                continue
            value = htmllib.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)
            if name.startswith("on"):
                findings.append(Finding(rel, "event-handler", f"<{tag} {name}=...> attribute"))
            elif name in ("id", "name"):
                page_ids.add(value)
            elif name in URL_ATTRS:
                _check_url(rel, tag, name, value, base_path, findings, links)
    return rel, findings, page_ids, links


def _check_url(rel: str, tag: str, name: str, value: str, base_path: str, findings: list, links: list) -> None:
    v = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
    if v.startswith(("javascript:", "vbscript:")) or (v.startswith("data:") and tag != "img"):
        findings.append(Finding(rel, "script-url", f"<{tag} {name}={value[:60]!r}>"))
        return
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") or value.startswith("//"):
        host = (parts.hostname or "").lower()
        if host not in ALLOWED_HOSTS:
            findings.append(Finding(rel, "external-host", f"<{tag} {name}> points to {host!r}"))
        if tag == "script":
            findings.append(Finding(rel, "external-script", f"<script src={value!r}>"))
    elif not parts.scheme and not value.startswith(("mailto:", "tel:", "blob:")):
        if tag == "script" and name == "src":
            target, _ = _resolve(rel, value, base_path)
            if not target.startswith(SCRIPT_PREFIXES):
                findings.append(Finding(rel, "unknown-script", f"<script src={value!r}>"))
        if name in ("href", "src") and tag in ("a", "link", "script", "img"):
            links.append((rel, value))


def _check_links(site: Path, links: list[tuple[str, str]], ids: dict[str, set[str]],
                 base_path: str) -> list[Finding]:
    out = []
    for page, url in links:
        target, fragment = _resolve(page, url, base_path)
        if target.startswith(".."):
            out.append(Finding(page, "broken-link", f"{url!r} leaves the site"))
            continue
        path = site / target
        if target == ".":
            target = "index.html"
            path = site / target
        if path.is_dir():
            target = posixpath.join(target, "index.html")
            path = site / target
        if not path.is_file():
            out.append(Finding(page, "broken-link", f"{url!r} -> {target} does not exist"))
            continue
        if fragment and target.endswith(".html") and fragment not in ids.get(target, set()):
            out.append(Finding(page, "broken-anchor", f"{url!r}: no id {fragment!r} in {target}"))
    return out


def scan_privacy(site: Path, archives: bool = True, suffixes=frozenset(TEXT_SUFFIXES)) -> list[Finding]:
    """No NIP in any text file, nor (archives=True) inside zip/XLSX archives. The build skips
    the archives and the CSV/JSON downloads for speed: they are written from the validated
    CSVs, whose every cell the validator checks for an NIP; `generator check` reads them all."""
    out = []
    for f in sorted(site.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(site).as_posix()
        if f.suffix in suffixes:
            m = find_nip(f.read_text(encoding="utf-8", errors="replace"))
            if m:
                out.append(Finding(rel, "personal-identifier", f"NIP-like number {m.group(0)!r}"))
        elif archives and f.suffix in (".zip", ".xlsx"):
            with zipfile.ZipFile(f) as zf:
                for name in zf.namelist():
                    m = find_nip(zf.read(name).decode("utf-8", errors="replace"))
                    if m:
                        out.append(Finding(f"{rel}!{name}", "personal-identifier", f"NIP-like number {m.group(0)!r}"))
    return out

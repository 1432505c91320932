"""Safety scan of a built site, run before it is published (and by `generator check`).

- no `on*` event-handler attribute, no `javascript:`/`data:` URL in a link, no <iframe>,
  <object>, <embed>, no <script src> outside the site's own assets and search index;
- no external host outside an allow-list (licences, the code repository, specifications);
- every page carries a Content-Security-Policy <meta> in its <head> whose script-src has no
  'unsafe-inline'/'unsafe-eval'/wildcard/scheme source and which sets object-src 'none' and
  base-uri; every inline <script> is either a JSON data block that parses as JSON (so no
  `</script>` broke out of it) or has its sha256 in that page's policy; no <base>, no
  <meta http-equiv="refresh">;
- no NIP (civil-servant number) in any published file; `generator check` (archives=True)
  reads every file, opening zip/XLSX members and gzip streams (Pagefind fragments), and
  also refuses XLSX formula cells or external links and formula-like CSV cells;
- every internal link and #anchor resolves to a file and an id in the site.
"""
from __future__ import annotations

import base64
import csv
import functools
import gzip
import hashlib
import io
import json
import os
import posixpath
import re
import sys
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


DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", "*",
                         "data:", "blob:", "http:", "https:", "filesystem:"}
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf",
                   ".wasm", ".pdf"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}


def scan_site(site: Path, check_links: bool = True, base_path: str = "/", archives: bool = True,
              suffixes: frozenset[str] | set[str] = frozenset(TEXT_SUFFIXES), cache=None,
              known: dict[Path, str] | None = None, changed_only=None) -> list[Finding]:
    """One pass over the tags of each page; attributes are tokenised with their quotes, so
    text inside an attribute value (escaped data) is never taken for an attribute.
    The page is parsed as a browser parses it (lxml), so `<tag/attr=...>` and
    entity-encoded attribute values are seen as they take effect. With a cache
    (generator/cache.py), a page whose path and bytes were scanned before keeps that
    page's result; with changed_only (scan_state.check_pages, the build's), the page pass
    and link check redo only what changed since the last clean scan (the same findings)."""
    findings: list[Finding] = []
    walked = _walk(site)
    files = walked[0]
    pages = [p for p in files if p.name.endswith(".html")]
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str, str, str]] = []
    nip_in_pages = ".html" in suffixes
    if check_links and cache is not None and cache.enabled and changed_only is not None:
        findings += changed_only(site, pages, base_path, nip_in_pages, cache, known, walked)
    else:
        results = scan_pages(site, pages, base_path, nip_in_pages, cache, known)
        for page in pages:
            rel, page_findings, page_ids, page_links = results[page]
            findings += page_findings
            ids[rel] = page_ids
            links += page_links
        if check_links:
            findings += _check_links(site, links, ids, base_path, walked)
    done = set(pages) if nip_in_pages else set()  # pages: their text was read for an NIP above
    findings += scan_privacy(site, archives, set(suffixes) - {".html"}, done, files)
    return findings


def _walk(site: Path) -> tuple[list[Path], set[str], set[str]]:
    """Every file under site, sorted as paths; the files and the folders site-relative
    (POSIX; "." the site): one os.walk, for the pages, the link check and the privacy pass
    (pathlib's rglob took several times longer on a national site). Symbolic links to
    folders are followed, as rglob follows them."""
    files: list[Path] = []
    names_of: set[str] = set()
    dirs = {"."}
    for dirpath, dirnames, names in os.walk(site, followlinks=True):
        base = Path(dirpath)
        rel = base.relative_to(site).as_posix()
        prefix = "" if rel == "." else rel + "/"
        files += [base / n for n in names]
        names_of.update(prefix + n for n in names)
        dirs.update(prefix + d for d in dirnames)
    return sorted(files), names_of, dirs


def page_key(cache, site: Path, page: Path, base_path: str, nip: bool, known: dict[Path, str],
             rel: str | None = None) -> str:
    """A page's key in the cache: its path and content (its name in known, else its bytes)."""
    content = known.get(page) or page.read_bytes()
    return cache.key("scan", rel if rel is not None else _page_url(site, page), base_path, nip, content)


def scan_pages(site: Path, pages: list[Path], base_path: str = "/", nip: bool = True, cache=None,
               known: dict[Path, str] | None = None, keys: dict[Path, str] | None = None) -> dict:
    """Per page: (site-relative path, findings, ids, links), from the cache where the path
    and bytes were scanned before (whether the links resolve is checked by the caller).
    known: pages whose content has a name already (agency pages: their cache key), so
    they need not be read to be looked up; keys: pages whose key (page_key) is known."""
    results, todo, given, keys = {}, [], keys or {}, {}
    known = known or {}
    for page in pages:
        if cache is not None and cache.enabled:
            key = given.get(page) or page_key(cache, site, page, base_path, nip, known)
            stored = cache.get("scan", key)
            if stored is not None:
                rel, found, page_ids, page_links = stored
                # stored from _shared's strings, which marshal keeps interned when it reads them back
                results[page] = (rel, [Finding(*f) for f in found], set(page_ids), page_links)
                continue
            keys[page] = key
        todo.append(page)
    args = [(site, page, base_path, nip) for page in todo]

    def collect(fresh) -> None:  # each page's result as it comes: the pool's are not all held twice
        for page, result in zip(todo, fresh):
            results[page] = result = _shared(result)
            if page in keys:
                rel, found, page_ids, page_links = result
                cache.put("scan", keys[page], (rel, [(f.file, f.code, f.message) for f in found],
                                               sorted(page_ids), page_links))
    if len(todo) > 200:  # thousands of pages: use every core
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor() as pool:
            collect(pool.map(_scan_page, args, chunksize=64))
    else:
        collect(_scan_page(a) for a in args)
    return results


def _shared(result: tuple) -> tuple:
    """A page's result with its ids and links' strings held once for the whole site (sys.intern):
    every page links to the same navigation, assets and agencies, and the link check keeps
    every page's links until the last page is scanned (half of what it held at --nation 0.003)."""
    rel, found, page_ids, page_links = result
    return rel, found, {sys.intern(i) for i in page_ids}, [tuple(map(sys.intern, x)) for x in page_links]


def parse_html(data: bytes):
    """The page as a browser's parser reads it (lxml/libxml2's HTML parser): `<meta/...>`,
    unquoted and entity-encoded attributes are seen as they take effect. Plain lxml
    elements (not lxml.html's classes, looked up in Python for every element)."""
    from lxml import etree

    try:
        doc = etree.fromstring(data, _parser())
    except (etree.ParserError, ValueError):
        doc = None
    return doc if doc is not None else etree.fromstring(b"<html><head></head><body></body></html>", _parser())


_PARSER: list = []


def _parser():
    if not _PARSER:
        from lxml import etree
        _PARSER.append(etree.HTMLParser(encoding="utf-8", remove_comments=False))
    return _PARSER[0]


FRAME_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "portal"}


def _element():
    from lxml import etree
    return etree.Element


_ELEMENT = _element()  # doc.iter(_ELEMENT) yields elements only: lxml skips comments and PIs in C


@functools.cache
def _attribute(raw: str) -> tuple[str, str]:
    """An attribute's name in lower case and what the scan does with it: 'on' an event
    handler, 'id' an anchor (id, name), 'url' a link, '' nothing. Asked once per distinct
    name (a site has a few dozen), not per attribute."""
    name = raw.lower()
    if name.startswith("on"):
        return name, "on"
    if name in ("id", "name"):
        return name, "id"
    return name, "url" if name in URL_ATTRS else ""


def _scan_page(arg) -> tuple[str, list, set, list]:
    site, page, base_path, nip = arg
    rel = _page_url(site, page)
    data = page.read_bytes()
    findings: list[Finding] = []
    m = find_nip(data.decode("utf-8", errors="replace")) if nip else None
    if m:
        findings.append(Finding(rel, "personal-identifier", f"NIP-like number {m.group(0)!r}"))
    doc = parse_html(data)
    page_ids: set[str] = set()
    links: list[tuple[str, str, str, str]] = []
    _check_csp(rel, doc, findings)
    for el in doc.iter(_ELEMENT):  # elements only (no comment, no processing instruction)
        tag = el.tag.lower()
        if tag in FRAME_TAGS:
            findings.append(Finding(rel, "embedded-frame", f"<{tag}> is not allowed"))
        elif tag == "base":
            findings.append(Finding(rel, "base-tag", "<base> is not allowed"))
        elif tag == "meta" and (el.get("http-equiv") or "").strip().lower() == "refresh":
            findings.append(Finding(rel, "meta-refresh", "<meta http-equiv=refresh> redirects"))
        for raw, value in el.items():
            name, kind = _attribute(raw)
            if kind == "on":
                findings.append(Finding(rel, "event-handler", f"<{tag} {name}=...> attribute"))
            elif kind == "id":
                page_ids.add(value)
            elif kind == "url":
                _check_url(rel, tag, name, value, base_path, findings, links)
    unique = list({(t, f): (r, u, t, f) for r, u, t, f in links}.values())  # one check per target
    return rel, findings, page_ids, unique


def csp_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def _is_csp(el) -> bool:
    return el.tag == "meta" and (el.get("http-equiv") or "").strip().lower() == "content-security-policy"


def _check_csp(rel: str, doc, findings: list) -> None:
    """The page's policy is strict and comes first in <head> (a policy applies only to
    what follows it), and every inline script is data or hashed in it."""
    head = doc.find("head")
    children = [el for el in head if isinstance(el.tag, str)] if head is not None else []
    policies = [el.get("content") or "" for el in children if _is_csp(el)]
    if not policies:
        findings.append(Finding(rel, "csp-missing", "no Content-Security-Policy <meta> in <head>"))
        return
    for el in children:
        if _is_csp(el):
            break
        if el.tag != "meta" or el.get("http-equiv") is not None:
            findings.append(Finding(rel, "csp-late", f"<{el.tag}> comes before the Content-Security-Policy <meta>"))
            break
    hashes: set[str] = set()
    for policy in policies:
        directives: dict[str, list[str]] = {}
        for part in policy.split(";"):
            words = part.split()
            if words:
                directives.setdefault(words[0].lower(), words[1:])
        script_src = directives.get("script-src", directives.get("default-src"))
        if script_src is None:
            findings.append(Finding(rel, "csp-weak", "no script-src (nor default-src) directive"))
            continue
        weak = [w for w in script_src if w.lower() in UNSAFE_SCRIPT_SOURCES or "://" in w or w.startswith("'nonce-")]
        if weak:
            findings.append(Finding(rel, "csp-weak", f"script-src allows {' '.join(weak)}"))
        if directives.get("object-src") != ["'none'"]:
            findings.append(Finding(rel, "csp-weak", "object-src is not 'none'"))
        if directives.get("base-uri") not in (["'self'"], ["'none'"]):
            findings.append(Finding(rel, "csp-weak", "base-uri is not 'self' or 'none'"))
        hashes |= {w for w in script_src if w.startswith("'sha256-")}
    for el in doc.iter("script"):
        if el.get("src") is not None:
            continue
        body = el.text or ""
        type_ = (el.get("type") or "").strip().lower()
        if type_ in DATA_SCRIPT_TYPES:
            try:
                json.loads(body)
            except ValueError:
                findings.append(Finding(rel, "data-script", f"JSON data block does not parse: {body[:60]!r}"))
        elif csp_hash(body) not in hashes:
            findings.append(Finding(rel, "inline-script", f"inline script not hashed in the page's CSP: {body[:60]!r}"))


URL_BLANKS = re.compile(r"[\s\x00-\x1f]+")  # what a browser skips inside a URL's scheme


def _check_url(rel: str, tag: str, name: str, value: str, base_path: str, findings: list, links: list) -> None:
    v = URL_BLANKS.sub("", value).lower()
    if v.startswith(("javascript:", "vbscript:")) or (v.startswith("data:") and tag != "img"):
        findings.append(Finding(rel, "script-url", f"<{tag} {name}={value[:60]!r}>"))
        return
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") or value.startswith("//"):
        host = (parts.hostname or "").lower()
        if host not in ALLOWED_HOSTS:
            findings.append(Finding(rel, "external-host", f"<{tag} {name}> points to {host!r}"))
        if tag == "script" and name in ("src", "href", "xlink:href"):
            findings.append(Finding(rel, "external-script", f"<script src={value!r}>"))
    elif not parts.scheme and not value.startswith(("mailto:", "tel:", "blob:")):
        if tag == "script" and name in ("src", "href", "xlink:href"):
            target, _ = _resolve(rel, value, base_path)
            if not target.startswith(SCRIPT_PREFIXES):
                findings.append(Finding(rel, "unknown-script", f"<script src={value!r}>"))
        if name in ("href", "src") and tag in ("a", "link", "script", "img"):
            links.append((rel, value, *_resolve(rel, value, base_path)))  # resolved once, cached with the page


def _check_links(site: Path, links: list[tuple[str, str, str, str]], ids: dict[str, set[str]],
                 base_path: str, walked: tuple[list[Path], set[str], set[str]] | None = None) -> list[Finding]:
    """links: (page, url, target, fragment), resolved by _check_url; walked: _walk(site)."""
    _, files, dirs = walked or _walk(site)
    out: list[Finding] = []
    verdicts: dict[tuple[str, str], tuple[str, str] | None] = {}
    for page, url, target, fragment in links:
        key = (target, fragment)
        if key not in verdicts:
            verdicts[key] = _link_verdict(target, fragment, files, dirs, ids)
        verdict = verdicts[key]
        if verdict:
            code, why = verdict
            out.append(Finding(page, code, f"{url!r}{why}"))
    return out


def _link_verdict(target: str, fragment: str, files: set, dirs: set, ids: dict) -> tuple[str, str] | None:
    """None when the link resolves, else (code, what is wrong, to follow the URL)."""
    if target.startswith(".."):
        return "broken-link", " leaves the site"
    if target == ".":
        target = "index.html"
    if target in dirs:
        target += "/index.html"  # normpath left no trailing slash
    if target not in files:
        return "broken-link", f" -> {target} does not exist"
    if fragment and target.endswith(".html") and fragment not in ids.get(target, set()):
        return "broken-anchor", f": no id {fragment!r} in {target}"
    return None


def scan_privacy(site: Path, archives: bool = True, suffixes=frozenset(TEXT_SUFFIXES),
                 done: set[Path] | frozenset[Path] = frozenset(), files: list[Path] | None = None) -> list[Finding]:
    """No NIP in any text file. With archives=True (`generator check`) every file is read
    whatever its suffix: zip/XLSX members and gzip streams (Pagefind's index and fragments,
    sitemap.xml.gz) are opened, XLSX sheets must hold no formula cell nor external link, and
    no CSV cell may be one a spreadsheet would run. The build passes archives=False and
    skips the CSV/JSON downloads for speed: they are written from the validated CSVs, whose
    every cell the validator checks for an NIP and formula-like text. Files in `done` were
    read for an NIP already (scan_site's pages) and are not read again: one finding per place."""
    out = []
    for f in _walk(site)[0] if files is None else files:
        if not archives and os.path.splitext(f.name)[1] not in suffixes:
            continue  # before any call on the path: a national site has a million files
        if not f.is_file() or f in done:
            continue
        rel = f.relative_to(site).as_posix()
        if archives:
            if f.suffix.lower() in BINARY_SUFFIXES:
                continue
            for name, text in _contents(rel, f.read_bytes()):
                out += _check_text(name, text)
        elif f.suffix in suffixes:
            out += _check_text(rel, f.read_text(encoding="utf-8", errors="replace"), formulas=False)
    return out


def _contents(name: str, data: bytes, depth: int = 0):
    """(name, text) of a file, archives opened ('a.zip!member', 'x.pf_fragment!gunzip')."""
    if data[:4] == b"PK\x03\x04" and depth < 3:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    yield from _contents(f"{name}!{info.filename}", zf.read(info), depth + 1)
    elif data[:2] == b"\x1f\x8b" and depth < 3:
        yield from _contents(f"{name}!gunzip", gzip.decompress(data), depth + 1)
    else:
        yield name, data.decode("utf-8", errors="replace")


SHEET = re.compile(r"(^|!)xl/worksheets/[^!]*\.xml$")
FORMULA_CELL = re.compile(r"<(?:[a-z]+:)?f[\s>/]")


def _check_text(name: str, text: str, formulas: bool = True) -> list[Finding]:
    out = []
    m = find_nip(text)
    if m:
        out.append(Finding(name, "personal-identifier", f"NIP-like number {m.group(0)!r}"))
    if not formulas:
        return out
    if SHEET.search(name) and FORMULA_CELL.search(text):
        out.append(Finding(name, "spreadsheet-formula", "an XLSX sheet holds a formula cell"))
    elif re.search(r"(^|!)xl/externalLinks/", name):
        out.append(Finding(name, "spreadsheet-formula", "an XLSX workbook links to an external workbook"))
    elif name.endswith(".csv"):
        from .privacy import formula_like
        for i, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            bad = next((c for c in row if formula_like(c)), None)
            if bad is not None:
                out.append(Finding(name, "spreadsheet-formula", f"row {i}: cell {bad[:40]!r} would run as a formula"))
                break
    return out

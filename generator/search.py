"""Search index: Pagefind over small generated "search source" pages, one Pagefind bundle
per run of kabupaten/kota codes in site/pagefind/<bundle>/, the base bundle Pagefind is
loaded from, plus site/pagefind/kt-facets.json (the explorer's filter choices, the bundles
and the query budget).

For every agency, source pages of at most CHUNK indicators hold each indicator as a
heading whose id is the indicator's row anchor and carry the agency page's URL as
metadata, so a hit lands on the row (`lembaga/<agency>/#i-...`) and result fragments stay
small however large a decree is. Hits are filtered in the browser by page metadata
(provinsi, kabupaten, lembaga) and by the anchor (IKU rows are `#i-iku-...`). Pagefind
splits each bundle into chunks and a query downloads only what it needs. The pages are
bahasa Indonesia (`lang="id"`), so Pagefind's Indonesian stemmer applies ("kehadiran"
finds "hadir"). The real pages are not indexed: the source pages carry exactly the
searchable fields.

Bundles (issue 14, item 5): one query must stay under QUERY_BUDGET bytes with the whole
country (~6 million indicators) indexed, and a query downloads, for every bundle it searches,
its entry, its metadata (~0.4 bytes per indicator) and the index chunk of each term (~1.25
bytes per indicator for the commonest words): ~1.65 bytes per indicator searched. So no
query searches everything at national size. The bundles are cut by the Kemendagri codes,
never by the data (a changed agency re-indexes its own bundle only, and a province shard
knows its bundles): the perangkat daerah of a province (`p35`), its kabupaten in runs of
KAB_PER_BUNDLE codes (`p35-k1`: 35.01-35.04) and its kota likewise (`p35-c1`: 35.71-35.74),
agencies without a province (`x`); at national size that is ~10,000 (a province's own
agencies) to ~42,000 indicators (four kabupaten) a bundle. kt-facets.json lists them, each
with its province, kabupaten/kota, indicators and the bytes a query costs in it, and the
byte budget left for bundles once the fixed files and the result fragments are counted.
The explorer searches the bundles of the chosen kabupaten or province, or without one the
provinces in code order, in windows that fit the budget (`windows`, the same rule in
kt-search.js); it says which provinces a query searched and offers the next window. A
small portal (a kabupaten, a province, the seeds) fits one window: every bundle, exact
totals. The explorer loads Pagefind from a tiny `base` bundle (one word no query hits) and
merges the window's bundles into it, so the WebAssembly is fetched once whatever the window.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from html import escape as _escape
from pathlib import Path

from . import browse, i18n
from .cache import doc_digest, link_tree
from .errors import GeneratorError
from .model import Agency
from .summary import AnyAgency

CHUNK = 20  # indicators per search page: small fragments keep one query's download small
# source pages (of CHUNK indicators) the explorer reads for one query: its total is exact up
# to MAX_LOAD * CHUNK rows; a broader query says "more than" and asks for a filter. 20, not
# 50: the fragments read are ~2.6 KB each, and 30 fewer leave ~80 KB more for bundles
MAX_LOAD = 20
QUERY_BUDGET = 300_000  # bytes one keyword query may download, as served (issue 14)
KAB_PER_BUNDLE = 4  # kabupaten (or kota) codes per bundle: ~42,000 indicators at national size
BASE = "base"  # the bundle Pagefind is loaded from: no agency, one word
BASE_PAGE = ('<!doctype html><html lang="id"><head><meta charset="utf-8"><title>kt</title></head>'
             '<body data-pagefind-body><p>ktbase</p></body></html>')
FORMAT = "kt-search 4"  # part of each bundle's source digest: bump when the page layout changes
# Pagefind's UI bundles: the explorer uses the JS API only (pagefind.js, its worker, wasm)
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
DIGEST = "kt-source.sha256"
VOCAB = "kt-vocab"  # per bundle: its words by first letter, for "did you mean" in the explorer
VOCAB_MAX = 40_000  # the most frequent words of a bundle; rarer ones are rarely what was meant

_LATEX = re.compile(r"\\[a-zA-Z]+|[{}$_^\\]")
_SPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    """LaTeX commands out of the searchable text ('\\frac{\\text{A}}{B}' -> 'A B')."""
    return _SPACE.sub(" ", _LATEX.sub(" ", text or "")).strip()


def _e(text) -> str:
    return _escape(text or "", quote=True)


def _number(code: str | None, part: int) -> int | None:
    try:
        return int((code or "").split(".")[part])
    except (ValueError, IndexError):
        return None


def group_of_code(province: str | None, kabupaten: str | None = None) -> str:
    """The bundle of an agency from its province code ('35') and kabupaten/kota code
    ('35.23'): `p35` without a kabupaten, `p35-k6` for kabupaten 35.21-35.24, `p35-c1` for
    kota 35.71-35.74 (Kemendagri numbers kota from 71); no province: `x`."""
    p = _number(province, 0)
    if p is None:
        return "x"
    k = _number(kabupaten, 1)
    if k is None or k < 1:
        return f"p{p:02d}"
    if k >= 71:
        return f"p{p:02d}-c{(k - 71) // KAB_PER_BUNDLE + 1}"
    return f"p{p:02d}-k{(k - 1) // KAB_PER_BUNDLE + 1}"


def group_of(agency: AnyAgency) -> str:
    return group_of_code(agency.province.code if agency.province else "",
                         agency.kabupaten.code if agency.kabupaten else None)


def group_order(name: str) -> tuple:
    """Bundles in province code order, a province's own agencies first, then its kabupaten,
    then its kota; `x` (no province) last."""
    m = re.fullmatch(r"p(\d+)(?:-([kc])(\d+))?", name)
    if not m:
        return (1, 0, 0, 0)
    return (0, int(m.group(1)), "kc".find(m.group(2) or "") + 1, int(m.group(3) or 0))


def windows(bundles: list[dict], budget: int) -> list[list[dict]]:
    """The bundles in windows a query searches at once (kt-search.js `windows` is the same
    rule): whole provinces in order while their bytes fit the budget; a province over the
    budget alone gets windows of its own, its bundles in order. A bundle over the budget
    alone is a window by itself (never at national size: ~70 KB)."""
    out: list[list[dict]] = []
    cur: list[dict] = []
    used = 0
    provinces: list[list[dict]] = []
    for b in bundles:
        if provinces and provinces[-1][0]["provinsi"] == b["provinsi"]:
            provinces[-1].append(b)
        else:
            provinces.append([b])
    for prov in provinces:
        cost = sum(b["bytes"] for b in prov)
        if cost <= budget:
            if cur and used + cost > budget:
                out.append(cur)
                cur, used = [], 0
            cur += prov
            used += cost
            continue
        if cur:
            out.append(cur)
            cur, used = [], 0
        for b in prov:
            if cur and used + b["bytes"] > budget:
                out.append(cur)
                cur, used = [], 0
            cur.append(b)
            used += b["bytes"]
        out.append(cur)
        cur, used = [], 0
    if cur:
        out.append(cur)
    return out


def source_pages(agency: Agency) -> list[str]:
    """Search source pages of one agency: its indicators in chunks of CHUNK, each page
    carrying the agency page's URL (`data-pagefind-meta="url:..."`) and its metadata.

    The context of an indicator (its position and goal) is written once for a run of
    indicators sharing it, under the run's first indicator, not repeated for each: a
    query for a position or goal lands on the first row of that group (the rows of one
    position stand together on the agency page); names, formulas and sources are indexed
    on every row."""
    doc = agency.current
    name = _e(agency.name or i18n.STRINGS["id"]["unknown_agency_name"])
    meta = [("provinsi", browse.province_name(agency)), ("kabupaten", browse.kabupaten_name(agency)),
            ("jenis_lembaga", agency.kind or ""), ("tahun", browse.year_of(agency))]
    url = _e("/" + i18n.page_url("id", "agency", id=agency.id))
    head = "".join(['<!doctype html><html lang="id"><head><meta charset="utf-8">',
                    f"<title>{name}</title></head><body data-pagefind-body>",
                    f'<h1 data-pagefind-meta="title">{name}</h1>',
                    f'<span data-pagefind-meta="url:{url}"></span>',
                    # metadata, not Pagefind filters: Pagefind 1.5 writes filter indexes in a
                    # random order, which would make two builds differ; the explorer filters
                    # hits by metadata
                    *(f'<span data-pagefind-meta="{k}">{_e(v)}</span>' for k, v in meta if v)])
    pages = []
    inds = doc.indicators or []
    for start in range(0, max(len(inds), 1), CHUNK):
        parts = [head]
        last = None
        for ind in inds[start:start + CHUNK]:
            context = (ind.position.title if ind.position else "IKU", ind.goal.text if ind.goal else "")
            text = [*(context if context != last else ()), _plain(ind.formula), ind.data_source]
            last = context
            parts.append(f'<h2 id="{ind.anchor}">{_e(ind.name)}</h2>'
                         f"<p>{_e('. '.join(t for t in text if t))}</p>")
        parts.append("</body></html>")
        pages.append("".join(parts))
    return pages


_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z]+")


def vocabulary(pages: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """The words of a bundle's source pages (4 to 30 letters, lower case without accents)
    with how often they occur, by first letter: the browser reads the file of a query
    word's first letter to correct it by edit distance ("kehadran" -> "kehadiran")."""
    from collections import Counter
    from html import unescape

    counts: Counter = Counter()
    for _, page in pages:
        text = unescape(_TAG.sub(" ", page.split("<body", 1)[-1]))
        counts.update(w for w in _WORD.findall(browse.fold(text)) if 4 <= len(w) <= 30)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:VOCAB_MAX]
    out: dict[str, dict[str, int]] = {}
    for w, n in sorted(top):
        out.setdefault(w[0], {})[w] = n
    return out


def _pages_digest(pages: list[tuple[str, str]]) -> str:
    """SHA-256 of source pages (paths and text): one agency's, or the base bundle's."""
    h = hashlib.sha256()
    for path, page in pages:
        h.update(f"{len(path)}:{path}{len(page)}:".encode())
        h.update(page.encode("utf-8"))
    return h.hexdigest()


def _group_digest(parts: list[tuple[str, str]]) -> str:
    """A bundle's source digest (kt-source.sha256) from its agencies' page digests, in
    order: (agency id, _pages_digest of its pages)."""
    h = hashlib.sha256(f"{FORMAT}\n{_pagefind_version()}\n".encode())
    for name, d in parts:
        h.update(f"{name}:{d}\n".encode())
    return h.hexdigest()


def _agency_pages(agency: Agency) -> list[tuple[str, str]]:
    return [(f"s/{agency.id}/{n}/index.html", page) for n, page in enumerate(source_pages(agency), start=1)]


def _digest(pages: list[tuple[str, str]]) -> str:
    """A bundle's source digest from its pages (as _group_pages lists them)."""
    parts: list[tuple[str, list]] = []
    for path, page in pages:
        name = path.split("/")[1] if path.startswith("s/") else ""
        if not parts or parts[-1][0] != name:
            parts.append((name, []))
        parts[-1][1].append((path, page))
    return _group_digest([(name, _pages_digest(ps)) for name, ps in parts])


def agency_digest(agency: Agency, cache=None) -> str:
    """_pages_digest of an agency's source pages; with a build cache, looked up by what they
    are made of (its decrees' package bytes and its region names; the code is in every
    key), so an unchanged agency's pages are not made again to learn that they are unchanged."""
    if cache is None or not cache.enabled:
        return _pages_digest(_agency_pages(agency))
    key = cache.key("search-source", agency.id, [doc_digest(d) for d in agency.documents],
                    browse.province_name(agency), browse.kabupaten_name(agency))
    stored = cache.get("search-source", key)
    if stored is None:
        stored = _pages_digest(_agency_pages(agency))
        cache.put("search-source", key, stored)
    return stored


_VERSION: list[str] = []


def _pagefind_version() -> str:
    if not _VERSION:
        from importlib.metadata import PackageNotFoundError, version
        try:
            _VERSION.append(version("pagefind_bin"))
        except PackageNotFoundError:
            _VERSION.append("")
    return _VERSION[0]


def _group_pages(agencies: list[Agency]) -> list[tuple[str, str]]:
    return [p for a in agencies for p in _agency_pages(a)]


def _pagefind() -> str:
    """The Pagefind binary of the pagefind_bin package, run directly: `python -m pagefind_bin`
    only finds it and execs it, after a Python start-up of its own (~40 ms of CPU per bundle)."""
    from pagefind_bin import get_executable
    return str(get_executable().absolute())


def _run_pagefind(pages: list[tuple[str, str]], out: Path, digest: str | None = None) -> None:
    """Index one bundle's source pages into out/ (replaced)."""
    with tempfile.TemporaryDirectory(prefix="kt-search-") as tmp:
        src = Path(tmp) / "src"
        for rel, page in pages:
            f = src / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(page, encoding="utf-8")
        built = Path(tmp) / "out"
        proc = subprocess.run([_pagefind(), "--site", str(src), "--output-path", str(built), "--silent"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise GeneratorError(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}")
        for name in UNUSED:
            (built / name).unlink(missing_ok=True)
        if out.name != BASE:  # merged into the base bundle's Pagefind: its script and wasm unused
            for f in [built / "pagefind.js", built / "pagefind-worker.js", *built.glob("wasm.*.pagefind")]:
                f.unlink(missing_ok=True)
        for letter, words in vocabulary(pages).items():
            f = built / VOCAB / f"{letter}.json"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (built / DIGEST).write_text((digest or _digest(pages)) + "\n", encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(built), str(out))


def _reuse(old: Path, new: Path) -> None:
    """Copy a bundle from the previous site (hard links where the file system allows)."""
    shutil.rmtree(new, ignore_errors=True)

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(old, new, copy_function=link)


def build_index(site: Path, agencies: Sequence[AnyAgency], only_provinces=None, previous: Path | None = None,
                cache=None, batches: Iterable[list[Agency]] | None = None) -> int:
    """Write site/pagefind/ (the base bundle, one bundle per run of kabupaten/kota codes,
    kt-facets.json); returns the number of source pages indexed by this call.

    - `build_index(site, agencies)`: every bundle is built anew.
    - `only_provinces`: province codes (Region.code; '' for an agency without a province)
      of the agencies added, removed or changed since the previous build, old and new
      province of a moved one. Only those provinces' bundles are re-indexed; the others are
      taken from `previous` (the previous site's root folder) or, without it, left as they
      are in site/pagefind/ (a bundle missing there is built).
    - `previous` without `only_provinces`: every bundle whose source pages are the same as
      in the previous site (same digest, kt-source.sha256) is taken from there, the others
      are re-indexed; this finds what changed by itself, at the cost of writing every
      agency's source pages in memory (~1 s at 2,000 agencies).
    - `cache` (an enabled build cache, generator/cache.py), without the two above: each
      bundle is stored in the cache under its source digest and taken from there when the
      digest is the same; the digest is made from each agency's cached page digest
      (`agency_digest`), so only a changed agency's source pages are made, and only its
      bundle is indexed again.
    - `batches` (without the first two): the agencies whole, one province group at a time
      (generator/provinces.py), `agencies` being their summaries (generator/summary.py):
      each bundle's source pages and the explorer's rows are made from the batch its
      agencies are in (a bundle never spans provinces), so the model of every province is
      never held at once.

    Either way the result is byte for byte what a full build of the same agencies writes."""
    if batches is not None and (only_provinces is not None or previous is not None):
        raise ValueError("batches build every bundle: not with only_provinces or previous")
    index = SearchIndex(site, agencies, only_provinces, previous, cache, batches=batches is not None)
    if batches is None:
        return index.finish()
    for batch in batches:
        index.add(batch)
    return index.finish()


class SearchIndex:
    """build_index in steps: SearchIndex(site, agencies, ...), then (batches=True) add(batch)
    for each province group's agencies whole, then finish(). The build feeds each group's
    model to the agency pages and to the search index in one pass (generator/site/agencies.py),
    so each province's model is built once after mkdocs."""

    def __init__(self, site: Path, agencies: Sequence[AnyAgency], only_provinces=None, previous: Path | None = None,
                 cache=None, batches: bool = False):
        self.site, self.agencies, self.only_provinces, self.cache = site, agencies, only_provinces, cache
        self.batched = batches
        target = self.target = site / "pagefind"
        old = self.old = (Path(previous) / "pagefind") if previous is not None else None
        by_group: dict[str, list] = {}
        for a in agencies:
            by_group.setdefault(group_of(a), []).append(a)
        self.by_group = by_group
        self.groups = groups = sorted(by_group, key=group_order)
        self.cached = cache is not None and cache.enabled and only_provinces is None and old is None
        if batches and (only_provinces is not None or old is not None):
            raise ValueError("batches build every bundle: not with only_provinces or previous")
        if only_provinces is None and old is None:
            shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True, exist_ok=True)
        for d in target.iterdir():  # bundles of groups without agencies now
            if d.is_dir() and d.name not in groups and d.name not in (BASE, browse.FOLDER):
                shutil.rmtree(d)
        self.in_place = old is not None and old.resolve() == target.resolve()  # previous is this site
        if batches:
            self.rows = browse.start(target)
            self.indexed = self.indexed_by({}, [BASE])
        else:
            self.indexed = 0

    def keep(self, g: str) -> None:
        if not self.in_place and self.old is not None:
            _reuse(self.old / g, self.target / g)

    def add(self, batch: list[Agency]) -> None:
        """The bundles of one province group's agencies (whole) and their explorer rows."""
        whole: dict[str, list[Agency]] = {}
        for a in batch:
            whole.setdefault(group_of(a), []).append(a)
        self.indexed += self.indexed_by(whole, sorted(whole, key=group_order))
        browse.write_rows(self.rows, batch)

    def indexed_by(self, whole: dict[str, list[Agency]], todo: list[str]) -> int:
        """Index the bundles todo from the agencies whole (their group's); the number of pages."""
        target, old, cache, cached, only_provinces = self.target, self.old, self.cache, self.cached, self.only_provinces
        keep = self.keep

        def pages_of(g: str) -> list[tuple[str, str]]:
            return [("index.html", BASE_PAGE)] if g == BASE else _group_pages(whole[g])
        jobs: dict[str, list[tuple[str, str]] | None] = {}  # group -> its pages (None: made by the worker)
        digests: dict[str, str] = {}  # cached: group -> its source digest
        if cached:
            for g in todo:
                parts = [("", _pages_digest(pages_of(g)))] if g == BASE else \
                    [(a.id, agency_digest(a, cache)) for a in whole[g]]
                digests[g] = _group_digest(parts)
                stored = cache.get_dir("search", digests[g])
                if stored is not None:
                    link_tree(stored, target / g)
                else:
                    jobs[g] = None
        elif only_provinces is not None:
            changed = {group_of_code(c)[:3] for c in only_provinces}  # 'p35' / 'x': the province's bundles
            for g in todo:
                if g[:3] not in changed and old is not None and (old / g / DIGEST).is_file():
                    keep(g)
                elif g[:3] in changed or not (target / g / DIGEST).is_file():
                    jobs[g] = None
        else:
            for g in todo:
                pages = pages_of(g) if old is not None else None
                prev = old / g / DIGEST if old is not None else None
                if prev is not None and pages is not None and prev.is_file() and \
                        prev.read_text(encoding="utf-8").strip() == _digest(pages):
                    keep(g)
                else:
                    jobs[g] = pages

        def run(g: str) -> int:
            pages = jobs[g] or pages_of(g)
            _run_pagefind(pages, target / g, digests.get(g))
            if cached:
                cache.put_paths("search", digests[g], [(p.relative_to(target / g).as_posix(), p)
                                                      for p in sorted((target / g).rglob("*")) if p.is_file()])
            return len(pages) if g != BASE else 0
        # two at a time, largest first: while one Pagefind builds and compresses (one thread),
        # the other parses, and Python writes the next group's pages
        size = {g: sum(a.current.n_indicators for a in whole.get(g, [])) for g in jobs}
        order = sorted(jobs, key=lambda g: (-size[g], g))
        with ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1, len(jobs)))) as pool:
            return sum(pool.map(run, order))

    def finish(self) -> int:
        """The explorer's rows and facets (kt-facets.json with the query budget); returns
        the number of source pages indexed."""
        site, target, agencies, by_group, groups = self.site, self.target, self.agencies, self.by_group, self.groups
        if not self.batched:
            self.indexed = self.indexed_by(by_group, [BASE, *groups])
            browse.write(target, agencies)  # type: ignore[arg-type]  # the model's agencies without batches
        else:
            browse.finish(target, self.rows, agencies)
        data = facets(agencies)
        data["bundles"] = [{"path": f"pagefind/{g}/", "provinsi": browse.province_name(by_group[g][0]),
                            "kabupaten": sorted({browse.kabupaten_name(a) for a in by_group[g]} - {""}),
                            "indikator": sum(a.current.n_indicators for a in by_group[g]),
                            "bytes": bundle_bytes(site, target / g)}
                           for g in groups]
        data["base"] = f"pagefind/{BASE}/"
        data["budget"] = 0
        _write_json(target / "kt-facets.json", data)
        # what is left of the query budget for bundles, once the fixed files (with kt-facets.json
        # itself, whose size the figure hardly changes) and the largest fragments are counted
        data["budget"] = max(0, QUERY_BUDGET - fixed_bytes(site) - fragment_bytes(site) - 16)
        _write_json(target / "kt-facets.json", data)
        return self.indexed


def _write_json(path: Path, data: dict) -> None:
    # replaced, never written in place: the file may be hard-linked with a build cache
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def facets(agencies: Sequence[AnyAgency]) -> dict:
    """Choices for the explorer's filters (provinces and their kabupaten/kota, levels) and
    the count cube of generator/browse.py: indicators per province, agency kind, level and
    year, from which the explorer counts totals and facets without a keyword."""
    tree: dict[str, set] = {}
    codes: dict[str, str] = {}
    for a in agencies:
        if a.province:
            tree.setdefault(browse.province_name(a), set())
            codes[a.province.code] = browse.province_name(a)
            if a.kabupaten:
                tree[browse.province_name(a)].add(browse.kabupaten_name(a))
    if any(not a.province for a in agencies):
        codes["x"] = ""
    return {"provinsi": {p: sorted(k) for p, k in sorted(tree.items())}, "jenis": ["IKI", "IKU"],
            "provinces": sorted([c, n] for c, n in codes.items() if c != "x") + ([["x", ""]] if "x" in codes else []),
            "cells": browse.cube(agencies)}


def _served(site: Path, p: Path) -> int:
    from .deploy import stored_bytes
    return len(stored_bytes(p.relative_to(site).as_posix(), p.read_bytes())) if p.is_file() else 0


def _largest(d: Path, pattern: str) -> int:
    return max((p.stat().st_size for p in d.glob(pattern)), default=0)


def bundle_bytes(site: Path, bundle: Path) -> int:
    """What a one-word query downloads in one bundle, as served: its entry, its metadata (a
    few bytes per source page: grows with the bundle) and its largest index chunk (the
    worst chunk a term can hit)."""
    return (_served(site, bundle / "pagefind-entry.json") + _largest(bundle, "pagefind.*.pf_meta")
            + _largest(bundle, "index/*.pf_index"))


def fixed_bytes(site: Path) -> int:
    """What every keyword query downloads whatever it searches, as served: the explorer's
    filter choices and count cube (kt-facets.json), Pagefind's script, worker and
    WebAssembly, and the base bundle they are loaded from."""
    pf = site / "pagefind"
    base = pf / BASE
    return (_served(site, pf / "kt-facets.json") + _served(site, base / "pagefind.js")
            + _served(site, base / "pagefind-worker.js") + _largest(base, "wasm.*.pagefind")
            + bundle_bytes(site, base))


def fragment_bytes(site: Path) -> int:
    """The MAX_LOAD largest result fragments of any bundle: the explorer reads up to MAX_LOAD
    to count the matching rows, so a query reads at most these."""
    frags = [p.stat().st_size for p in (site / "pagefind").glob("*/fragment/*.pf_fragment")]
    return sum(sorted(frags, reverse=True)[:MAX_LOAD])


def query_parts(site: Path) -> dict[str, int]:
    """Bytes a browser downloads for one one-word query in the explorer, by part, as served:
    what the deploy stores gzip-compressed (pagefind.js, its worker, kt-facets.json,
    generator/deploy.py stored_gzip) counted compressed, as browsers receive it from object
    storage or any static host that compresses; Pagefind's own files are gzip already.

    - fixed: `fixed_bytes`; fragments: `fragment_bytes` (bounded whatever the portal's size);
    - bundles: the costliest window of bundles a query searches (`windows` over the bundles
      of kt-facets.json within its budget), each bundle as `bundle_bytes`.
    Besides: the number of bundles and windows, and the fewest and most indicators one
    query searches (a window's)."""
    pf = site / "pagefind"
    parts = {"fixed": 0, "fragments": 0, "bundles": 0, "bundle_count": 0, "window_count": 0,
             "indicators_searched_min": 0, "indicators_searched_max": 0}
    if not (pf / "kt-facets.json").is_file():
        return parts
    data = json.loads((pf / "kt-facets.json").read_text(encoding="utf-8"))
    wins = windows(data.get("bundles", []), data.get("budget", QUERY_BUDGET))
    if not wins:
        return parts
    searched = [sum(b["indikator"] for b in w) for w in wins]
    parts.update(fixed=fixed_bytes(site), fragments=fragment_bytes(site),
                 bundles=max(sum(b["bytes"] for b in w) for w in wins),
                 bundle_count=len(data["bundles"]), window_count=len(wins),
                 indicators_searched_min=min(searched), indicators_searched_max=max(searched))
    return parts
def query_bytes(site: Path) -> int:
    """Bytes one one-word query downloads (query_parts, summed)."""
    parts = query_parts(site)
    return parts["fixed"] + parts["fragments"] + parts["bundles"]

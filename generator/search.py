"""Search index: Pagefind over small generated "search source" pages, one Pagefind bundle
per group of provinces in site/pagefind/<group>/, plus site/pagefind/kt-facets.json (the
explorer's filter choices and the list of bundles).

For every agency, source pages of at most CHUNK indicators hold each indicator as a
heading whose id is the indicator's row anchor and carry the agency page's URL as
metadata, so a hit lands on the row (`lembaga/<agency>/#i-...`) and result fragments stay
small however large a decree is. Hits are filtered in the browser by page metadata
(provinsi, kabupaten, lembaga) and by the anchor (IKU rows are `#i-iku-...`). Pagefind
splits each bundle into chunks and a query downloads only what it needs. The pages are
bahasa Indonesia (`lang="id"`), so Pagefind's Indonesian stemmer applies ("kehadiran"
finds "hadir"). The real pages are not indexed: the source pages carry exactly the
searchable fields.

Bundles: the provinces are cut into GROUPS (contiguous Kemendagri province codes, about a
quarter of the country's kabupaten/kota each); each group with agencies gets its own
bundle and the explorer merges them in the browser (Pagefind's mergeIndex, which reuses the
first bundle's WebAssembly). A change to one agency re-indexes only its group's bundle
(`build_index(..., only_provinces=...)`, or `previous=` to reuse every bundle whose source
pages did not change). Why four and not one per province: a query downloads, for every
bundle, its metadata and the index chunk holding the term (Pagefind cuts chunks at a fixed
~20,000 word locations, ~22 KB), so 38 province bundles cost ~1 MB per query at 2,000
agencies against ~200 KB for one bundle; four stay under the 300 KB budget.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html import escape as _escape
from pathlib import Path

from . import browse, i18n
from .errors import GeneratorError
from .model import Agency

CHUNK = 20  # indicators per search page: small fragments keep one query's download small
# source pages (of CHUNK indicators) the explorer reads for one query: its total is exact up
# to MAX_LOAD * CHUNK rows; a broader query says "more than" and asks for a filter
MAX_LOAD = 50

# (bundle, first and last province code): contiguous ranges of Kemendagri codes holding
# ~125-140 of the 514 kabupaten/kota each. Agencies without a province go to the first.
GROUPS = (("w1", 11, 18), ("w2", 19, 35), ("w3", 36, 72), ("w4", 73, 99))
FORMAT = "kt-search 3"  # part of each bundle's source digest: bump when the page layout changes
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


def group_of_code(code: str | None) -> str:
    """The bundle of a province code ('35' or '35.23...'); '' or None: the first bundle."""
    try:
        n = int((code or "").split(".")[0])
    except ValueError:
        return GROUPS[0][0]
    for name, lo, hi in GROUPS:
        if lo <= n <= hi:
            return name
    return GROUPS[-1][0]


def group_of(agency: Agency) -> str:
    return group_of_code(agency.province.code if agency.province else "")


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


def _digest(pages: list[tuple[str, str]]) -> str:
    h = hashlib.sha256(f"{FORMAT}\n{_pagefind_version()}\n".encode())
    for path, page in pages:
        h.update(f"{len(path)}:{path}{len(page)}:".encode())
        h.update(page.encode("utf-8"))
    return h.hexdigest()


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
    return [(f"s/{a.id}/{n}/index.html", page) for a in agencies
            for n, page in enumerate(source_pages(a), start=1)]


def _run_pagefind(pages: list[tuple[str, str]], out: Path) -> None:
    """Index one bundle's source pages into out/ (replaced)."""
    with tempfile.TemporaryDirectory(prefix="kt-search-") as tmp:
        src = Path(tmp) / "src"
        for rel, page in pages:
            f = src / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(page, encoding="utf-8")
        built = Path(tmp) / "out"
        proc = subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(src), "--output-path",
                               str(built), "--silent"], capture_output=True, text=True)
        if proc.returncode != 0:
            raise GeneratorError(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}")
        for name in UNUSED:
            (built / name).unlink(missing_ok=True)
        for letter, words in vocabulary(pages).items():
            f = built / VOCAB / f"{letter}.json"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (built / DIGEST).write_text(_digest(pages) + "\n", encoding="utf-8")
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


def build_index(site: Path, agencies: list[Agency], only_provinces=None, previous: Path | None = None) -> int:
    """Write site/pagefind/ (one bundle per group of provinces, kt-facets.json); returns the
    number of source pages indexed by this call.

    - `build_index(site, agencies)`: every bundle is built anew.
    - `only_provinces`: province codes (Region.code; '' for an agency without a province)
      of the agencies added, removed or changed since the previous build, old and new
      province of a moved one. Only their groups' bundles are re-indexed; the others are
      taken from `previous` (the previous site's root folder) or, without it, left as they
      are in site/pagefind/ (a bundle missing there is built).
    - `previous` without `only_provinces`: every bundle whose source pages are the same as
      in the previous site (same digest, kt-source.sha256) is taken from there, the others
      are re-indexed; this finds what changed by itself, at the cost of writing every
      agency's source pages in memory (~1 s at 2,000 agencies).

    Either way the result is byte for byte what a full build of the same agencies writes."""
    target = site / "pagefind"
    old = (Path(previous) / "pagefind") if previous is not None else None
    by_group: dict[str, list[Agency]] = {}
    for a in agencies:
        by_group.setdefault(group_of(a), []).append(a)
    groups = [g for g, _, _ in GROUPS if g in by_group]
    if only_provinces is None and old is None:
        shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    for d in target.iterdir():  # bundles of groups without agencies now
        if d.is_dir() and d.name not in groups:
            shutil.rmtree(d)

    in_place = old is not None and old.resolve() == target.resolve()  # previous is this site

    def keep(g: str) -> None:
        if not in_place and old is not None:
            _reuse(old / g, target / g)

    jobs: dict[str, list[tuple[str, str]] | None] = {}  # group -> its pages (None: made by the worker)
    if only_provinces is not None:
        changed = {group_of_code(c) for c in only_provinces}
        for g in groups:
            if g not in changed and old is not None and (old / g / DIGEST).is_file():
                keep(g)
            elif g in changed or not (target / g / DIGEST).is_file():
                jobs[g] = None
    else:
        for g in groups:
            pages = _group_pages(by_group[g]) if old is not None else None
            prev = old / g / DIGEST if old is not None else None
            if prev is not None and pages is not None and prev.is_file() and \
                    prev.read_text(encoding="utf-8").strip() == _digest(pages):
                keep(g)
            else:
                jobs[g] = pages

    def run(g: str) -> int:
        pages = jobs[g] or _group_pages(by_group[g])
        _run_pagefind(pages, target / g)
        return len(pages)
    # two at a time, largest first: while one Pagefind builds and compresses (one thread),
    # the other parses, and Python writes the next group's pages
    order = sorted(jobs, key=lambda g: -sum(len(a.current.indicators or []) for a in by_group[g]))
    with ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1, len(jobs)))) as pool:
        indexed = sum(pool.map(run, order))

    browse.write(target, agencies)
    data = facets(agencies)
    data["bundles"] = [{"path": f"pagefind/{g}/",
                        "provinsi": sorted({a.province.name.title() for a in by_group[g] if a.province})}
                       for g in groups]
    # replaced, never written in place: the file may be hard-linked with a build cache
    tmp = target / "kt-facets.json.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, target / "kt-facets.json")
    return indexed


def facets(agencies: list[Agency]) -> dict:
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


def query_parts(site: Path) -> dict[str, int]:
    """Bytes a browser downloads for one one-word query in the explorer over every bundle,
    by part, as served: what the deploy stores gzip-compressed (pagefind.js, kt-facets.json,
    generator/deploy.py stored_gzip) counted compressed, as browsers receive it from object
    storage or any static host that compresses; Pagefind's own files are gzip already.

    - fixed: the explorer's filter choices and count cube (kt-facets.json), the first
      bundle's pagefind.js and WebAssembly (merged bundles reuse them);
    - fragments: the MAX_LOAD largest result fragments (the explorer reads up to MAX_LOAD
      to count every matching row): bounded whatever the portal's size;
    - bundles: for each bundle its entry, its metadata (a few bytes per source page: grows
      with the bundle) and its largest index chunk (the worst chunk a term can hit)."""
    from .deploy import stored_bytes
    pf = site / "pagefind"
    bundles = sorted(p.parent for p in pf.glob("*/pagefind-entry.json"))
    parts = {"fixed": 0, "fragments": 0, "bundles": 0, "bundle_count": len(bundles)}
    if not bundles:
        return parts

    def served(p: Path) -> int:
        return len(stored_bytes(p.relative_to(site).as_posix(), p.read_bytes()))
    largest = lambda d, pattern: max((p.stat().st_size for p in d.glob(pattern)), default=0)
    first = bundles[0]
    parts["fixed"] = served(first / "pagefind.js") + largest(first, "wasm.*.pagefind")
    if (pf / "kt-facets.json").is_file():
        parts["fixed"] += served(pf / "kt-facets.json")
    frags: list[int] = []
    for b in bundles:
        parts["bundles"] += served(b / "pagefind-entry.json") + largest(b, "pagefind.*.pf_meta")
        parts["bundles"] += largest(b, "index/*.pf_index")
        frags += [p.stat().st_size for p in b.glob("fragment/*.pf_fragment")]
    parts["fragments"] = sum(sorted(frags, reverse=True)[:MAX_LOAD])
    return parts


def query_bytes(site: Path) -> int:
    """Bytes one one-word query downloads (query_parts, summed)."""
    parts = query_parts(site)
    return parts["fixed"] + parts["fragments"] + parts["bundles"]

"""A national build split by province: shards fill the build cache, one merge build uses it.

    python -m generator shards                      # the provinces to build (JSON, for a CI matrix)
    python -m generator shard 32 --cache DIR        # one province's work, into DIR
    python -m generator build --cache MERGED ...    # the merge: an ordinary build

A shard does the per-agency work of its province only: it validates and exports the
province's decrees, renders their agency pages (both languages, hardened) and scans them,
storing every result in the content-hash cache (generator/cache.py). Cache entries are
named by the hash of their inputs, so the shards' cache folders merge by copying them into
one folder (no two shards write the same name with different content), and the merge is
a plain `generator build --cache` that finds every agency's work done and runs only the
portal-wide steps: section pages, whole-portal downloads (assembled from the shards'
pieces), mkdocs, search index, link check. Its output is byte-identical to a build on one
machine without cache, whatever the number of shards: tests/test_shards.py checks it.

What a shard needs from other provinces is read, not built: every package is loaded (the
related-indicator links of a page name other agencies' indicators), but only the
province's packages are validated, exported and rendered, and only they are stored.
The merge build must run with the same code, data, SITE_URL and decrees folder as the
shards; anything else only costs cache misses, never a wrong page.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from . import i18n
from .build import LICENSES, Options, data_epoch, jsonld_head, run_mkdocs, site_base_path, site_base_url
from .cache import Cache
from .errors import DataError, GeneratorError, Report
from .export import Exporter, copy_sources
from .load import load_all, load_reference_regions, load_shared_schemas, remember
from .model import Portal, build_model
from .pages import fill_agency_pages
from .render import Renderer
from .scan import scan_pages
from .validate import validate_sources


def shard_of(agency) -> str:
    """A shard is a province ('32'); agencies of unknown region form shard 'x'."""
    return Portal.region_code(agency.province)


def plan(packages: Path) -> list[str]:
    """The shards a portal has, sorted (the CI matrix)."""
    sources, problems = load_all(packages)
    if problems:
        raise DataError(Report(problems))
    return sorted({shard_of(a) for a in build_model(sources).agencies})


def build_shard(opts: Options, shard: str) -> dict[str, float]:
    """Fill opts.cache with the province's per-agency work; returns timings and counts."""
    if opts.cache is None:
        raise GeneratorError("a shard build needs --cache: the cache is what it produces")
    cache = Cache(opts.cache)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sources, problems = load_all(opts.packages)  # every package is read, only the shard's stored
    portal = build_model(sources) if not problems else None
    if portal is None:
        raise DataError(Report(problems))
    agencies = [a for a in portal.agencies if shard_of(a) == shard]
    if not agencies:
        raise GeneratorError(f"no agency in shard {shard!r}; the shards are {plan(opts.packages)}")
    mine = {d.package for a in agencies for d in a.documents}
    own = [s for s in sources if s.name in mine]
    for src in own:
        remember(cache, src)
    timings["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    shared = load_shared_schemas(opts.packages)
    report = Report(validate_sources(own, shared, load_reference_regions(opts.packages), opts.decrees, cache))
    if not report.ok(opts.strict):
        raise DataError(report)
    timings["validate"] = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix=f"kt-shard-{shard}-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        exporter = Exporter(portal, shared, work / "files", {"licenses": LICENSES}, cache)
        downloads: dict = {"_groups": []}
        for doc in (d for a in agencies for d in a.documents):
            downloads[doc.id] = exporter.document(doc)[0]
        downloads["_sources"] = copy_sources(portal, opts.decrees, work / "files")
        timings["export"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        site = work / "site"
        renderers = _shell_site(portal, shared, opts, downloads, work / "docs", site)
        timings["shell"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        pages = fill_agency_pages(site, renderers, agencies=agencies, head=jsonld_head(renderers["id"]), cache=cache)
        timings["pages"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        scan_pages(site, sorted(pages), site_base_path(opts), True, cache)
        timings["scan"] = time.perf_counter() - t0
    timings.update(agencies=len(agencies), packages=len(own))
    return timings


def _shell_site(portal: Portal, schemas: dict, opts: Options, downloads: dict, docs_root: Path,
                site: Path) -> dict[str, Renderer]:
    """The section pages and the agency shell page, through mkdocs, as the merge build
    makes them (so the shell, and with it every page's cache key, is the same)."""
    from .release import releases as release_records

    records = release_records(opts.releases) if opts.releases.is_dir() else []
    renderers = {}
    for lang in i18n.LANGS:
        src = opts.content / lang
        if src.is_dir():
            shutil.copytree(src, docs_root / lang, dirs_exist_ok=True)
        (docs_root / lang).mkdir(parents=True, exist_ok=True)
        renderers[lang] = Renderer(portal, docs_root / lang, lang, downloads, records, site_base_url(opts))
        renderers[lang].render_all(schemas, shell=True)
    run_mkdocs(opts, docs_root, site, {}, data_epoch(portal))
    return renderers


def merge_caches(shard_caches: list[Path], into: Path) -> int:
    """Copy the shards' cache folders into one (what CI's artifact download does with
    merge-multiple). Returns the number of entries copied."""
    n = 0
    for src in shard_caches:
        for path in src.rglob("*"):
            if path.is_file():
                target = into / path.relative_to(src)
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
                    n += 1
    return n

"""A national build split by province: shards fill the build cache, one merge build uses it.

    python -m generator shards --plan-out plan.json # the provinces (JSON, for a CI matrix) + plan
    python -m generator shard 32 --plan plan.json --cache DIR   # one province's work, into DIR
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

What a shard needs from the rest of the portal comes from a plan made once (`generator
shards --plan-out plan.json`, one pass over all packages): which packages are in which
shard, and the related-indicator links between agencies (a page links to the same
indicator in other provinces). A shard reads only its own packages, so its time and
memory grow with its province, not with the country.
The merge build must run with the same code, data, SITE_URL and decrees folder as the
shards; anything else only costs cache misses, never a wrong page.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from .build import (
    Options,
    data_epoch,
    package_meta,
    prepare_docs,
    render_docs,
    run_mkdocs,
    use_template_cache,
)
from .cache import Cache
from .errors import DataError, GeneratorError, Problem, Report
from .export import Exporter, copy_sources
from .load import discover, load_all, load_reference_regions, load_shared_schemas, read_package, remember
from .model import Agency, Document, Portal, anchor_of, build_model, current_of
from .related import Links, RelatedLink, compute
from .render import Renderer
from .scan import scan_pages
from .site import SiteConfig
from .site.catalogue import jsonld_head
from .site.shell import fill_agency_pages
from .validate import validate_sources
from .versions import Status, Versions, data_versions, document_sha256, versions_of


def shard_of(agency) -> str:
    """A shard is a province ('32'); agencies of unknown region form shard 'x'."""
    return Portal.region_code(agency.province)


class _Agency:
    """What the related index reads of an agency: id, name, regions (generator/related.py)."""
    __slots__ = ("id", "name", "province", "kabupaten")

    def __init__(self, agency: Agency):
        self.id, self.name, self.province, self.kabupaten = agency.id, agency.name, agency.province, agency.kabupaten


class _Decree:
    """One agency's view of a decree: what Agency.current reads, and its indicators' names."""
    __slots__ = ("id", "signed_on", "supersedes", "agency", "indicators")

    def __init__(self, view: Document, agency: _Agency):
        self.id, self.signed_on, self.supersedes, self.agency = view.id, view.signed_on, view.supersedes, agency
        self.indicators = [_Name(i.id, i.name, i.order, self) for i in view.indicators]


class _Name:
    """What the related index reads of an indicator: id, name, order, its decree's agency."""
    __slots__ = ("id", "name", "order", "document")

    def __init__(self, id: str, name: str, order: int, document: _Decree):
        self.id, self.name, self.order, self.document = id, name, order, document

    @property
    def anchor(self) -> str:
        return anchor_of(self.id)


def plan(packages: Path, releases: Path | None = None) -> dict:
    """What the shards need to know of the whole portal, from one pass over it: the shards
    (sorted: the CI matrix), the shard of every package, and the related-indicator links
    between agencies (a page links to other provinces' agencies).

    The pass reads one package at a time and keeps of it only its shard, its content
    checksum, its indicators' count and, per agency it names, its decree's indicator names
    (a names-only pass): memory grows with the names, not with the nation's model."""
    from . import export

    folders = discover(packages)
    if not folders:
        raise DataError(Report([Problem(str(packages), None, None, None, "no-packages", "no data packages found",
                                        file=str(packages))]))
    shared = load_shared_schemas(packages)
    by_package: dict[str, str] = {}
    now: dict[str, str] = {}  # decree id -> content checksum (versions.py)
    indicators = 0
    agencies: dict[str, _Agency] = {}
    decrees: dict[str, list[_Decree]] = {}  # agency id -> its decrees (one agency's view of each)
    problems: list[Problem] = []
    for folder in folders:
        src = read_package(folder, problems)
        if src is None or problems:
            continue
        portal = build_model([src])
        doc = portal.documents[0]
        by_package[doc.package] = shard_of(doc.agency)
        now[doc.id] = document_sha256(doc, shared)
        indicators += len(doc.indicators)
        for a in portal.agencies:
            light = agencies.setdefault(a.id, _Agency(a))  # the first package's row, as in the model
            decrees.setdefault(a.id, []).extend(_Decree(view, light) for view in a.documents)
    if problems:
        raise DataError(Report(problems))
    names = [n for aid in sorted(agencies) for n in current_of(decrees[aid]).indicators]
    result = compute(names)  # type: ignore[arg-type]  # anything with id, name, order, document.agency
    links = {i: [RelatedLink.of(o).as_list() for o in others] for i, others in result.links.items()}
    # the portal's version against the last release: what the banner of every page says
    status = versions_of(now, Options.releases if releases is None else releases).portal
    return {"shards": sorted(set(by_package.values())), "packages": dict(sorted(by_package.items())),
            "related": dict(sorted(links.items())), "themes": dict(sorted(result.theme_of.items())),
            "status": status.as_dict(), "national": indicators > export.NATIONAL_INDICATORS}


def related_index(the_plan: dict) -> Links:
    return Links({i: [RelatedLink(*r) for r in rel] for i, rel in the_plan["related"].items()},
                 the_plan.get("themes", {}))


def build_shard(opts: Options, shard: str, the_plan: dict | None = None) -> dict[str, float]:
    """Fill opts.cache with the province's per-agency work; returns timings and counts.
    With a plan (from `generator shards --plan-out`), only the province's packages are
    read; without one, the whole portal is read to make it."""
    if opts.cache is None:
        raise GeneratorError("a shard build needs --cache: the cache is what it produces")
    cache, config = Cache(opts.cache), SiteConfig.read(opts.config)
    use_template_cache(cache)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    the_plan = the_plan or plan(opts.packages)
    mine = {p for p, s in the_plan["packages"].items() if s == shard}
    if not mine:
        raise GeneratorError(f"no agency in shard {shard!r}; the shards are {the_plan['shards']}")
    sources, problems = load_all(opts.packages, only=mine)
    if problems:
        raise DataError(Report(problems))
    for src in sources:
        remember(cache, src)
    portal = build_model(sources)
    agencies = portal.agencies
    timings["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    shared = load_shared_schemas(opts.packages)
    report = Report(validate_sources(sources, shared, load_reference_regions(opts.packages), opts.decrees, cache))
    if not report.ok(opts.strict):
        raise DataError(report)
    timings["validate"] = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix=f"kt-shard-{shard}-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        versions = data_versions(portal.documents, shared, opts.releases, cache)
        exporter = Exporter(portal, shared, work / "files", package_meta(opts, config, versions), cache,
                            national=the_plan.get("national"))  # the nation's size, not the province's
        downloads: dict = {"_groups": []}
        for doc in portal.documents:
            downloads[doc.id] = exporter.document(doc)[0]
        downloads["_sources"] = copy_sources(portal, opts.decrees, work / "files")
        timings["export"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        site = work / "site"
        status = Status.from_dict(the_plan["status"]) if the_plan.get("status") else None
        renderers = _shell_site(portal, shared, opts, config, downloads, work / "docs", site,
                                related_index(the_plan), cache, versions, status)
        timings["shell"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        pages = fill_agency_pages(site, renderers, agencies=agencies, head=jsonld_head(renderers["id"]), cache=cache,
                                  workers=opts.workers)
        timings["pages"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        scan_pages(site, sorted(pages), config.base_path, True, cache, known=pages)
        timings["scan"] = time.perf_counter() - t0
    timings.update(agencies=len(agencies), packages=len(sources))
    return timings


def _shell_site(portal: Portal, schemas: dict, opts: Options, config: SiteConfig, downloads: dict,
                docs_root: Path, site: Path, links: Links, cache: Cache, versions: Versions,
                status: Status | None) -> dict[str, Renderer]:
    """The section pages and the agency shell page, through mkdocs, as the merge build
    makes them (so the shell, and with it every page's cache key, is the same)."""
    prepare_docs(opts, docs_root)
    renderers = render_docs(portal, schemas, opts, config, docs_root, downloads, True, links, versions)
    run_mkdocs(opts, config, docs_root, site, data_epoch(portal), cache, status)
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

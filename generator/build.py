"""The pipeline, top to bottom: load -> validate -> model -> render -> export -> mkdocs.

Gather everything, then write (as mkdocs' own build does). Output goes to a staging
folder next to the target and is swapped in only when every step succeeded, so a failed
build leaves the previous site untouched.

With a build cache (Options.cache, `--cache DIR`, generator/cache.py) every per-agency
step is looked up by the hash of its inputs first: reading a package, validating it,
exporting its downloads, rendering its pages, scanning them, and the search bundles of
its province group; the whole-portal downloads are assembled from per-decree pieces. A
rebuild after one change redoes that agency and the portal-wide steps only, and writes
the same bytes as a build without cache. Province shards (generator/shards.py) fill the
same cache on other machines.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import i18n
from .cache import Cache, link_tree
from .errors import DataError, GeneratorError, Report
from .export import Exporter, copy_sources
from .load import load_all, load_regions, load_schemas, load_shared_schemas
from .model import Portal, build_model
from .output import check_out, clean_stale, mark, staging_prefix
from .pages import fill_agency_pages
from .render import Renderer
from .validate import validate_sources
from .versions import Status, Versions, data_versions

ROOT = Path(__file__).resolve().parent.parent
LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
             "title": "Creative Commons Attribution 4.0"}]


@dataclass
class Options:
    packages: Path = ROOT / "datapackages"
    out: Path = ROOT / "site"
    decrees: Path = ROOT / "decrees"
    content: Path = ROOT / "content"
    releases: Path = ROOT / "releases"
    config: Path = ROOT / "mkdocs.yml"
    strict: bool = False
    mkdocs: bool = True  # False: generate docs only (used by tests of the render stage)
    baseline: bool = False  # benchmark only: stock Material (every page in nav, built-in search)
    cache: Path | None = None  # content-hash build cache (generator/cache.py); None: no cache
    prune_cache: bool = False  # after a successful build, delete the cache entries it did not use
    progress: Callable[[str], None] | None = None  # told each stage as it starts (the CLI prints it)


@dataclass
class Result:
    report: Report
    portal: Portal | None = None
    timings: dict[str, float] = field(default_factory=dict)
    docs_dir: Path | None = None


def check(packages: Path, decrees: Path | None, cache: Cache | None = None) -> tuple[Report, list]:
    """Load and validate; returns the report and the loaded sources."""
    sources, problems = load_all(packages, cache)
    report = Report(problems)
    shared, schema_problems = load_schemas(packages)
    regions, region_problems = load_regions(packages)
    report.extend(schema_problems + region_problems)
    if schema_problems:  # no rule can be trusted without its schemas
        return report, sources
    report.extend(validate_sources(sources, shared, regions, decrees, cache))
    return report, sources


def generate_docs(portal: Portal, schemas: dict, opts: Options, docs_root: Path, timings: dict,
                  shell: bool = False, files_dir: Path | None = None,
                  cache: Cache | None = None) -> dict[str, Renderer]:
    """Write both languages' Markdown pages into docs_root/<lang>/ and the downloads into
    files_dir (default: the id docs folder, for mkdocs serve). With shell=True agency pages
    are left to generator/pages.py (after mkdocs)."""
    t0 = time.perf_counter()
    id_docs = docs_root / "id"
    prepare_docs(opts, docs_root)
    versions = data_versions(portal.documents, schemas, opts.releases, cache)
    exporter = Exporter(portal, schemas, files_dir or id_docs, package_meta(opts, versions), cache)
    downloads = exporter.export_all()
    downloads["_sources"] = copy_sources(portal, opts.decrees, id_docs)
    timings["export"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    renderers = render_docs(portal, schemas, opts, docs_root, downloads, shell, versions=versions)
    timings["render"] = time.perf_counter() - t0
    return renderers


def package_meta(opts: Options, versions: Versions) -> dict:
    """What the published descriptors say beyond the data: each one's version (the latest
    release's when the data is that release's, else 'unreleased+<checksum>': never empty)
    and, for released data, the release's date as `created` (never the build clock), and
    the site's URL."""
    def created(status) -> str:
        return f"{status.date}T00:00:00Z" if not status.changed else ""
    return {"licenses": LICENSES, "version": versions.portal.version, "created": created(versions.portal),
            "documents": {d: {"version": s.version, "created": created(s)} for d, s in versions.documents.items()},
            "site_url": site_base_url(opts)}


def prepare_docs(opts: Options, docs_root: Path) -> None:
    """The hand-written pages of each language, and the frozen releases (published as
    they are, at stable URLs)."""
    from .release import releases as release_records

    for lang in i18n.LANGS:
        src = opts.content / lang
        if src.is_dir():
            shutil.copytree(src, docs_root / lang, dirs_exist_ok=True)
        (docs_root / lang).mkdir(parents=True, exist_ok=True)
    if opts.releases.is_dir() and release_records(opts.releases):
        from .release import verify_release
        wrong = [w for rec in release_records(opts.releases) for w in verify_release(opts.releases / rec["version"])]
        if wrong:
            raise GeneratorError("a frozen release no longer matches its checksums; it is not republished:\n"
                                 + "\n".join(wrong))
        # the frozen files (not the Markdown release notes, which would become pages)
        shutil.copytree(opts.releases, docs_root / "id" / "releases", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.md"))


def render_docs(portal: Portal, schemas: dict, opts: Options, docs_root: Path, downloads: dict,
                shell: bool, related_index: dict | None = None, versions: Versions | None = None) -> dict[str, Renderer]:
    """Both languages' generated pages into docs_root/<lang>/; the renderers."""
    from .release import releases as release_records

    records = release_records(opts.releases) if opts.releases.is_dir() else []
    versions = versions or data_versions(portal.documents, schemas, opts.releases)
    renderers = {lang: Renderer(portal, docs_root / lang, lang, downloads, records, site_base_url(opts),
                                related_index, versions) for lang in i18n.LANGS}
    for renderer in renderers.values():
        renderer.render_all(schemas, shell=shell)
    return renderers


def mkdocs_config(opts: Options, lang: str, docs_dir: Path, site_dir: Path, status: Status | None = None):
    from mkdocs.config import load_config

    return load_config(str(opts.config), **mkdocs_overrides(opts, lang, docs_dir, site_dir, status))


def status_banner(status: Status | None, lang: str) -> dict | None:
    """What every page says when the data is not the last release's (overrides/main.html):
    the state, not the checksum (one changed agency must not change every page)."""
    if status is None or not status.changed:
        return None
    return {"label": i18n.STRINGS[lang]["data_version"], "text": status.text(lang),
            "link": i18n.page_path(lang, "releases").removesuffix("index")}


def mkdocs_overrides(opts: Options, lang: str, docs_dir: Path, site_dir: Path, status: Status | None = None) -> dict:
    """Per-language settings on top of mkdocs.yml."""
    from mkdocs.utils import yaml_load

    with open(opts.config, encoding="utf-8") as fh:
        raw = yaml_load(fh)
    t = i18n.STRINGS[lang]
    nav = [{t["home"]: "index.md"}, {t["agencies"]: i18n.page_path(lang, "agencies") + ".md"},
           {t["explorer"]: i18n.page_path(lang, "explorer") + ".md"},
           {t["downloads"]: i18n.page_path(lang, "downloads") + ".md"},
           {t["quality"]: i18n.page_path(lang, "quality") + ".md"},
           {t["releases"]: i18n.page_path(lang, "releases") + ".md"},
           {t["dictionary"]: i18n.page_path(lang, "dictionary") + ".md"},
           {t["reading"]: i18n.page_path(lang, "reading") + ".md"},
           {t["about"]: i18n.page_path(lang, "about") + ".md"}]
    theme = dict(raw["theme"], language=lang, custom_dir=str(opts.config.parent / raw["theme"]["custom_dir"]))
    here, there = ("./", "en/") if lang == "id" else ("../", "./")
    extra = dict(raw.get("extra") or {}, alternate=[
        {"name": "Bahasa Indonesia", "link": here, "lang": "id"},
        {"name": "English", "link": there, "lang": "en"}], kt_status=status_banner(status, lang))
    not_in_nav = "\n".join([f"/{i18n.page_path(lang, 'agency', id='*')}.md",  # agency pages, their shell
                            f"/{i18n.page_path(lang, 'region', code='*')}.md"])
    site_url = raw.get("site_url") or ""
    if lang != i18n.DEFAULT and site_url:
        site_url = site_url.rstrip("/") + f"/{lang}/"
    return dict(docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, theme=theme, nav=nav,
                extra=extra, not_in_nav=not_in_nav, site_url=site_url,
                hooks=[str(Path(__file__).parent / "mkdocs_jinja.py")])


def data_epoch(portal: Portal) -> int:
    """The build's timestamp comes from the data (latest decree date), never the clock."""
    import calendar
    dates = [d.signed_on for d in portal.documents if d.signed_on]
    return calendar.timegm(max(dates).timetuple()) if dates else 0


def run_mkdocs(opts: Options, docs_root: Path, site_dir: Path, timings: dict, epoch: int = 0,
               status: Status | None = None) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    t0 = time.perf_counter()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # sitemap lastmod, gzip mtime
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    for lang in i18n.LANGS:  # id first: its build cleans site_dir
        target = site_dir if lang == "id" else site_dir / "en"
        cfg = mkdocs_config(opts, lang, docs_root / lang, target, status)
        if opts.baseline:  # stock Material defaults: every page in the nav, lunr search
            from mkdocs.config import load_config
            over = mkdocs_overrides(opts, lang, docs_root / lang, target, status)
            over.update(plugins=["search"], strict=False)
            cfg = load_config(str(opts.config), **over)
            # load_config drops None overrides, so reset these after it: nav None = every
            # page in the nav (mkdocs' default, quadratic in pages), nothing excluded
            cfg["nav"], cfg["not_in_nav"] = None, None
        try:
            mkdocs_build(cfg)
        except Abort as exc:
            raise GeneratorError(f"mkdocs build --strict failed for language {lang!r}: {exc}") from exc
    timings["mkdocs"] = time.perf_counter() - t0


def build(opts: Options) -> Result:
    timings: dict[str, float] = {}
    cache = Cache(opts.cache)
    use_template_cache(cache)
    out = check_out(opts.out, {"the data packages": opts.packages, "the decree texts": opts.decrees,
                               "the repository": ROOT, "the hand-written pages": opts.content,
                               "the releases": opts.releases})
    clean_stale(out)  # what killed builds left next to it (a running build's folders stay)
    say = opts.progress or (lambda message: None)
    say(f"build: reading and validating {opts.packages}")
    t0 = time.perf_counter()
    report, sources = check(opts.packages, opts.decrees, cache)
    timings["validate"] = time.perf_counter() - t0
    if not report.ok(opts.strict):
        raise DataError(report)
    say(f"build: {len(sources)} package(s) valid; exporting downloads and rendering pages")
    t0 = time.perf_counter()
    portal = build_model(sources)
    schemas = load_shared_schemas(opts.packages)
    timings["model"] = time.perf_counter() - t0
    out.parent.mkdir(parents=True, exist_ok=True)
    if not opts.mkdocs:  # docs only, straight into opts.out (serve, render tests)
        shutil.rmtree(out, ignore_errors=True)
        generate_docs(portal, schemas, opts, out, timings)
        mark(out)
        return Result(report, portal, timings, out)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(out), dir=out.parent))
    try:
        docs_root, files = staging / "docs", staging / "files"
        renderers = generate_docs(portal, schemas, opts, docs_root, timings, shell=not opts.baseline,
                                  files_dir=files, cache=cache)
        site = staging / "site"
        say(f"build: mkdocs ({len(portal.agencies)} agencies, 2 languages)")
        run_mkdocs(opts, docs_root, site, timings, data_epoch(portal), renderers["id"].versions.portal)
        t0 = time.perf_counter()
        link_tree(files, site)  # downloads: not copied through mkdocs
        timings["files"] = time.perf_counter() - t0
        if not opts.baseline:
            say("build: agency pages, search index, catalogue, safety scan")
            t0 = time.perf_counter()
            pages = fill_agency_pages(site, renderers, head=jsonld_head(renderers["id"]), cache=cache)
            timings["pages"] = time.perf_counter() - t0
            finish_site(site, portal, opts, timings, renderers["id"], filled=pages, cache=cache)
        mark(site)
        swap_into(site, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if opts.prune_cache:
        cache.prune()
    return Result(report, portal, timings)


def use_template_cache(cache: Cache) -> None:
    """With a build cache, compiled templates (ours and mkdocs') are kept in it too."""
    from jinja2 import FileSystemBytecodeCache

    from .mkdocs_jinja import ENV_VAR
    from .render import shared_env

    if cache.enabled:
        folder = cache.root / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        shared_env().bytecode_cache = FileSystemBytecodeCache(str(folder))
        os.environ[ENV_VAR] = str(folder)
    else:
        shared_env().bytecode_cache = None
        os.environ.pop(ENV_VAR, None)


def jsonld_head(renderer: Renderer):
    """schema.org Dataset JSON-LD for each agency page's <head>."""
    from .catalog import agency_head

    version = renderer.versions or (renderer.releases[-1]["version"] if renderer.releases else "")

    def head(agency, lang) -> str:
        return agency_head(agency, renderer.downloads, renderer.site_url, version, lang)
    return head


def finish_site(site: Path, portal: Portal, opts: Options, timings: dict, renderer: Renderer,
                filled: dict[Path, str] | None = None, cache: Cache | None = None) -> None:
    """Steps on the built HTML before it is published (one call per concern, each in its own
    module: search index, catalogue, safety scans). A step that raises stops publication."""
    from .catalog import inject_head, portal_jsonld, script_json, write_catalog
    from .csp import harden_site
    from .search import build_index

    t0 = time.perf_counter()
    version = renderer.versions or (renderer.releases[-1]["version"] if renderer.releases else "")
    write_catalog(site, portal, renderer.downloads, renderer.site_url, version)
    for lang in i18n.LANGS:
        url = i18n.page_url(lang, "downloads")
        inject_head(site / url / "index.html",
                    script_json(portal_jsonld(portal, renderer.downloads, renderer.site_url, version, url)))
    timings["catalog"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    previous = cache.root / "search-previous" if cache is not None and cache.enabled else None
    build_index(site, portal.agencies, previous=previous if previous and previous.is_dir() else None)
    if previous is not None:  # the bundles of this build, for the next one to reuse
        shutil.rmtree(previous, ignore_errors=True)
        link_tree(site / "pagefind", previous / "pagefind")
    timings["search"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    filled = filled or {}
    harden_site(site, done=set(filled))  # agency pages were hardened as they were filled
    timings["csp"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    check_site(site, site_base_path(opts), cache, known=filled)
    timings["scan"] = time.perf_counter() - t0


def site_base_url(opts: Options) -> str:
    """site_url of mkdocs.yml (env SITE_URL), ending with '/'; '' when unset."""
    from mkdocs.utils import yaml_load

    with open(opts.config, encoding="utf-8") as fh:
        url = yaml_load(fh).get("site_url") or ""
    return url if url.endswith("/") or not url else url + "/"


def site_base_path(opts: Options) -> str:
    """The path part of site_url ('/portal/'), for root-relative links of the 404 pages."""
    from urllib.parse import urlsplit

    return urlsplit(site_base_url(opts)).path or "/"


def check_site(site: Path, base_path: str = "/", cache: Cache | None = None,
               known: dict[Path, str] | None = None) -> None:
    """The safety scan (generator/scan.py); any finding stops publication."""
    from .scan import scan_site

    findings = scan_site(site, base_path=base_path, archives=False, cache=cache, known=known,
                         suffixes={".html", ".txt", ".xml", ".jsonld"})  # data files: checked by validation
    if findings:
        listed = "\n".join(str(f) for f in findings[:50])
        more = f"\n... and {len(findings) - 50} more" if len(findings) > 50 else ""
        raise GeneratorError(f"safety scan of the built site failed ({len(findings)} finding(s)):\n{listed}{more}")


def swap_into(new: Path, target: Path) -> None:
    """Replace target by new with two renames; the old site survives until the last step."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)

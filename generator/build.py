"""The pipeline, top to bottom: validate (load + rules) -> model -> export -> render ->
mkdocs -> the site wing (generator/site/: agency pages, catalogue, search, CSP, scan).

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

import gc
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from collections.abc import Callable

from . import i18n
from .cache import Cache
from .errors import DataError, GeneratorError, Report
from .export import Exporter, copy_sources
from .load import load_shared_schemas
from .model import Portal, build_model
from .provinces import Provinces
from .output import check_out, clean_stale, mark, staging_prefix
from .related import Links, analyse
from .releases import releases as release_records
from .releases import verify_release
from .render import Renderer, shared_env
from .satudata import load_config as load_satu_config
from .site import BASELINE, STEPS, SiteBuild, SiteConfig, post_build
from .summary import summarise
from .validate import check
from .versions import Status, Versions, data_versions

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@dataclass
class Options:
    packages: Path = ROOT / "datapackages"
    out: Path = ROOT / "site"
    decrees: Path = ROOT / "decrees"
    content: Path = ROOT / "content"
    releases: Path = ROOT / "releases"
    satu_data: Path = ROOT / "config" / "satu-data.yaml"  # Satu Data Indonesia settings (generator/satudata.py)
    config: Path = ROOT / "mkdocs.yml"
    strict: bool = False
    mkdocs: bool = True  # False: generate docs only (used by tests of the render stage)
    baseline: bool = False  # benchmark only: stock Material (every page in nav, built-in search)
    cache: Path | None = None  # content-hash build cache (generator/cache.py); None: no cache
    prune_cache: bool = False  # after a successful build, delete the cache entries it did not use
    workers: int = 1  # processes for validation, downloads, agency pages; 0: every core (`build --workers 0`)
    progress: Callable[[str], None] | None = None  # told each stage as it starts (the CLI prints it)


@dataclass
class Result:
    report: Report
    portal: Portal | None = None
    timings: dict[str, float] = field(default_factory=dict)
    docs_dir: Path | None = None
    renderers: dict[str, Renderer] = field(default_factory=dict)  # docs only: what fills the agency pages


def build(opts: Options) -> Result:
    """Every stage, one line each; the site is swapped in only when all of them succeeded."""
    timings: dict[str, float] = {}
    say = opts.progress or (lambda message: None)
    cache, config = Cache(opts.cache), SiteConfig.read(opts.config)
    out = output_folder(opts, cache)
    say(f"build: reading and validating {opts.packages}")
    report, sources = timed(timings, "validate", check, opts.packages, opts.decrees, cache, opts.workers)
    if not report.ok(opts.strict):
        raise DataError(report)
    say(f"build: {len(sources)} package(s) valid; exporting downloads and rendering pages")
    portal, schemas = timed(timings, "model", lambda: (build_model(sources), load_shared_schemas(opts.packages)))
    if not opts.mkdocs:  # docs only, straight into opts.out (serve: its mkdocs hook fills the agency pages)
        shutil.rmtree(out, ignore_errors=True)
        renderers = generate_docs(portal, schemas, opts, config, out, timings, shell=True)
        mark(out)
        return Result(report, portal, timings, out, renderers)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(out), dir=out.parent))
    # every province's packages on disk, to be read back one province at a time after mkdocs
    provinces = timed(timings, "spill", Provinces, sources, portal, staging)
    sources = []  # the model holds the rows until it is let go
    try:
        docs_root, files, site = staging / "docs", staging / "files", staging / "site"
        renderers = generate_docs(portal, schemas, opts, config, docs_root, timings, shell=not opts.baseline,
                                  files_dir=files, cache=cache)
        summary, epoch = renderers["id"].summary, data_epoch(portal)
        if not opts.baseline:  # the agency pages come from each province's model (provinces.py)
            for renderer in renderers.values():
                renderer.drop_model()
            del portal
            gc.collect()  # the model's cycles: its memory is free for what follows
            # what lives on (summary, renderers, mkdocs' state) is left out of the collections
            # that let each province's model go (provinces.py): they scan that model only
            gc.freeze()
        say(f"build: mkdocs ({len(summary.agencies)} agencies, 2 languages)")
        versions = renderers["id"].versions
        timed(timings, "mkdocs", run_mkdocs, opts, config, docs_root, site, epoch, cache,
              versions.portal if versions is not None else None)
        post_build(SiteBuild(site, summary, renderers, config, cache, files, opts.workers, timings=timings,
                             provinces=provinces if not opts.baseline else None),
                   BASELINE if opts.baseline else STEPS, say)
        mark(site)
        swap_into(site, out)
    finally:
        gc.unfreeze()
        provinces.close()
        shutil.rmtree(staging, ignore_errors=True)
    if opts.prune_cache:
        cache.prune()
    return Result(report, None, timings)


def timed(timings: dict[str, float], name: str, step: Callable[..., T], *args: Any) -> T:
    t0 = time.perf_counter()
    try:
        return step(*args)
    finally:
        timings[name] = time.perf_counter() - t0


def output_folder(opts: Options, cache: Cache) -> Path:
    """The checked output folder (never one of the inputs), with what killed builds left
    next to it cleared; the compiled templates kept in the cache."""
    use_template_cache(cache)
    out = check_out(opts.out, {"the data packages": opts.packages, "the decree texts": opts.decrees,
                               "the repository": ROOT, "the hand-written pages": opts.content,
                               "the releases": opts.releases})
    clean_stale(out)  # what killed builds left next to it (a running build's folders stay)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def generate_docs(portal: Portal, schemas: dict, opts: Options, config: SiteConfig, docs_root: Path,
                  timings: dict, shell: bool = False, files_dir: Path | None = None,
                  cache: Cache | None = None) -> dict[str, Renderer]:
    """Write both languages' Markdown pages into docs_root/<lang>/ and the downloads into
    files_dir (default: the id docs folder, for mkdocs serve). With shell=True (every build
    but the benchmark's stock-Material baseline) the agency pages are filled into the mkdocs
    shell page by the site wing (generator/site/shell.py) after mkdocs: one render path
    for the published site, the preview and the golden tests."""
    t0 = time.perf_counter()
    id_docs = docs_root / "id"
    prepare_docs(opts, docs_root)
    versions = data_versions(portal.documents, schemas, opts.releases, cache)
    exporter = Exporter(portal, schemas, files_dir or id_docs, package_meta(opts, config, versions), cache,
                        workers=opts.workers)
    downloads = exporter.export_all()
    downloads["_sources"] = copy_sources(portal, opts.decrees, id_docs)
    timings["export"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if cache is not None:  # the related index from each agency's part in the cache (related.analyse)
        analyse(portal, cache)
    renderers = render_docs(portal, schemas, opts, config, docs_root, downloads, shell, versions=versions)
    timings["render"] = time.perf_counter() - t0
    return renderers


def package_meta(opts: Options, config: SiteConfig, versions: Versions) -> dict:
    """What the published descriptors say beyond the data: each one's version (the latest
    release's when the data is that release's, else 'unreleased+<checksum>': never empty)
    and, for released data, the release's date as `created` (never the build clock), and
    the site's URL."""
    def created(status: Any) -> str:
        return f"{status.date}T00:00:00Z" if not status.changed else ""
    return {"version": versions.portal.version, "created": created(versions.portal),
            "documents": {d: {"version": s.version, "created": created(s)} for d, s in versions.documents.items()},
            "site_url": config.site_url, "satu_data": load_satu_config(opts.satu_data)}


def prepare_docs(opts: Options, docs_root: Path) -> None:
    """The hand-written pages of each language, and the frozen releases (published as
    they are, at stable URLs)."""
    for lang in i18n.LANGS:
        src = opts.content / lang
        if src.is_dir():
            shutil.copytree(src, docs_root / lang, dirs_exist_ok=True)
        (docs_root / lang).mkdir(parents=True, exist_ok=True)
    if opts.releases.is_dir() and release_records(opts.releases):
        wrong = [w for rec in release_records(opts.releases) for w in verify_release(opts.releases / rec["version"])]
        if wrong:
            raise GeneratorError("a frozen release no longer matches its checksums; it is not republished:\n"
                                 + "\n".join(wrong))
        # the frozen files (not the Markdown release notes, which would become pages)
        shutil.copytree(opts.releases, docs_root / "id" / "releases", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.md"))


def render_docs(portal: Portal, schemas: dict, opts: Options, config: SiteConfig, docs_root: Path,
                downloads: dict, shell: bool, related_index: Links | None = None,
                versions: Versions | None = None) -> dict[str, Renderer]:
    """Both languages' generated pages into docs_root/<lang>/; the renderers (sharing one
    summary of the portal: every agency's counts and quality made once)."""
    records = release_records(opts.releases) if opts.releases.is_dir() else []
    versions = versions or data_versions(portal.documents, schemas, opts.releases)
    satu = load_satu_config(opts.satu_data)
    summary = summarise(portal)
    renderers = {lang: Renderer(portal, docs_root / lang, lang, downloads, records, config.site_url,
                                related_index, versions, satu, summary) for lang in i18n.LANGS}
    for renderer in renderers.values():
        renderer.render_all(schemas, shell=shell)
    return renderers


def data_epoch(portal: Portal) -> int:
    """The build's timestamp comes from the data (latest decree date), never the clock."""
    import calendar
    dates = [d.signed_on for d in portal.documents if d.signed_on]
    return calendar.timegm(max(dates).timetuple()) if dates else 0


def run_mkdocs(opts: Options, config: SiteConfig, docs_root: Path, site_dir: Path, epoch: int = 0,
               cache: Cache | None = None, status: Status | None = None) -> None:
    """Both languages through mkdocs; status: the data's version against the last release,
    which every page names when the data changed since (overrides/main.html)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # mkdocs' own setting: sitemap lastmod, gzip mtime
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    jinja = cache.folder / "jinja" if cache is not None and cache.enabled else None
    for lang in i18n.LANGS:  # id first: its build cleans site_dir
        target = site_dir if lang == "id" else site_dir / "en"
        try:
            mkdocs_build(config.mkdocs(lang, docs_root / lang, target, jinja, baseline=opts.baseline, status=status))
        except Abort as exc:
            raise GeneratorError(f"mkdocs build --strict failed for language {lang!r}: {exc}") from exc


def use_template_cache(cache: Cache) -> None:
    """With a build cache, our compiled templates are kept in it too (mkdocs' own: the
    configuration's extra.kt_jinja_cache, generator/mkdocs_jinja.py)."""
    from jinja2 import FileSystemBytecodeCache

    if cache.enabled:
        folder = cache.folder / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        shared_env().bytecode_cache = FileSystemBytecodeCache(str(folder))
    else:
        shared_env().bytecode_cache = None


def swap_into(new: Path, target: Path) -> None:
    """Replace target by new with two renames; the old site survives until the last step.

    The old site is then deleted by a process of its own, after the build has returned:
    deleting a site is one unlink per file (hundreds of thousands nationally, while a
    rebuild after one change writes a few), and the new site is complete already. If that
    process dies, the next build removes the folder (output.clean_stale: it is named by
    this build's pid, no longer running then)."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        delete_later(old)


def delete_later(folder: Path) -> None:
    """Remove folder in a detached process (the build does not wait for it)."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:  # no process to spare: delete it now
        shutil.rmtree(folder, ignore_errors=True)

"""Preview with live reload. An mkdocs hook regenerates the pages from the packages on
every rebuild, and mkdocs watches the packages, content, templates and overrides."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from .build import ROOT, Options, build
from .errors import EXIT_OK
from .render import Renderer
from .site import SiteConfig, shell
from .site.catalogue import jsonld_head

DOCS = ROOT / "build" / "docs"


_last: list[float] = []
_serving: list[Options] = []  # what `serve` previews: read by generator/mkdocs_hook.py in this process
_renderers: dict[str, Renderer] = {}  # the last regeneration's, for the agency pages


def _fingerprint(*dirs: Path) -> float:
    return max((p.stat().st_mtime for d in dirs if d.exists() for p in d.rglob("*")), default=0.0)


def regenerate() -> None:
    """Called by generator/mkdocs_hook.py inside mkdocs' rebuild loop; regenerates only when
    an input changed (writing the pages must not trigger another rebuild forever)."""
    opts = _serving[-1]
    stamp = _fingerprint(opts.packages, opts.content, Path(__file__).parent / "templates")
    if _last and _last[0] == stamp:
        return
    _last[:] = [stamp]
    result = build(dataclasses.replace(opts, out=DOCS, mkdocs=False, progress=None))
    _renderers.clear()
    _renderers["id"] = result.renderers["id"]  # the preview serves bahasa Indonesia


def fill_agency_pages(site_dir: Path) -> None:
    """Called by generator/mkdocs_hook.py after each preview build: the agency pages, as
    the site wing makes them for the published site (the shell filled, hardened, JSON-LD)."""
    if _renderers:
        shell.fill_agency_pages(site_dir, dict(_renderers), head=jsonld_head(_renderers["id"]))


def serve(opts: Options, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _serving[:] = [opts]
    regenerate()
    overrides = SiteConfig.read(opts.config).overrides("id", DOCS / "id", ROOT / "build" / "serve-site")
    overrides["strict"] = False
    overrides.pop("site_dir")  # mkdocs serve builds into a temporary folder of its own
    overrides["site_url"] = f"http://{dev_addr}/"
    watch = [str(opts.packages), str(opts.content), str(Path(__file__).parent / "templates")]
    # the overrides name the hooks of every build; the preview adds its regeneration hook
    overrides["hooks"] = list(overrides.get("hooks") or []) + [str(Path(__file__).parent / "mkdocs_hook.py")]
    mkdocs_serve(config_file=str(opts.config), livereload=True, dev_addr=dev_addr, watch=watch, **overrides)
    return EXIT_OK

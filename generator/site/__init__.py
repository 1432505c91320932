"""The site wing: what happens to the built HTML after mkdocs, before it is published.

Each step is one module with one entry point, `on_post_build(build: SiteBuild)` (as
mkdocs' own search plugin does its work in `on_post_build`), and a NAME for its timing.
STEPS is the order; a step that raises stops publication (the staging folder is dropped).

    files      the downloads linked in beside the pages
    agencies   agency pages: the mkdocs shell filled per agency (shell.py), hardened
    catalogue  DCAT-AP pages, schema.org JSON-LD on the downloads pages
    search     Pagefind bundles for the explorer
    csp        Content-Security-Policy hashes on every other page
    scan       the safety scan of the whole site
"""
from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType

from . import agencies, catalogue, csp, files, scan, search
from .config import SiteBuild, SiteConfig

STEPS: tuple[ModuleType, ...] = (files, agencies, catalogue, search, csp, scan)
BASELINE: tuple[ModuleType, ...] = (files,)  # stock Material (bench): no shell, no catalogue

__all__ = ["STEPS", "BASELINE", "SiteBuild", "SiteConfig", "post_build"]


def post_build(build: SiteBuild, steps: tuple[ModuleType, ...] = STEPS,
               say: Callable[[str], None] = lambda message: None) -> None:
    for step in steps:
        say(f"build: {step.NAME}")
        t0 = time.perf_counter()
        step.on_post_build(build)
        build.timings[step.NAME] = time.perf_counter() - t0

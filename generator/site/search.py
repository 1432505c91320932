"""Step: the explorer's search index (Pagefind bundles per run of kabupaten/kota, generator/search.py);
with a build cache, the bundles of the previous build are reused where nothing changed."""
from __future__ import annotations

import shutil

from ..cache import link_tree
from ..search import build_index
from .config import SiteBuild

NAME = "search"


def on_post_build(build: SiteBuild) -> None:
    previous = build.cache.folder / "search-previous" if build.cache.enabled else None
    build_index(build.site, build.portal.agencies, previous=previous if previous and previous.is_dir() else None)
    if previous is not None:  # the bundles of this build, for the next one to reuse
        shutil.rmtree(previous, ignore_errors=True)
        link_tree(build.site / "pagefind", previous / "pagefind")

"""Step: the explorer's search index (Pagefind bundles per run of kabupaten/kota, generator/search.py);
with a build cache, a bundle whose agencies' source pages are unchanged is taken from the cache."""
from __future__ import annotations

from ..search import build_index
from .config import SiteBuild, whole_agencies

NAME = "search"


def on_post_build(build: SiteBuild) -> None:
    build_index(build.site, build.portal.agencies, cache=build.cache, batches=whole_agencies(build))

"""Step: the explorer's search index (Pagefind bundles per run of kabupaten/kota, generator/search.py);
with a build cache, a bundle whose agencies' source pages are unchanged is taken from the cache.
The bundles and the explorer's rows are made by the pages step, in its pass over the province
groups (site/agencies.py); this step writes the explorer's facets and name index."""
from __future__ import annotations

from ..search import build_index
from .config import SiteBuild, whole_agencies

NAME = "search"


def on_post_build(build: SiteBuild) -> None:
    if build.search is not None:
        build.search.finish()
        build.search = None
        return
    build_index(build.site, build.portal.agencies, cache=build.cache, batches=whole_agencies(build))

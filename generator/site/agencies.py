"""Step: the agency pages, each the mkdocs shell page filled with its body (site/shell.py),
hardened as it is written."""
from __future__ import annotations

from .catalogue import jsonld_head
from .config import SiteBuild, whole_agencies
from .shell import fill_agency_pages

NAME = "pages"


def on_post_build(build: SiteBuild) -> None:
    build.filled = fill_agency_pages(build.site, build.renderers, head=jsonld_head(build.renderers["id"]),
                                     cache=build.cache, workers=build.workers,
                                     batches=whole_agencies(build))

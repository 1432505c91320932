"""Step: the agency pages, each the mkdocs shell page filled with its body (site/shell.py),
hardened as it is written. The search index's source pages and the explorer's rows are
made in the same pass over the province groups (search.SearchIndex, finished by the search
step): each province's model is built once after mkdocs (generator/provinces.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..model import Agency
from ..search import SearchIndex
from .catalogue import jsonld_head
from .config import SiteBuild, whole_agencies
from .shell import fill_agency_pages

NAME = "pages"


def on_post_build(build: SiteBuild) -> None:
    build.search = SearchIndex(build.site, build.portal.agencies, cache=build.cache, batches=True)
    build.filled = fill_agency_pages(build.site, build.renderers, head=jsonld_head(build.renderers["id"]),
                                     cache=build.cache, workers=build.workers,
                                     batches=then(whole_agencies(build), build.search.add))


def then(batches: Iterable[list[Agency]], after: Callable[[list[Agency]], None]) -> Iterator[list[Agency]]:
    """Each batch, handed on to after() once its consumer asks for the next one (its pages
    are written by then), before the next batch's model is read."""
    for batch in batches:
        yield batch
        after(batch)

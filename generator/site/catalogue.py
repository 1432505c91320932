"""Step: the open-data catalogue. DCAT-AP pages (generator/dcat.py), schema.org Dataset
JSON-LD in the head of the downloads pages; jsonld_head gives the agency pages theirs."""
from __future__ import annotations

from collections.abc import Callable

from .. import i18n
from ..catalog import agency_head, inject_head, portal_jsonld, script_json, write_catalog
from ..model import Agency
from ..render import Renderer
from .config import SiteBuild

NAME = "catalog"


def jsonld_head(renderer: Renderer) -> Callable[..., str]:
    """schema.org Dataset JSON-LD for each agency page's <head>."""
    version = renderer.versions or (renderer.releases[-1]["version"] if renderer.releases else "")

    def head(agency: Agency, lang: str) -> str:
        return agency_head(agency, renderer.downloads, renderer.site_url, version, lang)
    return head


def on_post_build(build: SiteBuild) -> None:
    renderer = build.renderers["id"]
    write_catalog(build.site, renderer.summary, renderer.downloads, renderer.site_url, build.version, satu=renderer.satu)
    for lang in i18n.LANGS:
        url = i18n.page_url(lang, "downloads")
        inject_head(build.site / url / "index.html", script_json(
            portal_jsonld(renderer.summary, renderer.downloads, renderer.site_url, build.version, url)))

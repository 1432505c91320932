"""What every step after mkdocs works with: the site configuration, read from mkdocs.yml
once (SiteConfig), and the state of one build (SiteBuild), handed to each step."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import i18n
from ..cache import Cache
from ..model import Agency
from ..summary import PortalSummary
from ..render import Renderer
from ..versions import Status

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

HOOKS = Path(__file__).resolve().parent.parent  # generator/: mkdocs_jinja.py, mkdocs_hook.py


@dataclass(frozen=True)
class SiteConfig:
    """mkdocs.yml, read once per build; every language's mkdocs configuration is made from it."""
    path: Path
    raw: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> SiteConfig:
        from mkdocs.utils import yaml_load

        with open(path, encoding="utf-8") as fh:
            return cls(path, yaml_load(fh) or {})

    @property
    def site_url(self) -> str:
        """site_url (env SITE_URL, mkdocs' !ENV), ending with '/'; '' when unset."""
        url = self.raw.get("site_url") or ""
        return url if url.endswith("/") or not url else url + "/"

    @property
    def base_path(self) -> str:
        """The path part of site_url ('/portal/'), for root-relative links of the 404 pages."""
        return urlsplit(self.site_url).path or "/"

    def overrides(self, lang: str, docs_dir: Path, site_dir: Path, jinja_cache: Path | None = None,
                  status: Status | None = None) -> dict:
        """Per-language settings on top of mkdocs.yml: folders, theme language, the nav of the
        section pages, the language switch, the agency and region pages out of the nav."""
        t = i18n.STRINGS[lang]
        nav = [{t["home"]: "index.md"}] + [{t[key]: i18n.page_path(lang, key) + ".md"} for key in (
            "agencies", "explorer", "downloads", "quality", "releases", "dictionary", "reading", "about")]
        theme = dict(self.raw["theme"], language=lang, custom_dir=str(self.path.parent / self.raw["theme"]["custom_dir"]))
        here, there = ("./", "en/") if lang == "id" else ("../", "./")
        extra = dict(self.raw.get("extra") or {}, alternate=[
            {"name": "Bahasa Indonesia", "link": here, "lang": "id"},
            {"name": "English", "link": there, "lang": "en"}], kt_status=status_banner(status, lang))
        if jinja_cache is not None:  # read by generator/mkdocs_jinja.py: the build cache's jinja folder
            extra["kt_jinja_cache"] = str(jinja_cache)
            extra["kt_markdown_cache"] = str(jinja_cache.parent)  # the build cache (its "markdown" step)
        not_in_nav = "\n".join([f"/{i18n.page_path(lang, 'agency', id='*')}.md",  # agency pages, their shell
                                f"/{i18n.page_path(lang, 'region', code='*')}.md",
                                f"/{i18n.page_path(lang, 'themes')}.md", f"/{i18n.page_path(lang, 'theme', id='*')}.md"])
        site_url = self.raw.get("site_url") or ""
        if lang != i18n.DEFAULT and site_url:
            site_url = site_url.rstrip("/") + f"/{lang}/"
        return dict(docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, theme=theme, nav=nav,
                    extra=extra, not_in_nav=not_in_nav, site_url=site_url,
                    hooks=[str(HOOKS / "mkdocs_jinja.py")])

    def mkdocs(self, lang: str, docs_dir: Path, site_dir: Path, jinja_cache: Path | None = None,
               baseline: bool = False, status: Status | None = None) -> MkDocsConfig:
        """The mkdocs configuration of one language. baseline: stock Material defaults (every
        page in the nav, lunr search), for the benchmark's comparison."""
        from mkdocs.config import load_config

        over = self.overrides(lang, docs_dir, site_dir, jinja_cache, status)
        if baseline:
            over.update(plugins=["search"], strict=False)
        cfg = load_config(str(self.path), **over)
        if baseline:
            # load_config drops None overrides, so reset these after it: nav None = every
            # page in the nav (mkdocs' default, quadratic in pages), nothing excluded
            cfg["nav"], cfg["not_in_nav"] = None, None
        return cfg


def status_banner(status: Status | None, lang: str) -> dict | None:
    """What every page says when the data is not the last release's (overrides/main.html):
    the state, not the checksum (one changed agency must not change every page). Before the
    first release there is nothing to differ from: no banner (versions still say unreleased)."""
    if status is None or not status.changed or not status.release:
        return None
    return {"label": i18n.STRINGS[lang]["data_version"], "text": status.text(lang),
            "link": i18n.page_path(lang, "releases").removesuffix("index")}


@dataclass
class SiteBuild:
    """One build as the steps after mkdocs see it (each step: `on_post_build(build)`)."""
    site: Path  # the built site (staging folder)
    portal: PortalSummary  # every agency's summary (generator/summary.py)
    renderers: dict[str, Renderer]
    config: SiteConfig
    cache: Cache
    files: Path | None = None  # the downloads, written beside the site; linked in by the files step
    workers: int = 1  # page rendering processes (0: every core)
    filled: dict[Path, str] = field(default_factory=dict)  # agency pages written (hardened already)
    # the agencies whole, one province group at a time (generator/provinces.py: iterable
    # again by each step); None: the renderers' whole model
    provinces: Iterable[list[Agency]] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    # the search index under way (search.SearchIndex): fed by the pages step's pass over the
    # province groups, finished by the search step
    search: Any = None

    @property
    def version(self) -> Any:
        """The data's versions against the last release (generator/versions.py); without them,
        the latest release's version ('' before the first release)."""
        renderer = self.renderers["id"]
        if renderer.versions is not None:
            return renderer.versions
        return renderer.releases[-1]["version"] if renderer.releases else ""


def whole_agencies(build: SiteBuild) -> Iterable[list[Agency]]:
    """The agencies whole, in batches (one province group each), for the steps that need
    them: agency pages, search source pages, explorer rows."""
    if build.provinces is not None:
        return build.provinces
    portal = build.renderers["id"].portal
    assert portal is not None, "no province batches and the renderers' model was let go"
    return [portal.agencies]

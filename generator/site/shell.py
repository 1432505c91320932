"""Agency pages without a per-page mkdocs run.

mkdocs renders one shell page per language at the same depth as the agency pages
(`lembaga/_shell/`), so every relative link in its header, navigation and footer is right
for `lembaga/<id>/` too. Each agency page is that shell with its title, description,
language-switch URL, extra head markup and body put in. Rendering a page costs
milliseconds instead of a Python-Markdown + theme pass, and pages can be rebuilt one at
a time (only the agencies whose data changed).

Only the shell's own placeholders are replaced, never text inside an agency body.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .. import i18n
from ..cache import Cache, digest, doc_digest, link_tree
from ..forks import forked_map, processes
from ..model import Agency
from ..paths import inside
from ..render import SHELL_ALT, SHELL_BODY, SHELL_DESC, SHELL_ID, SHELL_TITLE, Renderer, split_positions
from .csp import harden_page

HEAD_MARKER = "<!--kt-shell-head-->"
# The largest page, in bytes: a longer agency page moves its positions to further pages
# (Renderer.agency_pages). tests/test_page_weight.py holds pages to it.
PAGE_BUDGET = 150 * 1024


class Shell:
    def __init__(self, html: str):
        if html.count(SHELL_BODY) != 1:
            raise ValueError("agency shell page must contain the body placeholder exactly once")
        self.before, self.after = html.split(SHELL_BODY)

    def fill(self, meta: dict, body: str, head: str = "") -> str:
        def sub(part: str) -> str:
            return (part.replace(SHELL_TITLE, meta.get("title", ""))
                    .replace(SHELL_DESC, meta.get("description", ""))
                    .replace(SHELL_ALT, meta.get("alt_url", ""))
                    .replace(HEAD_MARKER, head))
        return sub(self.before) + body + sub(self.after)


def shell_dir(site: Path, lang: str) -> Path:
    return site / i18n.page_url(lang, "agency", id=SHELL_ID)


def fill_agency_pages(site: Path, renderers: dict[str, Renderer], agencies: list[Agency] | None = None,
                      head: Callable[[Agency, str], str] | None = None, cache: Cache | None = None, workers: int = 1,
                      batches: Iterable[list[Agency]] | None = None) -> dict[Path, str]:
    """Write site/<lang path>/<agency id>/index.html for every (or the given) agency, with
    its Content-Security-Policy hashes (generator/site/csp.py). head(agency, lang) -> safe HTML
    for the page's <head> (e.g. JSON-LD). With a cache, an agency whose inputs
    (page_inputs) were seen before gets its pages as links to the cached files instead of
    being rendered. Returns the pages written, each with a name for its content when there
    is a cache (the safety scan's cache uses it instead of reading the page again).

    batches (instead of agencies): the agencies whole, one province group at a time
    (generator/provinces.py), so that one group's model is held at a time; the renderers'
    summary lists every agency of the portal (the sitemap)."""
    cache = cache or Cache(None)
    written: dict[Path, str] = {}
    first = next(iter(renderers.values()))
    if batches is None:
        if agencies is None:
            assert first.portal is not None, "no agencies given and the renderer's model was let go"
            agencies = first.portal.agencies
        batches = [list(agencies)]
    shells = {lang: Shell((shell_dir(site, lang) / "index.html").read_text(encoding="utf-8")) for lang in renderers}
    # every language's shell is in every key: the split of a long agency is shared by its languages
    shells_fp = digest([shells[lang].before + shells[lang].after for lang in renderers]) if cache.enabled else ""
    further: dict[str, list[str]] = {lang: [] for lang in renderers}  # the further pages of long agencies
    for todo in batches:
        _fill(site, renderers, todo, head, cache, workers, shells, shells_fp, written, further)
    for lang, renderer in renderers.items():
        shutil.rmtree(shell_dir(site, lang))
        _sitemap_add(site, lang, [a.id for a in renderer.summary.agencies] + further[lang])
    return written


def _fill(site: Path, renderers: dict[str, Renderer], todo: list[Agency], head: Callable[[Agency, str], str] | None,
          cache: Cache, workers: int, shells: dict[str, Shell], shells_fp: str, written: dict[Path, str],
          further: dict[str, list[str]]) -> None:
    """fill_agency_pages for the agencies todo (whole)."""
    # the same for every language: the renderers share data, downloads and releases
    inputs = {a.id: digest(page_inputs(next(iter(renderers.values())), a)) for a in todo} if cache.enabled else {}
    extras: dict[str, list[str]] = {}
    keys: dict[str, list[str]] = {}
    stored_dirs: dict[tuple[str, int], Path | None] = {}
    for lang in renderers:
        extras[lang] = [head(a, lang) if head else "" for a in todo]
    for lang in renderers:
        keys[lang] = [cache.key("page", lang, shells_fp, [extras[x][i] for x in renderers], inputs[a.id]) if cache.enabled else ""
                      for i, a in enumerate(todo)]
        for i in range(len(todo)):
            stored_dirs[lang, i] = cache.get_dir("page", keys[lang][i]) if keys[lang][i] else None
    # an agency is rendered in all its languages at once when any of them is missing
    misses = [i for i in range(len(todo)) if any(stored_dirs[lang, i] is None for lang in renderers)]
    for lang in renderers:
        for i in misses:
            stored_dirs[lang, i] = None
    # each agency's pages are written as soon as they are rendered: only their paths are kept,
    # so memory holds one agency's pages (per worker), not the portal's
    rendered: dict[tuple[str, int], list[str]] = {}
    for i, pages_of in _render_pages(misses, renderers, shells, extras, todo, processes(workers)):
        for lang, pages in pages_of.items():
            for rel, html in pages:
                target = inside(site, rel)  # the id comes from data: never outside the site
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(html)
            if keys[lang][i]:
                cache.put_files("page", keys[lang][i], pages)
            rendered[lang, i] = [rel for rel, _ in pages]
    for lang in renderers:
        for i, agency in enumerate(todo):
            key, stored = keys[lang][i], stored_dirs[lang, i]
            if stored is None:
                rels = rendered[lang, i]
            else:
                link_tree(stored, site)
                rels = sorted(p.relative_to(stored).as_posix() for p in stored.rglob("index.html"))
            for rel in rels:  # .../<page id>/index.html
                written[site / rel] = f"{key}:{rel}" if key else ""
                if rel.split("/")[-2] != agency.id:
                    further[lang].append(rel.split("/")[-2])
    for renderer in renderers.values():
        renderer.forget_agencies()


def render_agency(renderers: dict[str, Renderer], shells: dict[str, Shell], agency: Agency,
                  extras: dict[str, str]) -> dict[str, list[tuple[str, bytes]]]:
    """One agency's pages in every language: {lang: [(site path, hardened HTML)]}. A long
    agency is split into the same further pages in every language (render.split_positions),
    so each page's language switch leads to a page that exists."""
    budgets = {lang: PAGE_BUDGET - len(shells[lang].before.encode()) - len(shells[lang].after.encode())
               - len(extras[lang].encode()) - 1024 for lang in renderers}
    measures = [(*renderers[lang].position_sizes(agency, budgets[lang]), budgets[lang])
                for lang in renderers] if agency.current.positions else []
    groups = split_positions(measures)
    out: dict[str, list[tuple[str, bytes]]] = {}
    for lang, renderer in renderers.items():
        pages = []
        for page_id, meta, body in renderer.agency_pages(agency, groups=groups):
            rel = i18n.page_url(lang, "agency", id=page_id) + "index.html"
            html = shells[lang].fill(meta, body, extras[lang] if page_id == agency.id else "")
            pages.append((rel, harden_page(html, rel).encode("utf-8")))
        out[lang] = pages
    return out


def _render_pages(jobs: list[int], renderers: dict[str, Renderer], shells: dict[str, Shell],
                  extras: dict[str, list[str]], todo: list,
                  n: int = 1) -> Iterator[tuple[int, dict[str, list[tuple[str, bytes]]]]]:
    """Render the agencies not in the cache (every language of each), in forked processes when
    there are enough of them and more than one core; yields (job, pages by language) in order,
    one agency at a time. Each page depends only on its own inputs, so the bytes are the same
    however the work is spread (tests/test_pages_pool.py)."""
    def render(i: int) -> dict[str, list[tuple[str, bytes]]]:
        return render_agency(renderers, shells, todo[i], {lang: extras[lang][i] for lang in renderers})
    yield from zip(jobs, forked_map(render, jobs, n))


def page_inputs(renderer: Renderer, agency: Agency) -> list[object]:
    """Everything an agency page is rendered from besides code and templates (which are in
    the cache key already): its decrees' rows, their downloads, the releases, the site URL
    and the related indicators of other agencies that the page links to."""
    sources = set(renderer.downloads.get("_sources", []))
    parts: list[object] = [renderer.site_url, digest(renderer.releases), renderer.satu]
    for doc in agency.documents:
        parts += [doc.id, doc_digest(doc), digest(renderer.downloads.get(doc.id, [])),
                  doc.source_file in sources, renderer.versions.of(doc.id).as_dict() if renderer.versions else None]
    for ind in agency.current.indicators:
        rel = renderer.related.get(ind.id)
        theme = renderer.related.theme_of.get(ind.id, "")
        if rel or theme:
            parts.append([ind.id, theme] + [r.as_list() for r in rel or []])
    return parts


def _sitemap_add(site: Path, lang: str, ids: list[str]) -> None:
    """mkdocs' sitemap lists the shell, not the agencies: list each agency instead."""
    sitemap = site / ("en/" if lang == "en" else "") / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    shell_url = i18n.page_url(lang, "agency", id=SHELL_ID)
    start = text.find(f"{shell_url}</loc>")
    if start < 0:
        return
    open_tag = text.rfind("<url>", 0, start)
    close = text.index("</url>", start) + len("</url>")
    entry = text[open_tag:close]
    entries = "".join(entry.replace(f"{shell_url}</loc>", f"{i18n.page_url(lang, 'agency', id=i)}</loc>")
                      + "\n    " for i in sorted(ids)).rstrip()
    text = text[:open_tag] + entries + text[close:]
    sitemap.write_text(text, encoding="utf-8")
    import gzip
    with open(sitemap.with_suffix(".xml.gz"), "wb") as fh, gzip.GzipFile(
            filename="", mode="wb", fileobj=fh, mtime=0) as gz:
        gz.write(text.encode("utf-8"))

"""Stage 4: pages. Data-bearing blocks are HTML from an autoescaping Jinja environment;
front matter is written with yaml.safe_dump and pre-escaped (MkDocs does not autoescape)."""
from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import browse, i18n, search, tilemap
from .agency_view import MATH_MAX_CHARS, MATH_NARROW_CHARS, agency_view, goal_chart
from .dictionary import describe
from .datapackage import LEVEL_ORDER
from .decree_text import DecreeText, cited, decree_text
from .formula import formula_cell
from .indicator_rows import indicator_rows
from .model import Portal
from .paths import inside
from .related import MAX_ROWS, MAX_THEMES, Links, related, themes
from .releases import last_changed
from .revisions import history
from .satudata import satu_data
from .summary import PortalSummary, summarise
from .versions import Versions

TEMPLATES = Path(__file__).parent / "templates"
BLANK_LINES = re.compile(r"\n\s*\n+")
SHELL_ID = "_shell"  # agency pages are built from this one mkdocs page (see generator/site/shell.py)
SHELL_TITLE, SHELL_DESC, SHELL_ALT = "KT-SHELL-TITLE", "KT-SHELL-DESCRIPTION", "KT-SHELL-ALT-URL"
SHELL_BODY = '<div class="kt-shell-body">KT-SHELL-BODY</div>'


def rel(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative URLs (directory URLs end with '/')."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + base)
    if (to_url == "" or to_url.endswith("/")) and not target.endswith("/"):
        target += "/"
    return "./" if target in (".", "./") else target


def front_matter(**meta) -> str:
    """YAML front matter; values are HTML-escaped because Material prints them raw."""
    safe = {k: html.escape(str(v), quote=True) if isinstance(v, str) else v for k, v in meta.items()}
    # Markup: the YAML must not be HTML-escaped again by the template's autoescape
    return Markup("---\n" + yaml.safe_dump(safe, allow_unicode=True, sort_keys=True, width=10_000) + "---\n")


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1024
    return str(n)


def run_lengths(keys: list) -> dict[int, int]:
    """i -> the number of rows from row i on that share keys[i] (a non-empty key), for every
    row i that starts a run; rows inside a run are not in the result (their cell is spanned)."""
    out: dict[int, int] = {}
    start = 0
    for i, k in enumerate(keys):
        if i and k and k == keys[i - 1]:
            out[start] += 1
        else:
            start = i
            out[i] = 1
    return out


def overview_spans(indicators: list) -> tuple[dict[int, int], dict[int, int]]:
    """The overview's spanned cells: run_lengths of each row's position (IKU without one)
    and of its goal within that position (no goal: a cell of its own)."""
    pkeys = [ind.position.id if ind.position is not None else "IKU" for ind in indicators]
    gkeys = [f"{pkeys[i]}|{ind.goal.id}" if ind.goal else "" for i, ind in enumerate(indicators)]
    return run_lengths(pkeys), run_lengths(gkeys)


# The overview rows of the agency being rendered, shared by its languages (they hold no
# interface string): (id of its indicator list, away) -> (that list, the rows' markup).
_OVERVIEW_ROWS: dict[tuple[int, tuple], tuple[list, Markup]] = {}


def overview_rows(env: Environment, indicators: list, away: dict) -> Markup:
    key = (id(indicators), tuple(away.items()))
    hit = _OVERVIEW_ROWS.get(key)
    if hit is None or hit[0] is not indicators:
        if len(_OVERVIEW_ROWS) >= 8:  # one agency's pages need one or two
            _OVERVIEW_ROWS.clear()
        body = env.get_template("_macros.html.j2").module.overview_body  # type: ignore[attr-defined]
        hit = _OVERVIEW_ROWS[key] = (indicators, body(indicators, away))
    return hit[1]


def duty_kinds(duties: list) -> tuple[list, list]:
    """(tugas, fungsi): the duties of each kind, in order."""
    return [d for d in duties if d.kind == "tugas"], [d for d in duties if d.kind == "fungsi"]


def td(span: int) -> Markup:
    """A cell's start tag, spanning `span` rows."""
    return Markup(f'<td rowspan="{int(span)}">' if span > 1 else "<td>")


_ENV: Environment | None = None


def shared_env() -> Environment:
    """One environment for every renderer: each template is compiled once per build."""
    global _ENV
    if _ENV is None:
        _ENV = make_env()
    return _ENV


# A formula's cell is a pure function of its texts (Markup, immutable), and each is drawn
# several times (both languages; a long agency's page measured, then split): converted once.
_formula_cell = lru_cache(maxsize=1 << 15)(formula_cell)


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["formula"] = lambda ind: _formula_cell(ind.formula, ind.numerator, ind.denominator, ind.multiplier,
                                                       MATH_MAX_CHARS, MATH_NARROW_CHARS)
    env.filters["human_size"] = human_size
    env.globals["front_matter"] = front_matter
    env.globals["run_lengths"] = run_lengths
    env.globals["overview_spans"] = overview_spans
    env.globals["duty_kinds"] = duty_kinds
    env.globals["overview_rows"] = lambda indicators, away: overview_rows(env, indicators, away)
    env.globals["indicator_rows"] = lambda indicators, t, related, link, lang, src: indicator_rows(
        indicators, t, related, link, lang, src, env.filters["formula"])
    env.globals["td"] = td
    env.globals["agency_view"] = agency_view
    env.globals["goal_chart"] = goal_chart
    env.globals["file_label"] = i18n.file_label
    env.globals["format_name"] = i18n.format_name
    env.globals["count"] = i18n.count
    env.globals["noun"] = i18n.noun
    env.globals["number"] = i18n.number
    env.globals["resource_name"] = lambda name, lang: i18n.RESOURCE_NAMES[lang].get(name, name)
    env.globals["LEVEL_ORDER"] = LEVEL_ORDER
    env.globals.update(search_max_load=search.MAX_LOAD, region_inline=browse.REGION_INLINE, explorer_facets=browse.choices, finder_generic=" ".join(sorted(browse.GENERIC)),
                       year_of=browse.year_of, province_tiles=tilemap.tiles, tilemap_size=tilemap.size, tilemap_legend=tilemap.legend,
                       tilemap_pitch=tilemap.PITCH, tilemap_tile=tilemap.SIZE)
    return env


def _pack(sizes: list[int], room: int) -> list[tuple[int, int]]:
    """Consecutive groups (start, end) of items with these sizes: as few groups as fit in
    room each (an item larger than room is a group of its own), as even as that allows."""
    def greedy(cap: int) -> list[tuple[int, int]]:
        groups, start, used = [], 0, 0
        for i, n in enumerate(sizes):
            if i > start and used + n > cap:
                groups.append((start, i))
                start, used = i, 0
            used += n
        return groups + [(start, len(sizes))]
    fewest = len(greedy(room))
    lo, hi = max(sizes), max(room, max(sizes))
    while lo < hi:  # the smallest capacity that needs no more groups
        mid = (lo + hi) // 2
        if len(greedy(mid)) <= fewest:
            hi = mid
        else:
            lo = mid + 1
    return greedy(lo)


def split_positions(measures: list[tuple[int, list[int], int]]) -> list[tuple[int, int]]:
    """One split of an agency's positions for all its languages: measures holds, per
    language, (body bytes, bytes of each position, budget). No split ([]) when every
    language fits its budget; otherwise positions are packed by their largest size in any
    language into the smallest room, so every language gets the same further pages."""
    if not measures or all(not budget or total <= budget or not sizes for total, sizes, budget in measures):
        return []
    sizes = [max(column) for column in zip(*(m[1] for m in measures))]
    room = min(budget for _, _, budget in measures if budget) - 2048  # 2 KB: the further page's navigation
    return _pack(sizes, room)


class Renderer:
    """Writes the generated Markdown pages of one language into docs_dir."""

    def __init__(self, portal: Portal, docs_dir: Path, lang: str, downloads: dict | None = None,
                 releases: list[dict] | None = None, site_url: str = "", related_index: Links | None = None,
                 versions: Versions | None = None, satu: dict | None = None, summary: PortalSummary | None = None):
        # the whole model: for the related index and the section pages (render_all); let go
        # by drop_model once they are written (agency pages are then rendered from each
        # province's model, generator/provinces.py)
        self.portal: Portal | None = portal
        self.docs_dir, self.lang = docs_dir, lang
        # what the section pages read of every agency (generator/summary.py): made once per
        # build and shared by the languages (build.render_docs), or here from the model
        self.summary = summary if summary is not None else summarise(portal)
        # each decree's and the portal's version against the last release (generator/versions.py)
        self.versions = versions
        self.satu = satu  # Satu Data Indonesia settings (generator/satudata.py); None: not shown
        self.releases = releases or []
        self.site_url = site_url
        self.last_changed = last_changed(self.releases)
        self.env = shared_env()
        self.t = i18n.STRINGS[lang]
        self.downloads = downloads or {}
        self._texts: dict[str, DecreeText | None] = {}
        self._measured: tuple[Any, dict, str] | None = None  # position_sizes' page, used once
        # the position sections of the agency being rendered (position_section), by id(position)
        self._sections: tuple[Any, dict[int, Markup]] | None = None
        self._macro: Any = None
        _OVERVIEW_ROWS.clear()  # rows of an earlier build (the preview's templates may have changed)
        # related indicators of other agencies; a province shard gets them from its plan
        # (generator/shards.py), computed over the whole portal
        self.related = related(portal) if related_index is None else related_index

    def drop_model(self) -> None:
        """Let the whole model go (the summary, related links and downloads stay)."""
        self.portal = None
        self.forget_agencies()

    def forget_agencies(self) -> None:
        """Let go what is kept of the last agencies rendered (their sections, measured page
        and overview rows), so that no agency of a province rendered before stays alive
        while the next province's model is read (generator/provinces.py)."""
        self._sections = self._measured = None
        self._texts.clear()  # decree texts, read again when needed
        _OVERVIEW_ROWS.clear()

    def url(self, key: str, **kw) -> str:
        return i18n.page_url(self.lang, key, **kw)

    def render(self, key: str, template: str, *, page_kw: dict | None = None, **ctx) -> str:
        """A page as Markdown text: YAML front matter, then an HTML body without blank lines."""
        page_kw = page_kw or {}
        page_url = self.url(key, **page_kw)
        other = rel(page_url, i18n.page_url("en" if self.lang == "id" else "id", key, **page_kw))
        link = lambda k, **kw: rel(page_url, self.url(k, **kw))
        ctx.update(t=self.t, lang=self.lang, portal=self.summary, link=link,
                   asset=lambda path: rel(page_url, path), page_url=page_url, other_lang_url=other,
                   downloads=self.downloads, front_matter=lambda **m: front_matter(alt_url=other, **m),
                   related=self.related, releases=self.releases, last_changed=self.last_changed,
                   site_url=self.site_url, versions=self.versions)
        text = self.env.get_template(template).render(**ctx)
        head, sep, body = text.partition("\n---\n")
        return head + sep + BLANK_LINES.sub("\n", body) if sep else BLANK_LINES.sub("\n", text)

    def write(self, key: str, template: str, *, page_kw: dict | None = None, **ctx) -> Path:
        text = self.render(key, template, page_kw=page_kw, **ctx)
        path = inside(self.docs_dir, i18n.page_path(self.lang, key, **(page_kw or {})) + ".md")  # ids: data
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def agency_page(self, agency, part: int = 1, split: list | None = None) -> tuple[dict, str]:
        """Front matter (dict, values pre-escaped) and HTML body of one agency page; with
        split (the positions of pages 2, 3, ...), of its page `part` (see agency_pages)."""
        ctx = self.agency_context(agency)
        if split:
            ctx.update(split=split, part=part)
        page_id = agency.id if part == 1 else f"{agency.id}~{part}"
        text = self.render("agency", "agency.md.j2", page_kw={"id": page_id}, **ctx)
        _, fm, body = text.split("---\n", 2)
        return yaml.safe_load(fm), body

    def position_sizes(self, agency, budget: int = 0) -> tuple[int, list[int]]:
        """Bytes of the whole agency body and of each position's section in it (up to its
        closing tag). The body is in one piece only when it might fit: when its position
        sections alone are over budget (a long agency, split whatever the rest weighs), the
        first figure is their sum, a lower bound of the body's bytes, and no body is rendered
        (split_positions asks only whether it is over)."""
        sizes = []
        for p in agency.current.positions:
            section = BLANK_LINES.sub("\n", self.position_section(agency, p))  # as in the page (render)
            sizes.append(len(section[:section.index("</section>")].encode()))
        if budget and sum(sizes) > budget:
            return sum(sizes), sizes
        meta, body = self.agency_page(agency)
        self._measured = (agency, meta, body)  # the whole page, when it needs no split (agency_pages)
        return len(body.encode()), sizes

    def agency_pages(self, agency, budget: int = 0,
                     groups: list[tuple[int, int]] | None = None) -> list[tuple[str, dict, str]]:
        """[(page id, front matter, body)]: the agency page (page id = agency id) and, when
        its body would be longer than budget bytes, further pages (<id>~2, <id>~3, ...: '~'
        is never in an id) that take its positions, as many to a page as fit in the budget,
        in order. The agency page keeps the overview of all indicators, whose rows then
        carry the #i-... anchors. groups (from split_positions over every language) fixes
        the split so that each language has the same further pages."""
        positions = agency.current.positions
        if groups is None:
            total, sizes = self.position_sizes(agency, budget) if budget and positions else (0, [])
            groups = split_positions([(total, sizes, budget)])
        measured, self._measured = self._measured, None
        if not groups:
            whole = measured[1:] if measured is not None and measured[0] is agency else self.agency_page(agency)
            return [(agency.id, *whole), *self.text_pages(agency)]
        split = [positions[i:j] for i, j in groups]
        return [(agency.id if k == 1 else f"{agency.id}~{k}", *self.agency_page(agency, k, split))
                for k in range(1, len(split) + 2)] + self.text_pages(agency)

    def render_all(self, schemas: dict[str, dict], shell: bool = False) -> list[Path]:
        """Section pages; agency pages as Markdown, or (shell=True) one shell page that
        generator/site/shell.py fills with every agency's body after mkdocs has run."""
        out = [self.write("home", "home.md.j2"),
               self.write("agencies", "agencies.md.j2"),
               self.write("explorer", "explorer.md.j2"),
               self.write("dictionary", "dictionary.md.j2", schemas=schemas, describe=describe),
               self.write("downloads", "downloads.md.j2"),
               self.write("releases", "releases.md.j2"),
               self.write("quality", "quality.md.j2",
                          qualities=[a.quality for a in self.summary.agencies])]
        for province, kabs in self.summary.provinces():
            agencies = [a for _, group in kabs for a in group]
            out.append(self.write("region", "region.md.j2", page_kw={"code": self.summary.region_code(province)},
                                  province=province, kabs=kabs, qualities=[a.quality for a in agencies]))
            for kab, group in kabs:  # a page per kabupaten/kota: its agencies A-Z
                if kab is not None and province is not None:
                    out.append(self.write("region", "kabupaten.md.j2", page_kw={"code": kab.code}, province=province,
                                          kab=kab, agencies=group, groups=browse.az_groups(group),
                                          qualities=[a.quality for a in group]))
        assert self.portal is not None, "the section pages are rendered from the whole model"
        shown = themes(self.portal)[:MAX_THEMES]
        out.append(self.write("themes", "themes.md.j2", themes=shown))
        for theme in shown:
            out.append(self.write("theme", "theme.md.j2", page_kw={"id": theme.id}, theme=theme, max_rows=MAX_ROWS))
        if shell:
            out.append(self.write("agency", "shell.md.j2", page_kw={"id": SHELL_ID}))
            return out
        for agency in self.portal.agencies:
            out.append(self.write("agency", "agency.md.j2", page_kw={"id": agency.id}, **self.agency_context(agency)))
        return out

    def agency_context(self, agency) -> dict:
        doc = agency.current
        later = [d for d in agency.documents if d.supersedes == doc.id]
        src = self._src(agency)
        return {"agency": agency, "doc": doc, "superseded_by": later[0] if later else None,
                "status": self.versions.of(doc.id) if self.versions else None,
                "satu": satu_data(agency, self.satu) if self.satu else None,
                "history": history(agency.documents), "src": src,
                "section": lambda p: self.position_section(agency, p)}

    def _src(self, agency):
        text = self.decree_text(agency.current)
        return (lambda lines: text.href(agency.id, lines)) if text else (lambda lines: "")

    def _section_macro(self) -> Any:
        if self._macro is None:
            self._macro = self.env.get_template("_macros.html.j2").module.position_section  # type: ignore[attr-defined]
        return self._macro

    def position_section(self, agency, position) -> Markup:
        """A position's section (the macro position_section), rendered once per agency and
        language: the agency page, the page measured for the split and a further page hold
        the same bytes (the further pages are at the agency page's depth, so every relative
        link in it is the same)."""
        if self._sections is None or self._sections[0] is not agency:
            self._sections = (agency, {})
        done = self._sections[1]
        if id(position) not in done:
            page_url = self.url("agency", id=agency.id)
            link = lambda k, **kw: rel(page_url, self.url(k, **kw))
            done[id(position)] = self._section_macro()(position, self.t, self.related, link, self.lang, self._src(agency))
        return done[id(position)]

    def decree_text(self, doc) -> DecreeText | None:
        """The decree's text with its lines and pages (generator/decree_text.py), when it is
        published: the build copies the texts into the default language's docs folder
        (export.copy_sources) before pages are rendered."""
        if doc.id not in self._texts:
            self._texts[doc.id] = None
            if doc.source_file in self.downloads.get("_sources", []):
                path = self.docs_dir.parent / i18n.DEFAULT / "sumber" / doc.source_file
                if path.is_file() and ".." not in doc.source_file:
                    self._texts[doc.id] = decree_text(path.read_text(encoding="utf-8"), cited(doc))
        return self._texts[doc.id]

    def text_pages(self, agency) -> list[tuple[str, dict, str]]:
        """[(page id, front matter, body)]: the current decree's text, a page per part."""
        doc = agency.current
        text = self.decree_text(doc)
        if not text:
            return []
        out = []
        for part in range(1, len(text.parts) + 1):
            page_id = text.page_id(agency.id, part)
            rendered = self.render("agency", "decree_text.md.j2", page_kw={"id": page_id}, agency=agency,
                                   doc=doc, text=text, part=part)
            _, fm, body = rendered.split("---\n", 2)
            out.append((page_id, yaml.safe_load(fm), body))
        return out

"""The rows of an indicator table (the macro indicator_table in templates/_macros.html.j2),
written in Python.

They are the one piece of markup made once per indicator and language: ~40 cells, flags,
note, related links, formula, targets, chart and source lines each. Through Jinja that was
an attribute lookup, an escape and often a macro call per cell (~0.1 ms per row and
language); here each value is escaped once (markupsafe.escape, as Jinja's autoescape does)
into a list joined at the end. The markup is the macro's, byte for byte
(tests/test_indicator_rows.py renders both on the same tables); the table around the rows,
its heads and the page stay in the templates.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from .agency_view import goal_runs, target_chart, targets_cell
from .model import Indicator


def indicator_rows(indicators: list[Indicator], t: dict[str, str], related: Any, link: Callable[..., str] | None,
                   lang: str, src: Callable[[str], str] | None, formula: Callable[[Indicator], Markup]) -> Markup:
    """Every row of the table, each goal's run in its own <tbody> under a heading row
    with the goal; a row's cells leave out the end tags HTML makes optional."""
    out: list[str] = []
    add = out.append
    theme_of = getattr(related, "theme_of", None)
    n = 0
    for run in goal_runs(indicators):
        add("<tbody>\n")
        if run.goal_text:
            add(f'<tr class="kt-g"><th colspan="7" scope="rowgroup"><span>{escape(t["goal"])}:</span> '
                f'{escape(run.goal_text)}')
        for ind in run.indicators:
            n += 1
            add(f'<tr id="{escape(ind.anchor)}"')
            if ind.flags:
                add(' class="kt-flagged"')
            add(f"><td>{n}<td>{escape(ind.name)}")
            if ind.flags:
                add(flags_list(ind.flags, t))
            if ind.note:
                add(f'<div class="kt-note">{escape(ind.note)}</div>')
            if ind.id in related:
                add(_related(ind, t, related, theme_of, link))
            add('<td class="kt-formula">' if ind.formula or ind.numerator else "<td>")
            add(formula(ind))
            if ind.calculation_type:
                add(f'<div class="kt-calc">{escape(t["calc_type"])}: {escape(ind.calculation_type)}</div>')
            add("<td>")
            c = targets_cell(ind)
            if c.listed:
                add('<ul class="kt-years">')
                for baseline, year, text in c.items:
                    add("<li>")
                    if baseline:
                        add(f'<i>{escape(t["baseline"])}</i> ')
                    if year is not None:
                        add(f"<b>{escape(year)}</b> ")
                    add(escape(text))
                add("</ul>")
            elif c.items:
                add(escape(c.items[0][2]))
            if c.unit:
                add(f'<div class="kt-unit">{escape(t["unit"])}: {escape(c.unit)}</div>')
            add(target_chart(ind, lang))
            add(f"<td>{escape(ind.data_source)}<td>{escape(ind.responsible)}<td>{lines_link(ind.source_lines, src)}\n")
    return Markup("".join(out))


def lines_link(lines: str, src: Callable[[str], str] | None) -> Markup:
    """Source lines, linked to the passage in the decree's text page when it is published."""
    href = src(lines) if src else ""
    return Markup(f'<a href="{escape(href)}">{escape(lines)}</a>') if href else escape(lines)


def flags_list(flags: tuple[str, ...] | list[str], t: dict[str, str]) -> Markup:
    if not flags:
        return Markup("")
    items = "".join(f'<li class="kt-flag kt-flag--{escape(f)}">{escape(t["flag." + str(f)])}</li>' for f in flags)
    return Markup(f'<ul class="kt-flags">{items}</ul>')


def _related(ind: Indicator, t: dict[str, str], related: Any, theme_of: dict[str, str] | None,
             link: Callable[..., str] | None) -> str:
    """Three links at most to the same indicator in other agencies (~200 bytes each, and a
    common indicator is in hundreds of agencies); the theme page lists every agency
    measuring it: "Compare"."""
    others = related.get(ind.id, [])
    theme = theme_of.get(ind.id) if theme_of is not None else None
    if not (others or theme):
        return ""
    out = ['<div class="kt-related">']
    if others:
        assert link is not None
        shown = others[:3]
        out.append(f"{escape(t['related'])}: ")
        for k, r in enumerate(shown):
            out.append(f'<a href="{escape(link("agency", id=r.agency_id))}#{escape(r.anchor)}">'
                       f'{escape(r.agency_name or t["unknown_agency_name"])}</a>')
            if k < len(shown) - 1:
                out.append(", ")
    if theme:
        assert link is not None
        out.append(f' · <a class="kt-compare" href="{escape(link("theme", id=theme))}">{escape(t["compare"])}</a>')
    out.append("</div>")
    return "".join(out)

"""Charts as static SVG, drawn at build time: no script, no outside file, nothing the
Content-Security-Policy would refuse (no style attribute: colours are classes in kt.css).

Every chart is an <svg role="img"> with a <title> and a <desc> that say what it shows in
words, and comes with the table of its numbers (a <details> under it), so a reader who
cannot see it, or wants the figures, has them. Numbers are written in the page's language
(generator/i18n.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from . import i18n


@dataclass
class Bar:
    key: str  # the short label drawn beside the bar ("1", "2", ...)
    label: str  # the full label, in the table under the chart
    values: tuple[int, ...]  # one per series, stacked
    other: int = 0  # a bar that stands for this many smaller groups


def _num(x: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken between words only (a longer word is a
    line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def stacked_bars(chart_id: str, title: str, desc: str, bars: list[Bar], series: list[tuple[str, str]],
                 lang: str, label_head: str, total_head: str, label_lines: int = 3) -> Markup:
    """Horizontal bars, one per row, each stacked from its series (label, css class), its
    label written above it (wrapped between words; after label_lines lines it ends with
    '…', the table under the chart has it whole). The SVG scales to the width it is given
    (viewBox); kt.css bounds that width so the text stays a readable size."""
    width, right, line, bar, gap, top = 360, 40, 13, 12, 9, 24
    plot = width - right
    # a bar standing for many small groups (Bar.other) is written, not drawn: it would
    # dwarf the others
    most = max((sum(b.values) for b in bars if not b.other), default=0) or 1
    cid = escape(chart_id)
    body: list[str] = []
    y = top
    for b in bars:
        lines = wrap(b.label, 58)
        if len(lines) > label_lines:
            lines = lines[:label_lines]
            lines[-1] += " …"
        for ln in lines:
            y += line
            body.append(f'<text class="kt-chart__label" x="0" y="{y - 3}">{escape(ln)}</text>')
        x0 = 0.0
        for v, (_, css) in zip(b.values, series):
            if v and not b.other:
                w = max(plot * v / most, 1.5)
                body.append(f'<rect class="{css}" x="{_num(x0)}" y="{y + 1}" width="{_num(w)}" height="{bar}"/>')
                x0 += w
        body.append(f'<text class="kt-chart__value" x="{_num(x0 + 4 if x0 else 0)}" y="{y + bar - 1}">'
                    f'{escape(i18n.number(sum(b.values), lang))}</text>')
        y += bar + gap
    height = y
    out = [f'<figure class="kt-chart" id="{cid}">',
           f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{cid}-t {cid}-d">',
           f'<title id="{cid}-t">{escape(title)}</title><desc id="{cid}-d">{escape(desc)}</desc>']
    x = 0
    for (name, css) in series:  # legend
        out.append(f'<rect class="{css}" x="{x}" y="4" width="10" height="10"/>'
                   f'<text class="kt-chart__legend" x="{x + 14}" y="13">{escape(name)}</text>')
        x += 14 + 7 * len(name) + 16
    out += body
    out.append("</svg>")
    heads = "".join(f'<th scope="col">{escape(name)}' for name, _ in series)
    rows = "".join(f'<tr><th scope="row">{escape(b.label)}'
                   + "".join(f"<td>{escape(i18n.number(v, lang))}" for v in b.values)
                   + f"<td>{escape(i18n.number(sum(b.values), lang))}" for b in bars)
    out.append(f'<figcaption>{escape(title)}</figcaption></figure>'
               f'<details class="kt-chart__data"><summary>{escape(i18n.STRINGS[lang]["chart_data"])}</summary>'
               f'<div class="kt-table-wrap" tabindex="0" role="region" aria-label="{escape(title)}">'
               f'<table class="kt-chart__table"><thead><tr><th scope="col">{escape(label_head)}{heads}'
               f'<th scope="col">{escape(total_head)}</thead><tbody>{rows}</tbody></table></div></details>')
    return Markup("".join(out))


@dataclass
class Point:
    year: int
    value: float
    text: str  # as the decree writes it


def year_line(chart_id: str, title: str, desc: str, targets: list[Point], baselines: list[Point], lang: str,
              year_head: str, target_head: str, baseline_head: str) -> Markup:
    """A small chart of one indicator's targets over the years (a line through a dot per
    year) and its baseline (a dashed level line and a hollow dot at its year)."""
    width, height, pad, top, bottom = 240, 96, 22, 14, 22
    points = targets + baselines
    years = sorted({p.year for p in points})
    lo, hi = min(p.value for p in points), max(p.value for p in points)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    span = max(len(years) - 1, 1)
    xs = {y: pad + (width - 2 * pad) * (i / span if len(years) > 1 else .5) for i, y in enumerate(years)}
    ys = lambda v: top + (height - top - bottom) * (1 - (v - lo) / (hi - lo))
    out = [f'<figure class="kt-chart kt-chart--years" id="{escape(chart_id)}">',
           f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d">',
           f'<title id="{escape(chart_id)}-t">{escape(title)}</title><desc id="{escape(chart_id)}-d">{escape(desc)}</desc>']
    for b in baselines:
        out.append(f'<line class="kt-chart__baseline" x1="{pad}" x2="{width - pad}" y1="{_num(ys(b.value))}" y2="{_num(ys(b.value))}"/>')
        out.append(f'<circle class="kt-chart__base-dot" cx="{_num(xs[b.year])}" cy="{_num(ys(b.value))}" r="3.5"/>')
    if len(targets) > 1:
        path = " ".join(f"{_num(xs[p.year])},{_num(ys(p.value))}" for p in targets)
        out.append(f'<polyline class="kt-chart__line" points="{path}"/>')
    for p in targets:
        out.append(f'<circle class="kt-chart__dot" cx="{_num(xs[p.year])}" cy="{_num(ys(p.value))}" r="3.5"/>')
        out.append(f'<text class="kt-chart__value" x="{_num(xs[p.year])}" y="{_num(ys(p.value) - 6)}" text-anchor="middle">{escape(i18n.number(p.value, lang))}</text>')
    for y in years:
        out.append(f'<text class="kt-chart__key" x="{_num(xs[y])}" y="{height - 6}" text-anchor="middle">{y}</text>')
    out.append("</svg></figure>")
    by_year = {y: ([p.text for p in targets if p.year == y], [p.text for p in baselines if p.year == y]) for y in years}
    rows = "".join(f'<tr><th scope="row">{y}<td>{escape("; ".join(tg))}<td>{escape("; ".join(bs))}'
                   for y, (tg, bs) in by_year.items())
    out.append(f'<details class="kt-chart__data"><summary>{escape(i18n.STRINGS[lang]["chart_data"])}</summary>'
               f'<table class="kt-chart__table"><thead><tr><th scope="col">{escape(year_head)}'
               f'<th scope="col">{escape(target_head)}<th scope="col">{escape(baseline_head)}</thead>'
               f'<tbody>{rows}</tbody></table></details>')
    return Markup("".join(out))

# ruff: noqa: E501  (the Jinja loop kept as the specification, one template line per row)
"""The indicator table's rows written in Python (generator/indicator_rows.py) are the
markup the Jinja loop wrote, byte for byte: the loop is kept here as the specification and
both render every position's indicators of the published decrees and the fixture portals (the hostile one's texts
are markup and script), in both languages, with and without related links, themes,
flags, notes and a decree text to link the source lines to."""
from __future__ import annotations

import dataclasses

import pytest

from generator import i18n
from generator.agency_view import goal_runs, target_chart, targets_cell
from generator.indicator_rows import indicator_rows
from generator.load import load_all
from generator.model import build_model
from generator.related import Links, RelatedLink
from generator.render import shared_env

from kt_testing import FIXTURES, ROOT

# the macro's loop as it was, with the macros it called
REFERENCE = """\
{% macro lines_link(lines, src) -%}
{% set href = src(lines) if src else "" %}{% if href %}<a href="{{ href }}">{{ lines }}</a>{% else %}{{ lines }}{% endif %}
{%- endmacro %}
{% macro flags_list(flags, t) -%}
{% if flags %}<ul class="kt-flags">{% for f in flags %}<li class="kt-flag kt-flag--{{ f }}">{{ t["flag." ~ f] }}</li>{% endfor %}</ul>{% endif %}
{%- endmacro %}
{% macro related_links(ind, t, related, link) -%}
{% set others = related.get(ind.id, []) %}
{% set theme = related.theme_of.get(ind.id) if related.theme_of is defined else none %}
{% if others or theme %}<div class="kt-related">{% if others %}{{ t.related }}: {% for r in others[:3] %}<a href="{{ link('agency', id=r.agency_id) }}#{{ r.anchor }}">{{ r.agency_name or t.unknown_agency_name }}</a>{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}{% if theme %} · <a class="kt-compare" href="{{ link('theme', id=theme) }}">{{ t.compare }}</a>{% endif %}</div>{% endif %}
{%- endmacro %}
{% macro rows(indicators, t, related={}, link=None, lang="id", src=None) -%}
{% set n = namespace(i=0) %}
{% for run in goal_runs(indicators) %}
<tbody>
{% if run.goal_text %}<tr class="kt-g"><th colspan="7" scope="rowgroup"><span>{{ t.goal }}:</span> {{ run.goal_text }}{% endif %}
{% for ind in run.indicators %}{% set n.i = n.i + 1 %}
<tr id="{{ ind.anchor }}"{% if ind.flags %} class="kt-flagged"{% endif %}><td>{{ n.i }}<td>{{ ind.name }}{% if ind.flags %}{{ flags_list(ind.flags, t) }}{% endif %}{% if ind.note %}<div class="kt-note">{{ ind.note }}</div>{% endif %}{% if ind.id in related %}{{ related_links(ind, t, related, link) }}{% endif %}<td{% if ind.formula or ind.numerator %} class="kt-formula"{% endif %}>{{ ind | formula }}{% if ind.calculation_type %}<div class="kt-calc">{{ t.calc_type }}: {{ ind.calculation_type }}</div>{% endif %}<td>{% set c = targets_cell(ind) %}{% if c.listed %}<ul class="kt-years">{% for baseline, year, text in c.items %}<li>{% if baseline %}<i>{{ t.baseline }}</i> {% endif %}{% if year is not none %}<b>{{ year }}</b> {% endif %}{{ text }}{% endfor %}</ul>{% elif c.items %}{{ c.items[0][2] }}{% endif %}{% if c.unit %}<div class="kt-unit">{{ t.unit }}: {{ c.unit }}</div>{% endif %}{{ target_chart(ind, lang) }}<td>{{ ind.data_source }}<td>{{ ind.responsible }}<td>{{ lines_link(ind.source_lines, src) }}
{% endfor %}
{% endfor %}
{%- endmacro %}
"""


@pytest.fixture(scope="module")
def tables():
    """Every position's (and the IKU's) indicators of the published decrees and of the
    fixture portals, some given flags and a note with markup."""
    out = []
    for folder in (ROOT / "datapackages", *(FIXTURES / "packages" / name for name in ("basic", "multi", "hostile"))):
        portal = build_model(load_all(folder)[0])
        for doc in portal.documents:
            out.append(doc.iku)
            out += [p.indicators for p in doc.positions]
    first = out[0]
    if first:
        flagged = dataclasses.replace(first[0], flags=("ocr_damaged", "lost_page"),
                                      row=dict(first[0].row, note='a <b>"note"</b> & more'))
        out.append([flagged] + first[1:])
    return [t for t in out if t]


def links(indicators: list, themes: bool) -> Links:
    """Related links for every other indicator (one to four of them, with and without an
    agency name) and a theme for every third."""
    found = {ind.id: [RelatedLink(f"agency-{k}", "" if k == 1 else f"Dinas <{k}> & co", f"i-{k}")
                      for k in range(1 + i % 4)] for i, ind in enumerate(indicators) if i % 2 == 0}
    return Links(found, {ind.id: f"tema-{i}" for i, ind in enumerate(indicators) if themes and i % 3 == 0})


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("related,src", [("none", False), ("links", True), ("themes", True)])
def test_the_rows_are_the_loops_bytes(tables, lang, related, src):
    env = shared_env()
    reference = env.from_string(REFERENCE, globals={"goal_runs": goal_runs, "targets_cell": targets_cell,
                                                    "target_chart": target_chart}).module.rows
    t = i18n.STRINGS[lang]
    link = (lambda key, **kw: f"../{key}/{kw['id']}/?a=1&b=<2>")
    source = (lambda lines: f"../teks/#L{lines}&x" if lines and lines[0] in "13579" else "") if src else None
    compared = 0
    for indicators in tables:
        rel = {} if related == "none" else links(indicators, related == "themes")
        want = str(reference(indicators, t, rel, link, lang, source))
        got = str(indicator_rows(indicators, t, rel, link, lang, source, env.filters["formula"]))
        assert got == want
        compared += len(indicators)
    assert compared > 1000

"""The agency page's layout decisions (generator/agency_view.py) and the formula cells'
plain-text form (generator/formula.py)."""
import itertools
import re

import pytest
from kt_testing import BASIC, ROOT

from generator.agency_view import (
    CSS_END,
    CSS_START,
    MATH_MAX_CHARS,
    MATH_NARROW_CHARS,
    agency_view,
    card_label_css,
    goal_runs,
)
from generator.formula import formula_cell, mathml_plain
from generator.load import load_all
from generator.model import build_model
from generator.render import Renderer

CSS = ROOT / "overrides" / "assets" / "stylesheets" / "kt.css"


@pytest.fixture(scope="module")
def portal():
    sources, _ = load_all(BASIC)
    return build_model(sources)


def test_card_labels_in_css_are_the_i18n_column_names():
    css = CSS.read_text(encoding="utf-8")
    start, end = css.index(CSS_START), css.index(CSS_END) + len(CSS_END)
    assert css[start:end] == card_label_css(), "run python -m generator.agency_view and paste into kt.css"


def test_card_columns_match_the_table_heads(portal):
    r = Renderer(portal, ROOT / "build" / "unused", "en")
    agency = portal.agencies[0]
    body = r.render("agency", "agency.md.j2", page_kw={"id": agency.id}, **r.agency_context(agency))
    heads = re.search(r'<table class="kt-indicators kt-cards">\n<thead><tr>(.*?)</thead>', body).group(1)
    names = [h for h in heads.split("<th>") if h]
    css = card_label_css()
    for k, name in enumerate(names[1:], start=2):
        assert f':lang(en) .kt-cards td:nth-child({k})::before {{ content: "{name}"; }}' in css


def test_goal_runs_group_consecutive_rows(portal):
    doc = portal.documents[0]
    inds = doc.indicators
    runs = goal_runs(inds)
    assert [i for r in runs for i in r.indicators] == inds
    for a, b in itertools.pairwise(runs):
        assert (a.indicators[-1].goal_id or "") != (b.indicators[0].goal_id or "")


def test_split_view_moves_rows_and_keeps_the_rest(portal):
    agency = portal.agencies[0]
    positions = agency.current.positions
    split = [positions[1:]]
    v1 = agency_view(agency, 1, split)
    assert v1.positions_here == positions[:1]
    assert set(v1.page_of) == {p.id for p in positions[1:]}
    assert all(url == f"../{agency.id}~2/" for url in v1.away.values())
    assert {i.id for p in positions[1:] for i in p.indicators} == set(v1.away)
    v2 = agency_view(agency, 2, split)
    assert v2.further and v2.positions_here == positions[1:]
    assert v1.summary.indicators == len(agency.current.indicators)
    assert v1.summary.iku + v1.summary.iki == v1.summary.indicators


def test_plain_text_form_of_a_ratio():
    html = str(formula_cell("", "Jumlah pegawai hadir", "Jumlah pegawai", "100%"))
    assert '<math aria-hidden="true">' in html
    assert '<span class="kt-ft">(Jumlah pegawai hadir ÷ Jumlah pegawai) × 100%</span>' in html


def test_plain_text_form_of_latex():
    text, width = mathml_plain(
        "<math><mfrac><mtext>Jumlah hadir</mtext><mtext>Jumlah hari kerja</mtext></mfrac></math>")
    assert text == "Jumlah hadir ÷ Jumlah hari kerja" and width == len("Jumlah hari kerja") + 1
    html = str(formula_cell(r"Rumus: $a_{i+1}^2 + \sqrt{x} - 1$ saja"))
    assert html.startswith("Rumus: <math") and html.endswith(" saja")
    assert '<span class="kt-ft">a_(i + 1)^2 + √(x) − 1</span>' in html


def test_too_wide_drawing_is_left_out():
    long = "Jumlah pejabat ASN yang telah mengikuti diklat struktural tahun ini"
    assert MATH_NARROW_CHARS < len(long) < MATH_MAX_CHARS < 2 * len(long)
    html = str(formula_cell("", long * 2, "Jumlah total jabatan", "100%", MATH_MAX_CHARS))
    assert "<math" not in html and f"({long * 2} ÷ Jumlah total jabatan) × 100%" in html
    html = str(formula_cell("", long, "Jumlah total jabatan", "100%", MATH_MAX_CHARS, MATH_NARROW_CHARS))
    assert "<math aria-hidden=\"true\" class=\"kt-wide\">" in html


def test_plain_text_is_escaped():
    html = str(formula_cell("", "A <b>", "B & C"))
    assert '<span class="kt-ft">A &lt;b&gt; ÷ B &amp; C</span>' in html

"""Static SVG charts (generator/charts.py) and the numbers they print (generator/i18n.py)."""
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from kt_testing import ROOT

from generator import i18n
from generator.agency_view import agency_view, goal_bars, goal_chart, target_chart
from generator.charts import Bar, Point, stacked_bars, wrap, year_line
from generator.load import load_all
from generator.model import build_model

SVG = re.compile(r"<svg.*?</svg>", re.DOTALL)


def svg_tree(html: str) -> ET.Element:
    return ET.fromstring(SVG.search(html).group(0))


def test_numbers_in_the_page_language():
    assert i18n.number(1250, "id") == "1.250" and i18n.number(1250, "en") == "1,250"
    assert i18n.number(12.5, "id") == "12,5" and i18n.number(12.5, "en") == "12.5"
    assert i18n.percent(99.7, "id") == "99,7%"
    assert i18n.number(-0.001, "id") == "0"
    assert i18n.count(1, "agency", "en") == "1 agency" and i18n.count(2, "agency", "en") == "2 agencies"
    assert i18n.count(1250, "indicator", "id") == "1.250 indikator"
    assert i18n.count(0, "position", "en") == "0 positions"


def test_wrap_breaks_between_words_only():
    text = "Meningkatnya kualitas pelayanan administrasi terpadu kecamatan Merakurak"
    lines = wrap(text, 20)
    assert " ".join(lines) == text
    assert all(len(x) <= 20 or " " not in x for x in lines)
    assert wrap("Pertanggungjawaban", 5) == ["Pertanggungjawaban"]


def test_stacked_bars_accessible_and_csp_safe():
    bars = [Bar("1", "Sasaran <satu>", (2, 1250)), Bar("2", "Dua", (0, 3)), Bar("3", "", (0, 40), other=9)]
    html = str(stacked_bars("c", "Judul", "Deskripsi", bars, [("IKU", "a"), ("IKI", "b")], "id", "Sasaran", "Jumlah"))
    svg = svg_tree(html)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c-t c-d"
    assert svg.find("title").text == "Judul" and svg.find("desc").text == "Deskripsi"
    assert "style=" not in html and "<script" not in html
    assert "1.252" in html and "&lt;satu&gt;" in html
    rects = [r for r in svg.iter("rect") if r.get("y") != "4"]  # not the legend
    # the widest drawn bar is the largest group; a bar for many small groups is not drawn
    rows: dict[str, float] = {}
    for r in rects:
        rows[r.get("y")] = rows.get(r.get("y"), 0) + float(r.get("width"))
    assert len(rows) == 2 and max(rows.values()) == pytest.approx(320, abs=1.5)
    # the table behind the chart has every number
    cells = re.findall(r"<td>([^<]*)", html)
    assert cells == ["2", "1.250", "1.252", "0", "3", "3", "0", "40", "40"]


def test_year_line_points_follow_the_values():
    pts = [Point(2024, 80, "80%"), Point(2025, 90, "90%"), Point(2026, 100, "100%")]
    html = str(year_line("y", "T", "D", pts, [Point(2023, 75.5, "75,5%")], "id", "Tahun", "Target", "Kondisi awal"))
    svg = svg_tree(html)
    dots = [c for c in svg.iter("circle") if c.get("class") == "kt-chart__dot"]
    ys = [float(c.get("cy")) for c in dots]
    xs = [float(c.get("cx")) for c in dots]
    assert ys == sorted(ys, reverse=True) and xs == sorted(xs)  # higher value, higher on screen
    assert svg.find("line").get("class") == "kt-chart__baseline"
    assert "<th scope=\"row\">2023<td><td>75,5%" in html.replace("</td>", "")
    assert "style=" not in html


@pytest.fixture(scope="module")
def portal():
    sources, _ = load_all(ROOT / "datapackages")
    return build_model(sources)


def test_goal_chart_counts_every_indicator(portal):
    for agency in portal.agencies:
        doc = agency.current
        bars = goal_bars(doc)
        assert sum(sum(b.values) for b in bars) == len(doc.indicators)
        assert sum(b.values[0] for b in bars) == len(doc.iku)
        assert len(bars) <= 10
        for lang in i18n.LANGS:
            html = str(goal_chart(agency_view(agency), lang))
            if html:
                assert svg_tree(html).find("title").text == i18n.STRINGS[lang]["chart_goals_title"]


def test_target_chart_needs_several_years():
    T = lambda y, v, kind="target": SimpleNamespace(year=y, value=v, text=f"{v}%", kind=kind, flags=())
    one = SimpleNamespace(name="X", anchor="i-x", targets=[T(2024, 90)])
    assert str(target_chart(one, "id")) == ""
    several = SimpleNamespace(name="X", anchor="i-x", targets=[T(2023, 70, "baseline"), T(2024, 90), T(2025, 95)])
    html = str(target_chart(several, "en"))
    assert "Targets by year: 2024: 90%; 2025: 95%." in html and "Baseline: 2023: 70%." in html
    assert str(target_chart(SimpleNamespace(name="X", anchor="i-x"), "id")) == ""  # no targets resource


def test_small_goals_bar_is_written_not_drawn(portal):
    # Purwakarta-like: more goals than bars; the last bar stands for the rest
    agency = max(portal.agencies, key=lambda a: len({i.goal.text for i in a.current.indicators if i.goal}))
    view = agency_view(agency)
    assert view.goal_bars[-1].other > 0
    html = str(goal_chart(view, "id"))
    rects = [r for r in svg_tree(html).iter("rect") if r.get("y") != "4"]
    assert len(rects) == sum(1 for b in view.goal_bars[:-1] for v in b.values if v)


def test_iku_targets_by_year_table():
    from generator.agency_view import year_table
    T = lambda y, text, kind="target", flags=(): SimpleNamespace(year=y, value=None, text=text, kind=kind, flags=flags)
    a = SimpleNamespace(name="A", anchor="i-a", targets=[T(2023, "70%", "baseline"), T(2024, "80%"), T(2025, "90%")])
    b = SimpleNamespace(name="B", anchor="i-b", targets=[T(2025, "5 dokumen"), T(2026, "6", flags=("year_from_period",))])
    table = year_table([a, b])
    assert table.years == [2024, 2025]
    assert table.rows[0][1:] == ("70% (2023)", ["80%", "90%"])
    assert table.rows[1][1:] == ("", ["", "5 dokumen"])
    assert year_table([b]) is None  # one dated year: the row says it already
    assert year_table([SimpleNamespace(name="C", anchor="i-c")]) is None  # no targets resource

"""Compare across agencies: theme pages, the "Compare" link, the shards' plan carrying the
theme of each indicator; and the A-Z pages of a kabupaten/kota (generator/browse.py)."""
import re
from types import SimpleNamespace

import pytest

from generator import browse
from generator.load import load_all
from generator.model import build_model
from generator.related import MAX_ROWS, related, themes
from generator.render import Renderer

from kt_testing import ROOT


@pytest.fixture(scope="module")
def portal():
    """The seed portal's model, read by every test here (its validation: tests/test_datapackages.py)."""
    sources, problems = load_all(ROOT / "datapackages")
    assert problems == []
    return build_model(sources)


def test_theme_page_lists_every_agency_measuring_it_with_targets(portal, tmp_path):
    p = portal
    theme = next(t for t in themes(p) if "bkpsdm-kab-paser" in {a.id for a in t.agencies})
    r = Renderer(p, tmp_path, "id")
    page = r.render("theme", "theme.md.j2", page_kw={"id": theme.id}, theme=theme, max_rows=MAX_ROWS)
    rows = re.findall(r'<a href="\.\./\.\./lembaga/([^/]+)/#(i-[^"]+)">', page)
    assert len(rows) == len(theme.indicators) and {a for a, _ in rows} == {a.id for a in theme.agencies}
    for ind in theme.indicators:
        assert (ind.document.agency.id, ind.anchor) in rows
    assert "Bandingkan: " in page and f"{len(theme.agencies)} lembaga" in page
    index = r.render("themes", "themes.md.j2", themes=themes(p))
    assert index.count('href="') == len(themes(p)) and f'href="{theme.id}/"' in index


def test_compare_link_on_the_indicator_row(portal, tmp_path):
    p = portal
    links = related(p)
    ind_id, theme_id = next(iter(sorted(links.theme_of.items())))
    agency = next(a for a in p.agencies if any(i.id == ind_id for i in a.current.indicators))
    r = Renderer(p, tmp_path, "en")
    _, body = r.agency_page(agency)
    pages = "".join(b for _, _, b in r.agency_pages(agency))
    assert f'class="kt-compare" href="../../themes/{theme_id}/">Compare</a>' in body + pages


def test_plan_of_the_shards_carries_the_themes(portal, tmp_path):
    from generator.shards import plan, related_index
    the_plan = plan(ROOT / "datapackages")
    assert the_plan["themes"] == dict(sorted(related(portal).theme_of.items()))
    assert related_index(the_plan).theme_of == the_plan["themes"]


def test_az_groups_by_first_letter_of_the_name():
    names = ["Dinas Pendidikan", "badan Keuangan", "Dinas Kesehatan", "Ébène", "", "3 Kecamatan"]
    agencies = [SimpleNamespace(name=n, id=f"a{i}") for i, n in enumerate(names)]
    groups = browse.az_groups(agencies)
    assert [(k, [a.name for a in v]) for k, v in groups] == [
        ("B", ["badan Keuangan"]), ("D", ["Dinas Kesehatan", "Dinas Pendidikan"]), ("E", ["Ébène"]),
        ("#", ["3 Kecamatan", ""])]


def test_kabupaten_page_lists_its_agencies_a_to_z(portal, tmp_path):
    p = portal
    out = Renderer(p, tmp_path, "id").render_all({}, shell=True)
    kab = (tmp_path / "wilayah" / "35.23.md").read_text(encoding="utf-8")
    assert tmp_path / "wilayah" / "35.23.md" in out
    assert 'id="az-K"' in kab and 'href="../../lembaga/kec-merakurak-kab-tuban/"' in kab
    assert 'name="nama"' in kab and 'name="urut"' in kab and "kt_explore: true" in kab
    province = (tmp_path / "wilayah" / "35.md").read_text(encoding="utf-8")
    assert 'href="../35.23/"' in province  # the province page links each kabupaten/kota's list

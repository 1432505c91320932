"""The explorer's own data (generator/browse.py, written by search.build_index): the count
cube, the province files, the rows per agency, the agency-name index and the per-bundle
vocabulary, checked against the data they come from."""
import json

import pytest

from generator import browse, search
from generator.load import load_all
from generator.model import build_model

from kt_testing import ROOT


@pytest.fixture(scope="module")
def portal():
    sources, problems = load_all(ROOT / "datapackages")  # validated: tests/test_datapackages.py
    assert problems == []
    return build_model(sources)


@pytest.fixture(scope="module")
def site(portal, tmp_path_factory):
    site = tmp_path_factory.mktemp("browse")
    search.build_index(site, portal.agencies)
    return site


def load(site, rel):
    return json.loads((site / "pagefind" / rel).read_text(encoding="utf-8"))


def test_the_cube_counts_every_indicator_once(portal, site):
    cells = load(site, "kt-facets.json")["cells"]
    assert sum(c[4] for c in cells) == sum(len(a.current.indicators) for a in portal.agencies)
    jatim = [c for c in cells if c[0] == "35"]
    merakurak = next(a for a in portal.agencies if a.id == "kec-merakurak-kab-tuban")
    assert {(c[1], c[2], c[3]): c[4] for c in jatim} == {
        ("kecamatan", lvl, browse.year_of(merakurak)): sum(1 for i in merakurak.current.indicators if i.kind == lvl)
        for lvl in ("IKU", "IKI")}
    assert [c for c in cells if c[0] == "x"]  # the agency of unknown region is counted too


def test_province_files_list_agencies_in_browsing_order_with_their_counts(portal, site):
    codes = [c for c, _ in load(site, "kt-facets.json")["provinces"]]
    assert codes == sorted(c for c in codes if c != "x") + ["x"]
    listed = []
    for code in codes:
        for a_id, name, _kab, kind, _year, iku, iki in load(site, f"kt/p/{code}.json"):
            agency = next(a for a in portal.agencies if a.id == a_id)
            assert (name, kind) == (agency.name or "", agency.kind)
            assert (iku, iki) == browse.levels(agency) and iku + iki == len(agency.current.indicators)
            rows = load(site, f"kt/a/{a_id}.json")
            assert [r[0] for r in rows] == [i.anchor for i in agency.current.indicators]
            assert sum(r[1] == "IKU" for r in rows) == iku
            listed.append(a_id)
    assert sorted(listed) == sorted(a.id for a in portal.agencies) and len(set(listed)) == len(listed)


def test_name_index_finds_an_agency_by_any_distinctive_word(portal, site):
    entries = load(site, "kt/n/pur.json")
    assert [e[0] for e in entries] == ["setda-kab-purwakarta"]
    assert entries[0][2:] == ["Jawa Barat", "Kabupaten Purwakarta"]
    assert "kep" in browse.name_keys("Badan Kepegawaian dan Pengembangan")
    assert not (site / "pagefind/kt/n/din.json").exists() and not (site / "pagefind/kt/n/kab.json").exists()
    for a in portal.agencies:
        for key in browse.name_keys(a.name or ""):
            assert a.id in [e[0] for e in load(site, f"kt/n/{key}.json")]


def test_vocabulary_per_bundle_holds_the_words_for_corrections(portal, site):
    words = {}
    for g in ("x", "p51-k1", "p64-k1"):
        words.update(load(site, f"{g}/{search.VOCAB}/k.json"))
    assert "kehadiran" in words and "kehadran" not in words
    jabar = load(site, f"p32-k4/{search.VOCAB}/l.json")
    assert jabar["laporan"] > 10 and all(len(w) >= 4 and w.isascii() and w.isalpha() for w in jabar)


def test_choices_for_the_explorer_page(portal):
    c = browse.choices(portal)
    assert c["provinces"] == ["Bali", "Jawa Barat", "Jawa Timur", "Kalimantan Timur"]
    assert ("Jawa Timur", "Kabupaten Tuban") in c["kabupaten"]
    assert c["kinds"][0] == "sekretariat_daerah" and "tidak_diketahui" in c["kinds"]
    assert c["years"] == sorted(c["years"], reverse=True) and all(y.isdigit() for y in c["years"])


def test_weight_per_view_stays_small(site):
    """At the seeds' size every file a view reads is a few KB; at national size the same
    files grow with one province (p/), one agency (a/) or one name key (n/), never with
    the nation."""
    facets = (site / "pagefind/kt-facets.json").stat().st_size
    assert facets < 10_000
    for part in ("p", "a", "n"):
        assert max(f.stat().st_size for f in (site / "pagefind/kt" / part).iterdir()) < 60_000

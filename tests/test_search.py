"""Search index (generator/search.py): source pages, bundles per group of provinces, and an
incremental rebuild that writes byte for byte what a full build writes."""
import filecmp
import json
import shutil
from pathlib import Path

import pytest

from generator import browse, search
from generator.validate import check
from generator.model import build_model

from kt_testing import ROOT


def load_portal():
    report, sources = check(ROOT / "datapackages", None)
    assert report.errors == []
    return build_model(sources)


@pytest.fixture(scope="module")
def portal():
    return load_portal()


@pytest.fixture(scope="module")
def full(portal, tmp_path_factory):
    site = tmp_path_factory.mktemp("full")
    search.build_index(site, portal.agencies)
    return site


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def by_id(portal, agency_id):
    return next(a for a in portal.agencies if a.id == agency_id)


def test_groups_cover_every_province_code():
    assert search.group_of_code("11") == "w1" and search.group_of_code("18.71") == "w1"
    assert search.group_of_code("35") == "w2" and search.group_of_code("35.23") == "w2"
    assert search.group_of_code("51") == "w3" and search.group_of_code("64.01") == "w3"
    assert search.group_of_code("73") == "w4" and search.group_of_code("96") == "w4"
    assert search.group_of_code("") == "w1" and search.group_of_code(None) == "w1"
    names = [g for g, _, _ in search.GROUPS]
    assert names == sorted(names) and len(names) == 4


def test_source_pages_carry_rows_metadata_and_context_once(portal):
    agency = by_id(portal, "setda-kab-purwakarta")
    pages = search.source_pages(agency)
    inds = agency.current.indicators
    assert len(pages) == -(-len(inds) // search.CHUNK)
    first = pages[0]
    assert '<html lang="id">' in first and "data-pagefind-body" in first
    assert 'data-pagefind-meta="url:/lembaga/setda-kab-purwakarta/"' in first
    assert '<span data-pagefind-meta="provinsi">Jawa Barat</span>' in first
    assert '<span data-pagefind-meta="kabupaten">Kabupaten Purwakarta</span>' in first
    for ind in inds[:search.CHUNK]:
        assert f'<h2 id="{ind.anchor}">' in first
    # a position title is written once for a run of its indicators on one page
    run = [i for i in inds[:search.CHUNK] if i.position is inds[0].position and i.goal is inds[0].goal]
    if len(run) > 1:
        assert first.count(f"<p>{search._e(inds[0].position.title)}. ") == 1
        assert first.count(search._e(inds[0].position.title)) == 1


def test_source_pages_escape_text(portal):
    agency = by_id(portal, "kec-merakurak-kab-tuban")
    ind = agency.current.indicators[0]
    old = ind.name
    try:
        ind.name = '<script>alert("x")</script>'
        page = search.source_pages(agency)[0]
    finally:
        ind.name = old
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_one_bundle_per_group_and_the_facets_list_them(portal, full):
    pf = full / "pagefind"
    groups = sorted({search.group_of(a) for a in portal.agencies})
    assert sorted(d.name for d in pf.iterdir() if d.is_dir() and d.name != browse.FOLDER) == groups
    for g in groups:
        assert (pf / g / "pagefind.js").is_file() and (pf / g / "pagefind-entry.json").is_file()
        assert list((pf / g).glob("pagefind.id_*.pf_meta")) and list((pf / g / "fragment").iterdir())
        assert not (pf / g / "pagefind-ui.js").exists()  # the UI bundles are not shipped
        assert len((pf / g / search.DIGEST).read_text().strip()) == 64
    facets = json.loads((pf / "kt-facets.json").read_text(encoding="utf-8"))
    assert [b["path"] for b in facets["bundles"]] == [f"pagefind/{g}/" for g in groups]
    where = {p: b["path"] for b in facets["bundles"] for p in b["provinsi"]}
    assert where["Jawa Timur"] == where["Jawa Barat"] == "pagefind/w2/"
    assert where["Bali"] == where["Kalimantan Timur"] == "pagefind/w3/"
    assert set(facets["provinsi"]) == set(where) and facets["jenis"] == ["IKI", "IKU"]
    assert 150_000 < search.query_bytes(full) < 300_000


def test_two_full_builds_are_byte_identical(portal, full, tmp_path):
    search.build_index(tmp_path, portal.agencies)
    assert files(tmp_path / "pagefind") == files(full / "pagefind")


def changed_portal():
    """The seeds with one indicator of the Badung agency (w3) renamed."""
    portal = load_portal()
    ind = by_id(portal, "disdukcapil-kab-badung").current.indicators[3]
    ind.name = ind.name + " terverifikasi ulang"
    return portal


def test_rebuilding_one_province_equals_a_full_build(full, tmp_path):
    portal = changed_portal()
    fresh = tmp_path / "fresh"
    search.build_index(fresh, portal.agencies)
    assert files(fresh / "pagefind") != files(full / "pagefind")

    inc = tmp_path / "inc"  # the previous site, then only Bali's bundle re-indexed in place
    shutil.copytree(full / "pagefind", inc / "pagefind")
    n = search.build_index(inc, portal.agencies, only_provinces={"51"})
    w3 = [a for a in portal.agencies if search.group_of(a) == "w3"]
    assert n == sum(len(search.source_pages(a)) for a in w3)
    assert files(inc / "pagefind") == files(fresh / "pagefind")

    staged = tmp_path / "staged"  # a new staging folder, unchanged bundles from the previous site
    search.build_index(staged, portal.agencies, only_provinces={"51"}, previous=full)
    assert files(staged / "pagefind") == files(fresh / "pagefind")
    assert filecmp.cmp(staged / "pagefind/w2/pagefind-entry.json", full / "pagefind/w2/pagefind-entry.json")


def test_previous_site_reuses_bundles_whose_pages_did_not_change(portal, full, tmp_path):
    same = tmp_path / "same"
    assert search.build_index(same, portal.agencies, previous=full) == 0
    assert files(same / "pagefind") == files(full / "pagefind")

    changed = changed_portal()
    fresh = tmp_path / "fresh"
    search.build_index(fresh, changed.agencies)
    inc = tmp_path / "inc"
    n = search.build_index(inc, changed.agencies, previous=full)
    assert n == sum(len(search.source_pages(a)) for a in changed.agencies if search.group_of(a) == "w3")
    assert files(inc / "pagefind") == files(fresh / "pagefind")


def test_a_group_left_without_agencies_loses_its_bundle(portal, full, tmp_path):
    rest = [a for a in portal.agencies if search.group_of(a) != "w3"]
    inc = tmp_path / "inc"
    shutil.copytree(full / "pagefind", inc / "pagefind")
    assert search.build_index(inc, rest, only_provinces={"51", "64"}) == 0
    assert not (inc / "pagefind" / "w3").exists()
    facets = json.loads((inc / "pagefind" / "kt-facets.json").read_text(encoding="utf-8"))
    assert "pagefind/w3/" not in [b["path"] for b in facets["bundles"]] and "Bali" not in facets["provinsi"]

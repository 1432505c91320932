"""Search index (generator/search.py): source pages, bundles per run of kabupaten/kota codes,
windows of bundles within the query budget, and an incremental rebuild that writes byte for
byte what a full build writes."""
import filecmp
import json
import shutil
from pathlib import Path

import pytest

from generator import browse, search
from generator.load import load_all
from generator.validate import check
from generator.model import build_model

from kt_testing import ROOT


def load_portal():
    """A fresh model of the seeds (they are validated by tests/test_datapackages.py)."""
    sources, problems = load_all(ROOT / "datapackages")
    assert problems == []
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


def test_bundles_are_cut_by_the_region_codes():
    g = search.group_of_code
    assert search.KAB_PER_BUNDLE == 4
    assert g("35") == g("35", None) == g("35", "") == "p35"  # a province's own agencies
    assert g("35", "35.01") == g("35", "35.04") == "p35-k1" and g("35", "35.05") == "p35-k2"
    assert g("35", "35.23") == "p35-k6" and g("35", "35.24") == "p35-k6" and g("35", "35.25") == "p35-k7"
    assert g("35", "35.71") == g("35", "35.74") == "p35-c1" and g("35", "35.75") == "p35-c2"
    assert g("11", "11.01") == "p11-k1" and g("", None) == g(None) == g("xx") == "x"
    names = ["x", "p35-c1", "p35-k10", "p35-k2", "p35", "p11-k1", "p32-c2", "p32-c1"]
    assert sorted(names, key=search.group_order) == ["p11-k1", "p32-c1", "p32-c2", "p35", "p35-k2",
                                                    "p35-k10", "p35-c1", "x"]


def bundle(path, provinsi, size):
    return {"path": path, "provinsi": provinsi, "bytes": size, "indikator": size, "kabupaten": []}


def test_windows_keep_whole_provinces_within_the_budget():
    a1, a2 = bundle("a1", "A", 30), bundle("a2", "A", 30)
    b1 = bundle("b1", "B", 50)
    c = [bundle(f"c{i}", "C", 40) for i in range(5)]
    d1 = bundle("d1", "D", 10)
    e1 = bundle("e1", "E", 150)  # over the budget alone
    wins = search.windows([a1, a2, b1, *c, d1, e1], 100)
    assert [[b["path"] for b in w] for w in wins] == [
        ["a1", "a2"],              # A (60) and B (50) do not fit together: B starts a window
        ["b1"],                    # C (200) is over the budget: its own windows, in order
        ["c0", "c1"], ["c2", "c3"], ["c4"],
        ["d1"], ["e1"]]            # a bundle over the budget is a window by itself
    assert search.windows([a1, a2, b1], 200) == [[a1, a2, b1]]  # a small portal: one window
    assert search.windows([], 100) == []


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


def test_one_bundle_per_run_of_codes_and_the_facets_list_them(portal, full):
    pf = full / "pagefind"
    groups = sorted({search.group_of(a) for a in portal.agencies}, key=search.group_order)
    assert groups == ["p32-k4", "p35-k6", "p51-k1", "p64-k1", "x"]  # Purwakarta 32.14, Tuban 35.23, ...
    assert sorted(d.name for d in pf.iterdir() if d.is_dir() and d.name != browse.FOLDER) == sorted([search.BASE, *groups])
    for g in [search.BASE, *groups]:
        assert (pf / g / "pagefind-entry.json").is_file()
        assert list((pf / g).glob("pagefind.id_*.pf_meta")) and list((pf / g / "fragment").iterdir())
        assert not (pf / g / "pagefind-ui.js").exists()  # the UI bundles are not shipped
        assert len((pf / g / search.DIGEST).read_text().strip()) == 64
        # Pagefind's script and WebAssembly only in the base bundle: the others are merged into it
        assert (pf / g / "pagefind.js").is_file() == (g == search.BASE) == bool(list((pf / g).glob("wasm.*")))
    facets = json.loads((pf / "kt-facets.json").read_text(encoding="utf-8"))
    assert facets["base"] == "pagefind/base/"
    assert [b["path"] for b in facets["bundles"]] == [f"pagefind/{g}/" for g in groups]
    by_path = {b["path"]: b for b in facets["bundles"]}
    assert by_path["pagefind/p51-k1/"]["provinsi"] == "Bali"
    assert by_path["pagefind/p51-k1/"]["kabupaten"] == ["Kabupaten Badung"]
    assert by_path["pagefind/x/"]["provinsi"] == "" and by_path["pagefind/x/"]["kabupaten"] == []
    for g in groups:
        b = by_path[f"pagefind/{g}/"]
        assert b["indikator"] == sum(len(a.current.indicators) for a in portal.agencies if search.group_of(a) == g)
        assert b["bytes"] == search.bundle_bytes(full, pf / g) > 0
    assert {b["provinsi"] for b in facets["bundles"]} - {""} == set(facets["provinsi"])
    assert facets["jenis"] == ["IKI", "IKU"]
    # the budget left for bundles: the query budget less the fixed files and the fragments read
    fixed, frags = search.fixed_bytes(full), search.fragment_bytes(full)
    assert search.QUERY_BUDGET - 64 <= facets["budget"] + fixed + frags <= search.QUERY_BUDGET
    assert 80_000 < fixed < 110_000  # pagefind.js, its worker and wasm, kt-facets.json, base
    parts = search.query_parts(full)
    assert parts["window_count"] == 1 and parts["bundle_count"] == len(groups)  # the seeds: one window
    assert parts["indicators_searched_max"] == sum(len(a.current.indicators) for a in portal.agencies)
    assert parts["bundles"] == sum(b["bytes"] for b in facets["bundles"])
    assert 150_000 < search.query_bytes(full) <= search.QUERY_BUDGET


def test_query_parts_count_the_costliest_window(full, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(full / "pagefind", site / "pagefind")
    f = site / "pagefind" / "kt-facets.json"
    facets = json.loads(f.read_text(encoding="utf-8"))
    facets["budget"] = max(b["bytes"] for b in facets["bundles"]) + 1  # every bundle fits alone
    f.write_text(json.dumps(facets), encoding="utf-8")
    parts = search.query_parts(site)
    wins = search.windows(facets["bundles"], facets["budget"])
    assert parts["window_count"] == len(wins) > 1
    assert parts["bundles"] == max(sum(b["bytes"] for b in w) for w in wins) <= facets["budget"]
    assert parts["indicators_searched_min"] < parts["indicators_searched_max"]


def test_two_full_builds_are_byte_identical(portal, full, tmp_path):
    search.build_index(tmp_path, portal.agencies)
    assert files(tmp_path / "pagefind") == files(full / "pagefind")


def changed_portal():
    """The seeds with one indicator of the Badung agency (p51-k1) renamed."""
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
    bali = [a for a in portal.agencies if search.group_of(a) == "p51-k1"]
    assert n == sum(len(search.source_pages(a)) for a in bali)
    assert files(inc / "pagefind") == files(fresh / "pagefind")

    staged = tmp_path / "staged"  # a new staging folder, unchanged bundles from the previous site
    search.build_index(staged, portal.agencies, only_provinces={"51"}, previous=full)
    assert files(staged / "pagefind") == files(fresh / "pagefind")
    assert filecmp.cmp(staged / "pagefind/p32-k4/pagefind-entry.json", full / "pagefind/p32-k4/pagefind-entry.json")


def test_previous_site_reuses_bundles_whose_pages_did_not_change(portal, full, tmp_path):
    same = tmp_path / "same"
    assert search.build_index(same, portal.agencies, previous=full) == 0
    assert files(same / "pagefind") == files(full / "pagefind")

    changed = changed_portal()
    fresh = tmp_path / "fresh"
    search.build_index(fresh, changed.agencies)
    inc = tmp_path / "inc"
    n = search.build_index(inc, changed.agencies, previous=full)
    assert n == sum(len(search.source_pages(a)) for a in changed.agencies if search.group_of(a) == "p51-k1")
    assert files(inc / "pagefind") == files(fresh / "pagefind")


def test_a_group_left_without_agencies_loses_its_bundle(portal, full, tmp_path):
    rest = [a for a in portal.agencies if not (a.province and a.province.code in ("51", "64"))]
    inc = tmp_path / "inc"
    shutil.copytree(full / "pagefind", inc / "pagefind")
    assert search.build_index(inc, rest, only_provinces={"51", "64"}) == 0
    assert not (inc / "pagefind" / "p51-k1").exists() and not (inc / "pagefind" / "p64-k1").exists()
    assert (inc / "pagefind" / search.BASE / "pagefind.js").is_file()
    facets = json.loads((inc / "pagefind" / "kt-facets.json").read_text(encoding="utf-8"))
    assert "pagefind/p51-k1/" not in [b["path"] for b in facets["bundles"]] and "Bali" not in facets["provinsi"]


def test_with_a_cache_only_a_changed_agencys_bundle_is_indexed_again(portal, full, tmp_path):
    """Bundles stored in the build cache under their source digest; the digest made from each
    agency's cached page digest (keyed by its package's bytes), so a rebuild makes the source
    pages of the changed agency only and indexes its bundle only, writing what a build
    without cache writes."""
    from generator.cache import Cache
    from kt_testing import edit_cell
    first = tmp_path / "first"
    assert search.build_index(first, portal.agencies, cache=Cache(tmp_path / "cache")) > 0
    assert files(first / "pagefind") == files(full / "pagefind")
    made = []
    real = search.source_pages
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search, "source_pages", lambda a: made.append(a.id) or real(a))
        again = tmp_path / "again"
        assert search.build_index(again, load_portal().agencies, cache=Cache(tmp_path / "cache")) == 0
        assert made == [] and files(again / "pagefind") == files(full / "pagefind")

        packages = tmp_path / "packages"
        shutil.copytree(ROOT / "datapackages", packages)
        badung = by_id(portal, "disdukcapil-kab-badung")
        edit_cell(packages / badung.current.package, "indicators", 3, "name", "Persentase terverifikasi ulang")
        report, sources = check(packages, None)
        changed = build_model(sources)
        inc = tmp_path / "inc"
        n = search.build_index(inc, changed.agencies, cache=Cache(tmp_path / "cache"))
        assert set(made) == {"disdukcapil-kab-badung"}
    fresh = tmp_path / "fresh"
    search.build_index(fresh, changed.agencies)
    assert n == sum(len(search.source_pages(a)) for a in changed.agencies if search.group_of(a) == "p51-k1")
    assert files(inc / "pagefind") == files(fresh / "pagefind") != files(full / "pagefind")

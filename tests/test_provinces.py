"""The model one province at a time (generator/provinces.py): after mkdocs the build reads
each province's packages back and renders its agency pages, search source pages and
explorer rows from that province's model; the nation's model is not held any more."""
from __future__ import annotations

import gc
import weakref
from types import SimpleNamespace

import pytest

from generator.build import Options, build
from generator.dev.synth import Profile, generate
from generator.model import Agency, Portal, build_model
from generator.provinces import Provinces, province_groups
from generator.site import shell
from generator.validate import check

from kt_testing import ROOT


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """Six agencies over three provinces, one per kabupaten."""
    work = tmp_path_factory.mktemp("three")
    generate(work / "packages", 6, Profile(), ROOT / "datapackages", seed=11, per_kabupaten=1,
             provinces=["11", "32", "35"])
    return work


def _doc(package, *provinces):
    agencies = [SimpleNamespace(province=SimpleNamespace(code=c) if c else None) for c in provinces]
    return SimpleNamespace(package=package, agency=agencies[0], agencies=agencies)


def test_a_decree_naming_agencies_of_two_provinces_joins_them():
    portal = SimpleNamespace(documents=[_doc("a", "35"), _doc("b", "11"), _doc("c", "32", "35"), _doc("d", None)],
                             region_code=Portal.region_code)
    assert province_groups(portal) == [["b"], ["a", "c"], ["d"]]  # type: ignore[arg-type]


def test_each_province_s_model_holds_its_agencies_as_the_nation_s_does(three, tmp_path):
    report, sources = check(three / "packages", None)
    assert not report.errors, report.format()
    nation = build_model(sources)
    provinces = Provinces(sources, nation, tmp_path)
    try:
        assert len(provinces) == 3
        seen = []
        for batch in provinces:
            assert len({a.province.code for a in batch}) == 1
            for a in batch:
                whole = next(x for x in nation.agencies if x.id == a.id)
                assert [d.id for d in a.documents] == [d.id for d in whole.documents]
                assert [i.id for i in a.current.indicators] == [i.id for i in whole.current.indicators]
                assert [r.code for r in a.regions] == [r.code for r in whole.regions]
                assert a.current.tables == whole.current.tables
            seen += [a.id for a in batch]
        assert sorted(seen) == [a.id for a in nation.agencies]
    finally:
        provinces.close()
    assert not list(tmp_path.iterdir())  # the spill file is gone


def test_one_province_s_model_is_held_at_a_time(three, tmp_path):
    report, sources = check(three / "packages", None)
    nation = build_model(sources)
    provinces = Provinces(sources, nation, tmp_path)
    try:
        before: list[weakref.ref] = []
        for batch in provinces:
            assert all(r() is None for r in before), "the previous province's model is still alive"
            before = [weakref.ref(a) for a in batch]
            del batch
    finally:
        provinces.close()


def test_the_build_lets_the_nation_s_model_go_before_the_agency_pages(three, tmp_path, monkeypatch):
    """While each province's agency pages are rendered, the Agency objects alive are that
    province's (two here), never the six of the nation."""
    _, sources = check(three / "packages", None)
    ids = {a.id for a in build_model(sources).agencies}
    del sources
    alive: list[int] = []
    real = shell._fill

    def counting(site, renderers, todo, *args):
        gc.collect()
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, Agency) and o.id in ids))
        assert all(r.portal is None for r in renderers.values())
        return real(site, renderers, todo, *args)
    monkeypatch.setattr(shell, "_fill", counting)
    build(Options(packages=three / "packages", decrees=tmp_path / "none", out=tmp_path / "site"))
    assert len(ids) == 6 and len(alive) == 3 and max(alive) == 2, alive

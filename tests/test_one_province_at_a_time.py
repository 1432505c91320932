"""The build one province at a time (generator/provinces.py): each province group's model
is built once after mkdocs, for its agency pages and its search source pages together."""
from __future__ import annotations

import pytest

from generator import provinces
from generator.build import Options, build
from generator.dev.synth import Profile, generate

from kt_testing import ROOT


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """Six agencies over three provinces, one per kabupaten."""
    work = tmp_path_factory.mktemp("three")
    generate(work / "packages", 6, Profile(), ROOT / "datapackages", seed=11, per_kabupaten=1,
             provinces=["11", "32", "35"])
    return work


def test_each_province_s_model_is_built_once_after_mkdocs(three, tmp_path, monkeypatch):
    built: list[list[str]] = []
    real = provinces.build_model

    def counting(sources, *args, **kw):
        portal = real(sources, *args, **kw)
        built.append(sorted(a.id for a in portal.agencies))
        return portal
    monkeypatch.setattr(provinces, "build_model", counting)
    build(Options(packages=three / "packages", decrees=tmp_path / "none", out=tmp_path / "site"))
    assert len(built) == 3, built  # pages and search sources from the same pass
    assert len({a for ids in built for a in ids}) == 6
    assert (tmp_path / "site" / "pagefind" / "kt-facets.json").is_file()

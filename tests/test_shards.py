"""Province shards: each shard builds its province into a cache of its own; the caches
merged, one ordinary build makes the national site, byte-identical to a build on one
machine, with every agency's work taken from the shards."""
import json

import pytest

from generator.dev.bench import same_tree
from generator.build import Options, build
from generator.cli import main
from generator.errors import GeneratorError
from generator.shards import build_shard, merge_caches, plan
from generator.dev.synth import Profile, generate

from kt_testing import ROOT, edit_cell
from test_cache import Counting


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """Six agencies over three provinces, one per kabupaten (taken round-robin)."""
    work = tmp_path_factory.mktemp("national")
    generate(work / "packages", 6, Profile(), ROOT / "datapackages", seed=11, per_kabupaten=1,
             provinces=["11", "32", "35"])
    for folder in sorted((work / "packages").glob("dinas-0000[012]-*")):  # one per province
        edit_cell(folder, "indicators", 0, "name", "Persentase kehadiran pegawai tepat waktu")
    return work


def test_plan_lists_the_provinces(national, capsys, tmp_path):
    the_plan = plan(national / "packages")
    assert the_plan["shards"] == ["11", "32", "35"]
    assert sorted(the_plan["packages"].values()) == ["11", "11", "32", "32", "35", "35"]
    assert main(["shards", "--packages", str(national / "packages"), "--plan-out", str(tmp_path / "p.json")]) == 0
    assert json.loads(capsys.readouterr().out) == ["11", "32", "35"]
    assert json.loads((tmp_path / "p.json").read_text()) == json.loads(json.dumps(the_plan))


@pytest.mark.slow  # make test-slow (CI job `test`)
@pytest.mark.parametrize("size", ["small", "national"])
def test_merged_shards_build_the_national_site(national, tmp_path, monkeypatch, size):
    packages, none = national / "packages", national / "none"
    if size == "national":  # the nation national-size, each province not: a shard must ask the plan
        total = sum(len(f.read_text(encoding="utf-8").splitlines()) - 1
                    for f in packages.glob("*/indicators.csv"))
        monkeypatch.setattr("generator.export.NATIONAL_INDICATORS", total - 1)
    caches = []
    the_plan = json.loads(json.dumps(plan(packages)))  # as the shard jobs read it
    assert the_plan["related"], "the fixture should have related indicators across provinces"
    for province in the_plan["shards"]:
        caches.append(tmp_path / f"cache-{province}")
        figs = build_shard(Options(packages=packages, decrees=none, cache=caches[-1]), province, the_plan)
        assert figs["agencies"] == 2 and figs["packages"] == 2
    merged = tmp_path / "merged"
    assert merge_caches(caches, merged) > 0
    counting = {}
    monkeypatch.setattr("generator.build.Cache", lambda root: counting.setdefault("c", Counting(root)))
    build(Options(packages=packages, decrees=none, out=tmp_path / "site", cache=merged))
    steps = counting["c"].steps
    # every agency's work came from a shard: nothing read, validated, exported or rendered again
    for step in ("load", "validate", "export", "page"):
        assert steps[step][1] == 0, (step, steps[step])
    assert steps["page"][0] == 12  # 6 agencies x 2 languages
    build(Options(packages=packages, decrees=none, out=tmp_path / "one-machine"))
    assert same_tree(tmp_path / "site", tmp_path / "one-machine")
    # national size: no decree zip (its CSVs and descriptor are beside it), province bundles
    decree_zips = [z for z in (tmp_path / "site/unduh").glob("*/*.zip") if z.parent.name != "semua"]
    assert bool(decree_zips) == (size == "small")
    assert (tmp_path / "site/unduh/provinsi").is_dir() == (size == "national")
    # one portal: the agencies page links every province, each province page its agencies
    # (the merge build's scan resolved every internal link and anchor, or it would have failed)
    site = tmp_path / "site"
    index = (site / "lembaga" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="../wilayah/{p}/"' in index for p in ("11", "32", "35"))
    page = (site / "lembaga" / "dinas-00000-11-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="../dinas-00001-32-01/#i-' in page and 'href="../dinas-00002-35-01/#i-' in page  # related, across shards
    for n, p in enumerate(["11", "32", "35"] * 2):
        assert f"dinas-0000{n}-{p}-" in (site / "wilayah" / p / "index.html").read_text(encoding="utf-8")
        assert (site / "lembaga" / f"dinas-0000{n}-{p}-0{1 + n // 3}" / "index.html").is_file()


def test_a_shard_needs_a_cache_and_an_existing_province(national):
    with pytest.raises(GeneratorError, match="needs --cache"):
        build_shard(Options(packages=national / "packages", decrees=national / "none"), "11")
    with pytest.raises(GeneratorError, match="no agency in shard"):
        build_shard(Options(packages=national / "packages", decrees=national / "none",
                            cache=national / "c"), "99")


def test_the_plan_is_made_one_package_at_a_time_with_the_whole_model_s_answers(national, monkeypatch):
    """plan() reads one package's model at a time and keeps its names (a names-only pass into
    the related index): the same plan as the nation's model gives."""
    from generator import shards
    from generator.export import national_size
    from generator.load import load_all, load_shared_schemas
    from generator.model import build_model
    from generator.related import related
    from generator.versions import data_versions

    packages = national / "packages"
    sources, _ = load_all(packages)
    portal = build_model(sources)
    links = related(portal)
    whole = {"shards": sorted({shards.shard_of(d.agency) for d in portal.documents}),
             "packages": {d.package: shards.shard_of(d.agency) for d in sorted(portal.documents, key=lambda d: d.package)},
             "related": {i: [r.as_list() for r in rel] for i, rel in sorted(links.items())},
             "themes": dict(sorted(links.theme_of.items())),
             "status": data_versions(portal.documents, load_shared_schemas(packages), Options.releases).portal.as_dict(),
             "national": national_size(portal)}
    assert whole["related"] and whole["themes"]
    del sources, portal
    sizes = []
    real = shards.build_model
    monkeypatch.setattr(shards, "build_model", lambda srcs: sizes.append(len(srcs)) or real(srcs))
    assert json.dumps(plan(packages), sort_keys=True) == json.dumps(whole, sort_keys=True)
    assert sizes == [1] * 6

"""The benchmark at tiny N, for correctness only (figures are printed by `make bench`)."""

import pytest
from kt_testing import ROOT

from generator.dev.bench import run
from generator.validate import check
from generator.dev.synth import Profile, generate


def test_synthetic_portal_is_valid(tmp_path):
    ids = generate(tmp_path / "p", 5, Profile(), ROOT / "datapackages", seed=3)
    assert len(ids) == 5
    report, sources = check(tmp_path / "p", None)
    assert report.errors == [] and len(sources) == 5


@pytest.mark.slow  # make test-slow (CI job `test`)
def test_bench_prints_every_figure():
    figs = run(3, baseline=False, keep=None)
    for key in ("validate_s", "model_s", "export_s", "render_s", "mkdocs_s", "pages_s", "build_wall_s",
                "peak_rss_mb", "files", "site_bytes", "largest_page_bytes", "search_query_bytes"):
        assert key in figs, key
    assert figs["pages"] >= 2 * 3 and figs["peak_rss_mb"] > 10


def test_nation_mix_and_sizes_follow_the_country_and_the_seeds():
    from collections import Counter

    from generator.load import load_reference_regions
    from generator.dev.synth import measure_shapes, nation_specs, national_population

    regions = load_reference_regions(ROOT / "datapackages")
    population = national_population(regions)
    mix = Counter(m for m, _ in population)
    assert mix == {"pd_provinsi": 38 * 45, "pd_kabupaten": 514 * 32, "kecamatan": 7277}
    shapes = measure_shapes(ROOT / "datapackages")
    pd = sorted(s.indicators for s in shapes["perangkat_daerah"])
    kec = sorted(s.indicators for s in shapes["kecamatan"])
    assert len(pd) == 3 and len(kec) == 2  # the seeds of each kind: 225-394 and 21-33 indicators
    assert 200 <= pd[0] and pd[-1] <= 420 and 15 <= kec[0] and kec[-1] <= 40, (pd, kec)
    assert all(40 <= s.positions <= 50 for s in shapes["perangkat_daerah"])
    assert all(8 <= s.positions <= 9 for s in shapes["kecamatan"])
    specs = nation_specs(0.01, regions, shapes, seed=1)
    assert len(specs) == round(0.01 * len(population))  # ~250 agencies
    got = Counter(s.mix for s in specs)
    for k in mix:  # the national mix, within sampling noise
        assert abs(got[k] / len(specs) - mix[k] / len(population)) < 0.08, (k, got)
    indicators = sum(s.shape.indicators for s in specs)
    assert 45_000 < indicators < 75_000  # ~60,000 at 0.01
    for s in specs:
        kind = "kecamatan" if s.mix == "kecamatan" else "perangkat_daerah"
        assert s.shape in shapes[kind]
        levels = {"pd_provinsi": {"provinsi"}, "pd_kabupaten": {"kabupaten", "kota"}, "kecamatan": {"kecamatan"}}
        assert regions[s.region]["level"] in levels[s.mix]
    assert nation_specs(0.01, regions, shapes, seed=1) == specs  # deterministic


def test_nation_packages_are_valid_and_sized_like_their_seed(tmp_path):
    from generator.load import load_reference_regions
    from generator.dev.synth import measure_shapes, nation_specs

    regions = load_reference_regions(ROOT / "datapackages")
    shapes = measure_shapes(ROOT / "datapackages")
    specs = nation_specs(0.0004, regions, shapes, seed=5)  # ~10 agencies
    kinds = {s.mix for s in specs}
    assert "kecamatan" in kinds and kinds & {"pd_provinsi", "pd_kabupaten"}
    ids = generate(tmp_path / "p", 0, Profile(), ROOT / "datapackages", seed=5, specs=specs)
    assert len(ids) == len(specs)
    report, sources = check(tmp_path / "p", None)
    assert report.errors == [] and len(sources) == len(specs)
    by_id = {s.tables["documents"][0]["id"]: s for s in sources}
    for doc, spec in zip(ids, specs):
        src = by_id[doc]
        assert len(src.tables["indicators"]) == spec.shape.indicators
        assert len(src.tables["positions"]) == spec.shape.positions
        assert src.tables["agencies"][0]["region_code"] == spec.region
        assert (src.tables["agencies"][0]["kind"] == "kecamatan") == (spec.mix == "kecamatan")

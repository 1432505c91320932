"""The benchmark at tiny N, for correctness only (figures are printed by `make bench`)."""

import pytest

from generator.bench import run
from generator.synth import Profile, generate
from generator.build import check

from kt_testing import ROOT


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

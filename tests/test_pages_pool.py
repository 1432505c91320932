"""Agency pages rendered in forked processes are the pages rendered in one, byte for byte."""
from generator.site import shell as pages
from generator.dev.bench import same_tree
from generator.build import Options, build
from generator.dev.synth import Profile, generate

from kt_testing import ROOT


def test_pages_from_a_process_pool_are_the_same_bytes(tmp_path, monkeypatch):
    packages = tmp_path / "packages"
    generate(packages, 6, Profile(), ROOT / "datapackages", seed=7)
    pools = []
    real = pages.ProcessPoolExecutor

    def counting(*a, **kw):
        pools.append(kw.get("max_workers"))
        return real(*a, **kw)

    monkeypatch.setattr(pages, "ProcessPoolExecutor", counting)
    build(Options(packages=packages, out=tmp_path / "one", decrees=tmp_path / "none", workers=1))
    assert pools == []
    build(Options(packages=packages, out=tmp_path / "two", decrees=tmp_path / "none", workers=2))
    assert pools == [2]  # 6 agencies (each in both languages): enough to fork
    assert same_tree(tmp_path / "one", tmp_path / "two")

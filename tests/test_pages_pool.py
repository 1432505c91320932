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


def test_each_agency_is_written_before_the_next_is_rendered(tmp_path, monkeypatch):
    """Pages are not held for the whole portal: memory holds one agency's pages."""
    packages = tmp_path / "packages"
    generate(packages, 3, Profile(), ROOT / "datapackages", seed=7)
    events: list[str] = []
    real_render, real_inside = pages.render_agency, pages.inside

    def render(renderers, shells, agency, extras):
        events.append("render")
        return real_render(renderers, shells, agency, extras)

    def inside(root, rel):
        events.append("write")
        return real_inside(root, rel)

    monkeypatch.setattr(pages, "render_agency", render)
    monkeypatch.setattr(pages, "inside", inside)
    build(Options(packages=packages, out=tmp_path / "site", decrees=tmp_path / "none", workers=1))
    renders = [i for i, e in enumerate(events) if e == "render"]
    assert len(renders) == 3
    assert all("write" in events[a:b] for a, b in zip(renders, renders[1:]))

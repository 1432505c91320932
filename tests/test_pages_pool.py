"""Agency pages rendered and decrees' downloads made in forked processes are the pages and
files made in one, byte for byte (validation's pool: tests/test_validate.py)."""
import pytest

from generator import forks
from generator.site import shell as pages
from generator.dev.bench import same_tree
from generator.build import Options, build
from generator.dev.synth import Profile, generate

from kt_testing import ROOT


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    """A synthetic portal of 6 agencies built in one process (workers=1), with what the page
    step did, in order: forks asked for, pages rendered, files written."""
    tmp = tmp_path_factory.mktemp("pool")
    packages = tmp / "packages"
    generate(packages, 6, Profile(), ROOT / "datapackages", seed=7)
    pools: list = []
    events: list[str] = []
    real_pool, real_render, real_inside = forks.ProcessPoolExecutor, pages.render_agency, pages.inside

    def counting(*a, **kw):
        pools.append(kw.get("max_workers"))
        return real_pool(*a, **kw)

    def render(renderers, shells, agency, extras):
        events.append("render")
        return real_render(renderers, shells, agency, extras)

    def inside(root, rel):
        events.append("write")
        return real_inside(root, rel)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(forks, "ProcessPoolExecutor", counting)
        mp.setattr(pages, "render_agency", render)
        mp.setattr(pages, "inside", inside)
        build(Options(packages=packages, out=tmp / "one", decrees=tmp / "none", workers=1))
    return packages, tmp / "one", pools, events


def test_pages_from_a_process_pool_are_the_same_bytes(serial, tmp_path, monkeypatch):
    packages, one, serial_pools, _ = serial
    assert serial_pools == []
    pools = []
    real = forks.ProcessPoolExecutor

    def counting(*a, **kw):
        pools.append(kw.get("max_workers"))
        return real(*a, **kw)

    monkeypatch.setattr(forks, "ProcessPoolExecutor", counting)
    build(Options(packages=packages, out=tmp_path / "two", decrees=tmp_path / "none", workers=2))
    assert pools == [2, 2, 2]  # validation (7 jobs), 6 decrees' downloads, 6 agencies' pages: enough to fork
    assert same_tree(one, tmp_path / "two")  # pages and downloads


def test_each_agency_is_written_before_the_next_is_rendered(serial):
    """Pages are not held for the whole portal: memory holds one agency's pages."""
    events = serial[3]
    renders = [i for i, e in enumerate(events) if e == "render"]
    assert len(renders) == 6
    assert all("write" in events[a:b] for a, b in zip(renders, renders[1:]))


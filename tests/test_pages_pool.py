"""Agency pages rendered, decrees' downloads made and packages validated in forked processes
are the pages, files and problems of one process, byte for byte."""
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


def test_validation_in_a_process_pool_finds_the_same_problems(serial, tmp_path, monkeypatch):
    """Frictionless' run and each package's rules as jobs in forked processes: the same
    problems in the same order as in one process, errors of both kinds included."""
    import csv
    import shutil

    from generator.validate import check

    packages = tmp_path / "packages"
    shutil.copytree(serial[0], packages)
    for k, folder in enumerate(sorted(p for p in packages.iterdir() if (p / "indicators.csv").is_file())[:3]):
        path = folder / "indicators.csv"
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        head = rows[0]
        rows[1][head.index("order")] = "not a number"  # frictionless: type-error
        rows[2][head.index("note")] = f"NIP 19650116198703100{k}"  # rule table: personal-identifier
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    pools = []
    real = forks.ProcessPoolExecutor
    monkeypatch.setattr(forks, "ProcessPoolExecutor", lambda *a, **kw: pools.append(kw) or real(*a, **kw))
    one, _ = check(packages, tmp_path / "none", workers=1)
    assert pools == []
    two, _ = check(packages, tmp_path / "none", workers=2)
    assert len(pools) == 1  # 7 jobs (frictionless, 6 packages' rules) on 2 processes
    codes = [p.code for p in one.problems]
    assert codes.count("personal-identifier") == 3 and "type-error" in codes
    assert [p.as_dict() for p in two.problems] == [p.as_dict() for p in one.problems]

import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

from kt_testing import BASIC, BASIC_DOC


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(scope="session", autouse=True)
def descriptor_verdicts_once():
    """frictionless copies every field of every table several times per validation (header,
    cell readers, foreign-key lookups), and validates each copy's descriptor against its JSON
    Schema profile again: ~550 jsonschema runs per check of the basic fixture portal, a
    quarter of the bad-input corpus' time and of every build's validation. A field's,
    schema's or resource's verdict depends only on its class, its descriptor, the Data
    Package version imposed from above and whether frictionless trusts paths, so the tests
    keep it per such key: the same errors, each worked out once per worker. A descriptor that
    is not plain JSON is validated every time; a validation that raises is not kept."""
    from frictionless import Field, Resource, Schema, system
    originals = {cls: cls.__dict__["metadata_validate"] for cls in (Field, Schema, Resource)}
    verdicts: dict = {}

    def kept(original):
        def metadata_validate(cls, descriptor, *, context=None):
            try:
                key = (cls, json.dumps(descriptor, sort_keys=True),
                       context.datapackage_version if context is not None else None, system.trusted)
            except (TypeError, ValueError):
                yield from original.__func__(cls, descriptor, context=context)
                return
            if key not in verdicts:
                verdicts[key] = list(original.__func__(cls, descriptor, context=context))
            yield from verdicts[key]
        return classmethod(metadata_validate)

    for cls, original in originals.items():
        cls.metadata_validate = kept(original)
    yield verdicts
    for cls, original in originals.items():
        cls.metadata_validate = original


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture
def basic_copy(tmp_path):
    """A writable copy of the basic fixture portal; returns (packages_dir, doc_dir)."""
    dst = tmp_path / "packages"
    shutil.copytree(BASIC, dst)
    return dst, dst / BASIC_DOC


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """A folder `make(folder)` fills once for the whole test run, whichever test worker asks
    first; a worker that asks while another is making it waits, then reads it. Under xdist
    the workers' base temporary folders share a parent made for this run; without xdist the
    run's own base folder serves. Only for what tests read and never change."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


# Sites built once per test run and read by several modules: a build of a fixture portal
# costs 2-4 s of CPU.
@pytest.fixture(scope="session")
def released_basic_site(tmp_path_factory):
    """The basic fixture portal after its release 1.0.0, built as `make site` builds it."""
    from generator.build import Options, build
    from generator.release import make_release
    from kt_testing import FIXTURE_DECREES

    def make(tmp):
        make_release("1.0.0", BASIC, FIXTURE_DECREES, tmp / "releases", "2026-01-01")
        build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=tmp / "site", releases=tmp / "releases"))
    return once_per_run(tmp_path_factory, "released-basic", make) / "site"


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory):
    """The basic fixture portal with no release (golden pages must not change when the
    repository freezes one), built with --strict."""
    from generator.build import Options, build
    from kt_testing import FIXTURE_DECREES

    def make(tmp):
        build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=tmp / "site", releases=tmp / "no-releases",
                      strict=True))
    return once_per_run(tmp_path_factory, "basic", make) / "site"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The hostile fixture portal (hostile text in every field), built with --strict."""
    from generator.build import Options, build
    from kt_testing import FIXTURE_DECREES, FIXTURES

    def make(tmp):
        build(Options(packages=FIXTURES / "packages" / "hostile", decrees=FIXTURE_DECREES, out=tmp / "site",
                      strict=True))
    return once_per_run(tmp_path_factory, "hostile", make) / "site"

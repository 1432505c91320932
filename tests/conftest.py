import shutil

import pytest

from kt_testing import BASIC, BASIC_DOC


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture
def basic_copy(tmp_path):
    """A writable copy of the basic fixture portal; returns (packages_dir, doc_dir)."""
    dst = tmp_path / "packages"
    shutil.copytree(BASIC, dst)
    return dst, dst / BASIC_DOC


# Sites built once per test worker (session scope) and shared by the modules that only read
# them: a build of the basic fixture costs ~2 s of CPU, and six modules read the same two.
@pytest.fixture(scope="session")
def released_basic_site(tmp_path_factory):
    """The basic fixture portal after its release 1.0.0, built as `make site` builds it."""
    from generator.build import Options, build
    from generator.release import make_release
    from kt_testing import FIXTURE_DECREES
    tmp = tmp_path_factory.mktemp("released-basic")
    make_release("1.0.0", BASIC, FIXTURE_DECREES, tmp / "releases", "2026-01-01")
    out = tmp / "site"
    build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=out, releases=tmp / "releases"))
    return out


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory):
    """The basic fixture portal with no release (golden pages must not change when the
    repository freezes one)."""
    from generator.build import Options, build
    from kt_testing import FIXTURE_DECREES
    out = tmp_path_factory.mktemp("basic") / "site"
    build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=out, releases=out.parent / "no-releases"))
    return out

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

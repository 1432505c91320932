import json
import shutil

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

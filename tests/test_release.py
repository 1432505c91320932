"""Releases: changelog from the data, semantic versions, checksums, immutability."""
import hashlib
import shutil

import pytest

from generator.errors import UsageError
from generator.release import make_release
from generator.releases import releases

from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, edit_cell, read_rows, write_rows


def sums_ok(folder):
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


@pytest.fixture
def data(tmp_path):
    packages = tmp_path / "packages"
    shutil.copytree(BASIC, packages)
    return packages, packages / BASIC_DOC, tmp_path / "releases"


def test_two_releases_with_a_changelog(data):
    packages, doc, root = data
    first = make_release("1.0.0", packages, FIXTURE_DECREES, root, "2026-01-01")
    assert first["changes"]["indicators"]["added"] and first["previous"] is None
    edit_cell(doc, "indicators", 0, "data_source", "Absensi elektronik")  # corrections: patch
    edit_cell(doc, "targets", 1, "text", "≥ 97%")
    with pytest.raises(UsageError, match="1.0.1"):
        make_release("1.1.0", packages, FIXTURE_DECREES, root, "2026-02-01")
    second = make_release("1.0.1", packages, FIXTURE_DECREES, root, "2026-02-01")
    assert second["changes"]["indicators"] == {"added": [], "removed": [],
                                                "changed": [f"{BASIC_DOC}--sekretaris-kecamatan--1"]}
    assert second["changes"]["targets"] == {"added": [], "removed": [],
                                             "changed": [f"{BASIC_DOC}--sekretaris-kecamatan--1--target-2024"]}
    assert [r["version"] for r in releases(root)] == ["1.0.0", "1.0.1"]
    for v in ("1.0.0", "1.0.1"):
        sums_ok(root / v)
        assert (root / v / f"kinerja-terbuka-{v}.zip").is_file() and (root / v / f"{BASIC_DOC}.zip").is_file()


def test_new_data_is_minor_and_schema_change_is_major(data):
    packages, doc, root = data
    make_release("1.0.0", packages, FIXTURE_DECREES, root, "2026-01-01")
    rows = read_rows(doc / "indicators.csv")
    new = dict(rows[-1], id=rows[-1]["id"][:-1] + "2", order="4", name="Jumlah desa baru")
    write_rows(doc / "indicators.csv", rows + [new])
    with pytest.raises(UsageError, match="minor"):
        make_release("1.0.1", packages, FIXTURE_DECREES, root)
    assert make_release("1.1.0", packages, FIXTURE_DECREES, root)["changes"]["indicators"]["added"] == [new["id"]]
    for path in [packages / "schemas" / "indicators.json", doc / "datapackage.json"]:
        text = path.read_text()
        path.write_text(text.replace('"Note as written in the decree', '"A note as written in the decree'))
    with pytest.raises(UsageError, match="major"):
        make_release("1.2.0", packages, FIXTURE_DECREES, root)


def test_releases_are_immutable_and_versions_well_formed(data):
    packages, _, root = data
    make_release("1.0.0", packages, FIXTURE_DECREES, root)
    with pytest.raises(UsageError, match="immutable"):
        make_release("1.0.0", packages, FIXTURE_DECREES, root)
    with pytest.raises(UsageError, match="MAJOR"):
        make_release("v2", packages, FIXTURE_DECREES, root)


def test_release_files_are_reproducible(data, tmp_path):
    packages, _, root = data
    make_release("1.0.0", packages, FIXTURE_DECREES, root, "2026-01-01")
    make_release("1.0.0", packages, FIXTURE_DECREES, tmp_path / "again", "2026-01-01")
    for f in (root / "1.0.0").iterdir():
        assert f.read_bytes() == (tmp_path / "again" / "1.0.0" / f.name).read_bytes(), f.name


def test_site_lists_releases_and_agency_page_shows_freshness(released_basic_site):
    out = released_basic_site  # the basic portal after make_release("1.0.0", ..., "2026-01-01"), built
    assert (out / "releases/1.0.0/SHA256SUMS").is_file()
    listing = (out / "rilis/index.html").read_text()
    assert "1.0.0" in listing and "2026-01-01" in listing
    page = (out / "lembaga/kec-contoh-kab-tuban/index.html").read_text()
    assert '<time datetime="2026-01-01">' in page and "releases/1.0.0/" in page and "@misc{" in page


def test_committed_releases_verify():
    """Every frozen release in the repository still matches its SHA256SUMS and record."""
    from kt_testing import ROOT
    records = releases(ROOT / "releases")
    assert records, "the seed data has been released"
    for rec in records:
        folder = ROOT / "releases" / rec["version"]
        sums_ok(folder)
        assert {f["name"] for f in rec["files"]} == {p.name for p in folder.glob("*.zip")}


@pytest.mark.parametrize("version", ["\uff11.\uff10.\uff10", "1.0.0\n", "1.0.0-beta", "1.0.0x", "01.0.0", "1.0", "v1.0.0",
                                     "1.0.0.0", " 1.0.0"])
def test_versions_are_ascii_semver_and_nothing_more(data, version):
    packages, _, root = data
    with pytest.raises(UsageError, match="MAJOR"):
        make_release(version, packages, FIXTURE_DECREES, root)
    assert not root.exists() or not any(root.iterdir())


def test_releases_sort_as_numbers(tmp_path):
    import json
    for v in ("1.9.0", "1.10.0", "1.2.0", "10.0.0"):
        (tmp_path / v).mkdir()
        (tmp_path / v / "release.json").write_text(json.dumps({"version": v}))
    assert [r["version"] for r in releases(tmp_path)] == ["1.2.0", "1.9.0", "1.10.0", "10.0.0"]
    (tmp_path / "\uff11.\uff10.\uff10").mkdir()
    (tmp_path / "\uff11.\uff10.\uff10" / "release.json").write_text(json.dumps({"version": "\uff11.\uff10.\uff10"}))
    with pytest.raises(UsageError):
        releases(tmp_path)


def test_a_tampered_release_is_not_republished(data, tmp_path):
    """Issue 16 #15: the build republished a changed release zip without checking SHA256SUMS."""
    from generator.build import Options, build
    from generator.releases import verify_release
    packages, _, root = data
    make_release("1.0.0", packages, FIXTURE_DECREES, root, "2026-01-01")
    assert verify_release(root / "1.0.0") == []
    zpath = root / "1.0.0" / f"{BASIC_DOC}.zip"
    zpath.write_bytes(zpath.read_bytes()[:-1] + b"!")
    assert verify_release(root / "1.0.0") == [f"{zpath}: SHA-256 does not match SHA256SUMS (changed after the release)"]
    out = tmp_path / "site"
    from generator.errors import GeneratorError
    with pytest.raises(GeneratorError, match="no longer matches"):
        build(Options(packages=packages, decrees=FIXTURE_DECREES, out=out, releases=root))
    assert not (out / "releases").exists()


def test_the_changelog_lists_retired_and_new_ids():
    """An id that leaves is retired (removed), one that comes is new (added); the same id
    with other content is a change, for goals and targets as for indicators."""
    from generator.release import changelog
    old = {"goals": [{"id": "d--sasaran_iki-1", "level": "sasaran_iki", "text": "A"},
                     {"id": "d--sasaran_iki-2", "level": "sasaran_iki", "text": "B"}],
           "indicators": [{"id": "d--p--1", "name": "X"}]}   # an older release: no targets resource
    new = {"goals": [{"id": "d--sasaran_iki-2", "level": "sasaran_iki", "text": "B."},
                     {"id": "d--sasaran_iki-3", "level": "sasaran_iki", "text": "C"}],
           "indicators": [{"id": "d--p--1", "name": "X"}],
           "targets": [{"id": "d--p--1--target-2024", "indicator_id": "d--p--1", "year": "2024", "text": "90%"}]}
    log = changelog(old, new)
    assert log["goals"] == {"added": ["d--sasaran_iki-3"], "removed": ["d--sasaran_iki-1"],
                            "changed": ["d--sasaran_iki-2"]}
    assert log["indicators"] == {"added": [], "removed": [], "changed": []}
    assert log["targets"]["added"] == ["d--p--1--target-2024"]

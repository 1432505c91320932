"""Assertions that kill mutants of generator/releases.py which the other tests let live
(make mutation; generator/dev/mutation.py)."""
from __future__ import annotations

import hashlib
import json

import pytest

from generator.errors import UsageError
from generator.releases import SEMVER, last_changed, releases, verify_release, version_key


def test_a_single_release_with_a_bad_version_is_refused(tmp_path):
    (tmp_path / "1.0").mkdir()
    (tmp_path / "1.0" / "release.json").write_text(json.dumps({"version": "1.0"}))
    with pytest.raises(UsageError, match="MAJOR.MINOR.PATCH"):
        releases(tmp_path)


def test_a_record_whose_version_is_not_its_folder_is_refused(tmp_path):
    (tmp_path / "1.0.0").mkdir()
    (tmp_path / "1.0.0" / "release.json").write_text(json.dumps({"version": "1.0.1"}))
    with pytest.raises(UsageError, match="name of its folder"):
        releases(tmp_path)


@pytest.mark.parametrize("version, key", [("0.0.0", (0, 0, 0)), ("1.10.0", (1, 10, 0)), ("12.3.45", (12, 3, 45))])
def test_version_key(version, key):
    assert version_key(version) == key


@pytest.mark.parametrize("version", ["1.0.0\n", "1.0.0 ", "1.0.00", "1.0.0.1", "1.2", "a.b.c"])
def test_semver_is_anchored_at_both_ends(version):
    assert SEMVER.fullmatch(version) is None
    with pytest.raises(UsageError):
        version_key(version)


def _release(folder, files: dict[str, bytes]):
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "SHA256SUMS").write_text("".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in files.items()))
    (folder / "release.json").write_text(json.dumps({"files": [
        {"name": n, "sha256": hashlib.sha256(d).hexdigest()} for n, d in files.items()]}))


def test_verify_release(tmp_path):
    good = tmp_path / "good"
    _release(good, {"a.zip": b"a", "b.zip": b"b"})
    assert verify_release(good) == []
    (tmp_path / "none").mkdir()
    assert verify_release(tmp_path / "none") == [f"{tmp_path / 'none' / 'SHA256SUMS'}: missing"]
    (good / "a.zip").write_bytes(b"changed")
    (good / "extra.txt").write_text("x")
    wrong = verify_release(good)
    assert any("a.zip: SHA-256 does not match" in w for w in wrong) and any("extra.txt: not in SHA256SUMS" in w for w in wrong)
    assert len(wrong) == 2


@pytest.mark.parametrize("derived", ["NOTES.md", "CHANGELOG.md"])
def test_the_notes_derived_from_the_record_need_no_sum(tmp_path, derived):
    """NOTES.md and CHANGELOG.md are written from release.json (release_notes.py), not frozen:
    a release folder holding them is whole; any other file not in SHA256SUMS is not."""
    folder = tmp_path / "r"
    _release(folder, {"a.zip": b"a"})
    (folder / derived).write_text("# notes\n")
    assert verify_release(folder) == []
    (folder / "README.md").write_text("x")
    assert verify_release(folder) == [f"{folder / 'README.md'}: not in SHA256SUMS"]


def test_verify_release_reads_sha256sums_strictly(tmp_path):
    folder = tmp_path / "r"
    _release(folder, {"a.zip": b"a"})
    (folder / "SHA256SUMS").write_text("nothex  a.zip\n")
    wrong = verify_release(folder)
    assert wrong[0] == f"{folder / 'SHA256SUMS'}, row 1: not 'SHA256  NAME'"
    (folder / "a.zip").unlink()
    _sums = hashlib.sha256(b"a").hexdigest()
    (folder / "SHA256SUMS").write_text(f"{_sums}  a.zip\n")
    assert verify_release(folder) == [f"{folder / 'a.zip'}: missing"]


def test_last_changed_takes_the_latest_release_that_touched_a_decree():
    records = [
        {"date": "2026-01-01", "version": "1.0.0", "documents": ["d1", "d2"],
         "changes": {"indicators": {"added": ["d1--x--1", "d2--y--1"], "changed": [], "removed": []}}},
        {"date": "2026-02-01", "version": "1.1.0", "documents": ["d1", "d2", "d3"],
         "changes": {"agencies": {"added": ["d2"], "changed": [], "removed": []},
                     "indicators": {"added": ["d3--z--1"], "changed": ["d1--x--1"], "removed": []}}},
    ]
    assert last_changed(records) == {"d1": ("2026-02-01", "1.1.0"), "d2": ("2026-01-01", "1.0.0"),
                                     "d3": ("2026-02-01", "1.1.0")}


def test_verify_release_names_each_inconsistency(tmp_path):
    folder = tmp_path / "r"
    _release(folder, {"a.zip": b"a"})
    (folder / "release.json").write_text("{not json")
    wrong = verify_release(folder)
    assert len(wrong) == 1 and wrong[0].startswith(f"{folder / 'release.json'}: unreadable (")
    (folder / "release.json").write_text(json.dumps({"files": [{"name": "a.zip", "sha256": "0" * 64}]}))
    assert verify_release(folder) == [f"{folder / 'SHA256SUMS'}: does not list the files of release.json with the same digests"]


def test_verify_release_refuses_a_name_leading_out(tmp_path):
    folder = tmp_path / "r"
    _release(folder, {"a.zip": b"a"})
    (tmp_path / "secret").write_bytes(b"s")
    digest = hashlib.sha256(b"s").hexdigest()
    (folder / "SHA256SUMS").write_text(f"{digest}  ../secret\n")
    (folder / "release.json").write_text(json.dumps({"files": [{"name": "../secret", "sha256": digest}]}))
    (folder / "a.zip").unlink()
    assert verify_release(folder) == [f"{folder / 'SHA256SUMS'}: '../secret' leads out of the release folder"]


def test_verify_release_survives_undecodable_sums(tmp_path):
    folder = tmp_path / "r"
    _release(folder, {"a.zip": b"a"})
    (folder / "SHA256SUMS").write_bytes(b"\xff\xfe  a.zip\n")
    assert verify_release(folder)[0] == f"{folder / 'SHA256SUMS'}, row 1: not 'SHA256  NAME'"


@pytest.mark.parametrize("prefix", ["", "kinerja-terbuka-1.0.0/"])
def test_read_release_tables_finds_each_resource_at_the_root_or_in_a_folder(tmp_path, prefix):
    import zipfile

    from generator.datapackage import RESOURCES
    from generator.releases import read_release_tables

    with zipfile.ZipFile(tmp_path / "kinerja-terbuka-1.0.0.zip", "w") as zf:
        zf.writestr(prefix + "datapackage.json", "{}")
        for r in RESOURCES:
            zf.writestr(prefix + f"x{r}.csv", "id\nwrong\n")  # a name that only ends like the resource's
            zf.writestr(prefix + f"{r}.csv", f"id,name\n{r}-1,\u00e9\n")
    (tmp_path / "other.zip").write_bytes(b"")
    tables = read_release_tables(tmp_path)
    assert tables == {r: [{"id": f"{r}-1", "name": "\u00e9"}] for r in RESOURCES}

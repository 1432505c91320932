"""The content-hash build cache: a rebuild from the cache is the build without it, byte for
byte, and after one change only that agency's work is done again."""
import io
import json
import os
import zipfile
import zlib

import pytest

from generator import cache as cache_mod
from generator.dev.bench import change_one_agency, same_tree
from generator.build import Options, build
from generator.errors import DataError
from generator.export import csv_bytes, json_bytes, merge_tables, typed_rows
from generator.load import RESOURCES, load_all, load_shared_schemas
from generator.dev.synth import Profile, generate
from generator.zipfiles import crc32_combine, deflate_piece, pieces_zip

from kt_testing import ROOT, edit_cell


def test_crc32_combine_matches_zlib():
    parts = [os.urandom(n) for n in (0, 1, 7, 1000, 65537, 300_000)]
    for a in parts:
        for b in parts:
            assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_pieces_zip_members_are_the_joined_pieces():
    a, b = b"header\n" + os.urandom(5000), b"row,1\n" * 20_000
    data = pieces_zip([("p/x.csv", [deflate_piece(a), deflate_piece(b), deflate_piece(b"")]), ("p/e.txt", [])])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert zf.read("p/x.csv") == a + b and zf.read("p/e.txt") == b""
        assert [i.date_time for i in zf.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 2


class Counting(cache_mod.Cache):
    """Counts hits and misses per step."""

    def __init__(self, root):
        super().__init__(root)
        self.steps: dict[str, list[int]] = {}

    def get(self, step, key):
        value = super().get(step, key)
        self.steps.setdefault(step, [0, 0])[value is None] += 1
        return value

    def get_dir(self, step, key):
        value = super().get_dir(step, key)
        if step != "export-files":  # looked up with "export"
            self.steps.setdefault(step, [0, 0])[value is None] += 1
        return value


@pytest.fixture
def portal(tmp_path):
    packages = tmp_path / "packages"
    generate(packages, 6, Profile(), ROOT / "datapackages", seed=5)
    return packages


def _build(packages, out, cache_dir, monkeypatch=None):
    counting = {}
    if monkeypatch is not None:
        def make(root):
            counting["cache"] = Counting(root)
            return counting["cache"]
        monkeypatch.setattr("generator.build.Cache", make)
    build(Options(packages=packages, out=out, decrees=packages.parent / "none", cache=cache_dir))
    return counting.get("cache")


@pytest.mark.slow  # make test-slow (CI job `test`)
def test_rebuild_after_one_change_is_the_full_build(portal, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    _build(portal, tmp_path / "cold", cache_dir)
    assert same_tree(tmp_path / "cold", _rebuild_without_cache(portal, tmp_path / "nocache"))
    changed = change_one_agency(portal)
    converted = set((cache_dir / "markdown").rglob("*.m"))  # section pages' Markdown (generator/mkdocs_jinja.py)
    counts = _build(portal, tmp_path / "warm", cache_dir, monkeypatch).steps
    again = set((cache_dir / "markdown").rglob("*.m")) - converted
    assert converted and len(again) < len(converted) / 4, (len(again), len(converted))
    assert same_tree(tmp_path / "warm", _rebuild_without_cache(portal, tmp_path / "full"))
    # only the changed package was read, validated and exported again, and only its two pages
    # (id, en) rendered; the other five agencies came from the cache
    assert counts["load"] == [5, 1] and counts["validate"] == [5, 1] and counts["export"] == [5, 1]
    assert counts["page"] == [10, 2]
    assert "revisi" in (tmp_path / "warm" / "unduh" / changed / "indicators.csv").read_text()


def _rebuild_without_cache(packages, out):
    build(Options(packages=packages, out=out, decrees=packages.parent / "none"))
    return out


def test_a_changed_template_is_a_new_key(monkeypatch):
    key = cache_mod.Cache(None).key("page", "x")
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", "other code")
    assert cache_mod.Cache(None).key("page", "x") != key


def test_another_interpreter_or_marshal_format_is_a_new_key(monkeypatch):
    """Entries are marshal data: a cache filled by another Python is never read back."""
    key = cache_mod.Cache(None).key("page", "x")
    assert cache_mod.sys.version in cache_mod.runtime_fingerprint()
    assert f"marshal {cache_mod.marshal.version}" in cache_mod.runtime_fingerprint()
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    monkeypatch.setattr(cache_mod.sys, "version", "3.99.0 (other)")
    assert cache_mod.Cache(None).key("page", "x") != key
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    monkeypatch.undo()
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    monkeypatch.setattr(cache_mod.marshal, "version", cache_mod.marshal.version + 1)
    assert cache_mod.Cache(None).key("page", "x") != key
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", None)
    monkeypatch.undo()
    assert cache_mod.Cache(None).key("page", "x") == key


def test_digest_is_by_value_not_identity():
    a = {"rows": [{"id": "x", "name": "y"}] * 3}
    b = json.loads(json.dumps(a))
    assert cache_mod.digest(a) == cache_mod.digest(b) != cache_mod.digest({"rows": []})


def test_bad_package_is_never_cached_as_clean(portal, tmp_path):
    cache_dir = tmp_path / "cache"
    first = sorted(p for p in portal.iterdir() if p.name.startswith("dinas-"))[0]
    edit_cell(first, "indicators", 0, "order", "not-a-number")
    with pytest.raises(DataError):
        _build(portal, tmp_path / "s1", cache_dir)
    with pytest.raises(DataError):  # the second build finds it again: nothing was cached
        _build(portal, tmp_path / "s2", cache_dir)
    assert not (tmp_path / "s2").exists()


def test_whole_portal_downloads_equal_the_merged_tables(portal, tmp_path):
    out = tmp_path / "docs"  # the downloads are made before mkdocs runs: no site needed
    build(Options(packages=portal, out=out, decrees=tmp_path / "none", mkdocs=False))
    sources, _ = load_all(portal)
    schemas = load_shared_schemas(portal)
    merged = merge_tables([s.tables for s in sources])
    semua = out / "id" / "unduh" / "semua"
    for r in RESOURCES:
        header = [f["name"] for f in schemas[r]["fields"]]
        assert (semua / f"{r}.csv").read_bytes() == csv_bytes(header, merged[r])
    data = json.loads((semua / "kinerja-terbuka.json").read_bytes())
    assert (semua / "kinerja-terbuka.json").read_bytes() == json_bytes(
        {"name": data["name"], "title": data["title"], "licenses": data["licenses"],
         "resources": {r: typed_rows(merged[r], schemas[r]) for r in RESOURCES}})
    with zipfile.ZipFile(semua / "kinerja-terbuka.zip") as zf:
        assert zf.testzip() is None
        for r in RESOURCES:
            assert zf.read(f"{r}.csv") == (semua / f"{r}.csv").read_bytes()
    from openpyxl import load_workbook
    wb = load_workbook(semua / "kinerja-terbuka.xlsx", read_only=True)
    ws = wb["indicators"]
    rows = list(ws.iter_rows(values_only=True))
    header = [f["name"] for f in schemas["indicators"]["fields"]]
    assert list(rows[0]) == header and len(rows) == 1 + len(merged["indicators"])
    last = dict(zip(header, rows[-1]))
    assert last["id"] == merged["indicators"][-1]["id"] and last["name"] == merged["indicators"][-1]["name"]
    assert last["order"] == int(merged["indicators"][-1]["order"])  # numbers stay numbers, in their column


def test_prune_keeps_what_the_last_build_used(portal, tmp_path):
    cache_dir = tmp_path / "cache"
    _build(portal, tmp_path / "a", cache_dir)
    entries = lambda: {p for p in cache_dir.glob("*/*/*")}
    before = entries()
    change_one_agency(portal)
    build(Options(packages=portal, out=tmp_path / "b", decrees=portal.parent / "none", cache=cache_dir,
                  prune_cache=True))
    after = entries()
    stale = before - after
    # the changed package's load/validate/export entries and its pages and their scans went
    assert 0 < len(stale) < len(before) / 4 and after - before
    build(Options(packages=portal, out=tmp_path / "c", decrees=portal.parent / "none", cache=cache_dir))
    assert same_tree(tmp_path / "b", tmp_path / "c") and entries() == after  # nothing missing

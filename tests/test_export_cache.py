"""The downloads from a warm build cache are the downloads without one, byte for byte: a
cached decree hands its whole-portal pieces over as references into its cache entry's blob
(export.packed_parts), read only when a whole-portal or province file is written; in the
national configuration too, where a decree keeps only the pieces those files read."""
import filecmp

import pytest
from kt_testing import ROOT

from generator import export
from generator.cache import Cache
from generator.load import load_all, load_shared_schemas
from generator.model import build_model
from generator.spill import Stored

META = {"version": "", "created": "", "documents": {}, "site_url": "", "satu_data": None}


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def same(a, b):
    return tree(a) == tree(b) and all(filecmp.cmp(a / p, b / p, shallow=False) for p in tree(a))


@pytest.mark.parametrize("national", [False, True])
def test_cached_pieces_give_the_same_downloads(tmp_path, national):
    portal = build_model(load_all(ROOT / "datapackages")[0])
    schemas = load_shared_schemas(ROOT / "datapackages")

    def export_to(name, cache):
        out = tmp_path / name
        manifest = export.Exporter(portal, schemas, out, META, cache, national=national).export_all()
        return out, manifest
    plain, manifest = export_to("plain", None)
    cold, cold_manifest = export_to("cold", Cache(tmp_path / "cache"))
    cache = Cache(tmp_path / "cache")
    entries = export.Exporter(portal, schemas, tmp_path / "x", META, cache, national=national)
    parts = next(entries.documents(portal.documents[:1]))[1]
    assert all(isinstance(p["csv_z"][0], Stored) for p in parts.values())  # references, not bytes
    assert ("json" in parts["indicators"]) is not national  # no whole-portal JSON nationally
    warm, warm_manifest = export_to("warm", Cache(tmp_path / "cache"))
    assert manifest == cold_manifest == warm_manifest
    assert same(plain, cold) and same(plain, warm)
    assert (warm / "unduh/semua/parquet/indicators.parquet").is_file()


def test_a_change_in_one_province_leaves_the_other_provinces_bundles(tmp_path):
    """A province's bundle carries its own version (its decrees'), not the portal's: after a
    change in one decree only that province's bundle is written again; the others are the
    cache's files (the same inodes) and the national files change."""
    from generator.cache import doc_digest
    portal = build_model(load_all(ROOT / "datapackages")[0])
    schemas = load_shared_schemas(ROOT / "datapackages")
    cache = tmp_path / "cache"

    def meta():
        docs = {d.id: {"version": "unreleased+" + doc_digest(d)[:12], "created": ""} for d in portal.documents}
        return META | {"version": "unreleased+" + str(len(docs)) + "".join(v["version"][-3:] for v in docs.values()),
                       "documents": docs}

    def export_to(name):
        export.Exporter(portal, schemas, tmp_path / name, meta(), Cache(cache), national=True).export_all()
        return tmp_path / name
    before = export_to("before")
    provinces = sorted(p.name for p in (before / "unduh/provinsi").iterdir())
    assert len(provinces) >= 2
    doc = next(d for d in portal.documents if d.agency is not None
               and portal.region_code(d.agency.province) == provinces[0])
    doc.tables["indicators"][0]["name"] += " (revisi)"
    doc.digest = "0changed" + doc_digest(doc)
    after = export_to("after")
    for code in provinces:
        for f in sorted((before / "unduh/provinsi" / code).iterdir()):
            same_inode = f.stat().st_ino == (after / "unduh/provinsi" / code / f.name).stat().st_ino
            assert same_inode == (code != provinces[0]), (code, f.name)
    assert (before / "unduh/semua/kinerja-terbuka.zip").read_bytes() != (after / "unduh/semua/kinerja-terbuka.zip").read_bytes()

"""The format table (generator/export.py FORMATS): every download comes from one entry,
and the pages, the catalogue and the release read the table."""
from __future__ import annotations

import pytest

from generator import dcat
from generator.export import ALL, FORMATS, Exporter, media_type
from generator.load import load_all, load_shared_schemas
from generator.model import build_model

from kt_testing import BASIC, BASIC_DOC


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    sources, problems = load_all(BASIC)
    assert not problems
    out = tmp_path_factory.mktemp("formats")
    return Exporter(build_model(sources), load_shared_schemas(BASIC), out, {"site_url": "https://x.test/"}).export_all()


def test_every_file_is_of_one_format_with_its_extension(manifest):
    for key in (ALL, BASIC_DOC):
        for f in manifest[key]:
            fmt = FORMATS[f["kind"]]
            assert f["name"].endswith(fmt.extension), f
            assert f["format"] == fmt.label
            assert media_type(f["name"]) == fmt.media_type


def test_every_format_is_written_and_portal_only_ones_only_for_the_portal(manifest):
    whole = {f["kind"] for f in manifest[ALL]}
    own = {f["kind"] for f in manifest[BASIC_DOC]}
    assert whole == set(FORMATS)
    assert own == {k for k, f in FORMATS.items() if not f.portal_only}


def test_files_are_in_table_order(manifest):
    order = list(FORMATS)
    for key in (ALL, BASIC_DOC):
        kinds = [f["kind"] for f in manifest[key]]
        written = [k for k in order if k in kinds]
        # rows-written formats of the portal come after the concatenated ones (one cache entry)
        if key == ALL:
            written = [k for k in written if not FORMATS[k].from_rows] + [k for k in written if FORMATS[k].from_rows]
        assert list(dict.fromkeys(kinds)) == written


def test_formats_sharing_an_extension_share_a_media_type():
    by_ext: dict[str, set[str]] = {}
    for f in FORMATS.values():
        by_ext.setdefault(f.extension, set()).add(f.media_type)
    assert all(len(v) == 1 for v in by_ext.values()), by_ext


def test_the_catalogue_lists_the_catalogue_formats(manifest):
    listed = {f["kind"] for f in dcat._files(manifest, ALL)}
    assert listed == {k for k, f in FORMATS.items() if f.catalogue}
    assert all(FORMATS[k].eu_file_type for k in listed)
    dist = dcat.distribution(next(f for f in manifest[ALL] if f["kind"] == "xlsx"), "https://x.test/")
    assert dist["mediaType"] == "iana:" + FORMATS["xlsx"].media_type and dist["format"] == "eu:file-type/XLSX"

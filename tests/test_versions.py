"""Honest versions: data equal to the last release carries its version; data changed since
says so on every page, in the catalogue, the descriptors and the cite box, with
'unreleased+<checksum>' (never an empty version)."""
import json
import re
import shutil
import zipfile

import pytest
from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, edit_cell

from generator.build import Options, build
from generator.dcat import INDEX
from generator.versions import (
    ADDED,
    CHANGED,
    RELEASED,
    UNRELEASED,
    compare,
    document_sha256,
    portal_sha256,
    zip_sha256,
)

AGENCY_PAGE = "lembaga/kec-contoh-kab-tuban/index.html"
AGENCY_PAGE_EN = "en/agencies/kec-contoh-kab-tuban/index.html"
UNRELEASED_VERSION = re.compile(r"unreleased\+[0-9a-f]{12}")


@pytest.fixture(scope="module")
def sites(released_basic_site, tmp_path_factory):
    """One build of the data as released (1.0.0; the shared one, tests/conftest.py), one
    after an indicator was corrected."""
    root = released_basic_site.parent / "releases"
    tmp = tmp_path_factory.mktemp("versions")
    packages = tmp / "packages"
    shutil.copytree(BASIC, packages)
    edit_cell(packages / BASIC_DOC, "targets", 1, "text", "≥ 97%")
    build(Options(packages=packages, decrees=FIXTURE_DECREES, out=tmp / "changed", releases=root))
    return released_basic_site, tmp / "changed", root


def descriptor_in_zip(path):
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("datapackage.json"))


def datasets(site):
    docs = [json.loads((site / INDEX).read_text())] + [json.loads(p.read_text()) for p in (site / "katalog").glob("*.jsonld")]
    return {n["@id"]: n for d in docs for n in d["@graph"] if n.get("@type") == "dcat:Dataset"}


def test_released_data_carries_the_release_version(sites):
    same, _, _ = sites
    assert json.loads((same / f"unduh/{BASIC_DOC}/datapackage.json").read_text())["version"] == "1.0.0"
    assert json.loads((same / "unduh/semua/datapackage.json").read_text())["version"] == "1.0.0"
    assert descriptor_in_zip(same / "unduh/semua/kinerja-terbuka.zip")["version"] == "1.0.0"
    for ds in datasets(same).values():
        assert ds["version"] == "1.0.0" and "versionNotes" not in ds
    page = (same / AGENCY_PAGE).read_text()
    assert "kt-status" not in page and "belum dirilis" not in page
    assert "kt-cite__release" in page and "releases/1.0.0/" in page and "Data saat ini (belum dirilis)" not in page
    assert "kt-status" not in (same / "index.html").read_text()


def test_changed_data_says_so_everywhere(sites):
    _, changed, _ = sites
    own = json.loads((changed / f"unduh/{BASIC_DOC}/datapackage.json").read_text())
    whole = descriptor_in_zip(changed / "unduh/semua/kinerja-terbuka.zip")
    for d in (own, whole, json.loads((changed / "unduh/semua/datapackage.json").read_text()),
              descriptor_in_zip(changed / f"unduh/{BASIC_DOC}/{BASIC_DOC}.zip")):
        assert UNRELEASED_VERSION.fullmatch(d["version"]), d["version"]
        assert "created" not in d  # the release's date is not this data's
    for ds in datasets(changed).values():
        assert UNRELEASED_VERSION.fullmatch(ds["version"])
        assert ds["versionNotes"] == {"id": "berubah sejak rilis 1.0.0, belum dirilis",
                                      "en": "changed since release 1.0.0, not yet released"}
    pages = [p for p in changed.rglob("*.html") if "/pagefind/" not in str(p) and "/releases/" not in str(p)]
    assert len(pages) > 10
    for p in pages:  # every page, both languages, the 404 pages too
        text = p.read_text()
        assert ("berubah sejak rilis 1.0.0, belum dirilis" in text
                or "changed since release 1.0.0, not yet released" in text), p
    for p in ("unduh/index.html", "en/downloads/index.html"):  # the snapshot's version where its files are
        assert whole["version"] in (changed / p).read_text(), p


def test_cite_box_offers_the_release_and_the_snapshot_with_its_checksum(sites):
    _, changed, _ = sites
    page = (changed / AGENCY_PAGE).read_text()
    cite = page[page.index('<details class="kt-cite">'):]
    cite = cite[:cite.index("</details>")]
    version = json.loads((changed / f"unduh/{BASIC_DOC}/datapackage.json").read_text())["version"]
    sha = hashlib_of(changed / f"unduh/{BASIC_DOC}/{BASIC_DOC}.zip")
    assert "berubah sejak rilis 1.0.0, belum dirilis" in cite
    assert f"releases/1.0.0/{BASIC_DOC}.zip" in cite and "(Version 1.0.0)" in cite  # the release
    assert f"(Version {version})" in cite and sha in cite  # the current snapshot and its zip's checksum
    content = re.search(r"content SHA-256 ([0-9a-f]{64})", cite).group(1)
    assert content.startswith(version.split("+")[1])
    en = (changed / AGENCY_PAGE_EN).read_text()
    assert "changed since release 1.0.0, not yet released" in en and sha in en


def hashlib_of(path):
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_release_records_content_checksums_that_match_its_zips(sites):
    _, _, root = sites
    rec = json.loads((root / "1.0.0/release.json").read_text())
    assert rec["content"]["documents"][BASIC_DOC] == zip_sha256(root / f"1.0.0/{BASIC_DOC}.zip")
    assert rec["content"]["sha256"] == portal_sha256(rec["content"]["documents"])


def test_committed_release_without_content_field_is_read_from_its_zips():
    """releases/1.0.0 predates the content field: the checksums come from its zips, and a
    decree whose rows are byte-identical to the release is recognised as released."""
    from kt_testing import ROOT

    from generator.load import load_all, load_shared_schemas
    from generator.model import build_model
    from generator.releases import releases
    from generator.versions import release_content

    rec = releases(ROOT / "releases")[0]
    then = release_content(ROOT / "releases" / rec["version"], rec)
    assert set(then) == set(rec["documents"])
    sources, _ = load_all(ROOT / "datapackages")
    portal = build_model(sources)
    schemas = load_shared_schemas(ROOT / "datapackages")
    now = {d.id: document_sha256(d, schemas) for d in portal.documents}
    v = compare(now, rec, then)
    assert {d for d, s in v.documents.items() if s.state == RELEASED} == {d for d in now if then.get(d) == now[d]}


def test_compare_states():
    rec = {"version": "2.1.0", "date": "2026-05-01"}
    v = compare({"a": "1" * 64, "b": "2" * 64}, rec, {"a": "1" * 64, "b": "3" * 64})
    assert v.of("a").state == RELEASED and v.of("a").version == "2.1.0"
    assert v.of("b").state == CHANGED and v.of("b").version == "unreleased+" + "2" * 12
    assert v.portal.state == CHANGED and v.portal.version.startswith("unreleased+")
    assert v.of("b").text("id") == "berubah sejak rilis 2.1.0, belum dirilis"
    v = compare({"a": "1" * 64, "c": "4" * 64}, rec, {"a": "1" * 64})
    assert v.of("c").state == ADDED and v.of("c").text("en") == "added since release 2.1.0, not yet released"
    assert v.portal.state == CHANGED
    v = compare({"a": "1" * 64}, rec, {"a": "1" * 64, "gone": "5" * 64})  # a decree removed
    assert v.portal.state == CHANGED and v.of("a").state == RELEASED
    v = compare({"a": "1" * 64}, rec, {"a": "1" * 64})
    assert v.portal.state == RELEASED and v.portal.version == "2.1.0" and not v.portal.changed
    v = compare({"a": "1" * 64}, None, None)
    assert v.portal.state == UNRELEASED and v.portal.version.startswith("unreleased+")
    assert v.portal.text("id") == "belum dirilis"


def test_no_release_is_never_an_empty_version(basic_site):
    out = basic_site  # the basic fixture built with no releases (tests/conftest.py)
    for d in (json.loads((out / "unduh/semua/datapackage.json").read_text()),
              descriptor_in_zip(out / "unduh/semua/kinerja-terbuka.zip"),
              json.loads((out / f"unduh/{BASIC_DOC}/datapackage.json").read_text())):
        assert UNRELEASED_VERSION.fullmatch(d["version"])
    assert "kt-status" not in (out / "index.html").read_text()  # no banner: no release to differ from
    assert "unreleased+" in (out / "unduh/index.html").read_text()

"""The published data: every package in datapackages/ is valid on its own and as a portal."""
import json

import pytest

from generator.validate import check
from generator.load import RESOURCES, discover, load_shared_schemas
from generator.privacy import find_nip

from kt_testing import ROOT

PACKAGES = ROOT / "datapackages"
SEED_DOCUMENTS = {
    "000_51c93e100446cb2f.txt": "setda-kab-purwakarta-iki-2022",
    "001_5e37c471fde3e7ca.txt": "kecamatan-5e37c471-iki",
    "002_f5dc2d15ef5c04c2.txt": "disdukcapil-kab-badung-iki-2021",
    "003_6085134165c8f144.txt": "bkpsdm-kab-paser-iku-iki-2023",
    "004_491362b84e30a85b.txt": "kec-merakurak-kab-tuban-iku-iki-2021",
}
FOLDERS = discover(PACKAGES)


def test_every_seed_decree_is_published():
    assert {f.name for f in FOLDERS} >= set(SEED_DOCUMENTS.values())
    for source in SEED_DOCUMENTS:
        assert (ROOT / "decrees" / source).is_file()


def test_portal_validates_strictly():
    report, _ = check(PACKAGES, ROOT / "decrees")
    assert report.problems == [], report.format()


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_frictionless_validates_each_package(folder):
    from frictionless import Package
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_inline_schemas_equal_shared_schemas(folder):
    shared = load_shared_schemas(PACKAGES)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert [r["name"] for r in descriptor["resources"]] == list(RESOURCES)
    for res in descriptor["resources"]:
        assert res["schema"] == shared[res["name"]], res["name"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_no_personal_identifiers(folder):
    for path in sorted(folder.iterdir()):
        assert not find_nip(path.read_text(encoding="utf-8")), path


def test_decree_texts_carry_no_nip():
    for path in sorted((ROOT / "decrees").glob("*.txt")):
        assert not find_nip(path.read_text(encoding="utf-8")), path

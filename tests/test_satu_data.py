"""Satu Data Indonesia (Perpres 39/2019) metadata: produsen data, walidata (configured per
region, default rule otherwise), frequency, theme, contact, year, in the descriptors, the
agency pages and the catalogue (still 0 SHACL violations, read by ckanext-dcat)."""
import json
import re
import shutil
import sys

import pytest
import rdflib
import yaml
from pyshacl import validate

from generator.build import Options, build
from generator.dcat import INDEX, PAGES
from generator.satudata import CONFIG, load_config, satu_data, walidata_for
from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, ROOT, edit_cell

sys.path.insert(0, str(ROOT / "tests" / "ckan_stub"))
from ckanext.dcat.processors import RDFParser  # noqa: E402

AGENCY = "kec-contoh-kab-tuban"
WALIDATA = "Dinas Komunikasi dan Informatika Kabupaten Tuban (uji)"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture agency with a letterhead e-mail and website, and a walidata configured
    for its kabupaten (35.23)."""
    tmp = tmp_path_factory.mktemp("satu")
    packages = tmp / "packages"
    shutil.copytree(BASIC, packages)
    edit_cell(packages / BASIC_DOC, "agencies", 0, "email", "kec.contoh@example.go.id")
    edit_cell(packages / BASIC_DOC, "agencies", 0, "website", "contoh.example.go.id")
    cfg = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    cfg["walidata"]["regions"] = {"35.23": {"name": WALIDATA, "email": "walidata@example.go.id"}}
    (tmp / "satu.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    out = tmp / "site"
    build(Options(packages=packages, decrees=FIXTURE_DECREES, out=out, releases=tmp / "none",
                  satu_data=tmp / "satu.yaml"))
    return out


def test_descriptor_carries_the_satu_data_block(site):
    d = json.loads((site / f"unduh/{BASIC_DOC}/datapackage.json").read_text())["satudata"]
    assert d["produsen_data"] == "Kecamatan Contoh"
    assert d["walidata"] == {"name": WALIDATA, "region": "35.23", "email": "walidata@example.go.id", "configured": True}
    assert d["frekuensi"] == "tahunan" and d["frekuensi_iri"].endswith("/frequency/ANNUAL")
    assert d["tema_iri"].endswith("/data-theme/GOVE")
    assert d["kontak"] == {"name": "Kecamatan Contoh", "email": "kec.contoh@example.go.id",
                           "url": "https://contoh.example.go.id"}
    assert re.fullmatch(r"\d{4}(-\d{4})?", d["tahun"])
    assert [w["code"] for w in d["wilayah"]] == ["35", "35.23"]
    whole = json.loads((site / "unduh/semua/datapackage.json").read_text())["satudata"]
    assert whole["frekuensi"] == "tahunan" and "produsen_data" not in whole


def test_agency_page_lists_them(site):
    for page, words in (("lembaga/kec-contoh-kab-tuban/index.html", ("Lembaga (produsen data)", "Walidata", "tahunan")),
                        ("en/agencies/kec-contoh-kab-tuban/index.html", ("Agency (data producer", "Data custodian",
                                                                         "annual"))):
        text = (site / page).read_text()
        for w in words + (WALIDATA, "kec.contoh@example.go.id"):
            assert w in text, (page, w)


def test_catalogue_as_ckan_harvests_it(site):
    parser = RDFParser()
    parser.parse((site / PAGES / "35.jsonld").read_bytes(), _format="json-ld")
    ds = next(d for d in parser.datasets() if d["url"].endswith(f"/{AGENCY}/"))
    ex = {e["key"]: e["value"] for e in ds["extras"]}
    assert ex["publisher_name"] == "Kecamatan Contoh"  # produsen data
    assert ex["contact_name"] == "Kecamatan Contoh" and ex["contact_email"] == "kec.contoh@example.go.id"
    assert ex["frequency"].endswith("/frequency/ANNUAL")
    assert json.loads(ex["theme"]) == ["http://publications.europa.eu/resource/authority/data-theme/GOVE"]
    (attr,) = ds["qualified_attribution"]
    assert attr["role"].endswith("/custodian") and attr["agent"][0]["name"] == WALIDATA
    assert ex["temporal_start"]


def test_catalogue_with_the_new_fields_has_no_shacl_violation(site):
    shapes = rdflib.Graph().parse(ROOT / "tests/shacl/dcat-ap-3.0.1/dcat-ap-SHACL.ttl", format="turtle")
    for page in [site / INDEX] + sorted((site / PAGES).glob("*.jsonld")):
        g = rdflib.Graph().parse(data=page.read_bytes(), format="json-ld")
        conforms, _, text = validate(g, shacl_graph=shapes, inference="none", allow_warnings=True)
        assert conforms, f"{page.name}\n{text}"


class _Region:
    def __init__(self, code, name, level):
        self.code, self.name, self.level = code, name, level


class _Agency:
    def __init__(self, regions, name="Dinas X", row=None):
        self.regions, self.name, self.row = regions, name, row or {}


PROVINCE, KAB, KEC = _Region("35", "JAWA TIMUR", "provinsi"), _Region("35.23", "KABUPATEN TUBAN", "kabupaten"), \
    _Region("35.23.13", "Merakurak", "kecamatan")


def test_walidata_is_the_kabupaten_s_then_the_province_s_then_the_default():
    cfg = load_config()
    cfg["walidata"]["regions"] = {"35": {"name": "Diskominfo Jatim"}}
    assert walidata_for(_Agency([PROVINCE, KAB, KEC]), cfg).name == "Diskominfo Jatim"
    cfg["walidata"]["regions"]["35.23"] = {"name": "Diskominfo Tuban"}
    w = walidata_for(_Agency([PROVINCE, KAB, KEC]), cfg)
    assert (w.name, w.region, w.configured) == ("Diskominfo Tuban", "35.23", True)
    cfg["walidata"]["regions"] = {}
    w = walidata_for(_Agency([PROVINCE, KAB, KEC]), cfg)
    assert (w.name, w.region, w.configured) == ("Dinas Komunikasi dan Informatika Kabupaten Tuban", "35.23", False)
    assert walidata_for(_Agency([PROVINCE]), cfg).name == "Dinas Komunikasi dan Informatika Jawa Timur"
    assert walidata_for(_Agency([]), cfg) is None


def test_contact_falls_back_to_the_portal():
    class Doc:
        period_start, period_end = 2024, 2024
    a = _Agency([PROVINCE, KAB], row={"email": "", "phone": "", "website": ""})
    a.current = Doc()
    rec = satu_data(a, load_config())
    assert rec.contact["name"] == "Kinerja Terbuka" and rec.years == "2024"


@pytest.mark.parametrize("change, needle", [
    ({"frekuensi": {"id": "tahunan", "en": "annual"}}, "frekuensi"),
    ({"tema": None}, "tema"),
    ({"walidata": {"default": "Diskominfo"}}, "{region}"),
    ({"walidata": {"default": "Diskominfo {region}", "regions": {"35": {"url": "x"}}}}, "needs a name"),
])
def test_a_broken_configuration_is_refused(tmp_path, change, needle):
    cfg = yaml.safe_load(CONFIG.read_text(encoding="utf-8")) | change
    path = tmp_path / "satu.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(needle)):
        load_config(path)


def test_the_mapping_documents_every_key():
    doc = (ROOT / "docs" / "satu-data.md").read_text(encoding="utf-8")
    cfg = load_config()
    a = _Agency([PROVINCE, KAB], row={"email": "a@b.c", "phone": "1", "website": "x.go.id"})

    class Doc:
        period_start, period_end = 2021, 2026
    a.current = Doc()
    for key in satu_data(a, cfg).descriptor():
        assert f"`{key}`" in doc, key

"""DCAT-AP catalogue and schema.org JSON-LD parse as JSON-LD and carry the fields."""
import json
import re

import pytest
from pyld import jsonld



SCHEMA_ORG = {"@context": {"@vocab": "https://schema.org/"}}


def offline_loader(url, options=None):
    """No network: schema.org's context is replaced by its vocabulary."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG}
    raise jsonld.JsonLdError(f"no network access for {url}", "loading document failed")


@pytest.fixture(scope="module")
def site(released_basic_site):
    return released_basic_site  # built once per worker (tests/conftest.py)


def blocks(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_dcat_catalogue(site):
    """The index expands as JSON-LD without fetching anything; the agency's dataset is on its
    province's page (SHACL: tests/test_dcat_shacl.py; ckanext-dcat: tests/test_ckan_dcat.py)."""
    index = jsonld.expand(json.loads((site / "catalog.jsonld").read_text()))
    catalog = next(n for n in index if n["@type"] == ["http://www.w3.org/ns/dcat#Catalog"]
                   and n["@id"].endswith("catalog.jsonld"))
    assert len(catalog["http://www.w3.org/ns/dcat#dataset"]) == 1  # the whole portal
    assert catalog["http://www.w3.org/ns/dcat#catalog"]  # one per province
    page = jsonld.expand(json.loads((site / "katalog" / "35.jsonld").read_text()))
    [ds] = [n for n in page if n.get("@type") == ["http://www.w3.org/ns/dcat#Dataset"]]
    for prop in ("http://purl.org/dc/terms/publisher", "http://purl.org/dc/terms/spatial",
                 "http://purl.org/dc/terms/temporal", "http://www.w3.org/ns/dcat#distribution",
                 "http://www.w3.org/ns/dcat#landingPage", "http://www.w3.org/ns/dcat#version"):
        assert prop in ds, prop
    dist = ds["http://www.w3.org/ns/dcat#distribution"][0]
    assert "http://www.w3.org/ns/dcat#accessURL" in dist and "http://spdx.org/rdf/terms#checksum" in dist
    assert dist["http://www.w3.org/ns/dcat#byteSize"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


@pytest.mark.parametrize("page", ["lembaga/kec-contoh-kab-tuban/index.html", "unduh/index.html",
                                  "en/agencies/kec-contoh-kab-tuban/index.html", "en/downloads/index.html"])
def test_schema_org_dataset_in_head(site, page):
    html = (site / page).read_text()
    head = html.split("</head>")[0]
    [data] = blocks(head)
    expanded = jsonld.expand(data, {"documentLoader": offline_loader})[0]
    assert expanded["@type"] == ["https://schema.org/Dataset"]
    for prop in ("name", "description", "license", "creator", "temporalCoverage", "spatialCoverage",
                 "distribution", "version"):
        assert f"https://schema.org/{prop}" in expanded, prop
    dist = expanded["https://schema.org/distribution"][0]
    assert "https://schema.org/contentUrl" in dist and "https://schema.org/encodingFormat" in dist
    assert data["version"] == "1.0.0"


def test_data_in_json_ld_is_escaped():
    from generator.catalog import script_json
    out = script_json({"name": "</script><script>alert(1)</script>&"})
    assert "</script><script>" not in out and "\\u003c/script\\u003e" in out and "\\u0026" in out


# Google Search's Dataset structured data: required and recommended properties
GOOGLE_REQUIRED = ("name", "description")
GOOGLE_RECOMMENDED = ("citation", "creator", "distribution", "identifier", "isAccessibleForFree", "keywords",
                      "license", "spatialCoverage", "temporalCoverage", "url", "version")


def test_agency_dataset_for_google_one_id_both_languages(site):
    pages = {"id": "lembaga/kec-contoh-kab-tuban/index.html", "en": "en/agencies/kec-contoh-kab-tuban/index.html"}
    seen = {}
    for lang, page in pages.items():
        head = (site / page).read_text().split("</head>")[0]
        canon = re.findall(r'<link rel="canonical" href="([^"]+)">', head)
        assert canon == ["https://kinerja-terbuka.github.io/portal/" + page[: -len("index.html")]], canon
        [data] = blocks(head)
        for prop in GOOGLE_REQUIRED + GOOGLE_RECOMMENDED:
            assert data.get(prop) not in (None, "", []), (lang, prop)
        assert 50 <= len(data["description"]) <= 5000
        assert data["identifier"] == "urn:kinerja-terbuka:dataset:kec-contoh-kab-tuban"
        assert "IKU" in data["keywords"]
        codes = [p["identifier"]["value"] for p in data["spatialCoverage"]]
        assert codes == ["35", "35.23"] and "kemendagri:" not in json.dumps(data)
        assert data["spatialCoverage"][1]["@id"].endswith("/wilayah/35/#w-35.23")
        assert "Kinerja Terbuka" in data["citation"] and data["version"] == "1.0.0"
        seen[lang] = data
    assert seen["id"]["@id"] == seen["en"]["@id"] == seen["id"]["url"] + "#dataset"
    assert seen["id"]["description"] != seen["en"]["description"]  # each page in its language

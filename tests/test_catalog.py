"""DCAT-AP catalogue and schema.org JSON-LD parse as JSON-LD and carry the fields."""
import json
import re

import pytest
from pyld import jsonld

from generator.build import Options, build
from generator.release import make_release

from kt_testing import BASIC, FIXTURE_DECREES

SCHEMA_ORG = {"@context": {"@vocab": "https://schema.org/"}}


def offline_loader(url, options=None):
    """No network: schema.org's context is replaced by its vocabulary."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG}
    raise jsonld.JsonLdError(f"no network access for {url}", "loading document failed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cat")
    make_release("1.0.0", BASIC, FIXTURE_DECREES, tmp / "releases", "2026-01-01")
    out = tmp / "site"
    build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=out, releases=tmp / "releases"))
    return out


def blocks(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_dcat_catalogue(site):
    data = json.loads((site / "catalog.jsonld").read_text())
    expanded = jsonld.expand(data)
    catalog = expanded[0]
    datasets = catalog["http://www.w3.org/ns/dcat#dataset"]
    assert len(datasets) == 2  # the whole portal + one decree
    ds = [d for d in datasets if d["http://purl.org/dc/terms/identifier"][0]["@value"] != "kinerja-terbuka"][0]
    for prop in ("http://purl.org/dc/terms/license", "http://purl.org/dc/terms/publisher",
                 "http://purl.org/dc/terms/spatial", "http://purl.org/dc/terms/temporal",
                 "http://www.w3.org/ns/dcat#distribution"):
        assert prop in ds, prop
    dist = ds["http://www.w3.org/ns/dcat#distribution"][0]
    assert "http://www.w3.org/ns/dcat#accessURL" in dist and "http://spdx.org/rdf/terms#checksum" in dist


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

"""ckanext-dcat's own RDF parser (the harvester of CKAN portals such as Satu Data's), from
PyPI, reads the catalogue: only CKAN itself is stood in for (tests/ckan_stub)."""
import sys

import pytest
from kt_testing import ROOT

from generator.dcat import INDEX, PAGES

sys.path.insert(0, str(ROOT / "tests" / "ckan_stub"))
from ckanext.dcat.processors import RDFParser


@pytest.fixture(scope="module")
def site(released_basic_site):
    return released_basic_site  # built once per worker (tests/conftest.py)


def harvest(site):
    """What the harvester does: parse a page, take its datasets, follow hydra:next."""
    url, datasets, pages = INDEX, [], []
    while url:
        pages.append(url)
        parser = RDFParser()
        parser.parse((site / url).read_bytes(), _format="json-ld")
        datasets += list(parser.datasets())
        nxt = parser.next_page()
        url = nxt.split("/portal/", 1)[1] if nxt else None
    return datasets, pages


def extras(ds):
    return {e["key"]: e["value"] for e in ds["extras"]}


def test_harvest_walks_every_page(site):
    _, pages = harvest(site)
    assert pages == [INDEX] + [f"{PAGES}/{p.name}" for p in sorted((site / PAGES).glob("*.jsonld"))]


def test_agency_dataset_as_ckan_maps_it(site):
    datasets, _ = harvest(site)
    ds = next(d for d in datasets if extras(d)["identifier"].endswith(":kec-contoh-kab-tuban"))
    ex = extras(ds)
    assert ds["title"] == "Kecamatan Contoh: IKU dan IKI"
    assert ds["notes"].startswith("Indikator kinerja (IKU-IKI) Kecamatan Contoh menurut Keputusan")
    assert ds["license_id"] == "cc-by"
    assert ex["publisher_name"] == "Kecamatan Contoh"  # the agency, not the portal
    assert ex["publisher_uri"] == "urn:kinerja-terbuka:agency:kec-contoh-kab-tuban"
    assert ds["url"] == "https://kinerja-terbuka.github.io/portal/lembaga/kec-contoh-kab-tuban/"
    assert ex["spatial_uri"].endswith("wilayah/35/#w-35.23") and "35.23" in ex["spatial_uri"]
    assert ex["spatial_text"] == "KABUPATEN TUBAN, JAWA TIMUR"
    assert ds["version"] == "1.0.0"
    # the harvest id does not depend on where the site is hosted
    assert ex["identifier"] == ex["uri"] == "urn:kinerja-terbuka:dataset:kec-contoh-kab-tuban"
    assert ex["frequency"].endswith("/frequency/ANNUAL") and "data-theme/GOVE" in ex["theme"]
    assert ex["contact_name"] and ex["contact_url"].startswith("https://")
    names = {r["name"]: r for r in ds["resources"]}
    assert set(names) >= {"ZIP (Data Package)", "XLSX", "datapackage.json"}  # JSON: whole portal only
    for r in ds["resources"]:
        assert r["url"].startswith("https://kinerja-terbuka.github.io/portal/unduh/kec-contoh-kab-tuban-iku-iki-2024/")
        assert r["format"].startswith("http://publications.europa.eu/resource/authority/file-type/")
        assert r["mimetype"].startswith("https://www.iana.org/assignments/media-types/")
        assert isinstance(r["size"], int) and len(r["hash"]) == 64
        assert r["uri"].startswith("urn:kinerja-terbuka:distribution:")
        assert (site / r["url"].split("/portal/", 1)[1]).stat().st_size == r["size"]


def test_whole_portal_dataset(site):
    datasets, _ = harvest(site)
    ds = next(d for d in datasets if extras(d)["identifier"] == "urn:kinerja-terbuka:dataset:semua")
    assert ds["notes"] and ds["license_id"] == "cc-by" and ds["version"] == "1.0.0"
    assert {r["name"] for r in ds["resources"]} >= {"ZIP (Data Package)"}

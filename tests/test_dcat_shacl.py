"""The DCAT-AP catalogue passes the SEMICeu DCAT-AP 3.0.1 SHACL shapes (pyshacl), page by page."""
import json

import pytest
import rdflib
from kt_testing import ROOT
from pyshacl import validate

from generator.dcat import (
    INDEX,
    PAGE_DATASETS,
    PAGES,
    agency_bytes,
    catalog_pages,
    serialise,
)
from generator.export import Exporter
from generator.load import load_all, load_shared_schemas
from generator.model import build_model

SHAPES_DIR = ROOT / "tests" / "shacl" / "dcat-ap-3.0.1"


@pytest.fixture(scope="module")
def shapes():
    g = rdflib.Graph()
    return g.parse(SHAPES_DIR / "dcat-ap-SHACL.ttl", format="turtle")


@pytest.fixture(scope="module")
def site(released_basic_site):
    return released_basic_site  # built once per worker (tests/conftest.py)


def violations(data: bytes, shapes) -> tuple[int, str]:
    g = rdflib.Graph().parse(data=data, format="json-ld")
    _, report, text = validate(g, shacl_graph=shapes, inference="none", allow_warnings=True)
    n = len(set(report.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    return n, text


def catalogue_pages(site):
    return [site / INDEX] + sorted((site / PAGES).glob("*.jsonld"))


def test_every_page_has_zero_violations(site, shapes):
    pages = catalogue_pages(site)
    assert len(pages) >= 2  # the index and at least one province
    for page in pages:
        n, text = violations(page.read_bytes(), shapes)
        assert n == 0, f"{page.name}: {n} violations\n{text}"


def test_shapes_catch_what_the_old_catalogue_got_wrong(shapes):
    """The shapes are live: a media type as a string, an untyped byteSize, a dataset without
    a description each give a violation."""
    doc = {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},
           "@id": "urn:x:ds", "@type": "dcat:Dataset", "dct:title": "x",
           "dcat:distribution": {"@id": "urn:x:d", "@type": "dcat:Distribution", "dcat:accessURL": {"@id": "urn:x:u"},
                                 "dcat:mediaType": "text/csv", "dcat:byteSize": "12"}}
    n, text = violations(json.dumps(doc).encode(), shapes)
    assert n >= 3, text
    for needle in ("description", "mediaType", "byteSize"):
        assert needle in text


def test_index_chains_the_province_pages(site):
    index = json.loads((site / INDEX).read_text())
    nodes = {n["@id"]: n for n in index["@graph"]}
    catalog = next(n for n in index["@graph"] if n["@id"].endswith(INDEX) and n["@type"] == "dcat:Catalog")
    subs = catalog["catalog"]
    assert subs and all(s.rsplit("/", 2)[-2] == PAGES for s in subs)
    assert catalog["view"]["next"] == subs[0]
    for s in subs:
        assert nodes[s]["@type"] == "dcat:Catalog"
    page = json.loads((site / PAGES / subs[0].rsplit("/", 1)[-1]).read_text())
    ds = [n for n in page["@graph"] if n["@type"] == "dcat:Dataset"]
    assert ds and all(d["identifier"].startswith("urn:kinerja-terbuka:dataset:") for d in ds)


LARGEST_PROVINCE = 1927  # agencies in Jawa Timur: ~45 provincial + 38 kab/kota x ~32 + 666 kecamatan
PAGE_LIMIT = 5_000_000


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The real seed packages with their real downloads."""
    packages = ROOT / "datapackages"
    sources, _ = load_all(packages)
    portal = build_model(sources)
    downloads = Exporter(portal, load_shared_schemas(packages), tmp_path_factory.mktemp("seeds"),
                         {"licenses": []}).export_all()
    return portal, downloads


def test_seed_catalogue_pages_have_zero_violations(seeds, shapes):
    portal, downloads = seeds
    pages = catalogue_pages_of(portal, downloads)
    assert len(pages) == 1 + len({a.regions[0].code if a.regions else "" for a in portal.agencies})
    for path, data in pages.items():
        n, text = violations(data, shapes)
        assert n == 0, f"{path}: {n} violations\n{text}"


def catalogue_pages_of(portal, downloads):
    site = "https://kinerja-terbuka.github.io/portal/"
    return {p: serialise(d) for p, d in catalog_pages(portal, downloads, site, "1.0.0").items()}


def test_no_page_over_5_mb_at_national_size(seeds):
    """Per-agency bytes measured on the seeds; a province page holds at most PAGE_DATASETS
    agencies (a larger province continues on further pages), so the largest page is the
    fixed part plus PAGE_DATASETS of the costliest agency."""
    portal, downloads = seeds
    site = "https://kinerja-terbuka.github.io/portal/"
    costs = [agency_bytes(a, portal, downloads, site, "1.0.0") for a in portal.agencies]
    pages = catalogue_pages_of(portal, downloads)
    fixed = min(len(d) for p, d in pages.items() if p != INDEX) - max(costs)
    largest = fixed + PAGE_DATASETS * max(costs)
    pages_largest_province = -(-LARGEST_PROVINCE // PAGE_DATASETS)
    print(f"\ncatalogue bytes per agency: {min(costs)}-{max(costs)}; fixed per page ~{fixed}; "
          f"largest page at national size {largest}; Jawa Timur in {pages_largest_province} pages")
    assert largest < PAGE_LIMIT

"""DCAT-AP 3 catalogue (JSON-LD), paged for harvesters: an index (`catalog.jsonld`: the
catalogue, the whole-portal dataset and one sub-catalogue per province) and one page per
province (`katalog/<code>.jsonld`: that province's agencies), chained with Hydra paging links
(what ckanext-dcat's harvester follows).

One dcat:Dataset per agency, with a stable identifier that does not depend on where the site
is hosted (`urn:kinerja-terbuka:dataset:<agency id>`), the agency as publisher and creator,
its landing page, spatial coverage as the portal's region URI carrying the Kemendagri code,
version, contact point, accrual periodicity, theme, typed dates, and distributions with IANA
media types, EU file types, typed byte sizes and SPDX checksums. Every term is declared in the
page's own @context (nothing is fetched), and the vocabulary nodes every dataset points at
(licence, media types, frequency, theme, language) are described once per page.

Checked against the SEMICeu DCAT-AP 3.0.1 SHACL shapes by tests/test_dcat_shacl.py and read
by ckanext-dcat's own parser in tests/test_ckan_dcat.py.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import datapackage, i18n
from .export import FORMATS
from .summary import AnyAgency, AnyPortal
from .satudata import PORTAL_CONTACT, satu_data
from .satudata import load_config as load_satu_config

INDEX = "catalog.jsonld"
PAGES = "katalog"
URN = "urn:kinerja-terbuka:"
NO_PROVINCE = "lainnya"
PAGE_DATASETS = 800  # datasets per page (under 5 MB at ~5.4 KB each): a province with more is paged (35.jsonld, 35-2.jsonld, ...)

EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CC_BY = datapackage.CC_BY["path"]
ODBL = datapackage.ODBL["path"]
THEMES = EU + "data-theme"
CUSTODIAN = "http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/custodian"  # the walidata's role
LANGUAGE = EU + "language/IND"
INDONESIA = EU + "country/IDN"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"

# (media type, EU file type) of every format the catalogue can name (generator/export.py FORMATS)
MEDIA = list(dict.fromkeys((f.media_type, f.eu_file_type) for f in FORMATS.values() if f.eu_file_type))

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "hydra": "http://www.w3.org/ns/hydra/core#",
    "adms": "http://www.w3.org/ns/adms#", "prov": "http://www.w3.org/ns/prov#", "iana": IANA, "eu": EU,
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
    "label": {"@id": "rdfs:label", "@container": "@language"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "keyword": {"@id": "dcat:keyword", "@container": "@language"},
    "name": "foaf:name", "fn": "vcard:fn", "notation": "skos:notation",
    "identifier": "dct:identifier", "version": "dcat:version",
    "versionNotes": {"@id": "adms:versionNotes", "@container": "@language"},
    "publisher": {"@id": "dct:publisher", "@type": "@id"}, "creator": {"@id": "dct:creator", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"}, "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"}, "license": {"@id": "dct:license", "@type": "@id"},
    "language": {"@id": "dct:language", "@type": "@id"}, "theme": {"@id": "dcat:theme", "@type": "@id"},
    "themeTaxonomy": {"@id": "dcat:themeTaxonomy", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "accrualPeriodicity": {"@id": "dct:accrualPeriodicity", "@type": "@id"},
    "contactPoint": {"@id": "dcat:contactPoint", "@type": "@id"}, "hasURL": {"@id": "vcard:hasURL", "@type": "@id"},
    "hasEmail": {"@id": "vcard:hasEmail", "@type": "@id"},
    "qualifiedAttribution": "prov:qualifiedAttribution", "agent": {"@id": "prov:agent", "@type": "@id"},
    "hadRole": {"@id": "dcat:hadRole", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"}, "format": {"@id": "dct:format", "@type": "@id"},
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"}, "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "byteSize": {"@id": "dcat:byteSize", "@type": "xsd:nonNegativeInteger"},
    "checksum": "spdx:checksum", "algorithm": {"@id": "spdx:algorithm", "@type": "@id"},
    "checksumValue": {"@id": "spdx:checksumValue", "@type": "xsd:hexBinary"},
    "distribution": {"@id": "dcat:distribution", "@container": "@set"},
    "dataset": {"@id": "dcat:dataset", "@type": "@id", "@container": "@set"},
    "catalog": {"@id": "dcat:catalog", "@type": "@id", "@container": "@set"},
    "temporal": "dct:temporal",
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:gYear"},
    "endDate": {"@id": "dcat:endDate", "@type": "xsd:gYear"},
    "issued": {"@id": "dct:issued", "@type": "xsd:date"}, "modified": {"@id": "dct:modified", "@type": "xsd:date"},
    "provenance": "dct:provenance", "isPartOf": {"@id": "dct:isPartOf", "@type": "@id"},
    "view": "hydra:view", "first": {"@id": "hydra:first", "@type": "@id"},
    "last": {"@id": "hydra:last", "@type": "@id"}, "next": {"@id": "hydra:next", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "totalItems": {"@id": "hydra:totalItems", "@type": "xsd:integer"},
}


def context(site_url: str) -> dict:
    """The page's @context; the site's URL is the prefix `kt:` (IRIs stay absolute once expanded)."""
    return CONTEXT | {"kt": site_url} if site_url else CONTEXT


def cx(iri: str, site_url: str) -> str:
    """An IRI in its compact form (`kt:`, `iana:`, `eu:`), to keep pages small at national size."""
    for prefix, base in (("kt", site_url), ("iana", IANA), ("eu", EU)):
        if base and iri.startswith(base) and not iri[len(base):].startswith("//"):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def dataset_iri(agency_id: str) -> str:
    """The dataset's identifier: stable wherever the site is hosted."""
    return f"{URN}dataset:{agency_id}"


def agent_iri(agency_id: str) -> str:
    return f"{URN}agency:{agency_id}"


def region_iri(site_url: str, portal: AnyPortal | None, code: str) -> str:
    """The portal's page of the region's province (a kabupaten or kecamatan by its anchor):
    the Kemendagri code is in the URI."""
    province = code.split(".")[0]
    base = site_url + i18n.page_url("id", "region", code=province)
    return base if code == province else f"{base}#w-{code}"


def dataset_version(version, doc_id: str | None) -> tuple[str, dict | None]:
    """(dcat:version, adms:versionNotes) of a dataset: version is a plain string, or the
    data's Versions (generator/versions.py: a decree's, or the portal's for doc_id None),
    whose notes say when the data changed since the last release."""
    if version is None or isinstance(version, str):
        return version or "", None
    status = version.portal if doc_id is None else version.of(doc_id)
    return status.version, ({lang: status.text(lang) for lang in i18n.LANGS} if status.changed else None)


def page_path(province: str, part: int = 1) -> str:
    return f"{PAGES}/{province}.jsonld" if part == 1 else f"{PAGES}/{province}-{part}.jsonld"


def province_of(agency: AnyAgency) -> str:
    return agency.regions[0].code if agency.regions else NO_PROVINCE


def vocabulary(site_url: str, satu: dict) -> list[dict]:
    """The nodes every page's datasets point at, described once per page (frequency and theme
    as config/satu-data.yaml sets them)."""
    nodes: list[dict] = [
        {"@id": CC_BY, "@type": "dct:LicenseDocument", "title": {"en": "Creative Commons Attribution"},
         "identifier": "CC-BY-4.0"},
        {"@id": ODBL, "@type": "dct:LicenseDocument",
         "title": {"en": "Open Data Commons Open Database License (ODbL)"}, "identifier": "ODbL-1.0"},
        {"@id": THEMES, "@type": "skos:ConceptScheme", "title": {"en": "Data theme"}},
        {"@id": satu["tema"]["iri"], "@type": "skos:Concept", "inScheme": THEMES,
         "prefLabel": {"en": satu["tema"]["en"], "id": satu["tema"]["id"]}},
        {"@id": satu["frekuensi"]["iri"], "@type": "dct:Frequency",
         "prefLabel": {"en": satu["frekuensi"]["en"], "id": satu["frekuensi"]["id"]}},
        {"@id": CUSTODIAN, "@type": "dcat:Role", "prefLabel": {"en": "custodian", "id": "walidata"}},
        {"@id": LANGUAGE, "@type": "dct:LinguisticSystem"},
        {"@id": SHA256, "@type": "spdx:ChecksumAlgorithm"},
        {"@id": site_url or "./", "@type": "foaf:Document"},
        {"@id": f"{URN}portal", "@type": "foaf:Agent", "name": "Kinerja Terbuka", "homepage": site_url or "./"},
        {"@id": f"{URN}contact", "@type": ["vcard:Organization", "vcard:Kind"], "fn": PORTAL_CONTACT["name"],
         "hasURL": PORTAL_CONTACT["url"]},
    ]
    for mime, ftype in MEDIA:
        nodes.append({"@id": IANA + mime, "@type": "dct:MediaType"})
        nodes.append({"@id": EU + "file-type/" + ftype, "@type": "dct:MediaTypeOrExtent"})
    return nodes


def distribution(f: dict, site_url: str) -> dict:
    """A download; its IRI is stable (bundle and file name), wherever the site is hosted."""
    fmt = FORMATS[f["kind"]]
    mime, ftype = fmt.media_type, fmt.eu_file_type
    url = cx(site_url + f["url"], site_url)
    return {"@id": URN + "distribution:" + f["url"].split("/", 1)[-1], "@type": "dcat:Distribution", "title": {"id": f["label"]}, "accessURL": url, "downloadURL": url,
            "mediaType": "iana:" + mime, "format": "eu:file-type/" + ftype, "byteSize": str(f["size"]),
            "license": CC_BY,
            "checksum": {"@type": "spdx:Checksum", "algorithm": SHA256, "checksumValue": f["sha256"]}}


def _files(downloads: dict, key: str) -> list[dict]:
    """What the catalogue lists for a bundle: the package (zip, and its served descriptor when
    there is one), the workbook and the JSON; the CSVs are the package's resources."""
    return [f for f in downloads.get(key, []) if FORMATS[f["kind"]].catalogue]


def _region_nodes(agency: AnyAgency, portal: AnyPortal, site_url: str) -> list[dict]:
    nodes = []
    for i, r in enumerate(agency.regions):
        node = {"@id": cx(region_iri(site_url, portal, r.code), site_url), "@type": "dct:Location",
                "label": {"id": ", ".join(x.name for x in reversed(agency.regions[: i + 1]))},
                "identifier": r.code, "notation": r.code}
        if i:
            node["isPartOf"] = cx(region_iri(site_url, portal, agency.regions[i - 1].code), site_url)
        nodes.append(node)
    return nodes


def satu_nodes(agency: AnyAgency, satu: dict) -> tuple[dict, list[dict]]:
    """Satu Data Indonesia metadata as DCAT: the contact point (the agency's own when its decree
    gives one, else the portal's) and the walidata as a qualified attribution with the role
    custodian; (properties of the dataset, nodes they point at)."""
    rec = satu_data(agency, satu)
    props: dict = {"accrualPeriodicity": satu["frekuensi"]["iri"], "theme": satu["tema"]["iri"]}
    nodes = []
    if rec.contact != PORTAL_CONTACT:
        contact = {"@id": f"{URN}contact:{agency.id}", "@type": ["vcard:Organization", "vcard:Kind"],
                   "fn": rec.contact["name"]}
        if rec.contact.get("email"):
            contact["hasEmail"] = "mailto:" + rec.contact["email"]
        if rec.contact.get("url"):
            contact["hasURL"] = rec.contact["url"]
        props["contactPoint"] = contact["@id"]
        nodes.append(contact)
    else:
        props["contactPoint"] = f"{URN}contact"
    if rec.walidata is not None:
        agent = f"{URN}walidata:{rec.walidata.region}"
        props["qualifiedAttribution"] = {"@type": "prov:Attribution", "agent": agent, "hadRole": CUSTODIAN}
        nodes.append({"@id": agent, "@type": "foaf:Agent", "name": rec.walidata.name})
    return props, nodes


def agency_dataset(agency: AnyAgency, portal: AnyPortal, downloads: dict, site_url: str, version: str,
                   modified: str | None, satu: dict | None = None) -> list[dict]:
    """The agency's dcat:Dataset and the nodes only it uses (publisher, regions, landing page,
    contact, walidata)."""
    satu = satu or load_satu_config()
    doc = agency.current
    name = agency.name or i18n.STRINGS["id"]["unknown_agency_name"]
    landing = cx(site_url + i18n.page_url("id", "agency", id=agency.id), site_url)
    decree = " ".join(x for x in (doc.instrument, doc.number) if x) or doc.source_file
    kind = doc.kind
    ds = {"@id": dataset_iri(agency.id), "@type": "dcat:Dataset", "identifier": dataset_iri(agency.id),
          "title": {"id": f"{name}: {i18n.STRINGS['id']['kind.' + kind]}"},
          "description": {"id": f"Indikator kinerja ({kind}) {name} menurut {decree}.",
                          "en": f"Performance indicators ({kind}) of {name} as set by {decree}."},
          "publisher": agent_iri(agency.id), "creator": agent_iri(agency.id), "landingPage": landing,
          "language": LANGUAGE,
          "keyword": {"id": ["indikator kinerja", kind, "IKU", "IKI"]},
          "provenance": {"@type": "dct:ProvenanceStatement",
                         "label": {"id": f"Dikonversi dari {decree} ({doc.source_file})."}},
          "distribution": [distribution(f, site_url) for f in _files(downloads, doc.id)]}
    if agency.regions:
        ds["spatial"] = cx(region_iri(site_url, portal, agency.regions[-1].code), site_url)
    version, notes = dataset_version(version, doc.id)
    if version:
        ds["version"] = version
    if notes:
        ds["versionNotes"] = notes
    if modified:
        ds["modified"] = modified
    if doc.period_start:
        ds["temporal"] = {"@type": "dct:PeriodOfTime", "startDate": str(doc.period_start),
                          "endDate": str(doc.period_end or doc.period_start)}
    props, extra = satu_nodes(agency, satu)
    ds.update(props)
    nodes: list[dict] = [ds, {"@id": agent_iri(agency.id), "@type": "foaf:Agent", "name": name},
             {"@id": landing, "@type": "foaf:Document"}]
    return nodes + extra + _region_nodes(agency, portal, site_url)


def portal_dataset(portal: AnyPortal, downloads: dict, site_url: str, version: str, satu: dict) -> list[dict]:
    landing = site_url + i18n.page_url("id", "downloads")
    starts = [d.period_start for d in portal.documents if d.period_start]
    ends = [d.period_end or d.period_start for d in portal.documents if d.period_start]
    ds = {"@id": dataset_iri("semua"), "@type": "dcat:Dataset", "identifier": dataset_iri("semua"),
          "title": {"id": "Kinerja Terbuka: semua lembaga", "en": "Kinerja Terbuka: all agencies"},
          "description": {"id": "Indikator Kinerja Utama (IKU) dan Individu (IKI) semua lembaga di portal, dari "
                                "keputusan yang ditetapkan, sebagai satu Frictionless Data Package.",
                          "en": "Key (IKU) and individual (IKI) performance indicators of every agency in the "
                                "portal, from the decrees that set them, as one Frictionless Data Package."},
          "publisher": f"{URN}portal", "landingPage": landing, "contactPoint": f"{URN}contact",
          "accrualPeriodicity": satu["frekuensi"]["iri"], "theme": satu["tema"]["iri"], "language": LANGUAGE,
          "spatial": INDONESIA,
          "keyword": {"id": ["indikator kinerja", "IKU", "IKI", "pemerintah daerah"]},
          "distribution": [distribution(f, site_url) for f in _files(downloads, "semua")]}
    version, notes = dataset_version(version, None)
    if version:
        ds["version"] = version
    if notes:
        ds["versionNotes"] = notes
    if starts:
        ds["temporal"] = {"@type": "dct:PeriodOfTime", "startDate": str(min(starts)), "endDate": str(max(ends))}
    return [ds, {"@id": landing, "@type": "foaf:Document"},
            {"@id": INDONESIA, "@type": "dct:Location", "label": {"id": "Indonesia", "en": "Indonesia"}}]


def catalog_node(iri: str, title: dict, description: dict, site_url: str, datasets: list[str],
                 **extra) -> dict:
    node = {"@id": iri, "@type": "dcat:Catalog", "title": title, "description": description,
            "publisher": f"{URN}portal", "homepage": site_url or "./", "license": CC_BY, "language": LANGUAGE,
            "themeTaxonomy": THEMES, "dataset": datasets}
    node.update(extra)
    return node


def _view(page: str, pages: list[str], site_url: str, total: int) -> dict:
    i = pages.index(page)
    view = {"@id": site_url + page, "@type": "hydra:PartialCollectionView", "totalItems": total,
            "first": site_url + pages[0], "last": site_url + pages[-1]}
    if i + 1 < len(pages):
        view["next"] = site_url + pages[i + 1]
    if i:
        view["previous"] = site_url + pages[i - 1]
    return view


def _document(graph: list[dict], site_url: str) -> dict:
    """The page: each node once (regions and agents shared by several datasets)."""
    seen: set[str] = set()
    nodes = []
    for n in graph:
        if "@id" in n and n["@type"] != "dcat:Dataset":
            if n["@id"] in seen:
                continue
            seen.add(n["@id"])
        nodes.append(n)
    return {"@context": context(site_url), "@graph": nodes}


def catalog_pages(portal: AnyPortal, downloads: dict, site_url: str, version: str,
                  modified: dict[str, str] | None = None, satu: dict | None = None) -> dict[str, dict]:
    """{site-relative path: JSON-LD document} for the index and every province page (a
    province of more than PAGE_DATASETS agencies continues on further pages)."""
    modified = modified or {}
    satu = satu or load_satu_config()
    by_province: dict[str, list[AnyAgency]] = {}
    for a in portal.agencies:
        by_province.setdefault(province_of(a), []).append(a)
    provinces = sorted(by_province)
    parts = [(p, i + 1, by_province[p][i * PAGE_DATASETS:(i + 1) * PAGE_DATASETS])
             for p in provinces for i in range((len(by_province[p]) + PAGE_DATASETS - 1) // PAGE_DATASETS)]
    order = [INDEX] + [page_path(p, n) for p, n, _ in parts]
    total = len(portal.agencies) + 1
    sub = {}
    for p in provinces:
        region = portal.regions.get(p)
        pname = region.name if region else "lainnya"
        sub[p] = catalog_node(site_url + page_path(p), {"id": f"Kinerja Terbuka: {pname}"},
                              {"id": f"Indikator kinerja lembaga di {pname}.",
                               "en": f"Performance indicators of the agencies in {pname}."}, site_url, [])
    pages: dict[str, dict] = {}
    for p, n, agencies in parts:
        node = sub[p]
        graph = [catalog_node(node["@id"], node["title"], node["description"], site_url,
                              [dataset_iri(a.id) for a in agencies],
                              view=_view(page_path(p, n), order, site_url, total))]
        for a in agencies:
            graph += agency_dataset(a, portal, downloads, site_url, version, modified.get(a.id), satu)
        pages[page_path(p, n)] = _document(graph + vocabulary(site_url, satu), site_url)
    index = catalog_node(site_url + INDEX, {"id": "Kinerja Terbuka", "en": "Kinerja Terbuka"},
                         {"id": "Katalog data indikator kinerja (IKU/IKI) pemerintah daerah Indonesia. Satu "
                                "katalog per provinsi.",
                          "en": "Catalogue of Indonesian local-government performance indicators (IKU/IKI). One "
                                "catalogue per province."},
                         site_url, [dataset_iri("semua")], catalog=[sub[p]["@id"] for p in provinces],
                         view=_view(INDEX, order, site_url, total))
    pages[INDEX] = _document([index] + list(sub.values()) + portal_dataset(portal, downloads, site_url, version, satu)
                             + vocabulary(site_url, satu), site_url)
    return pages


def agency_bytes(agency: AnyAgency, portal: AnyPortal, downloads: dict, site_url: str, version: str) -> int:
    """What one agency adds to its province's page (its nodes and its entry in the list)."""
    nodes = agency_dataset(agency, portal, downloads, site_url, version, "2026-01-01")
    return sum(len(serialise(n)) for n in nodes) + len(json.dumps(dataset_iri(agency.id))) + 1


def serialise(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def write_catalog(site: Path, portal: AnyPortal, downloads: dict, site_url: str, version: str,
                  modified: dict[str, str] | None = None, satu: dict | None = None) -> dict[str, int]:
    """Write the index and the province pages; {path: bytes written}."""
    sizes = {}
    for path, doc in catalog_pages(portal, downloads, site_url, version, modified, satu).items():
        data = serialise(doc)
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
        sizes[path] = len(data)
    return sizes

"""Machine-readable metadata: a DCAT-AP catalogue (JSON-LD) at the site root and schema.org
Dataset JSON-LD in the <head> of agency pages and the downloads page.

Everything is built as Python data and serialised with json.dumps, then made safe for a
<script> element (`<`, `>`, `&` escaped as \\u003c ...), the equivalent of Jinja's tojson:
data never lands raw in HTML.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import i18n
from .model import Agency, Portal

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = {"@type": "Organization", "name": "Kinerja Terbuka"}


def script_json(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _files(downloads: dict, key: str, site_url: str) -> list[dict]:
    return [f | {"abs": site_url + f["url"]} for f in downloads.get(key, [])]


def _mediatype(name: str) -> str:
    return {"zip": "application/zip", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "json": "application/json", "csv": "text/csv"}[name.rsplit(".", 1)[-1]]


def _spatial(agency: Agency) -> list[dict]:
    return [{"@type": "Place", "name": r.name, "identifier": f"kemendagri:{r.code}"} for r in agency.regions]


def _temporal(agency: Agency) -> str | None:
    d = agency.current
    if d.period_start:
        return f"{d.period_start}/{d.period_end or d.period_start}"
    return None


def dataset_jsonld(agency: Agency, downloads: dict, site_url: str, version: str, page_url: str) -> dict:
    doc = agency.current
    name = agency.name or i18n.STRINGS["id"]["unknown_agency_name"]
    out = {"@context": "https://schema.org", "@type": "Dataset",
           "name": f"{name}: {i18n.STRINGS['id']['kind.' + doc.kind]}",
           "description": f"Indikator kinerja ({doc.kind}) {name} menurut {doc.instrument or 'keputusan'} "
                          f"{doc.number or ''}".strip(),
           "url": site_url + page_url, "license": LICENSE, "creator": PUBLISHER, "publisher": PUBLISHER,
           "isAccessibleForFree": True, "inLanguage": "id",
           "spatialCoverage": _spatial(agency) or None, "temporalCoverage": _temporal(agency),
           "version": version or None,
           "distribution": [{"@type": "DataDownload", "name": f["name"], "contentUrl": f["abs"],
                             "encodingFormat": _mediatype(f["name"]), "contentSize": f["size"],
                             "sha256": f["sha256"]} for f in _files(downloads, doc.id, site_url)]}
    return {k: v for k, v in out.items() if v is not None}


def portal_jsonld(portal: Portal, downloads: dict, site_url: str, version: str, page_url: str) -> dict:
    return {"@context": "https://schema.org", "@type": "Dataset", "name": "Kinerja Terbuka: semua lembaga",
            "description": "Indikator Kinerja Utama (IKU) dan Individu (IKI) pemerintah daerah Indonesia dari "
                           "keputusan yang ditetapkan, sebagai Frictionless Data Package.",
            "url": site_url + page_url, "license": LICENSE, "creator": PUBLISHER, "publisher": PUBLISHER,
            "isAccessibleForFree": True, "inLanguage": "id", "version": version or "unreleased",
            "spatialCoverage": [{"@type": "Place", "name": "Indonesia"}],
            "temporalCoverage": _portal_period(portal),
            "distribution": [{"@type": "DataDownload", "name": f["name"], "contentUrl": f["abs"],
                              "encodingFormat": _mediatype(f["name"]), "contentSize": f["size"],
                              "sha256": f["sha256"]} for f in _files(downloads, "semua", site_url)]}


def _portal_period(portal: Portal) -> str:
    starts = [d.period_start for d in portal.documents if d.period_start]
    ends = [d.period_end or d.period_start for d in portal.documents if d.period_start]
    return f"{min(starts)}/{max(ends)}" if starts else ".."


def dcat_catalog(portal: Portal, downloads: dict, site_url: str, version: str) -> dict:
    """DCAT-AP catalogue: one dcat:Dataset per decree package plus the whole portal."""
    def distribution(f: dict) -> dict:
        return {"@type": "dcat:Distribution", "dcat:accessURL": {"@id": f["abs"]},
                "dcat:downloadURL": {"@id": f["abs"]}, "dct:title": f["name"],
                "dcat:mediaType": _mediatype(f["name"]), "dcat:byteSize": f["size"],
                "dct:license": {"@id": LICENSE},
                "spdx:checksum": {"@type": "spdx:Checksum", "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                                  "spdx:checksumValue": f["sha256"]}}

    datasets = []
    for a in portal.agencies:
        doc = a.current
        temporal = _temporal(a)
        ds = {"@type": "dcat:Dataset", "@id": site_url + i18n.page_url("id", "agency", id=a.id),
              "dct:identifier": doc.id, "dct:title": a.name or i18n.STRINGS["id"]["unknown_agency_name"],
              "dct:description": f"{doc.kind}: {doc.instrument or ''} {doc.number or ''}".strip(),
              "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Kinerja Terbuka"},
              "dct:license": {"@id": LICENSE}, "dcat:keyword": ["IKU", "IKI", "indikator kinerja"],
              "dct:spatial": [{"@type": "dct:Location", "rdfs:label": r.name, "dct:identifier": r.code}
                              for r in a.regions],
              "dcat:distribution": [distribution(f) for f in _files(downloads, doc.id, site_url)]}
        if temporal:
            start, end = temporal.split("/")
            ds["dct:temporal"] = {"@type": "dct:PeriodOfTime", "dcat:startDate": start, "dcat:endDate": end}
        if version:
            ds["dcat:version"] = version
        datasets.append(ds)
    datasets.insert(0, {"@type": "dcat:Dataset", "@id": site_url + "unduh/", "dct:identifier": "kinerja-terbuka",
                        "dct:title": "Kinerja Terbuka: semua lembaga", "dct:license": {"@id": LICENSE},
                        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Kinerja Terbuka"},
                        "dct:spatial": [{"@type": "dct:Location", "rdfs:label": "Indonesia"}],
                        "dcat:distribution": [distribution(f) for f in _files(downloads, "semua", site_url)]})
    return {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                         "foaf": "http://xmlns.com/foaf/0.1/", "spdx": "http://spdx.org/rdf/terms#",
                         "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
            "@id": site_url + "catalog.jsonld", "@type": "dcat:Catalog", "dct:title": "Kinerja Terbuka",
            "dct:description": "Katalog data indikator kinerja pemerintah daerah Indonesia.",
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Kinerja Terbuka"},
            "dct:license": {"@id": LICENSE}, "dcat:dataset": datasets}


def write_catalog(site: Path, portal: Portal, downloads: dict, site_url: str, version: str) -> None:
    (site / "catalog.jsonld").write_text(json.dumps(dcat_catalog(portal, downloads, site_url, version),
                                                    ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                         encoding="utf-8")


def inject_head(page: Path, markup: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</head>", markup + "</head>", 1), encoding="utf-8")

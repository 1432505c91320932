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


def write_catalog(site: Path, portal: Portal, downloads: dict, site_url: str, version: str,
                  modified: dict[str, str] | None = None) -> dict[str, int]:
    """The DCAT-AP catalogue pages (generator/dcat.py)."""
    from .dcat import write_catalog as write_pages
    return write_pages(site, portal, downloads, site_url, version, modified)


def inject_head(page: Path, markup: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</head>", markup + "</head>", 1), encoding="utf-8")

"""Machine-readable metadata: a DCAT-AP catalogue (JSON-LD) at the site root and schema.org
Dataset JSON-LD in the <head> of agency pages and the downloads page.

Everything is built as Python data and serialised with json.dumps, then made safe for a
<script> element (`<`, `>`, `&` escaped as \\u003c ...), the equivalent of Jinja's tojson:
data never lands raw in HTML.
"""
from __future__ import annotations

import html
from typing import Any
import json
from pathlib import Path

from . import i18n
from .datapackage import CC_BY
from .export import media_type
from .summary import AnyAgency, AnyPortal

LICENSE = CC_BY["path"]
PUBLISHER = {"@type": "Organization", "name": "Kinerja Terbuka"}


def script_json(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _files(downloads: dict, key: str, site_url: str) -> list[dict]:
    return [f | {"abs": site_url + f["url"]} for f in downloads.get(key, [])]


def _mediatype(name: str) -> str:
    return media_type(name)  # the format table (generator/export.py FORMATS)


def _spatial(agency: AnyAgency, site_url: str) -> list[dict]:
    """The agency's regions as schema.org Places: the portal's region URI as @id, the
    Kemendagri code as a PropertyValue."""
    from .dcat import region_iri
    return [{"@type": "Place", "@id": region_iri(site_url, None, r.code), "name": r.name,
             "identifier": {"@type": "PropertyValue", "propertyID": "Kode wilayah Kemendagri", "value": r.code}}
            for r in agency.regions]


def _temporal(agency: AnyAgency) -> str | None:
    d = agency.current
    if d.period_start:
        return f"{d.period_start}/{d.period_end or d.period_start}"
    return None


def _citation(agency: AnyAgency, version: str, landing: str) -> str:
    doc = agency.current
    decree = " ".join(x for x in (doc.instrument, doc.number) if x) or doc.source_file
    year = doc.signed_on.year if doc.signed_on else (doc.period_start or "")
    who = agency.name or i18n.STRINGS["id"]["unknown_agency_name"]
    ver = f" (versi {version})" if version else ""
    return f"{who} ({year}). {decree}. Kinerja Terbuka{ver}. {landing}".replace(" ().", ".")


def dataset_jsonld(agency: AnyAgency, downloads: dict, site_url: str, version: str, page_url: str,
                   lang: str = "id") -> dict:
    """One Dataset per agency: the same @id on the Indonesian and the English page (the
    canonical Indonesian URL + #dataset), each page describing it in its own language."""
    from .dcat import dataset_iri, dataset_version
    doc = agency.current
    name = agency.name or i18n.STRINGS[lang]["unknown_agency_name"]
    canonical = site_url + i18n.page_url("id", "agency", id=agency.id)
    decree = " ".join(x for x in (doc.instrument, doc.number) if x) or doc.source_file
    regions = ", ".join(r.name for r in reversed(agency.regions))
    if lang == "id":
        description = (f"Indikator kinerja ({doc.kind}) {name}{', ' + regions if regions else ''}, menurut {decree}: "
                       f"{doc.n_positions} jabatan dan {doc.n_indicators} indikator, dengan sumber setiap baris.")
    else:
        description = (f"Performance indicators ({doc.kind}) of {name}{', ' + regions if regions else ''}, as set by "
                       f"{decree}: {doc.n_positions} positions and {doc.n_indicators} indicators, with the "
                       f"source of every row.")
    creator = {"@type": "GovernmentOrganization", "@id": f"urn:kinerja-terbuka:agency:{agency.id}", "name": name}
    version = dataset_version(version, doc.id)[0]
    out = {"@context": "https://schema.org", "@type": "Dataset", "@id": canonical + "#dataset",
           "name": f"{name}: {i18n.STRINGS[lang]['kind.' + doc.kind]}",
           "description": description, "url": canonical, "identifier": dataset_iri(agency.id),
           "keywords": ["indikator kinerja", "IKU", "IKI", doc.kind, *(r.name for r in agency.regions)],
           "license": LICENSE, "creator": creator, "publisher": PUBLISHER,
           "isAccessibleForFree": True, "inLanguage": "id",
           "spatialCoverage": _spatial(agency, site_url) or None, "temporalCoverage": _temporal(agency),
           "version": version or None, "citation": _citation(agency, version, canonical),
           "isBasedOn": decree,
           "distribution": [{"@type": "DataDownload", "name": f["name"], "contentUrl": f["abs"],
                             "encodingFormat": _mediatype(f["name"]), "contentSize": f["size"],
                             "sha256": f["sha256"]} for f in _files(downloads, doc.id, site_url)]}
    return {k: v for k, v in out.items() if v is not None}


def agency_head(agency: AnyAgency, downloads: dict, site_url: str, version: Any, lang: str) -> str:
    """The agency page's <head> extras: its canonical URL and the Dataset JSON-LD."""
    page = i18n.page_url(lang, "agency", id=agency.id)
    link = f'<link rel="canonical" href="{html.escape(site_url + page, quote=True)}">' if site_url else ""
    return link + script_json(dataset_jsonld(agency, downloads, site_url, version, page, lang))


def portal_jsonld(portal: AnyPortal, downloads: dict, site_url: str, version, page_url: str) -> dict:
    from .dcat import dataset_version
    version = dataset_version(version, None)[0]
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


def _portal_period(portal: AnyPortal) -> str:
    starts = [d.period_start for d in portal.documents if d.period_start]
    ends = [d.period_end or d.period_start for d in portal.documents if d.period_start]
    return f"{min(starts)}/{max(ends)}" if starts else ".."


def write_catalog(site: Path, portal: AnyPortal, downloads: dict, site_url: str, version,
                  modified: dict[str, str] | None = None, satu: dict | None = None) -> dict[str, int]:
    """The DCAT-AP catalogue pages (generator/dcat.py)."""
    from .dcat import write_catalog as write_pages
    return write_pages(site, portal, downloads, site_url, version, modified, satu)


def inject_head(page: Path, markup: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</head>", markup + "</head>", 1), encoding="utf-8")

"""The data-package descriptors as published (zips, served `datapackage.json`, releases):
the canonical descriptor plus what a reader of a download needs and the canonical package
does not carry: version, created, sources (the decree), contributors, homepage, both
licences (CC BY 4.0 for the data, ODbL 1.0 for the Kemendagri region codes it includes),
and self-referencing foreign keys in the Data Package v2 form (no `resource` key)."""
from __future__ import annotations

import copy

from .datapackage import PUBLISHED_LICENSES as LICENSES

PORTAL = {"title": "Kinerja Terbuka", "roles": ["publisher"]}


def v2_self_references(schema: dict) -> dict:
    """Foreign keys to the same resource without `resource` (v2), not `"resource": ""` (v1)."""
    out = copy.deepcopy(schema)
    for fk in out.get("foreignKeys", []):
        if fk.get("reference", {}).get("resource") == "":
            del fk["reference"]["resource"]
    return out


def published(descriptor: dict, *, version: str = "", created: str = "", homepage: str = "",
              sources: list[dict] | None = None, contributors: list[dict] | None = None,
              satudata: dict | None = None) -> dict:
    """The descriptor as it goes out; keys in a stable order, nothing from the build clock."""
    out = {k: v for k, v in descriptor.items() if k not in ("resources", "licenses")}
    if version:
        out["version"] = version
    if created:
        out["created"] = created
    if homepage:
        out["homepage"] = homepage
    out["licenses"] = LICENSES
    if sources:
        out["sources"] = sources
    out["contributors"] = (contributors or []) + [PORTAL]
    if satudata:  # Satu Data Indonesia metadata (generator/satudata.py, docs/satu-data.md)
        out["satudata"] = satudata
    out["resources"] = [dict(r, schema=v2_self_references(r["schema"])) if "schema" in r else r
                        for r in descriptor.get("resources", [])]
    return out


def decree_source(doc, site_url: str) -> dict:
    """The decree a package was converted from, with the published text's URL."""
    title = " ".join(x for x in (doc.instrument, doc.number) if x) or doc.source_file
    return {"title": title, "path": f"{site_url}sumber/{doc.source_file}"} if site_url else {"title": title}


def agency_contributor(doc) -> dict:
    name = doc.agency.name if doc.agency is not None and doc.agency.name else doc.id
    return {"title": name, "roles": ["creator"]}

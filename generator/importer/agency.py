"""The agency: its kind from its name, and the regions it needs (province, kabupaten/kota,
kecamatan), matched by name against the reference regions. Nothing beyond the text."""
from __future__ import annotations

import re


def agency_kind(name: str) -> str:
    n = (name or "").lower()
    for prefix, kind in (("kecamatan", "kecamatan"), ("kelurahan", "kelurahan"), ("dinas", "dinas"),
                         ("badan", "badan"), ("sekretariat daerah", "sekretariat_daerah"),
                         ("inspektorat", "inspektorat")):
        if n.startswith(prefix):
            return kind
    return "lainnya" if n else "tidak_diketahui"


# a perangkat daerah's name opens with its kind; a place (kecamatan, kelurahan, kapanewon, ...)
# is named by itself and needs no region
UNIT_KIND = re.compile(r"^(?:dinas|badan|sekretariat|inspektorat|satuan|kantor|rumah\s+sakit|rsud|uptd?|biro)\b", re.I)
REGION_IN_NAME = re.compile(r"\b(?:kabupaten|kab\.|kota|provinsi)\s+\S", re.I)


def full_name(name: str, meta: dict) -> str:
    """An agency a decree's table or heading names ('DINAS KESEHATAN') in full, as its letterhead
    would write it: title case, and the region of the government issuing the decree
    ('Dinas Kesehatan Kabupaten Klaten'). Places and names that carry a region stay as written."""
    from .metadata import _title_case
    name = re.sub(r"\s+", " ", name or "").strip(" ,.;:")
    if not name:
        return name
    if name.isupper():
        name = _title_case(name)
    region = meta.get("kabupaten") or (f"PROVINSI {meta['provinsi']}" if meta.get("provinsi") else "")
    if not region or not UNIT_KIND.match(name) or REGION_IN_NAME.search(name):
        return name
    return f"{name} {_title_case(region.upper())}"


def chain(regions: dict[str, dict], code: str) -> list[dict]:
    """The region and its parents, sorted by code (province first)."""
    out, c = [], code
    while c:
        out.append(dict(regions[c]))
        c = regions[c]["parent_code"]
    return sorted(out, key=lambda r: r["code"])


def regions_for(meta: dict, regions: dict[str, dict], agency_name: str) -> tuple[list[dict], str]:
    """Region rows and the agency's region code. Provinces follow from the kabupaten."""
    kab = next((c for c, r in regions.items() if r["level"] in ("kabupaten", "kota")
                and r["name"].upper() == meta.get("kabupaten", "").upper()), "")
    if not kab:  # a provincial agency ('PEMERINTAH PROVINSI ...')
        prov = next((c for c, r in regions.items() if r["level"] == "provinsi"
                     and r["name"].upper() == (meta.get("provinsi") or "~").upper()), "")
        return ([dict(regions[prov])], prov) if prov else ([], "")
    code = kab
    m = re.match(r"^kecamatan\s+(.+)$", agency_name or "", re.I)
    if m:
        kec = next((c for c, r in regions.items() if r["level"] == "kecamatan" and r["parent_code"] == kab
                    and r["name"].lower() == m.group(1).strip().lower()), "")
        code = kec or kab
    return chain(regions, code), code

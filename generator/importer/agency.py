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

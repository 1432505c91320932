"""Satu Data Indonesia (Perpres 39/2019) metadata of each agency's dataset: produsen data
(the agency that set the indicators), walidata (configured per region in
config/satu-data.yaml), frequency of update, theme, contact point and year(s).

One record per agency, used by the published descriptors (`satudata`), the agency pages
and the DCAT-AP catalogue; docs/satu-data.md maps it to the national metadata standard.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config" / "satu-data.yaml"
PERPRES = "Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia"
PORTAL_CONTACT = {"name": "Kinerja Terbuka", "email": "", "phone": "",
                  "url": "https://github.com/kinerja-terbuka/portal/issues"}


def load_config(path: Path = CONFIG) -> dict:
    """The configuration, checked: frekuensi and tema with id/en labels and an IRI, a walidata
    default with {region}, and region entries with a name."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh) or {}
    for key in ("frekuensi", "tema"):
        entry = cfg.get(key) or {}
        if not all(isinstance(entry.get(k), str) and entry.get(k) for k in ("id", "en", "iri")):
            raise ValueError(f"{path}: {key} needs id, en and iri")
    wali = cfg.get("walidata") or {}
    if not isinstance(wali.get("default"), str) or "{region}" not in wali["default"]:
        raise ValueError(f"{path}: walidata.default must name the region with {{region}}")
    for code, entry in (wali.get("regions") or {}).items():
        if not isinstance(entry, dict) or not entry.get("name"):
            raise ValueError(f"{path}: walidata.regions[{code!r}] needs a name")
    return cfg


def region_label(name: str) -> str:
    """'KABUPATEN PASER' -> 'Kabupaten Paser' (the reference list writes some names in capitals)."""
    return name.title() if name.isupper() else name


@dataclass(frozen=True)
class Walidata:
    name: str
    region: str = ""  # the Kemendagri code of the region whose walidata it is
    url: str = ""
    email: str = ""
    configured: bool = False  # False: named by the default rule of the configuration


@dataclass(frozen=True)
class SatuData:
    produsen: str
    walidata: Walidata | None
    frequency: dict  # {id, en, iri}
    theme: dict  # {id, en, iri}
    contact: dict  # {name, email, phone, url}
    years: str  # "2023", "2021-2026", "" when the decree names no period
    regions: list[dict] = field(default_factory=list)  # [{code, name}], province first

    def descriptor(self) -> dict:
        """The `satudata` block of a published descriptor (keys as the national standard names them)."""
        out = {"standar": PERPRES, "produsen_data": self.produsen,
               "walidata": {k: v for k, v in asdict(self.walidata).items() if v not in ("", None)} if self.walidata else None,
               "frekuensi": self.frequency["id"], "frekuensi_iri": self.frequency["iri"],
               "tema": self.theme["id"], "tema_iri": self.theme["iri"],
               "kontak": {k: v for k, v in self.contact.items() if v},
               "tahun": self.years, "wilayah": self.regions}
        return {k: v for k, v in out.items() if v not in ("", None, [])}


def walidata_for(agency, cfg: dict) -> Walidata | None:
    """The walidata of the agency's kabupaten/kota, else of its province (configured entry
    first, then the default rule); None for an agency of unknown region."""
    wali = cfg["walidata"]
    entries = wali.get("regions") or {}
    chain = [r for r in agency.regions if r.level != "kecamatan"]  # province, kabupaten/kota
    for region in reversed(chain):
        entry = entries.get(region.code)
        if entry:
            return Walidata(entry["name"], region.code, entry.get("url", ""), entry.get("email", ""), True)
    if not chain:
        return None
    region = chain[-1]
    return Walidata(wali["default"].format(region=region_label(region.name)), region.code)


def contact_of(agency) -> dict:
    """The producing agency's own contact (from its decree's letterhead) when it has one, else the portal's."""
    row = agency.row
    own = {"name": agency.name or "", "email": row.get("email", ""), "phone": row.get("phone", ""),
           "url": _url(row.get("website", ""))}
    return own if agency.name and (own["email"] or own["phone"] or own["url"]) else dict(PORTAL_CONTACT)


def _url(site: str) -> str:
    site = site.strip()
    if not site:
        return ""
    return site if site.startswith(("http://", "https://")) else "https://" + site


def portal_satu_data(cfg: dict) -> dict:
    """The `satudata` block of the whole-portal package: a compilation of every agency's data
    (each agency, its produsen, is a contributor with the role creator)."""
    return {"standar": PERPRES, "frekuensi": cfg["frekuensi"]["id"], "frekuensi_iri": cfg["frekuensi"]["iri"],
            "tema": cfg["tema"]["id"], "tema_iri": cfg["tema"]["iri"],
            "kontak": {k: v for k, v in PORTAL_CONTACT.items() if v}}


def satu_data(agency, cfg: dict) -> SatuData:
    doc = agency.current
    years = ""
    if doc.period_start:
        end = doc.period_end or doc.period_start
        years = str(doc.period_start) if end == doc.period_start else f"{doc.period_start}-{end}"
    return SatuData(produsen=agency.name or "", walidata=walidata_for(agency, cfg), frequency=dict(cfg["frekuensi"]),
                    theme=dict(cfg["tema"]), contact=contact_of(agency), years=years,
                    regions=[{"code": r.code, "name": r.name} for r in agency.regions])

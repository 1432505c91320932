"""The explorer's own data beside the Pagefind bundles (site/pagefind/kt/): what browsing
without a keyword, facet counts and the agency finder read. Everything is split so that
one view downloads little at national size (25,000 agencies, 6 million indicators):

- pagefind/kt-facets.json (generator/search.py): the filter choices and a count cube,
  indicators per (province, agency kind, level, year): totals and facet counts of any
  filter on those four dimensions without downloading anything else;
- kt/p/<province code>.json: the province's agencies in browsing order (kabupaten/kota,
  name), each with its kind, year and IKU/IKI counts: a page of results is found by
  walking these counts, and the kabupaten/kota facet is counted from them;
- kt/a/<agency id>.json: the agency's indicator rows (anchor, level, name, position), read
  only for the agencies on the page being shown;
- kt/n/<key>.json: the agency-name index, one file per three-letter word start of the
  agency's name or its kabupaten/kota ("pur" for Purwakarta), words such as "dinas" or
  "kabupaten" that nearly every name has left out (and province names, which would list
  thousands): the finder reads one small file per query.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .model import Agency
from .summary import AgencySummary, AnyAgency
from .paths import inside

FOLDER = "kt"
# words nearly every agency name has: no use as a key (a query made only of them is too broad)
GENERIC = {"dinas", "badan", "kantor", "kecamatan", "kelurahan", "kabupaten", "kota", "provinsi", "daerah",
           "sekretariat", "dan", "bagian", "unit", "pelaksana", "teknis", "uptd", "satuan", "pemerintah",
           "dewan", "perwakilan", "rakyat", "umum", "serta", "urusan", "the", "of", "and"}
KEY_LEN = 3


def fold(text: str) -> str:
    """Lower case without accents: what names and queries are compared as."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(name))


def name_keys(name: str) -> set[str]:
    """The index files an agency is listed in: the starts of its distinctive words."""
    return {w[:KEY_LEN] for w in name_words(name) if len(w) >= KEY_LEN and w not in GENERIC}


def year_of(agency: AnyAgency) -> str:
    doc = agency.current
    if doc.period_start:
        return str(doc.period_start)
    return str(doc.signed_on.year) if doc.signed_on else ""


def province_code(agency: AnyAgency) -> str:
    return agency.province.code if agency.province else "x"


def kabupaten_name(agency: AnyAgency) -> str:
    return agency.kabupaten.name.title() if agency.kabupaten else ""


def province_name(agency: AnyAgency) -> str:
    return agency.province.name.title() if agency.province else ""


def browse_order(agencies: Sequence[AnyAgency]) -> list[AnyAgency]:
    """The order of browsing: province code ('x', unknown, last), kabupaten/kota, name."""
    return sorted(agencies, key=lambda a: (province_code(a) == "x", province_code(a), kabupaten_name(a) or "~",
                                           a.name or "~", a.id))


def levels(agency: AnyAgency) -> tuple[int, int]:
    """(IKU, IKI) counts of the agency's current decree (the model's, or its summary's)."""
    doc = agency.current
    return doc.n_iku, doc.n_indicators - doc.n_iku


def rows(agency: Agency) -> list[list[str]]:
    return [[i.anchor, i.kind, i.name, i.position.title if i.position else ""]
            for i in agency.current.indicators or []]


def cube(agencies: Sequence[AnyAgency]) -> list[list]:
    """[province code, agency kind, level, year, indicators] for every non-empty cell."""
    cells: dict[tuple, int] = {}
    for a in agencies:
        for level, n in zip(("IKU", "IKI"), levels(a)):
            if n:
                k = (province_code(a), a.kind or "", level, year_of(a))
                cells[k] = cells.get(k, 0) + n
    return [[*k, n] for k, n in sorted(cells.items())]


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write(pagefind: Path, agencies: list[Agency]) -> dict[str, int]:
    """Write pagefind/kt/ anew (files replaced, never written in place: the folder may be
    hard-linked with a build cache). Returns file counts per part."""
    tmp = start(pagefind)
    write_rows(tmp, agencies)
    return finish(pagefind, tmp, agencies)


def start(pagefind: Path) -> Path:
    """The folder kt/ is written into before it replaces pagefind/kt/ (finish)."""
    tmp = pagefind / (FOLDER + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def write_rows(tmp: Path, agencies: list[Agency]) -> None:
    """Each agency's indicator rows (kt/a/<id>.json): what needs the agency whole, so the
    build writes them one province's model at a time (generator/provinces.py)."""
    for a in agencies:
        _dump(inside(tmp / "a", f"{a.id}.json"), rows(a))  # ids come from data


def finish(pagefind: Path, tmp: Path, agencies: Sequence[AnyAgency]) -> dict[str, int]:
    """The province lists and the agency-name index (from the agencies' summaries or the
    model), then tmp in place of pagefind/kt/."""
    by_province: dict[str, list] = {}
    names: dict[str, list] = {}
    for a in browse_order(agencies):
        iku, iki = levels(a)
        by_province.setdefault(province_code(a), []).append(
            [a.id, a.name or "", kabupaten_name(a), a.kind or "", year_of(a), iku, iki])
        for k in sorted(name_keys(a.name or "") | name_keys(kabupaten_name(a))):
            names.setdefault(k, []).append([a.id, a.name, province_name(a), kabupaten_name(a)])
    for code, entries in by_province.items():
        _dump(tmp / "p" / f"{code}.json", entries)
    for k, entries in names.items():
        _dump(tmp / "n" / f"{k}.json", sorted(entries, key=lambda e: (fold(e[1]), e[0])))
    root = pagefind / FOLDER
    shutil.rmtree(root, ignore_errors=True)
    os.replace(tmp, root)
    return {"provinces": len(by_province), "agencies": len(agencies), "name_keys": len(names)}


KINDS = ("sekretariat_daerah", "dinas", "badan", "kecamatan", "kelurahan", "inspektorat", "lainnya", "tidak_diketahui")


def choices(portal) -> dict:
    """The explorer's filter options, rendered into its page (the counts come later, from
    the data): province names, (province, kabupaten/kota) pairs, agency kinds and years
    present, and the generic words the agency-name index leaves out."""
    provinces = sorted({province_name(a) for a in portal.agencies if a.province})
    kabs = sorted({(province_name(a), kabupaten_name(a)) for a in portal.agencies if a.kabupaten})
    kinds = {a.kind for a in portal.agencies if a.kind}
    years = sorted({year_of(a) for a in portal.agencies if year_of(a)}, reverse=True)
    return {"provinces": provinces, "kabupaten": kabs,
            "kinds": [k for k in KINDS if k in kinds] + sorted(kinds - set(KINDS)),
            "years": years, "generic": " ".join(sorted(GENERIC))}


# a province page lists its agencies itself up to this many; beyond, each kabupaten/kota page
# has them (A-Z), so no page grows with the province
REGION_INLINE = 150


def az_groups(agencies: list[AgencySummary]) -> list[tuple[str, list[AgencySummary]]]:
    """Agencies by the first letter of their name as written ('#' for a digit or no name),
    sorted by name."""
    groups: dict[str, list[AgencySummary]] = {}
    for a in sorted(agencies, key=lambda a: (fold(a.name or "~"), a.id)):
        first = fold(a.name or "")[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(a)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0]))

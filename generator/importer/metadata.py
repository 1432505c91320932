"""Document metadata from the letterhead, the decree's opening and its signature block.
What is absent stays empty (and the importer warns); the NIP is never read."""
from __future__ import annotations

import re

from .cells import clean_inline

MONTHS = {m: i for i, m in enumerate(["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                        "september", "oktober", "november", "desember"], start=1)}
MONTHS["nopember"] = 11
MONTHS["pebruari"] = 2
DATE = re.compile(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.I)


def _lines(text: str) -> list[str]:
    return [clean_inline(l) for l in text.split("\n")]


def extract(text: str) -> dict:
    lines = _lines(text)
    head = lines[:120]
    meta = {k: "" for k in ("government", "agency_name", "instrument", "number", "title", "signed_on",
                            "signed_at", "signer_title", "signer_name", "address", "phone", "period_start",
                            "period_end", "kabupaten", "provinsi")}
    for i, l in enumerate(head):
        m = re.match(r"^PEMERINTAH\s+(KABUPATEN|KOTA|PROVINSI)\s+([A-Z][A-Z ]+?)(?:\s+TAHUN.*)?$", l)
        if m and not meta["government"]:
            meta["government"] = f"Pemerintah {m.group(1).title()} {m.group(2).title()}"
            if m.group(1) == "PROVINSI":
                meta["provinsi"] = m.group(2).upper()
            else:
                meta["kabupaten"] = f"{m.group(1)} {m.group(2)}".upper()
            nxt = [x for x in lines[i + 1: i + 4] if x]
            if nxt and re.match(r"^(KECAMATAN|DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KELURAHAN|RUMAH SAKIT|RSUD|"
                                r"SATUAN|KANTOR|UPTD|BIRO)\b", nxt[0]):
                meta["agency_name"] = nxt[0].title() if nxt[0].isupper() else nxt[0]
                if len(nxt) > 1 and re.search(r"\b(jalan|jl)\b", nxt[1], re.I):
                    addr = nxt[1]
                    phone = re.search(r"Telp\.?\s*([()0-9 -]+)", addr)
                    meta["phone"] = phone.group(1).strip() if phone else ""
                    meta["address"] = re.sub(r"\s*Telp\.?.*$", "", addr).strip()
        if not meta["instrument"] and re.match(r"^KEPUTUSAN\b", l):
            inst = l if len(l.split()) > 1 else " ".join([l] + [x for x in lines[i + 1: i + 3] if x][:1])
            meta["instrument"] = re.sub(r"\s*,\s*$", "", inst).strip().title().replace("Dan ", "dan ")
        m = re.match(r"^NOMOR\s*:?\s*(.+)$", l, re.I)
        if m and not meta["number"]:
            meta["number"] = m.group(1).strip(" *")
        if re.fullmatch(r"TENTANG", l.strip(" *"), re.I) and not meta["title"]:
            parts: list[str] = []
            for x in lines[i + 1: i + 8]:
                if not x:
                    if parts:
                        break
                    continue
                if re.match(r"^(Menimbang|[A-Z ]+,$)", x):
                    break
                parts.append(x)
            meta["title"] = " ".join(parts).strip()
    for i, l in enumerate(lines):
        m = re.match(r"^Ditetapkan\s*:?\s*(?:di)?\s*:?\s*(.+)$", l, re.I)
        if m and not meta["signed_at"]:
            meta["signed_at"] = m.group(1).strip(" :")
            for x in lines[i: i + 4]:
                d = DATE.search(x)
                if d:
                    meta["signed_on"] = f"{int(d.group(3)):04d}-{MONTHS[d.group(2).lower()]:02d}-{int(d.group(1)):02d}"
                    break
            rest = [x for x in lines[i + 1: i + 14] if x and not re.match(r"^(pada tanggal|NIP)", x, re.I)
                    and not DATE.search(x)]
            if rest:
                meta["signer_title"] = rest[0].rstrip(",")
                names = [x for x in rest[1:] if re.search(r"[A-Z]{3,}", x) and not re.search(r"(Pembina|Penata)", x)]
                if names:
                    meta["signer_name"] = names[0]
    m = re.search(r"(?:tahun|periode)\s+(20\d\d)\s*[-–]\s*(20\d\d)", text, re.I)
    if m:
        meta["period_start"], meta["period_end"] = m.group(1), m.group(2)
    return meta

"""Document metadata from the letterhead, the decree's opening and its signature block.
What is absent stays empty (and the importer warns); the NIP is never read.

One small rule per field, each about the shape of a decree, not about particular letterheads:

    letterhead   PEMERINTAH KABUPATEN/KOTA/PROVINSI X, then the agency (over one or more lines)
    instrument   KEPUTUSAN / PERATURAN ... (over several lines, up to NOMOR)
    number       NOMOR : ...
    title        the lines after TENTANG, up to the issuer's line ('BUPATI X,', or over two lines after
                 a blank line: 'KEPALA BADAN X' / 'PROVINSI Y,') or Menimbang
    amends       'PERUBAHAN [KEDUA] ATAS <the amended act>' in the title
    period       the title's own 'TAHUN [ANGGARAN] 2022[-2026]', else the cover's, else the decree body's;
                 a year cited with a regulation (Nomor .. Tahun, RPJMD, Renstra) never counts
    agency       the letterhead's agency, named in full as the title or instrument names it (also when
                 they abbreviate it: 'RSUD X PROVINSI Y' for 'RUMAH SAKIT UMUM DAERAH X')
    signature    Ditetapkan di <place>, the date, the signer's title (lines up to the one ending
                 with ','), the signer's name (the next line that is no 'ttd'/'dto', rank or NIP)
"""
from __future__ import annotations

import difflib
import re

from .cells import clean_inline
from .ocr import digits, letters

MONTHS = {m: i for i, m in enumerate(["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                        "september", "oktober", "november", "desember"], start=1)}
MONTHS["nopember"] = 11
MONTHS["pebruari"] = 2
NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)(?![\d./-])")
DATE = re.compile(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.I)
AGENCY_START = (r"(?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|KELURAHAN|KAPANEWON|KEMANTREN|DISTRIK|RUMAH\s+SAKIT|RSUD|SATUAN|KANTOR|"
                r"UPTD|BIRO)\b")
GOVERNMENT = re.compile(r"^PEMERINTAH\s+(?:DAERAH\s+)?(KABUPATEN|KOTA|PROVINSI)\s+(?P<region>[A-Z][A-Z ]*?)"
                        r"(?:\s+(?P<agency>" + AGENCY_START + r"[A-Z ,&]*))?(?:\s+TAHUN.*)?$")
INSTRUMENT = re.compile(r"^(?:SURAT\s+)?(KEPUTUSAN|PERATURAN)\b(?!\s+(?:INI|TERSEBUT))")
# holders whose title already names the place ('BUPATI BADUNG', 'CAMAT MERAKURAK')
PLACE_HOLDER = re.compile(r"^(?:KEPUTUSAN|PERATURAN)\s+(?:BUPATI|WALI\s*KOTA|WALIKOTA|GUBERNUR|CAMAT|LURAH)\b", re.I)
ADDRESS = re.compile(r"\b(jalan|jl|telp|telepon|faks|fax|email|e-mail|website|kode\s+pos)\b", re.I)
RANK = re.compile(r"\s*\b(Pembina|Pempina|Penata|Pengatur|Juru)\b.*$", re.I)
ESIGNED = re.compile(r"^ditandatangani\s+secara\s+elektronik\b", re.I)
NOT_A_NAME = re.compile(r"^(ttd\.?|t\.t\.d\.?|dto\.?|cap|cap\s*(?:/|dan|&)\s*ttd\.?|tanda\s+tangan|NIP\b.*|\(.*\)|(Pembina|Pempina|Penata|Pengatur|Juru)\b.*)$", re.I)
YEARS = re.compile(r"(?:tahun(?:\s+anggaran)?|periode)\s+(20\d\d)(?:\s*(?:[-–]|s\.?\s*d\.?|sampai(?:\s+dengan)?)\s*(20\d\d))?", re.I)
CITED = re.compile(r"(nomor\s*:?\s*[\w./-]+\s*$|rpjmd|rpjp|jangka\s+menengah|jangka\s+panjang|renstra|rencana\s+strategis|"
                   r"lembaran|undang|peraturan|tambahan)", re.I)


def _guess(meta: dict, field: str, why: str) -> None:
    """A field read by a fallback rule: the importer warns ('metadata-guessed')."""
    meta.setdefault("guessed", {})[field] = why


def _lines(text: str) -> list[str]:
    """The text's lines, markup out, OCR's digit and letter confusions read back ('l4 Pebruari
    2O25', 'KEPALA DlNAS', V90)."""
    return [digits(letters(clean_inline(line).replace("*", "").strip())) for line in text.split("\n")]


def _acronym(word: str) -> bool:
    """'DPRD', 'RSUD', 'BKPSDM', 'PANRB': upper-case words with (almost) no vowels stay upper case."""
    vowels = sum(ch in "AEIOU" for ch in word)
    return word.isupper() and word.isalpha() and len(word) >= 3 and (vowels == 0 or (vowels == 1 and len(word) >= 4))


def _mostly_upper(s: str) -> bool:
    """'DINAS X', 'RUMAH SAKIT UMUM DAERAH dr. X' (an honorific kept in lower case)."""
    words = [w for w in s.split() if re.search(r"[A-Za-z]", w)]
    return bool(words) and sum(w.isupper() for w in words) > len(words) / 2


def _title_case(s: str) -> str:
    """Upper-case words in title case (acronyms kept); a word with lower-case letters ('dr.') as written."""
    words = [w if _acronym(w) or any(ch.islower() for ch in w) else w.title() for w in s.split(" ")]
    return re.sub(r"\b(Dan|Dengan|Di|Pada|Atas|Dalam)\b", lambda m: m.group(1).lower(), " ".join(words))


def _next_filled(lines: list[str], i: int, n: int) -> list[str]:
    return [x for x in lines[i + 1: i + 1 + n] if x]


def letterhead(lines: list[str], meta: dict) -> None:
    """The government and the agency under it (the agency may run over several lines and may
    stand on the PEMERINTAH line itself)."""
    for i, line in enumerate(lines[:150]):
        m = GOVERNMENT.match(line)
        if not m:
            continue
        if not meta["government"]:
            kind, region = m.group(1), m.group("region").strip()
            meta["government"] = f"Pemerintah {kind.title()} {region.title()}"
            if kind == "PROVINSI":
                meta["provinsi"] = region.upper()
            else:
                meta["kabupaten"] = f"{kind} {region}".upper()
        if meta["agency_name"]:
            continue
        parts = [m.group("agency")] if m.group("agency") else []
        j = i + 1
        if not parts:
            while j < len(lines) and j < i + 4 and not lines[j]:
                j += 1
            if j < len(lines) and re.match(AGENCY_START, lines[j]):
                parts, j = [lines[j]], j + 1
            else:
                continue
        for x in lines[j: j + 3]:  # the agency's name continued on the next lines (upper case, no address)
            if not x or ADDRESS.search(x) or not x.isupper() or re.search(r"\d", x) or INSTRUMENT.match(x) \
                    or re.match(r"^(NOMOR|TENTANG)\b", x):
                break
            if re.match(AGENCY_START, x):  # a unit under the one above ('KECAMATAN A' / 'KELURAHAN B'): the issuer
                parts = [x]
                continue
            parts.append(x)
        name = " ".join(parts).strip(" ,")
        meta["agency_name"] = _title_case(name) if _mostly_upper(name) else name
        addr = next((x for x in lines[i + 1: i + 8] if re.search(r"\b(jalan|jl)\b", x, re.I)), "")
        if addr:
            phone = re.search(r"Telp\.?\s*([()0-9 -]+)", addr, re.I)
            meta["phone"] = phone.group(1).strip() if phone else ""
            meta["address"] = re.sub(r"\s*,?\s*Telp\.?.*$", "", addr, flags=re.I).strip()


def agency_letterhead(lines: list[str], meta: dict) -> None:
    """No PEMERINTAH line: the agency heads the page ('SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH')
    and the next line names its region ('KABUPATEN GRESIK')."""
    if meta["government"] or meta["agency_name"]:
        return
    filled = [x for x in lines[:12] if x][:4]
    for x, y in zip(filled, filled[1:]):
        m = re.match(r"^(KABUPATEN|KOTA|PROVINSI)\s+([A-Z][A-Z ]+?),?$", y)
        if re.match(AGENCY_START, x) and x.isupper() and m and not ADDRESS.search(x):
            kind, region = m.group(1), m.group(2).strip()
            meta["government"] = f"Pemerintah {kind.title()} {region.title()}"
            if kind == "PROVINSI":
                meta["provinsi"] = region
            else:
                meta["kabupaten"] = f"{kind} {region}"
            meta["agency_name"] = _title_case(f"{x} {kind} {region}")
            return


def head_of_region(lines: list[str], meta: dict) -> None:
    """No PEMERINTAH line: a letterhead naming the head of the region ('BUPATI LEMBAH HIJAU',
    'WALI KOTA TELUK PERMATA') gives the region."""
    if meta["government"]:
        return
    for line in lines[:40]:
        m = re.match(r"^(BUPATI|WALI\s*KOTA|WALIKOTA|GUBERNUR)\s+([A-Z][A-Z ]+?),?$", line)
        if m:
            kind = {"BUPATI": "KABUPATEN", "GUBERNUR": "PROVINSI"}.get(m.group(1), "KOTA")
            region = m.group(2).strip()
            meta["government"] = f"Pemerintah {kind.title()} {region.title()}"
            if kind == "PROVINSI":
                meta["provinsi"] = region
            else:
                meta["kabupaten"] = f"{kind} {region}"
            return


def instrument(lines: list[str], meta: dict) -> None:
    """'KEPUTUSAN KEPALA BADAN ...' continued over the lines up to NOMOR / TENTANG; a trailing
    'KABUPATEN X' after a holder whose title names the place ('BUPATI BADUNG') is letterhead."""
    candidates = [i for i, line in enumerate(lines[:150]) if INSTRUMENT.match(line)]
    # a line carrying its NOMOR and subject inline cites the act (a table of contents, a Lampiran
    # heading); the act's own heading stands alone
    own = [i for i in candidates if not re.search(r"\bNOMOR\b", lines[i], re.I)]
    for i in own or candidates:
        line = lines[i]
        parts = [re.split(r"\s+NOMOR\b", line, flags=re.I)[0]]
        if not re.search(r"\bNOMOR\b", line, re.I):
            for x in _next_filled(lines, i, 4):
                if re.match(r"^(NOMOR|TENTANG)\b", x, re.I) or not x.isupper() or re.search(r"\d", x):
                    break
                parts.append(x)
        inst = re.sub(r"\s*,\s*$", "", " ".join(parts)).strip()
        m = PLACE_HOLDER.match(inst)
        if m:
            inst = re.sub(r"^(" + re.escape(m.group(0)) + r"\s+\S.*?)\s+(?:KABUPATEN|KOTA)\s+[A-Z ]+$", r"\1", inst)
        meta["instrument"] = _title_case(inst)
        return


def number(lines: list[str], meta: dict) -> None:
    for line in lines[:150]:
        m = re.match(r"^NOMOR\s*:?\s*(.+)$", line, re.I)
        if m:
            meta["number"] = m.group(1).strip(" *")
            return


def title(lines: list[str], meta: dict) -> None:
    """The subject after TENTANG, over its lines (blank lines between them too), up to the
    issuer's own line ('BUPATI X,'), DENGAN RAHMAT, or Menimbang."""
    for i, line in enumerate(lines[:150]):
        if not re.fullmatch(r"TENTANG", line.strip(" *#"), re.I):
            continue
        parts: list[str] = []
        blanks = 0
        following = lines[i + 1: i + 12]
        for k, x in enumerate(following):
            if not x:
                blanks += 1
                if parts and blanks > 2:
                    break
                continue
            if re.match(r"^(Menimbang|Mengingat|DENGAN\s+RAHMAT|[A-Za-z .]+,$)", x, re.I):
                break
            if parts and not following[k - 1] and _issuer_block(following[k:]):
                break  # the issuer's line over two lines ('KEPALA BADAN X' / 'PROVINSI Y,') opens the preamble
            parts.append(x.strip("# "))
        meta["title"] = " ".join(parts).strip()
        m = re.search(r"\bPERUBAHAN\s+(?:\w+\s+)?ATAS\s+(.+)$", meta["title"], re.I)
        if m:
            meta["amends"] = m.group(1).strip()
        return


def _issuer_block(lines: list[str]) -> bool:
    """The lines from here to the next blank line are the issuer's title: two or three upper-case
    lines, the last ending with ',' ('KEPALA PELAKSANA BADAN X' / 'PROVINSI Y,')."""
    block = []
    for x in lines:
        if not x:
            break
        block.append(x)
    # one line too, when the holder's name holds commas ('KEPALA DINAS KOMUNIKASI, INFORMATIKA DAN
    # PERSANDIAN PROVINSI X,')
    return 1 <= len(block) <= 3 and block[-1].endswith(",") and all(re.sub(r"[^A-Za-z]", "", y).isupper() for y in block)


def _own_years(text: str) -> tuple[str, str] | None:
    """The span of the 'Tahun 2022[-2026]' of a text that are not the year of a cited regulation
    ('IKU ... Tahun 2024-2026 dan IKI Tahun 2024': 2024-2026)."""
    found = None
    for m in YEARS.finditer(text):
        before = text[max(0, m.start() - 90): m.start()]
        if CITED.search(before):
            continue
        a, b = m.group(1), m.group(2) or m.group(1)
        found = (min(found[0], a), max(found[1], b)) if found else (a, b)
    return found


def period(lines: list[str], meta: dict) -> None:
    """The decree's own period: its title's, else its cover's (the lines before the instrument,
    a bare '2022' line too), else the first own year in its body."""
    years = _own_years(meta["title"]) if meta["title"] else None
    if not years:
        inst_line = next((i for i, x in enumerate(lines[:150]) if INSTRUMENT.match(x)), 40)
        for x in lines[:inst_line]:
            if re.fullmatch(r"20\d\d", x):
                years = (x, x)
                break
            years = years or _own_years(x)
    if not years:
        for n, x in enumerate(lines, start=1):
            if re.match(r"^(?:-\s*)?(Mengingat|\d{1,2}\.\s)", x) and CITED.search(x):
                continue
            years = _own_years(x)
            if years:
                _guess(meta, "period", f"the title names no year: read from line {n} of the body "
                       f"({years[0]}-{years[1]})")
                break
    if years:
        meta["period_start"], meta["period_end"] = years


IKI_YEAR = re.compile(r"indikator\s+kinerja\s+individu\b(?:\s*\(IKI\))?[^.;:]{0,80}?\btahun\s+(20\d\d)\b(?!\s*(?:[-–]|s\.?\s*d|sampai))",
                      re.I)


def iki_year(lines: list[str], meta: dict) -> None:
    """A decree whose period spans several years may name the one year of its IKI ('Indikator
    Kinerja Utama ... Tahun 2024-2026 dan Indikator Kinerja Individu Tahun 2024'): the year of
    the position tables' targets that name none."""
    if meta["period_start"] == meta["period_end"]:
        return
    for x in lines:
        if re.match(r"^(?:-\s*)?(Mengingat|\d{1,2}\.\s)", x) and CITED.search(x):
            continue
        m = IKI_YEAR.search(x)
        if m and not CITED.search(x[max(0, m.start() - 90): m.start()]):
            meta["iki_year"] = m.group(1)
            return


def agency_in_full(lines: list[str], meta: dict) -> None:
    """'Dinas Perhubungan' on the letterhead, 'DINAS PERHUBUNGAN KABUPATEN WATU GEDE' in the
    title: the agency's name in full. A kecamatan or kelurahan is a place and keeps its name."""
    region = meta["kabupaten"] or (f"PROVINSI {meta['provinsi']}" if meta["provinsi"] else "")
    haystack = f"{meta['title']} {meta['instrument']}"
    name = meta["agency_name"]
    if not region:
        return
    region_re = r"\s*".join(map(re.escape, region.split()[1:])) or "~"
    kind_re = r"(?:KABUPATEN|KAB\.?|KOTA|PROVINSI)"
    if not name and meta["government"] and not re.search(r"\b(?:PERANGKAT\s+DAERAH|OPD|SKPD|LINGKUNGAN)\b",
                                                         meta["title"], re.I) and re.search(r"\bPEMERINTAH\s+(?:DAERAH\s+)?" + kind_re + r"\s+" + region_re,
                                                     meta["title"], re.I):
        # 'INDIKATOR KINERJA UTAMA PEMERINTAH PROVINSI X': the government's own indicators
        meta["agency_name"] = meta["government"]
        return
    if not name:  # no agency on the letterhead: the one the title names
        m = re.search(r"(" + AGENCY_START + r"[A-Za-z ,&]*?)\s+" + kind_re + r"\s+" + region_re, haystack, re.I)
        if m and not re.match(r"(KECAMATAN|KELURAHAN|KAPANEWON|KEMANTREN|DISTRIK)", m.group(1), re.I) \
                and not re.search(r"\s(?:DI|PADA)(?:\s+LINGKUNGAN)?$", m.group(1), re.I):
            meta["agency_name"] = _title_case(f"{m.group(1)} {region}")
            _guess(meta, "agency", "no agency on the letterhead: the one the title or instrument names")
        return
    if re.match(r"(kecamatan|kelurahan)\b", name, re.I) or re.search(kind_re + r"\s+\S", name, re.I):
        return
    words = r"\s*".join(map(re.escape, name.upper().split()))
    m = re.search(words + r"(?P<more>[A-Z ]{0,60}?)\s*" + kind_re + r"\s+" + region_re, haystack.upper())
    if m:
        meta["agency_name"] = _title_case(f"{name} {m.group('more').strip()} {region}".replace("  ", " "))
        return
    # the title abbreviates the letterhead's name ('RSUD X PROVINSI Y' for 'RUMAH SAKIT UMUM DAERAH
    # X'): the letterhead's name with the region
    upper = name.upper().split()
    for k in range(len(upper) - 1, 1, -1):
        initials = "".join(w[0] for w in upper[:k])
        rest = r"\s*".join(map(re.escape, upper[k:]))
        if re.search(r"\b" + initials + r"\s+" + rest + r"\s*" + kind_re + r"\s+" + region_re, haystack.upper()):
            meta["agency_name"] = _title_case(f"{name} {region}")
            return
    # the letterhead abbreviates ('SEKRETARIAT DPRD'), the title writes the name in full: the
    # title's name of the same kind ('SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH KABUPATEN X')
    first = name.split()[0].upper()
    m = re.search(r"\b(" + re.escape(first) + r"\b[A-Z ,&]*?)\s+" + kind_re + r"\s+" + region_re, haystack.upper())
    if m:
        meta["agency_name"] = _title_case(f"{m.group(1).strip()} {region}")


def signature(lines: list[str], meta: dict) -> None:
    """'Ditetapkan di X' (the first), the date near it, the signer's title over the lines up to
    the one ending with ',' (or the first line), the signer's name after it."""
    for i, line in enumerate(lines):
        m = re.match(r"^Ditetapkan\s*:?\s*(?:di)?\s*:?\s*(.+)$", line, re.I)
        if not m:
            continue
        meta["signed_at"] = re.split(r"\s+pada\s+tanggal\b", m.group(1), flags=re.I)[0].strip(" :,")
        for x in lines[i: i + 4]:
            d = DATE.search(x)
            if d:
                meta["signed_on"] = f"{int(d.group(3)):04d}-{MONTHS[d.group(2).lower()]:02d}-{int(d.group(1)):02d}"
                break
            n = NUMERIC_DATE.search(x) if re.search(r"\btanggal\b", x, re.I) else None
            if n and 1 <= int(n.group(1)) <= 31 and 1 <= int(n.group(2)) <= 12:  # '06-01-2025': day-month-year (V99)
                meta["signed_on"] = f"{int(n.group(3)):04d}-{int(n.group(2)):02d}-{int(n.group(1)):02d}"
                break
        rest = [x for x in lines[i + 1: i + 16] if x and not re.match(r"^(pada\s+tanggal|tanggal)\b", x, re.I)
                and not DATE.search(x)]
        if not rest:
            return
        title_lines = []
        for x in rest[:4]:
            title_lines.append(x)
            if x.endswith(","):
                break
        else:
            _guess(meta, "signer_title", "no line of the signature block ends with ',': the signer's title is "
                   "its first line")
            # no line ends with ',': the first, and the region on the line under it
            # ('KEPALA DINAS PERIKANAN' / 'KABUPATEN SUMENEP')
            title_lines = rest[:1]
            if len(rest) > 1 and re.match(r"^(KABUPATEN|KOTA|PROVINSI)\s+[A-Z][A-Z ]+$", rest[1]):
                title_lines = rest[:2]
        title_lines = [x for k, x in enumerate(title_lines) if not _stamp(x, title_lines[k + 1:])]
        meta["signer_title"] = " ".join(title_lines).rstrip(",").strip()
        after = rest[len(title_lines):]
        if after and ESIGNED.match(after[0]):
            # 'KEPALA BADAN,' / 'Ditandatangani secara elektronik oleh:' / the full title / the name (V91)
            signed: list[str] = []
            for x in after[1:5]:
                signed.append(x)
                if x.endswith(","):
                    break
            full = " ".join(signed).rstrip(",").strip()
            if signed and signed[-1].endswith(",") and full.upper().startswith(meta["signer_title"].upper()):
                meta["signer_title"] = full
                after = after[1 + len(signed):]
            else:
                after = after[1:]
        for x in after:
            if NOT_A_NAME.match(x) or x.endswith(","):
                continue
            if re.search(r"[A-Z]{3,}", x):
                meta["signer_name"] = RANK.sub("", x).strip()
            break
        return


def _stamp(line: str, later: list[str]) -> bool:
    """The official stamp (cap) over a signature, read by OCR as a line of its own: a short
    fragment of the agency's name that the title line after it writes in full ('DINAS
    KEPEHDUDUKAH' before 'KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,')."""
    words = line.upper().split()
    if not words or line.endswith(",") or len(words) > 4 or re.match(r"^(a\.?\s*n|u\.?\s*b|plt|plh)\b", line, re.I):
        return False
    for x in later:
        seq = x.upper().rstrip(",").split()
        for k in range(len(seq) - len(words) + 1):
            if all(difflib.SequenceMatcher(None, w, v).ratio() >= 0.75 for w, v in zip(words, seq[k:])):
                return True
    return False


RULES = (letterhead, agency_letterhead, head_of_region, instrument, number, title, period, iki_year, agency_in_full, signature)


def extract(text: str) -> dict:
    lines = _lines(text)
    meta = {k: "" for k in ("government", "agency_name", "instrument", "number", "title", "signed_on",
                            "signed_at", "signer_title", "signer_name", "address", "phone", "period_start",
                            "period_end", "kabupaten", "provinsi", "amends", "iki_year")}
    for rule in RULES:
        rule(lines, meta)
    return meta

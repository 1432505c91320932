"""A tile map of Indonesia's 38 provinces: one square per province on a hand-placed grid
that roughly follows geography (no outside geodata), coloured by the number of agencies
published, each tile a link to its province page. Drawn at build time as inline SVG with
presentation attributes only (the Content-Security-Policy allows no inline style), with an
accessible name per tile and the same figures in a data table beside it."""
from __future__ import annotations

from dataclasses import dataclass

# code: (column, row, short label). West to east, north to south: Sumatra from Aceh down
# to Lampung, Java and Nusa Tenggara along the bottom, Kalimantan, Sulawesi, Maluku, Papua.
TILES: dict[str, tuple[int, int, str]] = {
    "11": (0, 0, "ACEH"), "21": (3, 0, "KEPRI"), "65": (6, 0, "KALTARA"), "75": (8, 0, "GTLO"),
    "71": (9, 0, "SULUT"), "82": (10, 0, "MALUT"),
    "12": (1, 1, "SUMUT"), "14": (2, 1, "RIAU"), "61": (4, 1, "KALBAR"), "64": (6, 1, "KALTIM"),
    "72": (8, 1, "SULTENG"), "96": (11, 1, "PBD"), "92": (12, 1, "PABAR"),
    "13": (1, 2, "SUMBAR"), "15": (2, 2, "JAMBI"), "19": (3, 2, "BABEL"), "62": (5, 2, "KALTENG"),
    "63": (6, 2, "KALSEL"), "76": (7, 2, "SULBAR"), "73": (8, 2, "SULSEL"), "74": (9, 2, "SULTRA"),
    "81": (10, 2, "MALUKU"), "94": (12, 2, "PTENG"), "91": (13, 2, "PAPUA"),
    "17": (2, 3, "BKL"), "16": (3, 3, "SUMSEL"), "95": (13, 3, "PPEG"),
    "18": (3, 4, "LPG"), "31": (4, 4, "DKI"), "93": (13, 4, "PSEL"),
    "36": (4, 5, "BANTEN"), "32": (5, 5, "JABAR"), "33": (6, 5, "JATENG"), "35": (7, 5, "JATIM"),
    "51": (8, 5, "BALI"), "52": (9, 5, "NTB"), "53": (10, 5, "NTT"),
    "34": (6, 6, "DIY"),
}
# Kemendagri names, for provinces without an agency yet (the others take the data's name)
NAMES = {
    "11": "ACEH", "12": "SUMATERA UTARA", "13": "SUMATERA BARAT", "14": "RIAU", "15": "JAMBI",
    "16": "SUMATERA SELATAN", "17": "BENGKULU", "18": "LAMPUNG", "19": "KEPULAUAN BANGKA BELITUNG",
    "21": "KEPULAUAN RIAU", "31": "DKI JAKARTA", "32": "JAWA BARAT", "33": "JAWA TENGAH",
    "34": "DAERAH ISTIMEWA YOGYAKARTA", "35": "JAWA TIMUR", "36": "BANTEN", "51": "BALI",
    "52": "NUSA TENGGARA BARAT", "53": "NUSA TENGGARA TIMUR", "61": "KALIMANTAN BARAT",
    "62": "KALIMANTAN TENGAH", "63": "KALIMANTAN SELATAN", "64": "KALIMANTAN TIMUR", "65": "KALIMANTAN UTARA",
    "71": "SULAWESI UTARA", "72": "SULAWESI TENGAH", "73": "SULAWESI SELATAN", "74": "SULAWESI TENGGARA",
    "75": "GORONTALO", "76": "SULAWESI BARAT", "81": "MALUKU", "82": "MALUKU UTARA", "91": "PAPUA",
    "92": "PAPUA BARAT", "93": "PAPUA SELATAN", "94": "PAPUA TENGAH", "95": "PAPUA PEGUNUNGAN",
    "96": "PAPUA BARAT DAYA",
}
# (lowest count, fill, text colour): a sequential scale; text contrast >= 4.5:1 on each fill
BINS = ((0, "#e8eaed", "#3c4043"), (1, "#c6e6e3", "#10302d"), (5, "#7fc4bd", "#0b2624"),
        (25, "#23756d", "#ffffff"), (100, "#154f4a", "#ffffff"), (500, "#0a2b28", "#ffffff"))
PITCH, SIZE = 64, 60  # grid step and tile side, in SVG units


@dataclass
class Tile:
    code: str
    name: str
    label: str
    col: int
    row: int
    agencies: int
    indicators: int
    fill: str
    ink: str
    href: str  # '' when the province has no page (no agency)
    current: bool


def bin_of(n: int) -> tuple[int, str, str]:
    return [b for b in BINS if n >= b[0]][-1]


def legend() -> list[tuple[str, str]]:
    """(range label, fill) per bin: '0', '1-4', ..., '500+'."""
    out = []
    for k, (lo, fill, _) in enumerate(BINS):
        hi = BINS[k + 1][0] - 1 if k + 1 < len(BINS) else None
        out.append((str(lo) if hi == lo or lo == 0 else (f"{lo}–{hi}" if hi is not None else f"{lo}+"), fill))
    return out


ACRONYMS = {"DKI"}


def title(name: str) -> str:
    """'DKI JAKARTA' -> 'DKI Jakarta': title case, acronyms kept."""
    return " ".join(w if w in ACRONYMS else w.capitalize() for w in name.split())


def tiles(portal, link, current: str = "") -> list[Tile]:
    """Every province's tile; link('region', code=...) -> the province page's URL."""
    agencies: dict[str, int] = {}
    indicators: dict[str, int] = {}
    names: dict[str, str] = {}
    for a in portal.agencies:
        if a.province:
            c = a.province.code
            agencies[c] = agencies.get(c, 0) + 1
            indicators[c] = indicators.get(c, 0) + a.current.n_indicators
            names[c] = a.province.name
    out = []
    for code, (col, row, label) in sorted(TILES.items()):
        n = agencies.get(code, 0)
        _, fill, ink = bin_of(n)
        out.append(Tile(code, title(names.get(code, NAMES[code])), label, col, row, n, indicators.get(code, 0),
                        fill, ink, link("region", code=code) if n else "", code == current))
    return out


def size() -> tuple[int, int]:
    cols = max(c for c, _, _ in TILES.values()) + 1
    rows = max(r for _, r, _ in TILES.values()) + 1
    return cols * PITCH, rows * PITCH

"""Targets as Indonesian decrees write them -> number, upper bound, comparator and unit.

Indonesian separators: "." groups thousands, "," marks decimals ("1.250" = 1250,
"12,5" = 12.5, "245.810,5" = 245810.5, "Rp 2.350.000.000,-" = 2350000000). A lone "."
followed by exactly three digits groups thousands ("4.230" = 4230); any other lone "." is a
decimal point ("12.5", "0.75"). A lone "," is a decimal comma; several commas group thousands.

    read_target("≥ 90%")        -> Reading("≥ 90%", 90, None, ">=", "%")   ("exact" for a plain number)
    read_target("80 s.d. 85 %") -> Reading(..., 80, 85, "range", "%")
    read_target("WTP")          -> Reading("WTP", None, None, "", "")   a grade or opinion: text only
    read_target("Rp 23,47 T")   -> Reading(..., 23470000000000, None, "exact", "Rp")  (ribu, juta, miliar, triliun)
    read_target("-")            -> None                                 no target

Tables of words, not cases: COMPARATOR_WORDS, RANGE_WORDS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import strip_html

NO_TARGET = {"", "-", "–", "—", "--", "n/a", "na", "tidak ada", "belum ada"}
# a number as written: digits with "." and "," separators (not starting or ending with one)
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
COMPARATOR_WORDS = (
    (">=", r"≥|>\s*=|=\s*>|\bminimal\b|\bminimum\b|\bmin\.?(?=\s)|\bpaling\s+(?:sedikit|rendah)\b|"
           r"\bsekurang[-\s]kurangnya\b|\bsekurangnya\b|\batau\s+lebih\b|\bke\s+atas\b"),
    ("<=", r"≤|<\s*=|=\s*<|\bmaksimal\b|\bmaksimum\b|\bmaks\.?(?=\s)|\bmax\.?(?=\s)|\bpaling\s+(?:banyak|tinggi)\b|"
           r"\bsebanyak[-\s]banyaknya\b|\bsetinggi[-\s]tingginya\b|\batau\s+kurang\b|\bke\s+bawah\b"),
    (">", r">|\blebih\s+dari\b|\bdi\s+atas\b"),
    ("<", r"<|\bkurang\s+dari\b|\bdi\s+bawah\b"),
)
RANGE_WORDS = r"\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|sd)\s*"
CURRENCY_TAIL = re.compile(r"(?<=\d),(?:-|00)(?=\s|$|,)|(?<=\d)\.-(?=\s|$)")


@dataclass(frozen=True)
class Reading:
    text: str                 # as written (markup out, spaces collapsed)
    value: float | None       # the number; the lower bound of a range
    value_max: float | None   # the upper bound of a range
    comparator: str           # "exact", ">=", "<=", ">", "<", "range", or "" when there is no number
    unit: str                 # what is left beside the number ("%", "dokumen", "Rp"), as written


def number(token: str) -> float | None:
    """One number written with Indonesian (or, where unambiguous, English) separators."""
    t = token.strip()
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", t):
        return None
    dots, commas = t.count("."), t.count(",")
    if dots and commas:  # the separator written last marks the decimals
        dec, group = ("," , ".") if t.rfind(",") > t.rfind(".") else (".", ",")
        if t.count(dec) > 1:
            return None
        t = t.replace(group, "").replace(dec, ".")
    elif dots > 1:
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
            return None
        t = t.replace(".", "")
    elif dots == 1:
        whole, frac = t.split(".")
        if len(frac) == 3 and whole.lstrip("0"):
            t = whole + frac                     # "4.230": thousands
    elif commas > 1:
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
            return None
        t = t.replace(",", "")
    elif commas == 1:
        t = t.replace(",", ".")                  # "12,5": a decimal comma
    return float(t)


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" :;,")
    return text.strip()


def read_target(raw: str) -> Reading | None:
    """A target cell (one item) -> Reading, or None when the cell sets no target ("-", empty)."""
    text = strip_html(raw or "")
    if text.strip().lower().strip(".") in NO_TARGET:
        return None
    body = CURRENCY_TAIL.sub("", text)
    comparator = ""
    for sign, pattern in COMPARATOR_WORDS:
        m = re.search(pattern, body, re.I)
        if m:
            comparator = sign
            body = body[:m.start()] + " " + body[m.end():]
            break
    rng = re.search(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s*(%?)" + RANGE_WORDS + r"(\d+(?:[.,]\d+)*)(?![\w])", body, re.I)
    if rng and not comparator:
        low, high = number(rng.group(1)), number(rng.group(3))
        if low is not None and high is not None and low <= high:
            unit = _tidy(body[:rng.start()] + " " + rng.group(2) + " " + body[rng.end():])
            unit = _tidy(unit.replace("% %", "%"))
            return Reading(text, low, high, "range", unit)
    numbers = NUMBER.findall(body)
    if len(numbers) != 1:      # no number (a grade, an opinion) or several that are not a range
        return Reading(text, None, None, "", "")
    value = number(numbers[0])
    if value is None:
        return Reading(text, None, None, "", "")
    m = NUMBER.search(body)
    unit = _tidy(body[:m.start()] + " " + body[m.end():])
    grade = re.fullmatch(r"([A-E][+-]?|AA|BB|CC)\s*\(?", unit)
    if grade:                 # "B (65)": a grade with its score; the score is the value
        unit = ""
    value, unit = _magnitude(value, unit)
    return Reading(text, value, None, comparator or "exact", unit)


# 'Rp 23,47 T', '2,5 miliar', '150 juta': the word scales the number ('M' and 'T' only with Rp:
# alone they may be metres or tonnes)
MAGNITUDE = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
             "trilyun": 1e12}
MONEY_MAGNITUDE = {"m": 1e9, "t": 1e12, "jt": 1e6, "rb": 1e3}


def _magnitude(value: float, unit: str) -> tuple[float, str]:
    money = bool(re.search(r"\bRp\b", unit, re.I))
    m = re.search(r"(?<![\w])(ribu|rb|juta|jt|miliar|milyar|triliun|trilyun|M|T)\.?(?![\w])", unit, re.I)
    if not m:
        return value, unit
    word = m.group(1)
    scale = MAGNITUDE.get(word.lower()) if len(word) > 1 else (MONEY_MAGNITUDE.get(word.lower()) if money else None)
    if not scale:
        return value, unit
    return round(value * scale, 6), _tidy(unit[:m.start()] + " " + unit[m.end():])

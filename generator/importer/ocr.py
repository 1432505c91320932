"""OCR damage in a cell: junk that must never become a goal or an indicator, and suspect text
that is kept but flagged ('ocr-suspect'). Rules about character shapes, not about words of
particular decrees; the small vocabulary holds the words every indicator table repeats."""
from __future__ import annotations

import re

from .cells import strip_html

WORD = re.compile(r"[A-Za-z]{3,}")
# words that open most indicator names and goals: a one-letter miss of one is an OCR slip
VOCABULARY = ("persentase", "jumlah", "indeks", "tingkat", "nilai", "rasio", "cakupan", "capaian",
              "meningkatnya", "tersedianya", "terlaksananya", "tersusunnya", "terwujudnya", "dokumen",
              "laporan", "kinerja", "pelayanan", "pegawai", "kegiatan", "pelaksanaan", "penyusunan")
STRAY = re.compile(r"[|?¦§¬~^]|\d[A-Za-z]{3,}")


def _near_miss(word: str) -> bool:
    w = word.lower()
    if len(w) < 6 or w in VOCABULARY:
        return False
    for v in VOCABULARY:
        if len(v) == len(w) and sum(a != b for a, b in zip(v, w)) == 1 and w[:3] == v[:3]:
            return True
    return False


def junk(text: str) -> bool:
    """No word in it, or a short cell made of stray marks ('Trained?', 'T 11 .', '|')."""
    t = strip_html(text).strip()
    if not t:
        return False
    if not WORD.search(t):
        return True
    words = t.split()
    return len(words) <= 2 and bool(re.search(r"[?|]", t))


def suspect(text: str) -> bool:
    """Signs of OCR damage in text that is kept: stray '|' or '?', digits glued into words
    ('1 3dokumen'), a one-letter miss of a common word ('Persentasc')."""
    t = strip_html(text)
    t = re.sub(r"\$[^$]*\$", " ", t)  # LaTeX is not OCR text
    if STRAY.search(re.sub(r"\b\d+(?:[.,]\d+)*(?:%|\s*(?:th|tahun|x))?\b", " ", t)):
        return True
    return any(_near_miss(w) for w in re.findall(r"[A-Za-z]+", t))

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


# ---- characters OCR confuses: O/0, l/1/I (V90) ----

# a number with a letter read for a digit: '2O25', 'l4', '1.2OO' (at least one real digit)
NUMBER_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?=[0-9OolI.,]*\d)[0-9OolI][0-9OolI.,]*[0-9OolI](?![A-Za-z0-9])")
DIGIT_OF = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


def digits(text: str) -> str:
    """Numbers whose digits OCR read as letters ('2O25', 'l4 Pebruari', '1.2OO') written with
    digits; words and Roman numerals (no digit in them) are left alone."""
    def fix(m: re.Match) -> str:
        tok = m.group(0)
        letters = sum(ch in "OolI" for ch in tok)
        real = sum(ch.isdigit() for ch in tok)
        return tok.translate(DIGIT_OF) if letters and real >= letters else tok
    return NUMBER_TOKEN.sub(fix, text)


def letters(text: str) -> str:
    """Words with a digit read for a letter ('akuntabi1itas', 'N0', 'Formu1asi') or a lower-case 'l'
    read for a capital 'I' ('lndikator', 'DlNAS', 'lNDIKATOR'): the letters."""
    text = re.sub(r"(?<=[A-Za-z])1(?=[a-z])|(?<=[a-z])1(?=[A-Za-z])", "l", text)
    text = re.sub(r"(?<=[A-Za-z])0(?=[A-Za-z]|\b)|\b0(?=[A-Za-z])", lambda m: "O" if m.string[max(m.start() - 1, 0)].isupper()
                  else "o", text)
    text = re.sub(r"(?<=[A-Z])l(?=[A-Z])|\bl(?=[A-Z]{2})", "I", text)  # 'DlNAS', 'lNDIKATOR'
    return re.sub(r"\bl(?=[bcdfghjkmnpqrstvwxz][a-z])", "I", text)  # 'lndikator': no word starts 'ln'


# a label word OCR split with a space ('Jabat an :', 'T ugas')
SPLIT_LABEL = re.compile(r"\b(?:j ?a ?b ?a ?t ?a ?n|t ?u ?g ?a ?s|f ?u ?n ?g ?s ?i)\b", re.I)


def label_words(line: str) -> str:
    """'l. Jabat an : X' -> '1. Jabatan : X': a label word split by OCR, and its number read as 'l'."""
    out = SPLIT_LABEL.sub(lambda m: m.group(0).replace(" ", ""), line)
    return re.sub(r"^(\s*)[lI](\.\s*(?:jabatan|tugas|fungsi)\b)", r"\g<1>1\2", out, flags=re.I)

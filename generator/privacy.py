"""Personal identifiers of officials (NIP, the 18-digit civil-servant number) are never
published: not in data, pages, downloads, nor in the decree texts we republish. One
detector for the whole project: the validator (every CSV cell and descriptor text), the
importer's redaction and the safety scan of the built site (`generator check`) all call
find_nip / redact here.

An NIP is yyyymmdd (birth date) yyyymm (appointment) s (sex, 1 or 2) nnn (serial). It is
found however it is written: with any separators between its digits (spaces, - / , . and
the like), in fullwidth or other Unicode digits, with zero-width characters inside, or
bare; and, after the label 'NIP', even OCR-damaged. Text cells a spreadsheet would run as
a formula are recognised here too (formula_like).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

REDACTED = "[disensor]"
# Invisible characters that may sit inside a number without showing: zero-width space,
# non-joiner, joiner, word joiner, BOM, soft hyphen, invisible separators.
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2062", "\u2063", "\u2064", "\u180e"}
SPECIAL = re.compile("[" + "".join(sorted(INVISIBLE)) + "\u3000\u00a0\u2007\u2009\u202f\uff01-\uff5e]|(?![0-9])\\d")
# Between two digits of one number: up to two separator characters on one line.
SEP = r"(?:[^\w\n]|_){0,2}"
# A written number of 18 digits or more: digits, each within two separators of the next,
# taken whole (a match cannot stop before the run's last digit, nor start after its first:
# SEP never takes a digit, so the next one is always reached).
LONG_RUN = re.compile(r"\d(?:" + SEP + r"\d){17,}", re.ASCII)
STRUCTURE = re.compile(r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"  # born yyyymmdd
                       r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])"  # appointed yyyymm
                       r"[12][0-9]{3}")  # sex, serial
# 'NIP' label followed by digits, even OCR-damaged ones ('NIP 1965116 198703 1 006').
# After the label, OCR letters read for digits (O for 0, l and I for 1) count as digits; the
# value holds at least one real digit and does not end inside a word.
LABELLED = re.compile(r"\b(NIP)(\.?\s*:?\s*)((?=[0-9OIl .,/-]*[0-9])[0-9OIl][0-9OIl .,/-]{5,}[0-9OIl](?![a-z]))",
                      re.IGNORECASE | re.ASCII)
NOT_ASCII_DIGIT = re.compile(r"[^0-9]+")
ANY_DIGIT = re.compile(r"\d")  # any decimal digit, fullwidth ones too
# The spaced 8-6-1-3 shape even when OCR lost or changed a digit ('WIF 1365116 198703 1 006').
SHAPE = re.compile(r"(?<![0-9])[0-9]{6,9}[\s.,/-]+[0-9]{5,7}[\s.,/-]+[0-9][\s.,/-]+[0-9]{3}(?![0-9])", re.ASCII)
# Without the label, every form above needs at least this many digits (SHAPE: 6+5+1+3).
FEWEST_UNLABELLED = 15
ENOUGH_DIGITS = re.compile(rf"\d(?:\D*\d){{{FEWEST_UNLABELLED - 1}}}")  # that many, anywhere


@dataclass(frozen=True)
class NipMatch:
    """Where an NIP was found in the original text (start, end) and what it reads."""

    start_at: int
    end_at: int
    text: str

    def start(self) -> int:
        return self.start_at

    def end(self) -> int:
        return self.end_at

    def group(self, n: int = 0) -> str:
        return self.text


ALL_BYTES = bytes(range(256))
ASCII_BYTES = bytes(b for b in ALL_BYTES if chr(b).isascii())


def _non_ascii(text: str) -> str:
    """The text's non-ASCII characters, in order (every character SPECIAL matches is one): its
    UTF-8 with the ASCII bytes deleted (no byte of a multi-byte character is ASCII), in C
    at memory speed; a page of 65 KB took ~1 ms with the pattern. Lone surrogates (a
    \\ud800 escape in JSON) pass through as they are."""
    return text.encode("utf-8", "surrogatepass").translate(None, ASCII_BYTES).decode("utf-8", "surrogatepass")


def _normal(text: str) -> tuple[str, list[int] | range]:
    """The text with every decimal digit as ASCII and invisible characters dropped, and
    for each of its characters the index of the original one."""
    if text.isascii() or not SPECIAL.search(_non_ascii(text)):
        return text, range(len(text))
    chars, where = [], []
    for i, c in enumerate(text):
        if c in INVISIBLE:
            continue
        if c.isdecimal() and not c.isascii():
            c = str(unicodedata.decimal(c))
        elif c in "\u3000\u00a0\u2007\u2009\u202f":
            c = " "
        elif "\uff01" <= c <= "\uff5e":  # fullwidth punctuation and letters: their ASCII form
            c = chr(ord(c) - 0xFEE0)
        chars.append(c)
        where.append(i)
    return "".join(chars), where


def _structured(norm: str) -> list[tuple[int, int]]:
    """Spans (in norm) of 18 digits with the NIP structure that start and end where a
    written number starts and ends (never the middle of a longer group of digits)."""
    out = []
    for run in LONG_RUN.finditer(norm):  # only the runs that hold 18 digits
        if not STRUCTURE.search(NOT_ASCII_DIGIT.sub("", run.group(0))):
            continue  # no 18 digits in a row with the structure, even with every separator gone
        digits = [run.start() + j for j, c in enumerate(run.group(0)) if c.isdigit()]
        s = "".join(norm[p] for p in digits)
        for k in range(len(digits) - 17):
            starts = k == 0 or digits[k] - digits[k - 1] > 1
            ends = k + 18 == len(digits) or digits[k + 18] - digits[k + 17] > 1
            if starts and ends and STRUCTURE.fullmatch(s, k, k + 18):
                out.append((digits[k], digits[k + 17] + 1))
    return out


# What each form needs, asked of the normalised text's UTF-8 bytes with bytes operations
# (translate, `in`, a search from a literal prefix), which run in C at memory speed where the
# forms' own patterns try a match at every digit (a built page is ~65 KB with thousands of
# digits in its icons' paths: 6 ms per page for the three patterns, 1 ms for these):
# - LABELLED: the letters 'nip' in a row, in any ASCII case (bytes.lower folds ASCII only,
#   as re.IGNORECASE | re.ASCII does);
# - SHAPE: its skeleton with every ASCII digit read as '0', each of its separators
#   [\s.,/-] (ASCII whitespace) as 's', every other byte (letters, non-ASCII) as 'x';
# - _structured: 18 digits of one LONG_RUN with the NIP structure. Between two digits of a
#   run there are only separators, never a letter or a digit, so with every byte but ASCII
#   letters and digits deleted, the 18 digits are adjacent: STRUCTURE is found in that.
# Each is a necessary condition, so a text that meets none holds no NIP (_may_hold). Many
# texts at once: any_nip.
SKELETON = b"".join(b"0" if b in b"0123456789" else b"s" if b in b" \t\n\r\f\v.,/-" else b"x" for b in ALL_BYTES)
SHAPE_SKELETON = re.compile(rb"0000000{0,3}s+000000{0,2}s+0s+000")  # SHAPE without its look-arounds
NOT_ALNUM = ALL_BYTES.translate(None, b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
STRUCTURE_BYTES = re.compile(STRUCTURE.pattern.encode())


def _may_hold(norm: str) -> bool:
    """False when none of the forms (_structured, LABELLED, SHAPE) can be in norm, the
    normalised text: a necessary condition of each (above), checked in C."""
    data = norm.encode("utf-8", "surrogatepass")
    return (b"nip" in data.lower() or SHAPE_SKELETON.search(data.translate(SKELETON)) is not None
            or STRUCTURE_BYTES.search(data.translate(None, NOT_ALNUM)) is not None)


def _spans(text: str) -> list[tuple[int, int]]:
    """Spans in the original text of everything that reads as an NIP, merged."""
    norm, where = _normal(text)
    if not _may_hold(norm):
        return []
    found = _structured(norm)
    found += [m.span(3) for m in LABELLED.finditer(norm)]
    found += [m.span() for m in SHAPE.finditer(norm)]
    spans = sorted((where[a], where[b - 1] + 1) for a, b in found if b > a)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _could_hold(text: str) -> bool:
    """False when no form can match: fewer digits than an unlabelled NIP needs and no 'NIP'
    label (as the label's pattern reads the normalised text). Most cells end here, without
    the normalisation and the four patterns (validation runs this on every cell). An ASCII
    text is its own normal form, so what each form needs is asked of it directly (_may_hold;
    identifiers such as 'dinas-00012-35-01-iki-2024--jabatan-3--7' hold 15 digits but none
    of these)."""
    if text.isascii():
        return _may_hold(text)
    if ENOUGH_DIGITS.search(text):
        return True
    return "nip" in _normal(text)[0].lower()


# Between texts searched as one: a line break ends a run of digits (LONG_RUN's separators
# never take one), and the letter after it stops the spaced shape (whose separators do take
# line breaks) and the labelled form (whose value starts with a digit or an OCR letter: O, I,
# l); the line break before the next text is a word boundary, as a text's start is for the
# label. So no form found in the joined texts spans two of them.
BETWEEN = "\nx\n"


def any_nip(texts: list[str]) -> bool:
    """Whether any of the texts holds an NIP (find_nip of each): one search over them all,
    joined by BETWEEN, which no form crosses (the validator asks this of every package's
    cells at once, then looks for the cells only when the answer is yes)."""
    return find_nip(BETWEEN.join(texts)) is not None


def find_nip(text: str) -> NipMatch | None:
    """The first NIP in text, or None."""
    if not text or not ANY_DIGIT.search(text) or not _could_hold(text):
        return None
    spans = _spans(text)
    if not spans:
        return None
    a, b = spans[0]
    return NipMatch(a, b, text[a:b])


def redact(text: str) -> str:
    """Replace every NIP by [disensor], keeping each line break inside it so that line
    numbers stay valid. No digit of an NIP is left behind."""
    if not text or not ANY_DIGIT.search(text):
        return text
    out, last = [], 0
    for a, b in _spans(text):
        out.append(text[last:a])
        out.append(REDACTED + "\n" * text.count("\n", a, b))
        last = b
    out.append(text[last:])
    return "".join(out)


# A cell a spreadsheet would run as a formula: = + @ (or their fullwidth forms), a - not
# followed by a number, a tab or carriage return; also after leading blanks, which
# LibreOffice and Excel skip when they guess a cell's type.
FORMULA_START = "=+@-\uff1d\uff0b\uff20\uff0d\u2212"
BLANKS = " \t\r\n\u00a0\u3000\u2007\u2009\u202f"


def formula_like(value: str) -> bool:
    if not value:
        return False
    if value[0] in "\t\r":
        return True
    rest = value.lstrip(BLANKS + "".join(INVISIBLE))
    if not rest or rest[0] not in FORMULA_START:
        return False
    if rest[0] in "-\uff0d\u2212":
        tail = rest[1:].strip()
        return bool(tail) and not re.fullmatch(r"[0-9]+([.,][0-9]+)?%?", tail)
    return True


def has_lone_surrogate(text: str) -> bool:
    """A surrogate code point on its own (from a \\ud800 escape in JSON): not encodable."""
    return any("\ud800" <= c <= "\udfff" for c in text)

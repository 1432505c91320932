"""The decree text as numbered lines: reading it safely, and what its ending tells (V26)."""
from __future__ import annotations

import re
from pathlib import Path


# V98: characters of the PDF's or the spreadsheet's typesetting, not of the decree: a byte order
# mark (U+FEFF) where pasted spreadsheet exports begin, zero-width and soft-hyphen marks vanish;
# the font's ligature glyphs are their letters ('ﬁ' -> 'fi'); no-break and thin spaces are spaces.
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f"), " ")


SPACED_WORD = re.compile(r"[A-Z](?: [A-Z])+(?: ?:)?")
SPACED_LONG = re.compile(r"(?:^|\s)[A-Z](?: [A-Z]){3,}(?:\s|:|$)")


def unspaced(line: str) -> str:
    """A heading set LETTER-SPACED, its words two or more spaces apart ('K E P U T U S A N   B U P A T I',
    'N O M O R   12/2025'): the words as written (V101). Lines with TABs are table rows: kept."""
    if "\t" in line or not SPACED_LONG.search(line):
        return line
    indent = line[: len(line) - len(line.lstrip())]
    words = re.split(r"\s{2,}", line.strip())
    return indent + " ".join(w.replace(" ", "") if SPACED_WORD.fullmatch(w) else w for w in words)


def plain_characters(text: str) -> str:
    """The text with typesetting characters read as what they stand for (V98) and letter-spaced
    headings as words (V101); lines unchanged in number."""
    text = text.translate({**INVISIBLE, **LIGATURES, **SPACES})
    return "\n".join(map(unspaced, text.split("\n")))


class ImportError_(ValueError):
    """The text cannot be imported at all (empty, binary, not UTF-8)."""


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportError_(f"{path}: the decree text is empty")
    if b"\x00" in raw[:4096]:
        raise ImportError_(f"{path}: binary file, not a converted decree text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportError_(f"{path}: line {line}: invalid UTF-8 ({exc.reason})") from exc
    return plain_characters(text)


def ends_with_heading(text: str) -> int:
    """Line number of a trailing 'INDIKATOR KINERJA ...' heading with nothing after it, or 0."""
    lines = text.rstrip().split("\n")
    last = lines[-1].strip().strip("#* ")
    return len(lines) if re.match(r"^INDIKATOR KINERJA", last, re.I) else 0


def looks_truncated(text: str) -> bool:
    """The last line stops inside a table row in the middle of a formula."""
    if text.endswith("\n"):
        return False
    last = text.rsplit("\n", 1)[-1]
    return "\t" in last and (last.count("$") % 2 == 1 or last.rstrip().endswith(("\\", "\\t", "{", "(")))

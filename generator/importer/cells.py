"""Cell and line text: HTML fragments out, LaTeX kept, lists split into items."""
from __future__ import annotations

import html
import re

TAG = re.compile(r"<[^>]+>")
# inline tags vanish without a space ('(<i>individual</i>)' -> '(individual)'); block tags and
# anything else become a space
INLINE_TAG = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span|a|font|small|big|s|strike|mark|code)\b[^>]*>", re.I)
LATEX = re.compile(r"\$[^$]+\$")
WS = re.compile(r"\s+")
INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})[.)]\s+(?=\S)")
INLINE_LETTER = re.compile(r"(?:(?<=\s)|^)\(?([a-h])[.)]\s+(?=\S)")
BR = re.compile(r"<br\s*/?>", re.I)
BOLD = re.compile(r"\*\*|__")


def _untag(text: str) -> str:
    return TAG.sub(" ", INLINE_TAG.sub("", text))


def strip_html(text: str) -> str:
    """Tags out (LaTeX inside $...$ kept as written), entities decoded, spaces collapsed."""
    parts, pos = [], 0
    for m in LATEX.finditer(text):
        parts.append(_untag(text[pos:m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_untag(text[pos:]))
    return WS.sub(" ", html.unescape("".join(parts))).strip()


def clean_inline(text: str) -> str:
    """A heading or label line: markdown emphasis and heading marks removed."""
    text = BOLD.sub("", text)
    text = re.sub(r"^\s*#+\s*", "", text)
    return strip_html(text)


def strip_marker(text: str) -> str:
    """Remove one leading list marker ('- ', '1. ', 'a) ', '- a. ')."""
    text = text.strip()
    text = re.sub(r"^[-•*]\s*", "", text)
    text = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\(?\d{1,2}[.)]|\d{1,2}\.?(?=\s)|[a-zA-Z][.)])\s+", "", text)
    return text.strip()


def _li_items(cell: str) -> list[str] | None:
    items = re.findall(r"<li[^>]*>(.*?)(?:</li>|(?=<li)|$)", cell, flags=re.S | re.I)
    return [i for i in (strip_html(x) for x in items) if i] or None


def _p_items(cell: str) -> list[str] | None:
    items = re.findall(r"<p[^>]*>(.*?)</p>", cell, flags=re.S | re.I)
    items = [i for i in (strip_html(x) for x in items) if i]
    return items if len(items) > 1 else None


def _br_items(cell: str) -> list[str] | None:
    """'A<br>B': items when no piece starts in lower case (a lower-case piece is a wrapped line)."""
    if not BR.search(cell):
        return None
    items = [i for i in (strip_html(x) for x in BR.split(cell)) if i]
    return items if len(items) > 1 and not any(i[:1].islower() for i in items[1:]) else None


def _letter_items(text: str) -> list[str] | None:
    """'a. A b. B c. C' (letters in sequence from 'a', the first at the start) -> items."""
    marks = list(INLINE_LETTER.finditer(text))
    if not marks or marks[0].start() != 0 or marks[0].group(1) != "a":
        return None
    seq = [marks[0]]
    for m in marks[1:]:
        if ord(m.group(1)) == ord(seq[-1].group(1)) + 1:
            seq.append(m)
    if len(seq) < 2:
        return None
    return [text[a.end(): b.start() if b else len(text)].strip() for a, b in zip(seq, seq[1:] + [None])]


def split_numbered(text: str, allow_single: bool = False) -> list[str]:
    """'1. A 2. B' (or '1) A 2) B', 'a. A b. B') -> ['A', 'B'] when the numbers run in sequence;
    else [text]. allow_single: one number after a fragment also splits ('tail 9. Item' ->
    ['tail', 'Item']), as in a list continued after a page break."""
    letters = _letter_items(text)
    if letters:
        return [p for p in letters if p]
    marks = list(INLINE_NUMBER.finditer(text))
    seq = []
    expected = None
    for m in marks:
        n = int(m.group(1))
        if expected is None or n == expected:
            seq.append(m)
            expected = n + 1
    if len(seq) < 2 and not (seq and (seq[0].start() == 0 or allow_single)):
        return [text]
    pieces = []
    head = text[: seq[0].start()].strip()
    if head:
        pieces.append(head)  # a fragment before the first number (page-break tail)
    for a, b in zip(seq, seq[1:] + [None]):
        pieces.append(text[a.end(): b.start() if b else len(text)].strip())
    return [p for p in pieces if p]


def split_items(cell: str, allow_single: bool = False) -> list[str]:
    """A cell that lists several indicators -> one string per indicator (markers removed)."""
    raw = cell.strip()
    if not raw:
        return []
    items = _li_items(raw) or _p_items(raw) or _br_items(raw)
    if items is None:
        text = strip_html(raw)
        splitter = r"\s{2,}(?=[A-Z(])|\s+-\s+(?=[A-Z])|^\s*-\s+"
        if re.search(splitter, raw.strip()) and not raw.lstrip().startswith("$"):
            parts = [p for p in re.split(splitter, raw.strip()) if p.strip()]
            items = [strip_html(p) for p in parts] if len(parts) > 1 else [text]
        else:
            items = [text]
    out = []
    for item in items:
        for piece in split_numbered(item, allow_single):
            piece = strip_marker(piece)
            if piece:
                out.append(piece)
    return out


def split_values(cell: str) -> list[str]:
    """A unit, target or source cell listing one value per indicator item (<li>, <p>, <br>,
    '1. a 2. b', '1) a 2) b') -> its values. Unlike indicator names, a value may start in lower
    case ('km') or with a bare number ('24 dokumen'): only explicit markers are removed."""
    raw = cell.strip()
    if not raw:
        return []
    items = _li_items(raw) or _p_items(raw)
    if items is None and BR.search(raw):
        items = [i for i in (strip_html(x) for x in BR.split(raw)) if i]
    if items is None:
        text = strip_html(raw)
        pieces = split_numbered(text)
        return [p for p in (re.sub(r"^[-•*]\s+", "", x).strip() for x in pieces) if p]
    return [p for p in (re.sub(r"^(?:[-•*]\s+|\(?\d{1,2}[.)]\s+|[a-h][.)]\s+)", "", x).strip() for x in items) if p]


def join_hyphen(old: str, new: str) -> str:
    """A cell wrapped over lines: 'evalu-' + 'asi reformasi' -> 'evaluasi reformasi' (a word broken at
    the line end); 'ANJAB-' + 'ABK' -> 'ANJAB-ABK'; else the two joined by a space."""
    if not old:
        return new
    if re.search(r"[A-Za-z]-$", old) and new[:1].isalpha():
        broken = new[:1].islower() and re.search(r"[A-Za-z]{2}-$", old)  # not 'e-' / 'surat' (e-surat)
        return old[:-1] + new if broken else old + new
    return f"{old} {new}"


SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def footnote_marker(mark: str) -> str:
    """A footnote marker as a key: '¹' and '<sup>1)</sup>' are '1'; '*)', '\\*' are '*'."""
    return mark.translate(SUPERSCRIPT).replace("\\", "").rstrip(")").lower()

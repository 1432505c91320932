"""Tugas/fungsi items as published: list markers out, glued items apart.

Converted decrees letter their duty lists 'a.', 'b.' ...; the conversion often loses the dot
('a merencanakan ...'), glues two items into one ('a Menyusun ...; b Menyusun ...') or renders a
marker as a math span ('$_{\\rm W}$ Mengevaluasi', '${\\bf q} {\\bf m}$ elaksanakan', where the
item's first letter went into the span). Indonesian has no one-letter words, so a lone letter
where an item starts is its marker."""
from __future__ import annotations

import re

from .sections import Item

# a marker rendered as math: '$_{ m W}$', '${f i}$', '$_{\rm S}~$', '${\bf q} {\bf m}$' (the
# conversion may have eaten the backslash with the next letter: '\r' -> ' ', '\b' -> '')
MATH_MARKER = re.compile(r"^\$\s*(?:_)?\{?\s*(?:\\?(?:rm|bf|mathrm|mathbf|m|f)\b)?\s*([A-Za-z])\s*\}?"
                         r"(?:\s*\{?\s*(?:\\?(?:rm|bf|mathrm|mathbf|m|f)\b)?\s*([a-z])\s*\}?)?\s*~?\s*\$\s*")
LONE_LETTER = re.compile(r"^[a-z]\s+(?=[A-Za-z]{2,})")
GLUED = re.compile(r";\s+(?=[a-z]\s+[A-Za-z]{3,})")


def clean(text: str) -> str:
    """One item without its marker."""
    m = MATH_MARKER.match(text)
    if m:
        rest = text[m.end():]
        if m.group(2) and rest[:1].islower():  # '${\bf q} {\bf m}$ elaksanakan': m belongs to the word
            rest = m.group(2) + rest
        return rest.strip()
    return LONE_LETTER.sub("", text, count=1).strip()


def items(found: list[Item]) -> list[Item]:
    """The items of one tugas or fungsi list, glued ones apart, markers out."""
    out = []
    for it in found:
        parts = GLUED.split(it.text) if LONE_LETTER.match(it.text) else [it.text]
        for k, part in enumerate(parts):
            text = clean(part) + (";" if k < len(parts) - 1 else "")
            if text.strip(";"):
                out.append(Item(text, it.first, it.last))
    return out

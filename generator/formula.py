"""Formulas as mathematics: LaTeX and ratios to MathML at build time.

No JavaScript is needed (MathML Core renders in current browsers), so formulas work
offline and under a strict Content-Security-Policy. Decree text is untrusted: LaTeX that
could carry links or styles is never converted, and the MathML produced is checked
against an allow-list before it is used. Anything else is shown as escaped text. The
MathML is written compactly (pages carry hundreds of formulas): no namespace or default
attributes, no single-child rows, characters instead of numeric references.
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from functools import lru_cache

from markupsafe import Markup, escape

MATH_SEGMENT = re.compile(r"\$([^$]+)\$")
FORBIDDEN = re.compile(r"\\(href|url|html|class|style|data|cssId|require|def|newcommand|"
                       r"renewcommand|input|include|unicode|mmlToken|fbox|color)\b", re.I)
ALLOWED_TAGS = {"math", "mrow", "mi", "mn", "mo", "mfrac", "msub", "msup", "msubsup", "munderover",
                "munder", "mover", "mtext", "mspace", "msqrt", "mroot", "mstyle", "mtable", "mtr",
                "mtd", "mpadded", "mphantom", "semantics", "annotation", "menclose"}
ALLOWED_ATTRS = {"xmlns", "display", "stretchy", "fence", "separator", "lspace", "rspace",
                 "mathvariant", "width", "height", "depth", "movablelimits", "accent", "accentunder",
                 "displaystyle", "scriptlevel", "linethickness", "columnalign", "rowspacing",
                 "columnspacing", "form", "largeop", "symmetric", "minsize", "maxsize", "notation",
                 "encoding"}
TAG = re.compile(r"<\s*/?\s*([a-zA-Z0-9:-]+)([^>]*)>")
ATTR = re.compile(r"([a-zA-Z_:][a-zA-Z0-9_.:-]*)\s*=\s*\"[^\"]*\"")


def _safe_mathml(mathml: str) -> bool:
    for m in TAG.finditer(mathml):
        if m.group(1) not in ALLOWED_TAGS:
            return False
        for a in ATTR.finditer(m.group(2)):
            if a.group(1) not in ALLOWED_ATTRS:
                return False
    return "javascript" not in mathml.lower()


MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"
# Attributes whose value is the MathML default: writing them only costs bytes.
DEFAULT_ATTRS = {("math", "display", "inline")}
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape_char(c: str) -> str:
    if c in _TEXT_ESCAPES:
        return _TEXT_ESCAPES[c]
    # printable characters as themselves (UTF-8 is shorter than &#x02211;); invisible ones
    # (no-break space, invisible times, ...) stay references, readable in the source
    return c if c.isprintable() else f"&#x{ord(c):X};"


def _text(value: str | None, attr: bool = False) -> str:
    out = "".join(_escape_char(c) for c in value or "")
    return out.replace('"', "&quot;") if attr else out


def _bare_row(el: ET.Element) -> bool:
    return el.tag == "mrow" and not el.attrib and not (el.text or "").strip()


def _unwrap(el: ET.Element) -> ET.Element:
    """An attribute-less <mrow> holding exactly one element is that element."""
    while _bare_row(el) and len(el) == 1 and not (el[0].tail or "").strip():
        el = el[0]
    return el


def _serialize(el: ET.Element, out: list[str]) -> None:
    attrs = "".join(f' {k}="{_text(v, True)}"' for k, v in el.attrib.items()
                    if (el.tag, k, v) not in DEFAULT_ATTRS)
    out.append(f"<{el.tag}{attrs}>{_text(el.text)}")
    children = list(el)
    if el.tag == "math" and len(children) == 1 and not (children[0].tail or "").strip():
        only = _unwrap(children[0])
        children = list(only) if _bare_row(only) else [only]  # <math> is itself a row
    for child in children:
        _serialize(_unwrap(child), out)
        out.append(_text(child.tail))
    out.append(f"</{el.tag}>")


def compact_mathml(mathml: str) -> str | None:
    """The same MathML, shorter: no namespace or default attributes (the HTML parser puts
    <math> in the MathML namespace), no single-child <mrow> wrappers, characters instead
    of numeric references. None when the input does not parse."""
    if "<!" in mathml or "<?" in mathml:  # no DTD, entity declaration or processing instruction
        return None
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        return None
    for el in root.iter():
        if el.tag.startswith(MATHML_NS):
            el.tag = el.tag[len(MATHML_NS):]
        el.attrib.pop("xmlns", None)
    out: list[str] = []
    _serialize(root, out)
    return "".join(out)


@lru_cache(maxsize=4096)
def latex_to_mathml(latex: str) -> str | None:
    """MathML for a LaTeX fragment, or None when it is unsafe or does not convert."""
    if FORBIDDEN.search(latex) or len(latex) > 2000:
        return None
    try:
        from latex2mathml.converter import convert
        mathml = convert(latex.strip())
    except Exception:  # the converter raises many kinds of errors on OCR'd LaTeX
        return None
    if not _safe_mathml(mathml):
        return None
    # Re-serialised from the parsed tree: always well-formed (the converter can pass '<' of
    # \text through; markup that is not XML is refused, the LaTeX is shown as written),
    # which matters because the table cells leave their end tags out.
    compact = compact_mathml(mathml)
    return compact if compact and _safe_mathml(compact) else None


def ratio_mathml(numerator: str, denominator: str, multiplier: str = "") -> str:
    """A fraction built from plain-text parts (escaped inside <mtext>)."""
    num, den = escape(numerator.strip()), escape(denominator.strip())
    tail = ""
    if multiplier.strip():
        tail = f"<mo>×</mo><mtext>{escape(multiplier.strip())}</mtext>"
    return f"<math><mfrac><mtext>{num}</mtext><mtext>{den}</mtext></mfrac>{tail}</math>"


def render_formula(text: str, numerator: str = "", denominator: str = "", multiplier: str = "") -> Markup:
    """HTML for a formula cell: LaTeX segments as MathML, text escaped, ratios drawn."""
    text = text or ""
    if "$" in text:
        parts, pos, converted = [], 0, False
        for m in MATH_SEGMENT.finditer(text):
            parts.append(str(escape(text[pos:m.start()])))
            mathml = latex_to_mathml(m.group(1))
            if mathml:
                converted = True
                parts.append(mathml)
            else:
                parts.append(f'<code class="kt-latex">{escape(m.group(0))}</code>')
            pos = m.end()
        parts.append(str(escape(text[pos:])))
        if converted:
            return Markup("".join(parts))
    if numerator and denominator:  # the ratio drawn; the text as written is in the downloads
        return Markup(ratio_mathml(numerator, denominator, multiplier))
    return Markup(escape(text))


# --- a plain-text form beside the MathML -------------------------------------------------
# MathML is drawn, but it is not copyable as text, screen readers read it unevenly, and it
# never wraps. Each formula cell therefore carries a plain-text form, e.g.
# "(Jumlah pegawai hadir ÷ Jumlah pegawai) × 100%", which is what assistive technology reads
# (the drawing is aria-hidden); a drawing wider than the cell can hold is left out.

_OP_TEXT = {"-": "−", "*": "×", "⋅": "·"}  # read as the signs they stand for, before spacing
_SPACED_OPS = {"×", "÷", "=", "+", "−", "<", ">", "≤", "≥", "≠", "±", "·", "/"}


def _plain(el: ET.Element) -> str:
    tag, kids = el.tag, list(el)
    if tag in ("mi", "mn", "mtext"):
        return " ".join((el.text or "").split())
    if tag == "mo":
        op = (el.text or "").strip()
        op = _OP_TEXT.get(op, op)
        return op
    if tag == "mspace":
        return " "
    if tag == "mphantom":  # (an <annotation>'s text is never read: it has no child element)
        return ""
    if tag == "mfrac" and len(kids) == 2:
        return f"({_plain(kids[0])} ÷ {_plain(kids[1])})"
    if tag == "msup" and len(kids) == 2:
        return f"{_plain(kids[0])}^{_group(kids[1])}"
    if tag == "msub" and len(kids) == 2:
        return f"{_plain(kids[0])}_{_group(kids[1])}"
    if tag in ("msubsup", "munderover") and len(kids) == 3:
        return f"{_plain(kids[0])}_{_group(kids[1])}^{_group(kids[2])}"
    if tag in ("munder", "mover") and len(kids) == 2:
        return f"{_plain(kids[0])}{'_' if tag == 'munder' else '^'}{_group(kids[1])}"
    if tag == "msqrt":
        return f"√({_row(kids)})"
    if tag == "mroot" and len(kids) == 2:
        return f"root {_plain(kids[1])} of ({_plain(kids[0])})"
    if tag == "mtable":
        return "; ".join(_row(list(tr)) for tr in kids)
    return _row(kids)  # rows and anything else: the children in order


def _group(el: ET.Element) -> str:
    s = _plain(el)
    return s if len(s.split()) <= 1 and len(s) <= 3 else f"({s})"


def _row(kids: list[ET.Element]) -> str:
    parts: list[str] = []
    for k in kids:
        s = _plain(k)
        if k.tag == "mo" and s in _SPACED_OPS:
            parts.append(f" {s} ")
        else:
            parts.append(s)
    out = ""
    for s in parts:  # words are spaced, operators are spaced, fences and punctuation hug
        if out and s and not s.startswith(" ") and not out.endswith((" ", "(", "[")) \
                and s not in (")", "]", ",", ";", "%", "!") and not s.startswith(("^", "_")):
            out += " "
        out += s
    return " ".join(out.split())


def _width(el: ET.Element) -> float:
    """The drawing's width in characters, roughly (a fraction is as wide as its wider part)."""
    tag, kids = el.tag, list(el)
    if tag in ("mi", "mn", "mtext", "mo"):
        return len((el.text or "").strip()) + (1.5 if tag == "mo" else 0)
    if tag == "mfrac" and len(kids) == 2:
        return max(_width(kids[0]), _width(kids[1])) + 1
    if tag in ("msup", "msub", "msubsup", "munder", "mover", "munderover") and kids:
        return _width(kids[0]) + 0.7 * sum(_width(k) for k in kids[1:])
    if tag == "mtable":
        return max((_width(tr) for tr in kids), default=0)
    if tag == "mphantom":
        return 0
    return sum(_width(k) for k in kids)


def mathml_plain(mathml: str) -> tuple[str, float]:
    """(plain-text form, drawn width in characters) of compact MathML from this module."""
    root = ET.fromstring(mathml)
    kids = list(root)
    if len(kids) == 1 and kids[0].tag == "mfrac":  # a fraction alone needs no brackets
        a, b = list(kids[0])
        text = f"{_plain(a)} ÷ {_plain(b)}"
    else:
        text = _plain(root)
    return text, _width(root)


def _math_with_text(mathml: str, max_chars: float, narrow_chars: float) -> str:
    text, width = mathml_plain(mathml)
    plain = f'<span class="kt-ft">{escape(text)}</span>'
    if width > max_chars:
        return plain
    wide = ' class="kt-wide"' if width > narrow_chars else ""
    return mathml.replace("<math", f'<math aria-hidden="true"{wide}', 1) + plain


def formula_cell(text: str, numerator: str = "", denominator: str = "", multiplier: str = "",
                 max_chars: float = math.inf, narrow_chars: float = math.inf) -> Markup:
    """A formula cell: as render_formula, each drawing followed by its plain-text form
    (span.kt-ft) and hidden from assistive technology, which reads the text; a drawing
    wider than max_chars characters is left out (the text wraps, the drawing would not),
    one wider than narrow_chars is marked kt-wide (a phone shows its text only). The page's
    limits are generator/agency_view.py's MATH_MAX_CHARS and MATH_NARROW_CHARS; without
    them every drawing is kept."""
    text = text or ""
    if "$" in text:
        parts, pos, converted = [], 0, False
        for m in MATH_SEGMENT.finditer(text):
            parts.append(str(escape(text[pos:m.start()])))
            mathml = latex_to_mathml(m.group(1))
            if mathml:
                converted = True
                parts.append(_math_with_text(mathml, max_chars, narrow_chars))
            else:
                parts.append(f'<code class="kt-latex">{escape(m.group(0))}</code>')
            pos = m.end()
        parts.append(str(escape(text[pos:])))
        if converted:
            return Markup("".join(parts))
    if numerator and denominator:
        return Markup(_math_with_text(ratio_mathml(numerator, denominator, multiplier), max_chars, narrow_chars))
    return Markup(escape(text))

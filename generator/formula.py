"""Formulas as mathematics: LaTeX and ratios to MathML at build time.

No JavaScript is needed (MathML Core renders in current browsers), so formulas work
offline and under a strict Content-Security-Policy. Decree text is untrusted: LaTeX that
could carry links or styles is never converted, and the MathML produced is checked
against an allow-list before it is used. Anything else is shown as escaped text.
"""
from __future__ import annotations

import re
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
    return mathml if _safe_mathml(mathml) else None


def ratio_mathml(numerator: str, denominator: str, multiplier: str = "") -> str:
    """A fraction built from plain-text parts (escaped inside <mtext>)."""
    num, den = escape(numerator.strip()), escape(denominator.strip())
    tail = ""
    if multiplier.strip():
        tail = f"<mo>&#x000D7;</mo><mtext>{escape(multiplier.strip())}</mtext>"
    return ('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><mfrac>'
            f"<mtext>{num}</mtext><mtext>{den}</mtext></mfrac>{tail}</mrow></math>")


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
                parts.append(f'<span class="kt-math">{mathml}</span>')
            else:
                parts.append(f'<code class="kt-latex">{escape(m.group(0))}</code>')
            pos = m.end()
        parts.append(str(escape(text[pos:])))
        if converted:
            return Markup("".join(parts))
    if numerator and denominator:  # the ratio drawn; the text as written is in the downloads
        return Markup(f'<span class="kt-math">{ratio_mathml(numerator, denominator, multiplier)}</span>')
    return Markup(escape(text))

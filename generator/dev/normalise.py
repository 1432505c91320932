"""The normalisation rules of tests/importer/expected/README.md, applied equally to the hand
count and to a package: one function per kind of field, each returning a comparable key."""
from __future__ import annotations

import html
import re

_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ol|ul|div|tr|td|th|table|tbody|thead)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_MARKER = re.compile(r"^(?:[-–•·*]\s*|\(?\d{1,2}[.)]\s+|\(?[a-zA-Z][.)]\s+)")
_ITEM_SPLIT = re.compile(r"\s*;\s*|(?:^|\s)\(?\d{1,2}[.)]\s+")
_RATIO_ROW = re.compile(r"^(?P<num>.+?)\s*[-–—_.]{3,}\s*(?P<mult>(?:[xX×*]\s*)?100\s*%?)?\s*(?P<den>.*)$")
_LATEX_WORDS = {r"\times": " x ", r"\cdot": " x ", r"\sum": " ∑ ", r"\%": "%", r"\left": " ", r"\right": " ",
                r"\,": " ", r"\;": " ", r"\quad": " ", r"\ ": " ", r"\div": " / "}
_TOKEN = re.compile(r"[^\W_]+|∑|[/+\-=%<>≤≥×*]", re.UNICODE)
_TIMES = {"x", "X", "×", "*"}


def clean(value) -> str | None:
    """Tags out (inline ones without a space), emphasis and list markers out, whitespace
    collapsed; case, spelling and punctuation kept. Empty -> None."""
    if value is None:
        return None
    s = _TAG.sub("", _BLOCK_TAG.sub(" ", str(value)))
    s = html.unescape(s).replace("**", "")
    s = re.sub(r"\s+", " ", s).strip()
    for _ in range(2):
        s = _MARKER.sub("", s, count=1).strip()
    return s or None


def text_key(value) -> str | None:
    """Titles, names, goals: the cleaned text, exactly."""
    return clean(value)


def casefold_key(value) -> str | None:
    """Units and metadata text: the cleaned text, case-insensitive."""
    s = clean(value)
    return s.casefold() if s else None


def words_key(value) -> str | None:
    """Data sources, responsible: the word sequence (punctuation and separators dropped)."""
    s = clean(value)
    if not s:
        return None
    words = re.findall(r"[^\W_]+", s)
    return " ".join(words) or None


def _braced(s: str, i: int) -> tuple[str, int]:
    """The content of the {...} group starting at s[i] (or one character), and the index after it."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] != "{":
        return s[i], i + 1
    depth, j = 0, i
    while j < len(s):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
        j += 1
    return s[i + 1:], len(s)


def delatex(s: str) -> str:
    r"""\frac{A}{B} -> A / B (nested too), \text{X} -> X, \times -> x, \sum -> ∑; $ and braces out."""
    out, i = [], 0
    while i < len(s):
        m = re.match(r"\\[dt]?frac", s[i:])
        if m:
            num, j = _braced(s, i + m.end())
            den, j = _braced(s, j)
            out.append(f" {delatex(num)} / {delatex(den)} ")
            i = j
            continue
        m = re.match(r"\\(?:text|mathrm|textit|textbf|mbox|operatorname)\s*", s[i:])
        if m:
            body, j = _braced(s, i + m.end())
            out.append(delatex(body))
            i = j
            continue
        out.append(s[i])
        i += 1
    r = "".join(out)
    for k, v in _LATEX_WORDS.items():
        r = r.replace(k, v)
    r = re.sub(r"\\[A-Za-z]+", " ", r)
    return r.replace("$", " ").replace("{", " ").replace("}", " ")


def _ratio_rows(item: str) -> str:
    """A two-row ratio written on one line ('A ----- x 100% B') -> 'A / B x 100%'."""
    m = _RATIO_ROW.match(item)
    if not m or not m.group("den").strip():
        return item
    mult = f" x {m.group('mult').lstrip('xX×* ')}" if m.group("mult") else ""
    return f"{m.group('num')} / {m.group('den')}{mult}"


def formula_key(value) -> tuple[str, ...] | None:
    """The token sequence of a formula: LaTeX and two-row ratios rewritten to 'A / B x 100%',
    multiplication signs unified, punctuation, parentheses and list markers dropped."""
    if value is None:
        return None
    s = _TAG.sub("", _BLOCK_TAG.sub(" ", str(value)))
    s = delatex(html.unescape(s).replace("**", ""))
    s = re.sub(r"\s+", " ", s).strip()
    tokens: list[str] = []
    for item in _ITEM_SPLIT.split(s):
        if item and item.strip():
            tokens += _TOKEN.findall(_ratio_rows(item.strip()))
    tokens = ["x" if t in _TIMES else t for t in tokens]
    return tuple(tokens) or None


def target_key(year, kind, text) -> tuple[int | None, str, str]:
    """One target entry: (year or None, kind, text without whitespace)."""
    y = str(year).strip() if year is not None else ""
    try:
        year_v: int | None = int(float(y)) if y else None
    except ValueError:
        year_v = None
    return year_v, (str(kind or "target").strip() or "target"), re.sub(r"\s+", "", clean(text) or "")

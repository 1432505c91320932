"""Formula cells: kind, numerator/denominator/multiplier, labelled sub-fields; targets."""
from __future__ import annotations

import re

from .cells import strip_html

LATEX_FRAC = re.compile(r"\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}")
TEXT_CMD = re.compile(r"\\(?:text|mathrm|textit|textbf)\{([^{}]*)\}")
MULT = re.compile(r"(?:[xX×]|\\times)\s*(100\s*\\?%|100%|100)")
ASCII_BAR = re.compile(r"\s(?:-{3,}|\.{3,}|—{3,}|_{3,})\s*(?:[xX]\s*100\s*%)?\s*")
CALC = re.compile(r"tipe\s+penghitungan\s*:?\s*(non\s*-?\s*kumulatif|kumulatif)", re.I)
SUB_SOURCE = re.compile(r"<i>\s*sumber\s+data\s*:?\s*</i>\s*:?\s*(.*?)(?:</p>|<i>|$)", re.I | re.S)
SUB_LABEL = re.compile(r"<i>\s*(formulasi pengukuran|tipe penghitungan|sumber data)\s*:?\s*</i>\s*:?", re.I)


def _plain_latex(s: str) -> str:
    s = TEXT_CMD.sub(r"\1", s)
    s = s.replace("\\sum", "Σ").replace("\\times", "×").replace("\\", "")
    return re.sub(r"\s+", " ", s.replace("{", "").replace("}", "")).strip()


def parse_formula(cell: str) -> dict:
    """Fields of a formula cell. The formula text keeps LaTeX between $...$ as written."""
    out = {"formula": "", "formula_kind": "none", "numerator": "", "denominator": "", "multiplier": "",
           "calculation_type": "", "data_source": ""}
    m = CALC.search(strip_html(cell))
    if m:
        out["calculation_type"] = "kumulatif" if m.group(1).lower().startswith("kum") else "non-kumulatif"
    s = SUB_SOURCE.search(cell)
    if s:
        out["data_source"] = strip_html(s.group(1))
    body = cell
    body = re.sub(r"<i>\s*tipe\s+penghitungan.*$", "", body, flags=re.I | re.S)
    body = SUB_LABEL.sub(" ", body)
    text = strip_html(body)
    if text in ("-", "–", ""):
        return out
    out["formula"] = text
    if "$" in text or re.search(r"\\(frac|sum|times|text)\b", text):  # bare LaTeX too (V10)
        out["formula_kind"] = "latex"
        f = LATEX_FRAC.search(text)
        if f:
            out["numerator"], out["denominator"] = _plain_latex(f.group(1)), _plain_latex(f.group(2))
        mm = MULT.search(text)
        if mm:
            out["multiplier"] = "100%"
        return out
    bar = ASCII_BAR.search(" " + text)
    if bar:
        left, right = (" " + text)[: bar.start()].strip(), (" " + text)[bar.end():].strip()
        left = re.sub(r"^\d+\.\s*", "", left)
        if left and right:
            out.update(formula_kind="fraction", numerator=left, denominator=right)
            if MULT.search(text):
                out["multiplier"] = "100%"
            return out
    m2 = re.search(r"^(.*?)\s+(?:dibagi(?: dengan)?|dibandingkan(?: dengan)?)\s+(.*?)(?:\s*[xX]\s*100\s*%|\s+dikali.*)?\.?$", text)
    if m2:
        out.update(formula_kind="prose", numerator=m2.group(1).strip(), denominator=m2.group(2).strip())
        if MULT.search(text) or "dikali 100" in text:
            out["multiplier"] = "100%"
        return out
    out["formula_kind"] = "prose"
    return out


def parse_target(raw: str) -> tuple[str, str, str]:
    """Target as written -> (as written, value, unit). '-' means no target."""
    t = strip_html(raw)
    if t in ("", "-", "–"):
        return ("", "", "") if t == "" else (t, "", "")
    m = re.search(r"(\d+(?:[.,]\d+)?)", t)
    if not m:
        return t, "", ""
    value = m.group(1).replace(",", ".")
    unit = (t[: m.start()] + " " + t[m.end():]).replace("(", " ").replace(")", " ")
    unit = re.sub(r"\s+", " ", unit).strip()
    return t, value, unit

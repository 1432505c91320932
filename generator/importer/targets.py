"""An indicator record's targets -> rows of the `targets` resource.

A record carries `targets`: [{"year": int | None, "kind": "target" | "baseline", "text": str}]
(the parser's contract). A parser that knows only one target cell hands `target` (a string):
it is one entry with no year. A cell holding only "-" sets no target and gives no row.

A target with no year takes one from the decree: its only year when the decree covers one
year (a decree "TAHUN 2023", period 2023-2023: certain); every year of a multi-year period
when the target says it holds every year ("setiap tahun"); otherwise the first year of the
period, flagged `year_from_period` and reported by the caller (a guess).
"""
from __future__ import annotations

import re

from .numbers import read_target

EVERY_YEAR = re.compile(r"\b(?:setiap|tiap|per)\s*-?\s*tahun\b|\bpertahun\b", re.I)
GUESS_FLAG = "year_from_period"


FLAG_CODES = {"fill-down": "filled_down", "items-mismatch": "items_mismatch",
              "moved-from-formula": "moved_from_formula", "ocr-suspect": "ocr_suspect"}


def flag_code(code: str) -> str:
    """The parser's flag code as published ('fill-down' -> 'filled_down')."""
    return FLAG_CODES.get(code, code.replace("-", "_"))


def entries(fields: dict) -> list[dict]:
    """A record's target entries: the contract's `targets`, or else its single `target` cell."""
    if isinstance(fields.get("targets"), list):
        return [dict(e) for e in fields["targets"]]
    text = fields.get("target") or ""
    return [{"year": None, "kind": "target", "text": text}] if text.strip() else []


def _year(v) -> int | None:
    try:
        return int(str(v).strip()) if v not in (None, "") else None
    except ValueError:
        return None


def period_years(start, end) -> list[int]:
    a, b = _year(start), _year(end)
    if a is None:
        return [b] if b is not None else []
    if b is None or b < a or b - a > 20:
        return [a]
    return list(range(a, b + 1))


def rows(indicator_id: str, document_id: str, items: list[dict], unit: str, period: list[int]) -> tuple[list[dict], int]:
    """(target rows, how many got a guessed year). unit: the indicator's Satuan, used where the
    target text carries none."""
    out: list[dict] = []
    guessed = 0
    seen: dict[str, int] = {}
    for item in items:
        reading = read_target(str(item.get("text") or ""))
        if reading is None:
            continue
        kind = item.get("kind") or "target"
        year = _year(item.get("year"))
        flags = set(item.get("flags") or ())
        if year is not None and year < 0:  # 'Tahun ke-II' (V96): the period's second year
            year = period[-year - 1] if period and -year <= len(period) else None
        years: list[int | None] = [year]
        if year is None and period:
            if len(period) == 1:
                years = period
            elif kind == "target" and EVERY_YEAR.search(reading.text):
                years = list(period)
            else:
                years = [period[0]]
                flags.add(GUESS_FLAG)
                guessed += 1
        for y in years:
            base = f"{indicator_id}--{kind}" + (f"-{y}" if y is not None else "")
            seen[base] = seen.get(base, 0) + 1
            out.append({"id": base + (f"-{seen[base]}" if seen[base] > 1 else ""), "document_id": document_id,
                        "indicator_id": indicator_id, "year": "" if y is None else str(y), "kind": kind,
                        "order": str(len(out) + 1), "text": reading.text, "value": _num(reading.value),
                        "value_max": _num(reading.value_max), "comparator": reading.comparator,
                        "unit": reading.unit or (unit if reading.value is not None else ""),
                        "flags": ";".join(sorted(flags))})
    return out, guessed


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else repr(float(v))

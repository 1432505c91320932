"""Placing a short row's cells (leading cells lost at a page break, V17; a page without the
unnamed multiplier column, V13): every shift is tried and the contents decide."""
from __future__ import annotations

import re

from .cells import strip_html

LIST_DASH = re.compile(r"^\s*[-•]\s+")
# 'X100%' in an unnamed column, with what is left of the bar beside it ('_ X100%', '– X 100%')
MULTIPLIER_CELL = re.compile(r"^\s*(?:[-–—_.]+\s*)?([xX×]\s*1?0?0\s*%?)\s*$")
TARGET_ONLY = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:%|[A-Za-z]+)$")
STARTS_INDICATOR = re.compile(r"^(persentase|jumlah|nilai|indeks|indek|tingkat|rasio|rata|capaian|tersedianya|"
                              r"terlaksananya|cakupan|predikat|hasil)", re.I)
TARGET_START = re.compile(r"^(\d+(?:[.,]\d+)?\s*(?:%|[a-z]+\b)|[A-E]\s*\(\d+\))(?:\s+|$)")
STARTS_GOAL = re.compile(r"^(meningkat|terlaksana|tersedia|tersusun|terwujud|tercapai|optimal|peningkatan|"
                         r"tertib|situasi)", re.I)


def fit(cell: str, role: str | None) -> int:
    """How well a cell's content suits a column (content beats position after a page break)."""
    t = LIST_DASH.sub("", strip_html(cell))  # '- Jumlah ...' is judged as 'Jumlah ...'
    if not t:
        return 0
    targetish = len(t) < 20 and (bool(re.search(r"\d", t)) or t in ("-",))
    formulaish = "$" in t or bool(re.search(r"x\s*100|-{3,}|\.{3,}|\\frac|dibagi", t, re.I))
    if role is None:  # an unnamed column holds a multiplier ('X100%') or nothing
        return 1 if MULTIPLIER_CELL.match(t) else -3
    if role == "no":
        return 2 if re.fullmatch(r"\d{1,3}\.?", t) else -3
    if role == "target":
        if targetish:
            return 2
        if TARGET_START.match(t):
            return 1  # a target merged with the formula cell ('85% Formulasi ...')
        return -3 if len(t) > 40 or formulaish else -1
    if role == "formula":
        return 2 if formulaish else (-1 if targetish else 0)
    if role == "indicator":
        return (2 if STARTS_INDICATOR.match(t) else 0) - (2 if targetish or formulaish else 0)
    if role in ("sasaran", "sasaran_renstra", "sasaran_rpjmd"):
        return (1 if STARTS_GOAL.match(t) else 0) - (2 if targetish or formulaish else 0) \
            - (1 if STARTS_INDICATOR.match(t) else 0)
    if role == "note":  # a remarks column is mostly empty: text is rather a shifted cell
        return -1
    if role in ("data_source", "responsible"):
        return -2 if formulaish or targetish and role == "data_source" and "%" in t else 0
    return 0


def align(cells: list[str], roles: list[str | None], hint: tuple | None = None) -> tuple[list[str], tuple]:
    """Place a short row's cells: leading cells lost at a page break shift the rest left, and
    a page's table may lack the unnamed multiplier column (V13), so try every shift, with and
    without the unnamed columns, and keep the placement whose contents suit their columns best.
    hint: the placement of the previous short row of the same width (rows of one page lose the
    same cells). Returns the placed cells and the placement used."""
    ncols = len(roles)
    cells = list(cells)
    while len(cells) > ncols and not cells[-1].strip():
        cells.pop()
    if len(cells) >= ncols:
        return cells, None
    named = [k for k, r in enumerate(roles) if r is not None]
    layouts = [(False, list(range(ncols)))]
    if len(named) < ncols and len(cells) <= len(named):
        layouts.append((True, named))
    best, best_score, best_key = None, None, None
    scores: list[int] = []
    for skip, slots in layouts:
        for pad in range(len(slots) - len(cells) + 1):
            cand = [""] * ncols
            for c, k in zip(cells, slots[pad:]):
                cand[k] = c
            key_id = (len(cells), pad, skip)
            score = sum(fit(c, r) for c, r in zip(cand, roles)) + (3 if hint == key_id else 0)
            scores.append(score)
            # ties: a row that starts with an empty cell lost its leading cells (shift right);
            # a row that starts with text lost its trailing cells (keep left); the full layout first
            prefer = (pad if not cells[0].strip() else -pad, not skip)
            key = (score, prefer)
            if best_score is None or key > best_score:
                best, best_score, best_key = cand, key, key_id
    # the placement is a hint for the next short rows only when the contents decided it (a
    # placement chosen by a tie must not carry over and glue the next rows)
    decided = sorted(scores, reverse=True)[:2]
    return best, (best_key if len(decided) < 2 or decided[0] > decided[1] else None)


def shifted(cells: list[str], placed: list[str]) -> bool:
    """The row's cells were moved off their own columns (leading cells lost, or the unnamed
    column skipped): a placement read from the contents, not from the text."""
    return list(placed[: len(cells)]) != list(cells)

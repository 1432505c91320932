"""Identifiers per datapackages/README.md: derived from text, stable across rebuilds."""
from __future__ import annotations

import re
import unicodedata


def slug(text: str, limit: int = 0) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if limit:
        s = s[:limit].rstrip("-")
    return s or "x"


def position_ids(document_id: str, titles: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for t in titles:
        base = slug(t, 40)
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{document_id}--{base}" + (f"-{seen[base]}" if seen[base] > 1 else ""))
    return out

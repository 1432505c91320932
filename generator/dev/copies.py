"""Every copy of an indicator in a built site, stored as the deploy stores it (docs/scale.md,
"Every copy of an indicator"): bytes per indicator by copy, one `name value` line each.

    python -m generator.dev.copies SITE INDICATORS

A file is counted as `generator deploy` stores it (`deploy.stored_bytes`: pages, scripts and
metadata gzip-compressed, downloads as they are) and identical files once, under the copy of
the first path that holds them (paths in sorted order).
"""
from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

from ..deploy import stored_bytes, stored_gzip


def copy_of(rel: str) -> str:
    """The copy a site path belongs to (its row in docs/scale.md's table)."""
    parts = rel.split("/")
    name = parts[-1]
    if parts[0] == "unduh" and len(parts) > 2:
        if parts[1] == "semua":
            return "portal " + ("parquet" if parts[2] == "parquet" else name.rsplit(".", 1)[-1]
                                if not name.startswith(("indikator-flat", "datasette")) else name.rsplit(".", 1)[0])
        if parts[1] == "provinsi":
            return "province " + name.rsplit(".", 1)[-1]
        ext = name.rsplit(".", 1)[-1]
        return "decree " + ("csv+descriptor" if ext in ("csv", "json") else ext)
    if parts[0] == "pagefind":
        return "explorer rows" if len(parts) > 1 and parts[1] == "kt" else "search bundles"
    lang = "en" if parts[0] == "en" else "id"
    body = parts[1:] if lang == "en" else parts
    if body and body[0] in ("lembaga", "agencies") and len(body) > 2:
        return f"agency pages {lang}"
    return "other pages, assets"


def copies(site: Path) -> Counter:
    seen: set[tuple[str, bool]] = set()
    out: Counter = Counter()
    for p in sorted(f for f in site.rglob("*") if f.is_file()):
        rel = p.relative_to(site).as_posix()
        data = p.read_bytes()
        key = (hashlib.sha256(data).hexdigest(), stored_gzip(rel))
        if key in seen:
            continue
        seen.add(key)
        out[copy_of(rel)] += len(stored_bytes(rel, data))
    return out


def main(argv: list[str]) -> int:
    site, indicators = Path(argv[0]), int(argv[1])
    out = copies(site)
    for name, n in sorted(out.items(), key=lambda kv: -kv[1]):
        print(f"{name.replace(' ', '_').replace('+', '_')} {n / indicators:.0f}")
    print(f"total_stored_bytes_per_indicator {sum(out.values()) / indicators:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Search index: Pagefind over small generated "search source" pages, written into
site/pagefind/, plus kt-facets.json (the explorer's filter choices).

For every agency, source pages of at most CHUNK indicators hold each indicator as a
heading whose id is the indicator's row anchor and carry the agency page's URL as
metadata, so a hit lands on the row (`lembaga/<agency>/#i-...`) and result fragments stay
small however large a decree is. Hits are filtered in the browser by page
metadata (provinsi, kabupaten, lembaga) and by the anchor (IKU rows are `#i-iku-...`). Pagefind splits the index into chunks and a query downloads only what it needs,
so one search stays small as the portal grows. The pages are bahasa Indonesia
(`lang="id"`), so Pagefind's Indonesian stemmer applies ("kehadiran" finds "hadir").
The real pages are not indexed: the source pages carry exactly the searchable fields.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markupsafe import escape

from . import i18n
from .errors import GeneratorError
from .model import Agency


def _plain(text: str) -> str:
    """LaTeX commands out of the searchable text ('\\frac{\\text{A}}{B}' -> 'A B')."""
    return re.sub(r"\s+", " ", re.sub(r"\\[a-zA-Z]+|[{}$_^\\]", " ", text or "")).strip()


CHUNK = 20  # indicators per search page: small fragments keep one query's download small


def source_pages(agency: Agency) -> list[str]:
    """Search source pages of one agency: its indicators in chunks of CHUNK, each page
    carrying the agency page's URL (`data-pagefind-meta="url:..."`) and its metadata."""
    doc = agency.current
    name = agency.name or i18n.STRINGS["id"]["unknown_agency_name"]
    meta = [("provinsi", agency.province.name.title() if agency.province else ""),
            ("kabupaten", agency.kabupaten.name.title() if agency.kabupaten else "")]
    url = "/" + i18n.page_url("id", "agency", id=agency.id)
    pages = []
    inds = doc.indicators or []
    for start in range(0, max(len(inds), 1), CHUNK):
        parts = ['<!doctype html><html lang="id"><head><meta charset="utf-8">',
                 f"<title>{escape(name)}</title></head><body data-pagefind-body>",
                 f'<h1 data-pagefind-meta="title">{escape(name)}</h1>',
                 f'<span data-pagefind-meta="url:{escape(url)}"></span>']
        # metadata, not Pagefind filters: Pagefind 1.5 writes filter indexes in a random
        # order, which would make two builds differ; the explorer filters hits by metadata
        parts += [f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta if v]
        for ind in inds[start:start + CHUNK]:
            pos = ind.position.title if ind.position else "IKU"
            parts.append(f'<h2 id="{ind.anchor}">{escape(ind.name)}</h2>'
                         f"<p>{escape(pos)}. {escape(ind.goal.text if ind.goal else '')}. "
                         f"{escape(_plain(ind.formula))}. {escape(ind.data_source)}</p>")
        parts.append("</body></html>")
        pages.append("".join(parts))
    return pages


def build_index(site: Path, agencies: list[Agency]) -> int:
    """Write site/pagefind/; returns the number of pages indexed."""
    with tempfile.TemporaryDirectory(prefix="kt-search-") as tmp:
        src = Path(tmp)
        for a in agencies:
            for n, page in enumerate(source_pages(a), start=1):
                out = src / "s" / a.id / str(n) / "index.html"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(page, encoding="utf-8")
        target = site / "pagefind"
        shutil.rmtree(target, ignore_errors=True)
        proc = subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(src), "--output-path",
                               str(target), "--silent"], capture_output=True, text=True)
        if proc.returncode != 0:
            raise GeneratorError(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}")
    (target / "kt-facets.json").write_text(json.dumps(facets(agencies), ensure_ascii=False, sort_keys=True),
                                           encoding="utf-8")
    return len(agencies)


def facets(agencies: list[Agency]) -> dict:
    """Choices for the explorer's filters: provinces and their kabupaten/kota."""
    tree: dict[str, set] = {}
    for a in agencies:
        if a.province:
            tree.setdefault(a.province.name.title(), set())
            if a.kabupaten:
                tree[a.province.name.title()].add(a.kabupaten.name.title())
    return {"provinsi": {p: sorted(k) for p, k in sorted(tree.items())}, "jenis": ["IKI", "IKU"]}

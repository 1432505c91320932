"""Step: the safety scan of the built site (generator/scan.py); any finding stops publication."""
from __future__ import annotations

from pathlib import Path

from ..cache import Cache
from ..errors import GeneratorError
from ..scan import scan_site
from ..scan_state import check_pages
from .config import SiteBuild

NAME = "scan"


def check_site(site: Path, base_path: str = "/", cache: Cache | None = None,
               known: dict[Path, str] | None = None) -> None:
    findings = scan_site(site, base_path=base_path, archives=False, cache=cache, known=known, changed_only=check_pages,
                         suffixes={".html", ".txt", ".xml", ".jsonld"})  # data files: checked by validation
    if findings:
        listed = "\n".join(str(f) for f in findings[:50])
        more = f"\n... and {len(findings) - 50} more" if len(findings) > 50 else ""
        raise GeneratorError(f"safety scan of the built site failed ({len(findings)} finding(s)):\n{listed}{more}")


def on_post_build(build: SiteBuild) -> None:
    check_site(build.site, build.config.base_path, build.cache, known=build.filled)

"""Preview with live reload. An mkdocs hook regenerates the pages from the packages on
every rebuild, and mkdocs watches the packages, content, templates and overrides."""
from __future__ import annotations

import os
from pathlib import Path

from .build import ROOT, Options, build, mkdocs_overrides
from .errors import EXIT_OK

DOCS = ROOT / "build" / "docs"


_last: list[float] = []


def _fingerprint(*dirs: Path) -> float:
    return max((p.stat().st_mtime for d in dirs if d.exists() for p in d.rglob("*")), default=0.0)


def regenerate_from_env() -> None:
    """Called by generator/mkdocs_hook.py inside mkdocs' rebuild loop; regenerates only when
    an input changed (writing the pages must not trigger another rebuild forever)."""
    stamp = _fingerprint(Path(os.environ["KT_PACKAGES"]), ROOT / "content", Path(__file__).parent / "templates")
    if _last and _last[0] == stamp:
        return
    _last[:] = [stamp]
    opts = Options(packages=Path(os.environ["KT_PACKAGES"]), decrees=Path(os.environ["KT_DECREES"]),
                   out=DOCS, mkdocs=False)
    build(opts)


def serve(opts: Options, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ["KT_PACKAGES"], os.environ["KT_DECREES"] = str(opts.packages), str(opts.decrees)
    regenerate_from_env()
    overrides = mkdocs_overrides(opts, "id", DOCS / "id", ROOT / "build" / "serve-site")
    overrides["strict"] = False
    overrides.pop("site_dir")  # mkdocs serve builds into a temporary folder of its own
    overrides["site_url"] = f"http://{dev_addr}/"
    watch = [str(opts.packages), str(opts.content), str(Path(__file__).parent / "templates")]
    # mkdocs_overrides names the hooks of every build; the preview adds its regeneration hook
    overrides["hooks"] = list(overrides.get("hooks") or []) + [str(Path(__file__).parent / "mkdocs_hook.py")]
    mkdocs_serve(config_file=str(opts.config), livereload=True, dev_addr=dev_addr, watch=watch, **overrides)
    return EXIT_OK

"""Step: the downloads, written beside the site (not through mkdocs), linked into it."""
from __future__ import annotations

from ..cache import link_tree
from .config import SiteBuild

NAME = "files"


def on_post_build(build: SiteBuild) -> None:
    if build.files is not None:
        link_tree(build.files, build.site)

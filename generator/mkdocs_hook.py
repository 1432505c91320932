"""mkdocs hook used by `python -m generator serve` only: regenerate the pages before each
build, fill the agency pages into the built shell after it (generator/serve.py)."""
from pathlib import Path

from generator.serve import fill_agency_pages, regenerate


def on_pre_build(config, **kwargs):
    regenerate()


def on_post_build(config, **kwargs):
    fill_agency_pages(Path(config["site_dir"]))

"""mkdocs hook used by `python -m generator serve` only: regenerate pages before each build."""
from generator.serve import regenerate


def on_pre_build(config, **kwargs):
    regenerate()

"""mkdocs hook used by `python -m generator serve` only: regenerate pages before each build."""
from generator.serve import regenerate_from_env


def on_pre_build(config, **kwargs):
    regenerate_from_env()

"""mkdocs hook used by every build: with a build cache, mkdocs' theme templates are
compiled once and their bytecode kept in the cache (Jinja checks each template's source
checksum, so a changed template is compiled again). No effect on the output. The folder
comes from the configuration (extra.kt_jinja_cache, set by generator/site/config.py)."""
import os

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files, **kwargs):
    folder = (config.get("extra") or {}).get("kt_jinja_cache")
    if folder:
        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env

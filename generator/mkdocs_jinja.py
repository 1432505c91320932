"""mkdocs hook used by every build: with a build cache, mkdocs' theme templates are
compiled once and their bytecode kept in the cache (Jinja checks each template's source
checksum, so a changed template is compiled again). No effect on the output."""
import os

from jinja2 import FileSystemBytecodeCache

ENV_VAR = "KT_JINJA_CACHE"


def on_env(env, config, files, **kwargs):
    folder = os.environ.get(ENV_VAR)
    if folder:
        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env

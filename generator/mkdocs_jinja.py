"""mkdocs hook used by every build: with a build cache, mkdocs' theme templates are
compiled once and their bytecode kept in the cache (Jinja checks each template's source
checksum, so a changed template is compiled again), and each page's Markdown is converted
once: the HTML, table of contents, title and anchors of a page are kept in the cache under
the hash of everything the conversion reads (the code, mkdocs.yml and the lock through the
cache's code fingerprint; the page's source and place; every file's place, which relative
links resolve against), so a rebuild after one change converts only the pages whose
Markdown changed. No effect on the output. The folders come from the configuration
(extra.kt_jinja_cache and extra.kt_markdown_cache, set by generator/site/config.py).

mkdocs loads this file by its path, not as part of the package: imports are absolute."""
import logging
import os

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files, **kwargs):
    folder = (config.get("extra") or {}).get("kt_jinja_cache")
    if folder:
        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env


_FILES: dict[int, tuple[object, str]] = {}  # id(files) -> (files, fingerprint of every file's place)


def _files_fingerprint(files) -> str:
    from generator.cache import digest
    known = _FILES.get(id(files))
    if known is None or known[0] is not files:
        known = (files, digest(sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)))
        _FILES.clear()
        _FILES[id(files)] = known
    return known[1]


def on_pre_page(page, config, files, **kwargs):
    folder = (config.get("extra") or {}).get("kt_markdown_cache")
    if folder:
        page.render = lambda cfg, fls: cached_render(page, cfg, fls, folder)
    return page


class _Warnings(logging.Handler):
    """Counts the warnings mkdocs logs while a page is converted (a page that warned is not
    kept: its next build must warn, and fail under --strict, again)."""
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def cached_render(page, config, files, folder: str) -> None:
    """mkdocs' Page.render (mkdocs/structure/pages.py, the pinned version), with its result
    kept in the build cache."""
    from generator.cache import Cache
    from mkdocs.structure.toc import get_toc

    cache = Cache.at(folder)  # the build's own: its entries count as used (prune)
    key = cache.key("markdown", page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown,
                    _files_fingerprint(files), config["use_directory_urls"], list(config["markdown_extensions"]))
    stored = cache.get("markdown", key)
    if stored is None:
        stored = _render(page, config, files)
        if stored is not None:
            cache.put("markdown", key, stored)
        else:
            return
    content, toc_tokens, title, anchors, links = stored
    page.content = content
    page.toc = get_toc(toc_tokens)
    page._title_from_render = title
    page.present_anchor_ids = set(anchors)
    if links is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): dict(targets) for uri, targets in links}


def _render(page, config, files):
    """Page.render's body; returns what it set (None, the page rendered but not to be kept,
    when it warned)."""
    import markdown
    from mkdocs.structure import pages as mp

    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    raw_html_ext = mp._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = mp._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = mp._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = mp._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    warned = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warned)
    try:
        page.content = md.convert(page.markdown)
    finally:
        logger.removeHandler(warned)
    toc_tokens = getattr(md, "toc_tokens", [])
    page.toc = mp.get_toc(toc_tokens)
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    links = None
    if mp.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors
        links = sorted((f.src_uri, sorted(targets.items())) for f, targets in relative_path_ext.links_to_anchors.items())
    if warned.count:
        return None
    return (page.content, _plain(toc_tokens), page._title_from_render, sorted(page.present_anchor_ids), links)


def _plain(tokens):
    """toc tokens as plain dicts and lists (what the cache stores)."""
    return [{k: (_plain(v) if k == "children" else v) for k, v in t.items()} for t in tokens]

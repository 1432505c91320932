"""The safety scan of a rebuild in proportion to what changed (issue 14 item 7).

A full scan (generator/scan.py) takes every page's result (from the build cache where the
page's path and bytes were scanned before) and checks every link against the whole site.
After a scan that found nothing, this module keeps in the cache what the next build needs
to redo only what changed (`State`):

- every page's scan key (its path and content: scan.page_key), and
- for every link target (the site path a link resolves to, before a folder becomes its
  index.html), the pages that link to it: the link graph, reversed.

On the next build a page whose key is the same was clean then: it holds no finding of its
own and its links resolved. Its links can stop resolving only if what they point to
changed: a target that is gone (a file removed, a folder left without index.html), or a page
whose ids changed (a #fragment may be gone; a new page's ids are new). So the pages checked
are the changed ones (new bytes or new path) and the unchanged ones that link to a target
that no longer resolves or to a page whose ids changed; their links are checked against the
current site, a fragment against its page's current ids (an unchanged page's ids are its
cached result's, read only when a checked link needs them).

The findings are those of a full scan, in the same order (tests/test_scan_state.py compares
the two after each kind of change). The state is stored only after a scan without findings
(anything else stops the build), so an unchanged page is one that was clean when last seen;
it is stored under its own hash with a small file naming it (`scan-last`), as the related
index keeps its last pairs. Whatever the state cannot vouch for (no state, another code
fingerprint, a page result missing from the cache) is scanned in full.
"""
from __future__ import annotations

import marshal
import sys
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, code_fingerprint
from .scan import Finding, _check_links, page_key, scan_pages

LAST = "scan-last"  # file in the cache folder: the code fingerprint and the key of the last clean scan's state
STEP = "scan-state"


@dataclass
class State:
    pages: dict[str, str]  # site path of every page -> its scan key
    linked: dict[str, set[str]]  # link target -> the pages linking to it
    key: str = ""  # its key in the cache

    def dump(self) -> bytes:
        return marshal.dumps((self.pages, self.linked))


def load_state(cache: Cache) -> State | None:
    """The last clean scan's state, if this code wrote it and the cache still holds it."""
    try:
        code, key = (cache.folder / LAST).read_text().split()
    except (OSError, ValueError):
        return None
    if code != code_fingerprint():
        return None
    stored = cache.get(STEP, key)
    if stored is None:
        return None
    pages, linked = stored
    return State(pages, linked, key)


def save_state(cache: Cache, state: State, key: str) -> None:
    """key: what determines the state (the last state's key and what changed since, or every
    page's key): the same state is not stored twice by one build after another."""
    cache.put_marshalled(STEP, key, state.dump())
    cache.write_file(LAST, f"{code_fingerprint()} {key}".encode())


def _targets(links: list) -> set[str]:
    return {target for _, _, target, _ in links}


def _resolved(target: str, dirs: set[str]) -> str:
    """The file a link target stands for (scan._link_verdict's reading of it)."""
    if target == ".":
        return "index.html"
    return target + "/index.html" if target in dirs else target


class _Ids(dict):
    """Page path -> its ids, the pages checked given, any other page's read from its cached
    result (or scanned again) when a link's fragment asks for them (scan._link_verdict asks
    with .get)."""

    def __init__(self, given: dict[str, set[str]], load):
        super().__init__(given)
        self.load = load

    def get(self, rel, default=None):  # type: ignore[override]
        if rel not in self:
            self[rel] = self.load(rel)
        return dict.get(self, rel, default)


def check_pages(site: Path, pages: list[Path], base_path: str, nip: bool, cache: Cache,
                known: dict[Path, str] | None, walked: tuple[list[Path], set[str], set[str]]) -> list[Finding]:
    """The findings of scan_site's page pass and link check over `pages` (every page of the
    site, in scan_site's order), checking only what changed since the last clean scan."""
    known = known or {}
    prefix = str(site) + "/"
    rels = {p: sys.intern(str(p)[len(prefix):]) for p in pages}  # relative_to, without pathlib's cost per page
    path_of = {rel: p for p, rel in rels.items()}
    keys = {rels[p]: page_key(cache, site, p, base_path, nip, known, rels[p]) for p in pages}
    last = load_state(cache)
    changed = [p for p in pages if last is None or last.pages.get(rels[p]) != keys[rels[p]]]
    removed = [rel for rel in last.pages if rel not in keys] if last is not None else []
    old: dict[str, tuple] = {}
    if last is not None:
        for rel in [rels[p] for p in changed if rels[p] in last.pages] + removed:
            stored = cache.get("scan", last.pages[rel])
            if stored is None:  # the cache no longer holds what the state was made from
                last, changed, removed = None, list(pages), []
                break
            old[rel] = stored
    results = scan_pages(site, changed, base_path, nip, cache, known, keys={p: keys[rels[p]] for p in changed})
    if last is None:
        checked = changed
    else:  # the unchanged pages whose links may no longer resolve
        _, files, dirs = walked
        new_ids = {rels[p]: results[p][2] for p in changed}
        ids_changed = {rel for rel, ids in new_ids.items() if rel not in old or set(old[rel][2]) != ids}
        unchanged = set(keys) - set(new_ids)
        suspect: set[str] = set()
        for target, linking in last.linked.items():
            file = _resolved(target, dirs)
            if file not in files or file in ids_changed:
                suspect |= linking & unchanged
        if suspect:
            results.update(scan_pages(site, [path_of[r] for r in sorted(suspect)], base_path, nip, cache, known,
                                      keys={path_of[r]: keys[r] for r in suspect}))
        checked = [p for p in pages if p in results]  # scan_site's order
        cache.keep("scan", [keys[rel] for rel in unchanged])  # read only if asked: kept by prune all the same
    findings: list[Finding] = []
    links: list[tuple[str, str, str, str]] = []
    for page in checked:
        _, page_findings, _, page_links = results[page]
        findings += page_findings
        links += page_links

    def ids_of(rel: str) -> set[str]:
        page = path_of.get(rel)
        if page is None:
            return set()
        return scan_pages(site, [page], base_path, nip, cache, known, keys={page: keys[rel]})[page][2]
    ids = _Ids({rels[p]: results[p][2] for p in checked}, ids_of)
    findings += _check_links(site, links, ids, base_path, walked)
    if not findings and (last is None or changed or removed):
        key = cache.key(STEP, last.key if last is not None else "", [keys[rels[p]] for p in changed], removed,
                        list(keys) if last is None else [])
        save_state(cache, _next_state(last, keys, removed, old, {rels[p]: results[p] for p in changed}), key)
    return findings


def _next_state(last: State | None, keys: dict[str, str], removed: list[str], old: dict[str, tuple],
                changed: dict[str, tuple]) -> State:
    """The state after this scan: the last one with the removed and changed pages' links
    taken out and the changed pages' links put in."""
    linked = last.linked if last is not None else {}
    for rel in list(changed) + removed:
        if rel in old:
            for target in _targets(old[rel][3]):
                linking = linked.get(target)
                if linking is not None:
                    linking.discard(rel)
                    if not linking:
                        del linked[target]
    for rel, result in changed.items():
        for target in _targets(result[3]):
            linked.setdefault(target, set()).add(rel)
    return State(keys, linked)

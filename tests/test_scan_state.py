"""The scan of a rebuild checks only what changed (generator/scan_state.py), and finds what a
full scan finds: a page changed is scanned again, an unchanged page is not parsed again, and
an unchanged page's link is reported as soon as what it points to is gone."""
import shutil

import pytest

import generator.scan
from generator.cache import Cache
from generator.scan import scan_site
from generator.scan_state import LAST, check_pages, load_state
from test_scan import page


def write(site, rel, body):
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page(body))


def make_site(site):
    write(site, "index.html", '<a href="a/">a</a> <a href="b/#i-1">b1</a> <a href="c.csv">c</a> <a href="#top">t</a>'
                              '<span id="top"></span>')
    write(site, "a/index.html", '<a href="../">home</a> <a href="../b/#i-2">b2</a>')
    write(site, "b/index.html", '<p id="i-1">one</p><p id="i-2">two</p><a href="../a/">a</a>')
    write(site, "d/index.html", '<a href="../b/">b</a>')  # links to b without a fragment
    (site / "c.csv").write_text("x\n1\n")


def scan(site, cache=None):
    return [(f.file, f.code, f.message) for f in scan_site(site, archives=False, cache=cache, changed_only=check_pages)]


@pytest.fixture
def parsed(monkeypatch):
    """The pages parsed (scan._scan_page) since the last clear()."""
    seen = []
    real = generator.scan._scan_page

    def spy(arg):
        seen.append(arg[1].relative_to(arg[0]).as_posix())
        return real(arg)
    monkeypatch.setattr(generator.scan, "_scan_page", spy)
    return seen


@pytest.fixture
def built(tmp_path):
    """A clean site scanned once with a cache (its state stored)."""
    site, cache = tmp_path / "site", Cache(tmp_path / "cache")
    make_site(site)
    assert scan(site, cache) == []
    assert (tmp_path / "cache" / LAST).is_file()
    return site, cache


def rescan(site, cache, parsed=None):
    """The incremental scan (a fresh Cache on the same folder, as the next build opens it),
    which must equal a full scan without cache, finding for finding and in order. parsed:
    left holding the pages the incremental scan parsed."""
    if parsed is not None:
        parsed.clear()
    found = scan(site, Cache(cache.folder))
    mine = list(parsed) if parsed is not None else []
    assert found == scan(site), "the incremental scan differs from a full one"
    if parsed is not None:
        parsed[:] = mine
    return found


def test_unchanged_pages_are_not_parsed_nor_read_again(built, parsed, monkeypatch):
    site, cache = built
    read = []
    real_get = Cache.get

    def get(self, step, key):
        read.append(step)
        return real_get(self, step, key)
    monkeypatch.setattr(Cache, "get", get)
    assert scan(site, Cache(cache.folder)) == []
    assert parsed == [] and read.count("scan") == 0  # no page's result needed: nothing changed
    write(site, "d/index.html", '<a href="../b/">b</a> <a href="../a/">a</a>')  # still clean
    read.clear()
    assert scan(site, Cache(cache.folder)) == []
    assert parsed == ["d/index.html"]
    assert read.count("scan") == 2  # d's result before the change (its links to take out), d's lookup


def test_a_changed_page_is_scanned_again(built, parsed):
    site, cache = built
    write(site, "d/index.html", '<a href="../b/" onclick="x()">b</a><a href="../b/#gone">g</a>')
    assert rescan(site, cache, parsed) == [
        ("d/index.html", "event-handler", "<a onclick=...> attribute"),
        ("d/index.html", "broken-anchor", "'../b/#gone': no id 'gone' in b/index.html")]
    assert parsed == ["d/index.html"]


def test_an_unchanged_pages_link_is_reported_when_its_target_disappears(built, parsed):
    site, cache = built
    shutil.rmtree(site / "a")
    assert rescan(site, cache, parsed) == [
        ("b/index.html", "broken-link", "'../a/' -> a does not exist"),
        ("index.html", "broken-link", "'a/' -> a does not exist")]
    assert parsed == []  # index.html and b/: their cached results


def test_a_removed_download_is_reported_in_the_unchanged_page_linking_it(built):
    site, cache = built
    (site / "c.csv").unlink()
    assert rescan(site, cache) == [("index.html", "broken-link", "'c.csv' -> c.csv does not exist")]


def test_a_folder_left_without_index_is_a_broken_link(built):
    site, cache = built
    (site / "a" / "index.html").rename(site / "a" / "other.html")
    assert rescan(site, cache) == [
        ("b/index.html", "broken-link", "'../a/' -> a/index.html does not exist"),
        ("index.html", "broken-link", "'a/' -> a/index.html does not exist")]


def test_an_id_gone_from_a_target_page_is_reported_in_the_unchanged_pages(built, parsed):
    site, cache = built
    write(site, "b/index.html", '<p id="i-1">one</p><a href="../a/">a</a>')  # i-2 gone
    assert rescan(site, cache, parsed) == [("a/index.html", "broken-anchor", "'../b/#i-2': no id 'i-2' in b/index.html")]
    write(site, "b/index.html", '<p id="i-2">two</p><a href="../a/">a</a>')  # i-1 gone, i-2 back
    assert rescan(site, cache) == [("index.html", "broken-anchor", "'b/#i-1': no id 'i-1' in b/index.html")]


def test_a_changed_page_whose_ids_stay_does_not_recheck_its_linkers(built, parsed):
    site, cache = built
    write(site, "b/index.html", '<p id="i-1">une</p><p id="i-2">deux</p><a href="../a/">a</a>')
    assert rescan(site, cache, parsed) == []
    assert parsed == ["b/index.html"]


def test_findings_stay_until_fixed(built):
    """A scan that found something stores no state: the next one compares with the last
    clean site, so an unchanged page's broken link is reported again, not taken as clean."""
    site, cache = built
    clean = load_state(Cache(cache.folder))
    (site / "c.csv").unlink()
    assert rescan(site, cache) != []
    assert load_state(Cache(cache.folder)) == clean
    assert rescan(site, cache) == [("index.html", "broken-link", "'c.csv' -> c.csv does not exist")]
    (site / "c.csv").write_text("x\n")
    assert rescan(site, cache) == []


def test_a_new_page_and_a_removed_one(built):
    site, cache = built
    write(site, "e/index.html", '<a href="../b/#i-1">b</a><a href="../nowhere/">n</a>')
    assert rescan(site, cache) == [("e/index.html", "broken-link", "'../nowhere/' -> nowhere does not exist")]
    write(site, "e/index.html", '<a href="../b/#i-1">b</a>')
    assert rescan(site, cache) == []
    shutil.rmtree(site / "d")  # nothing linked to d
    assert rescan(site, cache) == []
    write(site, "b/index.html", '<p id="i-1">one</p><p id="i-2">two</p><a href="../d/">d</a>')
    assert rescan(site, cache) == [("b/index.html", "broken-link", "'../d/' -> d does not exist")]


def test_a_page_moved_is_a_new_page(built):
    site, cache = built
    (site / "b").rename(site / "bb")
    found = rescan(site, cache)
    assert {f[0] for f in found} == {"index.html", "a/index.html", "d/index.html"}  # bb's own link resolves


def test_what_the_state_cannot_vouch_for_is_scanned_in_full(built, parsed):
    site, cache = built
    for entry in (cache.folder / "scan").rglob("*.m"):  # every page's result gone from the cache
        entry.unlink()
    write(site, "d/index.html", '<a href="../b/#i-3">b</a>')
    assert rescan(site, cache, parsed) == [("d/index.html", "broken-anchor", "'../b/#i-3': no id 'i-3' in b/index.html")]
    assert "index.html" in parsed  # scanned in full


def test_prune_keeps_the_unchanged_pages_results(built, parsed):
    site, cache = built
    again = Cache(cache.folder)
    write(site, "d/index.html", '<a href="../b/">b</a><p id="x"></p>')
    assert scan(site, again) == []
    again.prune()
    (site / "c.csv").unlink()
    assert rescan(site, cache, parsed) == [("index.html", "broken-link", "'c.csv' -> c.csv does not exist")]
    assert parsed == []  # its result was still in the cache

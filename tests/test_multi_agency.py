"""One decree covering several perangkat daerah (tests/fixtures/packages/multi, the importer's
package of tests/importer/new_layouts/nl01): each agency has its own page with its own rows,
every page of the decree lists all of them, and each page's downloads hold its rows."""
import csv
import filecmp
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import Options, build
from kt_testing import FIXTURES, ROOT, read_rows

MULTI = FIXTURES / "packages" / "multi"
DECREES = ROOT / "tests" / "importer" / "new_layouts"
PAGE = {"id": "lembaga/{}/index.html", "en": "en/agencies/{}/index.html"}


def _package() -> Path:
    (folder,) = [p.parent for p in MULTI.glob("*/datapackage.json")]
    return folder


class Links(HTMLParser):
    """Every <a href>, with whether it is a download, and the text of the main element."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, bool, str]] = []
        self.agencies_line: list[tuple[str | None, str]] = []   # (href or None for the current page, name)
        self._in_list = 0
        self._href: tuple[str, bool] | None = None
        self._text = ""
        self._current = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "p" and "kt-decree-agencies" in (a.get("class") or ""):
            self._in_list = 1
        if tag == "a":
            self._href, self._text = (a.get("href") or "", "download" in a), ""
        if tag == "strong" and self._in_list and a.get("aria-current") == "page":
            self._current, self._text = True, ""

    def handle_data(self, data):
        self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((*self._href, self._text.strip()))
            if self._in_list:
                self.agencies_line.append((self._href[0], self._text.strip()))
            self._href = None
        if tag == "strong" and self._current:
            self.agencies_line.append((None, self._text.strip()))
            self._current = False
        if tag == "p":
            self._in_list = 0


def parse(path: Path) -> tuple[Links, str]:
    html = path.read_text(encoding="utf-8")
    p = Links()
    p.feed(html)
    main = html[html.index("<main"):html.index("</main>")]
    return p, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("multi") / "site"
    build(Options(packages=MULTI, decrees=DECREES, out=out))
    return out


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    folder = _package()
    return {name: read_rows(folder / f"{name}.csv") for name in ("agencies", "documents", "indicators")}


def owners(rows) -> dict[str, list[str]]:
    """agency id -> names of its indicators."""
    out: dict[str, list[str]] = {}
    for i in rows["indicators"]:
        out.setdefault(i["agency_id"], []).append(i["name"])
    return out


def test_the_fixture_is_the_importers_package(tmp_path):
    import sys
    sys.path.insert(0, str(FIXTURES))
    from make_multi import make
    fresh = make(tmp_path / "multi")
    committed = _package()
    assert fresh.name == committed.name
    cmp = filecmp.dircmp(fresh, committed)
    assert not (cmp.left_only or cmp.right_only or cmp.diff_files), "run tests/fixtures/make_multi.py"


def test_the_importer_gives_each_agency_its_rows(rows):
    by_agency = owners(rows)
    names = {a["id"]: a["name"] for a in rows["agencies"]}
    assert sorted(names[a] for a in by_agency) == sorted(
        [f"{n} Kabupaten Lembah Hijau" for n in
         ("Dinas Kesehatan", "Dinas Pendidikan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Badan Pendapatan Daerah")])
    (doc,) = rows["documents"]
    assert names[doc["agency_id"]] == "Pemerintah Kabupaten Lembah Hijau"   # the issuer, not an unknown agency
    assert "unknown_agency" not in doc["flags"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_agency_page_shows_its_own_rows_only(site, rows, lang):
    by_agency = owners(rows)
    for aid, mine in by_agency.items():
        _, text = parse(site / PAGE[lang].format(aid))
        for name in mine:
            assert name in text, (lang, aid, name)
        for other, theirs in by_agency.items():
            if other != aid:
                assert not [n for n in theirs if n in text], (lang, aid, other)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_of_the_decree_lists_all_its_agencies(site, rows, lang):
    by_agency = owners(rows)
    names = {a["id"]: a["name"] for a in rows["agencies"]}
    (doc,) = rows["documents"]
    for aid in list(by_agency) + [doc["agency_id"]]:
        page = site / PAGE[lang].format(aid)
        links, _ = parse(page)
        listed = links.agencies_line
        assert [n for _, n in listed] == [names[a] for a in by_agency], (lang, aid)
        for href, name in listed:
            if href is None:          # the page's own agency, marked, not linked
                assert name == names[aid]
                continue
            target = (page.parent / href).resolve()
            assert (target / "index.html").is_file() if href.endswith("/") else target.is_file(), href


def test_each_agency_page_downloads_hold_its_rows(site, rows):
    by_agency = owners(rows)
    for aid, mine in by_agency.items():
        page = site / PAGE["id"].format(aid)
        links, _ = parse(page)
        downloads = [href for href, is_download, _ in links.links if is_download]
        assert downloads, aid
        files = [(page.parent / href).resolve() for href in downloads]
        missing = [str(f) for f in files if not f.is_file()]
        assert not missing, (aid, missing)
        flat = next(f for f in files if f.name == "indicators.csv")  # the decree's table, agency_id on each row
        with open(flat, encoding="utf-8", newline="") as fh:
            got = [r["name"] for r in csv.DictReader(fh) if r["agency_id"] == aid]
        assert got == mine, aid
        assert any(f.suffix == ".zip" for f in files) and any(f.suffix == ".xlsx" for f in files)

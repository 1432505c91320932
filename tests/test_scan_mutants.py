"""The safety scanner's tables and options, one finding each (generator/scan.py): every
allowed host, every read suffix, every unsafe script source, every URL attribute, root-
relative links, the page cache. Each test kills mutants `make mutation` found alive."""
from __future__ import annotations

import pytest

from generator.cache import Cache
from generator.scan import ALLOWED_HOSTS, scan_pages, scan_site

CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'{extra}; "
       "object-src 'none'; base-uri 'self'\">")
NIP = "NIP. 19740226 199311 1 001"


def page(body: str, extra: str = "") -> str:
    return f"<html><head>{CSP.format(extra=extra)}</head><body>{body}</body></html>"


def found(site, **kw):
    return [(f.file, f.code, f.message) for f in scan_site(site, **kw)]


# written out, not read from ALLOWED_HOSTS: the list is the specification
HOSTS = ["creativecommons.org", "opendatacommons.org", "github.com", "www.npmjs.com", "datapackage.org",
         "specs.frictionlessdata.io", "squidfunk.github.io", "www.mkdocs.org", "pagefind.app", "schema.org",
         "www.w3.org", "kinerja-terbuka.github.io"]


@pytest.mark.parametrize("host", HOSTS)
def test_each_allowed_host_passes(tmp_path, host):
    (tmp_path / "index.html").write_text(page(f'<a href="https://{host}/x">x</a><a href="//{host.upper()}/y">y</a>'))
    assert found(tmp_path) == []


def test_only_those_hosts_are_allowed(tmp_path):
    assert ALLOWED_HOSTS == set(HOSTS)
    (tmp_path / "index.html").write_text(page('<a href="https://github.com.evil.example/">x</a>'))
    assert found(tmp_path) == [("index.html", "external-host", "<a href> points to 'github.com.evil.example'")]


@pytest.mark.parametrize("suffix", [".json", ".csv", ".txt", ".xml", ".js", ".jsonld", ".md", ".yaml"])
def test_each_text_suffix_is_read_by_the_build_scan(tmp_path, suffix):
    (tmp_path / "index.html").write_text(page("ok"))
    (tmp_path / f"f{suffix}").write_text(NIP)
    (tmp_path / "f.bin").write_text(NIP)  # not a text suffix: the build's scan skips it
    assert [(f, c) for f, c, _ in found(tmp_path, archives=False)] == [(f"f{suffix}", "personal-identifier")]


def test_pages_are_read_for_a_nip_when_html_is_a_suffix(tmp_path):
    (tmp_path / "index.html").write_text(page(NIP))
    assert [c for _, c, _ in found(tmp_path, archives=False)] == ["personal-identifier"]
    assert found(tmp_path, archives=False, suffixes={".csv"}) == []
    (tmp_path / "index.html").write_text(page(NIP + '<a href="/x.html#top">x</a>'))
    [(rel, findings, _, links)] = scan_pages(tmp_path, [tmp_path / "index.html"]).values()  # defaults: nip, "/"
    assert (rel, [f.code for f in findings]) == ("index.html", ["personal-identifier"])
    assert links == [("index.html", "/x.html#top", "x.html", "top")]


@pytest.mark.parametrize("source", ["'unsafe-hashes'", "'strict-dynamic'", "blob:", "http:", "filesystem:",
                                    "'nonce-abc'", "https://cdn.example", "'UNSAFE-EVAL'"])
def test_each_unsafe_script_source(tmp_path, source):
    (tmp_path / "index.html").write_text(page("x", extra=" " + source))
    assert found(tmp_path) == [("index.html", "csp-weak", f"script-src allows {source}")]


@pytest.mark.parametrize("markup,tag,attr", [
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "a", "xlink:href"),
    ('<video poster="javascript:alert(1)"></video>', "video", "poster"),
    ('<img srcset="javascript:alert(1)">', "img", "srcset"),
    ('<input type="image" src="javascript:alert(1)">', "input", "src"),
])
def test_each_url_attribute_is_checked(tmp_path, markup, tag, attr):
    (tmp_path / "index.html").write_text(page(markup))
    assert found(tmp_path) == [("index.html", "script-url", f"<{tag} {attr}='javascript:alert(1)'>")]


def test_object_data_is_a_url(tmp_path):
    (tmp_path / "index.html").write_text(page('<object data="javascript:alert(1)"></object>'))
    assert found(tmp_path) == [("index.html", "embedded-frame", "<object> is not allowed"),
                               ("index.html", "script-url", "<object data='javascript:alert(1)'>")]


def test_root_relative_links_resolve_under_the_base_path(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(page('<p id="here">x</p><a href="../index.html">up</a>'
                                                     '<a href="page.html#here">self</a>'))
    (tmp_path / "404.html").write_text(page('<a href="/sub/page.html#here">a</a><a href="/sub/page.html#gone">b</a>'
                                            '<a href="/">c</a><a href="/nowhere/">d</a>'))
    (tmp_path / "index.html").write_text(page("home"))
    assert found(tmp_path) == [("404.html", "broken-anchor", "'/sub/page.html#gone': no id 'gone' in sub/page.html"),
                               ("404.html", "broken-link", "'/nowhere/' -> nowhere does not exist")]
    (tmp_path / "404.html").write_text(page('<a href="/kt/sub/page.html#here">a</a><a href="/kt/">b</a>'))
    assert found(tmp_path, base_path="/kt/") == []
    assert [c for _, c, _ in found(tmp_path)] == ["broken-link", "broken-link"]


def test_a_page_scanned_before_comes_from_the_cache(tmp_path):
    site, cache = tmp_path / "site", Cache(tmp_path / "cache")
    site.mkdir()
    index = site / "index.html"
    index.write_text(page('<a href="javascript:x">x</a>'))
    first = found(site, cache=cache)
    assert [c for _, c, _ in first] == ["script-url"]
    assert found(site, cache=cache) == first
    # a page known by name (its cache key) is looked up without reading it
    known = {index: "name-of-the-page"}
    found(site, cache=cache, known=known)
    index.write_text(page("clean now"))
    assert found(site, cache=cache, known=known) == first  # the name, not the bytes, was looked up
    assert found(site, cache=cache) == []  # the new bytes: scanned afresh


@pytest.mark.parametrize("tag", ["iframe", "frame", "frameset", "applet", "portal"])
def test_each_frame_tag(tmp_path, tag):
    (tmp_path / "index.html").write_text(page(f"<{tag}></{tag}>"))
    assert found(tmp_path) == [("index.html", "embedded-frame", f"<{tag}> is not allowed")]


def test_csp_hash_is_the_header_form():
    from generator.scan import csp_hash
    assert csp_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # SHA-256 of nothing
    assert csp_hash("é") == "'sha256-" + __import__("base64").b64encode(
        __import__("hashlib").sha256("é".encode()).digest()).decode() + "'"


def test_a_policy_without_script_src_nor_default_src(tmp_path):
    (tmp_path / "index.html").write_text(  # an empty default-src allows nothing: strict
        "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"img-src 'self'; DEFAULT-SRC; "
        "object-src 'none'; base-uri 'none'\"></head><body></body></html>")
    assert found(tmp_path) == []
    (tmp_path / "index.html").write_text(
        "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"img-src 'self'; "
        "object-src 'none'; base-uri 'none'\"></head><body></body></html>")
    assert found(tmp_path) == [("index.html", "csp-weak", "no script-src (nor default-src) directive")]


def test_links_to_folders_and_out_of_the_site(tmp_path):
    """A link to a folder is a link to its index.html; a relative link may not climb out."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(page("sub"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "data.csv").write_text("a\n1\n")
    (tmp_path / "index.html").write_text(page('<a href="sub/">a</a><a href="sub">b</a><a href="empty/">c</a>'
                                              '<a href="../outside.html">d</a>'))
    assert found(tmp_path) == [("index.html", "broken-link", "'empty/' -> empty/index.html does not exist"),
                               ("index.html", "broken-link", "'../outside.html' leaves the site")]


def test_a_root_relative_link_outside_the_base_path_is_read_from_the_site_root(tmp_path):
    (tmp_path / "index.html").write_text(page('<a href="/index.html">a</a><a href="/nowhere/">b</a>'))
    assert found(tmp_path, base_path="/kt/") == [("index.html", "broken-link", "'/nowhere/' -> nowhere does not exist")]


def test_fragments_are_checked_on_pages_only_and_name_anchors_count(tmp_path):
    (tmp_path / "data.csv").write_text("a\n1\n")
    (tmp_path / "index.html").write_text(page('<a name="old">x</a><a href="#old">a</a><a href="data.csv#row=2">b</a>'
                                              '<a href="#nothing">c</a>'))
    assert found(tmp_path) == [("index.html", "broken-anchor", "'#nothing': no id 'nothing' in index.html")]


def test_every_linked_kind_is_checked_and_srcset_is_no_path(tmp_path):
    """<a href>, <link href>, <script src>, <img src> must resolve; srcset is a list of
    candidates (checked for script URLs only), never one path."""
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "index.html").write_text(page(
        '<link rel="stylesheet" href="gone.css"><img src="gone.png"><script src="assets/javascripts/gone.js"></script>'
        '<a href="gone.html">a</a><img srcset="a.png 1x, b.png 2x">'))
    assert found(tmp_path) == [("index.html", "broken-link", f"'{u}' -> {u} does not exist")
                               for u in ("gone.css", "gone.png", "assets/javascripts/gone.js", "gone.html")]


def test_data_urls_only_in_images(tmp_path):
    png = "data:image/png;base64,iVBORw0KGgo="
    (tmp_path / "index.html").write_text(page(f'<img src="{png}"><a href="data:text/html,x">x</a>'))
    assert found(tmp_path) == [("index.html", "script-url", "<a href='data:text/html,x'>")]


def test_a_script_from_an_allowed_host_is_still_external_and_images_are_not(tmp_path):
    (tmp_path / "index.html").write_text(page('<img src="https://github.com/logo.png">'
                                              '<script src="https://github.com/x.js"></script>'))
    assert found(tmp_path) == [("index.html", "external-script", "<script src='https://github.com/x.js'>")]


@pytest.mark.parametrize("attr", ["href", "xlink:href"])
def test_svg_scripts_load_from_href_too(tmp_path, attr):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "ok.js").write_text("")
    (tmp_path / "index.html").write_text(page(
        f'<svg><script {attr}="https://github.com/x.js"></script><script {attr}="evil.js"></script>'
        f'<script {attr}="assets/javascripts/ok.js"></script></svg>'))
    assert [(c, m) for _, c, m in found(tmp_path, check_links=False) if c != "inline-script"] == [
        ("external-script", "<script src='https://github.com/x.js'>"), ("unknown-script", "<script src='evil.js'>")]


def test_an_empty_or_undecodable_page_is_scanned_not_a_crash(tmp_path):
    (tmp_path / "index.html").write_bytes(b"")
    (tmp_path / "bad.html").write_bytes(page(NIP + " \xff").encode("latin-1"))
    assert found(tmp_path, archives=False) == [("bad.html", "personal-identifier", f"NIP-like number {NIP[5:]!r}"),
                               ("index.html", "csp-missing", "no Content-Security-Policy <meta> in <head>")]


def test_an_inline_script_is_hashed_over_its_utf8_text(tmp_path):
    from generator.scan import csp_hash
    body = "window.judul = 'Capaian ≥ 97% — é';"
    (tmp_path / "index.html").write_text(page(f"<script>{body}</script>", extra=" " + csp_hash(body)), encoding="utf-8")
    assert found(tmp_path) == []


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_archives_are_opened_three_levels_deep_and_no_deeper():
    import gzip

    from generator.scan import _contents
    text = NIP.encode()
    zips = _zip({"c.zip": _zip({"d.txt": text})})
    assert list(_contents("a.zip", _zip({"b.zip": zips}))) == [("a.zip!b.zip!c.zip!d.txt", NIP)]
    [(name, _)] = _contents("a.zip", _zip({"b.zip": _zip({"c.zip": _zip({"d.zip": _zip({"e.txt": text})})})}))
    assert name == "a.zip!b.zip!c.zip!d.zip"  # the fourth level is read as it is
    gz = gzip.compress(gzip.compress(gzip.compress(text)))
    assert list(_contents("x.gz", gz)) == [("x.gz!gunzip!gunzip!gunzip", NIP)]
    [(name, _)] = _contents("x.gz", gzip.compress(gz))
    assert name == "x.gz!gunzip!gunzip!gunzip"


def test_spreadsheets_are_read_for_formulas_in_sheets_only(tmp_path):
    sheet = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    formula = b'<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(1,2)</f></c></row></sheetData></worksheet>'
    chart = b'<c:chartSpace><c:ser><c:val><c:numRef><c:f>Sheet1!$A$1:$A$3</c:f></c:numRef></c:val></c:ser></c:chartSpace>'
    (tmp_path / "index.html").write_text(page("x"))
    (tmp_path / "clean.xlsx").write_bytes(_zip({"xl/worksheets/sheet1.xml": sheet, "xl/charts/chart1.xml": chart}))
    (tmp_path / "runs.xlsx").write_bytes(_zip({"xl/worksheets/sheet1.xml": formula}))
    assert found(tmp_path) == [("runs.xlsx!xl/worksheets/sheet1.xml", "spreadsheet-formula",
                                "an XLSX sheet holds a formula cell")]


def test_formula_cells_are_looked_for_in_csv_files_when_archives_are_read(tmp_path):
    """`generator check` reads every CSV for a cell a spreadsheet would run (and names its
    row); the build's scan (archives=False) leaves that to validation; other text is text."""
    (tmp_path / "index.html").write_text(page("x"))
    (tmp_path / "t.csv").write_text("name,value\nA,1\nB,=HYPERLINK(\"x\")\n")
    (tmp_path / "notes.txt").write_text("=HYPERLINK(\"x\")\n")
    assert found(tmp_path) == [("t.csv", "spreadsheet-formula", "row 3: cell '=HYPERLINK(\"x\")' would run as a formula")]
    assert found(tmp_path, archives=False) == []


def test_text_files_with_undecodable_bytes_are_still_read(tmp_path):
    (tmp_path / "index.html").write_text(page("x"))
    (tmp_path / "a.txt").write_bytes(b"\xff " + NIP.encode())
    (tmp_path / "b.zip").write_bytes(_zip({"c.txt": b"\xfe " + NIP.encode()}))
    expected = [("a.txt", "personal-identifier"), ("b.zip!c.txt", "personal-identifier")]
    assert [(f, c) for f, c, _ in found(tmp_path)] == expected
    assert [(f, c) for f, c, _ in found(tmp_path, archives=False)] == expected[:1]


def test_a_folder_linked_into_the_site_is_read_and_links_into_it_resolve(tmp_path):
    """A symbolic link to a folder is followed, as pathlib's rglob follows it: its files are
    read for an NIP and a link into it resolves."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "data.txt").write_text(NIP)
    (outside / "index.html").write_text(page("<p>x</p>"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "linked").symlink_to(outside, target_is_directory=True)
    (site / "index.html").write_text(page('<a href="linked/">x</a><a href="linked/data.txt">y</a>'))
    assert found(site) == [("linked/data.txt", "personal-identifier", f"NIP-like number {NIP[5:]!r}")]


def test_the_parts_called_alone_walk_the_site_themselves(tmp_path):
    """scan_site walks the site once and hands the files to each part; called alone (no
    files given), the link check and the privacy pass walk it themselves."""
    from generator.scan import _check_links, scan_privacy
    (tmp_path / "index.html").write_text(page("<p>x</p>"))
    (tmp_path / "data.txt").write_text(NIP)
    links = [("index.html", "a.html", "a.html", ""), ("index.html", "./", ".", "")]
    assert [(f.file, f.code) for f in _check_links(tmp_path, links, {}, "/")] == [("index.html", "broken-link")]
    assert [(f.file, f.code) for f in scan_privacy(tmp_path)] == [("data.txt", "personal-identifier")]


def test_more_than_two_hundred_pages_are_scanned_in_a_pool_with_the_same_results(tmp_path):
    """From 201 pages on, pages are scanned in a process pool: every page's result comes
    back, the same as scanned one by one (and stored in the cache alike)."""
    pages = []
    for i in range(201):
        pages.append(tmp_path / f"p{i}.html")
        pages[-1].write_text(page(f'<p id="x{i}">{NIP if i == 200 else i}</p><a href="p{i + 1}.html">n</a>'))
    pooled = scan_pages(tmp_path, pages, cache=Cache(tmp_path / "cache"))
    one_by_one = scan_pages(tmp_path, pages[:200]) | scan_pages(tmp_path, pages[200:])
    assert len(pooled) == 201 and pooled == one_by_one
    assert pooled[pages[200]][1] and pooled[pages[200]][1][0].code == "personal-identifier"
    assert scan_pages(tmp_path, pages, cache=Cache(tmp_path / "cache")) == pooled  # from the cache now

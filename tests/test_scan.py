"""The safety scanner finds what must never be published."""
import gzip
import sys
import zipfile

import pytest

from generator.scan import csp_hash, scan_site

CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'{extra}; "
       "object-src 'none'; base-uri 'self'\">")


def page(body: str, head: str = "", extra: str = "") -> str:
    return f"<html><head>{CSP.format(extra=extra)}{head}</head><body>{body}</body></html>"


def codes(site, **kw):
    return sorted(f.code for f in scan_site(site, **kw))  # a list: a missing or extra finding shows


def test_hostile_markup_is_found(tmp_path):
    (tmp_path / "index.html").write_text(page(
        '<a href="jav&#x61;script:alert(1)">x</a><img src="a.png" onerror="alert(1)">'
        '<iframe src="https://evil.example/"></iframe><script src="https://cdn.example/x.js"></script>'
        '<script src="inline/own.js"></script><a href="missing/">m</a><a href="#nope">n</a>'))
    (tmp_path / "a.png").write_bytes(b"")
    assert codes(tmp_path) == ["broken-anchor", "broken-link", "broken-link", "embedded-frame", "event-handler",
                               "external-host", "external-host", "external-script", "script-url", "unknown-script"]


def test_a_quoted_angle_bracket_does_not_hide_a_handler(tmp_path):
    (tmp_path / "index.html").write_text(page('<a title="a>b" onclick="alert(1)" id="x" href="#x">t</a>'))
    assert codes(tmp_path) == ["event-handler"]


def test_inline_scripts_must_be_hashed_in_the_page_policy(tmp_path):
    own = "var palette=1;"
    (tmp_path / "index.html").write_text(page(f"<script>{own}</script>", extra=" " + csp_hash(own)))
    assert codes(tmp_path) == []
    (tmp_path / "index.html").write_text(page(f"<script>{own}</script><script>alert(1)</script>",
                                              extra=" " + csp_hash(own)))
    assert codes(tmp_path) == ["inline-script"]


def test_json_data_blocks_must_parse(tmp_path):
    ok = '<script type="application/ld+json">{"name": "a\\u003c/script\\u003e"}</script>'
    (tmp_path / "index.html").write_text(page("", head=ok))
    assert codes(tmp_path) == []
    broken = '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}</script>'
    (tmp_path / "index.html").write_text(page("", head=broken))
    assert codes(tmp_path) == ["data-script", "inline-script"]


def test_missing_or_weak_policy(tmp_path):
    (tmp_path / "index.html").write_text("<html><head></head><body>x</body></html>")
    assert codes(tmp_path) == ["csp-missing"]
    (tmp_path / "index.html").write_text(page("x", extra=" 'unsafe-inline'"))
    assert codes(tmp_path) == ["csp-weak"]
    (tmp_path / "index.html").write_text(page("x", extra=" https://cdn.example"))
    assert codes(tmp_path) == ["csp-weak"]
    # a policy after </head> is ignored by browsers
    (tmp_path / "index.html").write_text("<html><head></head><body>" + CSP.format(extra="") + "</body></html>")
    assert codes(tmp_path) == ["csp-missing"]


def test_base_and_refresh(tmp_path):
    (tmp_path / "index.html").write_text(page("", head='<base href="https://evil.example/">'
                                                      '<meta http-equiv="refresh" content="0;url=https://evil.example">'))
    assert codes(tmp_path) == ["base-tag", "external-host", "meta-refresh"]


def test_nip_found_in_text_and_archives(tmp_path):
    (tmp_path / "index.html").write_text(page("<p>ok</p>"))
    (tmp_path / "data.csv").write_text("name\nNIP. 19740226 199311 1 001\n")
    with zipfile.ZipFile(tmp_path / "p.zip", "w") as zf:
        zf.writestr("p/people.csv", "nip\n196508081992031019\n")
    (tmp_path / "x.pf_fragment").write_bytes(gzip.compress(b'pagefind_dcd{"content":"NIP 19650808 199203 1 019"}'))
    (tmp_path / "SHA256SUMS").write_text("NIP 196508081992031019\n")
    found = scan_site(tmp_path)
    assert {f.file for f in found if f.code == "personal-identifier"} == {
        "data.csv", "p.zip!p/people.csv", "x.pf_fragment!gunzip", "SHA256SUMS"}
    assert not [f for f in scan_site(tmp_path, archives=False) if f.file.startswith(("p.zip", "x.pf"))]


def test_an_nip_in_a_page_is_one_finding(tmp_path, capsys):
    """`generator check` reads every file (archives=True) and the pages for their markup:
    an NIP in a page is reported once, by the page, whichever pass reads it."""
    from generator.cli import main
    (tmp_path / "index.html").write_text(page("<p>NIP. 19740226 199311 1 001</p>"))
    (tmp_path / "about.html").write_text(page("<p>ok</p>"))
    for archives in (True, False):
        assert [(f.file, f.code) for f in scan_site(tmp_path, archives=archives)] == [
            ("index.html", "personal-identifier")]
    assert main(["check", "--site", str(tmp_path)]) == 1
    assert capsys.readouterr().out.count("[personal-identifier]") == 1
    no_pages = scan_site(tmp_path, suffixes=frozenset({".csv"}))  # pages not read as text: the archive pass does
    assert [(f.file, f.code) for f in no_pages] == [("index.html", "personal-identifier")]


def test_spreadsheet_formulas_found(tmp_path):
    (tmp_path / "index.html").write_text(page("<p>ok</p>"))
    with zipfile.ZipFile(tmp_path / "t.xlsx", "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row><c r="A1"><f>HYPERLINK("x")</f>'
                                                 "</c></row></sheetData></worksheet>")
        zf.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    (tmp_path / "t.csv").write_text('name,value\nok,-12.5\n"=HYPERLINK(""http://x"")",1\n')
    found = {(f.file, f.code) for f in scan_site(tmp_path)}
    assert found == {("t.xlsx!xl/worksheets/sheet1.xml", "spreadsheet-formula"),
                     ("t.xlsx!xl/externalLinks/externalLink1.xml", "spreadsheet-formula"),
                     ("t.csv", "spreadsheet-formula")}


def test_clean_page_passes(tmp_path):
    (tmp_path / "index.html").write_text(page('<a id="top" href="#top">t</a><a href="https://creativecommons.org/x">'
                                              'l</a><script src="assets/javascripts/kt.js"></script>'))
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/kt.js").write_text("")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG 19740226 199311 1 001")  # binary files are not read
    assert scan_site(tmp_path) == []


def test_check_command_exit_codes(tmp_path, capsys):
    from generator.cli import main
    assert main(["check", "--site", str(tmp_path)]) == 2  # not a built site
    (tmp_path / "index.html").write_text(page('<a id="top" href="#top">t</a>'))
    assert main(["check", "--site", str(tmp_path)]) == 0
    (tmp_path / "index.html").write_text(page('<a href="javascript:alert(1)">x</a>'))
    assert main(["check", "--site", str(tmp_path)]) == 1
    assert "[script-url]" in capsys.readouterr().out


def findings(site):
    return [(f.file, f.code, f.message) for f in scan_site(site, check_links=False)]


def test_meta_written_with_slashes_is_seen(tmp_path):
    """Issue 16 #7: `<meta/http-equiv=...>` redirected in Chromium while the scan passed."""
    (tmp_path / "index.html").write_text(page('<p>x</p><meta/http-equiv="refresh"/content="0;url=https://evil.example/">'))
    assert findings(tmp_path) == [("index.html", "meta-refresh", "<meta http-equiv=refresh> redirects")]
    (tmp_path / "index.html").write_text(page('<img/src="a.png"/onerror="alert(1)">'))
    assert findings(tmp_path) == [("index.html", "event-handler", "<img onerror=...> attribute")]


def test_object_and_embed_each_found(tmp_path):
    (tmp_path / "index.html").write_text(page('<object></object>'))
    assert findings(tmp_path) == [("index.html", "embedded-frame", "<object> is not allowed")]
    (tmp_path / "index.html").write_text(page('<embed>'))
    assert findings(tmp_path) == [("index.html", "embedded-frame", "<embed> is not allowed")]


def test_javascript_form_actions(tmp_path):
    (tmp_path / "index.html").write_text(page('<form action="javascript:alert(1)"></form>'))
    assert findings(tmp_path) == [("index.html", "script-url", "<form action='javascript:alert(1)'>")]
    (tmp_path / "index.html").write_text(page('<form><button formaction=" JaVa&#x09;script:alert(1)">b</button></form>'))
    assert findings(tmp_path) == [("index.html", "script-url", "<button formaction=' JaVa\\tscript:alert(1)'>")]


@pytest.mark.parametrize("source", ["'unsafe-eval'", "data:", "'unsafe-inline'", "*", "https:"])
def test_each_unsafe_script_source(tmp_path, source):
    (tmp_path / "index.html").write_text(page("x", extra=" " + source))
    assert findings(tmp_path) == [("index.html", "csp-weak", f"script-src allows {source}")]


def test_missing_base_uri_and_object_src(tmp_path):
    no_base = CSP.replace("; base-uri 'self'", "")
    (tmp_path / "index.html").write_text(f"<html><head>{no_base.format(extra='')}</head><body></body></html>")
    assert findings(tmp_path) == [("index.html", "csp-weak", "base-uri is not 'self' or 'none'")]
    no_object = CSP.replace(" object-src 'none';", "")
    (tmp_path / "index.html").write_text(f"<html><head>{no_object.format(extra='')}</head><body></body></html>")
    assert findings(tmp_path) == [("index.html", "csp-weak", "object-src is not 'none'")]


def test_policy_must_come_first_in_head(tmp_path):
    """Issue 16 #16: a script placed before the policy ran."""
    (tmp_path / "index.html").write_text(f"<html><head><meta charset='utf-8'><title>t</title>{CSP.format(extra='')}"
                                         "</head><body></body></html>")
    assert findings(tmp_path) == [("index.html", "csp-late", "<title> comes before the Content-Security-Policy <meta>")]
    (tmp_path / "index.html").write_text(f"<html><head><meta charset='utf-8'>{CSP.format(extra='')}<title>t</title>"
                                         "</head><body></body></html>")
    assert findings(tmp_path) == []


def test_the_link_check_holds_each_link_text_once_for_the_whole_site(tmp_path):
    """Every page links to the same navigation, assets and agencies; the results kept for the
    link check until the last page is scanned share those strings (read fresh or from the
    cache), so their memory grows with the distinct targets, not with pages times links."""
    from generator.cache import Cache
    from generator.scan import scan_pages

    for n in range(3):
        (tmp_path / f"p{n}").mkdir()
        (tmp_path / f"p{n}" / "index.html").write_text(page(f'<a id="i-{n}" href="../p0/#i-0">x</a>'))
    pages = sorted(tmp_path.rglob("index.html"))
    cache = Cache(tmp_path.parent / f"{tmp_path.name}-cache")
    for _ in range(2):  # the second round reads every page's result from the cache
        results = scan_pages(tmp_path, pages, cache=cache)
        links = [link for p in pages for link in results[p][3] if link[3] == "i-0"]
        assert len(links) == 3 and all(x is y for other in links[1:] for x, y in zip(links[0][1:], other[1:]))
        assert next(iter(results[pages[0]][2])) is sys.intern("i-0")

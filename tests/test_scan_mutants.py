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

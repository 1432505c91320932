"""The safety scanner finds what must never be published."""
import zipfile

from generator.scan import scan_site


def codes(site):
    return sorted({f.code for f in scan_site(site)})


def test_hostile_markup_is_found(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="jav&#x61;script:alert(1)">x</a><img src="a.png" onerror="alert(1)">'
        '<iframe src="https://evil.example/"></iframe><script src="https://cdn.example/x.js"></script>'
        '<script src="inline/own.js"></script><a href="missing/">m</a><a href="#nope">n</a>')
    (tmp_path / "a.png").write_bytes(b"")
    assert codes(tmp_path) == ["broken-anchor", "broken-link", "embedded-frame", "event-handler",
                               "external-host", "external-script", "script-url", "unknown-script"]


def test_nip_found_in_text_and_archives(tmp_path):
    (tmp_path / "index.html").write_text("<p>ok</p>")
    (tmp_path / "data.csv").write_text("name\nNIP. 19740226 199311 1 001\n")
    with zipfile.ZipFile(tmp_path / "p.zip", "w") as zf:
        zf.writestr("p/people.csv", "nip\n196508081992031019\n")
    found = scan_site(tmp_path)
    assert {f.file for f in found if f.code == "personal-identifier"} == {"data.csv", "p.zip!p/people.csv"}
    assert not [f for f in scan_site(tmp_path, archives=False) if f.file.startswith("p.zip")]


def test_clean_page_passes(tmp_path):
    (tmp_path / "index.html").write_text('<a id="top" href="#top">t</a><a href="https://creativecommons.org/x">l</a>'
                                         '<script src="assets/javascripts/kt.js"></script>')
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/kt.js").write_text("")
    assert scan_site(tmp_path) == []

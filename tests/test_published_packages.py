"""The published data packages open as data packages: every zip with frictionless.Package
(datapackage.json at its root) and each bundle's served datapackage.json by URL, over a real
local HTTP server (what `frictionless validate https://.../datapackage.json` does)."""
import functools
import http.server
import json
import threading
import zipfile

import pytest
from frictionless import Package, validate
from kt_testing import BASIC_DOC



@pytest.fixture(scope="module")
def site(released_basic_site):
    return released_basic_site  # built once per worker (tests/conftest.py)


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def zips(site):
    return sorted((site / "unduh").glob("*/*.zip")) + sorted((site / "releases").glob("*/*.zip"))


def test_every_zip_opens_and_validates(site):
    found = zips(site)
    assert len(found) >= 4  # decree + whole portal, in unduh/ and in the release
    for z in found:
        with zipfile.ZipFile(z) as zf:
            assert "datapackage.json" in zf.namelist(), z
        package = Package(str(z))
        assert package.get_resource("indicators").read_rows(), z
        report = validate(str(z))
        assert report.valid, (z, report.flatten(["rowNumber", "fieldName", "type", "note"]))


def test_served_descriptor_validates_by_url(server, site):
    for bundle in (BASIC_DOC, "semua"):
        url = f"{server}unduh/{bundle}/datapackage.json"
        report = validate(url)
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        package = Package(url)
        codes = [r["code"] for r in package.get_resource("regions").read_rows()]
        assert "35.23" in codes and all(isinstance(c, str) for c in codes)


def test_descriptor_carries_what_a_reader_needs(site):
    d = json.loads((site / "unduh" / BASIC_DOC / "datapackage.json").read_text())
    assert d["version"] == "1.0.0" and d["created"] == "2026-01-01T00:00:00Z"
    assert d["homepage"].endswith("/lembaga/kec-contoh-kab-tuban/")
    assert {lic["name"] for lic in d["licenses"]} == {"CC-BY-4.0", "ODbL-1.0"}
    [source] = d["sources"]
    assert source["title"].startswith("Keputusan") and source["path"].endswith("/sumber/fixture_a.txt")
    assert (site / "sumber" / "fixture_a.txt").is_file()
    roles = {c["title"]: c["roles"] for c in d["contributors"]}
    assert roles["Kecamatan Contoh"] == ["creator"] and roles["Kinerja Terbuka"] == ["publisher"]
    for r in d["resources"]:
        assert not r["path"].startswith(("/", "http"))
        for fk in r["schema"].get("foreignKeys", []):
            assert fk["reference"].get("resource", None) != ""  # v2: a self-reference has no resource
    portal = json.loads((site / "unduh" / "semua" / "datapackage.json").read_text())
    assert portal["version"] == "1.0.0" and {lic["name"] for lic in portal["licenses"]} == {"CC-BY-4.0", "ODbL-1.0"}

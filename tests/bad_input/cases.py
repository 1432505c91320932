"""The bad-input corpus: each case mutates a copy of the basic fixture portal (or writes a
broken decree text) and names the exact problem it must produce.

A case is (id, mutation, expected code, expected file suffix, expected row, expected field).
row/field None = the problem concerns the whole file or descriptor.
"""
import json
from pathlib import Path

DOC = "kec-contoh-kab-tuban-iku-iki-2024"


def _csv(doc: Path, resource: str, transform):
    path = doc / f"{resource}.csv"
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")


def _cell(resource, row, field, value):
    def mutate(doc: Path):
        import csv
        import io
        path = doc / f"{resource}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        rows[row][field] = value
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    return mutate


def _descriptor(transform):
    def mutate(doc: Path):
        path = doc / "datapackage.json"
        d = json.loads(path.read_text())
        transform(d)
        path.write_text(json.dumps(d))
    return mutate


def _resource_path(path_value):
    def t(d):
        d["resources"][6]["path"] = path_value
    return _descriptor(t)


CASES = [
    ("missing-required-field", _cell("indicators", 0, "name", ""), "constraint-error", "indicators.csv", 2, "name"),
    ("unknown-column", lambda d: _csv(d, "positions", lambda t: t.replace("note\n", "note,extra\n", 1)
                                       .replace("\n", ",x\n").replace("note,extra,x\n", "note,extra\n", 1)),
     "unknown-column", "positions.csv", 1, "extra"),
    ("wrong-type", _cell("positions", 1, "order", "dua"), "type-error", "positions.csv", 3, "order"),
    ("bad-date", _cell("documents", 0, "signed_on", "2024-02-30"), "type-error", "documents.csv", 2, "signed_on"),
    ("duplicate-primary-key", _cell("indicators", 1, "id", f"{DOC}--sekretaris-kecamatan--1"), "duplicate-key",
     "indicators.csv", 3, "id"),  # frictionless' own 'primary-key' error names no field
    ("fk-agency-region", _cell("agencies", 0, "region_code", "35.01"), "foreign-key", "agencies.csv", 2, "region_code"),
    ("fk-document-agency", _cell("documents", 0, "agency_id", "lain"), "foreign-key", "documents.csv", 2, "agency_id"),
    ("fk-position-document", _cell("positions", 0, "document_id", "lain"), "foreign-key", "positions.csv", 2, "document_id"),
    ("fk-duty-position", _cell("duties", 0, "position_id", "lain"), "foreign-key", "duties.csv", 2, "position_id"),
    ("fk-goal-position", _cell("goals", 2, "position_id", "lain"), "foreign-key", "goals.csv", 4, "position_id"),
    ("fk-goal-parent", _cell("goals", 1, "parent_id", "lain"), "foreign-key", "goals.csv", 3, "parent_id"),
    ("fk-indicator-position", _cell("indicators", 0, "position_id", "lain"), "foreign-key", "indicators.csv", 2, "position_id"),
    ("fk-indicator-goal", _cell("indicators", 2, "goal_id", "lain"), "foreign-key", "indicators.csv", 4, "goal_id"),
    ("enum-outside-vocabulary", _cell("goals", 0, "level", "visi_misi"), "constraint-error", "goals.csv", 2, "level"),
    ("unknown-region-code", lambda d: _csv(d, "regions", lambda t: t + "99.99,NEGERI ANTAH,kabupaten,35\n"),
     "unknown-region", "regions.csv", 4, "code"),
    ("empty-package", _descriptor(lambda d: d.update(resources=[])), "empty-package", "datapackage.json", None, "resources"),
    ("empty-resource", lambda d: _csv(d, "documents", lambda t: t.split("\n", 1)[0] + "\n"), "empty-resource",
     "documents.csv", None, None),
    ("path-parent-dir", _resource_path("../indicators.csv"), "unsafe-path", "datapackage.json", None, "path"),
    ("path-absolute", _resource_path("/etc/passwd"), "unsafe-path", "datapackage.json", None, "path"),
    ("path-url", _resource_path("https://example.org/indicators.csv"), "unsafe-path", "datapackage.json", None, "path"),
    ("invalid-utf8", lambda d: (d / "indicators.csv").write_bytes((d / "indicators.csv").read_bytes() + b"\xff\xfe\n"),
     "encoding-error", "indicators.csv", 5, None),
    ("utf8-bom", lambda d: (d / "goals.csv").write_bytes(b"\xef\xbb\xbf" + (d / "goals.csv").read_bytes()),
     "byte-order-mark", "goals.csv", 1, None),
    ("crlf-line-ends", lambda d: _csv(d, "duties", lambda t: t.replace("\n", "\r\n")), "line-ending", "duties.csv", 1, None),
    ("one-megabyte-cell", _cell("indicators", 1, "formula", "x" * 1_000_000), "cell-too-long", "indicators.csv", 3, "formula"),
    ("spreadsheet-formula", _cell("indicators", 0, "data_source", "=IMPORTXML(\"http://x\")"), "spreadsheet-formula",
     "indicators.csv", 2, "data_source"),
    ("personal-identifier", _cell("documents", 0, "signer_name", "NIP. 19740226 199311 1 001"), "personal-identifier",
     "documents.csv", 2, "signer_name"),
    ("ragged-row", lambda d: _csv(d, "positions", lambda t: t.rstrip("\n") + ",surplus\n"), "extra-cell",
     "positions.csv", 3, None),
    ("iki-without-position", _cell("indicators", 2, "position_id", ""), "iki-position", "indicators.csv", 4, "position_id"),
    ("cascade-upside-down", _cell("goals", 0, "parent_id", f"{DOC}--sasaran_iki-2"), "goal-cascade", "goals.csv", 2, "parent_id"),
    ("source-lines-outside-text", _cell("indicators", 0, "source_lines", "500-501"), "source-lines", "indicators.csv", 2,
     "source_lines"),
    ("source-checksum", _cell("documents", 0, "source_sha256", "0" * 64), "source-checksum", "documents.csv", 2,
     "source_sha256"),
    ("package-name-mismatch", _descriptor(lambda d: d.update(name="lain")), "package-name", "datapackage.json", None, "name"),
    ("schema-mismatch", _descriptor(lambda d: d["resources"][3]["schema"]["fields"].pop()), "schema-mismatch",
     "datapackage.json", None, "schema"),
    ("invalid-json-descriptor", lambda d: (d / "datapackage.json").write_text("{"), "invalid-descriptor",
     "datapackage.json", None, None),
    # every character a spreadsheet runs: = (above), + @ TAB and - before something not a number
    ("spreadsheet-formula-plus", _cell("indicators", 0, "data_source", "+cmd|' /C calc'!A0"), "spreadsheet-formula",
     "indicators.csv", 2, "data_source"),
    ("spreadsheet-formula-at", _cell("indicators", 1, "responsible", "@SUM(1+1)*cmd|' /C calc'!A0"),
     "spreadsheet-formula", "indicators.csv", 3, "responsible"),
    ("spreadsheet-formula-minus", _cell("goals", 1, "text", "-2+3+cmd|' /C calc'!A0"), "spreadsheet-formula",
     "goals.csv", 3, "text"),
    ("spreadsheet-formula-tab", _cell("duties", 2, "text", "\t=1+1"), "spreadsheet-formula", "duties.csv", 4, "text"),
    # more ways out of the package folder, none of them followed
    ("path-file-scheme", _resource_path("file:/etc/passwd"), "unsafe-path", "datapackage.json", None, "path"),
    ("path-backslash", _resource_path("..\\..\\indicators.csv"), "unsafe-path", "datapackage.json", None, "path"),
    ("path-not-a-string", _resource_path(["indicators.csv", "https://example.org/more.csv"]), "unsafe-path",
     "datapackage.json", None, "path"),
    ("path-symlink-out", lambda d: ((d / "indicators.csv").unlink(), (d / "indicators.csv").symlink_to("/etc/passwd")),
     "unsafe-path", "datapackage.json", None, "path"),
    # descriptor keys a consumer's tool would follow are refused, not republished
    ("descriptor-remote-dialect", _descriptor(lambda d: d["resources"][6].update(dialect="https://example.org/d.json")),
     "descriptor-key", "datapackage.json", None, "dialect"),
    ("descriptor-remote-profile", _descriptor(lambda d: d.update({"$schema": "https://example.org/profile.json"})),
     "profile", "datapackage.json", None, "$schema"),
    ("descriptor-foreign-package", _descriptor(lambda d: d["resources"][6]["schema"]["foreignKeys"][0]["reference"]
                                               .update(package="https://example.org/datapackage.json")),
     "schema-mismatch", "datapackage.json", None, "schema"),
    ("descriptor-javascript-licence", _descriptor(lambda d: d["licenses"][0].update(path="javascript:alert(1)")),
     "unsafe-url", "datapackage.json", None, "path"),
    ("missing-resource-file", lambda d: (d / "duties.csv").unlink(), "missing-file", "duties.csv", None, None),
    ("missing-column", lambda d: _csv(d, "positions", lambda t: "\n".join(l.rsplit(",", 1)[0] for l in t.split("\n"))),
     "missing-column", "positions.csv", 1, "note"),
    ("duplicate-column", lambda d: _csv(d, "positions", lambda t: t.replace(",flags,note\n", ",flags,flags\n", 1)),
     "duplicate-column", "positions.csv", 1, "flags"),
    ("control-character", _cell("positions", 0, "title", "Sekretaris\x00Kecamatan\x1b[31m"), "control-character",
     "positions.csv", 2, "title"),
]

# Decree texts the importer must refuse (message names the file; nothing is written).
DECREE_CASES = [
    ("decree-empty", b"", "empty"),
    ("decree-binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("decree-invalid-utf8", b"Jabatan : Kasi\n\xc3\x28 rusak\n", "invalid UTF-8"),
]
# A text truncated mid-table imports, but flagged: the warning names the line.
TRUNCATED = "Jabatan : Kasi A\nSasaran\tIndikator Kinerja\tFormulasi\tSumber Data\nA\tJumlah B\t$\\frac{x}{"

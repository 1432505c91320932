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


def _excel(doc: Path, resource: str):
    """The CSV as Excel saves it as "CSV UTF-8": a byte-order mark and CRLF line ends."""
    path = doc / f"{resource}.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


def _descriptor(transform):
    def mutate(doc: Path):
        path = doc / "datapackage.json"
        d = json.loads(path.read_text())
        transform(d)
        path.write_text(json.dumps(d))
    return mutate


def _packages(doc: Path) -> Path:
    return doc.parent


def _decrees(doc: Path) -> Path:
    """The copy of the decree texts each case gets (next to the packages copy)."""
    return doc.parent.parent / "d"


def _both_schemas(resource, transform):
    """Change a shared schema and its inline copy alike (the repro of issue 16: a
    --packages folder whose own schemas drop the id pattern)."""
    def mutate(doc: Path):
        path = _packages(doc) / "schemas" / f"{resource}.json"
        schema = json.loads(path.read_text())
        transform(schema)
        path.write_text(json.dumps(schema))
        dp = doc / "datapackage.json"
        d = json.loads(dp.read_text())
        for res in d["resources"]:
            if res["name"] == resource:
                transform(res["schema"])
        dp.write_text(json.dumps(d))
    return mutate


def _drop_pattern(schema):
    for f in schema["fields"]:
        f.get("constraints", {}).pop("pattern", None)


def _set_pattern(field, pattern):
    def transform(schema):
        for f in schema["fields"]:
            if f["name"] == field:
                f.setdefault("constraints", {})["pattern"] = pattern
    return transform


def _all(*mutations):
    def mutate(doc: Path):
        for m in mutations:
            m(doc)
    return mutate


def _twin(change_ids: bool, agency_name: str | None = None):
    """A second package, a copy of the first under another name (its ids renamed or not)."""
    def mutate(doc: Path):
        import shutil
        twin = doc.parent / DOC.replace("2024", "2025")
        shutil.copytree(doc, twin)
        for f in twin.iterdir():
            text = f.read_text()
            if f.name in ("datapackage.json", "documents.csv") or change_ids:
                text = text.replace("iku-iki-2024", "iku-iki-2025")
            f.write_text(text)
        if agency_name:
            _cell("agencies", 0, "name", agency_name)(twin)
    return mutate


def _outside_dir_link(doc: Path):
    """indicators.csv reached through a symbolic link to a folder outside the package."""
    import shutil
    outside = doc.parent.parent / "outside"
    outside.mkdir()
    shutil.copy(doc / "indicators.csv", outside / "indicators.csv")
    (doc / "sub").symlink_to(outside, target_is_directory=True)
    d = json.loads((doc / "datapackage.json").read_text())
    d["resources"][6]["path"] = "sub/indicators.csv"
    (doc / "datapackage.json").write_text(json.dumps(d))


def _descriptor_link_out(doc: Path):
    outside = doc.parent.parent / "elsewhere.json"
    (doc / "datapackage.json").rename(outside)
    (doc / "datapackage.json").symlink_to(outside)


def _decree_link_out(doc: Path):
    text = _decrees(doc) / "fixture_a.txt"
    text.unlink()
    text.symlink_to("/etc/passwd")


def _deep_descriptor(doc: Path):
    dp = doc / "datapackage.json"
    text = dp.read_text().rstrip()
    dp.write_text(text[:-1] + ', "keywords": ' + "[" * 10_000 + "]" * 10_000 + "}")


def _rename_package(name):
    def mutate(doc: Path):
        import shutil
        target = doc.parent / name
        shutil.copytree(doc, target)
        shutil.rmtree(doc)
        for f in target.iterdir():
            f.write_text(f.read_text().replace(DOC, name))
    return mutate


def _many_rows(doc: Path):
    path = doc / "duties.csv"
    head, first = path.read_text().split("\n")[:2]
    path.write_text(head + "\n" + "".join(first.replace("--", f"--x{i}-", 1) + "\n" for i in range(50_001)))


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
    ("fk-target-indicator", _cell("targets", 0, "indicator_id", "lain"), "foreign-key", "targets.csv", 2, "indicator_id"),
    ("fk-indicator-agency", _cell("indicators", 0, "agency_id", "lain"), "foreign-key", "indicators.csv", 2, "agency_id"),
    ("indicator-not-of-its-position-agency", _cell("indicators", 1, "agency_id", "lain"), "indicator-agency",
     "indicators.csv", 3, "agency_id"),
    ("target-year-outside-period", _cell("targets", 1, "year", "2030"), "target-year", "targets.csv", 3, "year"),
    ("baseline-after-period", _cell("targets", 0, "year", "2025"), "target-year", "targets.csv", 2, "year"),
    ("target-range-without-upper-bound", _cell("targets", 2, "value_max", ""), "target-range", "targets.csv", 4,
     "value_max"),
    ("target-upper-bound-below", _cell("targets", 2, "value_max", "5"), "target-range", "targets.csv", 4, "value_max"),
    ("target-comparator-without-value", _cell("targets", 1, "value", ""), "target-range", "targets.csv", 3, "value"),
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
    # saved by Excel ("CSV UTF-8"): read as the same rows with a warning, which --strict fails
    ("excel-saved-csv", lambda d: _excel(d, "goals"), "excel-csv", "goals.csv", 1, None),
    ("excel-crlf-only", lambda d: _csv(d, "duties", lambda t: t.replace("\n", "\r\n")), "excel-csv", "duties.csv", 1,
     None),
    # what Excel really breaks still fails with file, row and field: a date shown as 02/01/2024
    ("excel-reformatted-date", lambda d: (_cell("documents", 0, "signed_on", "02/01/2024")(d), _excel(d, "documents")),
     "type-error", "documents.csv", 2, "signed_on"),
    ("lone-carriage-return", lambda d: _csv(d, "duties", lambda t: t.replace("\n", "\r", 1)), "line-ending",
     "duties.csv", 1, None),
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

NIP_CELLS = [  # the same NIP, written every way the audit of issue 16 published it
    ("nip-dashes", "documents", 0, "signer_name", "Camat, 19700101-199003-1-001"),
    ("nip-slashes", "positions", 0, "title", "Sekretaris 19700101/199003/1/001"),
    ("nip-commas", "duties", 0, "text", "NIP 19700101,199003,1,001"),
    ("nip-dots", "goals", 1, "text", "pegawai 19700101.199003.1.001"),
    ("nip-fullwidth", "indicators", 0, "note", "\uff11\uff19\uff17\uff10\uff10\uff11\uff10\uff11 "
     "\uff11\uff19\uff19\uff10\uff10\uff13 \uff11 \uff10\uff10\uff11"),
    ("nip-zero-width", "indicators", 1, "responsible", "19700101\u200b199003\u200b1\u200b001"),
    ("nip-bare", "indicators", 2, "data_source", "Data 197001011990031001 dari BKD"),
]
CASES += [(name, _cell(res, row, field, value), "personal-identifier", f"{res}.csv", row + 2, field)
          for name, res, row, field, value in NIP_CELLS]

CASES += [
    # issue 16, one case per failure (the number is the issue's)
    ("nip-in-descriptor-title", _descriptor(lambda d: d.update(title="Keputusan 19700101 199003 1 001")),  # 6
     "personal-identifier", "datapackage.json", None, "title"),
    ("nip-in-descriptor-description", _descriptor(lambda d: d.update(description="NIP. 19700101-199003-1-001")),
     "personal-identifier", "datapackage.json", None, "description"),
    ("path-through-symlinked-folder", _outside_dir_link, "unsafe-path", "datapackage.json", None, "path"),  # 2
    ("descriptor-symlink-out", _descriptor_link_out, "unsafe-path", "datapackage.json", None, None),  # 12
    ("decree-text-symlink-out", _decree_link_out, "source-outside", "documents.csv", 2, "source_file"),  # 12
    ("nip-in-decree-text", lambda d: (_decrees(d) / "fixture_a.txt").write_text(  # 1: sumber/*.txt
        (_decrees(d) / "fixture_a.txt").read_text() + "\nNIP 19700101-199003-1-001\n"),
     "source-personal-identifier", "fixture_a.txt", 22, None),
    ("id-escapes-without-schema-pattern", _all(_both_schemas("agencies", _drop_pattern),  # 4
                                               _cell("agencies", 0, "id", "../../../../../escape"),
                                               _cell("documents", 0, "agency_id", "../../../../../escape")),
     "id-pattern", "agencies.csv", 2, "id"),
    ("id-trailing-newline", _cell("positions", 0, "id", f"{DOC}--sekretaris-kecamatan\n"),  # 13
     "id-pattern", "positions.csv", 2, "id"),
    ("region-parent-cycle", _cell("regions", 0, "parent_code", "35.23"), "parent-cycle", "regions.csv", 2,  # 5
     "parent_code"),
    ("goal-parent-cycle", _cell("goals", 0, "parent_id", f"{DOC}--sasaran_iku-1"), "parent-cycle", "goals.csv", 2,
     "parent_id"),
    ("number-nan", _cell("targets", 0, "value", "NaN"), "non-finite-number", "targets.csv", 2,  # 8
     "value"),
    ("number-infinity", _cell("targets", 1, "value", "-Infinity"), "non-finite-number", "targets.csv",
     3, "value"),
    ("number-overflow", _cell("targets", 2, "value_max", "1e999"), "non-finite-number", "targets.csv", 4,
     "value_max"),
    ("descriptor-nested-10000-deep", _deep_descriptor, "descriptor-too-deep", "datapackage.json", None, None),  # 10
    ("descriptor-lone-surrogate", _descriptor(lambda d: d.update(title="Keputusan \ud800")), "lone-surrogate",
     "datapackage.json", None, "title"),
    ("schema-file-invalid", lambda d: (_packages(d) / "schemas" / "goals.json").write_text("{"), "invalid-schema",
     "goals.json", None, None),
    ("schema-file-missing", lambda d: (_packages(d) / "schemas" / "duties.json").unlink(), "missing-schema",
     "duties.json", None, None),
    ("reference-missing-column", lambda d: (_packages(d) / "reference" / "regions.csv").write_text(
        "code,name,level\n35,JAWA TIMUR,provinsi\n"), "invalid-reference", "regions.csv", 1, "parent_code"),
    ("date-after-2106", _cell("documents", 0, "signed_on", "2107-01-01"), "date-range", "documents.csv", 2,
     "signed_on"),
    ("package-named-semua", _rename_package("semua"), "reserved-name", "datapackage.json", None, "name"),  # 11
    ("half-a-million-rows", _many_rows, "file-too-large", "duties.csv", 50_002, None),  # 18
    ("website-javascript-url", _cell("agencies", 0, "website", "javascript:alert(document.domain)"),  # 19
     "unsafe-url", "agencies.csv", 2, "website"),
    ("email-data-url", _cell("agencies", 0, "email", "data:text/html,<script>alert(1)</script>"), "unsafe-url",
     "agencies.csv", 2, "email"),
    ("spreadsheet-formula-fullwidth", _cell("indicators", 0, "target", "\uff1dHYPERLINK(\"http://x\")"),  # also
     "spreadsheet-formula", "indicators.csv", 2, "target"),
    ("spreadsheet-formula-after-spaces", _cell("positions", 1, "unit", "   =1+1"), "spreadsheet-formula",
     "positions.csv", 3, "unit"),
    # every code of the catalogue (docs/problems.md) has at least one case
    ("frictionless-descriptor-profile", _descriptor(lambda d: d.update(keywords="not a list")), "package-error",
     "datapackage.json", None, None),
    ("duplicate-id-across-packages", _twin(change_ids=False), "duplicate-id-across-packages", "positions.csv", 2,
     "id"),
    ("agency-conflict", _twin(change_ids=True, agency_name="Kecamatan Lain"), "agency-conflict", "agencies.csv", 2,
     "name"),
    ("primary-key", _cell("indicators", 1, "id", f"{DOC}--sekretaris-kecamatan--1"), "primary-key",
     "indicators.csv", 3, None),
    ("no-packages", lambda d: __import__("shutil").rmtree(d), "no-packages", "p", None, None),
    ("missing-descriptor", lambda d: (d / "datapackage.json").unlink(), "missing-descriptor", "datapackage.json",
     None, None),
    ("blank-row", lambda d: _csv(d, "positions", lambda t: t.replace("\n", "\n\n", 2).replace("\n\n", "\n", 1)),
     "blank-row", "positions.csv", 3, None),
    ("missing-cell", lambda d: _csv(d, "duties", lambda t: t.rstrip("\n").rsplit(",", 1)[0] + "\n"),
     "missing-cell", "duties.csv", None, None),
    ("empty-file", lambda d: (d / "duties.csv").write_text(""), "empty-file", "duties.csv", None, None),
    ("key-member-missing", _cell("duties", 0, "id", ""), "key-member-missing", "duties.csv", 2, "id"),
    ("category", _cell("goals", 0, "level", "visi_misi"), "category", "goals.csv", 2, "level"),
    ("one-document", lambda d: _csv(d, "documents", lambda t: t + t.split("\n")[1] + "\n"), "one-document",
     "documents.csv", None, None),
    ("document-id", _cell("documents", 0, "id", "lain"), "document-id", "documents.csv", 2, "id"),
    ("iku-with-position", _cell("indicators", 0, "kind", "IKU"), "iku-position",
     "indicators.csv", 2, "position_id"),
    ("region-mismatch", _cell("regions", 1, "name", "KABUPATEN LAIN"), "region-mismatch", "regions.csv", 3, "name"),
    ("source-missing", _cell("documents", 0, "source_file", "tidak-ada.txt"), "source-missing", "documents.csv", 2,
     "source_file"),
    ("missing-resource", _descriptor(lambda d: d["resources"].pop()), "missing-resource", "datapackage.json", None,
     "resources"),
    ("unknown-resource", _descriptor(lambda d: d["resources"].append(dict(d["resources"][0], name="lain"))),
     "unknown-resource", "datapackage.json", None, "resources"),
    ("reference-not-utf8", lambda d: (_packages(d) / "reference" / "regions.csv").write_bytes(b"code,name\n\xff\n"),
     "invalid-reference", "regions.csv", None, None),
    # shared schemas (and their inline copies) frictionless cannot use, each named by its file
    ("schema-pattern-not-a-regex", _both_schemas("indicators", _set_pattern("name", "[")), "invalid-schema",
     "schemas/indicators.json", None, "name"),
    ("schema-pattern-flags-inside", _both_schemas("duties", _set_pattern("text", "(?i)x")), "invalid-schema",
     "schemas/duties.json", None, "text"),
    ("schema-primary-key-unknown-field", _both_schemas("indicators", lambda s: s.update(primaryKey=["id", "nama"])),
     "frictionless", "schemas/indicators.json", None, None),
    ("schema-foreign-key-unknown-resource", _both_schemas("goals", lambda s: s["foreignKeys"].append(
        {"fields": ["position_id"], "reference": {"resource": "jabatan", "fields": ["id"]}})),
     "resource-error", "schemas/goals.json", None, None),
]

# Decree texts the importer must refuse (message names the file; nothing is written).
DECREE_CASES = [
    ("decree-empty", b"", "empty"),
    ("decree-binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("decree-invalid-utf8", b"Jabatan : Kasi\n\xc3\x28 rusak\n", "invalid UTF-8"),
]
# A text truncated mid-table imports, but flagged: the warning names the line.
TRUNCATED = "Jabatan : Kasi A\nSasaran\tIndikator Kinerja\tFormulasi\tSumber Data\nA\tJumlah B\t$\\frac{x}{"

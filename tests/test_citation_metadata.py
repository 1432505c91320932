"""Citation and archive metadata: .zenodo.json as Zenodo's deposit metadata accepts it (the
rules of its legacy deposit form, written out here: required fields, vocabularies, date and
language forms, lowercase licence id), CITATION.cff and .zenodo.json naming the latest
release, both licences declared, and `make release` keeping them in step."""
import datetime as dt
import json
import re
import shutil

import pytest
import yaml
from kt_testing import BASIC, FIXTURE_DECREES, ROOT

from generator.release import make_release
from generator.releases import releases

ZENODO_KEYS = {"access_conditions", "access_right", "communities", "contributors", "creators", "description", "doi",
               "embargo_date", "grants", "keywords", "language", "license", "notes", "publication_date",
               "references", "related_identifiers", "subjects", "title", "upload_type", "version"}
UPLOAD_TYPES = {"dataset", "image", "lesson", "other", "physicalobject", "poster", "presentation", "publication",
                "software", "video"}
RELATIONS = {"cites", "compiles", "continues", "describes", "documents", "hasPart", "isAlternateIdentifier",
             "isCitedBy", "isCompiledBy", "isContinuedBy", "isDerivedFrom", "isDescribedBy", "isDocumentedBy",
             "isIdenticalTo", "isNewVersionOf", "isObsoletedBy", "isPartOf", "isPreviousVersionOf", "isPublishedIn",
             "isReferencedBy", "isRequiredBy", "isReviewedBy", "isSourceOf", "isSupplementedBy", "isSupplementTo",
             "obsoletes", "references", "requires", "reviews"}
RESOURCE_TYPES = {"dataset", "other", "software", "publication-other", "publication-report",
                  "publication-softwaredocumentation"}


def zenodo_problems(meta: dict) -> list[str]:
    """What Zenodo would refuse or misread in deposit metadata."""
    wrong = [f"unknown key {k!r}" for k in sorted(set(meta) - ZENODO_KEYS)]
    for key in ("title", "description", "access_right", "upload_type", "creators"):
        if not meta.get(key):
            wrong.append(f"{key} missing")
    if meta.get("upload_type") not in UPLOAD_TYPES:
        wrong.append(f"upload_type {meta.get('upload_type')!r}")
    if meta.get("access_right") == "open" and not meta.get("license"):
        wrong.append("an open deposit needs a license")
    lic = meta.get("license", "")
    if lic and not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", lic):
        wrong.append(f"license {lic!r}: Zenodo's licence ids are lowercase (cc-by-4.0)")
    for c in meta.get("creators", []):
        if not isinstance(c, dict) or not c.get("name") or set(c) - {"name", "affiliation", "orcid"}:
            wrong.append(f"creator {c!r}")
    try:
        dt.date.fromisoformat(meta.get("publication_date", ""))
    except ValueError:
        wrong.append(f"publication_date {meta.get('publication_date')!r}")
    if "language" in meta and not re.fullmatch(r"[a-z]{3}", meta["language"]):
        wrong.append(f"language {meta['language']!r} (ISO 639-3)")
    kws = meta.get("keywords", [])
    if len(set(kws)) != len(kws) or not all(isinstance(k, str) and k for k in kws):
        wrong.append("keywords must be unique non-empty strings")
    for r in meta.get("related_identifiers", []):
        if r.get("relation") not in RELATIONS or not r.get("identifier"):
            wrong.append(f"related identifier {r!r}")
        if "resource_type" in r and r["resource_type"] not in RESOURCE_TYPES:
            wrong.append(f"resource_type {r['resource_type']!r}")
    return wrong


@pytest.fixture(scope="module")
def zenodo():
    return json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))


def test_zenodo_metadata_is_what_zenodo_accepts(zenodo):
    assert zenodo_problems(zenodo) == []
    assert zenodo["license"] == "cc-by-4.0" and zenodo["upload_type"] == "dataset"


def test_the_checker_catches_what_zenodo_refuses(zenodo):
    for change, needle in [({"license": "CC-BY-4.0"}, "lowercase"), ({"upload_type": "data"}, "upload_type"),
                           ({"publication_date": "23-11-2026"}, "publication_date"), ({"creators": []}, "creators"),
                           ({"access_right": "open", "license": ""}, "needs a license"),
                           ({"related_identifiers": [{"identifier": "x", "relation": "isHomepageOf"}]}, "related"),
                           ({"licence": "cc-by-4.0"}, "unknown key")]:
        problems = zenodo_problems(zenodo | change)
        assert any(needle in p for p in problems), (change, problems)


def test_archive_names_the_latest_release_and_both_licences(zenodo):
    last = releases(ROOT / "releases")[-1]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert zenodo["version"] == last["version"] == str(cff["version"])
    assert zenodo["publication_date"] == last["date"] == str(cff["date-released"])
    assert "ODbL" in zenodo["description"] and "releases/" in zenodo["description"]
    assert cff["license"] == ["CC-BY-4.0", "ODbL-1.0"]


def test_make_release_keeps_citation_files_in_step(tmp_path):
    repo = tmp_path / "repo"
    (repo / "releases").mkdir(parents=True)
    shutil.copy(ROOT / ".zenodo.json", repo / ".zenodo.json")
    shutil.copy(ROOT / "CITATION.cff", repo / "CITATION.cff")
    make_release("3.0.0", BASIC, FIXTURE_DECREES, repo / "releases", "2027-01-02")
    z = json.loads((repo / ".zenodo.json").read_text())
    cff = yaml.safe_load((repo / "CITATION.cff").read_text())
    assert (z["version"], z["publication_date"]) == ("3.0.0", "2027-01-02")
    assert (str(cff["version"]), str(cff["date-released"])) == ("3.0.0", "2027-01-02")
    assert zenodo_problems(z) == []
    notes = (repo / "releases/3.0.0/NOTES.md").read_text()
    assert "3.0.0" in notes and "CHANGELOG.md" in notes

"""Release notes from a release record (releases/X/release.json): a short summary for the
GitHub release body (counts, what changed, links; a few kilobytes at any size, far below
GitHub's 125,000-character limit) and the full changelog as a Markdown file attached to
the release.

    python -m generator release-notes VERSION [--releases DIR] [--out DIR]

writes NOTES.md and CHANGELOG.md (what `make release` also writes into the release
folder); .github/workflows/release.yml posts the first and attaches the second.
"""
from __future__ import annotations

import json
from pathlib import Path

NOTES, CHANGELOG = "NOTES.md", "CHANGELOG.md"
LISTED = 20  # decrees named in the summary; the rest are counted
ROWS = ("agencies", "positions", "indicators")


def touched_documents(record: dict) -> list[str]:
    """The decrees whose rows were added, changed or removed (ids are '<decree>--...')."""
    out = set()
    for resource, log in record.get("changes", {}).items():
        if resource == "agencies":
            continue
        for ident in log["added"] + log["changed"] + log["removed"]:
            out.add(ident.split("--", 1)[0])
    return sorted(out)


def summary(record: dict, site_url: str = "") -> str:
    """The release notes: what a reader of the release page needs, never the full lists."""
    v, prev = record["version"], record.get("previous")
    counts = record.get("counts", {})
    lines = [f"Kinerja Terbuka data {v} ({record['date']})" + (f", after {prev}." if prev else ", the first release."), "",
             "| | total | added | changed | removed |", "|---|---:|---:|---:|---:|"]
    for r in ROWS:
        log = record.get("changes", {}).get(r, {"added": [], "changed": [], "removed": []})
        lines.append(f"| {r} | {counts.get(r, '')} | {len(log['added'])} | {len(log['changed'])} | {len(log['removed'])} |")
    lines.append(f"| decrees | {counts.get('documents', len(record.get('documents', [])))} | | | |")
    touched = touched_documents(record)
    lines.append("")
    if touched:
        named = ", ".join(f"`{d}`" for d in touched[:LISTED])
        more = f" and {len(touched) - LISTED} more" if len(touched) > LISTED else ""
        lines.append(f"Decrees with changed rows ({len(touched)}): {named}{more}.")
    else:
        lines.append("No decree's rows changed.")
    lines += ["", (f"The full changelog is attached: `{CHANGELOG}`. Every file's SHA-256 is in `SHA256SUMS`; "
                   "the whole-portal package and one package per decree are the `.zip` files.")]
    if site_url:
        lines.append(f"On the portal: {site_url}rilis/ (releases), {site_url}unduh/ (downloads).")
    lines.append("Data: CC BY 4.0; the Kemendagri region codes it includes: ODbL 1.0.")
    return "\n".join(lines) + "\n"


def full_changelog(record: dict) -> str:
    """Every added, changed and removed id per resource."""
    v, prev = record["version"], record.get("previous")
    lines = [f"# Changelog of Kinerja Terbuka data {v} ({record['date']})", "",
             f"Compared with {prev}." if prev else "The first release: every row is new.", ""]
    for resource, log in record.get("changes", {}).items():
        lines.append(f"## {resource}")
        lines.append("")
        for what in ("added", "changed", "removed"):
            ids = log.get(what, [])
            lines.append(f"### {what} ({len(ids)})")
            lines.append("")
            lines += [f"- `{i}`" for i in ids]
            lines.append("")
    return "\n".join(lines)


def write_notes(folder: Path, record: dict, site_url: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = [(folder / NOTES, summary(record, site_url)), (folder / CHANGELOG, full_changelog(record))]
    for path, text in out:
        path.write_text(text, encoding="utf-8")
    return [p for p, _ in out]


def notes_for(version: str, releases_root: Path, out: Path, site_url: str = "") -> list[Path]:
    """NOTES.md and CHANGELOG.md of a frozen release (from its release.json) into out."""
    from .releases import version_key
    version_key(version)
    record = json.loads((releases_root / version / "release.json").read_text(encoding="utf-8"))
    return write_notes(out, record, site_url)

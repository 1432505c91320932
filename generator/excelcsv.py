"""The Excel round trip of a package's CSV files.

A data owner who opens a CSV in Excel and saves it as "CSV UTF-8" gets a UTF-8 byte-order
mark at the start and CRLF line ends. The loader (generator/load.py) reads such a file as
the same rows, with a warning (`excel-csv`); `python -m generator normalise` rewrites it
as the convention wants (UTF-8 without BOM, LF), touching nothing else. What Excel really breaks (a code turned into a
number, a date in another format, a lone CR, another encoding) is left for validation to
report with file, row and field.
"""
from __future__ import annotations

from pathlib import Path

BOM = b"\xef\xbb\xbf"


def excel_marks(raw: bytes) -> tuple[bool, bool]:
    """(starts with a UTF-8 BOM, has CRLF line ends) of a file's bytes."""
    return raw.startswith(BOM), b"\r\n" in raw


def normalise(raw: bytes) -> bytes:
    """The bytes without the BOM and with LF for every CRLF; a lone CR stays (an error)."""
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    return raw.replace(b"\r\n", b"\n")


def describe(bom: bool, crlf: bool) -> str:
    marks = " and ".join(m for m, on in (("a UTF-8 byte-order mark", bom), ("CRLF line ends", crlf)) if on)
    return (f"saved by Excel ({marks}): read as UTF-8 with LF line ends; "
            "`python -m generator normalise` rewrites the file so")


def normalise_packages(packages: Path) -> list[tuple[Path, str]]:
    """Rewrite every package CSV under packages that has a BOM or CRLF line ends; [(file,
    what was changed)]. Only those two marks are touched: anything else is the data."""
    changed = []
    for path in sorted(packages.glob("*/*.csv")):
        if path.is_symlink() or not path.is_file():
            continue
        raw = path.read_bytes()
        bom, crlf = excel_marks(raw)
        if bom or crlf:
            path.write_bytes(normalise(raw))
            changed.append((path, ", ".join(m for m, on in (("BOM removed", bom), ("CRLF -> LF", crlf)) if on)))
    return changed

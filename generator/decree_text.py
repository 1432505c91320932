"""The decree text as a page: every line numbered and addressable, so each row's source
lines link to the passage it was read from (provenance a reader can click).

A decree's text is published as a page per part (<agency id>~teks, ~teks-2, ...: '~' is
never in an id, so these are siblings of the agency page at the depth of its shell), each
within the page budget. Line n is <li id="L{n}">; a range a-b that a row cites also has an
anchor at its first line, <b id="L{a}-{b}">, so the link lands there without JavaScript;
kt-table.js then marks the whole range. NIPs are redacted (generator/privacy.py), line by
line, whatever the file says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .privacy import redact

TEXT_PAGE = "teks"  # the page id's suffix: <agency id>~teks (both languages: the id is data)
# Bytes of text and markup per page: the shell (header, navigation, footer) and the intro
# come on top, within pages' PAGE_BUDGET.
PART_BYTES = 100_000
LINES = re.compile(r"^([1-9][0-9]*)(?:-([1-9][0-9]*))?$")


@dataclass
class DecreeText:
    lines: list[str]  # redacted, without line ends
    parts: list[tuple[int, int]]  # (first line, last line) of each page, 1-based, inclusive
    ranges: dict[int, list[str]]  # first line -> the range anchors ("L5-9") starting there

    def page_id(self, agency_id: str, part: int) -> str:
        return f"{agency_id}~{TEXT_PAGE}" + (f"-{part}" if part > 1 else "")

    def part_of(self, line: int) -> int:
        for k, (a, b) in enumerate(self.parts, start=1):
            if a <= line <= b:
                return k
        return 0

    def href(self, agency_id: str, source_lines: str) -> str:
        """The link from an agency page (or its sibling pages) to a cited passage; '' when
        the lines are not in the text."""
        m = LINES.match(source_lines or "")
        if not m:
            return ""
        part = self.part_of(int(m.group(1)))
        if not part:
            return ""
        anchor = "L" + source_lines if m.group(2) and m.group(2) != m.group(1) else "L" + m.group(1)
        return f"../{self.page_id(agency_id, part)}/#{anchor}"


def cited(doc) -> list[str]:
    """Every source_lines value of a decree's rows (positions, goals, duties, indicators)."""
    out = [p.source_lines for p in doc.positions] + [g.source_lines for g in doc.goals]
    out += [d.source_lines for p in doc.positions for d in p.duties] + [d.source_lines for d in doc.duties]
    out += [i.source_lines for i in doc.indicators]
    return out


def decree_text(text: str, citations: list[str], part_bytes: int = PART_BYTES) -> DecreeText:
    lines = redact(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    parts, start, used = [], 1, 0
    for n, line in enumerate(lines, start=1):
        size = len(line.encode()) + 24  # <li id="L1234"> and escaping, roughly
        if n > start and used + size > part_bytes:
            parts.append((start, n - 1))
            start, used = n, 0
        used += size
    if lines:
        parts.append((start, len(lines)))
    ranges: dict[int, list[str]] = {}
    for c in sorted(set(citations)):
        m = LINES.match(c or "")
        if m and m.group(2) and int(m.group(2)) > int(m.group(1)) and int(m.group(1)) <= len(lines):
            ranges.setdefault(int(m.group(1)), []).append("L" + c)
    return DecreeText(lines, parts, ranges)

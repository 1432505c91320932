"""Personal identifiers of officials (NIP, the 18-digit civil-servant number) are never
published: not in data, pages, downloads, nor in the decree texts we republish."""
from __future__ import annotations

import re

# An 18-digit NIP, written with or without its usual spaces (8 6 1 3).
NIP_NUMBER = re.compile(r"(?<![0-9])(?:19|20)[0-9]{6}[ .]?(?:19|20)[0-9]{4}[ .]?[12][ .]?[0-9]{3}(?![0-9])")
# 'NIP' label followed by digits, even OCR-damaged ones ('NIP 1965116 198703 1 006').
NIP_LABELLED = re.compile(r"\b(NIP)(\.?\s*:?\s*)([0-9][0-9 .]{5,}[0-9])", re.IGNORECASE)
# The spaced 8-6-1-3 shape even when OCR lost or changed a digit ('WIF 1365116 198703 1 006').
NIP_SHAPE = re.compile(r"(?<![0-9])[0-9]{6,9}\s+[0-9]{5,7}\s+[0-9]\s+[0-9]{3}(?![0-9])")
REDACTED = "[disensor]"


def find_nip(text: str) -> re.Match | None:
    return NIP_LABELLED.search(text) or NIP_NUMBER.search(text) or NIP_SHAPE.search(text)


def redact(text: str) -> str:
    """Replace NIPs, keeping every line break so that line numbers stay valid."""
    text = NIP_LABELLED.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)
    return NIP_SHAPE.sub(REDACTED, NIP_NUMBER.sub(REDACTED, text))

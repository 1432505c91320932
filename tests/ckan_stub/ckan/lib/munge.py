import re


def munge_tag(tag: str) -> str:
    """CKAN's munge_tag: lower case, spaces to dashes, only [a-z0-9 _.-]."""
    tag = tag.lower().strip()
    tag = re.sub(r"[^a-zA-Z0-9\- ]", "", tag).replace(" ", "-")
    return tag

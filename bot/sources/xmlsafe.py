"""Parse untrusted XML (OPML uploads, sitemaps) without entity tricks or network access."""

from __future__ import annotations

import re

from lxml import etree

_PARSER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)
# Neither OPML nor sitemaps need a DTD; dropping it disarms entity expansion in attributes,
# which libxml2 performs even with resolve_entities off.
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
_BOM = b"\xef\xbb\xbf"


def parse_xml(data: bytes) -> etree._Element | None:
    """The root element of `data` read as far as it goes, or None when nothing is XML."""
    cleaned = _DOCTYPE.sub(b"", data.removeprefix(_BOM).lstrip(), count=1)
    if not cleaned:
        return None
    try:
        return etree.fromstring(cleaned, _PARSER)
    except etree.LxmlError:
        return None


def local_name(element: etree._Element) -> str:
    """The tag without its namespace, lowercased; "" for comments and processing instructions."""
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""

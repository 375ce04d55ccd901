"""OPML import and export: the list of feeds other readers hand over, and what we hand back."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree

from lxml import etree

from bot.sources.errors import SourceError
from bot.sources.feedmodel import absolute_url
from bot.sources.xmlsafe import local_name, parse_xml

logger = logging.getLogger(__name__)

# xmlUrl is the feed; some exporters write a plain url instead. htmlUrl is a site, not a feed.
_URL_ATTRIBUTES = ("xmlurl", "url")
# A title longer than this is junk, not a feed's name.
_MAX_TITLE = 300
# Characters XML 1.0 cannot carry at all; ElementTree would write them and break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OpmlError(SourceError):
    """The file holds no OPML outline list."""


@dataclass(frozen=True)
class OpmlOutline:
    """One feed of an OPML file: its URL and the title the exporting reader gave it."""

    url: str
    title: str | None


def parse_opml(data: bytes) -> list[OpmlOutline]:
    """The feeds listed in an OPML file, nested folders flattened, duplicates dropped.

    Broken markup is read as far as it goes; a file with no outline at all raises OpmlError.
    """
    root = parse_xml(data)
    if root is None:
        raise OpmlError("not an OPML file")
    found: dict[str, OpmlOutline] = {}
    saw_outline = False
    for element in root.iter():
        if local_name(element) != "outline":
            continue
        saw_outline = True
        outline = _outline(element)
        if outline is not None and outline.url not in found:
            found[outline.url] = outline
    if not saw_outline:
        raise OpmlError("not an OPML file: no outlines")
    return list(found.values())


def build_opml(items: Iterable[tuple[str, str | None]], title: str = "briefbot sources") -> str:
    """An OPML 2.0 document listing (url, title) pairs, one rss outline each."""
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ElementTree.SubElement(opml, "body")
    for url, name in items:
        label = _NOT_XML.sub("", name or url)
        ElementTree.SubElement(
            body, "outline", type="rss", text=label, title=label, xmlUrl=_NOT_XML.sub("", url)
        )
    ElementTree.indent(opml)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(opml, encoding="unicode")
        + "\n"
    )


def _outline(element: etree._Element) -> OpmlOutline | None:
    attributes = {key.lower(): value for key, value in element.attrib.items()}
    for name in _URL_ATTRIBUTES:
        url = absolute_url(attributes.get(name), None)
        if url is not None:
            title = " ".join((attributes.get("title") or attributes.get("text") or "").split())
            title = title[:_MAX_TITLE]
            # Exporters write the URL as the label of an untitled feed: that is no title.
            return OpmlOutline(url=url, title=title if title and title != url else None)
    return None

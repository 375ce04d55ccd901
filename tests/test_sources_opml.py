"""OPML import and export."""

from __future__ import annotations

import pytest

from bot.sources.opml import OpmlError, OpmlOutline, build_opml, parse_opml

READER_EXPORT = b"""\xef\xbb\xbf
<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a feed reader -->
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Ukrinform" title="Ukrinform"
               xmlUrl="https://www.ukrinform.net/rss/block-lastnews"
               htmlUrl="https://www.ukrinform.net"/>
      <outline type="rss" text="Defence &amp; Security" xmlUrl="https://desk.example/feed.xml"/>
      <outline text="Nested folder">
        <outline type="rss" text="Deep" xmlurl="https://deep.example/rss"/>
      </outline>
    </outline>
    <outline type="rss" text="Dup" xmlUrl="https://desk.example/feed.xml"/>
    <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
    <outline type="link" text="Just a site" htmlUrl="https://site.example/"/>
    <outline text="Entity &nbsp; and broken <b>markup" xmlUrl="https://junk.example/feed">
  </body>
</opml>
"""


def test_reader_export_is_read_with_folders_flattened() -> None:
    assert parse_opml(READER_EXPORT) == [
        OpmlOutline("https://www.ukrinform.net/rss/block-lastnews", "Ukrinform"),
        OpmlOutline("https://desk.example/feed.xml", "Defence & Security"),
        OpmlOutline("https://deep.example/rss", "Deep"),
        OpmlOutline("https://junk.example/feed", "Entity and broken <b>markup"),
    ]


def test_round_trip() -> None:
    items = [
        ("https://desk.example/feed.xml", "Defence & Security <desk>"),
        ("https://www.ukrinform.net/rss/block-lastnews", "Ukrinform \u2014 news"),
        ("https://untitled.example/rss?a=1&b=2", None),
        ("https://control.example/rss", "bell\x07 and tab\t"),
    ]
    document = build_opml(items, title="Exported")
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<title>Exported</title>" in document
    parsed = parse_opml(document.encode("utf-8"))
    assert [(o.url, o.title) for o in parsed] == [
        ("https://desk.example/feed.xml", "Defence & Security <desk>"),
        ("https://www.ukrinform.net/rss/block-lastnews", "Ukrinform \u2014 news"),
        ("https://untitled.example/rss?a=1&b=2", None),
        ("https://control.example/rss", "bell and tab"),
    ]


def test_empty_export_reads_as_no_outlines() -> None:
    with pytest.raises(OpmlError, match="no outlines"):
        parse_opml(build_opml([]).encode())


@pytest.mark.parametrize(
    "data", [b"", b"hello", b"<html><body><p>not opml</p></body></html>", b"\x00\xff\xfe"]
)
def test_not_opml(data: bytes) -> None:
    with pytest.raises(OpmlError, match="not an OPML file"):
        parse_opml(data)


def test_entities_are_not_expanded() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<opml><body><outline text="&c;&ext;" xmlUrl="https://x.example/feed"/></body></opml>"""
    (outline,) = parse_opml(data)
    assert outline.url == "https://x.example/feed"
    assert "root:" not in (outline.title or "") and len(outline.title or "") < 1000

"""parse_feed on small fixtures, on every real feed of the corpus, and on fuzzed input."""

from __future__ import annotations

import gzip
import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sources.errors import FeedError
from bot.sources.feeds import ParsedFeed, parse_feed

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
FEED_URL = "https://desk.example/feeds/main.xml"


def fixture(name: str) -> ParsedFeed:
    return parse_feed((FIXTURES / name).read_bytes(), FEED_URL)


def test_rss_entries_are_normalised() -> None:
    feed = fixture("rss_relative.xml")
    assert (feed.title, feed.link) == ("Defence Desk & Friends", "https://desk.example/")
    first, second, third = feed.entries
    assert first.guid == "desk-0001"
    assert first.url == "https://desk.example/news/umerov-knds.html"
    assert first.title == "Umerov meets KNDS & partners"
    assert first.summary == (
        "Defense Minister Rustem Umerov met KNDS France and KNDS Deutschland in Munich."
    )
    assert first.published == "2025-02-15T13:30:00+00:00"
    assert first.author == "Desk Staff"
    # Relative links resolve against the feed's own URL; the guid falls back to the link.
    assert second.url == "https://desk.example/feeds/news/air-defence-hub.html?utm_source=rss&id=7"
    assert second.guid == second.url
    # No guid, no link: a stable hash of the content; no date stays None, never "now".
    assert third.url is None and third.guid.startswith("sha1:")
    assert third.guid == fixture("rss_relative.xml").entries[2].guid
    assert second.published is None and third.published is None


def test_atom_with_xml_base_and_inherited_author() -> None:
    feed = fixture("atom.xml")
    first, second = feed.entries
    assert first.url == "https://desk.example/blog/2025/02/ministers-paris"
    assert first.title == "Ministers meet in Paris"
    assert first.content_html == "<p>Long <b>content</b> of the entry.</p>"
    assert first.published == "2025-02-16T05:30:00+00:00"
    assert second.published == "2025-02-15T10:00:00+00:00"  # only <updated>
    assert second.summary == "Content without a summary, so the summary comes from here."
    assert first.author == second.author == "Feed Author"


def test_json_feed() -> None:
    feed = fixture("feed.json")
    assert (feed.title, feed.link) == ("Desk JSON", "https://desk.example/")
    summit, text_only, no_id = feed.entries
    assert summit.url == "https://desk.example/2025/02/16/summit"
    assert summit.published == "2025-02-16T08:00:00+00:00"
    assert summit.author == "A. Writer" and summit.summary == "A summit opened."
    assert text_only.guid == "2" and text_only.url == "https://elsewhere.example/story"
    assert text_only.summary == "Plain text only <not html>."
    assert text_only.content_html == "Plain text only &lt;not html&gt;."
    assert text_only.author == "Desk Team"
    assert no_id.guid == no_id.url and no_id.published is None


def test_rss_in_json() -> None:
    feed = fixture("rss_in_json.json")
    assert feed.title == "Scripting-style"
    first, second = feed.entries
    assert first.guid == first.url == "http://scripting.example/2017/06/26/first.html"
    assert first.summary == "Hello world"
    assert second.guid == "item-2" and second.published == "2017-06-25T12:00:00+00:00"


def test_truncated_json_feed_keeps_its_whole_items() -> None:
    whole = (FIXTURES / "feed.json").read_bytes()
    cut = whole[: whole.index(b'"url": "https://desk.example/2025/02/14/no-id"')]
    feed = parse_feed(cut, FEED_URL)
    assert feed.title == "Desk JSON"
    assert [e.guid for e in feed.entries] == ["1", "2"]


def test_gzip_file_body_is_inflated() -> None:
    feed = parse_feed(gzip.compress((FIXTURES / "atom.xml").read_bytes()), FEED_URL)
    assert len(feed.entries) == 2


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body>Hi</body></html>", "HTML"),
        (
            b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            "HTML",
        ),
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"just some text", "no RSS, Atom or JSON Feed"),
        (b'{"hello": "world"}', "JSON without feed fields"),
        (b"[1, 2, 3]", "no RSS, Atom or JSON Feed"),
        (b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
    ],
)
def test_not_a_feed(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason) as caught:
        parse_feed(body, FEED_URL)
    assert str(caught.value).startswith("not a feed")


def test_empty_but_valid_feed_has_no_entries() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert feed.title == "Quiet" and feed.entries == []


def test_links_that_are_not_http_are_dropped() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title>'
        b"<item><title>a</title><link>javascript:alert(1)</link><guid>g1</guid></item>"
        b"<item><title>b</title><link>mailto:x@example.org</link><guid>g2</guid></item>"
        b"</channel></rss>"
    )
    assert [e.url for e in parse_feed(body, FEED_URL).entries] == [None, None]


def test_links_to_intranet_hosts_are_kept() -> None:
    """feedparser-rs blanks them; an intranet source (allowed by settings) needs them."""
    body = (
        b'<rss version="2.0"><channel><title>t</title>'
        b"<item><title>a</title><link>http://127.0.0.1:8000/news/a</link><guid>a</guid></item>"
        b"<item><title>b</title><link>http://intranet.local/b</link><guid>b</guid></item>"
        b"</channel></rss>"
    )
    assert [e.url for e in parse_feed(body).entries] == [
        "http://127.0.0.1:8000/news/a",
        "http://intranet.local/b",
    ]


def _corpus_feeds(corpus_dir: Path) -> list[tuple[dict, bytes]]:
    root = corpus_dir / "feeds"
    rows = [json.loads(line) for line in (root / "manifest.jsonl").read_text().splitlines()]
    # The two .gz files are passed as stored: parse_feed inflates a gzip body itself.
    return [(row, (root / row["file"]).read_bytes()) for row in rows]


@pytest.mark.corpus
def test_every_real_feed_parses_with_all_its_entries(corpus_dir: Path) -> None:
    feeds = _corpus_feeds(corpus_dir)
    assert len(feeds) >= 100
    short = []
    for row, data in feeds:
        try:
            parsed = parse_feed(data, "https://" + row["file"].split("__")[0] + ".example/feed")
        except FeedError as exc:
            short.append((row["file"], row["items"], str(exc)))
            continue
        if row["items"] is not None and len(parsed.entries) < row["items"]:
            short.append((row["file"], row["items"], len(parsed.entries)))
        for entry in parsed.entries:
            assert entry.guid
            assert entry.url is None or entry.url.startswith(("http://", "https://"))
            if entry.published is not None:
                datetime.fromisoformat(entry.published)
    assert short == []


@pytest.mark.corpus
def test_real_json_feeds_yield_entries(corpus_dir: Path) -> None:
    json_feeds = [
        (row, data)
        for row, data in _corpus_feeds(corpus_dir)
        if row["format"].startswith("json") or row["format"] == "rss-in-json"
    ]
    assert len(json_feeds) >= 9
    for row, data in json_feeds:
        entries = parse_feed(data, "https://example.org/feed.json").entries
        assert entries, row["file"]
        assert any(e.title and e.url for e in entries), row["file"]


@pytest.mark.corpus
def test_odd_feeds_lose_nothing(corpus_dir: Path) -> None:
    """The files feedparser-rs alone gets wrong: nesting, encodings, nested titles."""
    feeds = {row["file"].split("/", 1)[1]: data for row, data in _corpus_feeds(corpus_dir)}
    nested = parse_feed(feeds["node-feedparser__illegally-nested.xml"])
    assert len(nested.entries) == 20
    portuguese = parse_feed(feeds["rss-parser__uolNoticias.rss"])
    assert not any("\ufffd" in e.title for e in portuguese.entries)
    assert any("ç" in e.title or "ã" in e.title for e in portuguese.entries)
    cloud = parse_feed(feeds["rsparser__cloudblog.rss"])
    assert cloud.entries[0].title.startswith("Want to keep your employees productive?")
    guardian = parse_feed(feeds["rss-parser__guardian.rss"])
    assert not any(e.author and e.author[:2] == "20" for e in guardian.entries)
    dup = parse_feed(feeds["feedjira__DuplicateContentAtomFeed.xml"])
    assert len(dup.entries) == 10


XMLISH = st.recursive(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    lambda inner: st.builds(
        lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>",
        st.sampled_from(["rss", "channel", "item", "title", "link", "feed", "entry", "content"]),
        st.lists(inner, max_size=4),
    ),
    max_leaves=20,
)
HTMLISH = st.lists(
    st.sampled_from(
        [
            "<html>",
            "<body>",
            "<p>",
            "</p>",
            "<script>",
            "<!--",
            "-->",
            "&amp;",
            "&#x0;",
            "<a href='x'>",
            "<item>",
            "<title>",
            "<?xml version='1.0'?>",
            "]]>",
            "<![CDATA[",
            "\x00",
        ]
    )
    | st.text(max_size=10),
    max_size=40,
).map("".join)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["items", "version", "title", "url", "id", "rss", "channel", "item"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=15,
).map(json.dumps)


def _only_feed_or_feed_error(data: bytes) -> None:
    try:
        result = parse_feed(data, "https://fuzz.example/feed")
    except FeedError:
        return
    assert isinstance(result, ParsedFeed)
    for entry in result.entries:
        assert isinstance(entry.guid, str) and entry.guid
        assert isinstance(entry.title, str) and isinstance(entry.summary, str)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_bytes(data: bytes) -> None:
    _only_feed_or_feed_error(data)


@FUZZ
@given(XMLISH)
def test_fuzz_xmlish(text: str) -> None:
    _only_feed_or_feed_error(b'<?xml version="1.0"?>' + text.encode("utf-8"))


@FUZZ
@given(HTMLISH)
def test_fuzz_htmlish(text: str) -> None:
    _only_feed_or_feed_error(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(JSONISH)
def test_fuzz_jsonish(text: str) -> None:
    _only_feed_or_feed_error(text.encode("utf-8"))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><guid>x</guid></item></channel></rss>"""


@pytest.mark.parametrize(
    "body",
    [
        BILLION_LAUGHS,
        b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100_000,
        b'{"items": [' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"]}",
        b"<rss><channel>" + b"<item>" * 20_000 + b"</channel></rss>",
    ],
    ids=["billion-laughs", "json-open-brackets", "json-deep", "xml-deep"],
)
def test_hostile_documents_end_quickly(body: bytes) -> None:
    started = time.monotonic()
    try:
        feed = parse_feed(body, FEED_URL)
    except FeedError:
        feed = None
    assert time.monotonic() - started < 5
    if feed is not None:
        assert all(len(e.title) < 100_000 for e in feed.entries)

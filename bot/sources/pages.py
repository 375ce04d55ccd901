"""Article pages to main text and metadata, with trafilatura; tolerant of real-world HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from charset_normalizer import from_bytes
from lxml.html import HtmlElement
from trafilatura.settings import Document

# Pages beyond this are cut after dropping scripts and styles: real articles are far smaller,
# and lxml plus trafilatura grow super-linearly on giant DOMs.
MAX_HTML_CHARS = 2_000_000
_SNIFF_BYTES = 4096
_MIN_TEXT_CHARS = 80

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_HTML_HINT = re.compile(r"<\s*(html|head|body|div|p|article|title|meta|!doctype)\b", re.IGNORECASE)
_HEAVY_BLOCKS = re.compile(
    r"<(script|style|svg|noscript)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Classes and ids that mark a standfirst (the dek or summary between headline and body):
# "standfirst" (BBC, Guardian), "dek", "article-summary", "sub-headline", "strapline" ...
_STANDFIRST_MARK = re.compile(
    r"standfirst|\bdek\b|\bdeck\b|summary|sub-?title|sub-?head|strap|teaser|excerpt|intro"
    r"|\blead\b|\blede\b|abstract",
    re.IGNORECASE,
)
_STANDFIRST_XPATH = (
    "//h2 | //*[@class or @id or @itemprop][self::p or self::div or self::span or self::h3"
    " or self::section]"
)
# A standfirst is a line or two above the body, never a paragraph of its own length.
_MAX_STANDFIRST_LINES = 2
_NON_WORD = re.compile(r"[\W_]+")


class PageError(Exception):
    """The input is not an HTML article page; `reason` is a short phrase for users and logs."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Page:
    """The main text and metadata of one article page; `text` is the body below the headline
    and the standfirst (the dek or summary the page shows between headline and body)."""

    url: str | None
    title: str | None
    text: str
    site: str | None
    date: str | None
    html: str
    standfirst: str | None = None


def decode_html(data: bytes) -> str:
    """Bytes to text: BOM, then the declared charset, then UTF-8, then detection."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    head = data[:_SNIFF_BYTES]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data[:200_000]).best()
        codec = best.encoding if best else "cp1252"
        return data.decode(codec, errors="replace")


def extract_page(html: bytes | str, url: str | None = None) -> Page:
    """Extract an article page; raises PageError when it is not HTML or has no main text."""
    text = decode_html(html) if isinstance(html, bytes) else html
    if "\x00" in text[:_SNIFF_BYTES] or not _HTML_HINT.search(text[: _SNIFF_BYTES * 4]):
        raise PageError("not HTML")
    text = _cap(text)
    # One parse serves the extractor and the heading lookup; trafilatura's loader also reads
    # a str that declares its encoding (XHTML's <?xml ... encoding="utf-8"?>), which
    # lxml.html.fromstring refuses.
    try:
        tree = trafilatura.load_html(text)
        doc = _extract(tree, url) if tree is not None else None
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise PageError(f"unreadable HTML: {type(exc).__name__}") from exc
    main = (doc.text or "").strip() if doc is not None else ""
    if tree is None or len(main) < _MIN_TEXT_CHARS:
        raise PageError("not an article: no main text")
    title = (doc.title or "").strip() or None
    standfirst, body = split_heads(main, tree, title)
    return Page(
        url=url or doc.url,
        title=title,
        text=body,
        site=doc.sitename or doc.hostname,
        date=doc.date if doc.date and _DATE.match(doc.date) else None,
        html=text,
        standfirst=standfirst,
    )


def _extract(tree: HtmlElement, url: str | None) -> Document | None:
    """trafilatura's main text and metadata of a parsed page (it works on a copy)."""
    return trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False
    )


def split_heads(main: str, tree: HtmlElement, title: str | None) -> tuple[str | None, str]:
    """The standfirst and the body of an extracted main text: the extractor keeps an `<h1>`
    inside `<article>` and a dek as the first lines, which would glue onto the lead
    ("Esper accuses China of intimidating smaller Asian nations HANOI, Vietnam (AP) — ...")."""
    headlines, standfirsts = _head_texts(tree)
    headlines.add(_key(title or ""))
    lines = main.split("\n")
    while len(lines) > 1 and _key(lines[0]) in headlines:
        lines.pop(0)
    kept = 0
    while kept < min(_MAX_STANDFIRST_LINES, len(lines) - 1) and _key(lines[kept]) in standfirsts:
        kept += 1
    standfirst = " ".join(line.strip() for line in lines[:kept]) or None
    body = "\n".join(lines[kept:]).strip()
    return (standfirst, body) if len(body) >= _MIN_TEXT_CHARS else (None, main)


def _head_texts(tree: HtmlElement) -> tuple[set[str], set[str]]:
    """The texts of the page's `<h1>` headlines, with the blank line (both go before the
    lead), and of its standfirst candidates (an `<h2>`, an element whose class, id or
    itemprop names a dek, summary or standfirst), none blank."""
    headlines = {""} | {_key(h.text_content()) for h in tree.iter("h1")}
    standfirsts = set()
    for element in tree.xpath(_STANDFIRST_XPATH):
        marks = " ".join(element.get(a, "") for a in ("class", "id", "itemprop"))
        if element.tag == "h2" or _STANDFIRST_MARK.search(marks):
            standfirsts.add(_key(element.text_content()))
    return headlines, standfirsts - {""}


def _key(line: str) -> str:
    """A line as compared with a heading: case, spacing and punctuation aside."""
    return _NON_WORD.sub(" ", line).strip().casefold()


def _cap(text: str) -> str:
    if len(text) <= MAX_HTML_CHARS:
        return text
    text = _HEAVY_BLOCKS.sub("", text)
    return text[:MAX_HTML_CHARS]

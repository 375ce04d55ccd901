"""Article pages: main text and metadata from HTML; non-HTML and empty pages are PageErrors."""

from __future__ import annotations

import gzip

import pytest

from bot.sources.pages import MAX_HTML_CHARS, PageError, decode_html, extract_page

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Harbour talks: Rotterdam and Antwerp agree on joint dredging | Port Gazette</title>
<meta property="og:site_name" content="Port Gazette">
<meta property="article:published_time" content="2024-04-03T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Rotterdam and Antwerp agree on joint dredging</h1>
<p>The port authorities of Rotterdam and Antwerp signed an agreement on Tuesday to share dredging
vessels in the Scheldt estuary, the two harbours said in a joint statement.</p>
<p>Port director Boudewijn Siemons met his Antwerp counterpart Jacques Vandermeiren in Rotterdam
to sign the deal, which runs for five years and covers maintenance of the shipping lanes.</p>
<p>Shipping companies welcomed the plan, saying it would cut waiting times for large vessels
calling at both ports during the busy winter season. Café owners nearby agreed.</p>
</article>
<footer>© Port Gazette. All rights reserved.</footer>
</body></html>"""


def test_extracts_text_title_site_and_date() -> None:
    page = extract_page(
        ARTICLE.format(charset="utf-8"), url="https://portgazette.example/harbour-talks"
    )
    assert "signed an agreement on Tuesday" in page.text
    assert "Home" not in page.text
    assert page.title and "Rotterdam and Antwerp" in page.title
    assert page.site == "Port Gazette"
    assert page.date == "2024-04-03"
    assert page.url == "https://portgazette.example/harbour-talks"


def test_bytes_in_declared_charset_are_decoded() -> None:
    html = ARTICLE.format(charset="iso-8859-1").encode("iso-8859-1")
    assert "Café owners" in extract_page(html).text


def test_undeclared_non_utf8_bytes_are_detected() -> None:
    html = ARTICLE.replace('<meta charset="{charset}">', "").encode("cp1252")
    assert "Café" in decode_html(html)


def test_utf8_bom() -> None:
    assert decode_html(b"\xef\xbb\xbf<html>\xc3\xa9</html>") == "<html>é</html>"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not HTML"),
        (gzip.compress(b"binary payload") * 50, "not HTML"),
        ("just some plain words, no markup at all", "not HTML"),
        ("<html><body><nav>Home | News</nav></body></html>", "no main text"),
    ],
)
def test_not_an_article(data: bytes | str, reason: str) -> None:
    with pytest.raises(PageError, match=reason) as info:
        extract_page(data)
    assert info.value.reason


def test_very_large_page_is_capped_and_still_extracted() -> None:
    filler = "<script>var x = '" + "a" * 1000 + "';</script>\n"
    html = ARTICLE.format(charset="utf-8").replace("<footer>", filler * 10_000 + "<footer>")
    assert len(html) > 10_000_000
    page = extract_page(html)
    assert "joint statement" in page.text
    assert len(page.html) <= MAX_HTML_CHARS


def test_real_corpus_pages(corpus_dir) -> None:
    files = sorted((corpus_dir / "extraction" / "scrapinghub-aeb" / "html").glob("*.html.gz"))[:5]
    for f in files:
        with gzip.open(f, "rb") as fh:
            page = extract_page(fh.read())
        assert len(page.text) > 80

"""Sources: fetch feeds and pages politely and safely, parse them, and find what is new.

    fetch      HTTP GET with conditional headers, size cap, deadline, guarded redirects
    guard      the SSRF guard: only public http(s) addresses
    feeds      RSS / Atom / JSON Feed bytes to ParsedFeed (feedparser-rs, feedparser fallback)
    canonical  the dedup key of an article URL
    discover   a site's feeds, or its article links; sitemaps for sites without feeds
    opml       import and export of source lists
    stories    same-story clustering (MinHash)
    schedule   polling intervals, error backoff, per-host limits
    pages      article pages to main text (trafilatura)

Import from the submodules (``from bot.sources.feeds import parse_feed``): the package itself
loads nothing, so ``briefbot brief`` does not pay for feed parsers and MinHash at start-up.
"""

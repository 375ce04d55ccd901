"""One key per article URL, so the same article reached by different links is stored once.

courlan does the general clean-up (tracking parameters, default ports, sorted query, case);
on top of it: no fragment, no ``www.``, no trailing slash, and the AMP spellings of a page
(``/amp``, ``.amp.html``, ``?amp=1``, ``amp.`` hosts, AMP-cache URLs) lead to the page itself.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

# AMP caches serve https://host/path as /c/s/host/path (ampproject) or /amp/s/host/path (Google).
_AMP_CACHE = re.compile(r"^/(?:c/|v/|amp/)(s/)?([^/]+\.[^/]+)(/.*)?$")
_GOOGLE_HOSTS = ("www.google.com", "google.com")
_AMP_SEGMENT = re.compile(r"/amp/?$", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$|$)", re.IGNORECASE)
_AMP_PARAMS = {"amp": None, "outputtype": "amp", "output": "amp", "view": "amp"}
_HOST_PREFIXES = ("www.", "amp.", "m.amp.")


def canonical_url(url: str) -> str:
    """The dedup key of an article URL; returns the input stripped when it is not http(s)."""
    raw = url.strip()
    raw = _unwrap_amp_cache(raw)
    try:
        cleaned = normalize_url(raw, strict=False, trailing_slash=False)
        parts = urlsplit(cleaned)
    except ValueError:
        return raw
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return raw
    path = _AMP_SUFFIX.sub("", _AMP_SEGMENT.sub("", parts.path)) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((parts.scheme, _host(parts.netloc), path, _query(parts.query), ""))


def _unwrap_amp_cache(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if not (host.endswith(".cdn.ampproject.org") or host in _GOOGLE_HOSTS):
        return url
    match = _AMP_CACHE.match(parts.path)
    if match is None:
        return url
    scheme = "https" if match.group(1) else "http"
    return urlunsplit((scheme, match.group(2), match.group(3) or "/", parts.query, ""))


def _host(netloc: str) -> str:
    userinfo, _, hostport = netloc.rpartition("@")
    hostport = hostport.lower()
    for prefix in _HOST_PREFIXES:
        # Keep the prefix when dropping it would leave a bare TLD ("www.com").
        if hostport.startswith(prefix) and "." in hostport[len(prefix) :]:
            hostport = hostport[len(prefix) :]
            break
    return f"{userinfo}@{hostport}" if userinfo else hostport


def _query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if not _is_amp_param(key, value)]
    # Re-encode only when something was dropped, so other queries keep their exact spelling.
    return query if len(kept) == len(pairs) else urlencode(kept)


def _is_amp_param(key: str, value: str) -> bool:
    key = key.lower()
    if key not in _AMP_PARAMS:
        return False
    wanted = _AMP_PARAMS[key]
    return wanted is None or value.lower() == wanted

"""Why a source failed, as exception types whose str() is a short reason fit to show a user."""

from __future__ import annotations


class SourceError(Exception):
    """A source could not be read; the poller records the reason and goes on with the others."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FetchError(SourceError):
    """An HTTP fetch failed: refused URL, network, timeout, status, size or redirects."""


class UnsafeURLError(FetchError):
    """The URL is not http(s) or points at a non-public address."""


class NetworkError(FetchError):
    """DNS, connection, TLS or protocol failure."""


class FetchTimeout(FetchError):
    """No answer in time, or the whole fetch outran its deadline (a slow drip)."""


class TooLargeError(FetchError):
    """The body is larger than the cap; reading stopped at the cap."""


class TooManyRedirects(FetchError):
    """More redirects than allowed."""


class RedirectLoop(TooManyRedirects):
    """A redirect pointed back at a URL already visited."""


class HTTPStatusError(FetchError):
    """The server answered 4xx/5xx; `retry_after` carries its Retry-After in seconds, if any."""

    def __init__(self, reason: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.retry_after = retry_after


class FeedError(SourceError):
    """The bytes hold no feed this parser can read (an HTML page, an empty or garbled body)."""


class AddSourceError(SourceError):
    """A source was not added; the message is the one-line answer every way in gives."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"Cannot add {url}: {reason}.")
        self.url = url

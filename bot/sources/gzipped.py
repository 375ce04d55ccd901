"""Bodies that are gzip files in themselves (a .gz feed or sitemap served as is)."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """`data` inflated if it is gzip, else unchanged; ValueError past `max_bytes` or if corrupt.

    The cap is enforced while inflating, so a small bomb never expands in memory.
    """
    if not data.startswith(GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        inflated = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError("corrupt gzip data") from exc
    if len(inflated) > max_bytes:
        raise ValueError("compressed body inflates past the size cap")
    if not inflated and not inflater.eof:
        raise ValueError("corrupt gzip data")
    # A stream cut off in transit still gives its first part, which parsers read as far as it goes.
    return inflated

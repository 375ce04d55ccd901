"""Refuse source URLs that would make the bot fetch from its own network (SSRF guard).

A URL passes when it is http(s) and every address its host resolves to is public. Numeric
hosts are read the way the C resolver reads them (``2130706433``, ``0177.0.0.1``, ``0x7f.1``),
so no spelling of a private address slips through as a "host name".
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from urllib.parse import urlsplit

from bot.sources.errors import NetworkError, UnsafeURLError

logger = logging.getLogger(__name__)

IPAddress = IPv4Address | IPv6Address

_SCHEMES = {"http": 80, "https": 443}
_NAT64 = ip_network("64:ff9b::/96")
# Every refusal of a local address says how to allow one, whichever way the URL came in.
_ALLOW_HINT = "set BRIEFBOT_ALLOW_PRIVATE_SOURCES=1 to allow it"


def check_public_url(url: str, *, allow_private: bool) -> None:
    """Raise UnsafeURLError unless `url` is http(s) and its host resolves only to public addresses.

    With `allow_private` only the scheme and host are checked (tests, intranet sources).
    """
    target = _lookup_target(url, allow_private=allow_private)
    if target is None:
        return
    host, port = target
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError(f"cannot resolve host {host}") from exc
    _check_addresses(host, _addresses(infos))


async def check_public_url_async(url: str, *, allow_private: bool) -> None:
    """Same as check_public_url, resolving on the event loop's resolver so the loop never blocks."""
    target = _lookup_target(url, allow_private=allow_private)
    if target is None:
        return
    host, port = target
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError(f"cannot resolve host {host}") from exc
    _check_addresses(host, _addresses(infos))


def check_peer_address(host: str, address: str) -> None:
    """Raise UnsafeURLError when the address a connection actually reached is not public.

    Closes the gap between our DNS lookup and the HTTP client's own (DNS rebinding).
    """
    _check_addresses(host, [_parse_address(address)])


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast; IPv6 forms that embed an IPv4 are judged by it too."""
    if isinstance(address, IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public_address(embedded):
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def _lookup_target(url: str, *, allow_private: bool) -> tuple[str, int] | None:
    """The (host, port) still to resolve and check, or None when the URL is already judged."""
    host, port = _host_and_port(url)
    if allow_private:
        return None
    literal = _literal_address(host)
    if literal is not None:
        _check_addresses(host, [literal])
        return None
    _refuse_local_name(host)
    return host, port


def _host_and_port(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError("malformed URL") from exc
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise UnsafeURLError("only http and https URLs are allowed")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURLError("URL has no host")
    return host, port or _SCHEMES[scheme]


def _refuse_local_name(host: str) -> None:
    # RFC 6761: "localhost" and its subdomains are loopback whatever DNS says.
    if host == "localhost" or host.endswith(".localhost"):
        raise UnsafeURLError(f"refused: {host} is a local address ({_ALLOW_HINT})")


def _check_addresses(host: str, addresses: Iterable[IPAddress]) -> None:
    found = False
    for address in addresses:
        found = True
        if not is_public_address(address):
            logger.debug("refused %s: resolves to non-public address %s", host, address)
            raise UnsafeURLError(
                f"refused: {host} points to a private or local address ({_ALLOW_HINT})"
            )
    if not found:
        raise NetworkError(f"cannot resolve host {host}")


def _addresses(infos: list[tuple]) -> list[IPAddress]:
    return [_parse_address(str(info[4][0])) for info in infos]


def _parse_address(text: str) -> IPAddress:
    # Drop an IPv6 zone ("fe80::1%eth0"): the zone does not change what kind of address it is.
    return ip_address(text.split("%", 1)[0])


def _literal_address(host: str) -> IPAddress | None:
    """The address a numeric host stands for, or None for a host name to resolve."""
    try:
        return _parse_address(host)
    except ValueError:
        return _legacy_ipv4(host)


def _legacy_ipv4(host: str) -> IPv4Address | None:
    """Read inet_aton forms: 1-4 parts, each decimal, octal (leading 0) or hex (0x)."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values = []
    for part in parts:
        value = _legacy_number(part)
        if value is None:
            return None
        values.append(value)
    *head, last = values
    if any(v > 0xFF for v in head) or last >= 256 ** (5 - len(values)):
        raise UnsafeURLError(f"invalid numeric host {host}")
    number = last
    for index, value in enumerate(head):
        number |= value << (8 * (3 - index))
    return IPv4Address(number)


def _legacy_number(part: str) -> int | None:
    lowered = part.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:] or "0", 16)
        if len(lowered) > 1 and lowered.startswith("0"):
            return int(lowered, 8)
        return int(lowered, 10) if lowered.isdigit() else None
    except ValueError:
        return None


def _embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None

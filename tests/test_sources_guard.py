"""The SSRF guard: every spelling of a non-public address is refused, public ones pass.

Host names are resolved through a stand-in for the system resolver, so no DNS is queried.
"""

from __future__ import annotations

import socket

import pytest

from bot.sources.errors import NetworkError, UnsafeURLError
from bot.sources.guard import check_peer_address, check_public_url, check_public_url_async

REFUSED = [
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",  # decimal
    "http://0177.0.0.1/",  # octal
    "http://0x7f.0.0.1/",  # hex
    "http://0x7f000001/",
    "http://017700000001/",
    "http://0/",
    "http://0.0.0.0/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1:8080/feed",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.64.0.1/",  # carrier-grade NAT
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://255.255.255.255/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[fe80::1]/",  # link-local
    "http://[fc00::1]/",  # unique local
    "http://[ff02::1]/",  # multicast
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://localhost/",
    "http://LOCALHOST./",
    "http://admin.localhost/",
]
PUBLIC = [
    "http://8.8.8.8/",
    "https://1.1.1.1:8443/feed.xml",
    "http://134744072/",  # 8.8.8.8 in decimal
    "http://[2606:4700:4700::1111]/",
    "http://[::ffff:8.8.8.8]/",
]


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names the system resolver knows in these tests; anything else fails to resolve."""
    table: dict[str, list[str]] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in table[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.mark.parametrize("url", REFUSED)
def test_non_public_addresses_are_refused(url: str, resolver: dict) -> None:
    with pytest.raises(UnsafeURLError, match="refused"):
        check_public_url(url, allow_private=False)


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses_pass(url: str, resolver: dict) -> None:
    check_public_url(url, allow_private=False)


@pytest.mark.parametrize("url", ["ftp://8.8.8.8/", "file:///etc/passwd", "gopher://x/", "x"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(UnsafeURLError, match="only http and https"):
        check_public_url(url, allow_private=True)


def test_allow_private_checks_only_scheme_and_host(resolver: dict) -> None:
    check_public_url("http://127.0.0.1:8000/feed", allow_private=True)
    check_public_url("http://localhost/", allow_private=True)
    with pytest.raises(UnsafeURLError, match="no host"):
        check_public_url("http:///feed", allow_private=True)


def test_a_name_is_refused_when_any_address_is_private(resolver: dict) -> None:
    resolver["news.example"] = ["93.184.216.34"]
    resolver["rebind.example"] = ["93.184.216.34", "127.0.0.1"]
    resolver["v6.example"] = ["2606:4700::1", "fd00::5"]
    check_public_url("https://news.example/feed", allow_private=False)
    for host in ("rebind.example", "v6.example"):
        with pytest.raises(UnsafeURLError, match=f"{host} points to a private"):
            check_public_url(f"https://{host}/feed", allow_private=False)


def test_unresolvable_name_is_a_network_error(resolver: dict) -> None:
    with pytest.raises(NetworkError, match="cannot resolve host nowhere.example"):
        check_public_url("http://nowhere.example/", allow_private=False)


def test_out_of_range_numeric_host_is_refused() -> None:
    with pytest.raises(UnsafeURLError, match="invalid numeric host"):
        check_public_url("http://1.2.3.999/", allow_private=False)


async def test_async_variant_uses_the_same_rules(resolver: dict) -> None:
    resolver["inside.example"] = ["10.0.0.7"]
    with pytest.raises(UnsafeURLError):
        await check_public_url_async("http://inside.example/", allow_private=False)
    with pytest.raises(UnsafeURLError):
        await check_public_url_async("http://0x7f.1/", allow_private=False)
    await check_public_url_async("http://8.8.4.4/", allow_private=False)


def test_peer_address_check_catches_rebinding() -> None:
    check_peer_address("news.example", "93.184.216.34")
    with pytest.raises(UnsafeURLError):
        check_peer_address("news.example", "127.0.0.1")
    with pytest.raises(UnsafeURLError):
        check_peer_address("news.example", "fe80::1%eth0")

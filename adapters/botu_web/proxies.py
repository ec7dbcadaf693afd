"""Who is really asking, and over what: the client address and https behind trusted proxies.

Headers like ``X-Forwarded-For`` are written by whoever sends the request, so they are
read only when the socket peer is a proxy the operator named (``botu serve
--trusted-proxy``, or ``BOTU_TRUSTED_PROXIES``; none by default). Then the client is the
right-most address in ``X-Forwarded-For`` that is not itself a trusted proxy: everything
left of it came from the client and may be made up. The app decides this itself, from
the ASGI scope, so uvicorn is told not to rewrite the client or the scheme (see
``server.serve``); the same rule then holds under any ASGI server and in tests.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Mapping
from typing import Any

ENVIRONMENT_VARIABLE = "BOTU_TRUSTED_PROXIES"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _header_values(scope: Mapping[str, Any], name: bytes) -> list[str]:
    """The comma-separated items of every header ``name`` of the request, in order."""
    items: list[str] = []
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            items.extend(part.strip() for part in value.decode("latin-1").split(","))
    return [item for item in items if item]


class TrustedProxies:
    """The proxies whose forwarding headers are believed: addresses or networks (CIDR)."""

    def __init__(self, proxies: Iterable[str] = ()) -> None:
        networks: list[Network] = []
        for proxy in proxies:
            text = proxy.strip()
            if not text:
                continue
            try:
                networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                raise ValueError(text) from None
        self.networks = tuple(networks)

    @classmethod
    def parse(cls, text: str) -> TrustedProxies:
        """From a comma-separated list, e.g. ``"127.0.0.1, 10.0.0.0/8"``."""
        return cls(text.split(","))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> TrustedProxies:
        return cls.parse(environ.get(ENVIRONMENT_VARIABLE, ""))

    def __bool__(self) -> bool:
        return bool(self.networks)

    def as_text(self) -> list[str]:
        return [str(network) for network in self.networks]

    def trusts(self, host: str) -> bool:
        address = _ip(host)
        return address is not None and any(address in network for network in self.networks)

    def _peer(self, scope: Mapping[str, Any]) -> str:
        client = scope.get("client")
        return str(client[0]) if client else "unknown"

    def client_address(self, scope: Mapping[str, Any]) -> str:
        """The address of the person asking: the socket peer, or behind trusted proxies the
        right-most untrusted address of ``X-Forwarded-For``."""
        peer = self._peer(scope)
        if not self.trusts(peer):
            return str(_ip(peer) or peer)
        forwarded = _header_values(scope, b"x-forwarded-for")
        for item in reversed(forwarded):
            if not self.trusts(item):
                return str(_ip(item) or item)
        # Only trusted hops (or no header): the farthest one is the best we know.
        return str(_ip(forwarded[0]) or forwarded[0]) if forwarded else str(_ip(peer) or peer)

    def is_https(self, scope: Mapping[str, Any]) -> bool:
        """Whether the request came over https: directly, or as a trusted proxy says."""
        if scope.get("scheme") in ("https", "wss"):
            return True
        if not self.trusts(self._peer(scope)):
            return False
        # The proxy nearest to us speaks last: it must set the header, not pass on the client's.
        proto = _header_values(scope, b"x-forwarded-proto")
        return bool(proto) and proto[-1].lower() == "https"


__all__ = ["ENVIRONMENT_VARIABLE", "TrustedProxies"]

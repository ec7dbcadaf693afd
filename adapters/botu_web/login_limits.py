"""Login limits: growing waits after failed logins, per account and per client address.

A lockout would hand anyone who knows a user name the power to keep its owner out, so
there is none. Instead every failed login makes the next try wait longer: 1 s after one
failure, 2 s after two, 4 s, … up to ``cap`` (a minute). Failures are counted per
account and per client address separately, and forgotten after ``forget_after``.

- An address that guesses (one account or many) waits for its own failures.
- An account that is being guessed waits for all failures on it, from anywhere. But an
  attacker who keeps failing must not keep its owner out: the wait an account imposes
  on one address counts from that address's own last try (or first refused try), so
  from an address of their own the real user gets in after at most ``cap``. Guessing
  one account from many addresses is thereby slowed, not stopped; the owner is never
  locked out for longer than ``cap``.
- A good login from an address forgets the failures of that address on that account
  (a typo before it), and nothing else: logging in to an account of one's own does
  not clear the address's guesses at other accounts.

IPv6 clients are counted per /64 network, the block one connection usually gets, so
hopping through the addresses of one's own block does not reset the count. Memory is
bounded: at most ``max_keys`` accounts, addresses and waiting pairs each are tracked,
the least recently seen are forgotten first.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TypeVar

from botu_core import name_key

from .texts import WebError

Clock = Callable[[], float]
K = TypeVar("K")
V = TypeVar("V")


def account_key(username: str) -> str:
    # The same key that tells accounts apart: look-alike names count as one account.
    return name_key(username)


def address_key(address: str) -> str:
    """The unit an address is counted in: the address, or for IPv6 its /64 network."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip)


class LoginLimits:
    """Growing waits after failed logins (see the module's text). ``clock`` is injectable for tests."""

    def __init__(
        self,
        *,
        first: float = 1.0,
        cap: float = 60.0,
        forget_after: float = 900.0,
        max_keys: int = 20_000,
        clock: Clock = time.monotonic,
    ) -> None:
        self.first = first
        self.cap = cap
        self.forget_after = forget_after
        self.max_keys = max_keys
        # Failures kept per key: enough to reach the cap (1 s doubled six times passes a
        # minute); more change nothing, and keeping few bounds what an attacker can fill.
        self._kept = max(1, math.ceil(math.log2(max(cap / first, 1.0))) + 1)
        self.clock = clock
        # key -> recent failures as (time, the other side: address for an account, account for an address)
        self._accounts: OrderedDict[str, deque[tuple[float, str]]] = OrderedDict()
        self._addresses: OrderedDict[str, deque[tuple[float, str]]] = OrderedDict()
        # (account, address) -> since when this address waits for the account
        self._waiting: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        """How long the next try waits after ``failures`` recent failures."""
        if failures <= 0:
            return 0.0
        return float(min(self.cap, self.first * 2 ** min(failures - 1, 62)))

    def _keep(self, table: OrderedDict[K, V], key: K, value: V) -> None:
        table[key] = value
        table.move_to_end(key)
        while len(table) > self.max_keys:
            table.popitem(last=False)

    def _recent(self, table: OrderedDict[str, deque[tuple[float, str]]], key: str, now: float) -> deque[tuple[float, str]]:
        failures = table.get(key)
        if failures is None:
            return deque()
        while failures and failures[0][0] <= now - self.forget_after:
            failures.popleft()
        if not failures:
            del table[key]
        return failures

    def _ready_at(self, failures: deque[tuple[float, str]]) -> float:
        return failures[-1][0] + self.delay(len(failures)) if failures else -math.inf

    def check(self, address: str, username: str | None) -> None:
        """Refuse (``auth.rate_limited``, 429, with the seconds to wait) a try that comes too soon."""
        now = self.clock()
        where = address_key(address)
        with self._lock:
            ready = self._ready_at(self._recent(self._addresses, where, now))
            if username is not None and (who := account_key(username)):
                failures = self._recent(self._accounts, who, now)
                account_ready = self._ready_at(failures)
                if now < account_ready:
                    pair = (who, where)
                    since = self._waiting.get(pair)
                    if since is None or since <= now - self.forget_after:
                        since = now
                        self._keep(self._waiting, pair, since)
                    ready = max(ready, min(account_ready, since + self.delay(len(failures))))
            if now < ready:
                raise WebError("auth.rate_limited", seconds=max(1, math.ceil(ready - now)))

    def failed(self, address: str, username: str | None) -> None:
        """A try that was let through failed (a wrong password, or a refused registration)."""
        now = self.clock()
        where = address_key(address)
        who = account_key(username) if username is not None else ""
        with self._lock:
            self._add(self._addresses, where, now, who)
            if who:
                self._add(self._accounts, who, now, where)
                self._keep(self._waiting, (who, where), now)

    def _add(self, table: OrderedDict[str, deque[tuple[float, str]]], key: str, now: float, other: str) -> None:
        failures = self._recent(table, key, now) or deque(maxlen=self._kept)
        failures.append((now, other))
        self._keep(table, key, failures)

    def succeeded(self, address: str, username: str) -> None:
        """A good login: forget what this address got wrong on this account."""
        where, who = address_key(address), account_key(username)
        with self._lock:
            self._waiting.pop((who, where), None)
            for table, key, other in ((self._accounts, who, where), (self._addresses, where, who)):
                failures = table.get(key)
                if failures is None:
                    continue
                kept = deque((item for item in failures if item[1] != other), maxlen=self._kept)
                if kept:
                    table[key] = kept
                else:
                    del table[key]


__all__ = ["LoginLimits", "account_key", "address_key"]

"""Login limits: growing waits per account and per address, never a lockout of the real user.

The clock is injected (``Clock``): no test sleeps. The web tests give each client a
socket address of their choice (``web_helpers.with_peer``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from botu_core import Cooperations
from botu_web import create_app
from botu_web.login_limits import LoginLimits, address_key
from botu_web.texts import WebError
from web_helpers import PASSWORD, csrf, with_peer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def wait_of(limits: LoginLimits, address: str, username: str | None) -> int:
    """The seconds a try has to wait (0: it may go ahead)."""
    try:
        limits.check(address, username)
    except WebError as error:
        assert error.code == "auth.rate_limited" and error.status == 429
        return int(error.params["seconds"])
    return 0


ATTACKER, OWNER = "198.51.100.7", "203.0.113.20"


def test_each_failure_doubles_the_wait_up_to_the_cap() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock, cap=60)
    waits = []
    for _ in range(9):
        assert wait_of(limits, ATTACKER, "henk") == 0
        limits.failed(ATTACKER, "henk")
        waits.append(wait_of(limits, ATTACKER, "henk"))
        clock.advance(waits[-1])
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    # A try a moment too soon waits for the rest only, and costs nothing extra.
    limits.failed(ATTACKER, "henk")
    clock.advance(59.5)
    assert wait_of(limits, ATTACKER, "henk") == 1
    clock.advance(0.5)
    assert wait_of(limits, ATTACKER, "henk") == 0
    # Another cap is reached too (only as many failures are kept as it takes).
    longer = LoginLimits(clock=clock, cap=600, forget_after=36_000)
    for _ in range(12):
        clock.advance(wait_of(longer, ATTACKER, "henk"))
        longer.failed(ATTACKER, "henk")
    assert wait_of(longer, ATTACKER, "henk") == 600


def test_an_attacker_who_keeps_failing_does_not_keep_the_owner_out() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock, cap=60)
    for _ in range(20):  # the attacker tries the moment each wait is over, and so keeps the account waiting
        clock.advance(wait_of(limits, ATTACKER, "henk"))
        limits.failed(ATTACKER, "henk")
    # The owner, from an address of their own, waits at most the cap since their first try ...
    first = wait_of(limits, OWNER, "henk")
    assert 0 < first <= 60
    for _ in range(5):
        clock.advance(first / 5)
        limits.failed(ATTACKER, "henk")  # ... however often the attacker fails meanwhile
    assert wait_of(limits, OWNER, "henk") == 0
    limits.succeeded(OWNER, "henk")
    # The attacker still waits for its own failures.
    assert wait_of(limits, ATTACKER, "henk") == 60


def test_addresses_and_accounts_are_counted_apart() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock)
    limits.failed(ATTACKER, "henk")
    # Another account from the same address waits for the address; another address for
    # another account does not wait at all.
    assert wait_of(limits, ATTACKER, "fatima") == 1
    assert wait_of(limits, OWNER, "fatima") == 0
    # Names are counted however they are written.
    assert wait_of(limits, OWNER, "  HENK ") == 1
    # Trying many accounts from one address grows the address's wait.
    for name in ("a", "b", "c", "d"):
        clock.advance(wait_of(limits, ATTACKER, name))
        limits.failed(ATTACKER, name)
    assert wait_of(limits, ATTACKER, "e") == 16


def test_a_good_login_forgets_the_typos_of_that_address_on_that_account_only() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock)
    limits.failed(OWNER, "henk")  # a typo
    clock.advance(1)
    limits.succeeded(OWNER, "henk")
    assert wait_of(limits, OWNER, "henk") == 0
    # Logging in to an account of one's own does not wipe the guesses at other accounts.
    for name in ("fatima", "nieuw"):
        clock.advance(wait_of(limits, ATTACKER, name))
        limits.failed(ATTACKER, name)
    limits.succeeded(ATTACKER, "eigen-account")
    assert wait_of(limits, ATTACKER, "controle") == 2


def test_failures_are_forgotten_after_a_while() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock, forget_after=900)
    for _ in range(8):
        clock.advance(wait_of(limits, ATTACKER, "henk"))
        limits.failed(ATTACKER, "henk")
    clock.advance(900)
    assert wait_of(limits, ATTACKER, "henk") == 0
    limits.failed(ATTACKER, "henk")
    assert wait_of(limits, ATTACKER, "henk") == 1


def test_ipv6_clients_are_counted_per_64_network() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock)
    limits.failed("2001:db8:1:2::1", "henk")
    assert wait_of(limits, "2001:db8:1:2:ffff::9", "fatima") == 1  # same /64: same counter
    assert wait_of(limits, "2001:db8:1:3::1", "fatima") == 0
    assert address_key("::ffff:192.0.2.1") == "192.0.2.1"


def test_memory_is_bounded() -> None:
    clock = Clock()
    limits = LoginLimits(clock=clock, max_keys=100)
    for number in range(1000):
        limits.failed(f"10.0.{number // 256}.{number % 256}", f"naam-{number}")
    assert max(len(limits._accounts), len(limits._addresses), len(limits._waiting)) <= 100


# --- through the web app -------------------------------------------------------------------


@pytest.fixture
def web(store_path: Path) -> Iterator[Callable[..., Any]]:
    """``web(**create_app_options)`` → (client factory by peer address, clock)."""
    opened: list[Cooperations] = []

    def make(**options: Any) -> tuple[Callable[[str], TestClient[Any]], Clock]:
        app = Cooperations(str(store_path))
        opened.append(app)
        clock = Clock()
        web_app = create_app(app, login_limits=LoginLimits(clock=clock), **options)

        def client(host: str) -> TestClient[Any]:
            return TestClient(with_peer(web_app, host), base_url="http://testserver.local")

        return client, clock

    yield make
    for app in opened:
        app.close()


def log_in(client: TestClient[Any], username: str, password: str, headers: dict[str, str] | None = None) -> Any:
    token = csrf(client)
    return client.post("/login", data={"username": username, "password": password, "_csrf_token": token},
                       headers=headers, follow_redirects=False)


def test_five_wrong_passwords_by_someone_else_do_not_lock_the_owner_out(web: Any) -> None:
    client, clock = web()
    attacker, owner = client(ATTACKER), client(OWNER)
    for wait in (0, 1, 2, 4, 8):  # each try as soon as it may
        clock.advance(wait)
        wrong = log_in(attacker, "henk", "fout-wachtwoord")
        assert wrong.status_code == 401 and "De naam of het wachtwoord klopt niet." in wrong.text
    refused = log_in(attacker, "henk", PASSWORD)  # too soon after the fifth failure, even with the right password
    assert refused.status_code == 429
    seconds = int(refused.headers["retry-after"])
    assert 0 < seconds <= 60
    assert f"Te vaak geprobeerd. Wacht even ({seconds} sec.)" in refused.text
    # The owner, from their own address, waits too, but at most a minute: no lockout ...
    first = log_in(owner, "henk", PASSWORD)
    assert first.status_code == 429 and int(first.headers["retry-after"]) <= 60
    clock.advance(60)
    # ... even when the attacker fails once more just before.
    assert log_in(attacker, "henk", "fout-wachtwoord").status_code == 401
    done = log_in(owner, "henk", PASSWORD)
    assert done.status_code == 303 and "botu_session" in owner.cookies


def test_the_wait_is_told_in_english_too(web: Any) -> None:
    client, _clock = web()
    attacker = client(ATTACKER)
    log_in(attacker, "henk", "fout-wachtwoord")
    refused = log_in(attacker, "henk", "fout-wachtwoord", headers={"accept-language": "en"})
    assert refused.status_code == 429 and "Too many tries. Wait a moment (1 s) and try again." in refused.text


def test_a_rotated_x_forwarded_for_from_an_untrusted_peer_is_one_address(web: Any) -> None:
    client, clock = web()  # no trusted proxies: the default
    loopback = client("127.0.0.1")
    log_in(loopback, "fatima", "fout-wachtwoord")
    clock.advance(1)
    log_in(loopback, "henk", "fout-wachtwoord")
    for number in range(3):
        refused = log_in(loopback, f"naam-{number}", "fout-wachtwoord",
                         headers={"x-forwarded-for": f"192.0.2.{number}"})
        assert refused.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_count(web: Any) -> None:
    client, _clock = web(trusted_proxies=["10.0.0.2"])
    proxy = client("10.0.0.2")
    assert log_in(proxy, "henk", "fout-wachtwoord", headers={"x-forwarded-for": ATTACKER}).status_code == 401
    assert log_in(proxy, "henk", "fout-wachtwoord", headers={"x-forwarded-for": ATTACKER}).status_code == 429
    # Someone else behind the same proxy is not held up by that address's failure.
    other = log_in(proxy, "fatima", PASSWORD, headers={"x-forwarded-for": OWNER})
    assert other.status_code == 303
    # A made-up address left of the one the proxy added changes nothing.
    forged = log_in(proxy, "nieuw", "fout-wachtwoord", headers={"x-forwarded-for": f"192.0.2.99, {ATTACKER}"})
    assert forged.status_code == 429

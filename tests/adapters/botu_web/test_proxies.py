"""The client address and https: forwarding headers only from the proxies the operator trusts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from botu_cli.main import main
from botu_web.proxies import TrustedProxies


def scope(peer: str, *headers: tuple[str, str], scheme: str = "http") -> dict[str, Any]:
    return {"type": "http", "scheme": scheme, "client": (peer, 40000),
            "headers": [(name.encode(), value.encode()) for name, value in headers]}


def test_no_proxy_is_trusted_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOTU_TRUSTED_PROXIES", raising=False)
    proxies = TrustedProxies.from_environment()
    assert not proxies
    # Not even loopback: whoever runs next to the server could rotate the header.
    request = scope("127.0.0.1", ("x-forwarded-for", "192.0.2.1"), ("x-forwarded-proto", "https"))
    assert proxies.client_address(request) == "127.0.0.1"
    assert not proxies.is_https(request)


def test_behind_trusted_proxies_the_client_is_the_right_most_untrusted_address() -> None:
    proxies = TrustedProxies(["10.0.0.0/8", "127.0.0.1"])
    assert proxies.client_address(scope("10.0.0.2", ("x-forwarded-for", "192.0.2.1"))) == "192.0.2.1"
    # Left of the address our proxy added is what the client wrote: made up, maybe.
    forged = scope("10.0.0.2", ("x-forwarded-for", "6.6.6.6, 192.0.2.1"))
    assert proxies.client_address(forged) == "192.0.2.1"
    # Trusted hops in between are skipped; several headers count as one list.
    chain = scope("127.0.0.1", ("x-forwarded-for", "6.6.6.6, 192.0.2.1"), ("x-forwarded-for", "10.1.2.3"))
    assert proxies.client_address(chain) == "192.0.2.1"
    # A peer that is not trusted is the client, whatever it says.
    assert proxies.client_address(scope("192.0.2.50", ("x-forwarded-for", "10.9.9.9"))) == "192.0.2.50"
    # A trusted proxy that forwards nothing: the proxy is all we know.
    assert proxies.client_address(scope("10.0.0.2")) == "10.0.0.2"
    # IPv4 written as IPv6 is the same address.
    assert TrustedProxies(["10.0.0.2"]).client_address(scope("::ffff:10.0.0.2", ("x-forwarded-for", "192.0.2.1"))) \
        == "192.0.2.1"


def test_https_directly_or_as_a_trusted_proxy_says() -> None:
    proxies = TrustedProxies(["10.0.0.2"])
    assert proxies.is_https(scope("192.0.2.1", scheme="https"))
    assert proxies.is_https(scope("10.0.0.2", ("x-forwarded-proto", "https")))
    assert not proxies.is_https(scope("192.0.2.1", ("x-forwarded-proto", "https")))
    assert not proxies.is_https(scope("10.0.0.2", ("x-forwarded-proto", "http")))
    # The proxy speaks last: a client's own "https" in front is not enough.
    assert not proxies.is_https(scope("10.0.0.2", ("x-forwarded-proto", "https, http")))


def test_the_list_comes_from_the_environment_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOTU_TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.0/8 ,")
    assert TrustedProxies.from_environment().as_text() == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(ValueError):
        TrustedProxies(["proxy.example"])


def test_uvicorn_leaves_the_client_and_the_scheme_to_the_app(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> None:
    import uvicorn

    from botu_web.server import serve

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.append({"app": app, **options}))
    monkeypatch.delenv("BOTU_TRUSTED_PROXIES", raising=False)
    serve(str(store_path))
    serve(str(store_path), trusted_proxies=["10.0.0.2"])
    for options in seen:
        # uvicorn must not rewrite the client from X-Forwarded-For by itself (it trusted 127.0.0.1).
        assert options["proxy_headers"] is False
        assert options["server_header"] is False
    assert seen[0]["forwarded_allow_ips"] == "" and seen[1]["forwarded_allow_ips"] == "10.0.0.2/32"
    assert seen[0]["app"].state.web.proxies.as_text() == []
    assert seen[1]["app"].state.web.proxies.as_text() == ["10.0.0.2/32"]
    for options in seen:
        options["app"].state.web.close()


def test_botu_serve_takes_trusted_proxies(monkeypatch: pytest.MonkeyPatch, store_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import botu_web.server

    seen: list[Any] = []
    monkeypatch.setattr(botu_web.server, "serve", lambda store, **options: seen.append(options["trusted_proxies"]))
    monkeypatch.setenv("BOTU_TRUSTED_PROXIES", "192.0.2.1")
    db = str(store_path)
    assert main(["--db", db, "serve", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", "10.0.0.0/8"]) == 0
    assert main(["--db", db, "serve"]) == 0
    assert seen == [["127.0.0.1/32", "10.0.0.0/8"], ["192.0.2.1/32"]]
    capsys.readouterr()
    assert main(["--db", db, "serve", "--trusted-proxy", "proxy.example", "--json"]) == 2
    out = capsys.readouterr().out
    assert '"code": "cli.bad_value"' in out and "proxy.example" in out
    monkeypatch.setenv("BOTU_TRUSTED_PROXIES", "nergens")
    assert main(["--db", db, "serve"]) == 2
    assert "BOTU_TRUSTED_PROXIES" in capsys.readouterr().err
    assert len(seen) == 2

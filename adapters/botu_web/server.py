"""Run the web app with uvicorn (used by ``botu serve`` and the browser tests)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from botu_core import Cooperations

from .app import create_app
from .proxies import TrustedProxies


def serve(
    store: str | Cooperations | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    coop: str | None = None,
    secure_cookies: bool | None = None,
    trusted_proxies: Sequence[str] | None = None,
    log_level: str = "info",
    **app_options: Any,
) -> None:
    """Serve until stopped.

    ``trusted_proxies`` (default: BOTU_TRUSTED_PROXIES; none): the proxies whose
    X-Forwarded-For and X-Forwarded-Proto the app believes (see ``botu_web.proxies``).
    The app reads those headers itself, so uvicorn is told to leave the client and the
    scheme as the socket gives them: one rule, one list, under any server.
    """
    import uvicorn

    proxies = TrustedProxies.from_environment() if trusted_proxies is None else TrustedProxies(trusted_proxies)
    application = create_app(store, coop=coop, secure_cookies=secure_cookies, trusted_proxies=proxies,
                             **app_options)
    uvicorn.run(application, host=host, port=port, log_level=log_level, proxy_headers=False,
                forwarded_allow_ips=",".join(proxies.as_text()), server_header=False)

"""Run the web app with uvicorn (used by ``botu serve`` and the browser tests)."""

from __future__ import annotations

from typing import Any

from botu_core import Cooperations

from .app import create_app


def serve(
    store: str | Cooperations | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    coop: str | None = None,
    secure_cookies: bool | None = None,
    log_level: str = "info",
    **app_options: Any,
) -> None:
    """Serve until stopped. Behind a TLS proxy, uvicorn reads X-Forwarded-Proto from
    127.0.0.1, so cookies of https requests are marked Secure."""
    import uvicorn

    application = create_app(store, coop=coop, secure_cookies=secure_cookies, **app_options)
    uvicorn.run(application, host=host, port=port, log_level=log_level, proxy_headers=True,
                forwarded_allow_ips="127.0.0.1", server_header=False)

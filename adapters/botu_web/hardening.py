"""What holds for every request and every answer, whichever handler (or none) takes it.

- ``security_headers``: a hook on the ASGI ``send`` of the whole app, so the headers are
  on every answer, also those no handler made (404, 405, 500, HEAD, static files).
  ``Strict-Transport-Security`` only when the request came over https, as decided by
  ``proxies.TrustedProxies`` (a browser ignores it over http, and over http a forged
  header could pin a site that has no certificate).
- ``form_encoding``: a form body must be UTF-8 (percent-encoded in a urlencoded body),
  else the request is refused (400, ``input.invalid_encoding``) before anything reads it,
  the CSRF check included. Otherwise the form parser would turn the bytes into
  replacement characters and the garbage would be recorded in the log.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from litestar import Request
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from botu_core import InvalidInput

from .proxies import TrustedProxies

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
# A year; no includeSubDomains: other sites under the same domain are not ours to pin.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def security_headers(proxies: TrustedProxies) -> Callable[[Message, Scope], Awaitable[None]]:
    """A ``before_send`` hook that adds the security headers (those a handler set itself stay)."""

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in HEADERS.items():
            if name not in headers:
                headers[name] = value
        if proxies.is_https(scope) and "strict-transport-security" not in headers:
            headers["strict-transport-security"] = STRICT_TRANSPORT_SECURITY

    return add_headers


async def _check_form(request: Request[Any, Any, Any]) -> None:
    content_type, _options = request.content_type
    if content_type == "application/x-www-form-urlencoded":
        body = await request.body()  # kept in the scope: the CSRF check and the handler read it again
        try:
            parse_qsl(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise InvalidInput("input.invalid_encoding") from None
    elif content_type == "multipart/form-data":
        try:
            await request.form()  # Litestar decodes each field strictly; the parsed form is kept in the scope
        except (UnicodeDecodeError, LookupError):
            raise InvalidInput("input.invalid_encoding") from None


def form_encoding(app: ASGIApp) -> ASGIApp:
    """Middleware: refuse a form body that is not UTF-8, before the CSRF check reads it."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            await _check_form(Request(scope, receive))
        await app(scope, receive, send)

    return middleware


__all__ = ["CONTENT_SECURITY_POLICY", "HEADERS", "STRICT_TRANSPORT_SECURITY", "form_encoding", "security_headers"]

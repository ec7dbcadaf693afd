"""Many cooperations on one server: each under its own path, ``/c/<slug>/…``.

The app's routes are written once, without a prefix. A request for ``/c/<slug>/rest``
is routed as ``/rest`` with the cooperation's short name kept in the request's scope;
every link and redirect of a page goes through one helper (``prefix_of`` + the path),
so it stays under the cooperation it was made for. Routes added in any module of the
app work under the prefix without knowing about it.
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Litestar, Request

# The scope keys the prefix leaves for the pages: the short name and the prefix itself.
COOP_KEY = "botu.coop"
PREFIX_KEY = "botu.prefix"
_PREFIXED = re.compile(r"^/c/([^/]+)(/.*)?$")


class ManyCooperations(Litestar):
    """The Litestar app that routes ``/c/<slug>/…`` as the cooperation's own paths."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket") and getattr(self.state, "many", False):
            match = _PREFIXED.match(scope["path"])
            if match:
                rest = match.group(2) or "/"
                scope = {**scope, "path": rest, "raw_path": rest.encode(), COOP_KEY: match.group(1),
                         PREFIX_KEY: f"/c/{match.group(1)}"}
        await super().__call__(scope, receive, send)


def coop_slug(request: Request[Any, Any, Any]) -> str | None:
    """The short name in the request's path (``/c/<slug>/…``), or None."""
    value = request.scope.get(COOP_KEY)
    return str(value) if value is not None else None


def prefix_of(request: Request[Any, Any, Any]) -> str:
    """What the request's links start with: ``/c/<slug>`` under a cooperation's path, else nothing."""
    return str(request.scope.get(PREFIX_KEY, ""))


def url_for_request(request: Request[Any, Any, Any]) -> Any:
    """The one url helper of pages and redirects: a path of the app, under the request's prefix."""
    prefix = prefix_of(request)

    def url(path: str) -> str:
        if not prefix or not path.startswith("/") or path.startswith(("/static/", "/schema/")):
            return path
        return prefix + path

    return url

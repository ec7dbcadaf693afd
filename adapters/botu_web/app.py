"""Build the web app: ``create_app(store)`` gives a Litestar (ASGI) app over one store."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Litestar, Request, Response
from litestar.config.csrf import CSRFConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException, ValidationException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.response import Template
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from botu_core import BotuError, Cooperations

from .accounts import AccountStore
from .api import api_handlers
from .log_api import log_handlers
from .audit_web import audit_handlers
from .exports import export_handlers
from .founding import founding_handlers
from .invitations import invitation_handlers
from .hardening import form_encoding, security_headers
from .login_limits import LoginLimits
from .meeting_page import meeting_handlers
from .pages import page_handlers
from .report_web import report_handlers
from .places import ManyCooperations, url_for_request
from .proxies import TrustedProxies
from .rounds import round_handlers
from .texts import WebError
from .web import Say, Web, error_body, pick_lang, status_of
from .witness_api import witness_handlers

PACKAGE = Path(__file__).parent
log = logging.getLogger("botu_web")


def _is_api(request: Request[Any, Any, Any]) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request[Any, Any, Any], status: int, message: str) -> Response[Any]:
    lang = pick_lang(request)
    web: Web = request.app.state.web
    say = Say(lang)
    viewer = None
    try:
        viewer = web.viewer(web.session_account(request), web.coop_id(request))
    except Exception:  # noqa: BLE001 - the error page must always show
        viewer = None
    return Template(
        template_name="error.html",
        context={"t": say, "lang": lang, "viewer": viewer, "coop": None, "path": request.url.path, "forms": [],
                 "u": url_for_request(request), "many": web.many,
                 "status": status, "error_message": message, "done": ""},
        status_code=status,
    )


def _handle_botu(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    assert isinstance(error, BotuError)
    status = status_of(error)
    lang = pick_lang(request)
    if _is_api(request):
        headers = {"www-authenticate": "Bearer"} if status == 401 else None
        return Response(error_body(error, lang), status_code=status, headers=headers)
    if status == 401:
        # A page that needs a login: say so, and link to the login page.
        return _error_page(request, 401, error.message(lang))
    return _error_page(request, status, error.message(lang))


def _handle_http(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    assert isinstance(error, HTTPException)
    status = error.status_code
    lang = pick_lang(request)
    if isinstance(error, PermissionDeniedException) and "CSRF" in str(error.detail):
        web_error: WebError | None = WebError("auth.csrf")
    elif status == 404:
        web_error = WebError("web.not_found")
    elif isinstance(error, ValidationException) or status == 400:
        detail = str(error.detail)
        extra = error.extra if isinstance(error.extra, list) else []
        if extra:
            first = extra[0]
            if isinstance(first, dict):
                detail = f"{first.get('key', '')}: {first.get('message', '')}".strip(": ")
        web_error = WebError("web.bad_request", detail=detail[:200])
    else:
        web_error = None
    if web_error is not None:
        status = web_error.status
        if _is_api(request):
            body = error_body(web_error, lang)
            if web_error.code == "web.bad_request":
                body["code"] = "input.invalid_type"
            return Response(body, status_code=status)
        return _error_page(request, status, web_error.message(lang))
    if _is_api(request):
        message = str(error.detail)
        return Response({"code": f"http.{status}", "message": message, "message_nl": message, "message_en": message},
                        status_code=status, headers=error.headers)
    return _error_page(request, status, str(error.detail))


def _handle_internal(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    log.exception("internal error on %s", request.url.path, exc_info=error)
    web_error = WebError("web.internal")
    if _is_api(request):
        return Response(error_body(web_error, pick_lang(request)), status_code=500)
    return _error_page(request, 500, web_error.message(pick_lang(request)))


def create_app(
    store: str | Cooperations | None = None,
    *,
    coop: str | None = None,
    many: bool = False,
    secure_cookies: bool | None = None,
    accounts: AccountStore | None = None,
    login_limits: LoginLimits | None = None,
    trusted_proxies: TrustedProxies | Sequence[str] | None = None,
    debug: bool = False,
) -> Litestar:
    """The web app over ``store``: a URL or file name (like the CLI's --db) or an open ``Cooperations``.

    ``coop`` chooses the cooperation the pages show (default: the only one).
    ``many`` serves every cooperation of the store instead, each under ``/c/<slug>/``,
    with a front page listing them (``botu_web.places``).
    ``secure_cookies`` marks cookies Secure (default: when BOTU_SECURE_COOKIES=1; cookies
    of a request that came over https are always Secure).
    ``trusted_proxies``: the proxies (addresses or networks) whose X-Forwarded-For and
    X-Forwarded-Proto are believed (default: BOTU_TRUSTED_PROXIES, comma separated; none).
    ``login_limits``: the waits after failed logins (default: ``LoginLimits()``).
    """
    # Read first: a wrong address is refused before the store is opened.
    if trusted_proxies is None:
        proxies = TrustedProxies.from_environment()
    elif isinstance(trusted_proxies, TrustedProxies):
        proxies = trusted_proxies
    else:
        proxies = TrustedProxies(trusted_proxies)
    owns_app = not isinstance(store, Cooperations)
    app = store if isinstance(store, Cooperations) else Cooperations(store)
    accounts = accounts or AccountStore.for_app(app)
    if secure_cookies is None:
        secure_cookies = os.environ.get("BOTU_SECURE_COOKIES") == "1"
    web = Web(app, accounts, coop=coop, many=many, secure_cookies=secure_cookies, owns_app=owns_app,
              limiter=login_limits or LoginLimits(), proxies=proxies)

    environment = Environment(
        loader=FileSystemLoader(PACKAGE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template_config = TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment))

    csrf = CSRFConfig(
        secret=accounts.secret("csrf"),
        cookie_name="botu_csrf",
        cookie_httponly=True,
        cookie_samesite="lax",
        cookie_secure=secure_cookies,
        exclude=["^/api/", "^/schema", "^/static/"],
    )

    def on_shutdown() -> None:
        # Close only what this app opened: a Cooperations given by the caller stays theirs.
        if owns_app:
            web.close()

    application = ManyCooperations(
        route_handlers=[
            *page_handlers(),
            *round_handlers(),
            *audit_handlers(),
            *witness_handlers(),
            *export_handlers(),
            *meeting_handlers(),
            *report_handlers(),
            *invitation_handlers(),
            *founding_handlers(),
            *api_handlers(),
            *log_handlers(),
            create_static_files_router(path="/static", directories=[PACKAGE / "static"], name="static",
                                       include_in_schema=False),
        ],
        template_config=template_config,
        csrf_config=csrf,
        exception_handlers={
            BotuError: _handle_botu,
            WebError: _handle_botu,
            HTTPException: _handle_http,
            Exception: _handle_internal,
        },
        openapi_config=OpenAPIConfig(
            title="botu",
            version="1",
            description=(
                "De samenwerking voor de energietransitie in de wijk. / "
                "The neighbourhood's energy-transition cooperation. Commands need a bearer token."
            ),
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        before_send=[security_headers(proxies)],
        middleware=[form_encoding],
        on_shutdown=[on_shutdown],
        debug=debug,
    )
    application.state.web = web
    application.state.many = many
    # Pages are not part of the API description.
    return application

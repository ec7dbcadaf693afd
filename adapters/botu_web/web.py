"""What every request needs: the store, the accounts, who is asking, which language.

``Web`` is made once per app (see ``botu_web.create_app``) and kept in the app state.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException

from botu_core import BotuError, ConcurrencyConflict, Cooperations, InvalidInput, Money, NotFound, PermissionDenied, StoreError

from .accounts import Account, AccountStore
from .auth import ANONYMOUS, Viewer, viewer_for
from .login_limits import LoginLimits
from .places import coop_slug
from .proxies import TrustedProxies
from .texts import WebError, label, show_date, show_number

SESSION_COOKIE = "botu_session"
LANG_COOKIE = "botu_lang"
LANGS = ("nl", "en")


class Web:
    def __init__(
        self,
        app: Cooperations,
        accounts: AccountStore,
        *,
        coop: str | None = None,
        many: bool = False,
        secure_cookies: bool = False,
        owns_app: bool = False,
        limiter: LoginLimits | None = None,
        proxies: TrustedProxies | None = None,
    ) -> None:
        self.app = app
        self.accounts = accounts
        self.coop_ref = coop
        # Every cooperation of the store, each under /c/<slug>/ (``botu_web.places``).
        self.many = many
        self.secure_cookies = secure_cookies
        self.owns_app = owns_app
        self.limiter = limiter or LoginLimits()
        self.proxies = proxies or TrustedProxies()

    def close(self) -> None:
        self.accounts.close()
        if self.owns_app:
            self.app.close()

    def coop_id(self, request: Request[Any, Any, Any] | None = None) -> str | None:
        """The cooperation a request is about: with many cooperations the one in its path
        (None outside every cooperation's path); else the configured one, or the only one."""
        if self.many:
            slug = coop_slug(request) if request is not None else None
            if slug is None:
                return None
            try:
                return str(self.app.resolve(slug))
            except NotFound:
                raise NotFoundException() from None
        try:
            return str(self.app.resolve(self.coop_ref))
        except NotFound:
            if self.coop_ref is None:
                return None
            raise

    # --- who is asking ------------------------------------------------------------------

    def session_account(self, request: Request[Any, Any, Any]) -> Account | None:
        secret = request.cookies.get(SESSION_COOKIE)
        if not secret:
            return None
        return self.accounts.session_account(secret)

    def token_account(self, request: Request[Any, Any, Any]) -> Account | None:
        header = request.headers.get("authorization", "")
        if not header:
            return None
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise WebError("auth.bad_token")
        account = self.accounts.token_account(secret.strip())
        if account is None:
            raise WebError("auth.bad_token")
        return account

    def viewer(self, account: Account | None, coop_id: str | None) -> Viewer:
        if account is None:
            return ANONYMOUS
        return viewer_for(self.app, coop_id, account)

    def client_address(self, request: Request[Any, Any, Any]) -> str:
        """The address of the person asking (X-Forwarded-For only from a trusted proxy)."""
        return self.proxies.client_address(request.scope)

    def is_https(self, request: Request[Any, Any, Any]) -> bool:
        return self.proxies.is_https(request.scope)

    def cookie_secure(self, request: Request[Any, Any, Any]) -> bool:
        return self.secure_cookies or self.is_https(request)


# --- language ---------------------------------------------------------------------------


def pick_lang(request: Request[Any, Any, Any]) -> str:
    """Dutch by default; English when asked by ?lang=en, the language cookie or Accept-Language."""
    wanted = request.query_params.get("lang")
    if wanted in LANGS:
        return str(wanted)
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGS:
        return str(cookie)
    return lang_from_header(request.headers.get("accept-language", ""))


def lang_from_header(header: str) -> str:
    best, best_q = "nl", -1.0
    for i, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = tag.split("-")[0]
        if primary in LANGS and (q > best_q):
            best, best_q = primary, q - i * 1e-6
    return best


class Say:
    """Text helpers for templates, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, nl: str, en: str) -> str:
        return en if self.lang == "en" else nl

    def money(self, value: Money | int) -> str:
        money = value if isinstance(value, Money) else Money(value)
        return money.show(self.lang)

    def date(self, value: dt.date | None) -> str:
        return show_date(value, self.lang)

    def number(self, value: Decimal | int | None) -> str:
        if value is None:
            return "—"
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
            whole, _, frac = text.partition(".")
            grouped = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
            text = grouped + ("." + frac if frac else "")
            return show_number(text, self.lang)
        return show_number(f"{value:,}", self.lang)

    def label(self, value: str, kind: str | None = None) -> str:
        return label(value, self.lang, kind)

    def yes_no(self, value: bool) -> str:
        return self("ja", "yes") if value else self("nee", "no")


# --- errors -----------------------------------------------------------------------------


def status_of(error: BotuError) -> int:
    if isinstance(error, WebError):
        return error.status
    if isinstance(error, StoreError):
        return 503
    if isinstance(error, ConcurrencyConflict):
        return 409
    if isinstance(error, PermissionDenied):
        return 401 if error.code == "permission.login_required" else 403
    if isinstance(error, InvalidInput):
        return 400
    return 422


def error_body(error: BotuError, lang: str = "nl") -> dict[str, Any]:
    data = error.to_dict()
    data["message"] = error.message(lang)
    return data


SAFE_NEXT = re.compile(r"^/(?!/)[A-Za-z0-9/_\-?=&.%]*$")


def safe_next(value: str | None, default: str = "/") -> str:
    """Only paths on this site, so a login link cannot send people elsewhere."""
    if value and SAFE_NEXT.match(value) and "\\" not in value:
        return value
    return default

"""Inviting a party that a coordinator entered to make its own login.

Who may invite is the library's decision (``permissions.INVITE_ACCOUNT``). The invitation
itself is the web accounts' business (``AccountStore.invite``): a secret link, shown once,
used once; the person who opens it chooses a name and password and is that party.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from botu_core import NotFound
from botu_core import permissions as p

from .accounts import check_password, check_username
from .pages import Page, _refused, _session_cookie, page_get, page_post
from .texts import WebError


def _may_invite(page: Page) -> str:
    if not page.viewer.may(p.INVITE_ACCOUNT):
        raise WebError("auth.required" if not page.viewer.logged_in else "auth.forbidden")
    return page.require_coop()


@page_post("/parties/invite", name="party-invite", status_code=201)
async def invite(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = _may_invite(page)
    form = await request.form()
    try:
        party = page.read.party(coop, str(form.get("party", ""))[:200])
    except NotFound as error:
        raise WebError("web.bad_request", detail=error.message(page.lang)) from None
    secret = page.web.accounts.invite(coop, party.id)
    link = str(request.base_url).rstrip("/") + page.url(f"/invite/{secret}")
    return page.render("invited.html", status_code=201, party=party, link=link)


def _invited_party(page: Page, secret: str) -> Any:
    found = page.web.accounts.invitation(secret)
    if found is None or found[0] != page.coop:
        raise NotFoundException()
    return page.read.party(found[0], found[1])


@page_get("/invite/{secret:str}", name="invitation")
async def invitation(request: Request[Any, Any, Any], secret: FromPath[str]) -> Template:
    page = Page(request)
    return page.render("register.html", error=None, username="", party=_invited_party(page, secret),
                       action=page.url(f"/invite/{secret}"))


@page_post("/invite/{secret:str}", name="invitation-accept", status_code=HTTP_303_SEE_OTHER)
async def accept(request: Request[Any, Any, Any], secret: FromPath[str]) -> Response[Any]:
    page = Page(request)
    party = _invited_party(page, secret)
    form = await request.form()
    username = str(form.get("username", ""))[:200]
    password = str(form.get("password", ""))[:1000]
    try:
        check_username(username)
        check_password(password)
        if password != str(form.get("password2", "")):
            raise WebError("account.passwords_differ")
        account = page.web.accounts.accept(secret, username, password)
    except WebError as error:
        return _refused(page, "register.html", error, username=username, party=party,
                        action=page.url(f"/invite/{secret}"))
    session = page.web.accounts.start_session(account.id)
    return Redirect(page.url("/account?done=account"), status_code=HTTP_303_SEE_OTHER,
                    cookies=[_session_cookie(page, session)])


def invitation_handlers() -> list[Any]:
    return [invite, invitation, accept]

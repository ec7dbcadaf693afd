"""Starting a cooperation on the web: the installation's coordinators found one, and
become its coordinators, to adopt its first agreement next (the ``adopt`` form).

Who may found is the library's decision (``permissions.role_in_installation``,
``Cooperations.create_cooperation``); this module only reads the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Request, Response
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from botu_core import BotuError, InvalidInput
from botu_core import permissions as p

from .pages import Page, page_get, page_post
from .texts import WebError
from .web import status_of

FIELDS = ("name", "slug", "neighbourhood", "founded_on")


def _may_found(page: Page) -> None:
    if not page.viewer.logged_in:
        raise WebError("auth.required")
    if not page.viewer.may_found:
        raise WebError("auth.forbidden")


def _date(text: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("input.invalid_type", field="founded_on") from None


@page_get("/cooperations/new", name="cooperation-new")
async def found_form(request: Request[Any, Any, Any]) -> Response[Any]:
    page = Page(request)
    if not page.viewer.logged_in:
        return Redirect(page.url("/login?next=" + page.url("/cooperations/new")), status_code=HTTP_303_SEE_OTHER)
    _may_found(page)
    return page.render("found.html", values={}, error=None)


@page_post("/cooperations/new", name="cooperation-found", status_code=HTTP_303_SEE_OTHER)
async def found(request: Request[Any, Any, Any]) -> Response[Any]:
    page = Page(request)
    _may_found(page)
    form = await request.form()
    values = {name: str(form.get(name, ""))[:200] for name in FIELDS}
    try:
        coop_id = page.app.create_cooperation(
            values["name"], slug=values["slug"].strip() or None, neighbourhood=values["neighbourhood"],
            founded_on=_date(values["founded_on"]), actor=page.viewer.actor)
    except BotuError as error:
        template: Template = page.render("found.html", status_code=status_of(error), values=values,
                                         error=error.message(page.lang))
        return template
    assert page.account is not None  # _may_found: logged in
    # The founder coordinates what she founded: that is her grant there.
    page.web.accounts.grant(page.account.id, coop_id, p.COORDINATOR)
    slug = page.app.cooperation(coop_id).slug
    target = f"/c/{slug}/agreement/adopt" if page.web.many else page.url("/agreement/adopt")
    return Redirect(target, status_code=HTTP_303_SEE_OTHER)


def founding_handlers() -> list[Any]:
    return [found_form, found]

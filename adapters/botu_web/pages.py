"""The pages people read and the forms they fill in (server-rendered, no script needed)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from decimal import Decimal
from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from botu_core import BotuError, NotFound, Reader, diff_agreements
from botu_core import permissions as p

from . import charts
from .accounts import check_password, check_username
from .auth import Viewer, act_as_self, authorise
from .commands import build_command, complete_terms
from .forms import FORMS, Ctx, FormSpec, fields_for, form_to_data
from .places import url_for_request
from .texts import WebError
from .web import LANG_COOKIE, SESSION_COOKIE, Say, Web, pick_lang, safe_next, status_of

# --- helpers -------------------------------------------------------------------------------

# Pages are for people; the OpenAPI schema describes the JSON API only.
page_get = partial(get, include_in_schema=False)
page_post = partial(post, include_in_schema=False)


def web_of(request: Request[Any, Any, Any]) -> Web:
    web: Web = request.app.state.web
    return web


class Page:
    """Everything a page handler needs about its request."""

    def __init__(self, request: Request[Any, Any, Any]) -> None:
        self.request = request
        self.web = web_of(request)
        self.lang = pick_lang(request)
        self.say = Say(self.lang)
        self.coop = self.web.coop_id(request)
        # Every link and redirect of the page: a path of the app, under the request's prefix.
        self.url = url_for_request(request)
        self.account = self.web.session_account(request)
        self.viewer: Viewer = self.web.viewer(self.account, self.coop)
        # Every read of a page goes through the library's privacy rules for this viewer.
        self.read: Reader = self.viewer.reader(self.web.app)

    @property
    def app(self) -> Any:
        """The library itself: only for commands and the clock, never to show data."""
        return self.web.app

    def render(self, template: str, status_code: int = 200, **context: Any) -> Template:
        cooperation = self.read.cooperation(self.coop) if self.coop else None
        base = {
            "t": self.say,
            "lang": self.lang,
            "viewer": self.viewer,
            "coop": cooperation,
            "path": self.request.url.path,
            "forms": self.offered_forms(),
            "done": self.request.query_params.get("done", ""),
            "u": self.url,
            "many": self.web.many,
        }
        cookies = []
        if self.request.query_params.get("lang") in ("nl", "en"):
            cookies.append(Cookie(key=LANG_COOKIE, value=self.lang, max_age=365 * 24 * 3600, httponly=True, samesite="lax",
                                  secure=self.web.cookie_secure(self.request)))
        return Template(template_name=template, context={**base, **context}, status_code=status_code,
                        cookies=cookies, headers={"content-language": self.lang})

    def offered_forms(self) -> list[FormSpec]:
        """The forms this viewer may use now: the first agreement only before there is one,
        a revision only after."""
        adopted = bool(self.read.agreement_versions(self.coop)) if self.coop else False
        return [f for f in FORMS if self.viewer.offers(f) and f.with_agreement in (None, adopted)]

    def require_coop(self) -> str:
        if self.coop is None:
            raise NotFound("cooperation.none")
        return self.coop


def _done_message(page: Page) -> str:
    key = page.request.query_params.get("done", "")
    for form in FORMS:
        if form.key == key:
            return page.say(form.done_nl, form.done_en)
    if key == "login":
        return page.say("U bent ingelogd.", "You are logged in.")
    if key == "logout":
        return page.say("U bent uitgelogd.", "You are logged out.")
    if key == "account":
        return page.say("Uw account is gemaakt. U bent ingelogd.", "Your account was made. You are logged in.")
    return ""


# --- public pages -------------------------------------------------------------------------


def _budget_lines(page: Page, year: FromQuery[int | None] = None) -> list[Any]:
    return page.read.budget(page.coop, year) if page.coop else []


def _budget_chart(page: Page, lines: list[Any]) -> Any:
    data = [(b.source, b.year, b.available.cents, b.allocated.cents, b.spent.cents) for b in lines]
    return charts.budget_chart(data, page.say.money, page.say)


def _meetings_chart(page: Page) -> Any:
    """The chart and the rows (year, plenary meetings, meetings asked by the agreement in
    force that year, or None): the figures asked come from the library's compliance."""
    per_year = page.read.meetings_per_year(page.coop) if page.coop else {}
    years = sorted(per_year)
    coop = page.read.cooperation(page.coop) if page.coop else None
    required: dict[int, int | None] = {}
    if coop is not None:
        last = max([page.app.clock().year, *years])
        years = list(range(coop.founded_on.year, last + 1))
        required = {y.year: y.required_plenary_meetings for y in page.read.compliance(page.coop)}
    counts = [(y, int(per_year.get(y, {}).get("plenary", 0)), required.get(y)) for y in years]
    return charts.meetings_chart(counts, page.say), counts


def _commitments_now(page: Page) -> Any:
    """The commitments of the version in force, or None before an agreement is adopted."""
    if page.coop is None or not page.read.agreement_versions(page.coop):
        return None
    return page.read.agreement(page.coop).commitments


def _benefit_points(page: Page) -> list[tuple[Any, int, Decimal]]:
    records = page.read.benefit_records(page.coop) if page.coop else []
    totals: dict[Any, tuple[int, Decimal]] = {}
    euros, co2 = 0, Decimal(0)
    for record in records:
        euros += record.euros.cents
        co2 += record.co2_kg
        totals[record.period_end] = (euros, co2)
    return [(on, cents, kg) for on, (cents, kg) in totals.items()]


@page_get("/", name="home")
async def home(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    if page.coop is None and page.web.many:
        return page.render("cooperations.html", cooperations=page.read.cooperations(), message=_done_message(page))
    if page.coop is None:
        return page.render("empty.html")
    lines = _budget_lines(page)
    agreement = None
    try:
        agreement = page.read.agreement(page.coop)
    except BotuError:
        pass
    return page.render(
        "home.html",
        agreement=agreement,
        budget=lines,
        budget_chart=_budget_chart(page, lines),
        projects=page.read.projects(page.coop),
        parties=page.read.parties(page.coop),
        message=_done_message(page),
    )


@page_get("/agreement", name="agreement")
async def agreement_page(request: Request[Any, Any, Any], version: FromQuery[int | None] = None) -> Template:
    page = Page(request)
    coop = page.require_coop()
    versions = page.read.agreement_versions(coop)
    if not versions:
        return page.render("agreement.html", agreement=None, versions=[], diff=None, message=_done_message(page))
    view = page.read.agreement(coop, version)
    diff = None
    if view.version > 1:
        diff = diff_agreements(page.read.agreement(coop, view.version - 1), view)
    signed = page.viewer.party_id is not None and any(s.party_id == page.viewer.party_id for s in view.signatures)
    return page.render("agreement.html", agreement=view, versions=versions, diff=diff, signed=signed,
                       message=_done_message(page))


@page_get("/projects", name="projects")
async def projects_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    projects = page.read.projects(coop)
    series: dict[int, list[Any]] = defaultdict(list)
    for project in projects:
        series[project.series_year].append(project)
    return page.render("projects.html", series=sorted(series.items()), benefits=page.read.benefits(coop),
                       message=_done_message(page))


@page_get("/projects/{project_id:str}", name="project")
async def project_page(request: Request[Any, Any, Any], project_id: FromPath[str]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    try:
        project = page.read.project(coop, project_id)
    except NotFound:
        raise NotFoundException() from None
    allocations = [a for a in page.read.allocations(coop) if a.project_id == project.id]
    records = [r for r in page.read.benefit_records(coop) if r.project_id == project.id]
    # The Reader leaves out contact details this viewer may not see.
    contact = next((p for p in page.read.parties(coop) if p.id == project.contact_party_id), None)
    return page.render("project.html", project=project, allocations=allocations, records=records, contact=contact,
                       message=_done_message(page))


@page_get("/budget", name="budget")
async def budget_page(request: Request[Any, Any, Any], year: FromQuery[int | None] = None) -> Template:
    page = Page(request)
    coop = page.require_coop()
    lines = page.read.budget(coop, year)
    years = sorted({b.year for b in page.read.budget(coop)})
    return page.render("budget.html", budget=lines, years=years, year=year, chart=_budget_chart(page, lines),
                       allocations=page.read.allocations(coop, year), message=_done_message(page))


@page_get("/meetings", name="meetings")
async def meetings_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    chart, counts = _meetings_chart(page)
    meetings = sorted(page.read.meetings(coop), key=lambda m: m.held_on, reverse=True)
    return page.render("meetings.html", meetings=meetings, chart=chart, counts=counts,
                       commitments=_commitments_now(page), message=_done_message(page))


@page_get("/decisions", name="decisions")
async def decisions_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    decisions = page.read.decisions(coop)
    pending = [d for d in decisions if d.status == "pending"]
    taken = [d for d in decisions if d.status != "pending"]
    return page.render("decisions.html", pending=pending, taken=taken, message=_done_message(page))


@page_get("/disagreements", name="disagreements")
async def disagreements_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    meetings = {m.id: m for m in page.read.meetings(coop)}
    return page.render("disagreements.html", open_items=page.read.disagreements(coop, "open"),
                       resolved=page.read.disagreements(coop, "resolved"), meetings=meetings,
                       message=_done_message(page))


@page_get("/compliance", name="compliance")
async def compliance_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    chart, _counts = _meetings_chart(page)
    return page.render("compliance.html", years=page.read.compliance(coop), evaluations=page.read.evaluations(coop),
                       chart=chart, commitments=_commitments_now(page), message=_done_message(page))


@page_get("/benefits", name="benefits")
async def benefits_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    points = _benefit_points(page)
    chart = charts.benefits_chart(points, page.say.money, page.say.number, page.say.date, page.say)
    return page.render("benefits.html", benefits=page.read.benefits(coop), records=page.read.benefit_records(coop),
                       points=points, chart=chart)


@page_get("/parties", name="parties")
async def parties_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    return page.render("parties.html", parties=page.read.parties(coop), message=_done_message(page),
                       may_invite=page.viewer.may(p.INVITE_ACCOUNT))


# --- accounts -------------------------------------------------------------------------------


def _client(request: Request[Any, Any, Any]) -> str:
    return web_of(request).client_address(request)


def _refused(page: Page, template: str, error: WebError, **context: Any) -> Template:
    """The form again with the error; a wait says how long in Retry-After too."""
    response = page.render(template, status_code=error.status, error=error.message(page.lang), **context)
    if "seconds" in error.params:
        response.headers["retry-after"] = str(error.params["seconds"])
    return response


def _session_cookie(page: Page, secret: str | None) -> Cookie:
    secure = page.web.cookie_secure(page.request)
    if secret is None:
        return Cookie(key=SESSION_COOKIE, value="", max_age=0, httponly=True, samesite="lax", secure=secure)
    return Cookie(key=SESSION_COOKIE, value=secret, max_age=14 * 24 * 3600, httponly=True, samesite="lax", secure=secure)


@page_get("/login", name="login")
async def login_form(request: Request[Any, Any, Any], next: FromQuery[str | None] = None) -> Template:  # noqa: A002
    page = Page(request)
    return page.render("login.html", next=safe_next(next, page.url("/")), error=None, username="", message=_done_message(page))


@page_post("/login", name="login-post", status_code=HTTP_303_SEE_OTHER)
async def login(request: Request[Any, Any, Any]) -> Response[Any]:
    page = Page(request)
    form = await request.form()
    username = str(form.get("username", ""))[:200]
    password = str(form.get("password", ""))[:1000]
    target = safe_next(str(form.get("next", "/")), page.url("/"))
    client = _client(request)
    try:
        page.web.limiter.check(client, username)
        account = page.web.accounts.authenticate(username, password)
        if account is None:
            page.web.limiter.failed(client, username)
            raise WebError("auth.bad_login")
    except WebError as error:
        return _refused(page, "login.html", error, next=target, username=username)
    page.web.limiter.succeeded(client, username)
    secret = page.web.accounts.start_session(account.id)
    sep = "&" if "?" in target else "?"
    return Redirect(f"{target}{sep}done=login", status_code=HTTP_303_SEE_OTHER, cookies=[_session_cookie(page, secret)])


@page_post("/logout", name="logout", status_code=HTTP_303_SEE_OTHER)
async def logout(request: Request[Any, Any, Any]) -> Response[Any]:
    page = Page(request)
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        page.web.accounts.end_session(secret)
    return Redirect(page.url("/?done=logout"), status_code=HTTP_303_SEE_OTHER, cookies=[_session_cookie(page, None)])


@page_get("/register", name="register")
async def register_form(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    return page.render("register.html", error=None, username="")


@page_post("/register", name="register-post", status_code=HTTP_303_SEE_OTHER)
async def register(request: Request[Any, Any, Any]) -> Response[Any]:
    """Make a login (not a party yet): the person then joins as a party with the join form."""
    page = Page(request)
    form = await request.form()
    username = str(form.get("username", ""))[:200]
    password = str(form.get("password", ""))[:1000]
    client = _client(request)
    try:
        # Counted per address only: someone choosing a name is not guessing a password.
        page.web.limiter.check(client, None)
        name = check_username(username)
        check_password(password)
        if password != str(form.get("password2", "")):
            raise WebError("account.passwords_differ")
        account = page.web.accounts.create(name, password, kind="member")
    except WebError as error:
        if error.code != "auth.rate_limited":
            page.web.limiter.failed(client, None)
        return _refused(page, "register.html", error, username=username)
    secret = page.web.accounts.start_session(account.id)
    target = page.url("/join?done=account" if page.coop else "/?done=account")
    return Redirect(target, status_code=HTTP_303_SEE_OTHER, cookies=[_session_cookie(page, secret)])


@page_get("/account", name="account")
async def account_page(request: Request[Any, Any, Any]) -> Response[Any]:
    page = Page(request)
    if page.account is None:
        return Redirect(page.url("/login?next=" + page.url("/account")), status_code=HTTP_303_SEE_OTHER)
    tokens = page.web.accounts.tokens(page.account.id) if page.viewer.role == "coordinator" else []
    return page.render("account.html", tokens=tokens, new_token=None, message=_done_message(page))


@page_post("/account/tokens", name="token-create")
async def token_create(request: Request[Any, Any, Any]) -> Response[Any]:
    page = Page(request)
    if page.account is None:
        raise WebError("auth.required")
    if page.viewer.role != "coordinator":
        raise WebError("auth.forbidden")
    form = await request.form()
    _token_id, secret = page.web.accounts.create_token(page.account.id, str(form.get("label", ""))[:200])
    tokens = page.web.accounts.tokens(page.account.id)
    return page.render("account.html", status_code=201, tokens=tokens, new_token=secret, message="")


@page_post("/account/tokens/{token_id:int}/revoke", name="token-revoke", status_code=HTTP_303_SEE_OTHER)
async def token_revoke(request: Request[Any, Any, Any], token_id: FromPath[int]) -> Response[Any]:
    page = Page(request)
    if page.account is None:
        raise WebError("auth.required")
    if page.viewer.role != "coordinator":
        raise WebError("auth.forbidden")
    if not any(t.id == token_id for t in page.web.accounts.tokens(page.account.id)):
        raise WebError("token.unknown", ref=token_id)
    page.web.accounts.revoke_token(token_id)
    return Redirect(page.url("/account"), status_code=HTTP_303_SEE_OTHER)


# --- the forms that write -----------------------------------------------------------------------


def _form_values(page: Page, spec: FormSpec, form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields_for(spec, page.viewer.acts_for_others):
        if field.widget == "checkboxes":
            values[field.name] = [str(v) for v in form.getall(field.name, [])]
        elif field.widget == "checkbox":
            values[field.name] = form.get(field.name) in ("on", "true", "1", "yes")
        else:
            values[field.name] = str(form.get(field.name, ""))
    return values


def _render_form(page: Page, spec: FormSpec, values: dict[str, Any], error: str | None, status: int = 200,
                 field_error: str | None = None) -> Template:
    ctx = Ctx(page.read, page.require_coop(), page.viewer, page.say, values)
    fields = []
    for field in fields_for(spec, page.viewer.acts_for_others):
        value = values.get(field.name)
        if value is None and field.initial is not None:
            value = field.initial(ctx)
        options = field.options(ctx) if field.options else []
        fields.append({"spec": field, "value": value, "options": options})
    return page.render("form.html", status_code=status, spec=spec, fields=fields, error=error,
                       field_error=field_error)


def _guard(page: Page, spec: FormSpec, *, for_get: bool) -> Response[Any] | None:
    """Authorisation on every form route: anonymous people are sent to log in, others refused."""
    try:
        authorise(page.viewer, spec.command_name)
    except WebError as error:
        if for_get and not page.viewer.logged_in:
            return Redirect(page.url("/login?next=" + page.url(spec.path)), status_code=HTTP_303_SEE_OTHER)
        raise error from None
    if not page.viewer.offers(spec):
        joined = spec.command_name == "JoinParty" and not spec.for_others and page.viewer.role == "account"
        raise WebError("auth.already_party" if joined else "auth.forbidden")
    return None


def make_form_handlers(spec: FormSpec) -> list[Any]:
    async def show_form(request: Request[Any, Any, Any]) -> Response[Any]:
        page = Page(request)
        refused = _guard(page, spec, for_get=True)
        if refused is not None:
            return refused
        names = {f.name for f in fields_for(spec, page.viewer.acts_for_others)}
        values = {k: v for k, v in request.query_params.items() if k in names}
        message = _done_message(page)
        return _render_form(page, spec, values, None) if not message else _with_message(page, spec, values, message)

    async def send_form(request: Request[Any, Any, Any]) -> Response[Any]:
        page = Page(request)
        _guard(page, spec, for_get=False)
        coop = page.require_coop()
        form = await request.form()
        values = _form_values(page, spec, form)
        ctx = Ctx(page.read, coop, page.viewer, page.say)
        try:
            data = act_as_self(page.viewer, spec.command_name, form_to_data(spec, values, ctx))
            command = build_command(spec.command, complete_terms(page.read, coop, spec.command, data), page.lang)
            if spec.preview is not None and form.get("confirm") != "yes":
                if form.get("edit") == "yes":
                    return _render_form(page, spec, values, None)
                lines = spec.preview(page.app, coop, command, page.viewer.actor, page.say)
                return page.render("preview.html", spec=spec, values=values, lines=lines)
            result = page.app.execute(coop, command, actor=page.viewer.actor)
            if spec.key == "join" and page.account is not None and page.viewer.party_id is None:
                page.web.accounts.bind_party(page.account.id, coop, str(result))
        except BotuError as error:
            return _render_form(page, spec, values, error.message(page.lang), status_of(error))
        target = spec.back_for(values)
        return Redirect(page.url(f"{target}?done={spec.key}"), status_code=HTTP_303_SEE_OTHER)

    show_form.__name__ = f"form_{spec.key}"
    send_form.__name__ = f"send_{spec.key}"
    return [
        page_get(spec.path, name=f"form-{spec.key}")(show_form),
        page_post(spec.path, name=f"send-{spec.key}", status_code=HTTP_303_SEE_OTHER)(send_form),
    ]


def _with_message(page: Page, spec: FormSpec, values: dict[str, Any], message: str) -> Template:
    template = _render_form(page, spec, values, None)
    template.context["message"] = message
    return template


def page_handlers() -> list[Any]:
    handlers: list[Any] = [
        home, agreement_page, projects_page, project_page, budget_page, meetings_page, decisions_page,
        disagreements_page, compliance_page, benefits_page, parties_page,
        login_form, login, logout, register_form, register, account_page, token_create, token_revoke,
    ]
    for spec in FORMS:
        handlers.extend(make_form_handlers(spec))
    return handlers

"""Audit views: is the log unchanged, its head, the state as of a date, and why
the agreement changed — a page for everyone and JSON under /api/v1.

Only translation happens here: the checks are ``botu_core.audit`` (``app.audit``), and
every name of a person passes through the library's privacy ``Reader`` for the viewer
(anonymous visitors and auditors: the public rules). Nothing here writes: a GET never
makes a signing key; a signed head is shown only when the cooperation already has one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from uuid import UUID

from litestar import MediaType, Request, get
from litestar.params import FromPath, QueryParameter
from litestar.response import Response, Template

from botu_core import NotFound, Reader, to_json_data

from .api import READ_ERRORS, _coop, _reader, _web
from .pages import Page, _done_message, page_get
from .texts import WebError

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str) -> dt.date:
    """A date written as YYYY-MM-DD; anything else is refused with a clear message (400)."""
    text = value.strip()
    if DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise WebError("audit.bad_date", value=value[:40])


def verification(app: Any, coop: str) -> Any:
    return app.audit.verify(coop)


def signed_head(app: Any, coop: str, verdict: Any) -> Any:
    """The head signed with the cooperation's key — only when the log is intact and a key
    already exists (a GET must not make one)."""
    if not verdict.ok or verdict.head is None:
        return None
    if app.audit.signing_keys.load(UUID(str(verdict.cooperation_id))) is None:
        return None
    return app.audit.sign_head(coop)


def agreement_changes(app: Any, coop: str) -> list[Any]:
    """Each revision of the agreement compared with the version before, with its cause."""
    versions = app.agreement_versions(coop)
    return [app.audit.agreement_changes(coop, v - 1, v) for v in versions if v > 1]


def as_of_state(app: Any, read: Reader, coop: str, date: dt.date) -> dict[str, Any]:
    """What held on ``date``: the agreement version and who had signed it, the projects
    running, the budget left, the open disagreements. ``read`` gives the viewer's rules."""
    with app.as_of(coop, date=date) as past:
        state: dict[str, Any] = {"date": date, "position": past.position, "skipped": list(past.skipped),
                                 "exists": True, "agreement": None, "projects": [], "budget": [],
                                 "open_disagreements": []}
        rules = Reader(past, read.audience, read.viewer)
        try:
            rules.cooperation(coop)
        except NotFound:
            state["exists"] = False  # the cooperation was founded after that date
            return state
        try:
            state["agreement"] = rules.agreement(coop)
        except NotFound:
            pass  # no agreement adopted yet on that date
        state["projects"] = [p for p in rules.projects(coop) if p.status == "running"]
        state["budget"] = rules.budget(coop)
        state["open_disagreements"] = rules.disagreements(coop, "open")
        return state


# --- the page ------------------------------------------------------------------------------


@page_get("/audit", name="audit")
async def audit_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    app = page.app
    verdict = verification(app, coop)
    wanted = request.query_params.get("as_of")
    state = None
    error = None
    status = 200
    if wanted is not None and wanted.strip():
        try:
            state = as_of_state(app, page.read, coop, parse_date(wanted))
        except WebError as problem:
            error, status = problem.message(page.lang), problem.status
    return page.render(
        "audit.html",
        status_code=status,
        verdict=verdict,
        signed=signed_head(app, coop, verdict),
        changes=agreement_changes(app, coop) if verdict.ok else [],
        as_of=wanted or "",
        state=state,
        error=error,
        message=_done_message(page),
    )


# --- the API --------------------------------------------------------------------------------

TAGS_AUDIT = ["audit / controle"]
JSON = dict[str, Any]
DateText = Annotated[str, QueryParameter(description="JJJJ-MM-DD / YYYY-MM-DD", min_length=1, max_length=40)]


def _api_reader(request: Request[Any, Any, Any], coop: str) -> tuple[Any, str, Reader]:
    coop_id = _coop(request, coop)
    read = _reader(request, coop_id)
    return _web(request).app, coop_id, read


@get("/api/v1/cooperations/{coop:str}/audit/verify", tags=TAGS_AUDIT, responses=READ_ERRORS, sync_to_thread=False)
def api_audit_verify(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSON:
    """Recompute the chain over the stored events: ok, events checked, the first bad
    position and what is wrong there (Dutch and English)."""
    app, coop_id, _read = _api_reader(request, coop)
    result: JSON = to_json_data(verification(app, coop_id).to_dict())
    return result


@get("/api/v1/cooperations/{coop:str}/audit/head", tags=TAGS_AUDIT, responses=READ_ERRORS, sync_to_thread=False)
def api_audit_head(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSON:
    """The head of the log (position and digest) to publish; signed, with the public
    key, when the cooperation has a signing key. Refused for a damaged log."""
    app, coop_id, _read = _api_reader(request, coop)
    head = app.audit.head(coop_id)
    signed = signed_head(app, coop_id, verification(app, coop_id))
    return {
        "position": head.position,
        "digest": head.digest,
        "short": head.short,
        "public_key": signed.public_key if signed is not None else None,
        "signed": signed.to_dict() if signed is not None else None,
    }


@get("/api/v1/cooperations/{coop:str}/audit/as-of", tags=TAGS_AUDIT, responses=READ_ERRORS, sync_to_thread=False)
def api_audit_as_of(request: Request[Any, Any, Any], coop: FromPath[str], date: DateText) -> JSON:
    """The state as of a date: the agreement version that held and who had signed it,
    the projects running, the budget left, the open disagreements."""
    app, coop_id, read = _api_reader(request, coop)
    state = as_of_state(app, read, coop_id, parse_date(date))
    result: JSON = to_json_data(state)
    return result


def _checkpoint_text(app: Any, coop: str) -> Response[str]:
    """The latest signed checkpoint as the note itself (c2sp.org/tlog-checkpoint); a GET
    signs nothing: the operator makes checkpoints with ``botu audit checkpoint``."""
    note = app.audit.latest_checkpoint(coop)
    if note is None:
        raise NotFound("audit.no_checkpoint")
    return Response(note.text(), media_type="text/plain; charset=utf-8", headers={"cache-control": "no-cache"})


@get("/audit/checkpoint", name="audit_checkpoint", sync_to_thread=False, include_in_schema=False, media_type=MediaType.TEXT)
def audit_checkpoint(request: Request[Any, Any, Any]) -> Response[str]:
    """The stable address of the cooperation's latest checkpoint, for witnesses and auditors."""
    page = Page(request)
    return _checkpoint_text(page.app, page.require_coop())


@get("/api/v1/cooperations/{coop:str}/audit/checkpoint", tags=TAGS_AUDIT, responses=READ_ERRORS, sync_to_thread=False,
     media_type=MediaType.TEXT)
def api_audit_checkpoint(request: Request[Any, Any, Any], coop: FromPath[str]) -> Response[str]:
    """The latest signed checkpoint of one cooperation, as a C2SP signed note (text)."""
    app, coop_id, _read = _api_reader(request, coop)
    return _checkpoint_text(app, coop_id)


def audit_handlers() -> list[Any]:
    """The audit page and its JSON routes (registered by ``create_app``)."""
    return [audit_page, api_audit_verify, api_audit_head, api_audit_as_of, audit_checkpoint, api_audit_checkpoint]

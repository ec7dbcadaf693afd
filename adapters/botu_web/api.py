"""The JSON API under /api/v1: every command and every query of the library.

- Authentication: ``Authorization: Bearer <token>`` (tokens from ``botu token create``
  or the account page). Queries are public; commands need a token whose role may give them.
- Errors: ``{"code", "message", "message_nl", "message_en"}`` with HTTP 400 for input
  that cannot be read, 422 for a refused rule (or something named that does not
  exist), 401/403 for authentication and authorisation, 409 for a write conflict,
  503 when the store cannot be reached.
- Amounts and decimal numbers are strings in the request's language: Dutch unless
  ``?lang=en`` or ``Accept-Language: en`` ("12.500,00", "12500", "14200,5"); in English
  "12,500.00", "14200.5", and so also the plain form the API writes ("12500.00"). Text
  that is not well-formed in that language is refused (400); no text is a valid amount
  in both languages with two different values, so a wrong language never misreads one.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Request, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from botu_core import BotuError, InvalidInput, Reader, diff_agreements, parse_json, to_json_data

from .auth import Viewer, act_as_self, authorise
from .commands import BODY_TYPES, NAME_OF, body_to_data, build_command, complete_terms
from .texts import WebError
from .web import Web, pick_lang


class ErrorBody(msgspec.Struct):
    code: str
    message: str
    message_nl: str
    message_en: str


class Created(msgspec.Struct):
    id: str | None


class Me(msgspec.Struct):
    role: str
    username: str | None
    party_id: str | None


def _error(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=ErrorBody, description=description)


READ_ERRORS = {
    400: _error("Input that cannot be read / onleesbare invoer"),
    401: _error("Token not right / sleutel klopt niet"),
    422: _error("Refused by a rule, or not found / geweigerd door een regel, of niet gevonden"),
    503: _error("Store cannot be reached / opslag niet bereikbaar"),
}
WRITE_ERRORS = {
    **READ_ERRORS,
    403: _error("Role may not do this / rol mag dit niet"),
    409: _error("Someone else wrote at the same time / tegelijk geschreven"),
}

# Bounded numbers in the query, so nothing out of range reaches the database.
Version = Annotated[int, QueryParameter(ge=1, le=100_000)]
Year = Annotated[int, QueryParameter(ge=2000, le=2100)]
OptionalVersion = Annotated[int | None, QueryParameter(ge=1, le=100_000)]
OptionalYear = Annotated[int | None, QueryParameter(ge=2000, le=2100)]

JSON = dict[str, Any]
JSONList = list[dict[str, Any]]


def _web(request: Request[Any, Any, Any]) -> Web:
    web: Web = request.app.state.web
    return web


def _viewer(request: Request[Any, Any, Any], coop: str | None) -> Viewer:
    web = _web(request)
    account = web.token_account(request)
    return web.viewer(account, coop)


def _coop(request: Request[Any, Any, Any], coop: FromPath[str]) -> str:
    return str(_web(request).app.resolve(coop))


def _reader(request: Request[Any, Any, Any], coop_id: str | None) -> Reader:
    """The library's queries under its privacy rules for whoever holds the token
    (no token: an anonymous visitor, who sees no personal data)."""
    return _viewer(request, coop_id).reader(_web(request).app)


# --- queries -------------------------------------------------------------------------------

TAGS_QUERIES = ["queries / opvragen"]
TAGS_COMMANDS = ["commands / opdrachten"]


@get("/api/v1/me", tags=["accounts"], responses=READ_ERRORS, sync_to_thread=False)
def me(request: Request[Any, Any, Any]) -> Me:
    viewer = _viewer(request, _web(request).coop_id(request))
    return Me(viewer.role, viewer.account.username if viewer.account else None, viewer.party_id)


@get("/api/v1/cooperations", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_cooperations(request: Request[Any, Any, Any]) -> JSONList:
    result: JSONList = to_json_data(_reader(request, None).cooperations())
    return result


@get("/api/v1/cooperations/{coop:str}", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_cooperation(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSON:
    result: JSON = to_json_data(_reader(request, None).cooperation(coop))
    return result


@get("/api/v1/cooperations/{coop:str}/parties", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_parties(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).parties(coop_id))
    return result


@get("/api/v1/cooperations/{coop:str}/parties/{party:str}", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_party(request: Request[Any, Any, Any], coop: FromPath[str], party: FromPath[str]) -> JSON:
    coop_id = _coop(request, coop)
    result: JSON = to_json_data(_reader(request, coop_id).party(coop_id, party))
    return result


@get("/api/v1/cooperations/{coop:str}/agreement", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_agreement(request: Request[Any, Any, Any], coop: FromPath[str], version: OptionalVersion = None) -> JSON:
    coop_id = _coop(request, coop)
    result: JSON = to_json_data(_reader(request, coop_id).agreement(coop_id, version))
    return result


@get("/api/v1/cooperations/{coop:str}/agreement/versions", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_agreement_versions(request: Request[Any, Any, Any], coop: FromPath[str]) -> list[int]:
    coop_id = _coop(request, coop)
    return list(_reader(request, coop_id).agreement_versions(coop_id))


@get("/api/v1/cooperations/{coop:str}/agreement/diff", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_agreement_diff(request: Request[Any, Any, Any], coop: FromPath[str], from_version: Version, to_version: Version) -> JSON:
    coop_id = _coop(request, coop)
    read = _reader(request, coop_id)
    result: JSON = to_json_data(diff_agreements(read.agreement(coop_id, from_version), read.agreement(coop_id, to_version)))
    return result


@get("/api/v1/cooperations/{coop:str}/projects", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_projects(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).projects(coop_id))
    return result


@get("/api/v1/cooperations/{coop:str}/projects/{project:str}", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_project(request: Request[Any, Any, Any], coop: FromPath[str], project: FromPath[str]) -> JSON:
    coop_id = _coop(request, coop)
    result: JSON = to_json_data(_reader(request, coop_id).project(coop_id, project))
    return result


@get("/api/v1/cooperations/{coop:str}/budget", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_budget(request: Request[Any, Any, Any], coop: FromPath[str], year: OptionalYear = None) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).budget(coop_id, year))
    return result


@get("/api/v1/cooperations/{coop:str}/allocations", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_allocations(request: Request[Any, Any, Any], coop: FromPath[str], year: OptionalYear = None) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).allocations(coop_id, year))
    return result


@get("/api/v1/cooperations/{coop:str}/meetings", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_meetings(request: Request[Any, Any, Any], coop: FromPath[str], year: OptionalYear = None) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).meetings(coop_id, year))
    return result


@get("/api/v1/cooperations/{coop:str}/meetings-per-year", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_meetings_per_year(request: Request[Any, Any, Any], coop: FromPath[str]) -> dict[str, dict[str, int]]:
    coop_id = _coop(request, coop)
    return {str(year): counts for year, counts in _reader(request, coop_id).meetings_per_year(coop_id).items()}


@get("/api/v1/cooperations/{coop:str}/decisions", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_decisions(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).decisions(coop_id))
    return result


@get("/api/v1/cooperations/{coop:str}/disagreements", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_disagreements(request: Request[Any, Any, Any], coop: FromPath[str], status: FromQuery[str | None] = None) -> JSONList:
    coop_id = _coop(request, coop)
    read = _reader(request, coop_id)
    if status is not None and status not in ("open", "resolved"):
        raise InvalidInput("input.invalid_choice", value=status, field="status", choices="open, resolved")
    result: JSONList = to_json_data(read.disagreements(coop_id, status))
    return result


@get("/api/v1/cooperations/{coop:str}/evaluations", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_evaluations(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSONList:
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).evaluations(coop_id))
    return result


@get("/api/v1/cooperations/{coop:str}/benefits", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_benefits(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSON:
    coop_id = _coop(request, coop)
    read = _reader(request, coop_id)
    result: JSON = to_json_data(read.benefits(coop_id))
    result["records"] = to_json_data(read.benefit_records(coop_id))
    return result


@get("/api/v1/cooperations/{coop:str}/compliance", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_compliance(request: Request[Any, Any, Any], coop: FromPath[str], year: OptionalYear = None) -> JSONList:
    coop_id = _coop(request, coop)
    read = _reader(request, coop_id)
    if year is not None and not 2000 <= year <= 2100:
        raise InvalidInput("input.invalid_year", value=year)
    result: JSONList = to_json_data(read.compliance(coop_id, year))
    return result


@get("/api/v1/cooperations/{coop:str}/log", tags=TAGS_QUERIES, responses={**READ_ERRORS, 403: WRITE_ERRORS[403]},
     sync_to_thread=False)
def api_log(
    request: Request[Any, Any, Any], coop: FromPath[str], since: FromQuery[dt.date | None] = None, until: FromQuery[dt.date | None] = None
) -> JSONList:
    """The whole log: only for coordinators and auditors, with personal data by the same
    rules as the other queries (an auditor sees no names of people, no free text of
    people, no contact details)."""
    coop_id = _coop(request, coop)
    viewer = _viewer(request, coop_id)
    if viewer.role not in ("coordinator", "auditor"):
        raise WebError("auth.required" if not viewer.logged_in else "auth.forbidden")
    result: JSONList = to_json_data(viewer.reader(_web(request).app).log(coop_id, since=since, until=until))
    return result


# --- commands ------------------------------------------------------------------------------------


def _command_guard(command_name: str) -> Any:
    """Authorisation before the body is read: anonymous callers learn nothing about the input."""

    def guard(connection: Any, _handler: Any) -> None:
        web: Web = connection.app.state.web
        account = web.token_account(connection)
        coop_id: str | None
        try:
            coop_id = str(web.app.resolve(connection.path_params.get("coop")))
        except BotuError:
            coop_id = None  # the handler says the cooperation is unknown, after authentication
        viewer = web.viewer(account, coop_id)
        if not viewer.logged_in or coop_id is not None:
            authorise(viewer, command_name)

    return guard


async def _check_body(request: Request[Any, Any, Any]) -> None:
    """Read the body through the library first, so one nested too deep (or not UTF-8, or not
    JSON) is refused with its code instead of reaching the decoder's recursion. Runs after
    the guard (anonymous callers learn nothing about the input); the body stays in the
    scope for the decoding that follows."""
    parse_json(await request.body())


def _command_handler(cls: type) -> Any:
    body_type = BODY_TYPES[cls]
    name = NAME_OF[cls]

    def handler(request: Request[Any, Any, Any], coop: FromPath[str], data: Any) -> Created:
        web = _web(request)
        coop_id = str(web.app.resolve(coop))
        viewer = _viewer(request, coop_id)
        authorise(viewer, cls.__name__)
        payload = act_as_self(viewer, cls.__name__, body_to_data(data))
        command = build_command(cls, complete_terms(_reader(request, coop_id), coop_id, cls, payload),
                                pick_lang(request))
        result = web.app.execute(coop_id, command, actor=viewer.actor)
        if cls.__name__ == "JoinParty" and viewer.role == "account" and viewer.account is not None:
            web.accounts.bind_party(viewer.account.id, coop_id, str(result))
        return Created(result)

    handler.__name__ = f"command_{name.replace('-', '_')}"
    handler.__doc__ = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
    # Made at run time, so Litestar reads each command's own body type (for validation and OpenAPI).
    handler.__annotations__ = {"request": Request, "coop": FromPath[str],
                               "data": JSONBody[body_type],  # type: ignore[valid-type,misc]
                               "return": Created}
    return post(
        f"/api/v1/cooperations/{{coop:str}}/commands/{name}",
        tags=TAGS_COMMANDS,
        responses=WRITE_ERRORS,
        status_code=201,
        sync_to_thread=False,
        summary=cls.__name__,
        guards=[_command_guard(cls.__name__)],
        before_request=_check_body,
    )(handler)


def api_handlers() -> list[Any]:
    handlers: list[Any] = [
        me, api_cooperations, api_cooperation, api_parties, api_party, api_agreement, api_agreement_versions,
        api_agreement_diff, api_projects, api_project, api_budget, api_allocations, api_meetings,
        api_meetings_per_year, api_decisions, api_disagreements, api_evaluations, api_benefits, api_compliance,
        api_log,
    ]
    handlers.extend(_command_handler(cls) for cls in BODY_TYPES)
    return handlers

"""Following the log over HTTP: pages of log records after a position, and a live stream.

- ``GET /api/v1/cooperations/{coop}/log/entries?after=N&limit=M``: the records after
  position N, at most M, as ``{"entries": [...], "next": P}``; ask again with
  ``after=P`` to go on (``next`` stays N when nothing new came).
- ``GET /api/v1/cooperations/{coop}/log/stream?after=N``: the same records as
  Server-Sent Events (``event: entry``, ``id:`` the position, ``data:`` the record as
  JSON), new ones as they are recorded. A browser's ``EventSource`` that reconnects
  sends ``Last-Event-ID`` and goes on from there. ``limit`` ends the stream after that
  many records.

Personal data shows as the caller may see it in that cooperation (the library
decides): a token (``Authorization: Bearer``) or a logged-in session; no one
logged in sees what the public sees.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

import msgspec
from litestar import Request, get
from litestar.params import FromPath, HeaderParameter, QueryParameter
from litestar.response import ServerSentEvent
from litestar.response.sse import ServerSentEventMessage

from botu_core import InvalidInput, LogRecord, Reader, to_json_data

from .api import READ_ERRORS, TAGS_QUERIES
from .web import Web

Position = Annotated[int, QueryParameter(ge=0, le=2**62)]
Limit = Annotated[int, QueryParameter(ge=1, le=1000)]
OptionalLimit = Annotated[int | None, QueryParameter(ge=1, le=1_000_000)]
KEEP_ALIVE_SECONDS = 15.0  # a comment this often keeps proxies from closing a quiet stream


class LogPage(msgspec.Struct):
    entries: list[dict[str, Any]]
    next: int


def _web(request: Request[Any, Any, Any]) -> Web:
    web: Web = request.app.state.web
    return web


def _reader(request: Request[Any, Any, Any], coop: str) -> tuple[str, Reader]:
    """The cooperation's id, and the queries as whoever asks may see them there."""
    web = _web(request)
    coop_id = str(web.app.resolve(coop))
    account = web.token_account(request) or web.session_account(request)
    return coop_id, web.viewer(account, coop_id).reader(web.app)


def _records(request: Request[Any, Any, Any], coop: str, after: int, **kwargs: Any) -> Iterator[LogRecord]:
    coop_id, reader = _reader(request, coop)
    return _web(request).app.follow(after, cooperation=coop_id, audience=reader.audience, viewer=reader.viewer,
                                    **kwargs)


@get("/api/v1/cooperations/{coop:str}/log/entries", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=True)
def log_entries(request: Request[Any, Any, Any], coop: FromPath[str], after: Position = 0, limit: Limit = 100) -> LogPage:
    """The log's records after position ``after``, with the cursor to ask for the next page."""
    entries = list(_records(request, coop, after, limit=limit))
    return LogPage([to_json_data(e) for e in entries], entries[-1].position if entries else after)


@get("/api/v1/cooperations/{coop:str}/log/stream", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def log_stream(
    request: Request[Any, Any, Any],
    coop: FromPath[str],
    after: Position = 0,
    limit: OptionalLimit = None,
    last_event_id: Annotated[str | None, HeaderParameter(name="last-event-id")] = None,
) -> ServerSentEvent:
    """The log's records after position ``after`` as Server-Sent Events, new ones as they come."""
    if last_event_id is not None:
        if not last_event_id.isdigit():
            raise InvalidInput("follow.invalid_position", value=last_event_id)
        after = max(after, int(last_event_id))
    coop_id, reader = _reader(request, coop)  # before the stream starts: errors are still plain responses
    app = _web(request).app
    app.follow(after, cooperation=coop_id, limit=limit)  # checks the arguments at once

    def stream() -> Iterator[ServerSentEventMessage]:
        position, left = after, limit
        while left is None or left > 0:
            came = False
            for record in app.follow(position, cooperation=coop_id, audience=reader.audience, viewer=reader.viewer,
                                     wait=True, limit=left, timeout=KEEP_ALIVE_SECONDS):
                came, position = True, record.position
                left = None if left is None else left - 1
                yield ServerSentEventMessage(data=json.dumps(to_json_data(record)), event="entry", id=position)
            if not came:
                yield ServerSentEventMessage(comment="wacht / waiting")

    return ServerSentEvent(stream(), headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def log_handlers() -> list[Any]:
    return [log_entries, log_stream]

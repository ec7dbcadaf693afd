"""Witnesses hand in their cosignatures over the web: ``POST`` the cosigned checkpoint note
(or only its signature lines, for the checkpoint published at ``/audit/checkpoint``) as
text. No login: the cosignature itself says who signed, and the library keeps it only
when it is a valid signature of a witness registered for the cooperation, over a
checkpoint the log still holds. Everything is decided by ``app.audit.add_cosignatures``.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, post
from litestar.params import FromPath

from botu_core import MAX_SUBMISSION_BYTES

from .api import READ_ERRORS, _coop, _web
from .audit_web import TAGS_AUDIT

JSON = dict[str, Any]


async def _capped_body(request: Request[Any, Any, Any]) -> bytes:
    """At most one byte more than the library takes, so a huge body is never held in memory
    (the library refuses what is too long, with its code)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_SUBMISSION_BYTES:
            break
    return body[: MAX_SUBMISSION_BYTES + 1]


@post("/api/v1/cooperations/{coop:str}/audit/cosignatures", tags=TAGS_AUDIT, responses=READ_ERRORS, status_code=200,
      summary="Submit a witness's cosignature / meetekenen als getuige")
async def api_submit_cosignatures(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSON:
    """Hand in a witness's cosignature (c2sp.org/tlog-cosignature), text/plain: the
    cosigned checkpoint note, or only its signature lines for the latest checkpoint."""
    body = await _capped_body(request)
    app = _web(request).app
    accepted = app.audit.add_cosignatures(_coop(request, coop), body)
    return {"size": accepted.size, "witnesses": list(accepted.witnesses), "checkpoint": accepted.note.text()}


def witness_handlers() -> list[Any]:
    return [api_submit_cosignatures]

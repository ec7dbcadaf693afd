"""A witness hands in its cosignature over the web: POST the cosigned checkpoint (text).
The library decides; a refusal is a coded error in Dutch and English and keeps nothing."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

from botu_core.audit import MAX_SUBMISSION_BYTES
from botu_core.audit.notes import Checkpoint, sign_checkpoint
from botu_core.audit.witness import Witness, create_key, load_key

COOP = "/api/v1/cooperations/botu"
ROUTE = f"{COOP}/audit/cosignatures"
NAME = "woningcorporatie.example/getuige"
NOW = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())
TEXT = {"content-type": "text/plain; charset=utf-8"}


def witness(folder: Path, name: str = NAME, state: str = "state.json") -> Witness:
    key = folder / f"{name.replace('/', '_')}.pem"
    return Witness(name, load_key(key) if key.exists() else create_key(key), folder / state)


def kept(app: Any) -> tuple[list[str], int]:
    return [n.text() for n in app.audit.checkpoints.all(app.audit.resolve("botu"))], app.audit.tree_size("botu")


def refused(client: Any, app: Any, body: bytes | str, code: str) -> None:
    before = kept(app)
    response = client.post(ROUTE, content=body, headers=TEXT)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["code"] == code and error["message_nl"] and error["message_en"] and error["message_nl"] != error["message_en"]
    assert kept(app) == before
    assert client.get(f"{COOP}/audit/verify").json()["witnesses"] == []


def test_a_witness_cosigns_the_published_checkpoint_over_the_web(make_client: Any, app_of: Any, tmp_path: Path) -> None:
    client = make_client()  # no login: the cosignature says who signed
    party = witness(tmp_path)
    app_of.audit.add_witness("botu", NAME, party.public_key)
    app_of.audit.checkpoint("botu")
    published = client.get("/audit/checkpoint").text
    log_key = app_of.audit.public_key("botu")
    cosigned = party.cosign(published, None, log_key=log_key, timestamp=NOW).text()
    response = client.post(ROUTE, content=cosigned, headers=TEXT)
    assert response.status_code == 200, response.text
    size = app_of.audit.tree_size("botu")
    assert response.json() == {"size": size, "witnesses": [NAME], "checkpoint": cosigned}
    assert client.get("/audit/checkpoint").text == cosigned
    verdict = client.get(f"{COOP}/audit/verify").json()
    assert verdict["ok"] and verdict["witnesses"] == [{"name": NAME, "size": size}]


def test_refusals_keep_nothing(make_client: Any, app_of: Any, tmp_path: Path) -> None:
    client = make_client()
    party = witness(tmp_path)
    app_of.audit.add_witness("botu", NAME, party.public_key)
    note = app_of.audit.checkpoint("botu")
    log_key = app_of.audit.public_key("botu")
    stranger = witness(tmp_path, "onbekend.example/getuige", "stranger.json")
    refused(client, app_of, stranger.cosign(note.text(), None, log_key=log_key, timestamp=NOW).text(),
            "audit.cosignature_unknown_witness")
    good = party.cosign(note.text(), None, log_key=log_key, timestamp=NOW).text()
    line = good.rstrip("\n").split("\n")[-1]
    dash, name, blob = line.split(" ")
    raw = bytearray(base64.b64decode(blob))
    raw[20] ^= 0x10
    refused(client, app_of, f"{dash} {name} {base64.b64encode(bytes(raw)).decode()}\n", "audit.cosignature_invalid")
    origin = app_of.audit.origin("botu")
    size = note.checkpoint.size
    fork = sign_checkpoint(Checkpoint(origin, size, bytes(range(32))), origin,
                           app_of.audit.signing_keys.create(app_of.audit.resolve("botu")))
    forked = witness(tmp_path, NAME, "fork.json").cosign(fork.text(), None, log_key=log_key, timestamp=NOW).text()
    refused(client, app_of, forked, "audit.cosignature_forked")
    refused(client, app_of, good + "x" * (4 * MAX_SUBMISSION_BYTES), "audit.cosignature_too_large")
    # The good one is still accepted afterwards.
    assert client.post(ROUTE, content=good, headers=TEXT).status_code == 200


def test_the_route_is_in_the_openapi_schema(make_client: Any) -> None:
    paths = make_client().get("/schema/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/cooperations/{coop}/audit/cosignatures"]

"""Personal data at rest: the per-person keys are wrapped by a key kept outside the store,
and the read models hold no contact details (nor names or texts of people) in plain text.

A copied database file (or a dump of the PostgreSQL schema) alone reveals nobody.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import create_engine, select, text

import botu_testing
from botu_core import (
    ChangePartyDetails,
    Cooperations,
    ForgetParty,
    GiveOpinion,
    JoinParty,
    PartyKind,
    RaiseDisagreement,
    SignAgreement,
    Stance,
    StoreError,
    settings_from_url,
)
from botu_core.examples.botu_2021 import load_botu_2021
from botu_core.serialization import to_json_data
from factories import cooperation

FIXTURES = Path(__file__).parents[1] / "fixtures"
OLD_STORE = FIXTURES / "store_2026_12_unwrapped_keys.db"
OLD_ANSWERS = FIXTURES / "store_2026_12_unwrapped_keys_expected.json"


def record_people(app: Cooperations) -> str:
    """The example history of 2021, and people with phone and e-mail, consenting and not."""
    coop = load_botu_2021(app)
    sanne = app.execute(coop, JoinParty(name="Sanne Oosterhout", kind=PartyKind.RESIDENT, phone="06 4826 1937",
                                        email="sanne.oosterhout@voorbeeld.nl", share_contact=True))
    karim = app.execute(coop, JoinParty(name="Karim Benali", kind=PartyKind.RESIDENT, phone="06 7391 5528",
                                        email="karim.benali@voorbeeld.nl", share_contact=False))
    app.execute(coop, JoinParty(name="Stichting Groene Daken", kind=PartyKind.INITIATIVE, phone="010 482 9917",
                                email="post@groenedaken.example", share_contact=False))
    app.execute(coop, ChangePartyDetails(party=str(karim), phone="06 7391 5529", email="k.benali@voorbeeld.nl"))
    app.execute(coop, SignAgreement(party=str(sanne), note="Sanne tekent voor haar straat", capacity="bewoner"))
    return coop


def secrets_of(app: Cooperations, coop: str) -> set[str]:
    """Every phone number and e-mail address the store holds, and people's names."""
    found: set[str] = set()
    for p in botu_testing.parties_in_full(app, coop):
        found |= {p.phone or "", p.email or ""}
        if p.kind == "resident":
            found.add(p.name)
    found.discard("")
    return found


def assert_none_in(secrets: set[str], blob: bytes, where: str) -> None:
    for secret in secrets:
        forms = {secret, secret.replace(" ", "")}
        for form in forms:
            for encoded in (form.encode("utf-8"), form.encode("utf-16-le")):
                assert encoded not in blob, f"{secret!r} is readable in {where}"


def sqlite_files(db: Path) -> bytes:
    return b"".join(db.with_name(db.name + suffix).read_bytes()
                    for suffix in ("", "-wal", "-shm") if db.with_name(db.name + suffix).exists())


def raw_store(url: str) -> bytes:
    """Every byte a thief who copies the store gets: the SQLite file with its WAL and
    shared-memory files, or a dump of the PostgreSQL schema (bytea decoded)."""
    settings = settings_from_url(url)
    if settings.path is not None:
        return sqlite_files(settings.path)
    dump = subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-n", str(settings.schema), "test"],
        capture_output=True, check=True, env={**os.environ, "PGPASSWORD": ""},
    ).stdout
    decoded = b"".join(bytes.fromhex(h.decode()) for h in re.findall(rb"\\\\x([0-9a-f]+)", dump))
    assert b"rm_parties" in dump
    return dump + decoded


def stored_keys(url: str) -> dict[str, bytes]:
    """The rows of the key table as they are on disk: subject -> stored bytes."""
    engine = create_engine(settings_from_url(url).sqlalchemy_url, connect_args=_schema(url))
    try:
        with engine.connect() as conn:
            return {r[0]: bytes(r[1]) for r in conn.execute(text("SELECT subject_id, key FROM botu_subject_keys"))}
    finally:
        engine.dispose()


def _schema(url: str) -> dict[str, Any]:
    schema = settings_from_url(url).schema
    return {"options": f"-csearch_path={schema}"} if schema else {}


def test_no_phone_email_or_name_of_a_person_is_readable_in_the_stored_bytes(open_app: Any, store_url: str) -> None:
    app = open_app()
    coop = record_people(app)
    secrets = secrets_of(app, coop)
    assert {"06 7391 5529", "k.benali@voorbeeld.nl", "fatima@example.nl", "Karim Benali"} <= secrets
    # Read while open: on SQLite the WAL and shared-memory files hold the latest pages.
    botu_testing.parties_in_full(app, coop)
    assert_none_in(secrets, raw_store(store_url), "the store while it is open")
    app.rebuild_read_models()
    assert_none_in(secrets, raw_store(store_url), "the store after a rebuild")
    app.close()
    assert_none_in(secrets, raw_store(store_url), "the store after closing")


def test_the_queries_still_answer_with_the_contacts_and_a_rebuild_gives_the_same(open_app: Any) -> None:
    app = open_app()
    coop = record_people(app)
    karim = next(p for p in botu_testing.parties_in_full(app, coop) if p.name == "Karim Benali")
    assert (karim.phone, karim.email, karim.share_contact) == ("06 7391 5529", "k.benali@voorbeeld.nl", False)
    assert next(p for p in app.view_as("member").parties(coop) if p.id == karim.id).phone is None  # no consent: not shown
    member = app.view_as("member")
    assert next(p for p in member.parties(coop) if p.name == "Sanne Oosterhout").email == "sanne.oosterhout@voorbeeld.nl"
    before = answers(app, coop)
    tables = app.read_models.dump()
    app.rebuild_read_models()
    assert answers(app, coop) == before
    assert app.read_models.dump() == tables
    # Another process reading the same store sees the same.
    other = open_app()
    assert answers(other, coop) == before


def answers(app: Cooperations, coop: str) -> dict[str, Any]:
    return {
        "parties": [to_json_data(p) for p in botu_testing.parties_in_full(app, coop)],
        "agreement": to_json_data(app.view_as("member").agreement(coop)),
        "decisions": [to_json_data(d) for d in app.view_as("member").decisions(coop)],
        "disagreements": [to_json_data(d) for d in app.view_as("member").disagreements(coop)],
        "projects": [to_json_data(p) for p in app.view_as("member").projects(coop)],
    }


def test_the_stored_keys_open_nothing_without_the_key_encryption_key(open_app: Any, store_url: str) -> None:
    app = open_app()
    ids = cooperation(app)
    person = str(app.execute(ids["coop"], JoinParty(name="Noor Visser", kind=PartyKind.RESIDENT, phone="06 5555 0101")))
    stored = stored_keys(store_url)[person]
    event = next(e for e in app.recorder.select_events(app.resolve(ids["coop"])) if e.topic == "PartyJoined"
                 and person.encode() in e.state)
    sealed = json.loads(event.state)["event"]["phone"]
    raw = base64.b64decode(sealed["ciphertext"])
    aad = f"botu-personal-v1|{ids['coop']}|{event.originator_version}|PartyJoined|phone|{person}".encode()
    # The bytes in the key table, however cut, are no AES key that opens the person's data.
    for candidate in {stored[:32], stored[-32:], stored[12:44]}:
        with pytest.raises((InvalidTag, ValueError)):
            AESGCM(candidate).decrypt(raw[:12], raw[12:], aad)
    # The application, with the key-encryption key, does read it.
    assert botu_testing.party_in_full(app, ids["coop"], person).phone == "06 5555 0101"
    assert AESGCM(app.keys.get(ids["coop"], person) or b"").decrypt(raw[:12], raw[12:], aad) == b"06 5555 0101"


def test_the_key_file_is_made_on_first_use_readable_by_its_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    app = Cooperations(str(db), clock=botu_testing.fixed_clock)
    app.close()
    key_file = tmp_path / "botu.db.key"
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(base64.b64decode(key_file.read_text(encoding="ascii").strip())) == 32
    made = key_file.read_bytes()
    Cooperations(str(db), clock=botu_testing.fixed_clock).close()
    assert key_file.read_bytes() == made  # kept, never replaced


def test_the_key_can_live_elsewhere_or_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "secret" / "botu.key"
    monkeypatch.setenv("BOTU_KEY_FILE", str(elsewhere))
    db = tmp_path / "botu.db"
    app = Cooperations(str(db), clock=botu_testing.fixed_clock)
    ids = cooperation(app)
    app.close()
    assert elsewhere.exists() and not (tmp_path / "botu.db.key").exists()
    monkeypatch.delenv("BOTU_KEY_FILE")
    monkeypatch.setenv("BOTU_KEY", elsewhere.read_text(encoding="ascii").strip())
    again = Cooperations(str(db), clock=botu_testing.fixed_clock)
    assert again.view_as("member").party(ids["coop"], ids["ann"]).name == "Ann"
    again.close()
    assert not (tmp_path / "botu.db.key").exists()  # a key given in the environment makes no file


def _record_and_close(url: str) -> str:
    app = Cooperations(url, clock=botu_testing.fixed_clock)
    ids = cooperation(app)
    app.close()
    return ids["coop"]


def test_a_missing_key_is_a_clear_error_and_no_new_key_is_made(store_url: str) -> None:
    _record_and_close(store_url)
    key_file = settings_from_url(store_url).key_file
    assert key_file is not None and key_file.exists()
    key_file.unlink()
    with pytest.raises(StoreError) as raised:
        Cooperations(store_url, clock=botu_testing.fixed_clock)
    assert raised.value.code == "store.key_missing"
    assert "sleutel" in raised.value.message_nl and "key" in raised.value.message_en
    assert str(key_file) in raised.value.message_nl
    assert not key_file.exists()  # a new key would not open the old data: none is made


def test_a_wrong_key_is_a_clear_error(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _record_and_close(store_url)
    monkeypatch.setenv("BOTU_KEY", base64.b64encode(os.urandom(32)).decode())
    with pytest.raises(StoreError) as raised:
        Cooperations(store_url, clock=botu_testing.fixed_clock)
    assert raised.value.code == "store.key_wrong"
    assert "past niet" in raised.value.message_nl and "does not fit" in raised.value.message_en


@pytest.mark.parametrize("bad", ["geen sleutel", base64.b64encode(b"te kort").decode(), ""])
def test_a_key_that_is_no_key_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    db = tmp_path / "botu.db"
    _record_and_close(str(db))
    (tmp_path / "botu.db.key").write_text(bad, encoding="ascii")
    with pytest.raises(StoreError) as raised:
        Cooperations(str(db), clock=botu_testing.fixed_clock)
    assert raised.value.code == "store.key_invalid"
    if bad:
        monkeypatch.setenv("BOTU_KEY", bad)
        with pytest.raises(StoreError) as from_env:
            Cooperations(str(db), clock=botu_testing.fixed_clock)
        assert from_env.value.code == "store.key_invalid" and "BOTU_KEY" in from_env.value.message_en


def as_then(data: Any) -> Any:
    """An answer of today's code, in the shape the fixture's answers were recorded in: the
    fields added since (parties' ``confirmed``, the agreement's ``commitments``) are
    checked to read as what old data means, then left out."""
    from botu_core import Commitments

    if isinstance(data, list):
        return [as_then(item) for item in data]
    if isinstance(data, dict):
        kept = {}
        for key, value in data.items():
            if key == "confirmed":
                assert value is True  # parties that joined before confirmation existed are confirmed
            elif key == "commitments":
                assert value == to_json_data(Commitments())
            else:
                kept[key] = as_then(value)
        return kept
    return data


def test_a_store_recorded_before_the_keys_were_wrapped_is_migrated_once(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    shutil.copyfile(OLD_STORE, db)
    expected = json.loads(OLD_ANSWERS.read_text(encoding="utf-8"))
    with sqlite3.connect(db) as con:
        old_keys = {r[0]: bytes(r[1]) for r in con.execute("SELECT subject_id, key FROM botu_subject_keys")}
    contacts = {p[f] for p in expected["parties"] for f in ("phone", "email") if p[f]}
    people = {p["name"] for p in expected["parties"] if p["kind"] == "resident" and not p["forgotten"]}
    assert contacts and people and all(len(k) == 32 for k in old_keys.values())
    assert not (tmp_path / "botu.db.key").exists()

    app = Cooperations(str(db), clock=botu_testing.fixed_clock)
    coop = app.resolve(None)
    # The same parties and contacts as before, read from the old events with the old keys.
    assert as_then([to_json_data(p) for p in botu_testing.parties_in_full(app, coop)]) == expected["parties"]
    assert as_then(to_json_data(app.view_as("member").agreement(coop))) == expected["agreement"]
    assert [to_json_data(d) for d in app.view_as("member").decisions(coop)] == expected["decisions"]
    assert [to_json_data(d) for d in app.view_as("member").disagreements(coop)] == expected["disagreements"]
    assert len(app.events_of(coop)) == expected["events"]
    # The forgotten stays forgotten: no key came back.
    assert any(p["forgotten"] for p in expected["parties"]) and set(stored_keys(str(db))) == set(old_keys)
    app.rebuild_read_models()
    assert as_then([to_json_data(p) for p in botu_testing.parties_in_full(app, coop)]) == expected["parties"]
    app.close()

    key_file = tmp_path / "botu.db.key"
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    wrapped = stored_keys(str(db))
    assert all(wrapped[s] != old_keys[s] and old_keys[s] not in wrapped[s] for s in old_keys)
    raw = sqlite_files(db)
    assert_none_in(contacts | people, raw, "the migrated store")
    for subject, key in old_keys.items():
        assert key not in raw, f"the unwrapped key of {subject} is still in the file"

    # Opening again migrates nothing more and reads the same.
    again = Cooperations(str(db), clock=botu_testing.fixed_clock)
    assert stored_keys(str(db)) == wrapped
    assert as_then([to_json_data(p) for p in botu_testing.parties_in_full(again, coop)]) == expected["parties"]
    new = again.execute(coop, JoinParty(name="Eva Smit", kind=PartyKind.RESIDENT, phone="06 3030 4040"))
    assert botu_testing.party_in_full(again, coop, str(new)).phone == "06 3030 4040"
    again.close()
    assert_none_in({"06 3030 4040", "Eva Smit"}, sqlite_files(db), "the migrated store after a new person")


def test_forgetting_still_erases_what_the_read_models_keep(open_app: Any, store_url: str) -> None:
    app = open_app()
    ids = cooperation(app)
    c = ids["coop"]
    zoe = str(app.execute(c, JoinParty(name="Zoë Kramer", kind=PartyKind.RESIDENT, phone="06 8080 9090",
                                       email="zoe.kramer@voorbeeld.nl", share_contact=True)))
    app.execute(c, SignAgreement(party=zoe, note="Zoë's eigen noot"))
    app.execute(c, GiveOpinion(decision=ids["pending"], party=zoe, stance=Stance.FOR, comment="Zoë is voor"))
    app.execute(c, RaiseDisagreement(by=zoe, about="Begroting", description="Zoë is het oneens"))
    assert {s.note for s in app.view_as("member").agreement(c).signatures if s.party_id == zoe} == {"Zoë's eigen noot"}
    app.execute(c, ForgetParty(party=zoe))
    view = botu_testing.party_in_full(app, c, zoe)
    assert (view.name, view.phone, view.email) == ("vergeten deelnemer", "", "")
    assert zoe not in stored_keys(store_url)


def test_two_processes_opening_an_old_store_at_once_wrap_its_keys_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "botu.db"
    shutil.copyfile(OLD_STORE, db)
    expected = json.loads(OLD_ANSWERS.read_text(encoding="utf-8"))["parties"]

    def open_and_read(_: int) -> list[Any]:
        app = Cooperations(str(db), clock=botu_testing.fixed_clock)
        try:
            return as_then([to_json_data(p) for p in botu_testing.parties_in_full(app, None)])
        finally:
            app.close()

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(open_and_read, range(2))) == [expected, expected]
    # Wrapped twice, a key would no longer open: a third opening reads everyone.
    assert open_and_read(3) == expected


def test_a_store_left_by_an_older_botu_is_migrated_on_both_backends(store_url: str) -> None:
    """The recorded SQLite file covers the real old format; this puts a store of either
    backend back in that state (keys unwrapped, no marker, read models of schema 3 with
    contacts in plain text) and opens it again."""
    app = Cooperations(store_url, clock=botu_testing.fixed_clock)
    coop = record_people(app)
    expected = answers(app, coop)
    secrets = secrets_of(app, coop)
    plain = {s: app.keys.get(coop, s) for s in stored_keys(store_url)}
    engine = app.read_models.engine
    with engine.begin() as conn:
        for subject, key in plain.items():
            conn.execute(text("UPDATE botu_subject_keys SET key = :k WHERE subject_id = :s"), {"k": key, "s": subject})
        conn.execute(text("DELETE FROM botu_key_encryption"))
        conn.execute(text("UPDATE rm_parties SET phone = 'plain 06 0000 0000' WHERE party_id = 'party-1'"))
        conn.execute(text("UPDATE rm_tracking SET schema_version = 3"))
    app.close()
    key_file = settings_from_url(store_url).key_file
    assert key_file is not None
    key_file.unlink()

    again = Cooperations(store_url, clock=botu_testing.fixed_clock)
    assert answers(again, coop) == expected
    assert all(bytes(w) != plain[s] for s, w in stored_keys(store_url).items())
    again.close()
    assert key_file.exists()
    assert_none_in(secrets | {"plain 06 0000 0000"}, raw_store(store_url), "the migrated store")

"""Forgetting a person: their data is gone from every byte, the log stays and still works."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import botu_testing
from botu_core import (
    FORGOTTEN_NAME,
    AllocateBudget,
    BotuError,
    Cooperations,
    ForgetParty,
    GiveContactConsent,
    GiveOpinion,
    JoinParty,
    Money,
    PartyKind,
    RaiseDisagreement,
    SignAgreement,
    Stance,
    StartProject,
    WithdrawContactConsent,
)
from factories import cooperation

D = dt.date
SECRETS = {
    "name": "Zoë Vermeulen-Achterberg",
    "phone": "06 9876 5432",
    "email": "zoe.vermeulen@voorbeeld.nl",
    "note": "Ik teken omdat mijn buurvrouw Kees de energierekening niet kan betalen",
    "opinion": "Persoonlijke mening van Zoë over de verdeling",
    "disagreement": "Zoë vindt dat de buurthuiskamer te duur is",
}


def record_person(app: Cooperations) -> dict[str, str]:
    ids = cooperation(app)
    c = ids["coop"]
    zoe = str(
        app.execute(
            c,
            JoinParty(
                name=SECRETS["name"], kind=PartyKind.RESIDENT, phone=SECRETS["phone"], email=SECRETS["email"], share_contact=True
            ),
        )
    )
    app.execute(c, SignAgreement(party=zoe, note=SECRETS["note"], capacity="bewoner"))
    app.execute(c, GiveOpinion(decision=ids["pending"], party=zoe, stance=Stance.AGAINST, comment=SECRETS["opinion"]))
    app.execute(c, RaiseDisagreement(by=zoe, about="Begroting", description=SECRETS["disagreement"]))
    project = str(app.execute(c, StartProject(title="Zoë's zonnepanelen", plan="Panelen op het dak", contact=zoe)))
    app.execute(c, AllocateBudget(project=project, source="BoTu2028", year=2021, amount=Money.parse("1000"), decision=ids["decision"]))
    return {**ids, "zoe": zoe, "project": project}


def assert_no_secret_in(blob: bytes, where: str) -> None:
    for label, secret in SECRETS.items():
        for form in {secret.encode("utf-8"), secret.encode("utf-16-le")}:
            assert form not in blob, f"{label} still readable in {where}"


def test_forgotten_person_leaves_no_readable_byte_in_the_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "botu.db"
    app = Cooperations(str(db), clock=botu_testing.fixed_clock)
    ids = record_person(app)
    c = ids["coop"]
    # Before forgetting, the store shows the data, though its files hold it only sealed.
    assert app.view_as("member").party(c, ids["zoe"]).name == SECRETS["name"]
    raw_before = db.read_bytes() + (Path(str(db) + "-wal").read_bytes() if Path(str(db) + "-wal").exists() else b"")
    assert SECRETS["name"].encode() not in raw_before
    head_before = len(app.events_of(c))

    app.execute(c, ForgetParty(party=ids["zoe"]))

    # Every event stays; the read models still answer, with the placeholder.
    assert len(app.events_of(c)) == head_before + 1
    zoe = botu_testing.party_in_full(app, c, ids["zoe"])
    assert (zoe.name, zoe.phone, zoe.email, zoe.forgotten, zoe.active) == (FORGOTTEN_NAME, "", "", True, False)
    project = app.view_as("member").project(c, ids["project"])
    assert project.contact_name == FORGOTTEN_NAME and str(project.allocated) == "1000.00"
    assert {s.note for s in app.view_as("member").agreement(c).signatures if s.party_id == ids["zoe"]} == {""}
    # Rebuilding the read models does not bring the data back.
    app.rebuild_read_models()
    assert app.view_as("member").party(c, ids["zoe"]).name == FORGOTTEN_NAME
    app.read_models.compact()
    app.close()

    blobs = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("botu.db"))
    assert_no_secret_in(blobs, "the SQLite files")
    # A fresh process reading the whole log sees placeholders only.
    again = Cooperations(str(db), clock=botu_testing.fixed_clock)
    assert all(SECRETS["name"] not in str(e.fact) for e in again.events_of(c))
    assert again.personal_data(c, ids["zoe"])["key"] == "forgotten"
    again.close()


@pytest.mark.postgres
def test_forgotten_person_is_not_in_a_pg_dump() -> None:
    botu_testing.require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        app = Cooperations(f"{botu_testing.POSTGRES_URL}?schema={schema}", clock=botu_testing.fixed_clock)
        ids = record_person(app)
        app.execute(ids["coop"], ForgetParty(party=ids["zoe"]))
        assert app.view_as("member").party(ids["coop"], ids["zoe"]).name == FORGOTTEN_NAME
        app.close()
        dump = subprocess.run(
            ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-n", schema, "test"],
            capture_output=True,
            check=True,
            env={**os.environ, "PGPASSWORD": ""},
        ).stdout
        # bytea columns (the events' state) are dumped as hex: decode them before searching.
        decoded = b"".join(bytes.fromhex(h.decode()) for h in re.findall(rb"\\\\x([0-9a-f]+)", dump))
        assert b"botu_events" in dump and b'"ciphertext"' in decoded and b"PartyForgotten" in decoded
        assert_no_secret_in(dump + decoded, "pg_dump")
    finally:
        botu_testing.drop_schema(schema)


def test_forgetting_twice_and_acting_as_a_forgotten_party_are_refused(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    memory_app.execute(c, ForgetParty(party=ids["zoe"]))
    for command in [ForgetParty(party=ids["zoe"]), GiveContactConsent(party=ids["zoe"])]:
        with pytest.raises(BotuError) as error:
            memory_app.execute(c, command)
        assert error.value.code == "party.forgotten"
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, SignAgreement(party=ids["zoe"], note="nog eens"))
    assert error.value.code == "party.not_active"
    # The same name may join again: a new party, not the forgotten one.
    again = memory_app.execute(c, JoinParty(name=SECRETS["name"], kind=PartyKind.RESIDENT))
    assert again != ids["zoe"]


def test_an_organisation_keeps_its_name_when_forgotten(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    c = ids["coop"]
    memory_app.execute(c, ForgetParty(party="Gemeente Rotterdam"))
    assert memory_app.view_as("member").party(c, ids["gemeente"]).name == "Gemeente Rotterdam"


def test_withdrawing_consent_hides_contact_details_at_once(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    assert memory_app.view_as("member").party(c, ids["zoe"]).phone == SECRETS["phone"]
    memory_app.execute(c, WithdrawContactConsent(party=ids["zoe"]))
    assert memory_app.view_as("member").party(c, ids["zoe"]).phone is None
    assert memory_app.view_as("member").parties(c)[-1].phone is None
    with pytest.raises(BotuError) as error:
        memory_app.execute(c, WithdrawContactConsent(party=ids["zoe"]))
    assert error.value.code == "consent.not_given"
    memory_app.execute(c, GiveContactConsent(party=ids["zoe"]))
    assert memory_app.view_as("member").party(c, ids["zoe"]).email == SECRETS["email"]


def test_access_request_exports_all_of_theirs_and_nothing_of_anyone_else(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    export = memory_app.personal_data(c, ids["zoe"])
    found = {(e["type"], k): v for e in export["personal_fields"] for k, v in e["fields"].items()}
    assert found == {
        ("PartyJoined", "name"): SECRETS["name"],
        ("PartyJoined", "phone"): SECRETS["phone"],
        ("PartyJoined", "email"): SECRETS["email"],
        ("AgreementSigned", "note"): SECRETS["note"],
        ("AgreementSigned", "capacity"): "bewoner",
        ("OpinionGiven", "comment"): SECRETS["opinion"],
        ("DisagreementRaised", "description"): SECRETS["disagreement"],
    }
    assert {e["type"] for e in export["mentioned_in"]} == {"ProjectStarted"}
    text = str(export)
    assert "Ann" not in text and "Gemeente" not in text  # other parties' data is not in it
    assert export["party"]["phone"] == SECRETS["phone"] and export["key"] == "present"


def test_public_and_auditors_see_no_personal_data(memory_app: Cooperations) -> None:
    ids = record_person(memory_app)
    c = ids["coop"]
    public = memory_app.view_as("public")
    text = str(public.parties(c)) + str(public.agreement(c)) + str(public.decisions(c)) + str(public.disagreements(c)) + str(public.projects(c))
    for secret in SECRETS.values():
        assert secret not in text
    assert "Gemeente Rotterdam" in text  # organisations are not personal data
    member = memory_app.view_as("member")
    assert SECRETS["name"] in str(member.parties(c))
    ann_as_member = {p.name: p.phone for p in member.parties(c)}
    assert ann_as_member[SECRETS["name"]] == SECRETS["phone"]  # shared with consent
    own = memory_app.view_as("public", viewer=ids["zoe"]).parties(c)
    assert any(p.name == SECRETS["name"] and p.phone == SECRETS["phone"] for p in own)
    assert str(public.budget(c)) == str(memory_app.budget(c))


def _reads_as_json(data: bytes) -> bool:
    import json

    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def test_the_whole_log_can_also_be_encrypted_at_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("CIPHER_TOPIC", "eventsourcing.cryptography:AESCipher")
    monkeypatch.setenv("CIPHER_KEY", AESCipher.create_key(32))
    db = tmp_path / "botu.db"
    app = Cooperations(str(db), clock=botu_testing.fixed_clock)
    ids = cooperation(app)
    assert [p.name for p in app.view_as("member").parties(ids["coop"])] == ["Ann", "Gemeente Rotterdam"]
    app.close()
    import sqlite3

    with sqlite3.connect(db) as conn:
        states = [r[0] for r in conn.execute("SELECT state FROM stored_events")]
    # Ciphertext is random bytes: it may start with any byte, but never reads as the JSON it hides.
    assert all(b"CooperationFounded" not in s and b"Gemeente Rotterdam" not in s and not _reads_as_json(s)
               for s in states)
    monkeypatch.delenv("CIPHER_KEY")
    monkeypatch.delenv("CIPHER_TOPIC")
    with pytest.raises(BotuError):
        Cooperations(str(db), clock=botu_testing.fixed_clock).events_of(ids["coop"])

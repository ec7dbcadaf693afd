"""Usernames (botu_web.accounts) are told apart as people read them (botu_core.name_key):
no look-alike of an existing username becomes a second account; a person logs in by any
way of writing their name; stores made before the keys get them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, insert
from sqlalchemy.pool import StaticPool

from botu_web.accounts import AccountStore, accounts_table, username_keys_table
from botu_web.auth import LoginLimiter
from botu_web.texts import WebError

PASSWORD = "een-lang-wachtwoord"
LOOK_ALIKES = ["Fatima", "FATIMA", " fatima ", "fat\u200bima", "fatima\u2060", "\ufefffatima", "ｆａｔｉｍａ",
               "fati\u00adma"]


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_a_look_alike_username_is_taken(engine: Engine, name: str) -> None:
    store = AccountStore(engine)
    store.create("fatima", PASSWORD)
    with pytest.raises(WebError) as error:
        store.create(name, PASSWORD)
    assert error.value.code == "account.username_taken"
    assert [a.username for a in store.list()] == ["fatima"]


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_one_logs_in_by_any_way_of_writing_ones_name(engine: Engine, name: str) -> None:
    store = AccountStore(engine)
    fatima = store.create("fatima", PASSWORD)
    account = store.authenticate(name, PASSWORD)
    assert account is not None and account.id == fatima.id
    assert store.by_username(name) == store.get(fatima.id)
    assert store.authenticate(name, "een-ander-wachtwoord") is None


def test_usernames_are_stored_as_typed(engine: Engine) -> None:
    store = AccountStore(engine)
    assert store.create("Fatima_El_Amrani", PASSWORD).username == "Fatima_El_Amrani"


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "a\u200b\u200b", "\ufeff\u2060x"])
def test_a_username_of_invisible_characters_is_refused(engine: Engine, name: str) -> None:
    with pytest.raises(WebError) as error:
        AccountStore(engine).create(name, PASSWORD)
    assert error.value.code == "account.username_invalid"


def test_accounts_made_before_the_keys_get_them_oldest_first(engine: Engine) -> None:
    AccountStore(engine)
    # A store as it was: accounts without keys, two of which look alike.
    username_keys_table.drop(engine)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        for name in ("henk", "Henk", "fatima"):
            conn.execute(insert(accounts_table).values(username=name, password_hash=_hash(), kind="member",
                                                       active=True, created_at=now))
    store = AccountStore(engine)
    henk, old_look_alike, fatima = store.list()
    with pytest.raises(WebError) as error:
        store.create("HENK", PASSWORD)
    assert error.value.code == "account.username_taken"
    with pytest.raises(WebError):
        store.create("Fatima", PASSWORD)
    # Each old account still logs in by its exact name; a look-alike finds the oldest.
    assert store.by_username("Henk") == old_look_alike
    assert store.by_username("hEnk") == henk
    assert store.by_username("FATIMA") == fatima
    assert AccountStore(engine).list() == store.list()  # keying again changes nothing


def _hash() -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(PASSWORD)


def test_failed_logins_count_for_every_way_of_writing_the_name() -> None:
    limiter = LoginLimiter(max_failures=3, window=900.0, clock=lambda: 100.0)
    for name in ("fatima", "Fatima", "fat\u200bima"):
        limiter.check(f"10.0.0.{len(name)}", name)
        limiter.failed(f"10.0.0.{len(name)}-{name}", name)
    with pytest.raises(WebError) as error:
        limiter.check("10.0.0.99", "ＦＡＴＩＭＡ")
    assert error.value.code == "auth.rate_limited"

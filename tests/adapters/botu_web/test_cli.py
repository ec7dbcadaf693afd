"""`botu account …` (``botu_web.cli``): what it prints, and grant and revoke with their
refusals. The role list is the library's (``botu_core.permissions.GRANTABLE``)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from botu_cli.main import main
from botu_core import Cooperations
from botu_core.permissions import GRANTABLE
from botu_web import AccountStore


def botu(capsys: Any, monkeypatch: Any, db: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def roles(db: Path, username: str) -> set[tuple[str, str]]:
    with Cooperations(str(db)) as app:
        store = AccountStore.for_app(app)
        try:
            account = store.by_username(username)
            assert account is not None
            return set(account.grants)
        finally:
            store.close()


def coop_id(db: Path) -> str:
    with Cooperations(str(db)) as app:
        return app.cooperations()[0].id


def test_account_create_prints_its_message_and_no_bare_number(
    store_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    code, out, err = botu(capsys, monkeypatch, store_path, "account", "create", "nieuwe-beheerder", "--role",
                          "coordinator", "--password-stdin", stdin="een-heel-lang-wachtwoord\n")
    assert code == 0, err
    assert out == ""
    assert err.strip() == "Gelukt: het account 'nieuwe-beheerder' is gemaakt."
    code, out, err = botu(capsys, monkeypatch, store_path, "--json", "account", "create", "nog-een",
                          "--password-stdin", stdin="een-heel-lang-wachtwoord\n")
    assert code == 0, err
    made = json.loads(out)
    assert made["username"] == "nog-een" and isinstance(made["id"], int)


def test_grant_and_revoke_a_role_in_this_cooperation(store_path: Path, capsys: Any, monkeypatch: Any) -> None:
    coop = coop_id(store_path)
    assert ("auditor" in GRANTABLE) and (coop, "auditor") not in roles(store_path, "henk")
    code, out, err = botu(capsys, monkeypatch, store_path, "account", "grant", "henk", "auditor")
    assert code == 0, err
    assert "'henk' is nu auditor van 'botu'" in err and out == ""
    assert (coop, "auditor") in roles(store_path, "henk")
    code, _out, err = botu(capsys, monkeypatch, store_path, "--lang", "en", "account", "revoke", "henk", "auditor")
    assert code == 0, err
    assert "'henk' is no longer auditor of 'botu'" in err
    assert (coop, "auditor") not in roles(store_path, "henk")


@pytest.mark.parametrize("command", ["grant", "revoke"])
@pytest.mark.parametrize(
    ("args", "exit_code", "error_code"),
    [
        (("niemand", "auditor"), 1, "account.unknown"),
        (("henk", "baas"), 2, "input.invalid_choice"),
        (("henk", "member"), 2, "input.invalid_choice"),  # a member is one by taking part, not by a grant
        (("--coop", "nergens", "henk", "auditor"), 1, "cooperation.unknown"),
    ],
)
def test_grant_and_revoke_refuse_with_a_code_and_change_nothing(
    store_path: Path, capsys: Any, monkeypatch: Any, command: str, args: tuple[str, ...], exit_code: int,
    error_code: str,
) -> None:
    before = roles(store_path, "henk")
    code, out, err = botu(capsys, monkeypatch, store_path, "--json", "account", command, *args)
    error = json.loads(out)
    assert (code, error["code"]) == (exit_code, error_code), error
    assert error["message_nl"] and error["message_en"] and err.startswith("Fout: ")
    assert roles(store_path, "henk") == before

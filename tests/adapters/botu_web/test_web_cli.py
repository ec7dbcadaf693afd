"""The CLI side of the web app: the first coordinator, API tokens, and `botu serve`."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from botu_cli.main import main


def run(capsys: Any, monkeypatch: Any, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_first_coordinator_and_tokens_from_the_cli(store_path: Path, capsys: Any, monkeypatch: Any,
                                                    make_client: Any) -> None:
    db = str(store_path)
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "create", "beheerder", "--role", "coordinator",
                         "--password-stdin", stdin="een-heel-lang-wachtwoord\n")
    assert code == 0, err
    assert "het account 'beheerder' is gemaakt" in err
    code, _out, err = run(capsys, monkeypatch, "--db", db, "account", "create", "beheerder", "--password-stdin",
                          stdin="een-heel-lang-wachtwoord\n")
    assert code == 1 and "al in gebruik" in err
    code, _out, err = run(capsys, monkeypatch, "--db", db, "account", "create", "kort", "--password-stdin",
                          stdin="kort\n")
    assert code == 1 and "minstens 10 tekens" in err

    code, out, _err = run(capsys, monkeypatch, "--db", db, "--json", "token", "create", "beheerder", "--label", "script")
    assert code == 0
    made = json.loads(out)
    client = make_client()
    headers = {"Authorization": f"Bearer {made['token']}"}
    assert client.get("/api/v1/me", headers=headers).json()["role"] == "coordinator"

    code, _out, err = run(capsys, monkeypatch, "--db", db, "token", "revoke", str(made["id"]))
    assert code == 0 and "ingetrokken" in err
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    code, _out, err = run(capsys, monkeypatch, "--db", db, "token", "revoke", str(made["id"]))
    assert code == 1 and "al ingetrokken" in err


@pytest.mark.slow
def test_botu_serve_loads_the_example_into_an_empty_store(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    botu = Path(sys.executable).parent / "botu"
    process = subprocess.Popen([str(botu), "--db", str(tmp_path / "leeg.db"), "serve", "--example", "--port", str(port)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/budget", timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert "Energiebegroting per bron" in body
        assert "BoTu2028 2021" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert b"Het voorbeeld BoTu 2021 staat in de opslag." in process.stderr.read()

"""Fixtures for the web app: the BoTu 2021 example in a SQLite file, with one account per role.

The example is recorded once per test session into a template file; every test gets
its own copy, so tests that write do not see each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from botu_core import Cooperations
from botu_core.examples import EXAMPLES
from botu_web import AccountStore, create_app
from web_helpers import ACCOUNTS, PASSWORD, login

def _copy_store(source: Path, target: Path) -> None:
    # A store moves with its key file (``botu.db.key``): without it the copy does not open.
    for suffix in ("", "-wal", "-shm", ".key"):
        src = Path(str(source) + suffix)
        if src.exists():
            shutil.copy(src, Path(str(target) + suffix))


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example history and the accounts, recorded once; tokens per role."""
    path = tmp_path_factory.mktemp("web-template") / "botu.db"
    app = Cooperations(str(path))
    coop = EXAMPLES["botu-2021"](app)
    accounts = AccountStore.for_app(app)
    tokens: dict[str, str] = {}
    for role, spec in ACCOUNTS.items():
        party_id = app.view_as("member").party(coop, spec["party"]).id if spec["party"] else None
        account = accounts.create(spec["username"], PASSWORD, kind=spec["kind"],
                                  coop_id=coop if party_id or spec["kind"] != "member" else None,
                                  party_id=party_id)
        tokens[role] = accounts.create_token(account.id, f"test {role}")[1]
    accounts.close()
    app.close()
    return {"path": path, "coop": coop, "tokens": tokens}


@pytest.fixture
def store_path(template_store: dict[str, Any], tmp_path: Path) -> Path:
    target = tmp_path / "botu.db"
    _copy_store(template_store["path"], target)
    return target


@pytest.fixture
def tokens(template_store: dict[str, Any]) -> dict[str, str]:
    return dict(template_store["tokens"])


@pytest.fixture
def make_client(store_path: Path) -> Iterator[Callable[..., TestClient[Any]]]:
    """Clients on one app over this test's store; ``make_client(role)`` logs in as that role."""
    app = Cooperations(str(store_path))
    web_app = create_app(app)
    clients: list[TestClient[Any]] = []

    def make(role: str = "anonymous") -> TestClient[Any]:
        # Not entered as a context: several clients share one app, and the app has
        # nothing to start or stop (its store belongs to this fixture).
        client = TestClient(web_app, base_url="http://testserver.local")
        clients.append(client)
        if role != "anonymous":
            login(client, ACCOUNTS[role]["username"])
        return client

    yield make
    clients.clear()
    app.close()


@pytest.fixture
def app_of(store_path: Path) -> Iterator[Cooperations]:
    """A second look at the same store, to check what was (not) written."""
    app = Cooperations(str(store_path))
    yield app
    app.close()

"""Shared fixtures: a store per backend (SQLite file, PostgreSQL schema), a fixed clock.

PostgreSQL tests use the server at 127.0.0.1:5432 (user postgres, database test), each
test in a schema of its own that is dropped afterwards. Without a server they are
skipped with the reason shown — unless BOTU_REQUIRE_POSTGRES=1 (set by .ci/run), then
they fail.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest

from botu_core import Cooperations
from botu_testing import POSTGRES_URL, drop_schema, fixed_clock, require_postgres

@pytest.fixture(autouse=True, scope="session")
def _key_files_apart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """PostgreSQL stores keep their key-encryption key in the user's config folder: during
    the tests that is a folder of their own, not the home folder of whoever runs them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        patch.delenv("BOTU_KEY", raising=False)
        patch.delenv("BOTU_KEY_FILE", raising=False)
        yield


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("store") / "botu.db")
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}schema={schema}"
    drop_schema(schema)


@pytest.fixture
def open_app(store_url: str) -> Iterator[Callable[..., Cooperations]]:
    """Open (more) applications on the same store; all are closed afterwards."""
    apps: list[Cooperations] = []

    def _open(**kwargs: object) -> Cooperations:
        kwargs.setdefault("clock", fixed_clock)
        app = Cooperations(store_url, **kwargs)  # type: ignore[arg-type]
        apps.append(app)
        return app

    yield _open
    for app in apps:
        app.close()


@pytest.fixture
def app(open_app: Callable[..., Cooperations]) -> Cooperations:
    return open_app()


@pytest.fixture
def memory_app() -> Iterator[Cooperations]:
    app = Cooperations("memory:", clock=fixed_clock)
    yield app
    app.close()

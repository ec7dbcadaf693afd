"""Fixtures for the audit tests; the helpers themselves are in ``audit_helpers``."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from uuid import UUID

import pytest
from audit_helpers import RawEvents, small_history
from botu_testing import POSTGRES_URL, drop_schema, require_postgres

from botu_core import Cooperations
from botu_core.examples import load_botu_2021


@pytest.fixture(scope="session")
def example() -> Iterator[tuple[Cooperations, str]]:
    """The example history of 2021 in memory, once per run (tests only read it)."""
    app = Cooperations("memory:", clock=lambda: dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC))
    coop = load_botu_2021(app)
    yield app, coop
    app.close()


@pytest.fixture
def small(app: Cooperations) -> tuple[Cooperations, UUID, RawEvents]:
    coop = small_history(app)
    return app, coop, RawEvents(app, coop)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL schema of its own (skipped without a server unless BOTU_REQUIRE_POSTGRES=1)."""
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}schema={schema}"
    drop_schema(schema)

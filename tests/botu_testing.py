"""Helpers shared by the tests: the PostgreSQL test server, a fixed clock.

A plain module (not ``conftest``) so that test files can import it by a name that no
other file shares: pytest imports every ``conftest.py`` under the same module name.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from typing import Any

POSTGRES_URL = os.environ.get("BOTU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("BOTU_REQUIRE_POSTGRES") == "1"

# A fixed "now" after the example history (which ends in February 2022).
NOW = dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)


def fixed_clock() -> dt.datetime:
    return NOW


def postgres_available_problem() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return None
    except Exception as error:  # noqa: BLE001 - any failure means: not available
        return str(error).splitlines()[0] if str(error) else type(error).__name__


_pg_problem: str | None | bool = False


def require_postgres() -> None:
    global _pg_problem
    if _pg_problem is False:
        _pg_problem = postgres_available_problem()
    if _pg_problem:
        message = f"PostgreSQL at {POSTGRES_URL} is not available: {_pg_problem}"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " (BOTU_REQUIRE_POSTGRES=1)")
        pytest.skip(message)


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def party_in_full(app: Any, coop: Any, ref: str) -> Any:
    """A party as the person themself sees it: their name and all their contact details
    (the store shows contact details without consent to the person alone)."""
    party_id = app.view_as("member").party(coop, ref).id
    return app.view_as("member", viewer=party_id).party(coop, party_id)


def parties_in_full(app: Any, coop: Any) -> list[Any]:
    """Every party as each sees itself (``party_in_full``), in the order of ``parties``."""
    return [party_in_full(app, coop, p.id) for p in app.view_as("member").parties(coop)]

"""An app over a store of each backend, filled with the test corpus (``corpus.py``)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kroniek.api import create_app
from kroniek.store import Store
from tests.api import corpus

TOKEN = "test-token-4f1c9a"
_databases = itertools.count()


@pytest.fixture
def filled(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as store:
        corpus.load(store)
        yield store


@pytest.fixture
def client(filled: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=filled, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def open_client(filled: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """An app started without any write token."""
    monkeypatch.delenv("KRONIEK_TOKEN", raising=False)
    with TestClient(create_app(store=filled)) as test_client:
        yield test_client


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One database per backend for a whole module of read-only tests (saves a database
    creation and a corpus load per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('api') / 'kroniek.db'}"
        return
    import sqlalchemy as sa

    admin_url = str(request.getfixturevalue("pg_admin_url"))
    name = f"kroniek_api_{os.getpid()}_{next(_databases)}"
    admin = sa.create_engine(admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")  # fmt: skip
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="module")
def reader(shared_db_url: str) -> Iterator[TestClient]:
    """A client over a filled store shared by a module: only for tests that do not write."""
    with Store.open(shared_db_url) as store:
        corpus.load(store)
        with TestClient(create_app(store=store, token=TOKEN)) as test_client:
            yield test_client

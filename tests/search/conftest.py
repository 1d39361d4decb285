"""One store per backend holding the search corpus, shared by a test module (read-only)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kroniek.store import Store
from tests.search.corpus import load

_counter = itertools.count()


@pytest.fixture(scope="module")
def pg_corpus_url(pg_admin_url: str) -> Iterator[str]:
    name = f"kroniek_search_{os.getpid()}_{next(_counter)}"
    admin = sa.create_engine(pg_admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")  # fmt: skip
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield pg_admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="module")
def sqlite_corpus_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{Path(tmp_path_factory.mktemp('search')) / 'corpus.db'}"


@pytest.fixture(scope="module")
def sqlite_corpus(sqlite_corpus_url: str) -> Iterator[Store]:
    with Store.open(sqlite_corpus_url) as store:
        load(store)
        yield store


@pytest.fixture(scope="module")
def pg_corpus(pg_corpus_url: str) -> Iterator[Store]:
    with Store.open(pg_corpus_url) as store:
        load(store)
        yield store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(request: pytest.FixtureRequest) -> Store:
    """The corpus store of each backend in turn."""
    store: Store = request.getfixturevalue(
        f"{'sqlite' if request.param == 'sqlite' else 'pg'}_corpus"
    )
    return store

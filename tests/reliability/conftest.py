"""Fixtures for the reliability tests: any number of fresh databases of one backend per test.

The kill and concurrency tests need several empty databases in one test (a clean reference run,
one database per kill cycle), so ``fresh_url`` is a factory rather than one URL.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FreshUrl = Callable[[], str]
_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fresh_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FreshUrl]:
    """A factory of URLs of new, empty databases of ``backend``; PostgreSQL ones dropped after."""
    if backend == "sqlite":
        yield lambda: f"sqlite:///{tmp_path / f'k{next(_names)}.db'}"
        return
    import sqlalchemy as sa

    admin_url = str(request.getfixturevalue("pg_admin_url"))
    admin = sa.create_engine(admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")  # fmt: skip
    created: list[str] = []

    def make() -> str:
        name = f"kroniek_rel_{os.getpid()}_{next(_names)}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        created.append(name)
        return admin_url.rsplit("/", 1)[0] + "/" + name

    try:
        yield make
    finally:
        with admin.connect() as connection:
            for name in created:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

"""Schema migrations: an ordered list of steps, each applied once and recorded.

A step is a function of a connection. Version 1 creates the tables of ``schema.py`` as they
were first released; later versions alter them. Both backends run the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from kroniek.store import schema

Step = Callable[[sa.Connection], None]


def _v1_initial(connection: sa.Connection) -> None:
    schema.metadata.create_all(connection)


MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "initial tables", _v1_initial),
]
LATEST = MIGRATIONS[-1][0]


def current_version(connection: sa.Connection) -> int:
    if not sa.inspect(connection).has_table("schema_version"):
        return 0
    version = connection.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0)


def migrate(engine: sa.Engine) -> list[int]:
    """Apply every step newer than the database's version; return the versions applied."""
    applied = []
    with engine.begin() as connection:
        version = current_version(connection)
        for number, _description, step in MIGRATIONS:
            if number <= version:
                continue
            step(connection)
            connection.execute(
                schema.schema_version.insert().values(
                    version=number, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )
            applied.append(number)
    return applied

"""Several processes opening one new database at once: all succeed, the schema is made once."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa

from kroniek.store import Store, migrations, schema
from tests.reliability.conftest import FreshUrl

OPENERS = 4
ROUNDS = 3
OPEN = "import sys; from kroniek.store import Store; Store.open(sys.argv[1]).close()"


def test_processes_opening_a_new_database_together_all_succeed(fresh_url: FreshUrl) -> None:
    for _round in range(ROUNDS):
        url = fresh_url()
        processes = [subprocess.Popen([sys.executable, "-c", OPEN, url], stderr=subprocess.PIPE)
                     for _ in range(OPENERS)]  # fmt: skip
        failures = [p.communicate(timeout=120)[1].decode(errors="replace") for p in processes]
        assert all(p.returncode == 0 for p in processes), [f[-300:] for f in failures if f]
        with Store.open(url) as store, store.engine.connect() as connection:
            versions = connection.execute(sa.select(schema.schema_version.c.version)).scalars()
            assert sorted(versions) == [number for number, _d, _s in migrations.MIGRATIONS]

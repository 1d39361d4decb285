"""Schemathesis against the app's own /openapi.json: generated requests (valid and invalid) for
every operation, with every built-in check, on a small seeded SQLite store.

The checks include ``not_a_server_error`` (no 5xx), ``response_schema_conformance`` (every answer
matches the response model declared for its status), ``status_code_conformance`` (only declared
statuses), ``negative_data_rejection`` / ``positive_data_acceptance``, ``ignored_auth`` (writes
without the token are refused) and the Allow header of 405s. Examples per operation are bounded
(``KRONIEK_SCHEMATHESIS_EXAMPLES``, default 30) so the module runs in well under 2 minutes.

The schema is loaded at import (``parametrize`` needs it to make one test per operation) from an
app over a throwaway store that is closed right away; the requests go to ``seeded``, an app over
the API test corpus (tests/api/corpus.py). Schemathesis' lazy ``from_fixture`` loader is not used:
with pytest 9 it fails on ``request.node._nodeid``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from kroniek.api import create_app
from kroniek.api.app import route_table
from kroniek.models import Article
from kroniek.runner import analyze_one
from kroniek.store import Store
from tests.api import corpus
from tests.api.conftest import TOKEN

EXAMPLES = int(os.environ.get("KRONIEK_SCHEMATHESIS_EXAMPLES", "30"))

# One relaxation, nothing excluded: ``positive_data_acceptance`` also accepts 400 (documented
# for these operations) where a request can match the schema and still be invalid in a way JSON
# Schema cannot state: the search query grammar of `q` ("a*b" is a string, not a query), a day
# that does not exist ("2017-02-30" matches the date pattern) and an upload body of blanks only.
# Operations without such inputs keep the default expectation, and no check is switched off.
#
# The token is given as the OpenAPI bearer scheme, not as a fixed header: negative cases that
# leave the Authorization header out must really leave it out (and get 401).
#
# Requests time out after REQUEST_TIMEOUT_S rather than schemathesis' 10 s: a write that
# analyses text is slower than that on a loaded 2-core machine (the NLP models are loaded
# before the tests start, by ``warm_models``, but an analysis still takes a few seconds there).
REQUEST_TIMEOUT_S = 60
CONFIG = SchemathesisConfig.from_dict(
    {
        "request-timeout": REQUEST_TIMEOUT_S,
        "auth": {"openapi": {"HTTPBearer": {"bearer": TOKEN}}},
        "operations": [
            {
                "include-path-regex": "^/api/(articles|events|places|timeline|network)$",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409",
                                              "429", "5xx"],
                    }
                },
            }
        ]
    }
)  # fmt: skip


def _load_schema() -> schemathesis.BaseSchema:
    with (
        tempfile.TemporaryDirectory(prefix="kroniek-openapi-") as folder,
        Store.open(f"sqlite:///{folder}/schema.db") as store,
    ):
        return schemathesis.openapi.from_asgi(
            "/openapi.json", create_app(store=store, token=TOKEN), config=CONFIG
        )


schema = _load_schema()


@pytest.fixture(scope="module")
def warm_models() -> None:
    """Load the analysis models once, before any request can time out waiting for them."""
    analyze_one(Article(id="warm", text="Minister Jansen opent een brug in Gent.", source_file="-"))


@pytest.fixture
def seeded(tmp_path: Path, warm_models: None) -> Iterator[FastAPI]:
    """A fresh store per operation: what one operation's examples write (uploads stored without
    analysis) does not pile up for the next (``reanalyze`` analyses every pending article)."""
    url = f"sqlite:///{tmp_path / 'kroniek.db'}"
    with Store.open(url) as store:
        corpus.load(store)
        yield create_app(store=store, token=TOKEN)


def test_the_schema_covers_every_api_route(seeded: FastAPI) -> None:
    """Every /api route is an operation of the schema, so the generated tests reach it."""
    operations = [result.ok() for result in schema.get_all_operations()]
    documented = {(operation.method.upper(), operation.path) for operation in operations}
    routes = {
        (method, route.path.replace(":path}", "}"))
        for route in route_table(seeded)
        if route.path.startswith("/api/")
        for method in route.methods
    }
    assert routes and routes <= documented, routes - documented


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: Case, seeded: FastAPI) -> None:
    case.call_and_validate(app=seeded)

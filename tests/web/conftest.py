"""A client over a filled SQLite store, shared by a module of read-only page tests (the API
tests cover both backends; the pages call the same service functions)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kroniek.api import create_app
from kroniek.store import Store
from tests.api import corpus
from tests.api.conftest import TOKEN


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'kroniek.db'}"
    with Store.open(url) as store:
        corpus.load(store)
        with TestClient(create_app(store=store, token=TOKEN)) as test_client:
            yield test_client

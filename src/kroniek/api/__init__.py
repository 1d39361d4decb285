"""kroniek's HTTP API (FastAPI) and the web UI it serves: ``create_app(db_url, token)``."""

from kroniek.api.app import create_app

__all__ = ["create_app"]

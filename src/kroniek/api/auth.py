"""Bearer-token protection of the write endpoints.

The token comes from ``create_app(token=...)`` (e.g. ``kroniek serve --token``) or the
environment variable ``KRONIEK_TOKEN``. Without a configured token the write endpoints are
disabled (403) rather than open: a server bound to a shared interface must never accept writes
by accident. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import os

from fastapi import HTTPException, Request, status

ENV_TOKEN = "KRONIEK_TOKEN"
SCHEME = "bearer"


def configured_token(explicit: str | None = None) -> str | None:
    """The write token: the explicit one, else ``$KRONIEK_TOKEN``; None (writes off) if empty."""
    token = explicit if explicit is not None else os.environ.get(ENV_TOKEN)
    return token or None


def token_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def require_token(request: Request) -> None:
    """FastAPI dependency of every write endpoint."""
    expected: str | None = request.app.state.token
    if expected is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"write endpoints are disabled: start the server with {ENV_TOKEN} set to a token",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != SCHEME or not token_matches(expected, given.strip()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid bearer token is required: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )

"""Bearer-token protection of the write endpoints.

The token comes from ``create_app(token=...)`` (e.g. ``kroniek serve --token``) or the
environment variable ``KRONIEK_TOKEN``. Without a configured token the write endpoints are
disabled (403) rather than open: a server bound to a shared interface must never accept writes
by accident. Tokens are compared in constant time: both sides are hashed to SHA-256 first, so
even their lengths are compared without an early exit, then ``hmac.compare_digest`` compares the
digests.

Write routes use ``TokenRoute``, which checks the token before the route reads or validates its
body: a request without a valid token gets 401/403 whatever it sends, and nothing of it is parsed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from starlette.responses import Response

ENV_TOKEN = "KRONIEK_TOKEN"
SCHEME = "bearer"

# Declares the bearer scheme in the OpenAPI document; never refuses by itself (TokenRoute does).
bearer_scheme = HTTPBearer(
    auto_error=False,
    description=f"The server's write token (`{ENV_TOKEN}`); without one, writes answer 403.",
)


def configured_token(explicit: str | None = None) -> str | None:
    """The write token: the explicit one, else ``$KRONIEK_TOKEN``; None (writes off) if empty."""
    token = explicit if explicit is not None else os.environ.get(ENV_TOKEN)
    return token or None


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def token_matches(expected: str, given: str) -> bool:
    """Whether ``given`` is the token, in time independent of where (or whether) they differ."""
    return hmac.compare_digest(_digest(expected), _digest(given))


def require_token(request: Request) -> None:
    """Refuse the request (403 writes disabled, 401 wrong or missing token) unless it carries
    the configured token; ``TokenRoute`` calls it first on every write route."""
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


class TokenRoute(APIRoute):
    """An API route that refuses a request without the token before its body is read."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            require_token(request)
            return await handler(request)

        return checked

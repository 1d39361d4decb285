"""Limits on what a request may send, checked before any route sees it (an ASGI middleware).

- A URL (path and query string, as sent) longer than ``MAX_URL_BYTES`` is refused with 414.
- A URL holding a NUL character (raw or as ``%00``) is refused with 400: no text column of
  PostgreSQL can hold one, and no id, name or query ever needs it.
- A body longer than its route's limit is refused with 413: ``UPLOAD_LIMITS`` for the upload
  route, ``MAX_BODY_BYTES`` for everything else. A declared ``Content-Length`` over the limit is
  refused before anything is read; a body without one (chunked) is counted while it is read and
  refused as soon as it passes the limit.

Refusals use the app's error format (JSON ``{"status", "message"}`` under /api, a page elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kroniek.api.writes import MAX_UPLOAD_BYTES

KIB = 1024
MAX_URL_BYTES = 8 * KIB
MAX_BODY_BYTES = 256 * KIB  # JSON bodies: the most POST /api/reanalyze takes is ~210 KB
UPLOAD_LIMITS = {"/api/articles": MAX_UPLOAD_BYTES}
NUL_MARKERS = (b"\x00", b"%00")

ErrorRenderer = Callable[[Request, int, str], Response]


def body_limit(path: str) -> int:
    return UPLOAD_LIMITS.get(path.rstrip("/") or "/", MAX_BODY_BYTES)


def too_large_message(limit: int) -> str:
    return f"the request body is over the {limit} byte limit of this endpoint"


def url_problem(scope: Scope) -> tuple[int, str] | None:
    """(status, message) when the URL of ``scope`` breaks a limit, else None."""
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    query: bytes = scope.get("query_string", b"")
    if len(raw_path) + len(query) > MAX_URL_BYTES:
        return 414, f"the URL is over the {MAX_URL_BYTES} byte limit"
    lowered = raw_path.lower() + b"?" + query.lower()
    if "\x00" in scope["path"] or any(marker in lowered for marker in NUL_MARKERS):
        return 400, "a URL must not contain NUL characters (%00)"
    return None


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


class RequestLimits:
    """The ASGI middleware; ``render`` turns (request, status, message) into the error answer."""

    def __init__(self, app: ASGIApp, render: ErrorRenderer) -> None:
        self.app = app
        self.render = render

    async def refuse(self, scope: Scope, receive: Receive, send: Send, status: int,
                     message: str) -> None:  # fmt: skip
        response = self.render(Request(scope, receive), status, message)
        await response(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if (problem := url_problem(scope)) is not None:
            await self.refuse(scope, receive, send, *problem)
            return
        limit = body_limit(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            await self.refuse(scope, receive, send, 413, too_large_message(limit))
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as error:  # read outside a route (its handlers answer inside one)
            if started:
                raise
            await self.refuse(scope, receive, send, 413, str(error.detail))

"""The write endpoints, behind the bearer token (``kroniek.api.auth``): ``TokenRoute`` refuses a
request without the token before its body is read or validated."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request, Security, status
from pydantic import AfterValidator, StringConstraints, WithJsonSchema
from starlette.concurrency import run_in_threadpool

from kroniek.api import models, writes
from kroniek.api.auth import TokenRoute, bearer_scheme
from kroniek.api.routes import store_of

WRITE_ERRORS = (400, 401, 403, 413, 414, 422)
router = APIRouter(
    prefix="/api", tags=["write"], route_class=TokenRoute,
    dependencies=[Security(bearer_scheme)], responses=models.error_responses(*WRITE_ERRORS),
)  # fmt: skip

TOO_LARGE = f"the body is over the {writes.MAX_UPLOAD_BYTES} byte upload limit"
MAX_ID_CHARS = 200


def storable(text: str) -> str:
    """Refuse text no database column can hold: NUL and lone UTF-16 surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise ValueError("must not contain lone surrogates")
    return text


ArticleId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_ID_CHARS),
    AfterValidator(storable),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS,
                    "pattern": "^[^\\x00]*$"}),
]  # fmt: skip


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes (the declared
    length is checked first, so an honest large upload is refused before it is read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, TOO_LARGE)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, TOO_LARGE)
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/articles",
    summary="Ingest articles from the request body",
    status_code=status.HTTP_201_CREATED,
    response_model=models.Upload,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {
                    "schema": {"type": "string", "format": "binary", "minLength": 1}
                },
                "text/plain": {"schema": {"type": "string", "minLength": 1}},
            },
        }
    },
)
async def post_articles(
    request: Request,
    filename: Annotated[
        str | None, Query(description="Name of the input; its extension guides the reader.")
    ] = None,
    format: Annotated[
        str | None, Query(description="Force a reader: crawl, jsonl, csv, html, feed, warc.")
    ] = None,
    analyze: Annotated[bool, Query(description="Analyse the new articles now.")] = True,
) -> dict[str, Any]:
    """The raw body is read like a file given to `kroniek ingest` (crawl text, JSONL, CSV, HTML,
    RSS/Atom, WARC), up to 5 MiB (413 beyond). Needs `Authorization: Bearer <token>` (401
    without); when the server has no token configured (`KRONIEK_TOKEN`), writes are disabled
    (403). Posting the same body twice stores it once."""
    data = await read_limited(request, writes.MAX_UPLOAD_BYTES)
    if not data.strip():
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "the request body is empty")
    summary, ids = await run_in_threadpool(
        writes.ingest_upload, store_of(request), data, filename, format, analyze
    )
    return {"summary": summary.as_dict(), "ids": ids, "errors": summary.error_samples}


@router.post(
    "/reanalyze", summary="Analyse stored articles again", response_model=models.Reanalysed
)
async def post_reanalyze(
    request: Request,
    ids: Annotated[
        list[ArticleId] | None,
        Body(
            embed=True,
            max_length=writes.MAX_REANALYZE_IDS,
            description="Article ids; without them, the oldest articles stored without "
            f"analysis, at most {writes.MAX_PENDING_PER_REQUEST} per request (`pending` in the "
            "answer says how many remain).",
        ),
    ] = None,
) -> dict[str, Any]:
    """Re-run the analysis (after an update of the lexicons or the actor dictionary). Needs the
    bearer token like every write."""
    done, pending = await run_in_threadpool(writes.reanalyze, store_of(request), ids)
    return {"analysed": done, "pending": pending}

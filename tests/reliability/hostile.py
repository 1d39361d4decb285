"""Shared assertions and builders for the hostile-input tests."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

from kroniek.ingest import ReadOptions, iter_articles
from kroniek.models import Article, IngestError

MAX_REASON_CHARS = 500  # a reason is one short line, not a traceback or a dump of the input
CATCH_ALL = "unreadable "  # sources._read_stream's wording for an exception a reader let escape

ARTICLE_TEXT = (
    "De gemeenteraad van Zwolle heeft dinsdag ingestemd met de bouw van een nieuwe brug over de "
    "IJssel. Wethouder Anna de Jong zei dat de werken in het voorjaar beginnen.\n\n"
    '"We hebben lang op dit besluit gewacht", zei zij na afloop van de vergadering.'
)
CRAWL_PAGE = (" date 2024-03 Zwolle krijgt nieuwe brug over de IJssel Anna de Jong\n10u53\n"
              "Bron: ANP\n" + ARTICLE_TEXT + "\n")  # fmt: skip


def check_items(items: list[Article | IngestError], *, allow_catch_all: bool = False) -> None:
    """Only articles and errors; articles well-formed; every reason one clear, short line."""
    for item in items:
        assert isinstance(item, Article | IngestError), type(item)
        if isinstance(item, IngestError):
            check_reason(item.reason)
            assert allow_catch_all or not item.reason.startswith(CATCH_ALL), item.reason
            continue
        assert item.text.strip() and item.id
        for start, end in [*item.paragraphs, *item.headings]:
            assert 0 <= start <= end <= len(item.text), (start, end, len(item.text))


def check_reason(reason: str) -> None:
    assert reason and reason.strip() == reason, repr(reason)
    assert "\n" not in reason and "\r" not in reason, repr(reason)
    assert len(reason) <= MAX_REASON_CHARS, reason[:200]


def read_file(path: Path, options: ReadOptions | None = None) -> list[Article | IngestError]:
    items = list(iter_articles([str(path)], options))
    check_items(items)
    return items


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return buffer.getvalue()


def tar_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tarred:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tarred.addfile(info, io.BytesIO(data))
    return buffer.getvalue()

"""Where inputs come from: files, folders, zip and tar archives, and standard input.

``iter_articles`` is the ingest entry point: every path becomes a stream of ``Article`` records
and ``IngestError`` records, in a stable order, and nothing unreadable stops the rest.
"""

from __future__ import annotations

import io
import os
import sys
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from kroniek.errors import InputError
from kroniek.ingest.formats import EXTENSIONS, SNIFF_BYTES, guess_format, reader_for
from kroniek.ingest.options import ReadOptions
from kroniek.models import Article, IngestError

STDIN = "-"
ARCHIVE_SEPARATOR = "!"  # "corpus.zip!nos/artikel.txt"
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
MAX_REASON_CHARS = 200  # library messages can span lines (tarfile) or quote kilobytes of input


def iter_articles(
    paths: Iterable[str], options: ReadOptions | None = None
) -> Iterator[Article | IngestError]:
    """Every article (or error) in the given paths, folders recursively, archives opened."""
    options = options or ReadOptions()
    for path in paths:
        if path == STDIN:
            yield from _read_stream(sys.stdin.buffer, "<stdin>", options)
            continue
        target = Path(path)
        if not target.exists():
            yield IngestError(path, "no such file or folder")
        elif target.is_dir():
            for file in walk_inputs(target):
                yield from _read_file(file, options)
        else:
            yield from _read_file(target, options)


def walk_inputs(folder: Path) -> Iterator[Path]:
    """Input files below a folder: known input extensions and extension-less files only, so a
    README or an image beside the articles is not mistaken for one (a file named explicitly is
    always read)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _is_input_name(name):
                yield Path(root) / name


def _is_input_name(name: str) -> bool:
    lowered = name.lower()
    if lowered.endswith(ZIP_SUFFIXES + TAR_SUFFIXES + tuple(EXTENSIONS)):
        return True
    return "." not in lowered


def _read_file(path: Path, options: ReadOptions, depth: int = 0) -> Iterator[Article | IngestError]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            yield IngestError(name, f"file over the {options.max_file_bytes} byte limit")
            return
        if name.lower().endswith(ZIP_SUFFIXES + TAR_SUFFIXES):
            yield from _read_archive(path.open("rb"), name, size, options, depth)
            return
        with path.open("rb") as stream:
            yield from _read_stream(stream, name, options)
    except OSError as error:
        yield IngestError(name, f"cannot read: {error.strerror or error}")


def _read_stream(
    stream: BinaryIO, name: str, options: ReadOptions
) -> Iterator[Article | IngestError]:
    """Dispatch one stream to its reader; peeks at the first bytes without consuming them."""
    buffered: Any = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)
    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    try:
        fmt = options.format or guess_format(name, head)
        reader = reader_for(fmt)
    except InputError as error:
        yield IngestError(name, str(error))
        return
    try:
        yield from reader(buffered, name, options)
    except InputError as error:
        yield IngestError(name, str(error))
    except Exception as error:
        yield IngestError(name, f"unreadable {fmt} input: {type(error).__name__}: {_line(error)}")


def _read_archive(
    raw: BinaryIO, name: str, size: int, options: ReadOptions, depth: int
) -> Iterator[Article | IngestError]:
    with raw:
        if depth >= options.max_archive_depth:
            yield IngestError(name, "archive nested too deeply")
            return
        try:
            members = list(_archive_members(raw, name, size, options))
        except InputError as error:
            yield IngestError(name, str(error))
            return
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            yield IngestError(name, f"corrupt archive: {_line(error)}")
            return
        for member_name, data in members:
            full = f"{name}{ARCHIVE_SEPARATOR}{member_name}"
            yield from _read_stream(io.BytesIO(data), full, options)


def _line(error: BaseException) -> str:
    """A library's error message as one bounded line, fit for an ``IngestError`` reason."""
    return " ".join(str(error).split())[:MAX_REASON_CHARS].strip()


def _archive_members(
    raw: BinaryIO, name: str, size: int, options: ReadOptions
) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of every regular file, guarding against archive bombs."""
    budget = min(options.max_archive_bytes, max(size, 1) * options.max_archive_ratio)
    total = 0
    for member_name, stream in _open_members(raw, name):
        data = stream.read(min(budget - total, options.max_article_bytes * 64) + 1)
        total += len(data)
        if total > budget:
            raise InputError(
                f"archive expands beyond {budget} bytes (compression ratio or size limit): "
                "refused as a possible archive bomb"
            )
        yield member_name, data


def _open_members(raw: BinaryIO, name: str) -> Iterator[tuple[str, BinaryIO]]:
    if name.lower().endswith(ZIP_SUFFIXES):
        with zipfile.ZipFile(raw) as zipped:
            for entry in sorted(zipped.infolist(), key=lambda i: i.filename):
                if not entry.is_dir() and not Path(entry.filename).name.startswith("."):
                    with zipped.open(entry) as member:
                        yield entry.filename, cast(BinaryIO, member)
        return
    with tarfile.open(fileobj=raw, mode="r:*") as tarred:
        for info in tarred:
            if info.isfile() and not Path(info.name).name.startswith("."):
                extracted = tarred.extractfile(info)
                if extracted is not None:
                    yield info.name, cast(BinaryIO, extracted)

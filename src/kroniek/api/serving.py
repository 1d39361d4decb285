"""How ``kroniek serve`` runs the app under uvicorn, in one process or several (``--workers``)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# uvicorn's fastest stack: the C HTTP parser (httptools) on libuv's event loop (uvloop). The pure
# Python parser (h11) cost about a millisecond of CPU per request.
LOOP = "uvloop"


class NoDelayProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with Nagle's algorithm off on every connection.

    With several workers, uvicorn binds the listening socket itself, without a protocol number,
    and asyncio then leaves Nagle's algorithm on for the connections it accepts (it only turns it
    off for sockets that say they are TCP). A response is written in two parts (head, body), so
    the second waited for the client's delayed acknowledgement: 40 ms added to every request.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


# A server holds its caches for long; CPython's full collection (of the oldest generation) walks
# every container it holds, and under load one ran every few hundred requests, 100-200 ms each with
# the event loop stopped: 16% of the server's CPU, and the worst of its latency. The settings
# below make that collection ten times rarer; request handling makes little cyclic garbage.
GC_THRESHOLDS = (700, 10, 100)  # CPython's defaults are (700, 10, 10)


def settle_heap() -> None:
    """Collect once, then keep what the process holds now (imports, the loaded columns) out of
    every later collection (``gc.freeze``), and collect the oldest generation rarely."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def preloaded(app: FastAPI) -> FastAPI:
    """``app``, loading its store's in-memory columns (``kroniek.store.columns``) in the
    background: the first timeline or facet request then does not wait a second or more for
    them. A failure is left to the first request, which loads them itself (or falls back to
    SQL). Then the heap is settled (``settle_heap``)."""
    store = app.state.store

    def load() -> None:
        with contextlib.suppress(Exception):
            store.columns()
        settle_heap()

    threading.Thread(target=load, name="kroniek-preload", daemon=True).start()
    return app


def worker_app() -> FastAPI:
    """The app of one worker process of ``kroniek serve --workers N`` (database from
    ``$KRONIEK_DB``, write token from ``$KRONIEK_TOKEN``, the answers shared with the other
    workers from ``$KRONIEK_SHARED_ANSWERS``), with its columns loading."""
    from kroniek.api.app import create_app
    from kroniek.api.shared_answers import ENV_SHARED

    shared = os.environ.get(ENV_SHARED)
    return preloaded(create_app(shared_answers=Path(shared) if shared else None))


SHARED_PREFIX = "kroniek-serve-"  # the temporary directory of a server's shared file
OWNER_FILE = "owner.pid"


@contextlib.contextmanager
def shared_directory(parent: Path | None = None) -> Iterator[Path]:
    """A temporary directory for the file the workers of one server share, removed when the
    server stops. It names its server's process; a directory left by a server that was killed
    (SIGKILL leaves it behind) is removed when the next server starts."""
    parent = parent or Path(tempfile.gettempdir())
    remove_stale(parent)
    with tempfile.TemporaryDirectory(prefix=SHARED_PREFIX, dir=parent) as made:
        (Path(made) / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        yield Path(made)


def remove_stale(parent: Path) -> list[Path]:
    """Remove the shared directories under ``parent`` whose server process is gone; the
    directories removed. One without an owner, or of a live process, is left alone."""
    removed = []
    for directory in parent.glob(SHARED_PREFIX + "*"):
        try:
            owner = int((directory / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if owner == os.getpid() or _alive(owner):
            continue
        shutil.rmtree(directory, ignore_errors=True)
        removed.append(directory)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True

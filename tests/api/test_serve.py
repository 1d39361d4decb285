"""`kroniek serve`: a real server process on localhost answering the API and the pages."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from kroniek.store.shared_cache import FILE_NAME
from tests.web.test_browser import _free_port

START_TIMEOUT_S = 30.0


def _serve(tmp_path: Path, *options: str) -> tuple[subprocess.Popen[str], int]:
    """``kroniek serve`` on a free port, once it answers (its temporary files under tmp/)."""
    port = _free_port()
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "KRONIEK_TOKEN": "", "TMPDIR": str(tmp_path / "tmp")}
    command = [sys.executable, "-c", "from kroniek.cli import main; main()", "serve",
               "--db", f"sqlite:///{tmp_path / 'k.db'}", "--port", str(port), *options]  # fmt: skip
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats") as response:
                assert response.status == 200 and b'"articles":0' in response.read()
                return server, port
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                message = f"kroniek serve did not start: {server.communicate()[1]}"
                raise AssertionError(message) from None
            time.sleep(0.2)


def test_serve_answers_on_localhost(tmp_path: Path) -> None:
    server, port = _serve(tmp_path)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            assert b"<h1>Search</h1>" in response.read()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in errors and "writes disabled" in errors


def test_workers_share_their_answers_in_a_file_removed_at_the_end(tmp_path: Path) -> None:
    server, port = _serve(tmp_path, "--workers", "2")
    try:
        for _ in range(4):  # the same answer, from whichever worker takes the connection
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/timeline") as response:
                assert response.status == 200
        shared = list((tmp_path / "tmp").glob(f"kroniek-serve-*/{FILE_NAME}"))
        assert len(shared) == 1
        with sqlite3.connect(shared[0]) as connection:
            kept = connection.execute("SELECT key FROM shared").fetchall()
        assert (b"answers\0/api/timeline?",) in kept
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert not list((tmp_path / "tmp").glob("kroniek-serve-*"))

"""`kroniek serve`: a real server process on localhost answering the API and the pages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.web.test_browser import _free_port

START_TIMEOUT_S = 30.0


def test_serve_answers_on_localhost(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "KRONIEK_TOKEN": ""}
    command = [sys.executable, "-c", "from kroniek.cli import main; main()", "serve",
               "--db", f"sqlite:///{tmp_path / 'k.db'}", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats") as response:
                    assert response.status == 200 and b'"articles":0' in response.read()
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "kroniek serve did not start"
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            assert b"<h1>Search</h1>" in response.read()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in errors and "writes disabled" in errors

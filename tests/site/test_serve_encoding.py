"""`mkdocs serve` keeps serving when a source file is not UTF-8, and says which file."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from support.harness import engine_command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_serve_answers_with_a_latin1_page_and_module(mini_project: Path) -> None:
    (mini_project / "content/guidelines/latin.md").write_bytes("# Café\n".encode("latin-1"))
    (mini_project / "curriculum/modules/gamma.md").write_bytes("---\nid: gamma\ntitle: Café\n---\n".encode("latin-1"))
    port = _free_port()
    server = subprocess.Popen(
        engine_command("serve", "--dev-addr", f"127.0.0.1:{port}", project=mini_project),
        cwd=mini_project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while _status(base) != 200:
            assert server.poll() is None, "serve stopped"
            assert time.monotonic() < deadline, "serve never answered"
            time.sleep(0.3)
        started = time.monotonic()
        assert _status(base + "workshops/alpha/") == 200
        assert _status(base + "guidelines/latin/") == 404, "the unreadable page is left out"
        assert time.monotonic() - started < 5, "requests do not hang"
    finally:
        server.terminate()
        _, log = server.communicate(timeout=20)
    assert "content/guidelines/latin.md:1: the file is not UTF-8 text" in log
    assert "curriculum/modules/gamma.md:3: the file is not UTF-8 text" in log
    assert "Traceback" not in log and "UnicodeDecodeError" not in log

"""`mkdocs serve` (or `properdocs serve`) rebuilds when a trainer saves a file outside docs_dir."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from support.harness import engine_command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize(
    ("path", "old", "new", "page"),
    [
        ("curriculum/modules/alpha.md", 'title: "Alpha: transparency"', 'title: "Alpha: openness"', "workshops/alpha/"),
        ("quizzes/alpha.yml", "What do you say first?", "What do you say at the very start?", "workshops/alpha/"),
        ("site_config/site.yml", "name: Mini Academy", "name: Renamed Academy", ""),
    ],
)
def test_serve_rebuilds_on_change(mini_project: Path, path: str, old: str, new: str, page: str) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        engine_command("serve", "--dev-addr", f"127.0.0.1:{port}", project=mini_project),
        cwd=mini_project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{page}"
        assert wait_for(url, "<html"), "the site is served"
        new_text = new.split(": ", 1)[-1].strip('"') if path.endswith((".md", "site.yml")) else new
        assert new_text not in fetch(url)
        source = mini_project / path
        time.sleep(1)  # let the watcher settle before the edit
        source.write_text(source.read_text().replace(old, new))
        assert wait_for(url, new_text), f"{page} was not rebuilt after {path} changed"
    finally:
        server.terminate()
        server.wait(timeout=20)

"""Shared fixtures: the real site built once per run, a loopback server, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = Path(os.environ.get("ACADEMY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"


def run(
    *args: str | Path, cwd: Path = ROOT, check: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command as a user would from a shell, with this environment's tools first on PATH."""
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("CI", None)  # commands under test print plain text unless a test asks otherwise
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def build(project: Path, site: Path, strict: bool = True, url: str | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build`; `url` is the address the site is served at (Material's instant navigation
    only follows links on the host of `site_url`)."""
    env = {"ACADEMY_SITE_URL": url} if url else None
    return run(BIN / "mkdocs", "build", *(["--strict"] if strict else []), "-d", site, cwd=project, env=env)


class Server:
    """A static file server on 127.0.0.1 (a secure context for WebCrypto, unlike file://)."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The shipped site, built strictly once per test run and served on loopback at its `site_url`."""
    site = tmp_path_factory.mktemp("site") / "site"
    site.mkdir()
    server = Server(site)
    result = build(ROOT, site, url=server.url)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    yield site, server.url
    server.close()


@pytest.fixture(scope="session")
def site_dir(served_site: tuple[Path, str]) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site: tuple[Path, str]) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; a skip with the reason, or a failure under CI=true."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make setup)")
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: browser tests must run)")
        pytest.skip(message)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context (empty localStorage) and page per test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A copy of the small valid project in tests/fixtures/mini, to break in a test."""
    target = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", target)
    return target

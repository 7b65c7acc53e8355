"""Shared fixtures: the real site built once per run, a loopback server, and Chromium."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine import alias_imports
from support.browser import watch
from support.harness import CHROMIUM, CHROMIUM_ARGS, IN_CI, ROOT, Server, build

# Under ProperDocs, tests that load a config in-process import `mkdocs.*` as the plugins do.
alias_imports()

# The project cache (core/cache.py) of this run's own: builds and CLI runs in subprocesses inherit
# it; the user's ~/.cache is never read or written by the tests.
os.environ["ACADEMY_CACHE_DIR"] = tempfile.mkdtemp(prefix="academy-cache-")
atexit.register(shutil.rmtree, os.environ["ACADEMY_CACHE_DIR"], True)


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
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The fixture project tests/fixtures/mini (two modules in one track), built strictly once per run
    and served on loopback: for the tool's own behaviour, whatever content the academy ships."""
    root = tmp_path_factory.mktemp("mini-site")
    project = shutil.copytree(ROOT / "tests" / "fixtures" / "mini", root / "project")
    site = root / "site"
    site.mkdir()
    server = Server(site)
    result = build(project, site, url=server.url)
    assert result.returncode == 0, f"strict build of the mini fixture failed:\n{result.stdout}\n{result.stderr}"
    yield site, server.url
    server.close()


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
    """A fresh browser context (empty localStorage) and page per test, with the probe that
    `support.browser.open_page` and `follow` wait on."""
    context = watch(chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True))
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

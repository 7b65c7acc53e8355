"""What the tests share: the project root, commands run as a user runs them, a loopback server."""

from __future__ import annotations

import contextlib
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
from typing import Any

import pytest

from engine import VENVS, command, executable

ROOT = Path(__file__).resolve().parents[2]
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


def engine_command(*args: str | Path, project: Path) -> list[str]:
    """The selected engine's command (`mkdocs` or `properdocs`, see bench/engine.py) on the project's
    mkdocs.yml: named with -f, since ProperDocs looks for a properdocs.yml first."""
    return [str(command()), *map(str, args), "-f", str(project / "mkdocs.yml")]


def installed(engine: str) -> Path:
    """An engine's command in its venv (see bench/engine.py); a skip, or a failure under CI=true,
    when that engine is not installed."""
    path = executable(engine)
    if path is None:
        message = f"{engine} is not installed: `ENGINE={engine} make setup` creates {VENVS[engine].name}/"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: both engines must be tested)")
        pytest.skip(message)
    return path


def build(project: Path, site: Path, strict: bool = True, url: str | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` or `properdocs build`, whichever ENGINE selects; `url` is the address the site
    is served at (Material's instant navigation only follows links on the host of `site_url`)."""
    env = {"ACADEMY_SITE_URL": url} if url else None
    args = engine_command("build", *(["--strict"] if strict else []), "-d", site, project=project)
    return run(*args, cwd=project, env=env)


def academy_theme(project: Path) -> Path:
    """Give a fixture project (tests/fixtures/mini) the academy's theme overrides and tabs, as every
    academy has them (`academy init` writes both): for tests of what the templates add."""
    shutil.copytree(ROOT / "site_config" / "overrides", project / "site_config" / "overrides")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  font: false", "  custom_dir: site_config/overrides\n  font: false", 1)
    text = text.replace("    - navigation.instant\n", "    - navigation.instant\n    - navigation.tabs\n", 1)
    config.write_text(text, encoding="utf-8")
    return project


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


@contextlib.contextmanager
def served_build(project: Path, site: Path) -> Iterator[str]:
    """`project` built strictly into `site` at the loopback address it is served on (so Material's
    instant navigation runs), served while the block runs; yields that address."""
    site.mkdir(exist_ok=True)
    server = Server(site)
    try:
        result = build(project, site, url=server.url)
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
        yield server.url
    finally:
        server.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serious_violations(result: dict[str, Any]) -> list[str]:
    """The serious and critical violations of an axe-core run, one line each with where they are."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]

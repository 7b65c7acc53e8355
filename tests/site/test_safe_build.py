"""`make build` keeps the last good site when a build fails late or is killed."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.harness import BIN, ROOT, engine_command, run


def make_build_command() -> list[str]:
    """The command `make build` runs, read from the Makefile itself (dry run)."""
    venv = Path(sys.executable).parent.parent
    # --no-print-directory: under `make test` this is a nested make, which would add "make[1]: …" lines.
    result = run("make", "--no-print-directory", "-n", "build", f"VENV={venv}", cwd=ROOT, check=True)
    return shlex.split(result.stdout.strip().splitlines()[-1])


def make_build(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run(*make_build_command(), cwd=project, env=env)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.*"))


def test_make_build_builds_the_site(mini_project: Path) -> None:
    result = make_build(mini_project)
    assert result.returncode == 0, result.stderr
    assert (mini_project / "site/workshops/alpha/index.html").is_file()
    assert leftovers(mini_project) == []


def test_a_build_that_fails_after_mkdocs_cleaned_its_folder_keeps_the_last_good_site(mini_project: Path) -> None:
    assert make_build(mini_project).returncode == 0
    good = (mini_project / "site/workshops/alpha/index.html").read_text()
    # A mistake only MkDocs itself finds, once it has emptied its output folder: a nav entry
    # for a page that does not exist.
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Progress: progress.md", "  - Progress: progress.md\n  - Gone: gone.md"))
    plain = run(*engine_command("build", "--strict", "-d", mini_project / "plain", project=mini_project), cwd=mini_project)
    assert plain.returncode == 1 and "gone.md" in plain.stderr, "the mistake does fail a strict build"
    result = make_build(mini_project)
    assert result.returncode == 1
    assert "the last good site is still in place" in result.stderr
    assert (mini_project / "site/workshops/alpha/index.html").read_text() == good
    assert leftovers(mini_project) == []


SLOW_HOOK = """
import time

def on_post_build(config):
    time.sleep(60)  # the test kills the build here: every page is written, the swap is not done
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_keeps_the_last_good_site(mini_project: Path, how: signal.Signals) -> None:
    assert make_build(mini_project).returncode == 0
    good = (mini_project / "site/workshops/alpha/index.html").read_text()
    module = mini_project / "curriculum/modules/alpha.md"
    module.write_text(module.read_text().replace('title: "Alpha: transparency"', 'title: "Alpha: renamed"'))
    (mini_project / "slow_hook.py").write_text(SLOW_HOOK)
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - slow_hook.py\n")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        make_build_command(), cwd=mini_project, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while not list(mini_project.glob(".site.building-*/workshops/alpha/index.html")):
            assert time.monotonic() < deadline, "the build did not start writing"
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.1)
        time.sleep(0.5)
        os.killpg(process.pid, how)  # the whole build, as a terminal's Ctrl-\ or an OOM kill would
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert (mini_project / "site/workshops/alpha/index.html").read_text() == good
    # The next build cleans up what the killed one left and swaps in the new site.
    config.write_text(config.read_text().replace("hooks:\n  - slow_hook.py\n", ""))
    result = make_build(mini_project)
    assert result.returncode == 0, result.stderr
    assert "Alpha: renamed" in (mini_project / "site/workshops/alpha/index.html").read_text()
    assert leftovers(mini_project) == []

"""LinkChecker over the built site served on loopback: zero broken links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.harness import BIN, run


def test_linkchecker_finds_no_broken_link(site_dir: Path, site_url: str) -> None:
    linkchecker = BIN / "linkchecker"
    if not linkchecker.exists() and not shutil.which("linkchecker"):
        pytest.fail("linkchecker is not installed: run make setup")
    result = run(
        linkchecker,
        "--no-warnings",
        "--no-status",
        "--threads",
        "8",
        site_url,
    )
    # The report goes to stdout: run as root, LinkChecker drops to `nobody`, who cannot write
    # into pytest's private temporary folders.
    assert result.returncode == 0, f"broken links:\n{result.stdout[-8000:]}\n{result.stderr[-2000:]}"
    assert " 0 errors found" in result.stdout
    checked = int(result.stdout.rsplit(" links in ", 1)[0].rsplit("\n", 1)[-1].split()[-1])
    pages = len(list(site_dir.rglob("*.html")))
    assert checked >= pages, f"LinkChecker walked the whole site: {checked} URLs for {pages} pages"

"""LinkChecker over the built site served on loopback: zero broken links."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import BIN, run  # noqa: E402


def test_linkchecker_finds_no_broken_link(site_url: str, tmp_path: Path) -> None:
    linkchecker = BIN / "linkchecker"
    if not linkchecker.exists() and not shutil.which("linkchecker"):
        pytest.fail("linkchecker is not installed: run make setup")
    result = run(
        linkchecker, "--no-warnings", "--no-status", "--threads", "8", "--file-output", f"text/utf-8/{tmp_path / 'report.txt'}",
        site_url,
    )
    report = (tmp_path / "report.txt").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, f"broken links:\n{report[-6000:]}\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    assert "0 errors found" in report or "0 errors found" in result.stdout

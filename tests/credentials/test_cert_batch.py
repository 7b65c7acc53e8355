"""Batches at the command line: the progress bar on a terminal (and none when piped), lines as
they happen, the verify table and CSV of verdicts, PDFs rendered on every core."""

from __future__ import annotations

import csv
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from support.certkit import ROOT, academy

ISSUED = ".academy/issued"


def _roster(project: Path, count: int) -> Path:
    lines = ["name,email", *(f"Learner {i:03d},learner{i:03d}@example.org" for i in range(count))]
    (project / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project / "roster.csv"


def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal and stdout piped: (code, stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ACADEMY_LEDGER", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "academy.cli", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=slave
    )
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    out = child.stdout.read().decode() if child.stdout else ""
    code = child.wait(timeout=120)
    os.close(master)
    return code, out, screen.decode(errors="replace")


def test_issuing_shows_a_progress_bar_on_a_terminal_and_nothing_when_piped(keyed: Path) -> None:
    _roster(keyed, 30)
    code, out, screen = _on_a_terminal(
        ["issue", "--roster", "roster.csv", "--certificate", "basics-certificate"], keyed
    )
    assert code == 0, screen
    assert "issuing" in screen and "30/30" in screen, screen
    assert out.count("issued   urn:uuid:") == 30 and "30 issued, 0 already issued." in out
    again = academy("issue", "--roster", "roster.csv", "--certificate", "basics-certificate", cwd=keyed)
    assert again.returncode == 0 and "30 already issued" in again.stdout
    assert "issuing" not in again.stderr and "/30" not in again.stderr, "no bar when stderr is not a terminal"


def test_lines_of_a_long_issuance_appear_as_they_happen(keyed: Path) -> None:
    _roster(keyed, 40)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ACADEMY_LEDGER", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "academy.cli", "issue", "--roster", "roster.csv", "--certificate", "basics-certificate"],
        cwd=keyed,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    # The first line arrives while the run still has certificates to write: not all at the end.
    pdfs_then = len(list((keyed / ISSUED).glob("*.pdf")))
    rest = child.stdout.read()
    assert child.wait(timeout=300) == 0
    assert first.startswith("issued   urn:uuid:"), first
    assert pdfs_then < 40, "the first line came only after every certificate was written"
    assert (first + rest).count("issued   urn:uuid:") == 40
    assert academy("ledger", "check", cwd=keyed).returncode == 0


def test_verify_a_folder_prints_a_table_and_writes_a_csv_of_verdicts(keyed: Path) -> None:
    _roster(keyed, 3)
    assert academy("issue", "--roster", "roster.csv", "--certificate", "basics-certificate", cwd=keyed).returncode == 0
    folder = keyed / "received"
    folder.mkdir()
    files = sorted((keyed / ISSUED).glob("*.json"))
    for path in files:
        (folder / path.name).write_bytes(path.read_bytes())
    tampered = json.loads(files[0].read_text())
    tampered["credentialSubject"]["name"] = "=HYPERLINK(\"http://evil\")"
    (folder / files[0].name).write_text(json.dumps(tampered), encoding="utf-8")
    result = academy("verify", "received", "--csv", "verdicts.csv", cwd=keyed)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["file", "verdict", "name"]
    assert sum(" valid " in f" {line} " for line in lines[1:4]) == 2
    assert "3 checked: 1 tampered, 2 valid" in result.stdout
    assert "wrote 3 verdict(s) to verdicts.csv" in result.stdout
    text = (keyed / "verdicts.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["verdict"] for r in rows].count("valid") == 2 and len(rows) == 3
    bad = next(r for r in rows if r["verdict"] != "valid")
    assert bad["verdict"] == "tampered" and bad["reason"], bad
    assert not any(r["name"].startswith("=") for r in rows), "formulas are defused in the CSV"
    assert {r["credential_id"] for r in rows if r["verdict"] == "valid"} <= {
        json.loads(p.read_text())["id"] for p in files
    }


def test_pdfs_rendered_on_a_pool_are_those_rendered_here() -> None:
    from datetime import UTC, datetime

    from academy.credentials.documents import pdf, qr

    texts = [
        pdf.CertificateText(
            name=f"Learner {i}",
            achievement="Certified Basics",
            description="Knows the guidelines.",
            issuer="Example",
            organisation="Example",
            issued=datetime(2026, 1, 2, tzinfo=UTC),
            valid_until=None,
            credential_id=f"urn:uuid:{i}",
            verify_url="https://example.org/verify/",
            qr_url=f"https://example.org/verify/#{i}",
        )
        for i in range(pdf.PARALLEL_FROM)
    ]
    jobs = [(t, qr.make(t.qr_url)) for t in texts]
    pooled = list(pdf.render_all(jobs, workers=2))
    here = [pdf.render(*job) for job in jobs]
    strip = [b"/CreationDate", b"/ID"]

    def stable(data: bytes) -> list[bytes]:
        return [line for line in data.split(b"\n") if not any(s in line for s in strip)]

    assert [stable(p) for p in pooled] == [stable(h) for h in here]
    assert len(set(pooled)) == len(pooled), "each certificate has its own PDF"

"""A batch issuance killed (SIGKILL) at random points, as a user's `academy issue` run: nothing is half-issued.

After each kill the ledger rows are pending or issued (an issued row has both its files, whole);
`academy ledger check` reports what the dead run reserved, `--repair` finishes it, and the check is
then clean; issuing the same
roster again completes the rest, with one certificate per attendee and no duplicate.
ACADEMY_KILL_N sets the batch size (default 60; run it by hand with 1000).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from support.certkit import ROOT, academy

ISSUED = ".academy/issued"
LEDGER = ".academy/ledger.sqlite3"
COUNT = int(os.environ.get("ACADEMY_KILL_N", "60"))


def _rows(project: Path) -> list[tuple[str, str, str, str]]:
    path = project / LEDGER
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        return list(db.execute("SELECT id, email, state, credential FROM credentials"))


def _consistent(project: Path) -> None:
    """Every row is pending or issued; every issued row has its JSON (the ledger's) and its PDF."""
    for credential_id, _email, state, credential in _rows(project):
        assert state in ("pending", "issued"), (credential_id, state)
        if state == "issued":
            uuid = credential_id.removeprefix("urn:uuid:")
            json_path, pdf_path = project / ISSUED / f"{uuid}.json", project / ISSUED / f"{uuid}.pdf"
            assert json.loads(json_path.read_text(encoding="utf-8")) == json.loads(credential), credential_id
            assert pdf_path.read_bytes().startswith(b"%PDF") and b"%%EOF" in pdf_path.read_bytes()[-64:]


def _start(project: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ACADEMY_LEDGER", None)
    return subprocess.Popen(
        [sys.executable, "-m", "academy.cli", "issue", "--roster", "roster.csv", "--certificate", "basics-certificate"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_batch_leaves_nothing_half_issued_and_a_rerun_completes_it(keyed: Path) -> None:
    lines = ["name,email", *(f"Learner {i:05d},learner{i:05d}@example.org" for i in range(COUNT))]
    (keyed / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    chance = random.Random(os.environ.get("ACADEMY_KILL_SEED", str(time.time_ns())))
    killed_with_pending = 0
    for _ in range(3):
        run = _start(keyed)
        # Wait for the run to reach its writing step most times (rows reserved), then kill it at a random moment.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None and not _rows(keyed):
            time.sleep(0.05)
        time.sleep(chance.uniform(0, 1.5))
        if run.poll() is not None:
            break  # finished before the kill: the checks below still hold
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        _consistent(keyed)
        killed_with_pending += any(state == "pending" for _, _, state, _ in _rows(keyed))
        pending = [i for i, _, state, _ in _rows(keyed) if state == "pending"]
        check = academy("ledger", "check", cwd=keyed)  # reports what the dead run reserved, changes nothing
        assert all(i in check.stderr + check.stdout for i in pending)
        assert check.returncode == (1 if pending else check.returncode)
        repair = academy("ledger", "check", "--repair", cwd=keyed)
        _consistent(keyed)
        assert all(state == "issued" for _, _, state, _ in _rows(keyed)), repair.stdout + repair.stderr
        again = academy("ledger", "check", cwd=keyed)
        assert again.returncode == 0, again.stdout + again.stderr
    rerun = academy("issue", "--roster", "roster.csv", "--certificate", "basics-certificate", cwd=keyed)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    rows = _rows(keyed)
    emails = [email for _, email, _, _ in rows]
    assert len(rows) == COUNT and len(set(emails)) == COUNT, (len(rows), len(set(emails)))
    _consistent(keyed)
    assert all(state == "issued" for _, _, state, _ in rows)
    assert sorted(p.stem for p in (keyed / ISSUED).glob("*.pdf")) == sorted(i.removeprefix("urn:uuid:") for i, *_ in rows)
    assert not list((keyed / ISSUED).glob(".*.tmp"))
    final = academy("ledger", "check", cwd=keyed)
    assert final.returncode == 0, final.stdout + final.stderr

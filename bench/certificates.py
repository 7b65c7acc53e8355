"""Certificate benchmarks (run by hand: `make bench`); prints a table, asserts nothing.

(a) `academy issue --roster` of 1,000 attendees: credentials, QR codes and PDFs, one batch;
(b) `academy verify -q` of 10,000 distinct credentials (the 1,000 issued plus 9,000 signed here)
    in one run, against the project's issuer profile and status list.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "credentials" / "fixtures" / "project"
sys.path.insert(0, str(ROOT / "plugins"))

from academy.core.project import load_project  # noqa: E402
from academy.credentials import dates, ob3, statuslist  # noqa: E402
from academy.credentials.canonical import dumps  # noqa: E402
from academy.credentials.issue import sign  # noqa: E402
from academy.credentials.keys import KeyStore  # noqa: E402


def measure(*command: str | Path, cwd: Path) -> tuple[float, float, str]:
    """Wall time (s), peak memory (MiB) and output of one command in its own child process."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "sys.stderr.write(done.stderr)\n"
        "print(done.returncode, elapsed, peak)\n"
        "print(done.stdout[-2000:])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", wrapper, *map(str, command)], cwd=cwd, capture_output=True, text=True, env=env
    )
    first, _, rest = run.stdout.partition("\n")
    code, elapsed, peak = first.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{run.stderr[-3000:]}")
    return float(elapsed), float(peak), rest


def more_credentials(project: Path, target: Path, count: int) -> float:
    """Sign `count` further distinct credentials into `target`; returns seconds spent."""
    import time

    loaded = load_project(project)
    site = loaded.site
    assert site is not None
    rule = loaded.certificates["basics-certificate"]
    store = KeyStore(project, site.issuer.id)
    key, private = store.signing_key()
    list_url = statuslist.list_url(site.url)
    start = time.perf_counter()
    now = dates.utcnow()
    for i in range(count):
        credential_id = f"urn:uuid:{uuid.uuid4()}"
        document = ob3.build_credential(
            credential_id=credential_id,
            issuer=ob3.issuer_ref(site),
            achievement=ob3.achievement_for(rule, site.url),
            recipient=ob3.Recipient(f"Learner {i}", f"learner{i}@example.org"),
            salt=ob3.new_salt(),
            valid_from=now,
            valid_until=dates.add_months(now, 24),
            status=statuslist.entry(list_url, 100_000 + i % 30_000),
        )
        (target / f"extra-{i:05d}.json").write_text(dumps(sign(document, key, private, now)), encoding="utf-8")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue", type=int, default=1000, help="certificates to issue with PDFs (default 1000)")
    parser.add_argument("--verify", type=int, default=10_000, help="credentials to verify (default 10000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(PROJECT, project)
        academy = [sys.executable, "-m", "academy.cli"]
        measure(*academy, "keys", "generate", cwd=project)
        roster = project / "roster.csv"
        lines = ["name,email"] + [f"Learner {i:05d},learner{i:05d}@example.org" for i in range(args.issue)]
        roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
        issue_s, issue_mib, _ = measure(
            *academy, "issue", "--roster", roster, "--certificate", "basics-certificate", cwd=project
        )
        issued = project / ".academy" / "issued"
        pdfs = list(issued.glob("*.pdf"))
        pdf_kib = sum(p.stat().st_size for p in pdfs) / max(len(pdfs), 1) / 1024
        folder = Path(scratch) / "verify"
        folder.mkdir()
        for path in issued.glob("*.json"):
            shutil.copy(path, folder / path.name)
        extra = max(args.verify - len(pdfs), 0)
        sign_s = more_credentials(project, folder, extra)
        verify_s, verify_mib, out = measure(*academy, "verify", "-q", folder, cwd=project)
        checked = out.strip().splitlines()[-1] if out.strip() else "?"
        sample = json.loads(next(issued.glob("*.json")).read_text())
        rows = [
            ("issue with PDFs (academy issue --roster)", len(pdfs), issue_s, issue_mib),
            ("sign only (library, no PDF)", extra, sign_s, float("nan")),
            ("verify (academy verify -q FOLDER)", args.verify, verify_s, verify_mib),
        ]
    print(f"Certificate benchmarks — Python {platform.python_version()}, {os.cpu_count()} CPU(s), {platform.machine()}")
    print(f"{'task':<44} {'count':>7} {'wall s':>9} {'ms each':>9} {'peak MiB':>9}")
    for name, count, seconds, mib in rows:
        each = seconds / count * 1000 if count else float("nan")
        print(f"{name:<44} {count:>7} {seconds:>9.2f} {each:>9.2f} {mib:>9.1f}")
    print(f"PDF size: {pdf_kib:.1f} KiB on average; credential JSON: {len(json.dumps(sample))} bytes")
    print(f"verify summary: {checked}")


if __name__ == "__main__":
    main()

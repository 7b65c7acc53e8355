"""`academy report`, `academy ledger expiring | erase | prune` run from a shell, as the hub runs them,
on a ledger filled by the real intake (`academy issue --requests` and `--roster`)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.certkit import academy, write_json
from support.harness import build
from support.requestkit import EXAM, genuine

LEARNERS = [
    ("Ana Ruiz", "ana.ruiz@example.com", None),
    ("Ed <script>alert(1)</script>", "ed.x@example.com", 3),
    ("Zoë O'Brien & Co", "zoe.obrien@example.com", None),
]
COHORT = "<img src=x onerror=alert(1)> & co"
ROSTER = [
    ("Flo Berg", "flo.berg@example.com", "Legal", "pilot-2026"),
    ("Gus Lind", "gus.lind@example.com", "Legal", ""),
]


def fill(project: Path) -> None:
    """Three requests (two passes, one fail), one damaged file, and a roster with department and cohort."""
    folder = project / "requests"
    folder.mkdir()
    now = datetime.now(UTC).replace(microsecond=0)
    for n, (name, email, right) in enumerate(LEARNERS):
        data = genuine(project, email=email, name=name, right=right, submitted=now - timedelta(hours=2 + n))
        if right is not None:
            data["cohort"] = COHORT  # learner text that the report shows
        write_json(folder / f"request-{n}.json", data)
    (folder / "request-broken.json").write_text('{"format": "academy-request/1", "learner": ', encoding="utf-8")
    issued = academy("issue", "--requests", "requests", cwd=project)
    assert issued.returncode == 1, issued.stdout  # 1: one file was refused
    assert "2 issued, 1 failed, 0 held, 0 already processed, 1 refused." in issued.stdout
    assert "requests/request-broken.json: line 1" in issued.stderr and "not valid JSON" in issued.stderr  # named
    rows = "".join(f"{n},{e},{d},{c}\n" for n, e, d, c in ROSTER)
    (project / "roster.csv").write_text("name,email,department,cohort\n" + rows, encoding="utf-8")
    roster = academy("issue", "--roster", "roster.csv", "--certificate", EXAM, cwd=project)
    assert roster.returncode == 0, roster.stderr


def test_the_report_from_a_shell(keyed: Path) -> None:
    fill(keyed)
    result = academy("report", cwd=keyed)
    assert result.returncode == 0, result.stderr
    today = datetime.now(UTC).date().isoformat()
    path = keyed / ".academy" / "reports" / f"report-{today}.html"
    assert f"wrote .academy/reports/report-{today}.html" in result.stdout
    assert "4 certificate(s) issued, 3 attempt(s), 0 certificate(s) expiring within 90 days" in result.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    html = path.read_text(encoding="utf-8")
    # Learner text is escaped; nothing is loaded from anywhere.
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in html
    assert not re.search(r"<[^>]*\s(src|href)=[\"']?(https?:|//)", html), "nothing is loaded from anywhere"
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert _urls(html) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # XML namespaces only
    # One chart per table at least: every figure is followed by its table.
    assert html.count('<figure class="chart"') >= 5
    assert html.count('<figure class="chart"') == html.count('data-table="')


def _urls(html: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>)]+", html))


def test_the_report_never_goes_into_the_site_or_the_pages(keyed: Path) -> None:
    fill(keyed)
    for target in ("site/report.html", "content/private/report.html", "site"):
        result = academy("report", "--out", target, cwd=keyed)
        assert result.returncode == 1
        assert "holds personal data and must never go into" in result.stderr
    assert not (keyed / "site").exists() and not (keyed / "content" / "private").exists()


def test_items_renewals_erasure_and_nothing_personal_in_the_built_site(keyed: Path, tmp_path: Path) -> None:
    fill(keyed)
    items = academy("report", "--items", cwd=keyed)
    assert items.returncode == 0, items.stderr
    assert "flag(s) on" in items.stdout and "from 3 stored request(s) (all time)." in items.stdout

    expiring = academy("ledger", "expiring", "--within", "800d", cwd=keyed)
    assert expiring.returncode == 0, expiring.stderr
    rows = list(csv.DictReader(io.StringIO(expiring.stdout)))
    assert list(rows[0]) == [
        "name",
        "email",
        "department",
        "certificate",
        "certificate_id",
        "expires",
        "days_left",
        "verify_url",
    ]
    by_email = {r["email"]: r for r in rows}
    assert set(by_email) == {
        "ana.ruiz@example.com",
        "zoe.obrien@example.com",
        "flo.berg@example.com",
        "gus.lind@example.com",
    }
    assert by_email["flo.berg@example.com"]["department"] == "Legal"  # from the roster's column
    assert by_email["ana.ruiz@example.com"]["department"] == "Sales"  # from the request
    assert all(r["verify_url"].startswith("https://academy.test.example/verify/#s=") for r in rows)
    assert all(729 <= int(r["days_left"]) <= 731 for r in rows)  # 24 months
    assert academy("ledger", "expiring", "--within", "30d", cwd=keyed).stdout.count("\n") == 1  # header only
    assert academy("ledger", "expiring", "--within", "soon", cwd=keyed).returncode == 2

    erased = academy("ledger", "erase", "--learner", "Ana.Ruiz@example.com", cwd=keyed)
    assert erased.returncode == 0, erased.stderr
    assert (
        "erased ana.ruiz@example.com: removed the name and e-mail address from 1 certificate(s) and 1 attempt(s)"
        in (erased.stdout)
    )
    assert "kept, without name or address:" in erased.stdout
    ledger = (keyed / ".academy" / "ledger.sqlite3").read_bytes()
    assert b"Ana Ruiz" not in ledger and b"ana.ruiz@example.com" not in ledger
    assert b"zoe.obrien@example.com" in ledger
    again = academy("report", cwd=keyed)
    assert "4 certificate(s) issued, 3 attempt(s)" in again.stdout  # the counts did not change
    assert academy("ledger", "erase", "--learner", "ana.ruiz@example.com", cwd=keyed).returncode == 1
    # The erased certificate's files are gone on purpose: the ledger check does not ask for them back.
    check = academy("ledger", "check", cwd=keyed)
    assert check.returncode == 0, check.stdout + check.stderr

    site = tmp_path / "site"
    built = build(keyed, site)
    assert built.returncode == 0, built.stderr
    texts = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    assert texts
    for name, email, _ in LEARNERS:
        for needle in (name, email, json.dumps(name)[1:-1]):
            assert not any(needle.encode() in t for t in texts), needle
    for name, email, _, _ in ROSTER:
        assert not any(name.encode() in t or email.encode() in t for t in texts), name


def test_prune_from_a_shell(keyed: Path) -> None:
    fill(keyed)
    no_setting = academy("ledger", "prune", cwd=keyed)
    assert no_setting.returncode == 1 and "report.request_retention_months" in no_setting.stderr
    kept = academy("ledger", "prune", "--months", "1", cwd=keyed)
    assert kept.returncode == 0 and "removed 0 stored request(s)" in kept.stdout
    site = keyed / "site_config" / "site.yml"
    site.write_text(site.read_text() + "report:\n  request_retention_months: 6\n  min_group_size: 3\n")
    assert academy("validate", cwd=keyed).returncode in {0, 1}  # the settings fit the schema ...
    assert "report" not in academy("validate", cwd=keyed).stdout  # ... with no problem about them
    result = academy("report", "--out", "private/r.html", cwd=keyed)
    assert result.returncode == 0, result.stderr
    assert os.stat(keyed / "private" / "r.html").st_mode & 0o077 == 0


def test_the_report_applies_the_retention_setting(project: Path) -> None:
    """Requests received before now − 1 month go when the report is made; their attempts stay counted."""
    import sqlite3

    from academy.credentials import dates
    from support.ledgerkit import ATTEMPTS, build_ledger

    ledger, _ = build_ledger(project)
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text() + "report:\n  request_retention_months: 1\n")
    cutoff = dates.to_text(dates.add_months(datetime.now(UTC), -1))
    old = sum(1 for a in ATTEMPTS if f"{a[2]}T10:05:00Z" < cutoff)  # received 5 minutes after submitting
    result = academy("report", "--out", "private/r.html", cwd=project)
    assert result.returncode == 0, result.stderr
    if old:
        assert f"removed {old} stored request(s) older than 1 months" in result.stdout
    db = sqlite3.connect(ledger.path)
    assert db.execute("SELECT count(*) FROM attempts WHERE request = ''").fetchone() == (old,)
    assert db.execute("SELECT count(*) FROM attempts").fetchone() == (len(ATTEMPTS),)
    db.close()
    assert f"{len(ATTEMPTS)} attempt(s)" in result.stdout

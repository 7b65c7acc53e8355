"""The reminders of `academy ledger expiring`: CSV for a mail merge, a table for a terminal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.report.figures import expiring
from academy.report.renewals import Links, parse_within, reminders, to_csv, to_table
from academy.report.store import load
from support.ledgerkit import NOW, build_ledger


def test_within_takes_days_and_weeks() -> None:
    assert (parse_within("60d"), parse_within("60"), parse_within("8w")) == (60, 60, 56)
    for wrong in ("", "0d", "soon", "-5d", "1.5d"):
        with pytest.raises(ValueError, match="write a number of days"):
            parse_within(wrong)


def test_reminders_as_csv_and_as_a_table(project: Path) -> None:
    ledger, ids = build_ledger(project)
    rows = reminders(expiring(load(ledger, responses=False), NOW, 60), Links(load_project(project)))
    # C1 (20 days) and C2 (50 days); C3 ends in 80 days, C5 is revoked.
    assert [(r.name, r.department, r.certificate_id, r.days_left) for r in rows] == [
        ("Ana Ruiz", "Sales", ids["C1"], 20),
        ("Di Novak", "Sales", ids["C2"], 50),
    ]
    # No signing key in the project: the link is the verify page (the holder drops the .json there).
    assert {r.verify_url for r in rows} == {"https://academy.test.example/verify/"}
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert parsed[0]["email"] == "ana.ruiz@example.com" and parsed[1]["expires"] == "2027-01-20"
    table = to_table(rows, 60, NOW).splitlines()
    assert table[0].split() == ["expires", "days", "name", "e-mail", "department", "certificate"]
    assert table[1].startswith("2026-12-21  20    Ana Ruiz")
    assert table[-1].startswith("2 certificate(s) expire within 60 days of 2026-12-01.")


def test_a_formula_in_a_name_is_defused_in_the_csv(project: Path) -> None:
    from academy.report.renewals import Reminder

    row = Reminder('=HYPERLINK("http://x")', "a@example.com", "@dept", "T", "urn:uuid:1", "2027-01-01", 3, "u")
    line = to_csv([row]).splitlines()[1]
    assert line.startswith("\"'=HYPERLINK(") and ",'@dept," in line

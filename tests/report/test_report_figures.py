"""Every figure of the report and of the item analysis, against values worked out by hand.

The data are in ledgerkit.py (its docstring has the two tables). Rest-scores below are in
thirds: the share of the other three questions a request got right (0, 1, 2 or 3 thirds).
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.report import figures, items
from academy.report.build import build
from academy.report.figures import Period
from academy.report.store import load
from support.ledgerkit import EXAM, NOW, build_ledger, small_groups

OCT_NOV = Period(date(2026, 10, 1), date(2026, 11, 30))


@pytest.fixture
def report(project: Path):
    small_groups(project, 2)
    ledger, ids = build_ledger(project)
    return build(load_project(project), load(ledger), OCT_NOV, NOW)


def test_certificates_per_month_certificate_and_department(report) -> None:
    # C1 in October; C2, C3 and C5 in November; C4 (September) is before the period.
    assert report.certificates == 4
    assert report.per_month == [("2026-10", 1), ("2026-11", 3)]
    # Two of each; equal counts in title order.
    assert report.per_certificate == [("Alpha Practitioner", 2), ("Certified Basics", 2)]
    # Sales: L1 (C1) and L4 (C2), from their requests. Legal (L6) and Marketing (L8) have one
    # person each, under the minimum of 2, so they are pooled: 2 groups, 2 people, 2 certificates.
    assert report.departments.rows == [("Sales", 2, 2)]
    assert report.departments.other == (2, 2, 2)
    assert report.departments.hidden == 0


def test_small_departments_are_hidden_under_the_default_minimum(project: Path) -> None:
    ledger, _ = build_ledger(project)
    report = build(load_project(project), load(ledger), OCT_NOV, NOW)
    # Minimum 5 (the default): Sales 2, Legal 1, Marketing 1 people; pooled 4 < 5, so all hidden.
    assert report.min_group_size == 5
    assert report.departments.rows == [] and report.departments.other is None and report.departments.hidden == 3


def test_exam_attempts_pass_rates_attempts_to_pass_and_days(report) -> None:
    (exam,) = report.exams
    assert (exam.certificate, exam.attempts, exam.learners) == (EXAM, 6, 5)
    # a2 and a5 reached 80 %: 2 of 6 = 33.3 %.
    assert (exam.passed, exam.certified, exam.held) == (2, 2, 0)
    assert exam.pass_rate == pytest.approx(100 * 2 / 6)
    # L1 passed at the 2nd attempt, L4 at the 1st: median 1.5.
    assert exam.attempts_to_pass == [1, 2] and exam.median_attempts == 1.5
    # C1: 2026-10-10 12:00 − a1 2026-10-05 10:00 = 5 days 2 hours = 5.0833 days;
    # C2: 2026-11-15 11:00 − a5 2026-11-15 10:00 = 1 hour = 0.0417 days. Median 2.5625.
    assert exam.days_to_certificate == pytest.approx([1 / 24, 5 + 2 / 24])
    assert exam.median_days == pytest.approx((1 / 24 + 5 + 2 / 24) / 2)
    assert report.days == [
        ("under 1 day", 1),
        ("1 to 7 days", 1),
        ("8 to 30 days", 0),
        ("31 to 90 days", 0),
        ("over 90 days", 0),
    ]


def test_expiring_in_30_60_90_days(report) -> None:
    # From 2026-12-01: C1 ends in 20 days, C2 in 50, C3 in 80; C5 is revoked, C4 never ends.
    assert [(e.certificate.name, round(e.days_left)) for e in report.expiring] == [
        ("Ana Ruiz", 20),
        ("Di Novak", 50),
        ("Flo Berg", 80),
    ]
    assert report.windows == [("Alpha Practitioner", [0, 0, 1]), ("Certified Basics", [1, 2, 2])]


def test_cohorts(report) -> None:
    pilot, untagged = report.cohorts
    # pilot: a1 (50), a2 (100), a3 (75); first attempts a1, a3 (none passed); learners L1, L2
    # and L6 (roster C3); certificates C1 (a2's cohort) and C3.
    assert (pilot.cohort, pilot.learners, pilot.attempts, pilot.passed) == ("pilot", 3, 3, 1)
    assert pilot.pass_rate == pytest.approx(100 / 3) and pilot.first_pass_rate == 0
    assert (pilot.median_score, pilot.certificates) == (75, 2)
    # untagged: a4 (75), a5 (100), a6 (25), all first attempts, a5 passed; learners L3, L4, L5, L8.
    assert (untagged.cohort, untagged.learners, untagged.attempts, untagged.passed) == (figures.NO_COHORT, 4, 3, 1)
    assert untagged.pass_rate == pytest.approx(100 / 3) and untagged.first_pass_rate == pytest.approx(100 / 3)
    assert (untagged.median_score, untagged.certificates) == (75, 2)


def _item(report, qid: str) -> items.ItemStats:
    (exam,) = report.items.exams
    return next(i for i in exam.items if i.id == qid)


def test_item_difficulty_and_discrimination_by_hand(report) -> None:
    (exam,) = report.items.exams
    assert exam.requests == 6 and exam.retired == 0
    # Q1 credits 1 1 1 0 1 1 (a1..a6), rest-scores 1 3 2 3 3 0 thirds (mean 2).
    # dx = 1/6 ×5 and −5/6; dy = −1 1 0 1 1 −2; Σdxdy = (1/6)(−1) − 5/6 = −1; Σdx² = 5/6; Σdy² = 8.
    # r = −1 / √(5/6 · 8) = −0.3873. Upper/lower: k = round(0.27 · 6) = 2; by rest-score a2 a4 a5 a3 a1 a6
    # (ties: older attempt first): upper a2, a4 → 0.5; lower a1, a6 → 1; D = −0.5.
    q1 = _item(report, "alpha/first-words")
    assert q1.n == 6 and q1.difficulty == pytest.approx(5 / 6)
    assert q1.point_biserial == pytest.approx(-1 / math.sqrt(5 / 6 * 8))
    assert q1.upper_lower == pytest.approx(-0.5)
    assert [f.kind for f in q1.flags] == ["negative-discrimination"]
    assert [(c.text, c.correct, c.chosen) for c in q1.choices] == [
        ("Saying you work here", True, 5),
        ("A link to the shop", False, 1),
        ("A comparison with our competitors' products", False, 0),
        ("Your opinion on the price", False, 0),
    ]
    # Q2 credits 1 1 1 1 1 0, rest 1 3 2 2 3 1 (mean 2): Σdxdy = (1/6)(1) + (5/6)(1) = 1; Σdx² = 5/6;
    # Σdy² = 4; r = 1/√(10/3) = 0.5477. Upper a2, a5 → 1; lower a1, a6 → 0.5; D = 0.5.
    q2 = _item(report, "alpha/hide-employer")
    assert q2.difficulty == pytest.approx(5 / 6)
    assert q2.point_biserial == pytest.approx(1 / math.sqrt(10 / 3))
    assert q2.upper_lower == pytest.approx(0.5) and q2.flags == []
    assert [(c.text, c.correct, c.chosen) for c in q2.choices] == [("True", False, 1), ("False", True, 5)]
    # Q3 credits 0 1 1 1 1 0 (mean 2/3), rest 2 3 2 2 3 1 (mean 13/6): Σdxdy = 4/3, Σdx² = 4/3,
    # Σdy² = 17/6; r = (4/3)/√(4/3 · 17/6) = 0.6860. Upper a2, a5 → 1; lower a4, a6 → 0.5; D = 0.5.
    q3 = _item(report, "beta/who-answers")
    assert q3.difficulty == pytest.approx(4 / 6)
    assert q3.point_biserial == pytest.approx((4 / 3) / math.sqrt(4 / 3 * 17 / 6))
    assert q3.upper_lower == pytest.approx(0.5) and q3.flags == []
    assert [c.chosen for c in q3.choices] == [4, 1, 1, 0]
    # Q4 credits 0 1 0 1 1 0, rest 2 3 3 2 3 1 (mean 7/3): Σdxdy = 1, Σdx² = 3/2, Σdy² = 10/3;
    # r = 1/√5 = 0.4472. Upper a2, a3 → 0.5; lower a4, a6 → 0.5; D = 0. a6 answered an older version.
    q4 = _item(report, "beta/delete-critique")
    assert q4.difficulty == pytest.approx(0.5)
    assert q4.point_biserial == pytest.approx(1 / math.sqrt(5))
    assert q4.upper_lower == pytest.approx(0)
    assert q4.old_versions == 1 and [f.kind for f in q4.flags] == ["content-changed"]
    # The other eight questions of the pool were not asked.
    assert sum(1 for i in exam.items if i.n == 0) == 8


def test_weakest_modules(report) -> None:
    (exam,) = report.items.exams
    # alpha: Q1 5 + Q2 5 = 10 of 12 points = 83.3 %; beta: Q3 4 + Q4 3 = 7 of 12 = 58.3 %.
    assert [(m.module, m.responses, m.percent) for m in exam.modules] == [
        ("beta", 12, pytest.approx(700 / 12)),
        ("alpha", 12, pytest.approx(1000 / 12)),
    ]


def test_flags_too_easy_too_hard_and_an_unused_distractor(project: Path) -> None:
    """40 requests of the same four questions."""
    import json

    from academy.credentials.store.attempts import Attempt, Attempts
    from academy.credentials.store.ledger import Ledger
    from academy.report.store import Data
    from support.ledgerkit import request

    ledger = Ledger(project / ".academy" / "ledger.sqlite3")
    with Attempts(ledger).transaction() as book:
        for n in range(40):
            # Q1 right for the first 24; Q3 right for the first 38, option 2 for the last two.
            answers = (0 if n < 24 else 1, False, 0 if n < 38 else 1, False)
            data = request(project, "L2", 1, "2026-11-10", answers, None, None, False)
            data["learner"]["email"] = f"p{n}@example.com"
            book.record(
                Attempt(
                    None,
                    EXAM,
                    f"p{n}@example.com",
                    "P",
                    1,
                    data["started"],
                    data["submitted"],
                    "2026-11-10T10:05:00Z",
                    0.0,
                    False,
                    "failed",
                    f"{n:064x}",
                    None,
                    20,
                    4,
                    12,
                    "r.json",
                    None,
                    None,
                    json.dumps(data),
                )
            )
    data: Data = load(ledger)
    report = build(load_project(project), data, Period(), NOW)
    q3 = _item(report, "beta/who-answers")
    # Q3: 38 of 40 right (0.95 > 0.9); option 2 chosen by 2 (5 %, not under 5 %); options 3 and 4
    # never (0 % of 40 ≥ 20 responses).
    assert q3.difficulty == pytest.approx(38 / 40) and [c.chosen for c in q3.choices] == [38, 2, 0, 0]
    kinds = [f.kind for f in q3.flags]
    assert kinds == ["too-easy", "unused-distractor", "unused-distractor"]
    # Q1: right in 24 of 40 (0.6), option 2 chosen 16 times; the learners with Q1 wrong include the
    # two with Q3 wrong, so its discrimination is positive: no flag.
    q1 = _item(report, "alpha/first-words")
    assert q1.difficulty == pytest.approx(24 / 40) and [c.chosen for c in q1.choices] == [24, 16, 0, 0]
    assert q1.point_biserial > 0 and [f.kind for f in q1.flags] == ["unused-distractor", "unused-distractor"]
    # Q2: everyone right; the point-biserial is undefined (no spread), the flag is "too easy".
    q2 = _item(report, "alpha/hide-employer")
    assert q2.difficulty == 1 and q2.point_biserial is None and [f.kind for f in q2.flags] == ["too-easy"]
    # Flags by thresholds on made-up figures: too hard below 0.3.
    hard = items.ItemStats(EXAM, "x/y", "x", "single", "?", None, 1, n=10, difficulty=0.2)
    assert [f.kind for f in items._flags(hard)] == ["too-hard"]
    few = items.ItemStats(EXAM, "x/y", "x", "single", "?", None, 1, n=4, difficulty=0.2)
    assert items._flags(few) == []  # under MIN_N responses


def test_terminal_lines_name_the_file_and_line_of_each_question(report, project: Path) -> None:
    lines = items.terminal_lines(report.items, project)
    bank = (project / "curriculum/exams/alpha.yml").read_text().splitlines()
    line = next(n for n, text in enumerate(bank, 1) if "id: first-words" in text)
    assert lines[0].startswith(f"curriculum/exams/alpha.yml:{line}: {EXAM} alpha/first-words: negative discrimination")
    assert any(x.startswith("curriculum/exams/beta.yml:") and "changed during the period" in x for x in lines)
    assert len(lines) == 2


def test_the_period_filters_attempts_and_certificates(project: Path) -> None:
    ledger, _ = build_ledger(project)
    november = build(load_project(project), load(ledger), Period(date(2026, 11, 1), date(2026, 11, 30)), NOW)
    (exam,) = november.exams
    # a4, a5, a6 in November; C2, C3, C5 issued then.
    assert (exam.attempts, exam.passed, november.certificates) == (3, 1, 3)
    # a5 passed at the first attempt of its run.
    assert exam.attempts_to_pass == [1]


def test_a_damaged_stored_request_is_named_and_left_out(project: Path) -> None:
    import sqlite3

    ledger, _ = build_ledger(project)
    db = sqlite3.connect(ledger.path)
    db.execute("UPDATE attempts SET request = '{\"questions\": ' WHERE id = 3")  # cut off
    db.execute("UPDATE attempts SET request = '{\"questions\": 7}' WHERE id = 4")  # not a list
    db.commit()
    db.close()
    report = build(load_project(project), load(ledger), OCT_NOV, NOW)
    assert report.skipped[0].startswith("attempt 3 (requests/L2-1.json): the stored request is not JSON")
    assert report.skipped[1] == (
        'attempt 4 (requests/L3-1.json): the stored request is unusable: it has no "questions" list'
    )
    (exam,) = report.items.exams
    assert exam.requests == 4  # a1, a2, a5, a6: the two damaged ones are not counted
    assert report.exams[0].attempts == 6  # the attempts themselves were scored when they came in

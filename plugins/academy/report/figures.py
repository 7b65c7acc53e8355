"""The programme figures of a period: certificates issued, exam attempts and pass rates, time to
certificate, certificates about to expire, departments and cohorts.

Definitions (the report's glossary says the same to its readers):

* a certificate counts in the month, certificate and department of its issue date;
* an attempt counts in the period of its `submitted` time; it *passed* when its score reached
  the pass mark (a held or rejected pass still passed the exam, but earned no certificate);
* attempts to pass: for each attempt that earned a certificate, its number counted from the
  attempt after the person's previous certificate of that rule (1 = passed first time);
* time to certificate: from the `submitted` time of that first attempt to the certificate's
  issue time, in days;
* expiring: current certificates (not revoked, not superseded) whose `valid_until` falls in the
  next 30, 60 or 90 days, unless the person already holds a renewal that lasts longer;
* departments: people are counted once per department; a department with fewer people than
  `min_group_size` is not shown on its own (see `Breakdown`).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .store import AttemptRow, Certificate, Data

NO_DEPARTMENT = "(no department given)"
NO_COHORT = "(no cohort)"
WINDOWS = (30, 60, 90)
#: Buckets of the time from first attempt to certificate: (label, upper bound in days, exclusive).
DAY_BUCKETS = (
    ("under 1 day", 1),
    ("1 to 7 days", 8),
    ("8 to 30 days", 31),
    ("31 to 90 days", 91),
    ("over 90 days", None),
)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included; None is open-ended."""

    start: date | None = None
    end: date | None = None

    def __contains__(self, moment: datetime) -> bool:
        day = moment.date()
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def text(self) -> str:
        if self.start and self.end:
            return f"{self.start.isoformat()} to {self.end.isoformat()}"
        if self.start:
            return f"from {self.start.isoformat()}"
        if self.end:
            return f"up to {self.end.isoformat()}"
        return "all time"


def median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def share(part: int, whole: int) -> float | None:
    """`part / whole` as a percentage, None when there is nothing to divide."""
    return 100.0 * part / whole if whole else None


# Certificates issued ------------------------------------------------------------------------


def issued_in(data: Data, period: Period) -> list[Certificate]:
    return [c for c in data.certificates if c.issued in period]


def per_month(certificates: Sequence[Certificate]) -> list[tuple[str, int]]:
    """(YYYY-MM, certificates) for every month from the first to the last, empty months included."""
    counts = Counter(c.issued.strftime("%Y-%m") for c in certificates)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:])
    months: list[tuple[str, int]] = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def per_certificate(certificates: Sequence[Certificate], titles: Mapping[str, str]) -> list[tuple[str, int]]:
    """(certificate title, certificates issued), most first."""
    counts = Counter(c.certificate for c in certificates)
    named = {cid: titles.get(cid) or next(c.title for c in certificates if c.certificate == cid) for cid in counts}
    return sorted(((named[cid], n) for cid, n in counts.items()), key=lambda r: (-r[1], r[0]))


@dataclass(frozen=True)
class Breakdown:
    """Counts by group with small groups hidden.

    `rows`: (group, people, count) for each group of at least `min_size` people. Groups below
    it are pooled into `other` = (number of groups, people, count) when the pool reaches
    `min_size` people; otherwise they are left out entirely and only `hidden` says how many.
    """

    rows: list[tuple[str, int, int]]
    other: tuple[int, int, int] | None
    hidden: int
    min_size: int


def breakdown(items: Iterable[tuple[str | None, str]], min_size: int, missing: str = NO_DEPARTMENT) -> Breakdown:
    """Counts of `items` = (group or None, person) by group; people counted once per group."""
    people: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for group, person in items:
        label = group or missing
        people[label].add(person)
        counts[label] += 1
    shown = [(g, len(people[g]), counts[g]) for g in people if len(people[g]) >= min_size]
    small = [g for g in people if len(people[g]) < min_size]
    pooled_people = len(set().union(*(people[g] for g in small))) if small else 0
    other = None
    hidden = 0
    if small and pooled_people >= min_size:
        other = (len(small), pooled_people, sum(counts[g] for g in small))
    elif small:
        hidden = len(small)
    shown.sort(key=lambda r: (-r[2], r[0]))
    return Breakdown(shown, other, hidden, min_size)


def per_department(certificates: Sequence[Certificate], min_size: int) -> Breakdown:
    return breakdown(((c.group.department, c.email) for c in certificates), min_size)


# Exams ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExamFigures:
    """Attempts and passes at one exam in the period."""

    certificate: str
    title: str
    attempts: int
    learners: int
    passed: int
    certified: int
    held: int
    attempts_to_pass: list[int] = field(default_factory=list)
    days_to_certificate: list[float] = field(default_factory=list)

    @property
    def pass_rate(self) -> float | None:
        return share(self.passed, self.attempts)

    @property
    def median_attempts(self) -> float | None:
        return median(self.attempts_to_pass)

    @property
    def median_days(self) -> float | None:
        return median(self.days_to_certificate)


def _cycles(attempts: Sequence[AttemptRow]) -> dict[int, tuple[int, AttemptRow]]:
    """For each attempt that earned a certificate: (attempts since the previous one, first attempt of that run)."""
    by_person: dict[tuple[str, str], list[AttemptRow]] = defaultdict(list)
    for a in attempts:
        by_person[(a.certificate, a.email)].append(a)
    found: dict[int, tuple[int, AttemptRow]] = {}
    for rows in by_person.values():
        rows.sort(key=lambda a: a.attempt)
        start = 0
        for i, a in enumerate(rows):
            if a.outcome == "issued":
                found[a.id] = (i - start + 1, rows[start])
                start = i + 1
    return found


def exam_figures(data: Data, period: Period, titles: Mapping[str, str]) -> list[ExamFigures]:
    """One entry per certificate with attempts in the period, in title order."""
    cycles = _cycles(data.attempts)  # over all time: a run may start before the period
    issued_at = {c.id: c.issued for c in data.certificates}
    by_exam: dict[str, list[AttemptRow]] = defaultdict(list)
    for a in data.attempts:
        if a.submitted in period:
            by_exam[a.certificate].append(a)
    result = []
    for certificate, rows in by_exam.items():
        to_pass, days = [], []
        for a in rows:
            if a.id in cycles:
                count, first = cycles[a.id]
                to_pass.append(count)
                end = issued_at.get(a.credential or "", a.received)
                days.append((end - first.submitted).total_seconds() / 86400)
        result.append(
            ExamFigures(
                certificate,
                titles.get(certificate, certificate),
                len(rows),
                len({a.email for a in rows}),
                sum(1 for a in rows if a.passed),
                sum(1 for a in rows if a.outcome == "issued"),
                sum(1 for a in rows if a.outcome == "held"),
                sorted(to_pass),
                sorted(days),
            )
        )
    return sorted(result, key=lambda e: e.title)


def day_buckets(days: Iterable[float]) -> list[tuple[str, int]]:
    """How many certificates took each span of `DAY_BUCKETS` from first attempt to certificate."""
    counts = Counter()
    for value in days:
        for label, bound in DAY_BUCKETS:
            if bound is None or value < bound:
                counts[label] += 1
                break
    return [(label, counts.get(label, 0)) for label, _ in DAY_BUCKETS]


# Expiry ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expiring:
    certificate: Certificate
    days_left: float


def expiring(data: Data, now: datetime, within_days: int) -> list[Expiring]:
    """Current certificates that end within `within_days` of `now`, soonest first (see the module docstring)."""
    horizon = now + timedelta(days=within_days)
    latest: dict[tuple[str, str], datetime] = {}
    for c in data.certificates:
        if c.current and c.valid_until and c.valid_until > now:
            key = (c.certificate, c.email)
            latest[key] = max(latest.get(key, c.valid_until), c.valid_until)
    found = [
        Expiring(c, (c.valid_until - now).total_seconds() / 86400)
        for c in data.certificates
        if c.current
        and c.valid_until is not None
        and now < c.valid_until <= horizon
        and latest[(c.certificate, c.email)] == c.valid_until
    ]
    return sorted(found, key=lambda e: (e.days_left, e.certificate.title, e.certificate.name))


def expiry_windows(data: Data, now: datetime, titles: Mapping[str, str]) -> list[tuple[str, list[int]]]:
    """(certificate title, [within 30, within 60, within 90 days]) for certificates with any expiring."""
    soon = expiring(data, now, WINDOWS[-1])
    rows: dict[str, list[int]] = {}
    for e in soon:
        title = titles.get(e.certificate.certificate, e.certificate.title)
        counts = rows.setdefault(title, [0] * len(WINDOWS))
        for i, window in enumerate(WINDOWS):
            if e.days_left <= window:
                counts[i] += 1
    return sorted(rows.items())


# Cohorts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortFigures:
    cohort: str
    learners: int
    attempts: int
    passed: int
    first_attempts: int
    first_passed: int
    median_score: float | None
    certificates: int

    @property
    def pass_rate(self) -> float | None:
        return share(self.passed, self.attempts)

    @property
    def first_pass_rate(self) -> float | None:
        return share(self.first_passed, self.first_attempts)


def cohorts(data: Data, period: Period) -> list[CohortFigures]:
    """Figures per cohort tag (requests' `cohort`, rosters' `cohort` column); untagged last."""
    attempts: dict[str, list[AttemptRow]] = defaultdict(list)
    learners: dict[str, set[str]] = defaultdict(set)
    certificates: Counter[str] = Counter()
    for a in data.attempts:
        if a.submitted in period:
            label = a.group.cohort or NO_COHORT
            attempts[label].append(a)
            learners[label].add(a.email)
    for c in data.certificates:
        if c.issued in period:
            label = c.group.cohort or NO_COHORT
            certificates[label] += 1
            learners[label].add(c.email)
    result = []
    for label in learners:
        rows = attempts.get(label, [])
        first = [a for a in rows if a.attempt == 1]
        result.append(
            CohortFigures(
                label,
                len(learners[label]),
                len(rows),
                sum(1 for a in rows if a.passed),
                len(first),
                sum(1 for a in first if a.passed),
                median([a.score for a in rows]),
                certificates.get(label, 0),
            )
        )
    return sorted(result, key=lambda c: (c.cohort == NO_COHORT, c.cohort))

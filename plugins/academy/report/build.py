"""Everything one report shows, computed from the ledger for a period (`build`), before any HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import figures
from .figures import Breakdown, CohortFigures, ExamFigures, Expiring, Period
from .items import ItemAnalysis, analyse
from .store import Data


@dataclass
class Report:
    """The figures of one programme report."""

    organisation: str
    site: str
    period: Period
    now: datetime
    min_group_size: int
    retention_months: int | None
    certificates: int
    per_month: list[tuple[str, int]]
    per_certificate: list[tuple[str, int]]
    departments: Breakdown
    exams: list[ExamFigures]
    days: list[tuple[str, int]]
    windows: list[tuple[str, list[int]]]
    expiring: list[Expiring]
    cohorts: list[CohortFigures]
    items: ItemAnalysis
    #: Stored requests and rows that could not be read: named, never counted.
    skipped: list[str] = field(default_factory=list)
    #: Attempts in the ledger whose request JSON was removed (retention or erasure).
    without_request: int = 0
    #: Requests removed by the retention setting when this report was made.
    pruned: int = 0


def titles_of(project: Any, data: Data) -> dict[str, str]:
    """Certificate titles: the current rule's, else the title recorded in the ledger."""
    found = {c.certificate: c.title for c in data.certificates}
    found.update({cid: rule.title for cid, rule in getattr(project, "certificates", {}).items()})
    return found


def build(project: Any, data: Data, period: Period, now: datetime, pruned: int = 0) -> Report:
    """The report of `data` for `period`; expiry is counted from `now`."""
    site = project.site
    settings = site.report
    titles = titles_of(project, data)
    issued = figures.issued_in(data, period)
    exam_figures = figures.exam_figures(data, period, titles)
    module_titles = {m: module.title for m, module in getattr(project, "modules", {}).items()}
    items = analyse(data, period, getattr(project, "exams", {}), module_titles, getattr(project, "banks", {}))
    return Report(
        organisation=site.organisation,
        site=site.name,
        period=period,
        now=now,
        min_group_size=settings.min_group_size,
        retention_months=settings.request_retention_months,
        certificates=len(issued),
        per_month=figures.per_month(issued),
        per_certificate=figures.per_certificate(issued, titles),
        departments=figures.per_department(issued, settings.min_group_size),
        exams=exam_figures,
        days=figures.day_buckets(d for e in exam_figures for d in e.days_to_certificate),
        windows=figures.expiry_windows(data, now, titles),
        expiring=figures.expiring(data, now, figures.WINDOWS[-1]),
        cohorts=figures.cohorts(data, period),
        items=items,
        skipped=[*data.skipped, *items.skipped],
        without_request=data.without_request,
        pruned=pruned,
    )

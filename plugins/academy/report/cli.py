"""The commands `academy report` and `academy ledger expiring | erase | prune`.

Their options are declared in `academy.commands.report` and `academy.commands.ledger`, which
call these handlers with the parsed values as `args`. Exit codes as in `credentials/cli.py`:
0 done, 1 refused (one line per problem on stderr), 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from academy.credentials import dates
from academy.credentials.store.files import private_folder, write_atomic
from academy.credentials.store.ledger import LedgerError

#: Where reports go by default: the private folder, never the site.
DEFAULT_REPORTS = ".academy/reports"
#: Folders a report must never be written into: the built site and the pages it is built from.
PUBLIC_FOLDERS = ("site", "content", "docs")
#: The steps `academy report` shows on its progress bar.
STEPS = 4


def _common() -> Any:
    from academy.credentials import cli

    return cli


def _day(text: str | None, parser: Any, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        parser.error(f"{option} {text}: write the day as YYYY-MM-DD")
    return None


def _project(args: Any, command: str) -> Any:
    """The project with valid site settings, or None after saying why."""
    from academy.core.project import load_project

    cli = _common()
    project = load_project(cli._root(args))
    if project.site is None:
        cli._error(command, *(str(p) for p in project.problems), f"{project.layout.site_file} must be valid first")
        return None
    return project


def inside_public(path: Path, root: Path) -> str | None:
    """The public folder `path` lies in (site/, content/, docs/), or None."""
    resolved = path.resolve()
    for name in PUBLIC_FOLDERS:
        folder = (root / name).resolve()
        if resolved == folder or folder in resolved.parents:
            return name
    return None


def _report(args: Any) -> int:
    from .build import build
    from .figures import Period
    from .items import terminal_lines
    from .page import render
    from .privacy import prune
    from .store import load

    cli = _common()
    start, end = _day(args.start, args.parser, "--from"), _day(args.end, args.parser, "--to")
    if start and end and start > end:
        args.parser.error(f"--from {start} is after --to {end}")
    root = cli._root(args)
    now = dates.utcnow()
    out = (args.out or root / DEFAULT_REPORTS / f"report-{now.date().isoformat()}.html").resolve()
    if not args.items:
        public = inside_public(out, root)
        if public:
            return cli._error(
                "report",
                f"--out {args.out}: the report holds personal data and must never go into {public}/ (it would be "
                "published) — write it under .academy/reports/ (the default) or another private folder",
            )
    from academy.commands.progress import Progress

    # Steps of the report, for the bar on a terminal: project, ledger, figures, page.
    with Progress("report") as progress:
        project = _project(args, "report")
        if project is None:
            return 1
        progress(1, STEPS)
        ledger = cli._ledger(args)
        retention = project.site.report.request_retention_months
        try:
            pruned = prune(ledger, retention, now) if retention and not args.items else 0
            data = load(ledger)
        except LedgerError as error:
            return cli._error("report", str(error))
        progress(2, STEPS)
        report = build(project, data, Period(start, end), now, pruned)
        progress(3, STEPS)
        html = "" if args.items else render(report)
        progress(STEPS, STEPS)
    for line in report.skipped:
        print(f"academy report: skipped {line}", file=sys.stderr)
    if args.items:
        lines = terminal_lines(report.items, root)
        for line in lines:
            print(line)
        analysed = sum(e.requests for e in report.items.exams)
        print(
            f"{len(lines)} flag(s) on {sum(len(e.flagged) for e in report.items.exams)} question(s) of "
            f"{len(report.items.exams)} exam(s), from {analysed} stored request(s) ({report.period.text()})."
        )
        return 0
    if out.parent == (root / DEFAULT_REPORTS).resolve():
        private_folder(out.parent)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, html.encode("utf-8"), 0o600)
    os.chmod(out, 0o600)
    print(f"wrote {cli._show(out, root)} ({len(html.encode('utf-8')) / 1024:.0f} KB, owner-only: it names learners)")
    if pruned:
        print(f"removed {pruned} stored request(s) older than {retention} months (report.request_retention_months)")
    print(
        f"{report.certificates} certificate(s) issued, {sum(e.attempts for e in report.exams)} attempt(s), "
        f"{len(report.expiring)} certificate(s) expiring within 90 days ({report.period.text()})."
    )
    return 0


def _expiring(args: Any) -> int:
    from .figures import expiring
    from .renewals import Links, parse_within, reminders, to_csv, to_table
    from .store import load

    cli = _common()
    try:
        within = parse_within(args.within)
    except ValueError as error:
        args.parser.error(str(error))
    project = _project(args, "ledger expiring")
    if project is None:
        return 1
    now = dates.utcnow()
    try:
        data = load(cli._ledger(args), responses=False)
    except LedgerError as error:
        return cli._error("ledger expiring", str(error))
    rows = reminders(expiring(data, now, within), Links(project))
    if args.output:
        if inside_public(args.output, cli._root(args)):
            return cli._error("ledger expiring", f"--output {args.output}: personal data must stay outside site/")
        write_atomic(args.output.resolve(), ("\ufeff" + to_csv(rows)).encode("utf-8"), 0o600)
        print(f"wrote {len(rows)} reminder(s) to {args.output}")
    elif args.csv or not sys.stdout.isatty():
        sys.stdout.write(to_csv(rows))
    else:
        sys.stdout.write(to_table(rows, within, now))
    return 0


def _erase(args: Any) -> int:
    from .privacy import erase

    cli = _common()
    root = cli._root(args)
    try:
        result = erase(cli._ledger(args), args.learner, root)
    except LedgerError as error:
        return cli._error("ledger erase", str(error))
    for line in result.lines(root):
        print(line)
    return 0


def _prune(args: Any) -> int:
    from .privacy import prune

    cli = _common()
    months = args.months
    if months is None:
        project = _project(args, "ledger prune")
        if project is None:
            return 1
        months = project.site.report.request_retention_months
        if not months:
            return cli._error(
                "ledger prune",
                f"no retention period: set report.request_retention_months in {project.layout.site_file}, or pass"
                " --months N",
            )
    if months < 1:
        args.parser.error("--months must be 1 or more")
    try:
        removed = prune(cli._ledger(args), months)
    except LedgerError as error:
        return cli._error("ledger prune", str(error))
    print(
        f"removed {removed} stored request(s) received more than {months} months ago; their attempts stay counted "
        "(certificate, attempt, dates, score, outcome, department, cohort)"
    )
    return 0

"""The report as one self-contained HTML file: inline CSS and SVG, no script, no font, no link out.

Every text that comes from learners or content (names, departments, cohorts, option texts,
titles) goes through `esc`. Every chart is followed by its data table, whose caption names
it, so a screen reader (or a spreadsheet user) gets the same figures.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape

from . import charts, figures, items
from .build import Report

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --brand: #1d4e89; --warn: #9a3412; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 2px solid var(--brand); }
h3 { font-size: 1.05rem; margin-top: 1.75rem; }
.private { border-left: 4px solid var(--warn); background: #fff7ed; padding: .5rem .75rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; padding: 0;
  list-style: none; }
.tiles li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.tiles strong { display: block; font-size: 1.5rem; }
figure.chart { margin: 1rem 0 .25rem; } figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.note, .muted { color: var(--muted); font-size: .9rem; }
.flag { color: var(--warn); }
details { margin: .25rem 0 .75rem; } summary { cursor: pointer; }
nav ol { columns: 2; }
@media print { h2 { break-before: page; } nav { display: none; } }
"""


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def number(value: float | None, digits: int = 0, suffix: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}" if digits else f"{value:.0f}"
    return text + suffix


def table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: int | Collection[int] = 1,
) -> str:
    """A data table; the columns `numeric` (a set of indexes, or every index from it on) are right-aligned numbers."""
    numbers = set(numeric) if not isinstance(numeric, int) else set(range(numeric, len(headers)))
    head = "".join(f'<th scope="col"{" class=n" if i in numbers else ""}>{esc(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0:
                cells.append(f'<th scope="row">{esc(cell)}</th>')
            else:
                cells.append(f"<td{' class=n' if i in numbers else ''}>{esc(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(headers)}" class="muted">nothing in this period</td></tr>')
    return (
        f'<table id="{table_id}"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def chart(chart_id: str, caption: str, svg: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A chart and, right after it, its data table (captioned with the chart's title)."""
    figure = (
        f'<h3 class="chart-title" aria-hidden="true">{esc(caption)}</h3>'
        f'<figure class="chart" id="{chart_id}" data-table="{chart_id}-data" role="img" '
        f'aria-label="{esc(caption)}: chart; the figures are in the table that follows">'
        f'<div aria-hidden="true">{svg}</div></figure>'
        if rows
        else ""
    )
    return figure + table(f"{chart_id}-data", caption, headers, rows)


def render(report: Report) -> str:
    """The whole HTML document."""
    sections = [
        _summary(report),
        _issued(report),
        _exams(report),
        _expiry(report),
        _cohorts(report),
        _items(report),
        _notes(report),
    ]
    nav = [
        ("issued", "Certificates issued"),
        ("exams", "Exams: attempts and pass rates"),
        ("expiry", "Certificates expiring"),
        ("cohorts", "Cohorts"),
        ("items", "Item analysis"),
        ("notes", "About these figures"),
    ]
    title = f"Programme report: {report.site}, {report.period.text()}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>{esc(title)}</h1>"
        f'<p class="private"><strong>Personal data.</strong> This report names learners. Keep it in the academy\'s '
        f"private folder, share it only with the people who run the programme, and never publish it.</p>"
        f'<p class="muted">{esc(report.organisation)} · made {esc(report.now.strftime("%Y-%m-%d %H:%M"))} UTC · '
        f"departments with fewer than {report.min_group_size} people are not shown on their own</p>"
        '<nav aria-label="Sections"><ol>'
        + "".join(f'<li><a href="#{i}">{esc(t)}</a></li>' for i, t in nav)
        + "</ol></nav>"
        + "".join(sections)
        + "</main></body></html>\n"
    )


def _summary(report: Report) -> str:
    attempts = sum(e.attempts for e in report.exams)
    passed = sum(e.passed for e in report.exams)
    soon = len(report.expiring)
    tiles = [
        ("certificates issued", str(report.certificates)),
        ("exam attempts", str(attempts)),
        ("attempts passed", number(figures.share(passed, attempts), suffix=" %")),
        ("expiring in 90 days", str(soon)),
        ("questions flagged", str(sum(len(e.flagged) for e in report.items.exams))),
    ]
    return (
        '<ul class="tiles" aria-label="Summary">'
        + "".join(f"<li><strong>{esc(v)}</strong>{esc(k)}</li>" for k, v in tiles)
        + "</ul>"
    )


def _issued(report: Report) -> str:
    months = report.per_month
    parts = ['<section aria-labelledby="issued"><h2 id="issued">Certificates issued</h2>']
    parts.append(
        chart(
            "chart-month",
            "Certificates issued per month",
            charts.bars(
                "chart-month", [m for m, _ in months], [n for _, n in months], horizontal=False, axis="certificates"
            )
            if months
            else "",
            ("month", "certificates"),
            months,
        )
    )
    certs = report.per_certificate
    parts.append(
        chart(
            "chart-certificate",
            "Certificates issued per certificate",
            charts.bars("chart-certificate", [t for t, _ in certs], [n for _, n in certs], axis="certificates")
            if certs
            else "",
            ("certificate", "issued"),
            certs,
        )
    )
    dep = report.departments
    rows = [(name, people, count) for name, people, count in dep.rows]
    if dep.other:
        rows.append(
            (f"other departments ({dep.other[0]}, each under {dep.min_size} people)", dep.other[1], dep.other[2])
        )
    parts.append(
        chart(
            "chart-department",
            "Certificates issued per department",
            charts.bars("chart-department", [r[0] for r in rows], [r[2] for r in rows], axis="certificates")
            if rows
            else "",
            ("department", "people", "certificates"),
            rows,
        )
    )
    if dep.hidden:
        parts.append(
            f'<p class="note">{dep.hidden} department(s) with fewer than {dep.min_size} people in all are not shown, '
            "so that nobody can be recognised from the figures (site.yml: report.min_group_size).</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def _exams(report: Report) -> str:
    exams = report.exams
    rows = [
        (
            e.title,
            e.attempts,
            e.learners,
            e.passed,
            number(e.pass_rate, suffix=" %"),
            e.certified,
            e.held,
            number(e.median_attempts, 1),
            number(e.median_days, 1),
        )
        for e in exams
    ]
    parts = ['<section aria-labelledby="exams"><h2 id="exams">Exams: attempts and pass rates</h2>']
    parts.append(
        chart(
            "chart-pass-rate",
            "Pass rate per exam (attempts that reached the pass mark)",
            charts.bars(
                "chart-pass-rate",
                [e.title for e in exams],
                [e.pass_rate or 0 for e in exams],
                percent=True,
                axis="attempts passed (%)",
            )
            if exams
            else "",
            (
                "exam",
                "attempts",
                "learners",
                "passed",
                "pass rate",
                "certificates",
                "held",
                "median attempts to pass",
                "median days to certificate",
            ),
            rows,
        )
    )
    days = report.days if any(n for _, n in report.days) else []
    parts.append(
        chart(
            "chart-days",
            "Time from first attempt to certificate",
            charts.bars("chart-days", [d for d, _ in days], [n for _, n in days], horizontal=False, axis="certificates")
            if days
            else "",
            ("time taken", "certificates"),
            days,
        )
    )
    parts.append("</section>")
    return "".join(parts)


def _expiry(report: Report) -> str:
    windows = report.windows
    parts = ['<section aria-labelledby="expiry"><h2 id="expiry">Certificates expiring</h2>']
    series = [(f"within {w} days", [counts[i] for _, counts in windows]) for i, w in enumerate(figures.WINDOWS)]
    parts.append(
        chart(
            "chart-expiry",
            "Certificates expiring in the next 30, 60 and 90 days",
            charts.grouped("chart-expiry", [t for t, _ in windows], series, axis="certificates") if windows else "",
            ("certificate", *(f"within {w} days" for w in figures.WINDOWS)),
            [(title, *counts) for title, counts in windows],
        )
    )
    rows = [
        (
            e.certificate.name,
            e.certificate.group.department or "",
            e.certificate.title,
            e.certificate.valid_until.strftime("%Y-%m-%d") if e.certificate.valid_until else "",
            f"{e.days_left:.0f}",
        )
        for e in report.expiring
        if not e.certificate.email.startswith("erased:")  # erased learners are counted above, never named
    ]
    parts.append(
        table(
            "expiring-people",
            "Who to remind (next 90 days): academy ledger expiring --within 90d writes the mail-merge CSV",
            ("name", "department", "certificate", "expires", "days left"),
            rows,
            numeric=4,
        )
    )
    parts.append("</section>")
    return "".join(parts)


def _cohorts(report: Report) -> str:
    rows = [
        (
            c.cohort,
            c.learners,
            c.attempts,
            number(c.pass_rate, suffix=" %"),
            number(c.first_pass_rate, suffix=" %"),
            number(c.median_score, 1, " %"),
            c.certificates,
        )
        for c in report.cohorts
    ]
    parts = ['<section aria-labelledby="cohorts"><h2 id="cohorts">Cohorts</h2>']
    parts.append(
        '<p class="muted">The cohort tag comes from the exam page (the request\'s <code>cohort</code>) and from the '
        "roster's optional <code>cohort</code> column: compare the pilot group with everyone else.</p>"
    )
    cohorts = report.cohorts
    parts.append(
        chart(
            "chart-cohorts",
            "Pass rates per cohort",
            charts.grouped(
                "chart-cohorts",
                [c.cohort for c in cohorts],
                [
                    ("all attempts", [c.pass_rate or 0 for c in cohorts]),
                    ("first attempts", [c.first_pass_rate or 0 for c in cohorts]),
                ],
                percent=True,
                axis="passed (%)",
            )
            if cohorts
            else "",
            ("cohort", "learners", "attempts", "pass rate", "first-attempt pass rate", "median score", "certificates"),
            rows,
        )
    )
    parts.append("</section>")
    return "".join(parts)


def _items(report: Report) -> str:
    parts = ['<section aria-labelledby="items"><h2 id="items">Item analysis</h2>']
    parts.append(
        '<p class="muted">Difficulty is the share of the points learners earned on the question (1 = everyone right). '
        "Point-biserial correlates it with the learner's score on the other questions; upper–lower compares the best "
        f"and weakest {items.UPPER_LOWER:.0%} of learners. Flags: "
        + "; ".join(f"<em>{esc(k)}</em> ({esc(v)})" for k, v in items.FLAGS.items())
        + f". Difficulty and discrimination flags need at least {items.MIN_N} responses. "
        "<code>academy report --items</code> prints the flags with the file and line of each question.</p>"
    )
    if not report.items.exams:
        parts.append('<p class="muted">No stored requests in this period.</p>')
    for n, exam in enumerate(report.items.exams):
        parts.append(f"<h3>{esc(exam.title)}</h3>")
        parts.append(f'<p class="muted">{exam.requests} request(s) analysed.')
        if exam.retired:
            parts.append(f" {exam.retired} response(s) to questions no longer in the pool are left out.")
        parts.append("</p>")
        rows = [
            (
                i.id,
                i.n,
                number(i.difficulty, 2),
                number(i.point_biserial, 2),
                number(i.upper_lower, 2),
                ", ".join(f.kind for f in i.flags) or "",
            )
            for i in exam.items
        ]
        parts.append(
            table(
                f"items-{n}",
                f"Questions of {exam.title}",
                ("question", "responses", "difficulty", "point-biserial", "upper–lower", "flags"),
                rows,
                {1, 2, 3, 4},
            )
        )
        for item in exam.flagged:
            parts.append(
                '<ul class="flag">'
                + "".join(f"<li>{esc(item.id)}: {esc(f.message)}</li>" for f in item.flags)
                + "</ul>"
            )
        for m, item in enumerate(i for i in exam.items if i.choices):
            parts.append(f"<details><summary>{esc(item.id)}: how often each option was chosen</summary>")
            parts.append(
                table(
                    f"choices-{n}-{m}",
                    f"Options of {item.id}: {item.prompt}",
                    ("option", "right", "chosen", "share"),
                    [(c.text, "yes" if c.correct else "", c.chosen, f"{c.share:.0%}") for c in item.choices],
                    2,
                )
            )
            parts.append("</details>")
        modules = exam.modules
        parts.append(
            chart(
                f"chart-modules-{n}",
                f"Weakest modules of {exam.title} (share of points earned)",
                charts.bars(
                    f"chart-modules-{n}",
                    [m.title for m in modules],
                    [m.percent for m in modules],
                    percent=True,
                    axis="points earned (%)",
                )
                if modules
                else "",
                ("module", "responses", "points earned"),
                [(m.title, m.responses, number(m.percent, 1, " %")) for m in modules],
            )
        )
    parts.append("</section>")
    return "".join(parts)


def _notes(report: Report) -> str:
    parts = ['<section aria-labelledby="notes"><h2 id="notes">About these figures</h2><ul>']
    parts.append(f"<li>Period: {esc(report.period.text())} (certificates by issue date, attempts by submission).</li>")
    parts.append(
        f"<li>{report.without_request} attempt(s) are counted without their request, which was removed "
        "(retention or erasure): they count in attempts and pass rates, not in the item analysis.</li>"
    )
    if report.retention_months:
        parts.append(
            f"<li>Stored requests are kept for {report.retention_months} months "
            f"(site.yml: report.request_retention_months); {report.pruned} were removed now.</li>"
        )
    else:
        parts.append(
            "<li>Stored requests are kept until erased; set report.request_retention_months in site.yml to "
            "remove old ones.</li>"
        )
    parts.append("</ul>")
    if report.skipped:
        parts.append("<h3>Skipped: could not be read, so not counted</h3><ul>")
        parts += [f"<li>{esc(s)}</li>" for s in report.skipped]
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)

"""Markdown of the certificate pages: what a certificate certifies, how it is assessed, the exam.

Every text from the sources is escaped here; the exam's questions are not in the page at all:
exam.js draws them per learner from the published exam file (`academy.core.exam.public_exam`),
which holds no key material.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from ...core.curriculum import CertificateRule, Module, Track
from ...routes import ROUTES
from ..quiz.render import PLATFORMS

#: `link(src)`: the URL of the page `src` (a `src_uri`) relative to the page being written.
Link = Callable[[str], str]
#: What the interface calls the central team when site.yml has no `hub_name:`.
HUB_NAME = "the hub"


def _md(text: str) -> str:
    """Text from site.yml, safe in the Markdown of the page: HTML-escaped, Markdown characters quoted."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", escape(text, quote=False))


def _capital(text: str) -> str:
    """`the hub` → `The hub`, at the start of a sentence."""
    return text[:1].upper() + text[1:]


def _front_matter(title: str, description: str) -> str:
    # JSON strings are YAML strings: any title or description is safe in the front matter.
    return f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n---\n\n"


def _hours(hours: float) -> str:
    if hours and hours % 24 == 0:
        days = int(hours // 24)
        return "1 day" if days == 1 else f"{days} days"
    value = int(hours) if float(hours).is_integer() else hours
    return "1 hour" if value == 1 else f"{value} hours"


def _validity(rule: CertificateRule, exam: Mapping[str, Any] | None) -> str:
    months = rule.validity_months
    if not months:
        return "Does not expire."
    renew = "pass the assessment again" if exam is not None else "attend the workshop again"
    return f"{months} month{'s' if months != 1 else ''} from the date of issue; to renew it, {renew}."


def assessment_summary(exam: Mapping[str, Any] | None, hub_name: str = HUB_NAME) -> str:
    """One line on how a certificate is earned, for the page and the index (plain text, escape it)."""
    if exam is None:
        return "Trainer-attested: issued to the attendees of the live workshop, from the trainer's roster."
    return (
        f"Certification assessment scored by {hub_name}: {exam['draw']} questions drawn from a pool of "
        f"{exam['pool']}, pass mark {exam['pass_mark']}%."
    )


def certificate_page(
    rule: CertificateRule,
    *,
    exam: Mapping[str, Any] | None,
    exam_url: str | None,
    modules: list[Module],
    tracks: list[Track],
    hub_email: str | None,
    link: Link,
    hub_name: str = HUB_NAME,
) -> str:
    """The page `certificates/<rule id>/`, the address a credential's achievement points at.

    `exam` is the published exam (the dict of `public_exam`), or None for a certificate earned
    through the live-workshop roster only; `exam_url` is where its file is, relative to the page.
    """
    title = escape(rule.title)
    hub, Hub = _md(hub_name), _md(_capital(hub_name))  # noqa: N806 - the capitalised form
    parts = [
        _front_matter(rule.title, rule.description),
        f"# {title}\n",
        '## What it certifies {#certifies}\n',
        f'<p class="academy-cert-lead">{escape(rule.description)}</p>\n',
        '<dl class="academy-cert-facts">',
        f"<dt>Criteria</dt><dd>{escape(rule.criteria)}</dd>",
        f"<dt>Validity</dt><dd>{escape(_validity(rule, exam))}</dd>",
        f"<dt>Assessment</dt><dd>{escape(assessment_summary(exam, hub_name))}</dd>",
    ]
    if tracks:
        names = ", ".join(f'<a href="{escape(link(t.src))}">{escape(t.title)}</a>' for t in tracks)
        parts.append(f"<dt>Learning path</dt><dd>{names}</dd>")
    parts.append("</dl>\n")
    parts.append("## How it is assessed {#assessment}\n")
    if exam is None:
        parts.append(
            "This certificate is **trainer-attested**: the trainer of the live workshop sends the attendance "
            f"roster to {hub}, which issues the certificate to each attendee. There is no online assessment; "
            "the practice quizzes below help you prepare and check what you learnt.\n"
        )
    else:
        wait = exam.get("wait_hours") or 0
        attempts = exam.get("max_attempts")
        rules = [
            f"**{exam['draw']} questions**, drawn for you from a pool of {exam['pool']} that covers every "
            "module below: each learner gets their own questions, in their own order.",
            f"**Pass mark: {exam['pass_mark']}%** of the points.",
        ]
        if attempts:
            rules.append(
                f"**Up to {attempts} attempt{'s' if attempts != 1 else ''}**"
                + (f", at least {_hours(wait)} apart." if wait else ".")
                + " Every attempt counts, passed or failed; after a pass the count starts again for a renewal."
            )
        elif wait:
            rules.append(f"At least {_hours(wait)} between two attempts.")
        rules += [
            "The page records the time you spend on each question. Answers given implausibly fast are "
            "reviewed by a person before a certificate is issued.",
            f"**{Hub} scores your answers**, not this page: when you finish, the page makes a *certificate "
            f"request* (a file, and the same as a code to paste into an e-mail) that you send to {hub}. "
            f"{Hub} replies with your result: the certificate, or your score and the modules to revisit.",
            "The practice quizzes are for learning: passing them does not earn the certificate by itself, "
            "but they are the best preparation.",
        ]
        parts.append("\n".join(f"- {r}" for r in rules) + "\n")
    parts.append(_modules(rule, modules, link))
    parts.append(_exam(rule, exam, exam_url, hub_email, hub_name))
    return "\n".join(parts)


def _modules(rule: CertificateRule, modules: list[Module], link: Link) -> str:
    """The modules, with each practice quiz's state as academy.js shows it on the progress page."""
    total = len(modules)
    rows = "\n".join(
        f'<li data-module="{escape(m.id)}"><a href="{escape(link(m.src))}" data-module-link="{escape(m.id)}">'
        f'{escape(m.title)}</a> <span class="academy-progress-state">Practice quiz: '
        f"<span data-module-state>Not started</span></span></li>"
        for m in modules
    )
    return (
        "## Modules it covers {#modules}\n\n"
        "Your progress with the practice quizzes, as saved in this browser:\n\n"
        f'<p class="academy-track-progress" data-track-progress="{escape(rule.id)}" data-total="{total}">'
        f'<progress max="{total}" value="0" aria-label="Practice quizzes passed"></progress> '
        f"<span data-track-count>0 of {total} done</span></p>\n"
        f'<ul class="academy-progress-list">\n{rows}\n</ul>\n'
    )


def _exam(
    rule: CertificateRule, exam: Mapping[str, Any] | None, exam_url: str | None, hub_email: str | None, hub_name: str
) -> str:
    if exam is None or exam_url is None:
        return ""
    hub = f' data-hub="{escape(hub_email)}"' if hub_email else ""
    # exam.js says the team's name in its messages (as text, never as HTML).
    hub += f' data-hub-name="{escape(hub_name)}"'
    used = sorted({q["post"]["platform"] for q in exam["questions"] if q.get("post")})
    names = json.dumps({p: PLATFORMS.get(p, p) for p in used}, ensure_ascii=False)
    # `data-search-exclude`: nothing of the assessment belongs in the search index.
    return (
        "## Take the assessment {#exam}\n\n"
        f'<section class="academy-quiz academy-exam" data-exam="{escape(rule.id)}" data-src="{escape(exam_url)}"'
        f' data-title="{escape(rule.title)}" data-platforms="{escape(names)}"{hub}'
        ' aria-label="Certification assessment" data-search-exclude>\n'
        '<p class="academy-exam__loading">Loading the assessment…</p>\n'
        "<noscript><p>The assessment runs in your browser and needs JavaScript. Turn it on and reload "
        "the page.</p></noscript>\n"
        "</section>\n"
    )


def index_page(
    rules: list[CertificateRule], exams: Mapping[str, Mapping[str, Any]], link: Link, hub_name: str = HUB_NAME
) -> str:
    """The list of certificates, `certificates/`."""
    parts = [
        _front_matter("Certificates", "The academy's certificates: what each certifies and how it is earned."),
        "# Certificates\n",
        "Each certificate is a signed Open Badges 3.0 credential that your manager or HR can "
        f'<a href="{escape(link(ROUTES.verify))}">verify</a>. It counts in the annual evaluation. The practice '
        "quizzes of the workshops are for learning; a certificate is earned through its certification "
        f"assessment, scored by {_md(hub_name)}, or by attending a live workshop.\n",
    ]
    for rule in rules:
        exam = exams.get(rule.id)
        # A Markdown link, relative to certificates/index.md: MkDocs checks that its page exists.
        parts.append(
            f"## [{escape(rule.title)}]({rule.id}.md) {{#{rule.id}}}\n\n"
            f"{escape(rule.description)}\n\n"
            f"*{_md(assessment_summary(exam, hub_name))}* {len(rule.modules)} "
            f"module{'s' if len(rule.modules) != 1 else ''}.\n"
        )
    if not rules:
        parts.append("No certificates yet.\n")
    return "\n".join(parts)

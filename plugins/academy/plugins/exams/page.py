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
from ..words import Words

#: `link(src)`: the URL of the page `src` (a `src_uri`) relative to the page being written.
Link = Callable[[str], str]
#: What the interface calls the central team when site.yml has no `hub_name:` (site.py's default):
#: then each language's own word for it (`exam.hub`) is used.
HUB_NAME = "the hub"
ENGLISH = Words("en")


def hub_name_in(words: Words, hub_name: str) -> str:
    """site.yml's `hub_name:` (the organisation's own name for its team), or the language's default."""
    return words("exam.hub") if hub_name == HUB_NAME else hub_name


def _md(text: str) -> str:
    """Text from site.yml, safe in the Markdown of the page: HTML-escaped, Markdown characters quoted."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", escape(text, quote=False))


def _capital(text: str) -> str:
    """`the hub` → `The hub`, at the start of a sentence."""
    return text[:1].upper() + text[1:]


def _front_matter(title: str, description: str) -> str:
    # JSON strings are YAML strings: any title or description is safe in the front matter.
    return f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n---\n\n"


def _hours(hours: float, words: Words = ENGLISH) -> str:
    if hours and hours % 24 == 0:
        return words.n("exam.days", int(hours // 24))
    return words.n("exam.hours", int(hours) if float(hours).is_integer() else hours)


def _validity(rule: CertificateRule, exam: Mapping[str, Any] | None, words: Words = ENGLISH) -> str:
    months = rule.validity_months
    if not months:
        return words("exam.validity.never")
    key = "exam.validity.exam" if exam is not None else "exam.validity.workshop"
    return words(key, months=words.n("exam.months", months))


def assessment_summary(exam: Mapping[str, Any] | None, hub_name: str = HUB_NAME, words: Words = ENGLISH) -> str:
    """One line on how a certificate is earned, for the page and the index (plain text, escape it)."""
    if exam is None:
        return words("exam.summary.roster")
    return words(
        "exam.summary.exam",
        hub=hub_name_in(words, hub_name),
        questions=words.n("exam.questions", exam["draw"]),
        pool=words.number(exam["pool"]),
        pass_mark=words.number(exam["pass_mark"]),
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
    words: Words = ENGLISH,
) -> str:
    """The page `certificates/<rule id>/`, the address a credential's achievement points at.

    `exam` is the published exam (the dict of `public_exam`), or None for a certificate earned
    through the live-workshop roster only; `exam_url` is where its file is, relative to the page.
    `words` are the interface strings of the build's language.
    """
    title = escape(rule.title)
    name = hub_name_in(words, hub_name)
    # The product's strings are trusted Markdown; the team's name from site.yml is quoted into it.
    hub, Hub = _md(name), _md(_capital(name))  # noqa: N806 - the capitalised form
    w = words
    parts = [
        _front_matter(rule.title, rule.description),
        f"# {title}\n",
        f"## {w('exam.heading.certifies')} {{#certifies}}\n",
        f'<p class="academy-cert-lead">{escape(rule.description)}</p>\n',
        '<dl class="academy-cert-facts">',
        f"<dt>{escape(w('exam.facts.criteria'))}</dt><dd>{escape(rule.criteria)}</dd>",
        f"<dt>{escape(w('exam.facts.validity'))}</dt><dd>{escape(_validity(rule, exam, w))}</dd>",
        f"<dt>{escape(w('exam.facts.assessment'))}</dt><dd>{escape(assessment_summary(exam, hub_name, w))}</dd>",
    ]
    if tracks:
        names = ", ".join(f'<a href="{escape(link(t.src))}">{escape(t.title)}</a>' for t in tracks)
        parts.append(f"<dt>{escape(w('exam.facts.path'))}</dt><dd>{names}</dd>")
    parts.append("</dl>\n")
    parts.append(f"## {w('exam.heading.assessment')} {{#assessment}}\n")
    if exam is None:
        parts.append(w("exam.roster", hub=hub) + "\n")
    else:
        wait = exam.get("wait_hours") or 0
        attempts = exam.get("max_attempts")
        rules = [
            w("exam.rule.draw", questions=w.n("exam.questions", exam["draw"]), pool=w.number(exam["pool"])),
            w("exam.rule.pass", pass_mark=w.number(exam["pass_mark"])),
        ]
        if attempts:
            tries = w.n("exam.attempts", attempts)
            limit = w("exam.rule.attempts_wait", attempts=tries, wait=_hours(wait, w)) if wait else w(
                "exam.rule.attempts", attempts=tries
            )
            rules.append(f"{limit} {w('exam.rule.counts')}")
        elif wait:
            rules.append(w("exam.rule.wait", wait=_hours(wait, w)))
        rules += [
            w("exam.rule.timing"),
            w("exam.rule.hub", hub=hub, hub_capital=Hub),
            w("exam.rule.practice"),
        ]
        parts.append("\n".join(f"- {r}" for r in rules) + "\n")
    parts.append(_modules(rule, modules, link, w))
    parts.append(_exam(rule, exam, exam_url, hub_email, name, w))
    return "\n".join(parts)


def _modules(rule: CertificateRule, modules: list[Module], link: Link, words: Words = ENGLISH) -> str:
    """The modules, with each practice quiz's state as academy.js shows it on the progress page."""
    total = len(modules)
    w = words
    rows = "\n".join(
        f'<li data-module="{escape(m.id)}"><a href="{escape(link(m.src))}" data-module-link="{escape(m.id)}">'
        f'{escape(m.title)}</a> <span class="academy-progress-state">{escape(w("exam.progress.quiz"))} '
        f"<span data-module-state>{escape(w('exam.progress.not_started'))}</span></span></li>"
        for m in modules
    )
    count = w("exam.progress.count", done=w.number(0), total=w.number(total))
    return (
        f"## {w('exam.heading.modules')} {{#modules}}\n\n"
        f"{w('exam.progress.lead')}\n\n"
        f'<p class="academy-track-progress" data-track-progress="{escape(rule.id)}" data-total="{total}">'
        f'<progress max="{total}" value="0" aria-label="{escape(w("exam.progress.passed_label"))}"></progress> '
        f"<span data-track-count>{escape(count)}</span></p>\n"
        f'<ul class="academy-progress-list">\n{rows}\n</ul>\n'
    )


def _exam(
    rule: CertificateRule,
    exam: Mapping[str, Any] | None,
    exam_url: str | None,
    hub_email: str | None,
    hub_name: str,
    words: Words = ENGLISH,
) -> str:
    if exam is None or exam_url is None:
        return ""
    w = words
    hub = f' data-hub="{escape(hub_email)}"' if hub_email else ""
    # exam.js says the team's name in its messages (as text, never as HTML).
    hub += f' data-hub-name="{escape(hub_name)}"'
    used = sorted({q["post"]["platform"] for q in exam["questions"] if q.get("post")})
    names = json.dumps({p: PLATFORMS.get(p, p) for p in used}, ensure_ascii=False)
    # `data-language`: the build's language, which exam.js writes into the certificate request.
    # `data-search-exclude`: nothing of the assessment belongs in the search index.
    return (
        f"## {w('exam.heading.exam')} {{#exam}}\n\n"
        f'<section class="academy-quiz academy-exam" data-exam="{escape(rule.id)}" data-src="{escape(exam_url)}"'
        f' data-title="{escape(rule.title)}" data-platforms="{escape(names)}"{hub}'
        f' data-language="{escape(w.code)}" aria-label="{escape(w("exam.section_label"))}" data-search-exclude>\n'
        f'<p class="academy-exam__loading">{escape(w("exam.loading"))}</p>\n'
        f"<noscript><p>{escape(w('exam.noscript'))}</p></noscript>\n"
        "</section>\n"
    )


def index_page(
    rules: list[CertificateRule],
    exams: Mapping[str, Mapping[str, Any]],
    link: Link,
    hub_name: str = HUB_NAME,
    words: Words = ENGLISH,
) -> str:
    """The list of certificates, `certificates/`."""
    w = words
    verify = f'<a href="{escape(link(ROUTES.verify))}">{escape(w("exam.index.verify"))}</a>'
    lead = w("exam.index.lead", verify=verify, hub=_md(hub_name_in(w, hub_name)))
    parts = [
        _front_matter(w("exam.index.title"), w("exam.index.description")),
        f"# {escape(w('exam.index.title'))}\n",
        lead + "\n",
    ]
    for rule in rules:
        exam = exams.get(rule.id)
        # A Markdown link, relative to certificates/index.md: MkDocs checks that its page exists.
        parts.append(
            f"## [{escape(rule.title)}]({rule.id}.md) {{#{rule.id}}}\n\n"
            f"{escape(rule.description)}\n\n"
            f"*{_md(assessment_summary(exam, hub_name, w))}* {w.n('exam.modules_count', len(rule.modules))}\n"
        )
    if not rules:
        parts.append(w("exam.index.none") + "\n")
    return "\n".join(parts)

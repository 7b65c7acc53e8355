"""#14's journey in Chromium, on a copy of this academy: a learner switches an English module page
to Dutch, takes its practice quiz and then the certificate's assessment in Dutch, the hub issues
the certificate from the Dutch request (`academy issue`, a subprocess), the PDF is Dutch, and an
English-speaking HR person verifies the credential on the English verify page, which names the
certificate in English and says it was issued in Dutch.

The certificate is the first one of the academy with a Dutch text, its module the first one of
its track with a Dutch practice quiz (Foundations and "Why social business" in the example).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.dates import format_date
from playwright.sync_api import Browser, Page, expect

from academy.core.problems import Problems
from academy.core.project import Project, load_project
from academy.core.quiz import Question, Quiz
from academy.i18n import strings
from academy.i18n.languages import load_languages
from academy.i18n.localize import localize
from academy.i18n.translations import discover, kinds
from support.browser import open_page, watch
from support.certkit import academy
from support.harness import ROOT, Server, build
from support.i18ncertkit import pdf_text
from support.requestkit import answer_shown

NAME, EMAIL = "Sanne de Vries", "sanne.devries@example.com"
#: Seconds the learner spends on each exam question: above any exam's min_median_seconds.
THINK_MS = 12_000
#: What the copy of the academy needs to build and issue (mkdocs.yml names these folders).
FOLDERS = ("content", "curriculum", "quizzes", "site_config", "sandbox")


@dataclass
class Journey:
    project: Path
    site: Path
    url: str
    certificate: str
    module: str

    def load(self) -> Project:
        return load_project(self.project)

    def rebuild(self) -> None:
        result = build(self.project, self.site, url=self.url)
        assert result.returncode == 0, result.stdout + result.stderr


def _dutch_course(project: Project) -> tuple[str, str] | None:
    """(certificate id, module id): a certificate with a Dutch text and a module of its track with a Dutch quiz."""
    root = project.root
    for rule_id in sorted(project.certificates):
        if not (root / project.layout.curriculum / "certificates" / f"{rule_id}.nl.yml").is_file():
            continue
        for track in project.tracks.values():
            if track.certificate != rule_id:
                continue
            for module_id in track.modules:
                module = project.modules.get(module_id)
                if module and (root / project.layout.quizzes / f"{module.quiz}.nl.yml").is_file():
                    return rule_id, module_id
    return None


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journey]:
    source = load_project(ROOT)
    languages = load_languages(ROOT / source.layout.site_config / "site.yml", Problems(ROOT))
    course = _dutch_course(source) if "nl" in languages.codes else None
    if course is None:
        pytest.skip("this academy has no certificate with a Dutch text and a Dutch practice quiz")
    base = tmp_path_factory.mktemp("journey")
    project, site = base / "project", base / "site"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in FOLDERS:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("keys.json", "*.key"))
    site.mkdir()
    server = Server(site)
    try:
        # The credential's issuer and achievement ids follow site.yml's address: the served one.
        settings = project / source.layout.site_config / "site.yml"
        lines = settings.read_text(encoding="utf-8").splitlines()
        settings.write_text(
            "\n".join(f"url: {server.url}" if line.startswith("url:") else line for line in lines) + "\n", "utf-8"
        )
        made = academy("keys", "generate", cwd=project)
        assert made.returncode == 0, made.stdout + made.stderr
        result = Journey(project, site, server.url, *course)
        result.rebuild()
        yield result
    finally:
        server.close()


def _dutch(journey: Journey) -> Project:
    """The project as the Dutch site shows it (academy.i18n.localize)."""
    project = journey.load()
    layout = project.layout
    languages = load_languages(journey.project / layout.site_config / "site.yml", Problems())
    found = discover(journey.project, languages, Problems(), kinds(layout.content, layout.curriculum, layout.quizzes))
    return localize(project, "nl", found).project


def _answer_quiz_question(page: Page, quiz: Quiz, question: Question) -> None:
    """Answer a practice question right, as a learner does with the Dutch labels."""
    li = page.locator(f"#aq-{quiz.id}-{question.id}")
    kind = question.type
    if kind in {"single", "scenario"}:
        li.get_by_label(next(o for o in question.options if o.correct).text, exact=True).check()
    elif kind == "multiple":
        for option in question.options:
            if option.correct:
                li.get_by_label(option.text, exact=True).check()
    elif kind == "true_false":
        li.get_by_label(strings.text("nl", "quiz.answer_true" if question.answer else "quiz.answer_false"), exact=True).check()
    elif kind == "short_text":
        li.get_by_label(strings.text("nl", "quiz.your_answer")).fill(question.accept[0])
    elif kind == "ordering":
        for position in range(len(question.items)):
            current = [int(x) for x in li.locator("[data-item]").evaluate_all("s => s.map(x => x.dataset.item)")]
            for _ in range(current.index(position) - position):
                li.locator(f"[data-item='{position}'] [data-action=up]").click()
    else:
        for i, pair in enumerate(question.pairs):
            li.locator(f"select[data-pair='{i}']").select_option(label=pair.right)


def test_a_dutch_learner_earns_a_dutch_certificate_that_english_hr_verifies(chromium: Browser, journey: Journey) -> None:
    context = watch(chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    project = journey.load()
    module = project.modules[journey.module]
    path = module.src.removesuffix(".md") + "/"

    # 1. An English module page, switched to Dutch with the language switcher.
    open_page(page, journey.url + path)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="nl"]').click()
    page.wait_for_url(journey.url + "nl/" + path)
    page.wait_for_function("document.documentElement.lang === 'nl'")
    dutch = _dutch(journey)
    quiz = dutch.quizzes[module.quiz]
    assert dutch.modules[module.id].title != module.title
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(dutch.modules[module.id].title)))
    expect(page.locator(".academy-quiz__controls")).to_be_visible()

    # 2. Its practice quiz in Dutch, every question shown answered right.
    shown = page.locator(".academy-quiz [id^='aq-']").evaluate_all("els => els.map(e => e.id)")
    asked = [q for q in quiz.questions if f"aq-{quiz.id}-{q.id}" in shown]
    assert asked, "the quiz shows its questions"
    assert any(q.prompt in page.locator(".academy-quiz").inner_text() for q in asked), "the questions are Dutch"
    for question in asked:
        _answer_quiz_question(page, quiz, question)
    page.get_by_role("button", name=strings.text("nl", "quiz.script.submit")).click()
    result = page.locator(".academy-quiz__result")
    expect(result).to_contain_text(strings.text("nl", "quiz.script.score", score="100"))
    expect(result).to_contain_text(strings.text("nl", "quiz.script.passed", mark=str(quiz.pass_mark)).split("(")[0].strip())

    # 3. The certificate's assessment in Dutch, on the clock a learner has.
    page.clock.install()
    page.goto(journey.url + f"nl/certificates/{journey.certificate}/")
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.get_by_label(strings.text("nl", "exam.script.name")).fill(NAME)
    page.get_by_label(strings.text("nl", "exam.script.email")).fill(EMAIL)
    page.get_by_role("button", name=strings.text("nl", "exam.script.start")).click()
    page.wait_for_selector(".academy-exam__question:not([hidden])")
    exam = project.exams[journey.certificate]
    ids = page.locator(".academy-exam__question").evaluate_all("(els) => els.map((e) => e.dataset.question)")
    for i, qid in enumerate(ids):
        page.clock.run_for(THINK_MS)
        answer_shown(page, exam.by_id[qid], strings.text("nl", "exam.script.your_answer"))
        if i < len(ids) - 1:
            page.get_by_role("button", name=strings.text("nl", "exam.script.next")).click()
    page.get_by_role("button", name=strings.text("nl", "exam.script.submit")).click()
    expect(page.locator(".academy-exam__done")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(rf"request-{journey.certificate}-1\.json")).click()
    inbox = journey.project / "inbox"
    inbox.mkdir()
    request_file = inbox / download.value.suggested_filename
    download.value.save_as(request_file)
    request = json.loads(request_file.read_text(encoding="utf-8"))
    assert request["language"] == "nl" and request["practice"].get(module.id) == 100

    # 4. The hub issues it; credential and PDF are Dutch.
    issued = academy("issue", "--requests", request_file, cwd=journey.project)
    assert issued.returncode == 0 and "1 issued" in issued.stdout, issued.stdout + issued.stderr
    (credential_file,) = (journey.project / ".academy" / "issued").rglob("*.json")
    credential = json.loads(credential_file.read_text(encoding="utf-8"))
    achievement = credential["credentialSubject"]["achievement"]
    dutch_rule = dutch.certificates[journey.certificate]
    english_title = project.certificates[journey.certificate].title
    assert achievement["inLanguage"] == "nl" and achievement["name"] == dutch_rule.title != english_title
    text = pdf_text(credential_file.with_suffix(".pdf"))
    for key in ("certifies", "issued", "issuer"):
        assert strings.text("nl", f"certificate.{key}") in text, key
    assert dutch_rule.title in text and NAME in text
    issued_on = format_date(_date(credential["validFrom"]), format="long", locale="nl")
    assert issued_on in text, (issued_on, text)

    # 5. HR, in English, verifies it on the English verify page of the rebuilt site (its status list).
    journey.rebuild()
    hr = watch(chromium.new_context(viewport={"width": 1280, "height": 900})).new_page()
    hr.on("pageerror", lambda error: errors.append(str(error)))
    open_page(hr, journey.url + "verify/", instant=False)
    assert hr.evaluate("document.documentElement.lang") == "en"
    hr.fill("#academy-credential", credential_file.read_text(encoding="utf-8"))
    hr.get_by_role("button", name="Verify").click()
    verdict = hr.locator("[data-verify-result]:not([aria-busy])")
    expect(verdict.locator("[data-verdict]")).to_have_attribute("data-verdict", "valid")
    expect(verdict.locator('dd[data-field="Certificate"]')).to_have_text(english_title)
    expect(verdict.locator("[data-issued-in]")).to_contain_text("Issued in Dutch")
    expect(verdict.locator("[data-issued-in] [lang='nl']")).to_have_text(dutch_rule.title)
    expect(verdict.locator('dd[data-field="Awarded to"]')).to_have_text(NAME)
    context.close()
    hr.context.close()
    assert not errors, errors


def _date(stamp: str):  # noqa: ANN202
    from datetime import datetime

    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()

"""The Foundations exam and a practice thread on the Dutch site (`/nl/`) in Chromium: every word the
learner sees is Dutch, and the certificate request the page downloads says `"language": "nl"` and is
one the hub takes in and scores with its one key (the source bank's, as for English)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import Page, expect

from academy.core import exam as exams
from academy.core.problems import Problems
from academy.core.project import load_project
from academy.credentials.issue.requests import check_draw, parse_request, score_request
from academy.i18n.languages import load_languages
from support.harness import ROOT
from support.i18nkit import ships
from support.requestkit import answer_shown

CERTIFICATE = "foundations-certificate"
EMAIL = "Sanne.deVries@Example.com"
#: English the exam page said before it read the strings files: none of it may show on the Dutch page.
ENGLISH = re.compile(
    r"\b(Question|Submit|Attempt|Your answer|Your name|Start the assessment|Next question|Previous question|"
    r"Download your|Copy code|Time on this question|points?|answered|the hub|scores your answers|Send the file)\b"
)


@ships("curriculum/certificates/foundations-certificate.nl.yml")
def test_the_foundations_exam_in_dutch_makes_a_dutch_request_the_hub_scores(page: Page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + f"nl/certificates/{CERTIFICATE}/")
    assert page.locator("html").get_attribute("lang") == "nl"
    exam_box = page.locator("[data-exam]")
    expect(exam_box.get_by_role("button", name="Start het assessment")).to_be_visible()
    intro = exam_box.inner_text()
    assert "Over jou" in intro and "vragen" in intro, intro
    assert not ENGLISH.search(intro), ENGLISH.search(intro)
    page.get_by_label("Je naam").fill("Sanne de Vries")
    page.get_by_label("Je zakelijke e-mailadres").fill(EMAIL)
    page.get_by_role("button", name="Start het assessment").click()
    page.wait_for_selector(".academy-exam__question:not([hidden])")

    project = load_project(ROOT)
    exam = project.exams[CERTIFICATE]
    ids = page.locator(".academy-exam__question").evaluate_all("(els) => els.map((e) => e.dataset.question)")
    assert ids == [q.id for q in exams.draw(exam, EMAIL, 1)], "the Dutch page asks the hub's draw"
    total = len(ids)
    for i, qid in enumerate(ids):
        shown = page.locator(".academy-exam__question:not([hidden])")
        expect(shown.locator("legend")).to_have_text(f"Vraag {i + 1} van {total}")
        expect(shown.locator(".academy-exam__facts")).to_contain_text("Tijd aan deze vraag")
        assert not ENGLISH.search(shown.inner_text()), (qid, ENGLISH.search(shown.inner_text()))
        answer_shown(page, exam.by_id[qid], "Je antwoord")
        if i < total - 1:
            page.get_by_role("button", name="Volgende vraag").click()
    running = exam_box.inner_text()
    assert "Insturen ter beoordeling" in running and not ENGLISH.search(running), ENGLISH.search(running)
    expect(page.get_by_role("button", name="Vraag 1, beantwoord")).to_be_visible()
    page.get_by_role("button", name="Insturen ter beoordeling").click()

    done = page.locator(".academy-exam__done")
    expect(done.locator("h3")).to_have_text("Je antwoorden zijn klaar voor het centrale team")
    text = done.inner_text()
    assert "Poging 1, ingestuurd op" in text and "Code kopiëren" in text, text
    assert not ENGLISH.search(text.replace(f"request-{CERTIFICATE}-1.json", "")), ENGLISH.search(text)
    # The date in Dutch: a month name as Dutch writes it ("2 december 2026 om 04:55").
    assert re.search(r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}", text), text
    mail = done.locator(".academy-exam__mail").get_attribute("href")
    assert "subject=Certificaataanvraag" in unquote(mail) and "(poging 1)" in unquote(mail), mail

    with page.expect_download() as download:
        page.get_by_role("button", name=f"request-{CERTIFICATE}-1.json downloaden").click()
    file = tmp_path / download.value.suggested_filename
    download.value.save_as(file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["language"] == "nl"
    languages = load_languages(ROOT / "site_config" / "site.yml", Problems())
    request = parse_request(data, languages)
    assert request.language == "nl"
    assert check_draw(exam, request) == [], "the hub takes the Dutch request in"
    score = score_request(exam, request)
    english = score_request(exam, parse_request({**data, "language": "en"}, languages))
    assert score == english and score.passed and score.percent == 100


@ships("curriculum/modules/transparency-and-disclosure.nl.md", "sandbox")
def test_a_practice_thread_in_dutch(page: Page, site_url: str) -> None:
    page.goto(site_url + "nl/workshops/transparency-and-disclosure/")
    thread = page.locator("[data-academy-thread][data-ready]")
    composer = thread.get_by_role("textbox", name=re.compile(r"^Je reactie als "))
    expect(composer).to_be_visible()
    counter = page.get_by_role("status", name="Tekens over")
    expect(thread.locator(".academy-thread__count")).to_have_text(re.compile(r"^nog \d+ tekens$"))
    composer.fill("Hoi! Ik werk bij Northwind, dus ik ben niet onafhankelijk.")
    thread.get_by_role("button", name="Reactie plaatsen").click()
    feedback = page.get_by_role("region", name="Feedback op je reactie")
    expect(feedback).to_be_visible()
    expect(feedback.locator(".academy-thread__summary")).to_have_text(
        re.compile(r"^\d+ van \d+ automatische controles? geslaagd\.( Goed gedaan\.)? Poging 1\.$")
    )
    expect(feedback.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
    expect(feedback.get_by_role("heading", name="Voorbeeldreactie")).to_be_visible()
    mine = thread.get_by_role("article", name="Je reactie")
    expect(mine).to_contain_text("Jij")
    expect(thread.get_by_role("button", name="Je reactie bewerken")).to_be_visible()
    hide = thread.get_by_role("button", name=re.compile(r"^Opmerking van .+ verbergen$")).first
    if hide.count():
        hide.click()
        expect(thread.locator(".academy-thread__placeholder").first).to_contain_text("Je hebt deze opmerking van")
    # The thread's own posts are content (translated or not); the controls around them are the interface.
    controls = " | ".join(thread.locator("button, label, legend, h3, h4, .academy-thread__count").all_inner_texts())
    controls += " | " + " | ".join(
        thread.locator("[aria-label]").evaluate_all("(els) => els.map((e) => e.getAttribute('aria-label'))")
    )
    english = re.search(
        r"\b(Post reply|Your reply|Feedback on|automatic checks|Try again|Model reply|Hide|Report|Edit|Delete|"
        r"characters left|Comments|Reactions|minutes? ago|hours? ago|days? ago)\b",
        controls,
    )
    assert not english, (english, controls)
    assert counter.count() == 1
    # The sandbox page lists the thread as tried, in Dutch.
    page.goto(site_url + "nl/sandbox/")
    expect(page.locator("[data-sandbox-summary]")).to_have_text(re.compile(r"^Je hebt 1 van \d+ discussies geprobeerd"))
    expect(page.locator('[data-thread-item] [data-thread-state]').filter(has_text="keer geprobeerd")).to_have_count(1)

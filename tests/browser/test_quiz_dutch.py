"""In Chromium, on the shipped site: a Dutch module page's quiz speaks Dutch (its buttons, the
feedback, points with a decimal comma, the score, the attempt history with a Dutch date), so do the
progress page and a module's completion line; the same quiz on the English page still speaks English.
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import Locator, Page, expect

from support.browser import open_page
from support.i18nkit import ships

MODULE = "workshops/transparency-and-disclosure/"
QUIZ = "transparency-and-disclosure"
#: Two of the three right options of the multiple-choice question (the text is the Dutch translation's).
DUTCH_RIGHT = ("Je werkt op de financiële afdeling van Northwind", "Je kreeg een gratis Aura 2 bij de thuistest")
PROGRESS = {"version": 1, "modules": {QUIZ: {"completed": "2026-03-04T10:00:00Z", "score": 85.71428, "quiz": QUIZ}}}


def _question(page: Page, question: str) -> Locator:
    return page.locator(f"#aq-{QUIZ}-{question}")


@ships("quizzes/transparency-and-disclosure.nl.yml")
def test_a_dutch_quiz_is_answered_in_dutch(page: Page, site_url: str) -> None:
    open_page(page, site_url + "nl/" + MODULE)
    assert page.evaluate("document.documentElement.lang") == "nl"
    quiz = page.locator(f'.academy-quiz[data-quiz="{QUIZ}"]')
    # Rendered by the build in Dutch.
    expect(quiz.locator(".academy-quiz__rules").first).to_have_text("Voldoende vanaf 80%.")
    expect(quiz.locator(".academy-quiz__points").first).to_have_text("1 punt")
    # Written by quiz.js from quiz-strings.js.
    expect(quiz.get_by_role("button", name="Controleer antwoord")).to_have_count(7)
    expect(quiz.get_by_role("button", name="Antwoorden inleveren")).to_be_visible()

    multiple = _question(page, "material-connections")
    for text in DUTCH_RIGHT:
        multiple.locator("label", has_text=text).click()
    multiple.get_by_role("button", name="Controleer antwoord").click()
    feedback = multiple.locator(".academy-quiz__feedback")
    # Two of three right options, none wrong: 2/3 of a point, with the Dutch decimal comma.
    expect(feedback.locator(".academy-quiz__verdict")).to_have_text("Gedeeltelijk goed. 0,67 van 1 punt.")
    expect(feedback).to_contain_text("juiste optie, je hebt hem aangevinkt")
    expect(feedback).to_contain_text("juiste optie, je hebt hem niet aangevinkt")

    statement = _question(page, "platform-label")
    statement.get_by_label("Waar", exact=True).check()  # the statement is false
    statement.get_by_role("button", name="Controleer antwoord").click()
    expect(statement.locator(".academy-quiz__verdict")).to_have_text("Niet goed. 0 van 1 punt.")
    expect(statement.locator(".academy-quiz__feedback")).to_contain_text("De stelling is niet waar.")

    # An unanswered question asks for an answer first.
    short = _question(page, "disclosure-wording")
    short.get_by_role("button", name="Controleer antwoord").click()
    expect(short.locator(".academy-quiz__feedback")).to_have_text("Beantwoord eerst de vraag en controleer dan je antwoord.")

    quiz.get_by_role("button", name="Antwoorden inleveren").click()
    # 0.67 of 7 points: 9.52%, shown rounded down.
    expect(quiz.locator(".academy-quiz__score")).to_have_text("Je score: 9% — nog niet geslaagd (voldoende vanaf 80%).")
    expect(quiz.locator(".academy-quiz__result")).to_contain_text("Vragen om nog eens naar te kijken:")
    expect(quiz.locator(".academy-quiz__revisit a").first).to_have_text(re.compile(r"^Vraag 1: "))
    expect(quiz.get_by_role("button", name="Opnieuw proberen")).to_be_visible()
    history = quiz.locator(".academy-quiz__history")
    expect(history.locator("summary")).to_have_text("Je pogingen (1)")
    months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    expect(history.locator("li")).to_have_text(re.compile(rf"^\d{{1,2}} ({months}) \d{{4}} om \d\d:\d\d: 9% — niet geslaagd$"))
    # Nothing English on the quiz: no word the English strings put there.
    text = quiz.inner_text()
    for english in ("Check answer", "Your score", "point", "Partly right", "Questions to revisit", "Try again"):
        assert english not in text, english


@ships("quizzes/transparency-and-disclosure.nl.yml")
def test_progress_in_dutch(page: Page, site_url: str) -> None:
    open_page(page, site_url + "nl/progress/")
    page.evaluate("p => localStorage.setItem('academy.progress.v1', p)", json.dumps(PROGRESS))
    page.reload()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Mijn voortgang"))
    state = page.locator(f'.academy-progress-list [data-module="{QUIZ}"] [data-module-state]')
    expect(state).to_have_text("Afgerond op 4 maart 2026 (85%)")
    other = page.locator(".academy-progress-list [data-module-state]").filter(has_not_text="Afgerond")
    expect(other.first).to_have_text("Nog niet begonnen")
    expect(page.locator("[data-track-count]").first).to_have_text(re.compile(r"^\d+ van \d+ afgerond$"))
    expect(page.locator("[data-progress-export]")).to_have_text("Voortgang exporteren (JSON)")
    open_page(page, site_url + "nl/" + MODULE)
    expect(page.locator("[data-progress-status]")).to_have_text("Afgerond op 4 maart 2026 met 85%.")
    expect(page.locator(f'.md-nav a[href$="{MODULE.split("/")[1]}/"] .academy-sr').first).to_have_text("(afgerond)")


@ships("quizzes/transparency-and-disclosure.yml", languages=())
def test_the_english_page_still_speaks_english(page: Page, site_url: str) -> None:
    open_page(page, site_url + MODULE)
    assert page.evaluate("document.documentElement.lang") == "en"
    quiz = page.locator(f'.academy-quiz[data-quiz="{QUIZ}"]')
    expect(quiz.locator(".academy-quiz__rules").first).to_have_text("Pass mark: 80%.")
    statement = _question(page, "platform-label")
    statement.get_by_label("True", exact=True).check()
    statement.get_by_role("button", name="Check answer").click()
    expect(statement.locator(".academy-quiz__verdict")).to_have_text("Not right. 0 of 1 point.")
    expect(statement.locator(".academy-quiz__feedback")).to_contain_text("The statement is false.")
    quiz.get_by_role("button", name="Submit answers").click()
    expect(quiz.locator(".academy-quiz__score")).to_have_text("Your score: 0% — not passed yet (pass mark 80%).")

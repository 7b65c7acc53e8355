"""Quizzes in Chromium on a real site built from tests/fixtures/mini.

Each type answered right and wrong, feedback, score and pass/fail, the completion record,
persistence across instant navigation and reload, a stale answer after an edit, a
keyboard-only pass, pools, the no-JavaScript view, dark scheme and phone width, and
a search index without the answer key. Uses the shared `chromium` and `page` fixtures
of tests/conftest.py (skip without Chromium, failure under CI=true) and serves its own builds.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from academy.core.problems import Problems
from academy.core.quiz import Question, Quiz, load_quiz
from academy.core.scoring import check_completion
from engine import ENGINE
from support.browser import follow, open_page, settle
from support.harness import build

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "fixtures" / "mini"
QUIZ = "all-types"
PAGE = "all-types/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Site:
    """A built copy of the fixture project, served on 127.0.0.1; `rebuild` after editing `project`.

    The server starts first and the build gets its address as `site_url`: Material's instant
    navigation only follows links listed in sitemap.xml, matched by protocol, host and the
    port written there, so a site_url without the server's port turns it off.
    """

    def __init__(self, root: Path) -> None:
        self.project = root / "project"
        self.dir = root / "site"
        self.dir.mkdir()
        handler = functools.partial(_Quiet, directory=str(self.dir))
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        shutil.copytree(PROJECT, self.project)
        self.rebuild()

    def rebuild(self) -> None:
        result = build(self.project, self.dir, url=self.url)
        assert result.returncode == 0, f"{ENGINE} build failed:\n{result.stdout}\n{result.stderr}"

    def quiz(self, quiz_id: str = QUIZ) -> Quiz:
        quiz = load_quiz(self.project / "quizzes" / f"{quiz_id}.yml", Problems(self.project))
        assert quiz is not None
        return quiz

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    built = Site(tmp_path_factory.mktemp("quiz"))
    yield built
    built.close()


@pytest.fixture
def own_site(tmp_path: Path) -> Iterator[Site]:
    """A site of this test's own, to edit and rebuild."""
    built = Site(tmp_path)
    yield built
    built.close()


# Answering, the way a learner does (mouse); the keyboard test does it with keys alone.


def item(page: Page, question: Question) -> Locator:
    return page.locator(f"#aq-{QUIZ}-{question.id}")


def answer(page: Page, question: Question, right: bool) -> None:
    """Answer a question fully right or fully wrong."""
    li = item(page, question)
    kind = question.type
    if kind in {"single", "scenario"}:
        option = next(o for o in question.options if o.correct == right)
        li.get_by_label(option.text, exact=True).check()
    elif kind == "multiple":
        for option in question.options:
            if option.correct == right:
                li.get_by_label(option.text, exact=True).check()
    elif kind == "true_false":
        li.get_by_label("True" if question.answer == right else "False", exact=True).check()
    elif kind == "short_text":
        li.get_by_label("Your answer").fill(f"  {question.accept[0].upper()} " if right else "two days")
    elif kind == "ordering":
        order = list(range(len(question.items))) if right else list(range(len(question.items)))[::-1]
        arrange(li, order)
    elif kind == "matching":
        size = len(question.pairs)
        for i in range(size):
            chosen = question.pairs[i if right else (i + 1) % size].right
            li.locator(f"select[data-pair='{i}']").select_option(label=chosen)


def arrange(li: Locator, order: list[int]) -> None:
    """Move steps with their Up buttons until they stand in `order`."""
    for position, wanted in enumerate(order):
        current = [int(x) for x in li.locator("[data-item]").evaluate_all("s => s.map(x => x.dataset.item)")]
        for _ in range(current.index(wanted) - position):
            li.locator(f"[data-item='{wanted}'] [data-action=up]").click()
    assert li.locator("[data-item]").evaluate_all("s => s.map(x => +x.dataset.item)") == order


def check(page: Page, question: Question) -> Locator:
    li = item(page, question)
    li.get_by_role("button", name="Check answer").click()
    feedback = li.locator(".academy-quiz__feedback")
    expect(feedback).to_be_focused()
    return feedback


def open_quiz(page: Page, url: str) -> None:
    page.goto(url + PAGE)
    expect(page.locator(".academy-quiz__controls")).to_be_visible()


def listen(page: Page) -> None:
    page.evaluate(
        "window.passed = []; document.addEventListener('academy:quiz-passed', e => window.passed.push(e.detail))"
    )


def stored(page: Page, quiz_id: str = QUIZ) -> dict[str, Any]:
    return json.loads(page.evaluate(f"localStorage.getItem('academy.quiz.v1.{quiz_id}')") or "{}")


# The built site, without a browser.


def test_search_index_holds_no_answer_key(site: Site) -> None:
    # The quiz's own page: the fixture's other pages may say "60 minutes" for their own reasons.
    docs = json.loads((site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    index = json.dumps([d for d in docs if d["location"].startswith(PAGE)], ensure_ascii=False)
    assert "A lesson paragraph that search may index." in index  # the page itself is indexed
    quiz = site.quiz()
    secrets = [o.feedback for q in quiz.questions for o in q.options]
    secrets += [text for q in quiz.questions if q.feedback for text in (q.feedback.correct, q.feedback.incorrect)]
    secrets += [a for q in quiz.questions for a in q.accept] + [q.pattern for q in quiz.questions if q.pattern]
    secrets += [q.explanation for q in quiz.questions]
    secrets += [p.right for q in quiz.questions for p in q.pairs] + [i for q in quiz.questions for i in q.items]
    leaked = [s for s in secrets if s and s.lower() in index.lower()]
    assert not leaked
    for question in quiz.questions:  # the whole quiz stays out, prompts included
        assert question.prompt.replace("**", "") not in index


def test_page_holds_no_answer(site: Site) -> None:
    html = (site.dir / "all-types" / "index.html").read_text(encoding="utf-8")
    start = html.index('<section class="academy-quiz"')
    container = html[start : html.index("</section>", start)]
    assert 'data-search-exclude data-quiz="all-types" data-module="demo-module"' in container
    assert 'data-key="../assets/academy/quizzes/all-types.json"' in container
    quiz = site.quiz()
    assert "correct" not in container.replace("correct: true", "")
    for question in quiz.questions:
        for option in question.options:
            assert option.feedback not in container
        if question.feedback:
            assert question.feedback.correct not in container
        assert all(a not in container for a in question.accept)
    # Steps and right-hand sides never stand in the answer's order.
    steps = quiz.by_id["escalation-steps"].items
    assert sorted(steps, key=container.index) != list(steps)
    key = json.loads((site.dir / "assets/academy/quizzes/all-types.json").read_text(encoding="utf-8"))
    assert key["hash"] == quiz.content_hash and key["pass_mark"] == 75


def test_unknown_quiz_marker_warns(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    page = project / "content" / "other.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- academy:quiz no-such-quiz -->\n", encoding="utf-8")
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0
    assert 'other.md: quiz "no-such-quiz" does not exist' in result.stderr
    assert "academy:quiz" not in (tmp_path / "site" / "other" / "index.html").read_text(encoding="utf-8")


def test_assets_fit_the_size_budget(site: Site) -> None:
    import gzip

    assets = site.dir / "assets" / "academy"
    size = sum(len(gzip.compress((assets / name).read_bytes(), 9)) for name in ("quiz.js", "quiz.css"))
    assert size <= 15 * 1024, f"quiz.js + quiz.css are {size} bytes gzipped"


# In the browser.


def test_every_type_answered_right(page: Page, site: Site) -> None:
    quiz = site.quiz()
    open_quiz(page, site.url)
    listen(page)
    for question in quiz.questions:
        answer(page, question, right=True)
        feedback = check(page, question)
        expect(feedback).to_contain_text("Right.")
        points = "1 of 1 point." if question.points == 1 else f"{question.points} of {question.points} points."
        expect(feedback).to_contain_text(points)
        if question.type in {"single", "scenario"}:
            best = next(o for o in question.options if o.correct)
            expect(feedback).to_contain_text(best.feedback)
        elif question.feedback:
            expect(feedback).to_contain_text(question.feedback.correct)
        details = item(page, question).locator("details")
        expect(details).to_be_visible()
        expect(details).to_have_attribute("open", "")
        expect(item(page, question).locator("input, select, .academy-quiz__move").first).to_be_disabled()
    page.get_by_role("button", name="Submit answers").click()
    result = page.locator(".academy-quiz__result")
    expect(result).to_be_focused()
    expect(result).to_contain_text("Your score: 100% — passed (pass mark 75%).")
    expect(result).not_to_contain_text("Questions to revisit")
    assert page.evaluate("window.passed") == [
        {"quiz": QUIZ, "module": "demo-module", "score": 100, "hash": quiz.content_hash}
    ]
    # The completion record: what issuance re-scores.
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your e-mail").fill("ada@example.org")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download completion record").click()
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert download.value.suggested_filename == f"completion-{QUIZ}.json"
    assert record["learner"] == {"name": "Ada Lovelace", "email": "ada@example.org"}
    assert (record["module"], record["quiz"], record["score"], record["passed"]) == (
        "demo-module",
        {"id": QUIZ, "hash": quiz.content_hash},
        100,
        True,
    )
    assert record["questions"] == [q.id for q in quiz.questions]
    result_check = check_completion(record, {QUIZ: quiz})
    assert result_check.ok and result_check.passed and result_check.percent == 100.0
    history = stored(page)["history"]
    assert len(history) == 1 and history[0]["score"] == 100 and history[0]["passed"] is True


def test_every_type_answered_wrong(page: Page, site: Site) -> None:
    quiz = site.quiz()
    open_quiz(page, site.url)
    listen(page)
    for question in quiz.questions:
        answer(page, question, right=False)
        feedback = check(page, question)
        expect(feedback).to_contain_text("Not right.")
        expect(feedback).to_contain_text(f"0 of {question.points} point")
        if question.type in {"single", "scenario"}:
            chosen = next(o for o in question.options if not o.correct)
            best = next(o for o in question.options if o.correct)
            expect(feedback).to_contain_text(chosen.feedback)  # the consequence of this reply
            expect(feedback).to_contain_text(f"Best {'reply' if question.type == 'scenario' else 'answer'}: ")
            expect(feedback).to_contain_text(best.feedback)
        elif question.type == "multiple":
            expect(feedback).to_contain_text("wrong option, you ticked it")
        else:
            assert question.feedback is not None
            expect(feedback).to_contain_text(question.feedback.incorrect)
        expect(item(page, question)).to_have_attribute("data-result", "wrong")
    page.get_by_role("button", name="Submit answers").click()
    result = page.locator(".academy-quiz__result")
    expect(result).to_contain_text("Your score: 0% — not passed yet (pass mark 75%).")
    expect(result.locator(".academy-quiz__revisit li")).to_have_count(len(quiz.questions))
    expect(page.get_by_role("button", name="Download completion record")).to_have_count(0)
    assert page.evaluate("window.passed") == []
    # Retry resets the answers and keeps the history.
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".academy-quiz__feedback:not(:empty)")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    expect(page.locator(".academy-quiz__item input:checked")).to_have_count(0)
    state = stored(page)
    assert len(state["history"]) == 1 and state["history"][0]["passed"] is False
    assert not any("r" in a for a in state["answers"].values())


def test_partial_credit_and_a_pass_at_the_mark(page: Page, site: Site) -> None:
    """6 of 8 points is exactly the pass mark of 75%."""
    quiz = site.quiz()
    open_quiz(page, site.url)
    for question in quiz.questions:
        if question.id != "disclosure-tags":
            answer(page, question, right=question.id != "platform-match")
    li = item(page, quiz.by_id["disclosure-tags"])
    li.get_by_label("A review of a company product", exact=True).check()  # 1 of 2 right ones: half a point
    arrange(item(page, quiz.by_id["escalation-steps"]), [0, 1, 3, 2])  # 2 of 4 in place: half a point
    feedback = check(page, quiz.by_id["disclosure-tags"])
    expect(feedback).to_contain_text("Partly right. 0.5 of 1 point.")
    feedback = check(page, quiz.by_id["escalation-steps"])
    expect(feedback).to_contain_text("2 of 4 steps in the right place.")
    page.get_by_role("button", name="Submit answers").click()
    result = page.locator(".academy-quiz__result")
    expect(result).to_contain_text("Your score: 75% — passed")
    expect(result.locator(".academy-quiz__revisit li")).to_have_count(3)


def test_answers_persist_across_instant_navigation_and_reload(page: Page, site: Site) -> None:
    quiz = site.quiz()
    open_page(page, site.url + PAGE)  # and wait until Material follows links instantly
    expect(page.locator(".academy-quiz__controls")).to_be_visible()
    single, multiple, short = (quiz.by_id[i] for i in ("triage-first", "disclosure-tags", "response-target"))
    answer(page, single, right=True)
    check(page, single)
    answer(page, multiple, right=True)
    answer(page, short, right=False)
    page.evaluate("window.sameDocument = true")
    follow(page, page.get_by_role("link", name="another page"))
    expect(page).to_have_url(site.url + "other/")
    follow(page, page.get_by_role("link", name="every question type").first)
    expect(page).to_have_url(site.url + PAGE)
    assert page.evaluate("window.sameDocument") is True  # Material's instant navigation, no reload
    for _ in range(2):
        expect(item(page, single).locator(".academy-quiz__feedback")).to_contain_text("Right.")
        expect(item(page, single).locator("input:checked")).to_have_count(1)
        expect(item(page, multiple).locator("input:checked")).to_have_count(2)
        expect(item(page, multiple).locator(".academy-quiz__feedback")).to_be_empty()
        expect(item(page, short).get_by_label("Your answer")).to_have_value("two days")
        page.reload()
    assert page.evaluate("window.sameDocument") is None


def test_quizzes_start_on_pages_reached_by_instant_navigation(page: Page, site: Site) -> None:
    """Keys resolve against the page navigated to, at any depth, with no reload."""
    open_page(page, site.url)
    page.evaluate("window.sameDocument = true")
    follow(page, page.get_by_role("link", name="pooled quiz"))
    expect(page).to_have_url(site.url + "practice/pooled/")
    expect(page.locator("#aq-pooled .academy-quiz__controls")).to_be_visible()
    follow(page, page.get_by_role("link", name="All types").first)
    expect(page).to_have_url(site.url + PAGE)
    expect(page.locator(f"#aq-{QUIZ} .academy-quiz__controls")).to_be_visible()
    expect(page.locator(".academy-quiz__controls")).to_have_count(1)  # set up once, not once per visit
    assert page.evaluate("window.sameDocument") is True


def test_a_stale_answer_is_discarded_after_an_edit(page: Page, own_site: Site) -> None:
    quiz = own_site.quiz()
    single, true_false = quiz.by_id["triage-first"], quiz.by_id["delete-criticism"]
    open_quiz(page, own_site.url)
    answer(page, single, right=True)
    answer(page, true_false, right=True)
    check(page, true_false)
    page.get_by_role("button", name="Submit answers").click()
    before = stored(page)
    assert set(before["answers"]) >= {"triage-first", "delete-criticism"}
    path = own_site.project / "quizzes" / f"{QUIZ}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("answer first**?", "answer first** today?"), "utf-8")
    own_site.rebuild()
    edited = own_site.quiz()
    assert edited.by_id["triage-first"].content_hash != single.content_hash
    assert edited.by_id["delete-criticism"].content_hash == true_false.content_hash
    page.reload()
    expect(item(page, single)).to_contain_text("answer first today?")
    expect(item(page, single).locator("input:checked")).to_have_count(0)
    expect(item(page, single).locator(".academy-quiz__feedback")).to_be_empty()
    expect(item(page, true_false).locator("input:checked")).to_have_count(1)
    expect(item(page, true_false).locator(".academy-quiz__feedback")).to_contain_text("Right.")
    # The attempt lost an answer, so it is open again.
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    after = stored(page)
    assert "r" not in after["answers"].get("triage-first", {})
    assert after["answers"]["delete-criticism"]["r"] is False


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def key_choose(page: Page, li: str, text: str) -> None:
    """Pick a radio by its label with arrow keys, starting from the group's focused radio."""
    tab_to(page, f"{li} input[type=radio]")
    for _ in range(8):
        label = page.evaluate("document.activeElement.labels[0].textContent.trim()")
        if label == text:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no radio labelled {text}")


def key_check(page: Page, li: str) -> None:
    tab_to(page, f"{li} [data-action=check]")
    page.keyboard.press("Enter")
    assert page.evaluate("s => document.activeElement.matches(s)", f"{li} .academy-quiz__feedback")


def test_keyboard_only_pass(page: Page, site: Site) -> None:
    quiz = site.quiz()
    open_quiz(page, site.url)
    for question in quiz.questions:
        li = f"#aq-{QUIZ}-{question.id}"
        kind = question.type
        if kind in {"single", "scenario"}:
            key_choose(page, li, next(o.text for o in question.options if o.correct))
        elif kind == "true_false":
            key_choose(page, li, "True" if question.answer else "False")
        elif kind == "multiple":
            for _ in range(len(question.options)):
                tab_to(page, f"{li} input[type=checkbox]")
                label = page.evaluate("document.activeElement.labels[0].textContent.trim()")
                if any(o.correct and o.text == label for o in question.options):
                    page.keyboard.press("Space")
        elif kind == "short_text":
            tab_to(page, f"{li} input[type=text]")
            page.keyboard.type(question.accept[0])
        elif kind == "ordering":
            for position in range(len(question.items)):
                while True:
                    order = page.locator(f"{li} [data-item]").evaluate_all("s => s.map(x => +x.dataset.item)")
                    if order.index(position) == position:
                        break
                    tab_to(page, f"{li} [data-item='{position}'] [data-action=up]")
                    page.keyboard.press("Enter")  # focus stays on the moved step's button
                    expect(page.locator(".academy-quiz__sr")).to_contain_text("position")
        elif kind == "matching":
            for i, pair in enumerate(question.pairs):
                tab_to(page, f"{li} select[data-pair='{i}']")
                for _ in range(len(question.pairs) + 1):
                    if page.evaluate("document.activeElement.selectedOptions[0].textContent") == pair.right:
                        break
                    page.keyboard.press("ArrowDown")
        if kind == "short_text":
            page.keyboard.press("Enter")  # Enter in the answer field checks it
            assert page.evaluate("document.activeElement.classList.contains('academy-quiz__feedback')")
        else:
            key_check(page, li)
        expect(page.locator(f"{li} .academy-quiz__feedback")).to_contain_text("Right.")
    tab_to(page, "[data-action=submit]")
    page.keyboard.press("Enter")
    result = page.locator(".academy-quiz__result")
    expect(result).to_be_focused()
    expect(result).to_contain_text("passed (pass mark 75%)")
    tab_to(page, "input[name=name]")
    page.keyboard.type("Ada Lovelace")
    page.keyboard.press("Tab")
    page.keyboard.type("ada@example.org")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert check_completion(record, {QUIZ: quiz}).passed


def test_result_and_feedback_are_announced(page: Page, site: Site) -> None:
    open_quiz(page, site.url)
    assert page.locator(".academy-quiz__result").get_attribute("aria-live") == "polite"
    assert page.locator(".academy-quiz__feedback").first.get_attribute("aria-live") == "polite"
    for control in page.locator(".academy-quiz__item input, .academy-quiz__item select").all():
        assert control.evaluate("c => c.labels.length > 0 && c.labels[0].textContent.trim() !== ''")
    expect(page.locator(".academy-quiz__notice")).to_have_text(
        "Practice quiz, self-scored for learning: it earns no certificate by itself; each certificate has its own assessment, scored by the hub."
    )


def test_pool_draws_and_remembers(page: Page, site: Site) -> None:
    page.goto(site.url + "practice/pooled/")
    shown = page.locator(".academy-quiz__item:visible")
    expect(shown).to_have_count(2)
    draw = [shown.nth(i).get_attribute("data-question") for i in range(2)]
    assert stored(page, "pooled")["attempt"]["draw"] == draw
    page.reload()
    expect(shown).to_have_count(2)
    assert [shown.nth(i).get_attribute("data-question") for i in range(2)] == draw
    for i in range(2):
        shown.nth(i).get_by_label("True", exact=True).check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator(".academy-quiz__result")).to_contain_text("Your score: 100% — passed (pass mark 50%).")
    record = stored(page, "pooled")
    assert record["attempt"]["submitted"] is True and len(record["attempt"]["draw"]) == 2


def test_without_javascript_questions_and_explanations_are_readable(chromium: Any, site: Site) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + PAGE)
    quiz = site.quiz()
    for question in quiz.questions:
        li = page.locator(f"#aq-{QUIZ}-{question.id}")
        expect(li).to_be_visible()
        details = li.locator("details.academy-quiz__explanation")
        expect(details).not_to_have_attribute("open", "")
        details.locator("summary").click()
        expect(details).to_contain_text(question.explanation)
    expect(page.get_by_role("button", name="Check answer")).to_have_count(0)
    expect(page.locator("figure.academy-post")).to_contain_text("Jordan K.")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_in_both_schemes(chromium: Any, site: Site, scheme: str, tmp_path: Path) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url + PAGE)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    quiz = page.locator(".academy-quiz")
    expect(page.locator(".academy-quiz__controls")).to_be_visible()
    widths = page.evaluate(
        "() => [...document.querySelectorAll('.academy-quiz *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.className)"
    )
    assert widths == [], f"wider than the screen: {widths}"
    colors = quiz.evaluate(
        "q => { const s = getComputedStyle(q.querySelector('.academy-post')); "
        "return [getComputedStyle(q).color, s.backgroundColor] }"
    )
    assert colors[0] != colors[1]
    page.screenshot(path=str(tmp_path / f"quiz-{scheme}.png"), full_page=True)
    context.close()
    assert not errors


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MODES = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 375, "height": 812}, "color_scheme": "light", "is_mobile": True},
}


@pytest.mark.parametrize("mode", MODES)
def test_no_accessibility_violation_before_and_after_answering(chromium: Any, site: Site, mode: str) -> None:
    if not AXE.exists():
        message = "axe-core is not installed: run make setup (needs npm)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    context = chromium.new_context(**MODES[mode])
    page = context.new_page()
    open_quiz(page, site.url)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    audit = "async () => (await axe.run(document.querySelector('.academy-quiz'), {resultTypes: ['violations']}))"
    found = page.evaluate(audit + ".violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`)")
    quiz = site.quiz()
    for question in quiz.questions:
        answer(page, question, right=question.type in {"single", "ordering", "scenario"})
    check(page, quiz.questions[0])
    page.get_by_role("button", name="Submit answers").click()
    page.mouse.move(0, 0)  # no hover colours in the audit
    settle(page)  # Material fades hover colours out over 125 ms: audit the settled ones
    found += page.evaluate(audit + ".violations.map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`)")
    context.close()
    assert found == []

"""The one lazy loader, as each plugin serves it, in Chromium: it loads its feature only on a page
that needs it, once, and says so on the page when the feature cannot be loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from academy.plugins.exams.plugin import loader_js as exams_loader
from academy.plugins.quiz.plugin import LOADER_JS as QUIZ_LOADER
from academy.plugins.sandbox.plugin import loader_js as sandbox_loader
from support.harness import Server

PAGE = """<!doctype html><html lang="en"><head><title>t</title></head><body>{body}
<script src="assets/academy/{loader}"></script></body></html>"""


def _serve(tmp_path: Path, loader: str, source: str, body: str, scripts: dict[str, str]) -> Server:
    assets = tmp_path / "assets" / "academy"
    assets.mkdir(parents=True)
    (assets / loader).write_text(source, encoding="utf-8")
    for name, text in scripts.items():
        (assets / name).write_text(text, encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(body=body, loader=loader), encoding="utf-8")
    (tmp_path / "plain.html").write_text(PAGE.format(body="<p>No feature.</p>", loader=loader), encoding="utf-8")
    return Server(tmp_path)


def _requests(chromium: Any, url: str) -> tuple[Any, list[str]]:
    page = chromium.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url.rsplit("/", 1)[1]))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, seen


def test_the_quiz_loader_loads_quiz_js_only_where_a_quiz_is(chromium: Any, tmp_path: Path) -> None:
    body = '<section class="academy-quiz" data-quiz="q"><div class="academy-quiz__end"></div></section>'
    stub = "window.academyQuiz = {}; document.body.dataset.loaded = (Number(document.body.dataset.loaded) || 0) + 1;"
    server = _serve(tmp_path, "quiz-loader.js", QUIZ_LOADER, body, {"quiz.js": stub})
    try:
        page, seen = _requests(chromium, server.url + "index.html")
        assert page.evaluate("document.body.dataset.loaded") == "1"
        assert seen.count("quiz.js") == 1
        page.close()
        page, seen = _requests(chromium, server.url + "plain.html")
        assert "quiz.js" not in seen
        page.close()
    finally:
        server.close()


def test_the_quiz_loader_says_when_quiz_js_cannot_load(chromium: Any, tmp_path: Path) -> None:
    body = '<section class="academy-quiz" data-quiz="q"><div class="academy-quiz__end"></div></section>'
    server = _serve(tmp_path, "quiz-loader.js", QUIZ_LOADER, body, {})
    try:
        page, _ = _requests(chromium, server.url + "index.html")
        assert page.text_content(".academy-quiz__end") == (
            "The quiz could not be loaded. Check the connection and reload the page."
        )
        page.close()
    finally:
        server.close()


def test_the_exam_loader_loads_script_and_style_or_replaces_the_assessment(chromium: Any, tmp_path: Path) -> None:
    body = '<div data-exam="e"><p>Loading…</p></div>'
    server = _serve(tmp_path, "exams.js", exams_loader("en"), body, {"exam.css": "body { color: rgb(1, 2, 3); }"})
    try:
        page, seen = _requests(chromium, server.url + "index.html")
        assert "exam.css" in seen and "exam.js" in seen
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(1, 2, 3)"
        assert page.inner_html("[data-exam]") == (
            "<p>The assessment could not be loaded. Check the connection and reload the page.</p>"
        )
        page.close()
    finally:
        server.close()


def test_the_sandbox_loader_runs_init_after_loading_or_appends_a_notice(chromium: Any, tmp_path: Path) -> None:
    body = '<div data-academy-thread="t"><p>Thread</p></div>'
    stub = "window.academySandbox = { init() { document.body.dataset.inits = 'yes'; } };"
    strings = {"sandbox.js": stub, "sandbox-strings.js": ""}
    server = _serve(tmp_path, "sandbox-loader.js", sandbox_loader("en"), body, strings)
    try:
        page, seen = _requests(chromium, server.url + "index.html")
        assert page.evaluate("document.body.dataset.inits") == "yes"
        assert "sandbox.css" in seen
        page.close()
    finally:
        server.close()
    (tmp_path / "assets/academy/sandbox.js").unlink()
    server = Server(tmp_path)
    try:
        page, _ = _requests(chromium, server.url + "index.html")
        notice = page.locator("[data-academy-thread] p.academy-thread__notice")
        assert notice.text_content() == "The practice thread could not be loaded. Check the connection and reload the page."
        page.close()
    finally:
        server.close()

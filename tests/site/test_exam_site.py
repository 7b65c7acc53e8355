"""No built file tells an exam question's right answer from the others.

Every file the site serves (HTML, JS, CSS, JSON, the search index, the sitemap, the trainer edition,
the print page, the practice quizzes' keys) is read as text: HTML and JSON unescaped, tags removed,
spacing and case folded. In it, for every question of every exam:

* no feedback, explanation, accepted answer or pattern from the banks appears anywhere;
* the question's own text (prompt, post, options, items, sides) is in no practice quiz (its key
  file or its section of a page): practice quizzes publish their keys;
* the exam file holds no key field, its options, items and sides are sorted by public id and
  each has the same fields, `{"id", "html"}`.

Run on a site built from tests/fixtures/mini (whose exam holds every question type) and on the
shipped site. Also: the certificate pages and their links, and the page weight with the exam.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from academy.core import exam as exams
from academy.core.project import Project, load_project
from page_weight import BUDGET, measure
from support.harness import ROOT, build

MINI = ROOT / "tests" / "fixtures" / "mini"
KEY_FIELDS = {"correct", "answer", "accept", "pattern", "feedback", "explanation", "pairs"}
QUESTION_FIELDS = {"id", "module", "type", "points", "hash", "prompt", "post", "options", "items", "left", "right"}
EXAM_FIELDS = {"format", "id", "title", "draw", "pool", "pass_mark", "max_attempts", "wait_hours", "modules"}
EXAM_FIELDS |= {"questions"}
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
#: Texts shorter than this many words are too common to look for in the whole site ("Legal", "Yes").
MIN_WORDS = 4


def fold(text: str) -> str:
    """Text as a reader sees it, for comparison: no tags, entities resolved, spacing and case folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip().lower()


def forms(text: str) -> set[str]:
    """A Markdown source as written and as rendered, folded: how it would show up in a built file."""
    return {fold(text), fold(markdown.markdown(text))} - {""}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def corpus(site: Path) -> dict[str, str]:
    """Every text file of the built site, folded, by its path in the site."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        name = path.relative_to(site).as_posix()
        if path.suffix == ".gz":
            data, path = gzip.decompress(data), path.with_suffix("")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts, PDFs: no text of ours
        if path.suffix == ".json":
            text = "\n".join(fold(s) for s in _strings(json.loads(text)))
        texts[name] = fold(text) if path.suffix != ".json" else text
    return texts


def secrets(question: exams.ExamQuestion) -> list[str]:
    """What the bank knows about a question that the site must not: feedback, explanations, key texts."""
    q = question.question
    found = [q.explanation, *(o.feedback for o in q.options), *q.accept]
    if q.feedback:
        found += [q.feedback.correct, q.feedback.incorrect]
    if q.pattern:
        found.append(q.pattern)
    return [text for text in found if text and text.strip()]


def question_texts(question: exams.ExamQuestion) -> list[str]:
    q = question.question
    texts = [q.prompt, *(o.text for o in q.options), *q.items, *(p.left for p in q.pairs), *(p.right for p in q.pairs)]
    if q.post:
        texts += [q.post.text, q.post.context or ""]
    return [text for text in texts if text and text.strip()]


def long_enough(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS


def practice_quizzes(site: Path, texts: dict[str, str]) -> dict[str, str]:
    """The practice quizzes as built, folded: their keys, and each page's quiz sections (with the answers' texts)."""
    found = {name: text for name, text in texts.items() if name.startswith("assets/academy/quizzes/")}
    for path in site.rglob("*.html"):
        sections = _QUIZ.findall(path.read_text(encoding="utf-8"))
        if sections:
            found[path.relative_to(site).as_posix()] = fold(" ".join(sections))
    return found


def check_site(project: Project, site: Path) -> int:
    """Assert everything the module docstring says, every problem at once; returns the questions checked."""
    texts = corpus(site)
    practice = practice_quizzes(site, texts)
    problems: list[str] = []
    checked = 0
    for exam in project.exams.values():
        own = f"assets/academy/exams/{exam.id}.json"
        assert own in texts, f"{own} is published"
        published = json.loads((site / own).read_text(encoding="utf-8"))
        check_exam_file(exam, published)
        values = {fold(v) for v in _strings(published)}
        for question in exam.questions:
            for secret in secrets(question):
                # A short one ("ad", "Cold.") cannot be searched for in the whole site: not a text of the exam file.
                if forms(secret) & values:
                    problems.append(f"{question.id}: key text {secret!r} is in {own}")
                for form in forms(secret) if long_enough(secret) else ():
                    where = [name for name, text in texts.items() if form in text]
                    if where:
                        problems.append(f"{question.id}: key text {secret!r} is in {where}")
            # A practice quiz publishes its key: an exam question's text in one gives its answer away.
            for text in question_texts(question):
                for form in forms(text) if long_enough(text) else ():
                    where = sorted(name for name, body in practice.items() if form in body)
                    if where:
                        problems.append(f"{question.id}: exam text {text!r} is in the practice quiz of {where}")
            # The search above finds what is there: the prompt is in the exam file.
            assert any(form in texts[own] for form in forms(question.question.prompt)), question.id
            checked += 1
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(dict.fromkeys(problems))
    return checked


_QUIZ = re.compile(r'<section class="academy-quiz"[^>]*data-quiz=.*?</section>', re.S)


def check_exam_file(exam: exams.Exam, published: dict[str, Any]) -> None:
    assert set(published) == EXAM_FIELDS
    assert published["format"] == "academy-exam/1" and published["id"] == exam.id
    assert published["draw"] == exam.draw_size and published["pool"] == len(exam.questions)
    assert [q["id"] for q in published["questions"]] == [q.id for q in exam.questions]
    for entry in published["questions"]:
        question = exam.by_id[entry["id"]]
        assert set(entry) <= QUESTION_FIELDS, entry.keys()
        assert not KEY_FIELDS & set(_keys(entry)), f"{question.id}: a key field is published"
        assert entry["hash"] == question.hash
        expected = {
            "options": exams.option_pids(question) if question.question.options else [],
            "items": exams.item_pids(question) if question.question.items else [],
            "left": exams.left_pids(question) if question.question.pairs else [],
            "right": exams.right_pids(question) if question.question.pairs else [],
        }
        for field, pids in expected.items():
            sides = entry.get(field, [])
            assert [s["id"] for s in sides] == sorted(pids), f"{question.id}: {field} in public-id order"
            assert all(set(s) == {"id", "html"} for s in sides), f"{question.id}: every {field} has the same fields"


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("mini") / "site"
    result = build(MINI, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


def test_the_mini_site_tells_no_right_answer(mini_site: Path) -> None:
    project = load_project(MINI)
    types = {q.type for exam in project.exams.values() for q in exam.questions}
    assert types == {"single", "multiple", "true_false", "short_text", "ordering", "matching", "scenario"}
    assert check_site(project, mini_site) == sum(len(e.questions) for e in project.exams.values()) > 0


def test_a_leak_is_found(mini_site: Path, tmp_path: Path) -> None:
    """The check fails on a site that publishes a key text: here a feedback in the search index."""
    project = load_project(MINI)
    secret = next(s for e in project.exams.values() for q in e.questions for s in secrets(q) if long_enough(s))
    leaky = tmp_path / "site"
    leaky.mkdir()
    for path in mini_site.rglob("*"):
        if path.is_file():
            target = leaky / path.relative_to(mini_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    index = leaky / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"][0]["text"] += " " + html.escape(markdown.markdown(secret))
    index.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AssertionError, match="key text"):
        check_site(project, leaky)


def test_the_shipped_site_tells_no_right_answer(site_dir: Path) -> None:
    project = load_project(ROOT)
    if not project.exams:
        pytest.skip("the shipped curriculum has no exam yet")
    assert check_site(project, site_dir) == sum(len(e.questions) for e in project.exams.values())


def test_every_certificate_has_its_page(mini_site: Path) -> None:
    project = load_project(MINI)
    for rule in project.certificates.values():
        page = BeautifulSoup((mini_site / "certificates" / rule.id / "index.html").read_text("utf-8"), "html.parser")
        assert page.h1.get_text(strip=True).removesuffix("¶") == rule.title
        text = page.select_one("article").get_text(" ", strip=True)
        assert rule.criteria in text and rule.description in text
        exam = project.exams.get(rule.id)
        root = page.select_one("[data-exam]")
        if exam is None:
            assert root is None and "trainer-attested" in text
            continue
        assert f"{exam.draw_size} questions drawn from a pool of {len(exam.questions)}" in text
        assert root["data-hub"] == project.site.issuer.email
        assert root.has_attr("data-search-exclude")
        assert (mini_site / "certificates" / rule.id / root["data-src"]).resolve() == (
            mini_site / "assets" / "academy" / "exams" / f"{rule.id}.json"
        ).resolve()
        # The modules, each with the practice-quiz state academy.js fills in from browser progress.
        assert [li["data-module"] for li in page.select("[data-track-progress] + ul [data-module]")] == rule.modules
        index = (mini_site / "certificates" / "index.html").read_text("utf-8")
        assert f'href="{rule.id}/"' in index
        track = (mini_site / "tracks" / "basics" / "index.html").read_text("utf-8")
        assert f"certificates/{rule.id}/" in track


def test_the_exam_script_is_loaded_only_with_an_exam_and_within_budget(mini_site: Path) -> None:
    exam_page = measure(mini_site, "certificates/basics-certificate/")
    assert {"assets/academy/exam.js", "assets/academy/exam.css"} <= set(exam_page.academy)
    assert exam_page.academy_total <= BUDGET, exam_page.academy
    other = measure(mini_site, "guidelines/principles/")
    assert "assets/academy/exam.js" not in other.academy and "assets/academy/exams.js" in other.academy
    assert other.academy["assets/academy/exams.js"] <= 1024


def test_texts_of_the_rule_are_escaped_on_its_page(mini_project: Path, tmp_path: Path) -> None:
    rule = mini_project / "curriculum" / "certificates" / "basics-certificate.yml"
    text = rule.read_text(encoding="utf-8")
    text = text.replace("title: Certified Basics", 'title: "Certified <b>Basics</b> & <script>x()</script>"')
    text = text.replace("criteria: Pass both", 'criteria: "<img src=x alt=\'x\' onerror=alert(1)> Pass both')
    text = text.replace("80 percent.", '80 percent."')
    rule.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build(mini_project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("certificates/basics-certificate/index.html", "certificates/index.html"):
        body = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one("article")
        assert body.find("script") is None and body.find("img") is None and body.find("b") is None, page
        assert "Certified <b>Basics</b> & <script>x()</script>" in body.get_text(), page
    root = BeautifulSoup((site / "certificates/basics-certificate/index.html").read_text("utf-8"), "html.parser")
    assert root.select_one("[data-exam]")["data-title"] == "Certified <b>Basics</b> & <script>x()</script>"


def test_a_certificate_without_exam_is_trainer_attested(mini_project: Path, tmp_path: Path) -> None:
    rule = mini_project / "curriculum" / "certificates" / "basics-certificate.yml"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text[: text.index("exam:")], encoding="utf-8")
    site = tmp_path / "site"
    result = build(mini_project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((site / "certificates/basics-certificate/index.html").read_text("utf-8"), "html.parser")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "trainer-attested" in text and "attend the workshop again" in text
    assert page.select_one("[data-exam]") is None
    assert not (site / "assets/academy/exams").exists()
    assert "Trainer-attested" in (site / "certificates/index.html").read_text("utf-8")

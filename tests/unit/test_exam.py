"""Exam banks, the exam block of certificate rules, the per-learner draw and the published exam."""

from __future__ import annotations

import copy
import json
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from academy.core import exam as exams
from academy.core.problems import Problems
from academy.core.project import load_project
from academy.core.schema import load_schema

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
VECTORS = ROOT / "tests" / "fixtures" / "exam_draws.json"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_project(root).problems]


def test_the_fixture_exam_loads_with_its_pool_in_module_order() -> None:
    project = load_project(MINI)
    assert not list(project.problems)
    exam = project.exams["basics-certificate"]
    assert (exam.draw_size, exam.pool_size, exam.pass_mark) == (6, 12, 80)
    assert exam.modules == ("alpha", "beta")
    assert [q.module for q in exam.questions] == ["alpha"] * 6 + ["beta"] * 6
    assert exam.questions[0].id == "alpha/reply-to-praise"
    # Feedback and explanation are optional in banks.
    assert exam.question("alpha/first-words").question.options[0].feedback == ""


def test_a_rule_without_exam_block_has_no_exam(tmp_path: Path) -> None:
    project = load_project(ROOT / "tests" / "credentials" / "fixtures" / "project")
    assert "alpha-only-certificate" in project.certificates and "alpha-only-certificate" not in project.exams


def test_the_exam_schema_has_the_quiz_question_format_with_feedback_optional() -> None:
    quiz, exam = load_schema("quiz")["$defs"], load_schema("exam")["$defs"]
    assert set(quiz) == set(exam)
    relaxed = copy.deepcopy(quiz)
    relaxed["option"]["required"] = ["text"]
    relaxed["question"]["required"] = ["id", "type", "prompt"]
    for rule in relaxed["question"]["allOf"]:
        rule["then"]["required"] = [r for r in rule["then"]["required"] if r != "feedback"]
        rule["then"]["properties"].pop("feedback", None)

    def shape(value: object) -> object:  # descriptions may differ, nothing else
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items() if k != "description"}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    assert shape(relaxed) == shape(exam)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda root: _set_draw(root, 7),
            "curriculum/certificates/basics-certificate.yml:9: the exam draws 7 questions from a pool of 12; "
            "the pool needs at least 14",
        ),
        (
            lambda root: (root / "curriculum/exams/beta.yml").unlink(),
            'curriculum/certificates/basics-certificate.yml:5: module "beta" has no exam bank',
        ),
        (
            lambda root: _keep_questions(root / "curriculum/exams/beta.yml", 1),
            'curriculum/exams/beta.yml:2: the bank of module "beta" has 1 question(s)',
        ),
        (
            lambda root: shutil.copy(root / "curriculum/exams/beta.yml", root / "curriculum/exams/gamma.yml"),
            "curriculum/exams/gamma.yml:2: module \"beta\" differs from the file name",
        ),
        (
            lambda root: _replace(root / "curriculum/certificates/basics-certificate.yml", "min_score: 80\n", ""),
            "curriculum/certificates/basics-certificate.yml:7: a certificate with an exam needs min_score",
        ),
        (
            lambda root: _replace(root / "curriculum/certificates/basics-certificate.yml", "draw: 6", "draw: 0"),
            "curriculum/certificates/basics-certificate.yml:9: exam.draw is 0",
        ),
        (
            lambda root: _replace(root / "curriculum/exams/alpha.yml", "correct: true\n        feedback: Discloses", "feedback: Discloses"),
            "curriculum/exams/alpha.yml:13: a scenario question needs exactly one best reply",
        ),
        (
            lambda root: _replace(root / "curriculum/exams/alpha.yml", "id: first-words", "id: reply-to-praise"),
            'curriculum/exams/alpha.yml:23: question id "reply-to-praise" is already used on line 4',
        ),
        (
            lambda root: _replace(root / "curriculum/exams/alpha.yml", "    answer: false\n", "    answer: false\n    accept: [x]\n"),
            'curriculum/exams/alpha.yml:46: field "accept" does not belong to a true/false question',
        ),
    ],
)
def test_exam_problems_name_the_file_and_line(mini: Path, edit, expected: str) -> None:
    edit(mini)
    found = problems_of(mini)
    assert any(p.startswith(expected) for p in found), found


def test_a_bank_for_a_module_that_does_not_exist_is_reported(mini: Path) -> None:
    text = (mini / "curriculum/exams/beta.yml").read_text().replace("module: beta", "module: gamma")
    (mini / "curriculum/exams/gamma.yml").write_text(text)
    assert 'curriculum/exams/gamma.yml:2: module "gamma" does not exist, so no exam can use this bank' in "\n".join(
        problems_of(mini)
    )


def test_the_certificate_id_status_is_reserved(mini: Path) -> None:
    rule = mini / "curriculum/certificates/basics-certificate.yml"
    rule.rename(mini / "curriculum/certificates/status.yml")
    _replace(mini / "curriculum/certificates/status.yml", "id: basics-certificate", "id: status")
    _replace(mini / "curriculum/tracks/basics.yml", "basics-certificate", "status")
    assert any('certificate id "status" is reserved' in p for p in problems_of(mini))


# The draw ----------------------------------------------------------------------------------


def test_the_draw_reproduces_the_shared_vectors() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from exam_draw_vectors import vectors
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert json.loads(VECTORS.read_text(encoding="utf-8")) == json.loads(json.dumps(vectors(), ensure_ascii=False))


def test_the_draw_follows_the_contract_step_by_step() -> None:
    exam = load_project(MINI).exams["basics-certificate"]
    data = json.loads(VECTORS.read_text(encoding="utf-8"))
    for case in data["cases"]:
        s = exams.seed(exam.id, case["email"], case["attempt"])
        assert s == f"basics-certificate\n{case['email'].strip().lower()}\n{case['attempt']}" == case["seed"]
        asked = exams.draw(exam, case["email"], case["attempt"])
        assert [q.id for q in asked] == case["asked"]
        assert len(asked) == 6 and len(set(case["asked"])) == 6
        # Each module gives 3: round by round, every module before any gives another.
        assert sorted(q.module for q in asked) == ["alpha"] * 3 + ["beta"] * 3
        ranks = [exams.rank(s, "order", q.id) for q in asked]
        assert ranks == sorted(ranks)


def test_the_draw_ignores_case_and_spaces_and_changes_with_the_attempt() -> None:
    exam = load_project(MINI).exams["basics-certificate"]
    first = [q.id for q in exams.draw(exam, "Ana.Ruiz@Example.com ", 1)]
    assert first == [q.id for q in exams.draw(exam, "ana.ruiz@example.com", 1)]
    others = {tuple(q.id for q in exams.draw(exam, "ana.ruiz@example.com", n)) for n in range(2, 8)}
    assert tuple(first) not in others or len(others) > 1


def test_a_draw_covers_every_module_even_when_one_bank_is_small() -> None:
    project = load_project(MINI)
    exam = project.exams["basics-certificate"]
    small = replace(exam, questions=exam.questions[:2] + exam.questions[6:], settings=replace(exam.settings, draw=5))
    for n in range(20):
        asked = exams.draw(small, f"p{n}@example.org", 1)
        assert len(asked) == 5 and {q.module for q in asked} == {"alpha", "beta"}


def test_pids_are_the_contract_hash() -> None:
    import hashlib

    assert exams.pid("m/q", "option", "Yes") == hashlib.sha256(b"m/q\noption\nYes").hexdigest()[:10]


# The published exam -------------------------------------------------------------------------


def test_the_published_exam_holds_no_key_material() -> None:
    exam = load_project(MINI).exams["basics-certificate"]
    public = exams.public_exam(exam)
    text = json.dumps(public, ensure_ascii=False)
    for word in ("correct", "answer", "accept", "feedback", "explanation", "pattern", "pairs"):
        assert f'"{word}"' not in text
    for secret in ("Discloses and thanks", "advert", "Quick, human"):
        assert secret not in text
    for q in public["questions"]:
        for key in ("options", "items", "left", "right"):
            if key in q:
                ids = [o["id"] for o in q[key]]
                assert ids == sorted(ids) and len(set(ids)) == len(ids)
    roles = next(q for q in public["questions"] if q["id"] == "beta/roles")
    assert {o["html"] for o in roles["left"]} == {"Hub", "Spoke", "Legal"}
    # Text is escaped without a renderer; the page inserts HTML fields as HTML.
    assert "&lt;b&gt;app&lt;/b&gt;" in text and "<b>" not in text


def test_the_public_hash_follows_what_the_learner_sees_only(mini: Path) -> None:
    before = load_project(mini).exams["basics-certificate"].question("alpha/reply-to-praise").hash
    bank = mini / "curriculum/exams/alpha.yml"
    _replace(bank, "feedback: Discloses and thanks.", "feedback: Discloses, and thanks.")
    _replace(bank, "      - text: Thanks! I'm on the team, happy you like it\n        correct: true\n", "      - text: Thanks! I'm on the team, happy you like it\n")
    _replace(bank, "      - text: Nothing, the official account answers\n", "      - text: Nothing, the official account answers\n        correct: true\n")
    project = load_project(mini)
    assert project.exams["basics-certificate"].question("alpha/reply-to-praise").hash == before
    _replace(bank, "What do you **reply**?", "What do you **answer**?")
    assert load_project(mini).exams["basics-certificate"].question("alpha/reply-to-praise").hash != before


def test_public_exam_renders_through_the_given_renderers() -> None:
    exam = load_project(MINI).exams["basics-certificate"]
    public = exams.public_exam(exam, render=lambda t: f"<i>{t}</i>", render_block=lambda t: f"<p>{t}</p>")
    scenario = public["questions"][0]
    assert scenario["prompt"] == "<i>What do you **reply**?</i>"
    assert scenario["post"]["text"].startswith("<p>") and scenario["post"]["author"] == "Jo Baker"


# helpers -------------------------------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set_draw(root: Path, draw: int) -> None:
    _replace(root / "curriculum/certificates/basics-certificate.yml", "draw: 6", f"draw: {draw}")


def _keep_questions(path: Path, count: int) -> None:
    problems = Problems()
    bank = exams.load_bank(path, problems)
    assert bank is not None
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = bank.questions[count].line - 1
    path.write_text("".join(lines[:cut]), encoding="utf-8")

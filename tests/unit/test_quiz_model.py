"""Quiz files: every validation rule with its bad input, its message and its line; hashes; the key."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from academy.core.problems import Problems
from academy.core.quiz import Quiz, key_json, load_quiz, pattern_error

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

HEAD = """\
id: demo
title: Demo
pass_mark: 80
questions:
"""
SINGLE = """\
  - id: first
    type: single
    prompt: Which one?
    options:
      - text: Right one
        correct: true
        feedback: Yes.
      - text: Wrong one
        feedback: No.
    explanation: Because.
"""


def load(tmp_path: Path, text: str, name: str = "demo.yml") -> tuple[Quiz | None, list[str]]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    problems = Problems(tmp_path)
    quiz = load_quiz(path, problems)
    return quiz, [str(p) for p in problems]


def only(tmp_path: Path, text: str) -> str:
    """The one problem a file has."""
    _, problems = load(tmp_path, text)
    assert len(problems) == 1, problems
    return problems[0]


def test_fixture_quiz_with_every_type_loads(tmp_path: Path) -> None:
    problems = Problems(FIXTURES / "mini")
    quiz = load_quiz(FIXTURES / "mini" / "quizzes" / "all-types.yml", problems)
    assert not problems, [str(p) for p in problems]
    assert quiz is not None
    assert {q.type for q in quiz.questions} == {
        "single",
        "multiple",
        "true_false",
        "short_text",
        "ordering",
        "matching",
        "scenario",
    }
    assert (quiz.id, quiz.pass_mark, quiz.shuffle_options, quiz.shuffle_questions, quiz.pool) == (
        "all-types",
        75,
        True,
        False,
        None,
    )
    scenario = quiz.by_id["angry-customer"]
    assert scenario.points == 2 and scenario.post is not None
    assert (scenario.post.platform, scenario.post.handle) == ("x", "@jordan_k")
    assert quiz.by_id["triage-first"].line == 9 and quiz.by_id["triage-first"].options[1].line == 16
    assert quiz.attempt_size == 7


def test_defaults(tmp_path: Path) -> None:
    quiz, problems = load(tmp_path, HEAD + SINGLE)
    assert not problems and quiz is not None
    assert (quiz.shuffle_questions, quiz.shuffle_options, quiz.pool) == (False, False, None)
    assert quiz.questions[0].points == 1
    assert [o.correct for o in quiz.questions[0].options] == [True, False]


# Rules the schema checks: unknown types and fields, missing fields, numbers out of range.


def test_unknown_type(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("type: single", "type: singel")
    assert only(tmp_path, text) == (
        'demo.yml:6: questions[0].type is "singel" (did you mean "single"?), which is not allowed — use one of: '
        "single, multiple, true_false, short_text, ordering, matching, scenario"
    )


def test_missing_question_id(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("  - id: first\n    type: single", "  - type: single")
    assert only(tmp_path, text).startswith('demo.yml:5: missing field "id" in questions[0] — add "id: …" (a stable id')


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("explanation:", "explaination:")
    _, problems = load(tmp_path, text)
    assert 'demo.yml:14: unknown field "explaination" (did you mean "explanation"?)' in problems[-1]


def test_type_needs_its_fields(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  - id: tf
    type: true_false
    prompt: Is it?
    explanation: Because.
    feedback: {correct: Yes., incorrect: No.}
"""
    )
    assert only(tmp_path, text) == (
        'demo.yml:5: missing field "answer" in questions[0] — add "answer: …" (true or false)'
    )


def test_pass_mark_above_100(tmp_path: Path) -> None:
    assert only(tmp_path, (HEAD + SINGLE).replace("pass_mark: 80", "pass_mark: 120")) == (
        "demo.yml:3: pass_mark is 120 — use a value at most 100"
    )


def test_ordering_needs_two_items(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  - id: steps
    type: ordering
    prompt: Order them.
    items: [Only one]
    feedback: {correct: Yes., incorrect: No.}
    explanation: Because.
"""
    )
    assert only(tmp_path, text) == "demo.yml:8: questions[0].items has 1 entries — give at least 2"


def test_matching_needs_two_pairs(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  - id: pairs
    type: matching
    prompt: Match them.
    pairs:
      - {left: A, right: B}
    feedback: {correct: Yes., incorrect: No.}
    explanation: Because.
"""
    )
    assert only(tmp_path, text) == "demo.yml:8: questions[0].pairs has 1 entries — give at least 2"


def test_short_text_without_accepted_answers(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  - id: word
    type: short_text
    prompt: Which word?
    accept: []
    feedback: {correct: Yes., incorrect: No.}
    explanation: Because.
"""
    )
    assert only(tmp_path, text) == "demo.yml:8: questions[0].accept has 0 entries — give at least 1"
    assert only(tmp_path, text.replace("    accept: []\n", "")).startswith(
        'demo.yml:5: missing field "accept" in questions[0]'
    )


# Rules beyond the schema.


def test_single_without_a_right_option(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("        correct: true\n", "")
    assert only(tmp_path, text) == (
        "demo.yml:8: a single-choice question needs exactly one best answer (correct: true), this one has 0 — "
        "add correct: true to the best option"
    )


def test_single_with_two_right_options(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("        feedback: No.", "        correct: true\n        feedback: No.")
    assert only(tmp_path, text) == (
        "demo.yml:12: a single-choice question needs exactly one best answer (correct: true), this one has 2 — "
        "mark the best option with correct: true and no other"
    )


SCENARIO = """\
  - id: reply
    type: scenario
    prompt: How do you reply?
    post:
      platform: x
      author: Jordan K.
      handle: "@jordan_k"
      text: Late again.
      context: A strike.
    options:
      - text: Sorry, we are on it.
        feedback: Calm.
      - text: Read the announcement.
        feedback: Anger.
    explanation: Apologise.
"""


def test_scenario_without_a_best_reply(tmp_path: Path) -> None:
    assert only(tmp_path, HEAD + SCENARIO) == (
        "demo.yml:14: a scenario question needs exactly one best reply (correct: true), this one has 0 — "
        "add correct: true to the best option"
    )


def test_scenario_platform_must_be_known(tmp_path: Path) -> None:
    text = HEAD + SCENARIO.replace("platform: x", "platform: linkdin").replace(
        "        feedback: Calm.", "        correct: true\n        feedback: Calm."
    )
    assert only(tmp_path, text).startswith(
        'demo.yml:9: questions[0].post.platform is "linkdin" (did you mean "linkedin"?), which is not allowed'
    )


def test_multiple_without_a_right_option(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("type: single", "type: multiple").replace("        correct: true\n", "")
    assert only(tmp_path, text) == (
        "demo.yml:8: a multiple-choice question needs at least one right option — "
        "add correct: true to each right option"
    )


def test_duplicate_options_ignore_case_and_spacing(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("text: Wrong one", "text: '  right   ONE '")
    assert only(tmp_path, text) == (
        'demo.yml:12: option "  right   ONE " appears twice (first on line 9) — make each option different, '
        "or remove this one"
    )


def test_duplicate_question_ids(tmp_path: Path) -> None:
    assert only(tmp_path, HEAD + SINGLE + SINGLE) == (
        'demo.yml:15: question id "first" is already used on line 5 — give each question its own id; '
        "saved answers follow the id"
    )


def test_ordering_with_duplicates(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  - id: steps
    type: ordering
    prompt: Order them.
    items:
      - Listen
      - Reply
      - listen
    feedback: {correct: Yes., incorrect: No.}
    explanation: Because.
"""
    )
    assert only(tmp_path, text) == (
        'demo.yml:11: item "listen" appears twice (first on line 9) — make each item different, or remove this one'
    )


def test_matching_with_duplicates(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  - id: pairs
    type: matching
    prompt: Match them.
    pairs:
      - {left: LinkedIn, right: Professionals}
      - {left: LinkedIn, right: Teenagers}
      - {left: TikTok, right: professionals}
    feedback: {correct: Yes., incorrect: No.}
    explanation: Because.
"""
    )
    _, problems = load(tmp_path, text)
    assert problems == [
        'demo.yml:10: left-hand side "LinkedIn" appears twice (first on line 9) — make each left-hand side different, '
        "or remove this one",
        'demo.yml:11: right-hand side "professionals" appears twice (first on line 9) — make each right-hand side '
        "different, or remove this one",
    ]


SHORT = """\
  - id: word
    type: short_text
    prompt: Which word?
    accept: [GDPR]
    pattern: "{pattern}"
    feedback: {{correct: Yes., incorrect: No.}}
    explanation: Because.
"""


def test_short_text_with_an_invalid_pattern(tmp_path: Path) -> None:
    assert only(tmp_path, HEAD + SHORT.format(pattern="(GDPR")) == (
        'demo.yml:9: pattern "(GDPR" is not a valid regular expression (missing ), unterminated subpattern) — '
        "fix the expression, or remove pattern and list the answers under accept"
    )


def test_short_text_with_a_python_only_pattern(tmp_path: Path) -> None:
    assert only(tmp_path, HEAD + SHORT.format(pattern="(?i)gdpr")).startswith(
        'demo.yml:9: pattern "(?i)gdpr" uses "(?i)", which the browser reads differently from Python — '
    )


def test_short_text_with_a_blank_accepted_answer(tmp_path: Path) -> None:
    text = HEAD + SHORT.format(pattern="x").replace("accept: [GDPR]", "accept: [GDPR, '  ']")
    assert only(tmp_path, text) == "demo.yml:8: an accepted answer is blank — write the answer, or remove the entry"


@pytest.mark.parametrize(
    ("pattern", "clash"),
    [
        (r"(?P<n>a)", "(?P"),
        (r"a++", "++"),
        (r"a{1,2}+", "}+"),
        (r"(?>a)", "(?>"),
        (r"\Aa", r"\A"),
        (r"a\Z", r"\Z"),
        (r"x{,3}", "{,"),
        (r"(?s:.)", "(?s:"),
        (r"[]a]", "[]"),
        (r"[^]a]", "[^]"),
    ],
)
def test_python_only_regex_syntax(pattern: str, clash: str) -> None:
    error = pattern_error(pattern)
    assert error is not None and f'"{clash}"' in error[0]


@pytest.mark.parametrize("pattern", [r"\++", r"(1|one) ?h(ou)?rs?", r"(?:a)+?", r"(?<=a)b", r"[(?P]", r"[a\]]+"])
def test_regex_syntax_both_languages_share(pattern: str) -> None:
    assert pattern_error(pattern) is None


def test_pool_larger_than_the_quiz(tmp_path: Path) -> None:
    text = (HEAD + SINGLE).replace("questions:", "pool: 3\nquestions:")
    assert only(tmp_path, text) == (
        "demo.yml:4: pool draws 3 questions but the quiz has only 1, so no attempt can reach the pass mark — "
        "set pool to at most 1, add questions, or remove pool"
    )


def test_pool_of_zero(tmp_path: Path) -> None:
    text = (HEAD + SINGLE).replace("questions:", "pool: 0\nquestions:")
    assert only(tmp_path, text) == "demo.yml:4: pool is 0 — use a value at least 1"


def test_field_of_another_type(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("    explanation: Because.", "    explanation: Because.\n    answer: true")
    assert only(tmp_path, text) == (
        'demo.yml:15: field "answer" does not belong to a single-choice question — remove it, or change type '
        "(it is used by true/false questions)"
    )


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    _, problems = load(tmp_path, HEAD + SINGLE, name="other.yml")
    assert problems == [
        'other.yml:1: id "demo" differs from the file name "other.yml" — rename the file to demo.yml or set id: other'
    ]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = HEAD + SINGLE.replace("feedback: Yes.", "feedback: Yes: right.")
    quiz, problems = load(tmp_path, text)
    assert quiz is None
    assert problems[0].startswith("demo.yml:11: YAML syntax error: mapping values are not allowed")


def test_empty_file(tmp_path: Path) -> None:
    quiz, problems = load(tmp_path, "# nothing yet\n")
    assert quiz is None
    assert problems == [
        "demo.yml:1: the quiz file is empty or not a set of 'field: value' lines — start from the example in "
        "CONTRIBUTING.md (Quiz file)"
    ]


def test_a_quiz_breaking_a_rule_still_loads(tmp_path: Path) -> None:
    """References to it keep resolving; the problem alone fails the build."""
    quiz, problems = load(tmp_path, HEAD + SINGLE + SINGLE)
    assert quiz is not None and problems


# Hashes: saved answers and completion records follow them.


def hashes(tmp_path: Path, text: str) -> tuple[str, str]:
    quiz, problems = load(tmp_path, text)
    assert quiz is not None and not problems, problems
    return quiz.content_hash, quiz.questions[0].content_hash


def test_hashes_are_16_hex_digits(tmp_path: Path) -> None:
    quiz_hash, question_hash = hashes(tmp_path, HEAD + SINGLE)
    assert len(quiz_hash) == len(question_hash) == 16
    int(quiz_hash, 16), int(question_hash, 16)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("prompt: Which one?", "prompt: Which one, really?"),
        ("text: Wrong one", "text: Another wrong one"),
        ("        correct: true\n        feedback: Yes.", "        feedback: Yes."),  # which option is right
        ("    explanation: Because.", "    explanation: Because.\n    points: 2"),
        ("id: first", "id: renamed"),
    ],
)
def test_what_the_question_asks_changes_its_hash(tmp_path: Path, old: str, new: str) -> None:
    before = hashes(tmp_path, HEAD + SINGLE)
    text = HEAD + SINGLE.replace(old, new)
    if "correct" in old:  # keep the question valid: the other option becomes the right one
        text = text.replace("        feedback: No.", "        correct: true\n        feedback: No.")
    after = hashes(tmp_path, text)
    assert after[0] != before[0] and after[1] != before[1]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("feedback: Yes.", "feedback: Yes, well done."),
        ("explanation: Because.", "explanation: Because of the guide."),
        ("    explanation: Because.", "    explanation: Because.\n    points: 1"),  # the default, written out
        ("title: Demo", "title: Another title"),
        ("pass_mark: 80", "pass_mark: 90"),
    ],
)
def test_feedback_and_wording_around_do_not_change_hashes(tmp_path: Path, old: str, new: str) -> None:
    assert hashes(tmp_path, HEAD + SINGLE) == hashes(tmp_path, (HEAD + SINGLE).replace(old, new))


def test_quiz_hash_follows_each_question_not_their_order(tmp_path: Path) -> None:
    second = SINGLE.replace("id: first", "id: second")
    a, _ = hashes(tmp_path, HEAD + SINGLE + second)
    b, _ = hashes(tmp_path, HEAD + second + SINGLE)
    c, _ = hashes(tmp_path, HEAD + SINGLE + second.replace("Which one?", "Which other one?"))
    assert a == b != c


def test_editing_one_question_keeps_the_others_hashes(tmp_path: Path) -> None:
    second = SINGLE.replace("id: first", "id: second")
    quiz, _ = load(tmp_path, HEAD + SINGLE + second)
    edited, _ = load(tmp_path, HEAD + SINGLE + second.replace("Which one?", "Which other one?"))
    assert quiz and edited
    assert quiz.questions[0].content_hash == edited.questions[0].content_hash
    assert quiz.questions[1].content_hash != edited.questions[1].content_hash


# The key the browser reads.


def test_key_json_has_the_key_and_no_question_text(tmp_path: Path) -> None:
    problems = Problems(FIXTURES / "mini")
    quiz = load_quiz(FIXTURES / "mini" / "quizzes" / "all-types.yml", problems)
    assert quiz is not None
    key = key_json(quiz)
    assert key["format"] == "academy-quiz-key/1"
    assert (key["id"], key["hash"], key["pass_mark"], key["pool"], key["html"]) == (
        "all-types",
        quiz.content_hash,
        75,
        None,
        False,
    )
    by_id = {q["id"]: q for q in key["questions"]}
    assert by_id["triage-first"]["options"][0] == {
        "correct": True,
        "feedback": "Right. A customer who cannot pay is blocked and the clock is running.",
    }
    assert by_id["delete-criticism"]["answer"] is False
    assert by_id["response-target"]["accept"] == ["one hour", "1 hour", "60 minutes"]
    assert (by_id["escalation-steps"]["items"], by_id["platform-match"]["pairs"]) == (4, 3)
    assert by_id["angry-customer"]["points"] == 2
    assert all(q["hash"] == quiz.by_id[q["id"]].content_hash for q in key["questions"])
    text = json.dumps(key)
    for question in quiz.questions:
        assert question.prompt not in text
        assert all(item not in text for item in question.items)


def test_key_json_renders_feedback_when_asked(tmp_path: Path) -> None:
    quiz, _ = load(tmp_path, HEAD + SINGLE)
    assert quiz is not None
    key = key_json(quiz, render=lambda text: f"<p>{text}</p>")
    assert key["html"] is True
    assert key["questions"][0]["options"][1]["feedback"] == "<p>No.</p>"

"""The question types have one owner, `academy.core.question_types.TYPES`: the JSON Schemas, the
model, the renderer and the browser script must know exactly the same types, so that a type added
in one place and forgotten in another fails here rather than on a learner's page."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

from academy.core.problems import Problems
from academy.core.question_types import TYPE_FIELDS, TYPES
from academy.core.quiz import Question, load_quiz
from academy.plugins.quiz.render import BODIES, MarkdownRenderer, render_quiz

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "plugins/academy/schemas"
QUIZ_JS = ROOT / "plugins/academy/plugins/quiz/assets/quiz.js"
#: Fields every question has, whatever its type.
COMMON = {"id", "type", "points", "prompt", "explanation"}


def _schema(name: str) -> dict[str, typing.Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _js_object(name: str) -> str:
    """The source of `const NAME = { … };` in quiz.js (its closing brace at the same indent)."""
    match = re.search(rf"^( *)const {name} = \{{\n(.*?)^\1\}};", QUIZ_JS.read_text(encoding="utf-8"), re.M | re.S)
    assert match, f"quiz.js has no `const {name} = {{ … }};`"
    return match.group(2)


def test_the_quiz_schema_lists_the_registered_types_in_order() -> None:
    question = _schema("quiz")["$defs"]["question"]
    assert question["properties"]["type"]["enum"] == list(TYPES)


def test_the_exam_schema_lists_the_registered_types() -> None:
    # The definition of a question: the object whose properties hold both a type and a prompt.
    enums = [
        node["properties"]["type"]["enum"]
        for node in _walk(_schema("exam"))
        if isinstance(node, dict) and isinstance(node.get("properties"), dict) and {"type", "prompt"} <= set(node["properties"])
    ]
    assert enums, "the exam schema names no question types"
    assert all(enum == list(TYPES) for enum in enums)


def _walk(node: typing.Any) -> typing.Iterator[typing.Any]:
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _walk(child)


def test_the_schema_requires_only_fields_the_type_declares() -> None:
    question = _schema("quiz")["$defs"]["question"]
    assert set(question["properties"]) >= TYPE_FIELDS, "a registered field is missing from the schema"
    for rule in question["allOf"]:
        condition = rule["if"]["properties"]["type"]
        names = condition.get("enum") or [condition["const"]]
        for name in names:
            required = set(rule["then"].get("required", []))
            assert required - COMMON <= TYPES[name].fields, name


def test_the_model_type_lists_the_registered_types() -> None:
    assert set(typing.get_args(typing.get_type_hints(Question)["type"])) == set(TYPES)


def test_every_type_names_a_renderer_and_every_renderer_is_used() -> None:
    assert {t.render for t in TYPES.values()} == set(BODIES)


def test_quiz_js_maps_each_type_to_the_registered_behaviour() -> None:
    mapping = dict(re.findall(r'^\s*(\w+): "(\w+)",?$', _js_object("TYPES"), re.M))
    assert mapping == {t.name: t.behaviour for t in TYPES.values()}


def test_quiz_js_defines_exactly_the_registered_behaviours() -> None:
    body = _js_object("BEHAVIOURS")
    defined = re.findall(r"^    (\w+): \{$", body, re.M)
    assert sorted(defined) == sorted({t.behaviour for t in TYPES.values()})
    for name in defined:  # each behaviour has every operation the script calls
        block = re.search(rf"^    {name}: \{{\n(.*?)^    \}},", body, re.M | re.S)
        assert block, name
        assert set(re.findall(r"^      (\w+):", block.group(1), re.M)) == {"valid", "credit", "read", "write"}, name


def test_the_all_types_fixture_renders_every_type() -> None:
    """The fixture quiz the browser tests answer holds one question of each registered type."""
    fixture = next((ROOT / "tests/fixtures").glob("**/quizzes/all-types.yml"))
    problems = Problems()
    quiz = load_quiz(fixture, problems)
    assert quiz is not None, problems
    assert {q.type for q in quiz.questions} == set(TYPES)
    html = render_quiz(quiz, module=None, key_url="k.json", notice="", md=MarkdownRenderer([], {}))
    for question in quiz.questions:
        assert f'data-type="{question.type}"' in html

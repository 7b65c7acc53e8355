"""The question types have one owner, `academy.core.question_types.TYPES`: the JSON Schemas, the
model, the renderer and the browser scripts must know exactly the same types, so that a type added
in one place and forgotten in another fails here rather than on a learner's page. The scripts keep
what differs by type in their tables (quiz.js: `BEHAVIOURS` and `TYPES`; exam.js: `TYPES`); the
tokens of the rest of each script (read with ESLint's parser, espree) never name a type."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest

from academy.core.problems import Problems
from academy.core.question_types import TYPE_FIELDS, TYPES
from academy.core.quiz import Question, load_quiz
from academy.plugins.quiz.render import BODIES, MarkdownRenderer, render_quiz

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "plugins/academy/schemas"
QUIZ_JS = ROOT / "plugins/academy/plugins/quiz/assets/quiz.js"
EXAM_JS = ROOT / "plugins/academy/plugins/exams/assets/exam.js"
#: The tables of each script that may name question types, by the name they are declared with.
TABLES = {QUIZ_JS: ("BEHAVIOURS", "TYPES"), EXAM_JS: ("TYPES",)}
#: What quiz.js calls on a behaviour: every behaviour has each of them.
OPERATIONS = {"size", "valid", "credit", "read", "write", "order", "prepare", "place", "explain"}
NODE = shutil.which("node")
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


def _node(script: str, *args: str) -> typing.Any:
    if NODE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (CI=true: the page scripts' checks must run)")
        pytest.skip("node is not installed: the page scripts' tables are then only tested in the browser")
    result = subprocess.run([NODE, "-e", script, *args], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


#: The tokens of a script as [type, value] (ESLint's parser, at the scripts' language level).
TOKENS = r"""
const espree = require(require("path").resolve("node_modules/espree"));
const source = require("fs").readFileSync(process.argv[1], "utf8");
const tokens = espree.tokenize(source, { ecmaVersion: 2020, sourceType: "script" });
process.stdout.write(JSON.stringify(tokens.map((t) => [t.type, t.value])));
"""


def _tokens(script: Path) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value in _node(TOKENS, str(script))]


def _tables(tokens: list[tuple[str, str]], names: tuple[str, ...]) -> tuple[dict[str, list[int]], list[int]]:
    """The positions of the tokens inside each `const NAME = { … }` of `names`, and of all others."""
    inside: dict[str, list[int]] = {}
    i = 0
    while i < len(tokens):
        if tokens[i] == ("Keyword", "const") and tokens[i + 1][1] in names and tokens[i + 2 : i + 4] == [
            ("Punctuator", "="),
            ("Punctuator", "{"),
        ]:
            name, depth, j = tokens[i + 1][1], 0, i + 3
            while True:
                depth += {"{": 1, "}": -1}.get(tokens[j][1], 0) if tokens[j][0] == "Punctuator" else 0
                if depth == 0:
                    break
                j += 1
            inside[name] = list(range(i + 4, j))
            i = j
        i += 1
    taken = {k for positions in inside.values() for k in positions}
    return inside, [k for k in range(len(tokens)) if k not in taken]


def _keys(tokens: list[tuple[str, str]], positions: list[int]) -> list[str]:
    """The keys of the table's own entries (depth 1), in order."""
    keys, depth = [], 0
    for k in positions:
        kind, value = tokens[k]
        if kind == "Punctuator" and value in "{([":
            depth += 1
        elif kind == "Punctuator" and value in "})]":
            depth -= 1
        elif depth == 0 and kind == "Identifier" and tokens[k + 1] == ("Punctuator", ":"):
            keys.append(value)
    return keys


def _literal(token: tuple[str, str]) -> str | None:
    kind, value = token
    if kind == "String" or (kind == "Template" and value.startswith("`") and value.endswith("`")):
        return value[1:-1]
    return None


COMPARE = {"===", "!==", "==", "!="}


def _leaks(tokens: list[tuple[str, str]], outside: list[int]) -> list[str]:
    """Where the code outside the tables names a question type or compares a `.type` with
    anything but the literal type of an HTML element (`input.type === "text"`)."""
    names = set(TYPES)
    found = []
    for k in outside:
        kind, value = tokens[k]
        around = " ".join(v for _, v in tokens[max(k - 4, 0) : k + 5])
        if _literal(tokens[k]) in names or (kind == "Identifier" and value in names):
            found.append(f"names the type {_literal(tokens[k]) or value}: {around}")
        elif (kind, value) == ("Identifier", "type") and tokens[k - 1] == ("Punctuator", "."):
            start = k - 2  # the first token of `a.b.type`
            while start >= 2 and tokens[start - 1] == ("Punctuator", ".") and tokens[start - 2][0] == "Identifier":
                start -= 2
            before, after = tokens[start - 1], tokens[k + 1]
            if after[0] == "Punctuator" and after[1] in COMPARE:
                compared, other = True, tokens[k + 2]
            else:
                compared, other = before[0] == "Punctuator" and before[1] in COMPARE, tokens[start - 2]
            switched = tokens[start - 2 : start] == [("Keyword", "switch"), ("Punctuator", "(")]
            if switched or (compared and _literal(other) is None):
                found.append(f"branches on a type: {around}")
    return found


@pytest.mark.parametrize("script", list(TABLES), ids=lambda p: p.name)
def test_the_page_scripts_name_question_types_only_in_their_tables(script: Path) -> None:
    tokens = _tokens(script)
    inside, outside = _tables(tokens, TABLES[script])
    assert set(inside) == set(TABLES[script]), f"{script.name} declares no `const NAME = {{ … }}` for some tables"
    assert _leaks(tokens, outside) == []


def test_the_leak_check_sees_a_branch_on_a_type_name(tmp_path: Path) -> None:
    """The check above reads the code as a parser does: a branch by name, however written, fails."""
    script = tmp_path / "leaky.js"
    script.write_text(
        'const TYPES = { single: "choice" };\n'
        '// "ordering" in a comment is fine; in code it is not:\n'
        'if (q.type === "ordering") go();\n'
        "const parts = { matching: 1 };\n"
        "if (q.type !== kind) stop();\n"
        "switch (node.dataset.type) { default: }\n"
        'if (input.type === "text") clear();\n',
        encoding="utf-8",
    )
    tokens = _tokens(script)
    _, outside = _tables(tokens, ("TYPES",))
    leaks = _leaks(tokens, outside)
    assert [leak.split(":")[0] for leak in leaks] == [
        "names the type ordering",
        "names the type matching",
        "branches on a type",
        "branches on a type",
    ], leaks


#: quiz.js's tables as Node loads them: {behaviours: {name: {operation: typeof}}, types: {…}}.
QUIZ_TABLES = r"""
const api = require(process.argv[1]);
const behaviours = {};
for (const [name, b] of Object.entries(api.BEHAVIOURS)) {
  behaviours[name] = Object.fromEntries(Object.entries(b).map(([op, v]) => [op, v === null ? "null" : typeof v]));
}
process.stdout.write(JSON.stringify({ behaviours: behaviours, types: api.TYPES }));
"""


def test_quiz_js_defines_exactly_the_registered_behaviours() -> None:
    tables = _node(QUIZ_TABLES, str(QUIZ_JS))
    assert tables["types"] == {t.name: t.behaviour for t in TYPES.values()}
    assert sorted(tables["behaviours"]) == sorted({t.behaviour for t in TYPES.values()})
    for name, operations in tables["behaviours"].items():  # each behaviour has every operation the script calls
        assert set(operations) == OPERATIONS, name
        assert {op for op, kind in operations.items() if kind != "function"} == {"order"}, name
        assert operations["order"] in {"string", "null"}, name
    orders = re.findall(r'^      order: ("options"|"always"|null),$', _js_object("BEHAVIOURS"), re.M)
    assert orders and set(orders) <= {'"options"', '"always"', "null"}


def test_exam_js_asks_exactly_the_registered_types() -> None:
    tokens = _tokens(EXAM_JS)
    inside, _ = _tables(tokens, ("TYPES",))
    assert sorted(_keys(tokens, inside["TYPES"])) == sorted(TYPES)


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

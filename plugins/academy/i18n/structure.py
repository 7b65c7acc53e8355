"""A translated quiz or exam bank has its source's structure and supplies text only.

The translation lists the source's questions by id, in the source's order, with as many options,
pairs and items as the source; ids, types, correct flags, answers, points, pools and shuffling come
from the source, so a quiz scores the same (and the hub scores every language with one key). The one
exception is `accept:` of a short-text question: the answers a learner may type in the language,
added to the source's (never replacing them).
"""

from __future__ import annotations

from typing import Any

from ..core.problems import Problems, closest
from ..core.quiz import Question, parse_questions
from ..core.source import Node, NodeList, load_yaml
from .translations import HEADER, Translation

#: Text fields of a question a translation may give, and the question types they belong to.
TEXT_FIELDS = {"prompt", "explanation", "options", "post", "pairs", "items", "feedback", "accept"}
#: Fields that decide scoring or structure: they come from the source only.
FROM_SOURCE = {"id", "type", "points", "answer", "correct", "pattern", "pool", "pass_mark", "shuffle", "module"}
_OPTION = {"text", "feedback"}
_PAIR = {"left", "right"}
_POST = {"text", "context", "author", "handle"}
_FEEDBACK = {"correct", "incorrect"}


def source_questions(translation: Translation) -> tuple[Question, ...] | None:
    """The source's questions (None when the source cannot be read: its own problems are reported)."""
    data = load_yaml(translation.source, Problems())
    if not isinstance(data, Node) or not isinstance(data.get("questions"), NodeList):
        return None
    scratch = Problems()
    try:
        return parse_questions(data["questions"], translation.source, scratch)
    except (KeyError, TypeError, ValueError):
        return None


def translated_text(translation: Translation, problems: Problems) -> Node | None:
    """The translation's questions mapping, checked against the source; None when it cannot be used."""
    data = load_yaml(translation.path, problems)
    if not isinstance(data, Node):
        return None
    allowed = {*HEADER, "questions"} | ({"title"} if translation.kind == "quiz" else set())
    for key in data:
        if key not in allowed:
            why = "comes from the source" if key in FROM_SOURCE else "is not text a translation gives"
            problems.add(translation.path, data.line_of(key), f'"{key}" {why}', f"remove {key}: from the translation")
    return data


def check_structure(translation: Translation, problems: Problems) -> Node | None:
    """Report every way the translated quiz/exam differs from its source; the checked questions node."""
    data = translated_text(translation, problems)
    questions = source_questions(translation)
    if data is None or questions is None:
        return None
    path, src = translation.path, translation.source_rel
    node = data.get("questions")
    if node is None:
        problems.add(path, data.line or 1, "the translation has no questions", f"add questions: with the ids of {src}")
        return None
    if not isinstance(node, Node):
        problems.add(
            path,
            data.line_of("questions"),
            "questions must be keyed by the source's question ids, not a list",
            "write questions: then one line per id (  ID:) with its prompt, options… below it",
        )
        return None
    ids = [q.id for q in questions]
    by_id = {q.id: q for q in questions}
    known = [k for k in node if k in by_id]
    for key in node:
        if key not in by_id:
            hint = closest(str(key), ids)
            problems.add(
                path,
                node.line_of(key),
                f'question "{key}" is not a question of {src}',
                "use the source's question id" + (f' ("{hint}"?)' if hint else f" (one of: {', '.join(ids)})"),
            )
    for wanted in ids:
        if wanted not in node:
            problems.add(
                path,
                data.line_of("questions"),
                f'question "{wanted}" of {src} is not translated',
                f"add {wanted}: with its translated text, in the source's order",
            )
    in_source_order = [i for i in ids if i in known]
    if known != in_source_order:
        first = next(a for a, b in zip(known, in_source_order, strict=True) if a != b)
        problems.add(
            path,
            node.line_of(first),
            f'question "{first}" is not where {src} has it (source order: {", ".join(in_source_order)})',
            "list the questions in the source's order: the order is the source's, not the translation's",
        )
    for key in known:
        _check_question(node[key], by_id[key], node.line_of(key), translation, problems)
    return node


def _check_question(node: Any, question: Question, line: int, translation: Translation, problems: Problems) -> None:
    path = translation.path
    if not isinstance(node, Node):
        problems.add(
            path,
            line,
            f'question "{question.id}" must be a set of fields',
            "give its prompt: and the other text below it",
        )
        return
    for key in node:
        if key in FROM_SOURCE:
            problems.add(
                path,
                node.line_of(key),
                f'question "{question.id}": {key} comes from the source and cannot be translated',
                f"remove {key}: (ids, types, correct flags, answers and points are the source's)",
            )
        elif key not in TEXT_FIELDS or not _belongs(key, question):
            problems.add(
                path,
                node.line_of(key),
                f'question "{question.id}" ({question.type}) has no {key} in the source',
                f"remove {key}:, or translate only the fields {translation.source_rel} has",
            )
    _check_list(node, "options", question.options, _OPTION, question, translation, problems)
    _check_list(node, "pairs", question.pairs, _PAIR, question, translation, problems)
    _check_list(node, "items", question.items, None, question, translation, problems)
    for key, fields in (("post", _POST), ("feedback", _FEEDBACK)):
        value = node.get(key)
        if isinstance(value, Node):
            for sub in value:
                if sub not in fields:
                    problems.add(
                        path,
                        value.line_of(sub),
                        f'question "{question.id}": {key} has no field {sub}',
                        f"use {', '.join(sorted(fields))}",
                    )


def _belongs(key: str, question: Question) -> bool:
    present = {
        "prompt": True,
        "explanation": True,
        "options": bool(question.options),
        "post": question.post is not None,
        "pairs": bool(question.pairs),
        "items": bool(question.items),
        "feedback": question.feedback is not None or bool(question.options),
        "accept": bool(question.accept),
    }
    return present[key]


def _check_list(
    node: Node,
    key: str,
    source: tuple,
    fields: set[str] | None,
    question: Question,
    translation: Translation,
    problems: Problems,
) -> None:
    value = node.get(key)
    if value is None:
        return
    path, line = translation.path, node.line_of(key)
    if not isinstance(value, NodeList):
        problems.add(
            path, line, f'question "{question.id}": {key} must be a list', f"list the {key} in the source's order"
        )
        return
    if len(value) != len(source):
        problems.add(
            path,
            line,
            f'question "{question.id}" has {len(value)} {key} but the source has {len(source)}',
            f"translate each of the source's {len(source)} {key} once, in the source's order "
            f"(same position = same {key[:-1]})",
        )
    for index, item in enumerate(value):
        if fields is None:
            if not isinstance(item, str):
                problems.add(
                    path,
                    value.line_of(index),
                    f'question "{question.id}": each of {key} is a line of text',
                    "write - TEXT",
                )
            continue
        if not isinstance(item, Node):
            problems.add(
                path,
                value.line_of(index),
                f'question "{question.id}": each of {key} is a set of fields',
                f"write - {sorted(fields)[-1]}: TEXT",
            )
            continue
        for sub in item:
            if sub not in fields:
                why = "comes from the source" if sub in FROM_SOURCE else "is not a field of it"
                problems.add(
                    path,
                    item.line_of(sub),
                    f'question "{question.id}": {sub} of {key}[{index + 1}] {why}',
                    f"remove {sub}: (keep {', '.join(sorted(fields))})",
                )

"""The quiz renderer's shortcut for plain text gives exactly what Markdown gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from academy.core.problems import Problems
from academy.core.quiz import load_quiz
from academy.i18n.languages import is_translation
from academy.plugins.quiz.render import _ALONE, _BATCH, _HASHTAG_LINE, _PLAIN, MarkdownRenderer, quiz_texts

ROOT = Path(__file__).resolve().parents[2]


def _renderer() -> MarkdownRenderer:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return MarkdownRenderer(config.markdown_extensions, config.mdx_configs)


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return _renderer()


def _shipped_quiz_texts() -> list[str]:
    """The texts of this academy's quizzes and of the fixtures' (which hold every type and markup,
    so the check has material in an academy that replaced the example)."""
    problems = Problems(ROOT)
    folders = [ROOT / "quizzes", *sorted((ROOT / "tests/fixtures").glob("*/quizzes"))]
    paths = sorted(p for f in folders for p in f.glob("*.yml") if not is_translation(p))  # x.nl.yml: text only
    quizzes = [load_quiz(path, problems) for path in paths]
    assert not problems and all(quizzes)
    return [text for quiz in quizzes if quiz for text in quiz_texts(quiz)]


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _texts(item)]


def _markdown(renderer: MarkdownRenderer, text: str) -> str:
    """What one Markdown conversion of the text gives, hashtag lines escaped as quizzes escape them."""
    renderer._md.reset()
    return renderer._md.convert(_HASHTAG_LINE.sub(r"\1\\", text.strip()))


def test_every_shipped_text_the_shortcut_takes_renders_as_markdown_renders_it(renderer: MarkdownRenderer) -> None:
    texts = [t for f in sorted((ROOT / "quizzes").glob("*.yml")) for t in _texts(yaml.safe_load(f.read_text()))]
    plain = [t for t in texts if _PLAIN.fullmatch(t.strip())]
    assert len(plain) > len(texts) / 2, "most options and feedback are plain text"
    assert [(t, renderer.block(t)) for t in plain] == [(t, _markdown(renderer, t)) for t in plain]


@pytest.mark.parametrize(
    "text",
    ["Contrast 4.5:1 for text", "Wow! 👏 Thanks @northwind #hiring", "3 × 4 ÷ 2 = 6 (≈ 50%)", "Note: it is 10:30", "Why? Because."],
)
def test_plain_text_with_punctuation_skips_markdown_and_renders_as_markdown_does(
    renderer: MarkdownRenderer, text: str
) -> None:
    assert _PLAIN.fullmatch(text)
    assert renderer.block(text) == _markdown(renderer, text)


@pytest.mark.parametrize(
    "text",
    [
        "- a list item",
        "1. a numbered step",
        "2025. The year",
        "# a heading",
        "> a quote",
        "Use *emphasis* here",
        "snake_case_name",
        "A [link](https://example.org)",
        "Tom & Jerry <b>",
        "Thumbs up :thumbsup:",
        "line one\nline two",
        "a | table | row",
        "??? note folded",
        "!!! note",
        ": a definition",
        "Great :+1: work",
        "Back & forth",
    ],
)
def test_text_with_markup_goes_through_markdown(renderer: MarkdownRenderer, text: str) -> None:
    assert not _PLAIN.fullmatch(text)
    assert renderer.block(text) == _markdown(renderer, text)


#: Markup that a shared pass must keep apart from its neighbours, each between two other texts.
MARKUP = [
    "- a list item\n- another",
    "1. a numbered step",
    "> a quote",
    "Term\n:   its definition",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "!!! note\n\n    Indented note text",
    "??? tip \"Folded\"\n    Hidden text",
    "    indented code",
    "- [x] a task",
    "Text with a footnote[^1]\n\n[^1]: The note.",
    "A [reference link][ref]\n\n[ref]: https://example.org",
    "The HTML spec\n\n*[HTML]: HyperText Markup Language",
    "# A heading",
    "Heading\n=======",
    "=== \"One\"\n    first tab",
    "```\ncode fence\n```",
    "<div markdown>inside *HTML*</div>",
    "An <!-- academy:split --> in a text",
    "Thumbs up :thumbsup: and `code`",
]


def test_texts_prepared_together_render_as_each_renders_alone(renderer: MarkdownRenderer) -> None:
    texts = _shipped_quiz_texts()
    mixed = [text for pair in zip(MARKUP, texts, strict=False) for text in pair] + texts
    prepared = _renderer()
    conversions = 0
    convert = prepared._md.convert

    def counting(text: str) -> str:
        nonlocal conversions
        conversions += 1
        return convert(text)

    prepared._md.convert = counting  # type: ignore[method-assign]
    prepared.prepare(mixed)
    # As `block` sees them: a line that starts with a hashtag is escaped first (it is no heading).
    seen = {_HASHTAG_LINE.sub(r"\1\\", t.strip()) for t in mixed}
    converted = {t for t in seen if not _PLAIN.fullmatch(t)}
    alone = {t for t in converted if _ALONE.search(t)}
    assert len(converted - alone) >= 10  # the fixtures alone give 11; the example many more
    assert conversions == len(alone) + -(-len(converted - alone) // _BATCH), "the other texts share passes"
    after = conversions
    assert [(t, prepared.block(t)) for t in mixed] == [(t, _markdown(renderer, t)) for t in mixed]
    assert conversions == after, "every prepared text is answered without converting it again"

"""The quiz renderer's shortcut for plain text gives exactly what Markdown gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from academy.plugins.quiz.render import _PLAIN, MarkdownRenderer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return MarkdownRenderer(config.markdown_extensions, config.mdx_configs)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _texts(item)]


def _markdown(renderer: MarkdownRenderer, text: str) -> str:
    renderer._md.reset()
    return renderer._md.convert(text.strip())


def test_every_shipped_text_the_shortcut_takes_renders_as_markdown_renders_it(renderer: MarkdownRenderer) -> None:
    texts = [t for f in sorted((ROOT / "quizzes").glob("*.yml")) for t in _texts(yaml.safe_load(f.read_text()))]
    plain = [t for t in texts if _PLAIN.fullmatch(t.strip())]
    assert len(plain) > len(texts) / 2, "most options and feedback are plain text"
    assert [(t, renderer.block(t)) for t in plain] == [(t, _markdown(renderer, t)) for t in plain]


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
    ],
)
def test_text_with_markup_goes_through_markdown(renderer: MarkdownRenderer, text: str) -> None:
    assert not _PLAIN.fullmatch(text)
    assert renderer.block(text) == _markdown(renderer, text)

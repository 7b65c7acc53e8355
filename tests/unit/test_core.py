"""Units of the core: YAML with lines, Markdown reading, module parsing, plugin config defaults."""

from __future__ import annotations

from pathlib import Path

import markdown as md
import pytest

from academy.core import markdown
from academy.core.curriculum import load_module
from academy.core.problems import Problem, Problems
from academy.core.source import parse_yaml


def test_yaml_values_keep_their_lines() -> None:
    problems = Problems()
    data = parse_yaml("a: 1\nb:\n  - x\n  - y: 2\n    z: 3\n", Path("f.yml"), problems)
    assert data.line_of("b") == 2 and data["b"].line_of(1) == 4 and data["b"][1].line_of("z") == 5
    assert not problems


def test_yaml_dates_stay_text() -> None:
    assert parse_yaml("d: 2026-10-01\n", Path("f.yml"), Problems())["d"] == "2026-10-01"


def test_problem_formats() -> None:
    problem = Problem("a.yml", 3, "bad 50% thing", "fix it")
    assert str(problem) == "a.yml:3: bad 50% thing — fix it"
    assert problem.annotation() == "::error file=a.yml,line=3::bad 50%25 thing — fix it"


@pytest.mark.parametrize(
    "title",
    ["Be transparent", "What's new in 3.0?", "Crème brûlée & `code` spans", "Privacy and **data** protection"],
)
def test_slugify_matches_python_markdown_toc(title: str) -> None:
    html = md.markdown(f"## {title}", extensions=["toc"])
    anchor = html.split('id="')[1].split('"')[0]
    assert markdown.slugify(title) == anchor


def test_headings_prefer_explicit_ids_and_skip_code() -> None:
    text = "# Title\n\n## Be open {#be-transparent}\n\n```\n## not a heading\n```\n\n## Be open\n## Be open\n"
    found = markdown.headings(text)
    assert [(h.level, h.anchor, h.line) for h in found] == [
        (1, "title", 1),
        (2, "be-transparent", 3),
        (2, "be-open", 9),
        (2, "be-open_1", 10),
    ]


def test_links_images_and_img_tags() -> None:
    text = 'See [a](x.md#y) and ![chart](c.png "t").\n<img src="d.png">\n`[not](a link)`\n'
    found = markdown.links(text, 5)
    assert [(link.target, link.text, link.line, link.image) for link in found] == [
        ("x.md#y", "a", 5, False),
        ("c.png", "chart", 5, True),
        ("d.png", "", 6, True),
    ]


def test_blocks_nest_and_end_at_the_first_unindented_line() -> None:
    text = '!!! exercise "One"\n    Task.\n\n    ??? answer "Model answer"\n        Answer.\n\nAfter.\n'
    outer, inner = markdown.blocks(text, {"exercise", "answer"})
    assert (outer.kind, outer.title, outer.start, outer.end) == ("exercise", "One", 0, 5)
    assert (inner.kind, inner.indent, inner.body) == ("answer", 4, "Answer.")
    assert markdown.remove_blocks(text, [outer]) == "After.\n"


def test_word_count_ignores_markup_and_code() -> None:
    assert markdown.word_count("Hello [big](x.md) world's <b>end</b>.\n```\ncode here\n```\n") == 4


def test_module_parts(tmp_path: Path) -> None:
    source = Path(__file__).parents[1] / "fixtures/mini/curriculum/modules/alpha.md"
    problems = Problems()
    module = load_module(source, problems)
    assert not problems and module is not None
    assert "Trainer notes" not in module.lesson and "Ask the group" not in module.lesson
    assert module.trainer_notes == "Ask the group for a post they saw this week."
    assert module.key_points == "- Say who you are."
    assert "Key points" not in module.lesson
    assert [e.title for e in module.exercises] == ["Exercise 1: Rewrite"] and module.exercises[0].has_answer
    assert module.lesson_words == 7  # "Why it matters" + "Read the principle first."


def test_plugin_config_defaults() -> None:
    from academy.plugins.curriculum.config import CurriculumConfig
    from academy.plugins.guidelines.config import GuidelinesConfig
    from academy.plugins.project.config import ProjectConfig

    for config_class, expected in [
        (ProjectConfig, {"enabled": True, "curriculum_dir": "curriculum", "quizzes_dir": "quizzes"}),
        (CurriculumConfig, {"enabled": True, "trainer_edition": True, "nav_section": "workshops/index.md"}),
        (GuidelinesConfig, {"enabled": True, "search_boost": 4.0, "print_page": True}),
    ]:
        config = config_class()
        config.load_dict({})
        errors, _ = config.validate()
        assert not errors
        assert {key: config[key] for key in expected} == expected

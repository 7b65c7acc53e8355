"""Mistakes that used to pass `academy validate` and then fail or break the build: each is now
reported before anything is written, at the source file and line, all at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from academy.core.project import load_project


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_project(root).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> int:
    """Append lines to a file; the line number of the first appended line."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1 + (len(text) - len(text.lstrip("\n")))


def test_absolute_link_in_a_module_is_reported_with_the_relative_fix(mini_project: Path) -> None:
    line = append(mini_project / "curriculum/modules/alpha.md", "\nSee the [guide](/guidelines/principles/).\n")
    assert (
        f'curriculum/modules/alpha.md:{line}: absolute link "/guidelines/principles/" (links from the site root '
        "break the strict build) — link relative to this page: ../guidelines/principles.md"
    ) in problems(mini_project)


def test_absolute_link_in_a_content_page(mini_project: Path) -> None:
    line = append(mini_project / "content/index.md", "\nThe [catalogue](/workshops/).\n")
    found = problems(mini_project)
    assert any(
        p.startswith(f'content/index.md:{line}: absolute link "/workshops/"') and p.endswith("workshops/index.md")
        for p in found
    ), found


def test_quiz_marker_for_a_missing_quiz_in_a_guideline_page(mini_project: Path) -> None:
    line = append(mini_project / "content/guidelines/principles.md", "\n<!-- academy:quiz no-such-quiz -->\n")
    found = problems(mini_project)
    assert any(
        p.startswith(f'content/guidelines/principles.md:{line}: the quiz marker names quiz "no-such-quiz"')
        for p in found
    ), found


def test_quiz_marker_in_fenced_code_is_an_example(mini_project: Path) -> None:
    append(mini_project / "content/guidelines/principles.md", "\n```\n<!-- academy:quiz no-such-quiz -->\n```\n")
    assert problems(mini_project) == []


def test_missing_anchor_on_a_generated_track_page(mini_project: Path) -> None:
    line = append(mini_project / "curriculum/modules/alpha.md", "\nSee the [track](../tracks/basics.md#nope).\n")
    assert any(
        p.startswith(f'curriculum/modules/alpha.md:{line}: anchor "#nope" does not exist in tracks/basics.md')
        for p in problems(mini_project)
    )


def test_anchors_the_generated_pages_have_are_accepted(mini_project: Path) -> None:
    append(
        mini_project / "curriculum/modules/alpha.md",
        "\n[a](../tracks/basics.md#workshops) [b](../tracks/basics.md#certificate) [c](../tracks/index.md#prerequisite-map)"
        " [d](../progress.md#basics) [e](beta.md#quiz) [f](beta.md#key-points) [g](../guidelines/changes.md)\n",
    )
    assert problems(mini_project) == []


def test_broken_link_in_a_quiz_prompt(mini_project: Path) -> None:
    edit(
        mini_project / "quizzes/alpha.yml",
        "prompt: What do you say first?",
        'prompt: "What do you say first? Read [the guide](../guidelines/nope.md)."',
    )
    assert any(
        p.startswith('quizzes/alpha.yml:5: link to "../guidelines/nope.md" points to a page that does not exist')
        for p in problems(mini_project)
    ), problems(mini_project)


def test_link_in_a_quiz_that_resolves_from_its_module_page(mini_project: Path) -> None:
    edit(
        mini_project / "quizzes/alpha.yml",
        "prompt: What do you say first?",
        'prompt: "What do you say first? Read [the guide](../guidelines/principles.md#be-transparent)."',
    )
    assert problems(mini_project) == []


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("curriculum/modules/alpha.md", "module"),
        ("content/guidelines/principles.md", "guideline page"),
        ("quizzes/alpha.yml", "quiz"),
        ("curriculum/tracks/basics.yml", "track"),
    ],
)
def test_a_file_that_is_not_utf8_is_named_with_its_line(mini_project: Path, path: str, kind: str) -> None:
    source = mini_project / path
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + " café\n"
    source.write_bytes("".join(lines).encode("latin-1"))
    found = problems(mini_project)
    assert f"{path}:3: the file is not UTF-8 text (byte 0xE9 cannot be read as UTF-8" in "\n".join(found), found
    assert all("UnicodeDecodeError" not in p for p in found)


@pytest.mark.parametrize(
    "path",
    [
        "curriculum/modules/alpha.md",
        "content/guidelines/principles.md",
        "quizzes/alpha.yml",
        "curriculum/tracks/basics.yml",
        "curriculum/certificates/basics-certificate.yml",
        "site_config/site.yml",
    ],
)
def test_a_utf8_bom_is_accepted_everywhere(mini_project: Path, path: str) -> None:
    source = mini_project / path
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert problems(mini_project) == []
    project = load_project(mini_project)
    assert "alpha" in project.modules and "principles#be-transparent" in project.sections


def test_unclosed_quote_in_front_matter_is_reported_at_the_quote(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", 'title: "Alpha: transparency"', 'title: "Alpha: transparency')
    found = problems(mini_project)
    assert any(p.startswith("curriculum/modules/alpha.md:3: YAML syntax error: a quote opened here") for p in found), found


def test_unclosed_quote_in_a_quiz_is_reported_at_the_quote(mini_project: Path) -> None:
    edit(mini_project / "quizzes/alpha.yml", 'title: "Check your understanding: alpha"', "title: 'Check your")
    found = problems(mini_project)
    assert any(p.startswith("quizzes/alpha.yml:2: YAML syntax error: a quote opened here") for p in found), found


def test_a_field_error_does_not_hide_the_lessons_mistakes(mini_project: Path) -> None:
    module = mini_project / "curriculum/modules/alpha.md"
    edit(module, "level: beginner", "level: expert")
    edit(module, "    ??? answer \"Model answer\"\n        A transparent version.\n", "")
    line = append(module, "\n![](../guidelines/nope.png) and [a broken link](../guidelines/nope.md).\n")
    found = "\n".join(problems(mini_project))
    assert 'curriculum/modules/alpha.md:6: level is "expert"' in found
    assert 'exercise "Exercise 1: Rewrite" has no model answer' in found
    assert f"curriculum/modules/alpha.md:{line}: image" in found
    assert f'curriculum/modules/alpha.md:{line}: link to "../guidelines/nope.md"' in found
    assert "quizzes/alpha.yml" not in found, "its quiz is not reported unused because of the field error"


def test_a_quiz_no_module_uses(mini_project: Path) -> None:
    shutil.copy(mini_project / "quizzes/beta.yml", mini_project / "quizzes/gamma.yml")
    edit(mini_project / "quizzes/gamma.yml", "id: beta", "id: gamma")
    assert (
        'quizzes/gamma.yml:1: quiz "gamma" is not used by any module or page, but its answer key would still be '
        "published — set quiz: gamma in a module, add <!-- academy:quiz gamma --> to a page, or delete the file"
    ) in problems(mini_project)


def test_a_quiz_shown_by_a_marker_is_used(mini_project: Path) -> None:
    shutil.copy(mini_project / "quizzes/beta.yml", mini_project / "quizzes/gamma.yml")
    edit(mini_project / "quizzes/gamma.yml", "id: beta", "id: gamma")
    append(mini_project / "content/guidelines/principles.md", "\n<!-- academy:quiz gamma -->\n")
    assert problems(mini_project) == []


@pytest.mark.parametrize(
    ("target", "what"),
    [("curriculum/modules/extra/gamma.md", "is in a subfolder"), ("curriculum/modules/gamma.markdown", "ends in")],
)
def test_a_module_where_it_would_be_skipped(mini_project: Path, target: str, what: str) -> None:
    destination = mini_project / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(mini_project / "curriculum/modules/beta.md", destination)
    found = problems(mini_project)
    assert any(
        p.startswith(f"{target}:1: this module file {what}") and p.endswith("curriculum/modules/gamma.md")
        for p in found
    ), found


def test_a_quiz_in_a_subfolder(mini_project: Path) -> None:
    (mini_project / "quizzes/old").mkdir()
    shutil.copy(mini_project / "quizzes/beta.yml", mini_project / "quizzes/old/beta.yml")
    assert any(p.startswith("quizzes/old/beta.yml:1: this quiz file is in a subfolder") for p in problems(mini_project))


def test_module_id_index_is_reserved(mini_project: Path) -> None:
    source = mini_project / "curriculum/modules/beta.md"
    source.rename(mini_project / "curriculum/modules/index.md")
    module = mini_project / "curriculum/modules/index.md"
    edit(module, "id: beta", "id: index")
    edit(mini_project / "curriculum/tracks/basics.yml", "  - beta", "  - index")
    edit(mini_project / "curriculum/certificates/basics-certificate.yml", "beta", "index")
    edit(mini_project / "quizzes/beta.yml", "id: beta", "id: index")
    (mini_project / "quizzes/beta.yml").rename(mini_project / "quizzes/index.yml")
    edit(module, "quiz: beta", "quiz: index")
    found = problems(mini_project)
    assert any(p.startswith('curriculum/modules/index.md:2: module id "index" is reserved') for p in found), found


def test_a_line_starting_with_a_hashtag_would_become_a_heading(mini_project: Path) -> None:
    line = append(mini_project / "curriculum/modules/alpha.md", "\nPost it with\n#Transparency #Northwind\n") + 1
    assert (
        f'curriculum/modules/alpha.md:{line}: the line starts with "#Transparency", which Markdown shows as a '
        "heading, not as a hashtag — put a backslash before it (\\#Transparency) or start the line with another word"
    ) in problems(mini_project)


def test_a_hashtag_option_in_a_quiz_is_text_not_a_heading() -> None:
    from academy.plugins.quiz.render import MarkdownRenderer

    md = MarkdownRenderer(["attr_list", "toc"], {})
    assert md.block("#Hiring #Oslo") == "<p>#Hiring #Oslo</p>"
    assert md.block("Apply now\n#Hiring") == "<p>Apply now\n#Hiring</p>"
    assert md.block("# A real heading").startswith("<h1")


def test_a_field_error_in_a_quiz_does_not_hide_its_questions_mistakes(mini_project: Path) -> None:
    quiz = mini_project / "quizzes/alpha.yml"
    edit(quiz, "pass_mark: 80", "pass_mark: 80\npassmark: 3")
    edit(quiz, "      - text: Nothing\n", "      - text: Nothing\n        correct: true\n")
    found = "\n".join(problems(mini_project))
    assert 'quizzes/alpha.yml:4: unknown field "passmark"' in found
    assert "quizzes/alpha.yml:13: a single-choice question needs exactly one best answer" in found


def test_anchors_of_an_overridden_template_are_not_guessed(mini_project: Path) -> None:
    line = append(mini_project / "curriculum/modules/alpha.md", "\nSee the [track](../tracks/basics.md#my-own-heading).\n")
    assert any(f"alpha.md:{line}: anchor" in p for p in problems(mini_project))
    overrides = mini_project / "site_config/templates"
    overrides.mkdir()
    (overrides / "track.md.j2").write_text("# {{ track.title }}\n\n## My own heading\n")
    assert problems(mini_project) == []

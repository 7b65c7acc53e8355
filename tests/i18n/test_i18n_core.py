"""The translation core (academy.i18n, no MkDocs): languages, headers and hashes, out-of-date
detection, the structure of a translated quiz, localization, strings files and coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.problems import Problems
from academy.core.project import load_project
from academy.i18n import strings
from academy.i18n.coverage import coverage
from academy.i18n.languages import Languages, load_languages, split_suffix
from academy.i18n.localize import CURRENT, FALLBACK, OUTDATED, localize
from academy.i18n.translations import blob_sha, discover, mark_current
from support.harness import run
from support.i18nkit import dutch_project

NL = Languages(("en", "nl"))


def _messages(problems: Problems, warnings: bool = False) -> list[str]:
    return [str(p) for p in (problems.warnings() if warnings else problems)]


def test_a_translation_is_named_by_a_language_suffix() -> None:
    assert split_suffix("content/guidelines/principles.nl.md") == ("principles", "nl")
    assert split_suffix("quizzes/alpha.yml") == ("alpha", None)
    assert split_suffix("content/release-1.2.md") == ("release-1.2", None)


def test_the_recorded_hash_is_gits_blob_hash(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_bytes("# Page\n\nÉén regel.\n".encode())
    printed = run("git", "hash-object", source, check=True).stdout.strip()
    assert blob_sha(source.read_bytes()) == printed


def test_languages_come_from_site_yml_with_the_source_first(tmp_path: Path) -> None:
    site = tmp_path / "site.yml"
    site.write_text("name: X\nlanguages: [nl, en, xx]\n")
    problems = Problems(tmp_path)
    languages = load_languages(site, problems)
    assert languages.codes == ("nl", "en") and languages.source == "nl"
    assert any(m.startswith("site.yml:2:") and '"xx"' in m for m in _messages(problems))


def test_the_shipped_translations_are_current_and_sound(tmp_path: Path) -> None:
    project = dutch_project(tmp_path)
    problems = Problems(project)
    found = discover(project, NL, problems)
    assert not problems and not problems.warnings()
    assert {(t.kind, t.stem) for t in found} == {
        ("page", "index"),
        ("page", "principles"),
        ("module", "alpha"),
        ("quiz", "alpha"),
    }
    assert all(t.current for t in found)


def test_a_changed_source_warns_with_the_changed_sections_and_the_fix(tmp_path: Path) -> None:
    project = dutch_project(tmp_path, git=True)
    source = project / "content/guidelines/principles.md"
    source.write_text(source.read_text().replace("Pause before you post", "Always pause before you post"))
    problems = Problems(project)
    discover(project, NL, problems)
    [warning] = _messages(problems, warnings=True)
    assert warning.startswith("content/guidelines/principles.nl.md:3: warning: this translation may be out of date")
    assert '"Use common sense"' in warning and '"Be transparent"' not in warning
    assert f"source_sha: {blob_sha(source.read_bytes())}" in warning
    assert "--mark-current content/guidelines/principles.nl.md" in warning
    assert not problems  # a warning: the build goes on, the page says so


def test_mark_current_makes_the_translation_current_again(tmp_path: Path) -> None:
    project = dutch_project(tmp_path)
    source = project / "content/index.md"
    source.write_text(source.read_text() + "\nA new line.\n")
    [stale] = [t for t in discover(project, NL, Problems()) if t.stem == "index"]
    assert not stale.current
    assert mark_current(stale.path, stale.current_sha or "")
    [fresh] = [t for t in discover(project, NL, Problems()) if t.stem == "index"]
    assert fresh.current


def test_bad_translation_files_are_errors_at_their_line(tmp_path: Path) -> None:
    project = dutch_project(tmp_path)
    (project / "content/gone.nl.md").write_text("---\ntranslation_of: content/gone.md\nsource_sha: abc\n---\n# Weg\n")
    (project / "content/other.xx.md").write_text("# ?\n")
    wrong = project / "content/guidelines/principles.nl.md"
    wrong.write_text(
        wrong.read_text().replace("translation_of: content/guidelines/principles.md", "translation_of: x.md")
    )
    problems = Problems(project)
    discover(project, NL, problems)
    messages = _messages(problems)
    assert any(m.startswith("content/gone.nl.md:2: the source content/gone.md does not exist") for m in messages)
    assert any(m.startswith('content/other.xx.md:1: "xx" in the file name is not a language code') for m in messages)
    assert any(
        m.startswith("content/guidelines/principles.nl.md:2:")
        and "set translation_of: content/guidelines/principles.md" in m
        for m in messages
    )


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("      - text: Niets\n        feedback: Niet transparant.\n", ""),
            'question "disclose" has 1 options but the source has 2',
        ),
        (
            ("        feedback: Juist.\n      - text: Niets", "        correct: true\n      - text: Niets"),
            "correct of options[1] comes from the source",
        ),
        (("  disclose:", "  disclosure:"), 'question "disclosure" is not a question of quizzes/alpha.yml'),
        (
            ("    explanation: Vermeld het altijd.\n", "    explanation: Vermeld het altijd.\n    answer: true\n"),
            "answer comes from the source",
        ),
    ],
)
def test_a_quiz_translation_must_have_the_sources_structure(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    project = dutch_project(tmp_path)
    quiz = project / "quizzes/alpha.nl.yml"
    text = quiz.read_text()
    assert edit[0] in text
    quiz.write_text(text.replace(edit[0], edit[1], 1))
    problems = load_project(project).problems
    [match] = [m for m in _messages(problems) if expected in m]
    assert match.startswith("quizzes/alpha.nl.yml:") and " — " in match


def test_questions_in_another_order_are_an_error(tmp_path: Path) -> None:
    project = dutch_project(tmp_path)
    quiz = project / "quizzes/alpha.nl.yml"
    head, rest = quiz.read_text().split("  disclose:", 1)
    first, second = rest.split("  always:", 1)
    quiz.write_text(f"{head}  always:{second}  disclose:{first}")
    messages = _messages(load_project(project).problems)
    assert any("quizzes/alpha.nl.yml:" in m and "is not where quizzes/alpha.yml has it" in m for m in messages)


def test_a_localized_quiz_scores_like_its_source(tmp_path: Path) -> None:
    project = load_project(dutch_project(tmp_path))
    assert not project.problems
    local = localize(project, "nl", discover(project.root, NL, Problems()))
    english, dutch = project.quizzes["alpha"], local.project.quizzes["alpha"]
    assert dutch.title == "Test je kennis: alpha" and dutch.questions[0].prompt == "Wat zeg je eerst?"
    assert dutch.content_hash == english.content_hash
    for en, nl in zip(english.questions, dutch.questions, strict=True):
        assert (en.id, en.type, en.content_hash, en.answer, en.points) == (
            nl.id,
            nl.type,
            nl.content_hash,
            nl.answer,
            nl.points,
        )
        assert [o.correct for o in en.options] == [o.correct for o in nl.options]
    assert english.questions[0].prompt == "What do you say first?"  # the source project is unchanged
    module = local.project.modules["alpha"]
    assert (
        module.title == "Alpha: transparantie"
        and "Kernpunten" not in module.lesson
        and "Zeg wie je bent" in module.key_points
    )
    assert module.teaches == project.modules["alpha"].teaches and module.quiz == "alpha"
    assert local.page_status("guidelines/principles.md") == CURRENT
    assert local.page_status("workshops/alpha.md") == CURRENT
    assert local.page_status("other.md") == FALLBACK


def test_an_outdated_translation_is_still_shown_and_marked(tmp_path: Path) -> None:
    root = dutch_project(tmp_path)
    source = root / "content/guidelines/principles.md"
    source.write_text(source.read_text() + "\nMore.\n")
    project = load_project(root)
    local = localize(project, "nl", discover(root, NL, Problems()))
    assert local.page_status("guidelines/principles.md") == OUTDATED


def test_the_shipped_strings_files_have_every_key() -> None:
    problems = Problems()
    strings.check_strings(Languages(("en", "nl", "it", "da")), problems, Path("site.yml"))
    assert _messages(problems) == []
    assert strings.text("nl", "notice.fallback", source="Engels").endswith("(Engels).")


def test_a_missing_string_or_placeholder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "strings"
    folder.mkdir()
    (folder / "en.yml").write_text((strings.STRINGS / "en.yml").read_text())
    (folder / "nl.yml").write_text("language: Nederlands\nnotice:\n  fallback: Niet vertaald.\n")
    monkeypatch.setattr(strings, "STRINGS", folder)
    strings._read.cache_clear()
    try:
        problems = Problems(tmp_path)
        strings.check_strings(Languages(("en", "nl", "fr")), problems, tmp_path / "site.yml")
    finally:
        strings._read.cache_clear()
    messages = _messages(problems)
    assert any(m.startswith("strings/nl.yml:1:") and "notice.outdated" in m and "switcher.label" in m for m in messages)
    assert any(m.startswith("strings/nl.yml:3: notice.fallback must contain {source}") for m in messages)
    assert any('"fr" has no interface strings' in m and "fr.yml" in m for m in messages)


def test_coverage_counts_translated_outdated_and_missing(tmp_path: Path) -> None:
    root = dutch_project(tmp_path)
    (root / "content/index.md").write_text("# Changed\n")
    project = load_project(root)
    table = coverage(project, discover(root, NL, Problems()), ("nl",))["nl"]
    assert table["page"].current == ["content/guidelines/principles.md"]
    assert table["page"].outdated == ["content/index.md"]
    assert "content/other.md" in table["page"].missing and table["page"].total == len(project.pages)
    assert table["module"].current == ["curriculum/modules/alpha.md"] and table["module"].missing == [
        "curriculum/modules/beta.md"
    ]
    assert table["quiz"].current == ["quizzes/alpha.yml"]


def test_a_translated_exam_names_the_sources_options_so_the_hub_keeps_one_key() -> None:
    """The shipped Dutch Foundations exam: Dutch text, the English public ids and hashes."""
    from academy.core.exam import public_exam
    from support.harness import ROOT

    if not sorted((ROOT / "curriculum" / "exams").glob("*.nl.yml")):
        pytest.skip("this academy ships no Dutch exam (the example's Foundations exam was replaced)")
    project = load_project(ROOT)
    languages = load_languages(ROOT / "site_config/site.yml", Problems())
    local = localize(project, "nl", discover(ROOT, languages, Problems()))
    translated = [e for e in project.exams if local.project.exams[e].title != project.exams[e].title]
    assert translated, "no exam has a Dutch translation"

    def ids(value: object) -> object:
        """Everything but the text: ids, hashes, types and the shape of the lists."""
        if isinstance(value, dict):
            return {k: ids(v) for k, v in value.items() if k not in TEXT}
        if isinstance(value, list):
            return [ids(v) for v in value]
        return value

    TEXT = {"prompt", "text", "html", "title", "context", "author", "left", "right", "explanation"}  # noqa: N806
    for exam_id in translated:
        english, dutch = public_exam(project.exams[exam_id]), public_exam(local.project.exams[exam_id])
        assert ids(english) == ids(dutch)
        assert english["questions"][0]["prompt"] != dutch["questions"][0]["prompt"]

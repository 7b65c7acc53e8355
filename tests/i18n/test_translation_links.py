"""Links inside translations are checked by `academy validate` at the translation's own lines:
relative to the source's page (where the translation is shown) and, for anchors, against the
target as that language's site shows it."""

from __future__ import annotations

from pathlib import Path

from academy.core.project import load_project
from support.harness import run
from support.i18nkit import dutch_project


def _errors(root: Path) -> list[str]:
    return [str(p) for p in load_project(root).problems]


def test_the_shipped_fixture_translations_link_soundly(tmp_path: Path) -> None:
    assert _errors(dutch_project(tmp_path)) == []


def test_a_broken_link_in_a_translated_page_is_reported_at_its_line(tmp_path: Path) -> None:
    root = dutch_project(tmp_path)
    home = root / "content" / "index.nl.md"
    lines = home.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "principles.md" in line)
    home.write_text(home.read_text(encoding="utf-8").replace("guidelines/principles.md", "guidelines/principes.md"))
    errors = _errors(root)
    assert any(
        e.startswith(f"content/index.nl.md:{number}:") and "guidelines/principes.md" in e and "does not exist" in e
        for e in errors
    ), errors
    # The same error from the command line, as a trainer sees it, with exit 1.
    result = run("academy", "validate", "--root", root)
    assert result.returncode == 1 and f"content/index.nl.md:{number}:" in result.stdout + result.stderr


def test_a_module_translation_links_relative_to_the_modules_page(tmp_path: Path) -> None:
    root = dutch_project(tmp_path)
    module = next((root / "curriculum").rglob("alpha.nl.md"))
    text = module.read_text(encoding="utf-8")
    assert "../guidelines/principles.md#be-transparent" in text
    module.write_text(text.replace("principles.md#be-transparent", "principles.md#wees-transparant"), encoding="utf-8")
    errors = _errors(root)
    rel = module.relative_to(root).as_posix()
    assert any(e.startswith(f"{rel}:") and 'anchor "#wees-transparant"' in e for e in errors), errors


def test_an_anchor_the_translation_renamed_is_an_error_in_that_language_only(tmp_path: Path) -> None:
    """The Dutch principles page drops the id of a heading: a Dutch link to it breaks (the Dutch
    site shows the Dutch page), while English links to the English heading stay sound."""
    root = dutch_project(tmp_path)
    principles = root / "content" / "guidelines" / "principles.nl.md"
    principles.write_text(
        principles.read_text(encoding="utf-8").replace(" {#be-transparent}", ""), encoding="utf-8"
    )
    errors = _errors(root)
    assert any("alpha.nl.md" in e and 'anchor "#be-transparent"' in e for e in errors), errors
    assert not any(".nl." not in e.split(":")[0] for e in errors), errors

"""The shipped example meets the bar it sets itself in site_config/site.yml (`checks:`).

The bar is `academy validate`'s content-quality rules (core/rules.py), so an adopter's academy is
held to its own thresholds by validate and the build, not by this test of the example.
"""

from __future__ import annotations

from pathlib import Path

from academy.core.project import load_project
from academy.core.rules import Checks, check_rules, load_checks

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)


def test_the_example_sets_its_bar_as_errors() -> None:
    checks, node = load_checks(PROJECT)
    assert node is not None, "site_config/site.yml has checks:"
    assert checks.severity == "error"
    assert checks.lesson_min_words >= 900 and checks.quiz_min_questions >= 6
    assert checks.single_starting_module and checks.brand_contrast == "AA"


def test_the_example_meets_every_rule() -> None:
    assert not PROJECT.problems, [str(p) for p in PROJECT.problems]
    rule_warnings = [str(w) for w in PROJECT.problems.warnings() if "checks: in" in w.fix and "colors." not in w.message]
    assert rule_warnings == []


def test_the_rules_would_fail_the_example_with_a_higher_bar(monkeypatch) -> None:
    """The rules really look at the example: a bar above its shortest lesson fails it."""
    shortest = min(m.lesson_words for m in PROJECT.modules.values())
    raised = Checks(severity="error", lesson_min_words=shortest + 1)
    monkeypatch.setattr("academy.core.rules.load_checks", lambda project: (raised, None))
    project = load_project(ROOT)
    check_rules(project)
    assert any("words, fewer than" in p.message for p in project.problems)

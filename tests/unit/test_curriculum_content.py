"""The academy meets the bar it sets itself in site_config/site.yml (`checks:`), whatever its content.

The bar is `academy validate`'s content-quality rules (core/rules.py), so an adopter's academy is
held to its own thresholds by validate and the build, not by this test of the example.
"""

from __future__ import annotations

from pathlib import Path

from academy.core.project import load_project
from academy.core.rules import Checks, check_rules, load_checks

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)


def test_the_bar_is_the_one_site_yml_sets() -> None:
    """The thresholds are the academy's own (`checks:` in site.yml), not the example's."""
    checks, node = load_checks(PROJECT)
    for key in node or {}:
        value = node[key]
        assert getattr(checks, key) == ("off" if value is False else value), key


def test_the_academy_meets_every_rule_it_sets_as_an_error() -> None:
    assert not PROJECT.problems, [str(p) for p in PROJECT.problems]
    checks, _ = load_checks(PROJECT)
    if checks.severity == "error":  # as the example does; at "warning" the findings are the adopter's to-do list
        rule_warnings = [
            str(w) for w in PROJECT.problems.warnings() if "checks: in" in w.fix and "colors." not in w.message
        ]
        assert rule_warnings == []


def test_the_rules_would_fail_the_example_with_a_higher_bar(monkeypatch) -> None:
    """The rules really look at the example: a bar above its shortest lesson fails it."""
    shortest = min(m.lesson_words for m in PROJECT.modules.values())
    raised = Checks(severity="error", lesson_min_words=shortest + 1)
    monkeypatch.setattr("academy.core.rules.load_checks", lambda project: (raised, None))
    project = load_project(ROOT)
    check_rules(project)
    assert any("words, fewer than" in p.message for p in project.problems)

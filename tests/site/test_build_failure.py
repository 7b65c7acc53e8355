"""A build that finds problems stops before MkDocs touches the site directory."""

from __future__ import annotations

from pathlib import Path

from support.harness import build


def test_strict_build_fails_and_keeps_the_last_good_output(mini_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = build(mini_project, site)
    assert first.returncode == 0, first.stderr
    good = (site / "workshops/alpha/index.html").read_text()
    module = mini_project / "curriculum/modules/alpha.md"
    module.write_text(module.read_text().replace("quiz: alpha", "quiz: missing-quiz"))
    second = build(mini_project, site)
    assert second.returncode == 1
    assert 'curriculum/modules/alpha.md:15: quiz "missing-quiz" does not exist' in second.stderr
    assert "nothing was written" in second.stderr
    assert "Cleaning site directory" not in second.stderr
    assert (site / "workshops/alpha/index.html").read_text() == good


def test_serve_style_build_warns_and_goes_on(mini_project: Path, tmp_path: Path) -> None:
    module = mini_project / "curriculum/modules/beta.md"
    module.write_text(module.read_text().replace("level: beginner", "level: expert"))
    result = build(mini_project, tmp_path / "site", strict=False)
    assert result.returncode == 0
    assert 'WARNING -  academy: curriculum/modules/beta.md:6: level is "expert"' in result.stderr
    assert (tmp_path / "site/workshops/alpha/index.html").is_file()

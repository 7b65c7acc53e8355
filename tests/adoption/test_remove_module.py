"""`academy remove module ID` from a shell, on a copy of tests/fixtures/mini made richer with what
refers to a module: a link from a guide page, a practice thread, a module that needs it first.
Afterwards the project validates and builds strictly, and the id is gone from every file."""

from __future__ import annotations

from pathlib import Path

from support.adoptkit import write_bank_questions
from support.harness import BIN, build, run


def academy(*args: str | Path, cwd: Path, check: bool = False):  # noqa: ANN201 - a CompletedProcess
    return run(BIN / "academy", *args, cwd=cwd, check=check)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _enrich(project: Path) -> None:
    """gamma needs beta first; a guide page links to beta's page and trainer notes; beta has a thread."""
    academy("new", "module", "gamma", "--track", "basics", cwd=project, check=True)
    write_bank_questions(project / "curriculum/exams/gamma.yml")
    gamma = project / "curriculum/modules/gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("prerequisites: []", "prerequisites: [beta]"), "utf-8")
    other = project / "content/other.md"
    other.write_text(
        other.read_text(encoding="utf-8")
        + "\nPractise with [the beta workshop](workshops/beta.md#why-it-matters) and read its "
        "[notes](trainers/beta.md). The [first one](workshops/alpha.md) stays. Ask [the trainer][t].\n"
        "\n[t]: trainers/beta.md\n",
        encoding="utf-8",
    )
    academy("new", "thread", "beta-night-shift", "--module", "beta", cwd=project, check=True)
    checked = academy("validate", cwd=project)
    assert checked.returncode == 0, checked.stdout


def test_remove_module_cleans_every_reference_and_the_site_builds(mini_project: Path, tmp_path: Path) -> None:
    _enrich(mini_project)
    removed = academy("remove", "module", "beta", cwd=mini_project)
    assert removed.returncode == 0, removed.stderr
    out = removed.stdout
    for line in (
        "changed curriculum/tracks/basics.yml: removed beta from modules:",
        "changed curriculum/certificates/basics-certificate.yml: removed beta from modules:",
        "changed curriculum/modules/gamma.md: removed beta from prerequisites: (its own prerequisites take its "
        "place: alpha)",
        "changed content/other.md: links to beta made plain text (line ",
        "deleted curriculum/modules/beta.md",
        "deleted quizzes/beta.yml",
        "deleted curriculum/exams/beta.yml",
        "deleted sandbox/beta-night-shift.yml",
    ):
        assert line in out, f"{line!r} not in:\n{out}"
    page = (mini_project / "content/other.md").read_text(encoding="utf-8")
    assert "Practise with the beta workshop and read its notes." in page
    assert "Ask the trainer." in page and "[t]:" not in page, "reference links too"
    assert "[first one](workshops/alpha.md)" in page, "other links stay"
    assert "prerequisites: [alpha]" in (mini_project / "curriculum/modules/gamma.md").read_text(encoding="utf-8")
    assert "certificate: basics-certificate" in (mini_project / "curriculum/tracks/basics.yml").read_text("utf-8")

    checked = academy("validate", cwd=mini_project)
    assert checked.returncode == 0, checked.stdout
    site = tmp_path / "site"
    built = build(mini_project, site)
    assert built.returncode == 0, built.stderr
    assert not (site / "workshops/beta").exists() and (site / "workshops/gamma/index.html").is_file()
    left = [
        path
        for path in mini_project.rglob("*")
        if path.is_file() and path.suffix in {".md", ".yml"} and "beta" in path.read_text(encoding="utf-8").lower()
        and path.name != "other.md"  # the plain text of the link keeps the word, on purpose
    ]
    assert left == [], left


def test_a_smaller_exam_pool_lowers_the_draw_and_says_so(mini_project: Path) -> None:
    removed = academy("remove", "module", "beta", cwd=mini_project)
    assert removed.returncode == 0, removed.stderr
    assert "exam draw: 6 → 3" in removed.stdout
    assert 'note: the exam of "basics-certificate" now draws 3 questions instead of 6' in removed.stdout
    rule = (mini_project / "curriculum/certificates/basics-certificate.yml").read_text(encoding="utf-8")
    assert "modules: [alpha]\n" in rule and "  draw: 3\n" in rule
    assert academy("validate", cwd=mini_project).returncode == 0


def test_removing_the_last_module_of_a_track_is_refused_with_nothing_changed(mini_project: Path) -> None:
    assert academy("remove", "module", "beta", cwd=mini_project).returncode == 0
    before = _snapshot(mini_project)
    refused = academy("remove", "module", "alpha", cwd=mini_project)
    assert refused.returncode == 1
    assert 'curriculum/tracks/basics.yml:4: track "basics" would have no module left — add another first' in (
        refused.stderr
    )
    assert 'certificate rule "basics-certificate" covers only "alpha"' in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert _snapshot(mini_project) == before


def test_dry_run_changes_nothing_and_unknown_ids_get_a_suggestion(mini_project: Path) -> None:
    before = _snapshot(mini_project)
    dry = academy("remove", "module", "beta", "--dry-run", cwd=mini_project)
    assert dry.returncode == 0 and "would delete curriculum/modules/beta.md" in dry.stdout
    unknown = academy("remove", "module", "betta", cwd=mini_project)
    assert unknown.returncode == 1 and 'module "betta" does not exist — did you mean "beta"?' in unknown.stderr
    assert _snapshot(mini_project) == before


def test_a_removal_that_would_break_the_project_is_rolled_back(mini_project: Path) -> None:
    """The curriculum must start at one module (an error here): without alpha, beta and gamma both would."""
    settings = mini_project / "site_config/site.yml"
    off = ["lesson_min_words", "objectives_min", "objectives_max", "exercises_min", "trainer_notes_min_words"]
    off += ["quiz_min_questions", "quiz_min_types"]
    flags = ["trainer_notes_cover_formats", "key_points_required", "quiz_scenario_required", "quiz_feedback_required"]
    checks = "".join(f"  {k}: 0\n" for k in off) + "".join(f"  {k}: false\n" for k in flags)
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + f"checks:\n  severity: error\n  single_starting_module: true\n  brand_contrast: \"off\"\n{checks}",
        encoding="utf-8",
    )
    academy("new", "module", "gamma", "--track", "basics", cwd=mini_project, check=True)
    write_bank_questions(mini_project / "curriculum/exams/gamma.yml")
    gamma = mini_project / "curriculum/modules/gamma.md"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("prerequisites: []", "prerequisites: [alpha]"), "utf-8")
    checked = academy("validate", cwd=mini_project)
    assert checked.returncode == 0, checked.stdout
    before = _snapshot(mini_project)
    refused = academy("remove", "module", "alpha", cwd=mini_project)
    assert refused.returncode == 1, refused.stdout
    assert "2 modules have no prerequisites (beta, gamma)" in refused.stderr
    assert "removing alpha would leave these problems, so nothing was changed" in refused.stderr
    assert _snapshot(mini_project) == before, "every file is as it was"

"""Every validation rule a trainer can trip over, with its bad input and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.project import load_project


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_project(root).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_project_is_valid(mini_project: Path) -> None:
    assert problems(mini_project) == []


def test_yaml_syntax_error_names_file_and_line(mini_project: Path) -> None:
    edit(mini_project / "curriculum/tracks/basics.yml", "modules:\n  - alpha", "modules: [alpha\n  - alpha")
    found = problems(mini_project)
    assert any(p.startswith("curriculum/tracks/basics.yml:7: YAML syntax error:") for p in found), found
    assert any("check the indentation" in p for p in found)


def test_front_matter_syntax_error(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "level: beginner", "level: [beginner")
    found = problems(mini_project)
    assert any(p.startswith("curriculum/modules/alpha.md:") and "YAML syntax error" in p for p in found), found


def test_missing_front_matter(mini_project: Path) -> None:
    path = mini_project / "curriculum/modules/alpha.md"
    path.write_text(path.read_text().split("---\n", 2)[2])
    assert (
        "curriculum/modules/alpha.md:1: missing front matter — start the file with a line '---', "
        "the YAML fields, and another line '---'"
    ) in problems(mini_project)


def test_unknown_field_suggests_the_right_one(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "summary:", "sumary:")
    found = problems(mini_project)
    assert any(
        p.startswith('curriculum/modules/alpha.md:4: unknown field "sumary" (did you mean "summary"?)') for p in found
    ), found
    assert any(p.startswith('curriculum/modules/alpha.md:2: missing field "summary" — add "summary: …"') for p in found)


def test_mistyped_field(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "duration: 30", "duration: half an hour")
    assert (
        'curriculum/modules/alpha.md:7: duration must be a whole number, not "half an hour" — '
        "write duration as a whole number"
    ) in problems(mini_project)


def test_value_not_in_the_allowed_list(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "level: beginner", "level: beginer")
    assert (
        'curriculum/modules/alpha.md:6: level is "beginer" (did you mean "beginner"?), which is not allowed — '
        "use one of: beginner, intermediate, advanced"
    ) in problems(mini_project)


def test_duplicate_key(mini_project: Path) -> None:
    edit(mini_project / "curriculum/tracks/basics.yml", "title: Basics\n", "title: Basics\ntitle: Again\n")
    assert 'curriculum/tracks/basics.yml:3: key "title" appears twice — keep one of the two entries' in problems(
        mini_project
    )


def test_duplicate_module_id(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/beta.md", "id: beta", "id: alpha")
    found = problems(mini_project)
    assert (
        'curriculum/modules/beta.md:2: id "alpha" differs from the file name "beta.md" — rename the file to alpha.md or set id: beta'
        in found
    )
    assert (
        'curriculum/modules/beta.md:1: module id "alpha" is already used by curriculum/modules/alpha.md — '
        "give each module its own id"
    ) in found


def test_missing_module_in_track(mini_project: Path) -> None:
    edit(mini_project / "curriculum/tracks/basics.yml", "  - beta\n", "  - beta\n  - gamma\n")
    assert (
        'curriculum/tracks/basics.yml:7: module "gamma" does not exist — create curriculum/modules/gamma.md '
        "(academy new module gamma --track basics) or remove it from the list"
    ) in problems(mini_project)


def test_missing_quiz_with_suggestion(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "quiz: alpha", "quiz: alpah")
    assert (
        'curriculum/modules/alpha.md:15: quiz "alpah" does not exist — create quizzes/alpah.yml; did you mean "alpha"?'
    ) in problems(mini_project)


def test_missing_track(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "track: basics", "track: advanced")
    found = problems(mini_project)
    assert 'curriculum/modules/alpha.md:5: track "advanced" does not exist — use one of: basics' in found
    assert any('module "alpha" belongs to track "advanced"' in p for p in found)


def test_missing_certificate(mini_project: Path) -> None:
    edit(mini_project / "curriculum/tracks/basics.yml", "certificate: basics-certificate", "certificate: basics-cert")
    assert (
        'curriculum/tracks/basics.yml:7: certificate "basics-cert" does not exist — '
        'create curriculum/certificates/basics-cert.yml; did you mean "basics-certificate"?'
    ) in problems(mini_project)


def test_missing_guideline_section(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "[principles#be-transparent]", "[principles#be-transparant]")
    assert (
        'curriculum/modules/alpha.md:14: guideline section "principles#be-transparant" does not exist — '
        'cite a section as PAGE#anchor; did you mean "principles#be-transparent"?'
    ) in problems(mini_project)


def test_missing_prerequisite(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/beta.md", "prerequisites: [alpha]", "prerequisites: [alpa]")
    assert (
        'curriculum/modules/beta.md:13: prerequisite "alpa" is not a module — use an existing module id; '
        'did you mean "alpha"?'
    ) in problems(mini_project)


def test_prerequisite_cycle_prints_the_cycle(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "prerequisites: []", "prerequisites: [beta]")
    found = [p for p in problems(mini_project) if "cycle" in p]
    assert found == [
        "curriculum/modules/alpha.md:13: prerequisite cycle: alpha → beta → alpha — remove one of these "
        "prerequisites so the modules can be taken in some order"
    ]


def test_module_without_model_answer(mini_project: Path) -> None:
    edit(
        mini_project / "curriculum/modules/alpha.md",
        '    ??? answer "Model answer"\n        A transparent version.\n',
        "",
    )
    assert (
        'curriculum/modules/alpha.md:27: exercise "Exercise 1: Rewrite" has no model answer — '
        'add an indented ??? answer "Model answer" block inside the exercise'
    ) in problems(mini_project)


def test_schedule_must_add_up(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "minutes: 20", "minutes: 25")
    assert (
        "curriculum/modules/alpha.md:16: schedule adds up to 35 minutes but duration is 30 — "
        "make the minutes of the schedule add up to duration"
    ) in problems(mini_project)


def test_broken_link_and_anchor(mini_project: Path) -> None:
    edit(mini_project / "content/index.md", "(guidelines/principles.md)", "(guidelines/principle.md)")
    edit(mini_project / "curriculum/modules/alpha.md", "principles.md#be-transparent)", "principles.md#honesty)")
    found = problems(mini_project)
    assert (
        'content/index.md:3: link to "guidelines/principle.md" points to a page that does not exist — fix the path; '
        'links are relative to this page (index.md); did you mean "guidelines/principles.md"?'
    ) in found
    assert (
        'curriculum/modules/alpha.md:25: anchor "#honesty" does not exist in guidelines/principles.md — '
        "use one of the page's headings"
    ) in found


def test_image_without_alt_text(mini_project: Path) -> None:
    (mini_project / "content/chart.png").write_bytes(b"\x89PNG")
    edit(mini_project / "content/index.md", "# Mini academy\n", "# Mini academy\n\n![](chart.png)\n")
    assert (
        'content/index.md:3: image "chart.png" has no alt text — describe the image between the brackets: '
        "![what it shows](…)"
    ) in problems(mini_project)


def test_guideline_section_needs_a_stable_id(mini_project: Path) -> None:
    edit(
        mini_project / "content/guidelines/principles.md",
        "## Use common sense {#use-common-sense}",
        "## Use common sense",
    )
    found = problems(mini_project)
    assert (
        'content/guidelines/principles.md:9: guideline section "Use common sense" has no stable id — '
        "end the heading with {#use-common-sense} so citations survive a new wording"
    ) in found


def test_changelog_must_cite_existing_sections(mini_project: Path) -> None:
    edit(mini_project / "content/guidelines/changelog.yml", "principles#be-transparent", "principles#openness")
    assert (
        'content/guidelines/changelog.yml:5: section "principles#openness" does not exist — name a guideline page '
        "or PAGE#anchor; principles has: be-transparent, use-common-sense"
    ) in problems(mini_project)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "url: https://academy.mini.example/",
            "url: academy.mini.example",
            'site_config/site.yml:3: url "academy.mini.example" has the wrong form — the public address of the site, ending with /',
        ),
        (
            "email: hub@mini.example",
            "mail: hub@mini.example",
            'site_config/site.yml:8: unknown field "mail" (did you mean "email"?)',
        ),
    ],
)
def test_site_settings(mini_project: Path, old: str, new: str, expected: str) -> None:
    edit(mini_project / "site_config/site.yml", old, new)
    assert any(p.startswith(expected) for p in problems(mini_project)), problems(mini_project)


def test_all_problems_are_reported_at_once(mini_project: Path) -> None:
    edit(mini_project / "curriculum/modules/alpha.md", "quiz: alpha", "quiz: nope")
    edit(mini_project / "curriculum/modules/beta.md", "level: beginner", "level: expert")
    found = problems(mini_project)
    assert any("alpha.md" in p and 'quiz "nope"' in p for p in found)
    assert any("beta.md" in p and 'level is "expert"' in p for p in found)

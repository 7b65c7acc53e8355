"""Practice threads (sandbox/ID.yml): the model, every kind of mistake with its file, line and fix,
the checks and the follow-up rules, and both ends of the module reference."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from academy.core.problems import Problems
from academy.core.project import load_project
from academy.core.thread import Attempt, evaluate, follow_up, has_phrase, load_thread, thread_json

ROOT = Path(__file__).resolve().parents[2]

#: A valid thread; tests replace one line (or a few) and look for the problem at that line.
VALID = """\
# yaml-language-server: $schema=../plugins/academy/schemas/thread.schema.json
id: sample
title: A sample thread
module: alpha
platform: x
role:
  name: Northwind Help
  handle: "@NorthwindHelp"
  brief: You answer for @NorthwindHelp as Sam from the care team.
people:
  ann:
    name: Ann Example
    handle: "@ann"
post:
  by: ann
  minutes: 30
  text: My Aura has been offline since yesterday.
  reactions: {like: 4}
comments:
  - id: address
    by: ann
    minutes: 10
    text: I live at 1 Example Street, come and fix it.
checks:
  - id: apologise
    label: Apologises
    match: "\\\\b(sorry|apologi[sz]e)"
    message: Say sorry.
  - id: name
    label: Signs
    include: [Sam]
    message: Sign as Sam.
  - id: hide-address
    label: Hides the address
    hide: address
    message: Hide the comment with the address.
follow_ups:
  - when: {fails: [apologise]}
    replies:
      - by: ann
        text: No apology?
  - replies:
      - by: ann
        private: true
        text: Thanks, here are my details.
rubric:
  - I apologised.
model:
  reply: I'm sorry, Ann. I've hidden your comment to protect your address and sent you a DM. –Sam
"""


def write(tmp_path: Path, text: str, name: str = "sample.yml") -> tuple[object, list[str]]:
    path = tmp_path / "sandbox" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Problems(tmp_path)
    thread = load_thread(path, problems)
    return thread, [str(p) for p in problems]


def change(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_valid_thread_loads_with_its_platform_limit(tmp_path: Path) -> None:
    thread, problems = write(tmp_path, VALID)
    assert problems == []
    assert thread.limit == 280 and thread.platform_name == "X"
    assert [c.kind for c in thread.checks] == ["match", "include", "hide"]
    assert thread.people["ann"].handle == "@ann"
    data = thread_json(thread)
    assert data["model"]["reply"].startswith("I'm sorry") and data["limit"] == 280
    assert data["follow_ups"][1]["replies"][0]["private"] is True


def test_explicit_limit_overrides_the_platform(tmp_path: Path) -> None:
    thread, problems = write(tmp_path, change("platform: x\n", "platform: x\nlimit: 120\n"))
    assert problems == [] and thread.limit == 120


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "platform: x\n",
            "platform: twitter\n",
            "sandbox/sample.yml:5: platform is \"twitter\", which is not allowed — use one of: x, bluesky",
        ),
        ("    include: [Sam]\n", "    incldue: [Sam]\n", 'sandbox/sample.yml:31: unknown field "incldue" (did you mean "include"?)'),
        ("  minutes: 30\n", "  minutes: soon\n", "sandbox/sample.yml:16: post.minutes must be a whole number"),
        ("id: sample\n", "id: other\n", 'sandbox/sample.yml:2: id "other" differs from the file name "sample.yml" — rename'),
        (
            "    include: [Sam]\n",
            "",
            'sandbox/sample.yml:29: check "name" has no kind — give it exactly one of: include, exclude, match',
        ),
        (
            "    include: [Sam]\n",
            "    include: [Sam]\n    min_length: 10\n",
            'sandbox/sample.yml:29: check "name" has several kinds: include, min_length — give it exactly one of',
        ),
        (
            '    match: "\\\\b(sorry|apologi[sz]e)"\n',
            '    match: "(sorry"\n',
            'sandbox/sample.yml:27: pattern "(sorry" is not a valid regular expression (missing ), unterminated '
            "subpattern) — fix the expression, or use include:/exclude: with plain phrases",
        ),
        (
            '    match: "\\\\b(sorry|apologi[sz]e)"\n',
            '    match: "(?P<word>sorry)"\n',
            'sandbox/sample.yml:27: pattern "(?P<word>sorry)" uses "(?P", which the browser reads differently from Python',
        ),
        ("  by: ann\n  minutes: 30\n", "  by: anne\n  minutes: 30\n", 'sandbox/sample.yml:15: "anne" is not one of the people (did you mean "ann"?) — use one of: ann, or add anne under people:'),
        ("    by: ann\n    minutes: 10\n", "    by: bob\n    minutes: 10\n", 'sandbox/sample.yml:21: "bob" is not one of the people'),
        ("      - by: ann\n        text: No apology?\n", "      - by: carl\n        text: No apology?\n", 'sandbox/sample.yml:40: "carl" is not one of the people'),
        ("  - id: name\n", "  - id: apologise\n", 'sandbox/sample.yml:29: check id "apologise" is already used on line 25 — give each check its own id'),
        ("    hide: address\n", "    hide: adress\n", 'sandbox/sample.yml:35: comment "adress" does not exist (did you mean "address"?)'),
        ("    hide: address\n", "    delete_unfinished: true\n", "sandbox/sample.yml:35: delete_unfinished needs a half-finished reply — add unfinished:"),
        ("    include: [Sam]\n", "    min_length: 400\n", "sandbox/sample.yml:31: min_length 400 is above the reply limit of 280 characters (x) — use at most 280, or set limit:"),
        ("  - when: {fails: [apologise]}\n", "  - when: {fails: [apology]}\n", 'sandbox/sample.yml:38: check "apology" does not exist (did you mean "apologise"?) — name one of the checks: apologise, name, hide-address'),
        ("  - when: {fails: [apologise]}\n    replies:\n", "  - replies:\n", "sandbox/sample.yml:38: this rule has no when: and always applies, so the rules after it never do — move it to the end"),
        ("  reply: I'm sorry, Ann.", "  reply: I'm sorry, Ann." + " Really." * 40, "sandbox/sample.yml:49: the model reply has 408 characters, above the limit of 280 — shorten it"),
        ("–Sam\n", "–Samantha\n", 'sandbox/sample.yml:49: the model reply fails its own check "name" (Signs) — rewrite the model reply, or the check'),
        ("  text: My Aura has been offline since yesterday.\n", "  text: My Aura: offline: since yesterday.\n", "sandbox/sample.yml:17: YAML syntax error"),
        ("rubric:\n  - I apologised.\n", "", 'sandbox/sample.yml:2: missing field "rubric" — add "rubric: …" (statements the learner ticks honestly after posting)'),
    ],
)
def test_each_mistake_names_file_line_and_fix(tmp_path: Path, old: str, new: str, expected: str) -> None:
    _, problems = write(tmp_path, change(old, new))
    assert any(p.startswith(expected) for p in problems), problems
    assert all(" — " in p for p in problems), "every problem says how to fix it"


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    text = change("    include: [Sam]\n", "    include: [Sam]\n    max_length: 100\n")
    text = text.replace("    hide: address\n", "    hide: nowhere\n").replace("      - by: ann\n        text: No", "      - by: zed\n        text: No")
    _, problems = write(tmp_path, text)
    assert [p.split(":")[1] for p in problems] == ["29", "36", "41"], problems


def test_phrases_match_whole_words_case_and_spacing_ignored() -> None:
    assert has_phrase("Thanks, SAM here", "sam")
    assert not has_phrase("Same here", "sam")
    assert has_phrase("Send us a\n  direct   message", "direct message")
    assert has_phrase("Email press@northwind.example today", "press@northwind.example")
    assert has_phrase("–Sam", "Sam")
    assert not has_phrase("anything", "")


def test_checks_and_the_first_matching_rule(tmp_path: Path) -> None:
    thread, _ = write(tmp_path, VALID)
    rude = Attempt("Fixed it. –Sam")
    assert evaluate(thread, rude) == {"apologise": False, "name": True, "hide-address": False}
    assert follow_up(thread, rude).replies[0].text == "No apology?"
    kind = Attempt("So sorry! –Sam", hidden=frozenset({"address"}))
    assert evaluate(thread, kind) == {"apologise": True, "name": True, "hide-address": True}
    assert follow_up(thread, kind).replies[0].private


def project_with_thread(tmp_path: Path, mini_project: Path, marker_in: str | None = "alpha") -> Path:
    (mini_project / "sandbox").mkdir()
    (mini_project / "sandbox" / "sample.yml").write_text(VALID, encoding="utf-8")
    if marker_in:
        module = mini_project / "curriculum" / "modules" / f"{marker_in}.md"
        module.write_text(module.read_text(encoding="utf-8") + "\n<!-- academy:thread sample -->\n", encoding="utf-8")
    return mini_project


def test_thread_and_module_reference_each_other(tmp_path: Path, mini_project: Path) -> None:
    project = load_project(project_with_thread(tmp_path, mini_project))
    assert [str(p) for p in project.problems] == []
    assert project.threads["sample"].module == "alpha"


def test_module_without_the_marker(tmp_path: Path, mini_project: Path) -> None:
    project = load_project(project_with_thread(tmp_path, mini_project, marker_in=None))
    assert [str(p) for p in project.problems] == [
        'sandbox/sample.yml:4: module "alpha" does not show this thread — add the line '
        "<!-- academy:thread sample --> to the lesson in curriculum/modules/alpha.md"
    ]


def test_marker_in_another_module(tmp_path: Path, mini_project: Path) -> None:
    project = load_project(project_with_thread(tmp_path, mini_project, marker_in="beta"))
    problems = [str(p) for p in project.problems]
    line = (mini_project / "curriculum/modules/beta.md").read_text(encoding="utf-8").count("\n")
    assert f'curriculum/modules/beta.md:{line}: practice thread "sample" belongs to module "alpha" — set module: beta in sandbox/sample.yml, or move this line there' in problems
    assert any(p.startswith("sandbox/sample.yml:4: module \"alpha\" does not show this thread") for p in problems)


def test_unknown_module_and_unknown_thread(tmp_path: Path, mini_project: Path) -> None:
    root = project_with_thread(tmp_path, mini_project, marker_in=None)
    thread = root / "sandbox" / "sample.yml"
    thread.write_text(VALID.replace("module: alpha", "module: alpah"), encoding="utf-8")
    module = root / "curriculum/modules/alpha.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n<!-- academy:thread smaple -->\n", encoding="utf-8")
    line = module.read_text(encoding="utf-8").count("\n")
    problems = [str(p) for p in load_project(root).problems]
    assert problems == [
        f'curriculum/modules/alpha.md:{line}: practice thread "smaple" does not exist — create sandbox/smaple.yml '
        '(academy new thread smaple --module alpha) or remove the line; did you mean "sample"?',
        'sandbox/sample.yml:4: module "alpah" does not exist — use an existing module id; did you mean "alpha"?',
    ]


def test_marker_placed_twice(tmp_path: Path, mini_project: Path) -> None:
    root = project_with_thread(tmp_path, mini_project)
    module = root / "curriculum/modules/alpha.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n<!-- academy:thread sample -->\n", encoding="utf-8")
    problems = [str(p) for p in load_project(root).problems]
    assert len(problems) == 1 and 'practice thread "sample" is placed twice — keep one line' in problems[0]


def test_this_academys_threads_are_valid_and_each_is_a_real_exercise() -> None:
    """This academy's own threads (any number, none after `academy init`): valid, and each one an
    exercise with rules, rubric, model reply and several kinds of checks."""
    project = load_project(ROOT)
    assert [str(p) for p in project.problems if p.path.startswith("sandbox/")] == []
    assert {project.modules[t.module].track for t in project.threads.values()} <= set(project.tracks)
    for thread in project.threads.values():
        assert thread.rules and thread.rubric and thread.model_reply, thread.id
        kinds = {c.kind for c in thread.checks}
        assert len(thread.checks) >= 4 and len(kinds) >= 2, thread.id


def test_scaffold_writes_a_valid_thread_and_places_it(tmp_path: Path, mini_project: Path) -> None:
    from academy.core.scaffold import ScaffoldError, new_thread

    written = new_thread(mini_project, "night-shift", "beta")
    assert [p.relative_to(mini_project).as_posix() for p in written] == ["sandbox/night-shift.yml", "curriculum/modules/beta.md"]
    project = load_project(mini_project)
    assert [str(p) for p in project.problems] == []
    assert project.threads["night-shift"].module == "beta"
    with pytest.raises(ScaffoldError, match="already exists"):
        new_thread(mini_project, "night-shift", "beta")
    with pytest.raises(ScaffoldError, match='module "gamma" does not exist'):
        new_thread(mini_project, "other", "gamma")
    with pytest.raises(ScaffoldError, match="not a valid id"):
        new_thread(mini_project, "Night Shift", "beta")
    shutil.rmtree(mini_project / "sandbox")

"""The strict build stops before writing for every kind of link, anchor and marker mistake, and the
core's list of the generated pages' anchors matches what the templates really build."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.core.site_checks import generated_anchors
from support.harness import ROOT, build, run


class _Ids(HTMLParser):
    """The ids of the headings inside the page's article (what a link's #anchor can target).

    A quiz is put into the page after MkDocs has checked its links, so its ids are left out.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.article = 0
        self.divs: list[bool] = []  # for each open <div> or <section>: is it a quiz?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.article += 1
        elif tag in {"div", "section"}:
            self.divs.append("academy-quiz" in (values.get("class") or "").split())
        elif self.article and not any(self.divs) and re.fullmatch(r"h[1-6]", tag) and values.get("id"):
            self.ids.add(values["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article -= 1
        elif tag in {"div", "section"} and self.divs:
            self.divs.pop()


def heading_ids(html: Path) -> set[str]:
    parser = _Ids()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser.ids


def test_generated_anchors_match_the_built_pages(site_dir: Path) -> None:
    project = load_project(ROOT)
    expected = generated_anchors(project)
    # Every generated page is listed: each module's and trainer page, each track's, whatever the academy.
    listed = {f"{kind}/{m}.md" for m in project.modules for kind in ("workshops", "trainers")}
    assert listed | {f"tracks/{t}.md" for t in project.tracks} <= set(expected), "every generated page is listed"
    for src, anchors in expected.items():
        page = site_dir / src.removesuffix(".md").removesuffix("index").strip("/") / "index.html"
        if src == "progress.md":
            page = site_dir / "progress/index.html"
        built = heading_ids(page)
        assert anchors == built, f"{src}: core says {sorted(anchors - built)} extra, misses {sorted(built - anchors)}"


CASES = {
    "absolute link in a module": (
        "curriculum/modules/alpha.md",
        "\nSee the [guide](/guidelines/principles/).\n",
        'absolute link "/guidelines/principles/"',
    ),
    "marker for a missing quiz in a guideline page": (
        "content/guidelines/principles.md",
        "\n<!-- academy:quiz no-such-quiz -->\n",
        'the quiz marker names quiz "no-such-quiz"',
    ),
    "missing anchor on a generated track page": (
        "curriculum/modules/alpha.md",
        "\nSee the [track](../tracks/basics.md#nope).\n",
        'anchor "#nope" does not exist in tracks/basics.md',
    ),
    "link to a missing page in a track summary": (
        "curriculum/tracks/basics.yml",
        None,
        'link to "nope.md" points to a page that does not exist',
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_strict_build_stops_before_writing_and_names_the_source(mini_project: Path, tmp_path: Path, case: str) -> None:
    path, added, message = CASES[case]
    site = tmp_path / "site"
    assert build(mini_project, site).returncode == 0
    good = (site / "index.html").read_text()
    source = mini_project / path
    text = source.read_text()
    if added is None:
        source.write_text(text.replace("summary: The basics", "summary: See [this](nope.md). The basics"))
        line = 3
    else:
        source.write_text(text + added)
        line = text.count("\n") + 2
    validate = run("academy", "validate", cwd=mini_project)
    assert validate.returncode == 1
    assert f"{path}:{line}: {message}" in validate.stdout
    result = build(mini_project, site)
    assert result.returncode == 1
    assert f"{path}:{line}: {message}" in result.stderr
    assert "nothing was written" in result.stderr
    assert "workshops/alpha.md" not in result.stderr, "reported at the source, not the generated page"
    assert (site / "index.html").read_text() == good


def test_a_page_that_is_not_utf8_stops_the_strict_build_and_is_left_out_of_a_preview(
    mini_project: Path, tmp_path: Path
) -> None:
    (mini_project / "content/guidelines/latin.md").write_bytes("# Café\n\nÀ bientôt.\n".encode("latin-1"))
    strict = build(mini_project, tmp_path / "strict")
    assert strict.returncode == 1
    assert "content/guidelines/latin.md:1: the file is not UTF-8 text" in strict.stderr
    assert "Traceback" not in strict.stderr and "UnicodeDecodeError" not in strict.stderr
    preview = build(mini_project, tmp_path / "preview", strict=False)
    assert preview.returncode == 0, preview.stderr
    assert "Traceback" not in preview.stderr
    assert (tmp_path / "preview/workshops/alpha/index.html").is_file()
    assert not (tmp_path / "preview/guidelines/latin/index.html").exists()


def test_links_in_a_quiz_work_on_the_page_that_shows_it(mini_project: Path, tmp_path: Path) -> None:
    """MkDocs never sees a quiz's Markdown: its `.md` links are resolved like the page's own."""
    import json

    quiz = mini_project / "quizzes/alpha.yml"
    text = quiz.read_text()
    text = text.replace(
        "prompt: What do you say first?", 'prompt: "What do you say first? See [the rule](../guidelines/principles.md#be-transparent)."'
    )
    text = text.replace("feedback: Not transparent.", 'feedback: "Not transparent: read [the guide](../guidelines/principles.md)."')
    quiz.write_text(text)
    assert run("academy", "validate", cwd=mini_project).returncode == 0
    site = tmp_path / "site"
    result = build(mini_project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "workshops/alpha/index.html").read_text()
    assert 'href="../../guidelines/principles/#be-transparent"' in page
    assert ".md#" not in page.split('class="academy-quiz"', 1)[1]
    key = json.loads((site / "assets/academy/quizzes/alpha.json").read_text())
    feedback = [o["feedback"] for q in key["questions"] for o in q.get("options", [])]
    assert any('href="../../guidelines/principles/"' in f for f in feedback), feedback

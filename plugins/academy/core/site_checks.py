"""Checks for what would otherwise fail only once the build has started writing the site.

MkDocs checks links and anchors while it renders the pages, after it has cleaned the site
folder, and it names the generated page (`workshops/ID.md`), not the file a trainer edits.
These checks run on the sources, before anything is written, and name the source file and line.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..i18n.languages import is_translation
from ..routes import ROUTES
from . import markdown, video
from .curriculum import CERTIFICATES, MODULES, TRACKS
from .problems import Problems
from .source import MarkdownSource, load_markdown
from .thread import THREAD_MARKER

if TYPE_CHECKING:
    from .project import Project

T = TypeVar("T")
#: `<!-- academy:quiz ID -->`, where a page shows a quiz (the quiz plugin's marker, in Markdown).
MARKER = re.compile(r"<!--\s*academy:quiz\s+(\S+?)\s*-->")
#: Ids that would replace a generated index page: the catalogue, the trainer hub, the learning paths.
RESERVED_IDS = {"index"}
#: A line that starts with a hashtag: Python-Markdown needs no space after `#`, so it becomes a heading.
HASHTAG_LINE = re.compile(r"^[\s>]*(#{1,6}[^\s#{][^\s]*)")


@dataclass(frozen=True)
class LinkSource:
    """Markdown that ends up on the page `src`, written in `path` from line `line` on."""

    src: str
    path: Path
    text: str
    line: int


def derived(project: Project, name: str, compute: Callable[[Project], T]) -> T:
    """`compute(project)`, once per project: several checks read the same derived tables, and
    on a large curriculum computing them again was a tenth of the checks' time. Only for a
    project whose loading is finished (the checks and the plugins read it, none changes it)."""
    if name not in project.derived:
        project.derived[name] = compute(project)
    return project.derived[name]  # type: ignore[return-value]


def generated_anchors(project: Project) -> dict[str, set[str]]:
    """The anchors of the pages the plugins generate, as the built-in templates write them (once
    per project: `derived`; callers do not change what they get)."""
    return derived(project, "generated_anchors", _generated_anchors)


def _generated_anchors(project: Project) -> dict[str, set[str]]:
    """The anchors of the pages the plugins generate, as the built-in templates write them.

    Kept in step with the templates by `tests/site/test_build_gate.py`, which compares them with
    the ids of the built pages. A page whose template the project overrides (in
    `site_config/templates/`, the curriculum plugin's default) is left out: its anchors are unknown
    here, so links to them are not checked rather than wrongly refused.
    """
    slug = markdown.slugify
    anchors: dict[str, set[str]] = {
        ROUTES.catalogue: {slug("Workshop catalogue")},
        ROUTES.tracks: {slug("Learning paths"), "prerequisite-map"},
        ROUTES.trainers: {slug("Trainer hub")},
        ROUTES.progress: {slug("My progress")} | set(project.tracks),
        ROUTES.verify: {slug("Verify a certificate"), slug("What is checked")},
        ROUTES.changes: {slug("What changed in the guidelines")}
        | {"v" + v.version.replace(".", "-") for v in project.changelog},
    }
    for track in project.tracks.values():
        found = {slug(track.title), "workshops"}
        if track.certificate and track.certificate in project.certificates:
            found.add("certificate")
        anchors[track.src] = found
    for module in project.modules.values():
        lesson = {h.anchor for h in markdown.headings(module.lesson)}
        points = {h.anchor for h in markdown.headings(module.key_points)}
        after_quiz = {"key-points"} | points if module.key_points else set()
        # A practice thread shown in the lesson (`<!-- academy:thread ID -->`) brings its heading.
        shown = [m.group(1) for m in THREAD_MARKER.finditer(module.lesson)]
        threads = {f"thread-{thread_id}-title" for thread_id in shown if thread_id in project.threads}
        anchors[module.src] = {slug(module.title), "quiz"} | lesson | after_quiz | threads
        notes = {h.anchor for h in markdown.headings(module.trainer_notes)}
        anchors[ROUTES.trainer(module.id)] = (
            {slug(f"Trainer edition: {module.title}"), "schedule", "objectives", "trainer-notes", "lesson"}
            | notes
            | lesson
            | after_quiz
            | threads
        )
    overrides = project.root / project.layout.templates
    if overrides.is_dir():
        for src in list(anchors):
            template = _template_of(project, src)
            if template and (overrides / template).is_file():
                del anchors[src]
    return anchors


def _template_of(project: Project, src: str) -> str | None:
    """The curriculum plugin's template of generated page `src` (None: not one of its templates)."""
    fixed = {
        ROUTES.catalogue: "catalogue.md.j2",
        ROUTES.tracks: "tracks.md.j2",
        ROUTES.trainers: "trainers.md.j2",
        ROUTES.progress: "progress.md.j2",
    }
    if src in fixed:
        return fixed[src]
    if src in {ROUTES.module(m) for m in project.modules}:
        return "module.md.j2"
    if src in {ROUTES.track(t) for t in project.tracks}:
        return "track.md.j2"
    if src in {ROUTES.trainer(m) for m in project.modules}:
        return "trainer.md.j2"
    return None


def absolute_link(target: str, src: str, known: set[str]) -> tuple[str, str] | None:
    """The problem with a link from the site's root (`/guidelines/listening/`), which MkDocs refuses
    in a strict build and which breaks when the site is served below a path; None for others."""
    if not target.startswith("/") or target.startswith("//"):
        return None
    path, _, anchor = target.partition("#")
    stem = path.strip("/")
    candidates = [stem] if stem.endswith(".md") else [f"{stem}.md", f"{stem}/index.md" if stem else "index.md"]
    dest = next((c for c in candidates if c in known), None)
    fix = "link relative to this page"
    if dest:
        relative = posixpath.relpath(dest, posixpath.dirname(src) or ".")
        fix += f": {relative}" + (f"#{anchor}" if anchor else "")
    else:
        fix += f" ({src}), to the page's .md file"
    return f'absolute link "{target}" (links from the site root break the strict build)', fix


def extra_link_sources(project: Project) -> list[LinkSource]:
    """Markdown outside the page bodies that MkDocs renders and checks: front matter fields shown as
    Markdown, and the bodies of modules whose front matter has mistakes (so those are not hidden)."""
    found: list[LinkSource] = []
    for module in project.modules.values():
        objectives = module.meta.get("objectives", [])
        for index, objective in enumerate(module.objectives):
            found.append(LinkSource(module.src, module.path, str(objective), objectives.line_of(index)))
    for track in project.tracks.values():
        found.append(LinkSource(track.src, track.path, track.summary, track.data.line_of("summary")))
        rule = project.certificates.get(track.certificate or "")
        if rule is not None:
            for key in ("description", "criteria"):
                found.append(LinkSource(track.src, rule.path, str(rule.data.get(key, "")), rule.data.line_of(key)))
    # Video transcripts are Markdown inside a fenced block, which the body's link scan skips.
    content = project.root / project.layout.content
    bodies = [(p.src, p.path, p.body, p.body_line) for p in project.pages.values()]
    bodies += [(m.src, m.path, m.body, m.body_line) for m in project.modules.values()]
    for src, path, body, first in bodies:
        if video.FENCE in body:
            for block in video.find(body, src, path, content, Problems(), first):
                found.append(LinkSource(src, path, block.transcript, block.line))
    for path, source in _unloaded_modules(project):
        found.append(LinkSource(ROUTES.module(path.stem), path, source.body, source.body_line))
    return found


def _unloaded_modules(project: Project) -> Iterator[tuple[Path, MarkdownSource]]:
    """Module files that did not load because of mistakes in their fields (reported already).
    Translations (`x.nl.md`) are not modules: the translation check reads their links."""
    folder = project.root / project.layout.curriculum / MODULES
    for path in sorted(folder.glob("*.md")):
        if path.stem not in project.modules and not is_translation(path):
            source = load_markdown(path, Problems(), require_front_matter=True)
            if source.readable:
                yield path, source


def check_site(project: Project) -> None:
    """Every check of this module that is not part of the link check."""
    _check_markers(project)
    _check_quiz_links(project)
    _check_unused_quizzes(project)
    _check_stray_files(project)
    _check_reserved_ids(project)
    _check_hashtag_lines(project)


def markers(text: str, first_line: int = 1) -> Iterator[tuple[str, int]]:
    """Quiz ids of the markers outside fenced code, with their lines."""
    for index, line in markdown.code_free_lines(text):
        for match in MARKER.finditer(line):
            yield match.group(1), first_line + index


@dataclass(frozen=True)
class QuizHost:
    """A page that shows a quiz: through a module's `quiz:` field, or a marker written in a page."""

    src: str
    path: Path
    line: int
    marker: bool


def quiz_hosts(project: Project) -> dict[str, list[QuizHost]]:
    """For each quiz id, the pages that show it (once per project: `derived`)."""
    return derived(project, "quiz_hosts", _quiz_hosts)


def _quiz_hosts(project: Project) -> dict[str, list[QuizHost]]:
    hosts: dict[str, list[QuizHost]] = {}
    for module in project.modules.values():
        hosts.setdefault(module.quiz, []).append(QuizHost(module.src, module.path, module.line_of("quiz"), False))
        for quiz_id, line in markers(module.body, module.body_line):
            hosts.setdefault(quiz_id, []).append(QuizHost(module.src, module.path, line, True))
    for page in project.pages.values():
        for quiz_id, line in markers(page.body, page.body_line):
            hosts.setdefault(quiz_id, []).append(QuizHost(page.src, page.path, line, True))
    for path, source in _unloaded_modules(project):
        quiz = source.meta.get("quiz")
        if isinstance(quiz, str):  # its quiz is not unused: the module will be back once fixed
            src = ROUTES.module(path.stem)
            hosts.setdefault(quiz, []).append(QuizHost(src, path, source.meta.line_of("quiz"), False))
    return hosts


def _check_markers(project: Project) -> None:
    for quiz_id, places in quiz_hosts(project).items():
        if quiz_id in project.quizzes or quiz_id in project.unreadable:
            continue
        for host in places:
            if not host.marker:
                continue  # a module's own `quiz:` field, reported by the reference check
            project.problems.add(
                host.path,
                host.line,
                f'the quiz marker names quiz "{quiz_id}", which does not exist',
                f"create quizzes/{quiz_id}.yml or fix the id in <!-- academy:quiz ID -->",
            )


def _quiz_texts(project: Project, quiz_id: str) -> Iterator[tuple[str, int]]:
    """Each Markdown text of a quiz with its line: what the quiz shows on its page."""
    quiz = project.quizzes[quiz_id]
    for question in quiz.questions:
        yield question.prompt, question.line
        yield question.explanation, question.line
        for option in question.options:
            yield option.text, option.line
            yield option.feedback, option.line
        if question.feedback:
            yield question.feedback.correct, question.line
            yield question.feedback.incorrect, question.line
        if question.post:
            yield question.post.text, question.line
            yield question.post.context or "", question.line
        for item in question.items:
            yield item, question.line
        for pair in question.pairs:
            yield pair.left, pair.line
            yield pair.right, pair.line


def _check_quiz_links(project: Project) -> None:
    """Links in a quiz resolve from each page that shows it; MkDocs never sees them, so only here."""
    known = set(project.pages) | project.generated_pages
    anchors = {src: page.anchors for src, page in project.pages.items()} | generated_anchors(project)
    content = project.root / project.layout.content
    hosts = quiz_hosts(project)
    for quiz_id, quiz in project.quizzes.items():
        pages = sorted({host.src for host in hosts.get(quiz_id, [])})
        for text, line in _quiz_texts(project, quiz_id):
            for link in markdown.links(text, line):
                for src in pages:
                    problem = link_problem(link.target, src, known, anchors, content)
                    if problem:
                        project.problems.add(quiz.path, line, problem[0] + f" (the quiz is shown on {src})", problem[1])
                        break


def link_problem(
    target: str, src: str, known: set[str], anchors: dict[str, set[str]], content: Path
) -> tuple[str, str] | None:
    """What is wrong with a link on the page `src`, as (message, fix); None when it resolves."""
    if not target or "://" in target or target.startswith(("mailto:", "tel:", "data:", "//")):
        return None
    absolute = absolute_link(target, src, known)
    if absolute:
        return absolute
    file_part, _, anchor = target.partition("#")
    dest = posixpath.normpath(posixpath.join(posixpath.dirname(src), file_part)) if file_part else src
    if file_part and not file_part.endswith(".md"):
        if not (content / dest).exists():
            return f'link target "{target}" does not exist', "link to a Markdown file (…/page.md) or a file in content/"
        return None
    if dest not in known:
        return f'link to "{target}" points to a page that does not exist', f"fix the path; links are relative to {src}"
    if anchor and dest in anchors and anchor not in anchors[dest]:
        return f'anchor "#{anchor}" does not exist in {dest}', "use one of the page's headings"
    return None


def _check_unused_quizzes(project: Project) -> None:
    used = set(quiz_hosts(project))
    for quiz_id, quiz in project.quizzes.items():
        if quiz_id not in used:
            project.problems.add(
                quiz.path,
                quiz.line,
                f'quiz "{quiz_id}" is not used by any module or page, but its answer key would still be published',
                f"set quiz: {quiz_id} in a module, add <!-- academy:quiz {quiz_id} --> to a page, or delete the file",
            )


def _check_stray_files(project: Project) -> None:
    """Files the loaders would skip without a word: in a subfolder, or with another extension."""
    curriculum = project.root / project.layout.curriculum
    modules = curriculum / MODULES
    if modules.is_dir():
        for path in sorted(modules.rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            top = path.parent == modules
            if top and path.suffix == ".md":
                continue
            if path.suffix.lower() in {".markdown", ".mdown", ".mkd", ".md", ".txt"}:
                where = "is in a subfolder" if not top else f"ends in {path.suffix}"
                project.problems.add(
                    path,
                    1,
                    f"this module file {where}, so it is not part of the curriculum",
                    f"move it to {project.layout.curriculum}/{MODULES}/{path.stem}.md",
                )
    for folder, what in (
        (curriculum / TRACKS, "track"),
        (curriculum / CERTIFICATES, "certificate rule"),
        (project.root / project.layout.quizzes, "quiz"),
    ):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".yml", ".yaml"} and path.parent != folder:
                project.problems.add(
                    path,
                    1,
                    f"this {what} file is in a subfolder, so it is ignored",
                    f"move it to {project.problems.display(folder)}/{path.name}",
                )


def _check_reserved_ids(project: Project) -> None:
    for module in project.modules.values():
        if module.id in RESERVED_IDS:
            project.problems.add(
                module.path,
                module.line_of("id"),
                f'module id "{module.id}" is reserved: its page would replace the workshop catalogue and the '
                "trainer hub",
                "choose another id and rename the file to match",
            )
    for track in project.tracks.values():
        if track.id in RESERVED_IDS:
            project.problems.add(
                track.path,
                track.data.line_of("id"),
                f'track id "{track.id}" is reserved: its page would replace the learning paths page',
                "choose another id and rename the file to match",
            )


def _hashtag_problem(project: Project, path: Path, line: int, tag: str) -> None:
    project.problems.add(
        path,
        line,
        f'the line starts with "{tag}", which Markdown shows as a heading, not as a hashtag',
        f"put a backslash before it (\\{tag}) or start the line with another word",
    )


def _check_hashtag_lines(project: Project) -> None:
    """Hashtags at the start of a line turn into headings in the middle of a lesson (the quiz
    renderer escapes them itself: in a quiz, such a line is always a hashtag)."""
    bodies = [(p.path, p.body, p.body_line) for p in project.pages.values()]
    bodies += [(m.path, m.body, m.body_line) for m in project.modules.values()]
    for path, body, first in bodies:
        for index, line in markdown.code_free_lines(body):
            match = HASHTAG_LINE.match(line)
            if match:
                _hashtag_problem(project, path, first + index, match.group(1))

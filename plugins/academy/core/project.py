"""The whole project, read once and validated once, for the CLI and the plugins alike."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar
from urllib.parse import unquote

from .. import routes
from ..i18n.languages import is_translation
from . import markdown, video
from .adoption_checks import check_adoption, section_hint, suggest_page
from .curriculum import (
    CERTIFICATES,
    MODULES,
    TRACKS,
    CertificateRule,
    Module,
    Track,
    load_certificate,
    load_module,
    load_track,
)
from .exam import EXAMS, Bank, Exam, build_exams, load_banks
from .guidelines import ContentPage, Section, Version, load_changelog, load_content
from .intranet import check_intranet
from .itemcheck import check_items
from .layout import Layout, read_layout
from .placeholders import check_placeholders
from .problems import Problems, closest
from .quiz import Quiz, load_quiz
from .rules import check_rules
from .site import SiteConfig, load_site
from .site_checks import absolute_link, check_site, extra_link_sources, generated_anchors
from .source import load_markdown
from .thread import THREAD_MARKER, Thread, load_thread

if TYPE_CHECKING:  # academy.i18n reads the project: imported where it is used, to avoid a cycle
    from ..i18n.translations import Translation


@dataclass
class Project:
    root: Path
    layout: Layout
    problems: Problems
    site: SiteConfig | None
    pages: dict[str, ContentPage] = field(default_factory=dict)
    changelog: list[Version] = field(default_factory=list)
    modules: dict[str, Module] = field(default_factory=dict)
    tracks: dict[str, Track] = field(default_factory=dict)
    certificates: dict[str, CertificateRule] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    #: Exam question banks by module id (`curriculum/exams/`): key material, never published as is.
    banks: dict[str, Bank] = field(default_factory=dict)
    #: Certification assessments by certificate id: one per rule with an `exam` block.
    exams: dict[str, Exam] = field(default_factory=dict)
    threads: dict[str, Thread] = field(default_factory=dict)
    #: Ids of files that exist but could not be read; references to them are not reported again.
    unreadable: set[str] = field(default_factory=set)
    #: What the checks derive from the whole project (`site_checks.derived`), computed once; a
    #: copy (`dataclasses.replace`, as a language's localized project is made) starts empty.
    derived: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def sections(self) -> dict[str, Section]:
        """Every citable guideline section by `PAGE#anchor`."""
        return {s.ref: s for page in self.pages.values() for s in page.sections}

    def guideline(self, ref: str) -> ContentPage | None:
        """The guideline page of a `PAGE` or `PAGE#anchor` reference."""
        return self.pages.get(routes.ROUTES.guideline(ref.partition("#")[0]))

    def taught_by(self) -> dict[str, list[Module]]:
        """Modules per cited guideline section, in track order."""
        index: dict[str, list[Module]] = {}
        for module in self.ordered_modules():
            for ref in module.teaches:
                index.setdefault(ref, []).append(module)
        return index

    def ordered_modules(self) -> list[Module]:
        """Modules in track order, then any module no track lists."""
        ordered: dict[str, Module] = {}
        for track in self.tracks.values():
            for module_id in track.modules:
                if module_id in self.modules:
                    ordered.setdefault(module_id, self.modules[module_id])
        for module in self.modules.values():
            ordered.setdefault(module.id, module)
        return list(ordered.values())

    def track_of(self, module: Module) -> Track | None:
        return self.tracks.get(module.track)

    @property
    def generated_pages(self) -> set[str]:
        """Pages the plugins add to the site, as `src_uri`s a Markdown link may target."""
        return routes.ROUTES.generated_pages(self.modules, self.tracks, self.certificates)


def load_project(
    root: Path, layout: Layout | None = None, progress: Callable[[int, int], None] | None = None
) -> Project:
    """Read every source below `root` and check it; problems end up in `project.problems`.

    `layout` is where the sources are (default: what `root`'s mkdocs.yml configures, as the build reads it).
    `progress(done, total)` is told after each module, track, certificate, quiz and thread file read.
    """
    root = root.resolve()
    layout = layout or read_layout(root)
    problems = Problems(root)
    project = Project(root, layout, problems, load_site(root, problems, layout))
    content = root / layout.content
    curriculum = root / layout.curriculum
    if not content.is_dir():
        problems.add(content, 1, f"the folder {layout.content}/ is missing", "create it with at least an index.md")
    else:
        project.pages = load_content(content, problems)
        project.changelog = load_changelog(content, problems)

    sources = [
        sorted(p for p in (curriculum / MODULES).glob("*.md") if not is_translation(p)),
        _yaml_files(curriculum / TRACKS),
        _yaml_files(curriculum / CERTIFICATES),
        _yaml_files(root / layout.quizzes),
        _yaml_files(root / layout.sandbox),
    ]
    total, done = sum(map(len, sources)), 0

    def read(loader: Callable[[Path, Problems], T | None], paths: list[Path]) -> list[T | None]:
        nonlocal done
        items: list[T | None] = []
        for path in paths:
            items.append(loader(path, problems))
            done += 1
            if progress:
                progress(done, total)
        project.unreadable |= {path.stem for path, item in zip(paths, items, strict=True) if item is None}
        return items

    project.modules = _by_id(read(load_module, sources[0]), problems, "module")
    tracks = read(load_track, sources[1])
    tracks.sort(key=lambda t: (t.order, t.title) if t else (0, ""))
    project.tracks = _by_id(tracks, problems, "track")
    project.certificates = _by_id(
        read(load_certificate, sources[2]), problems, "certificate"
    )
    project.quizzes = _by_id(read(load_quiz, sources[3]), problems, "quiz")
    project.banks, bad_banks = load_banks(curriculum / EXAMS, problems)
    project.exams = build_exams(
        project.certificates, project.banks, project.modules, problems, project.unreadable | bad_banks
    )
    project.threads = _by_id(read(load_thread, sources[4]), problems, "thread")
    _check_references(project)
    _check_threads(project)
    _check_prerequisite_cycles(project)
    _check_links(project)
    _check_videos(project)
    check_site(project)
    check_items(project)
    check_rules(project)  # content-quality rules, thresholds in site.yml `checks:`
    check_adoption(project)  # what adopting the academy breaks: nav, rules, issuer url
    check_intranet(project)  # intranet: true — no request outside the site's address
    check_placeholders(project)  # placeholder exam questions: warnings here, errors in validate and issue
    _check_translations(project)
    return project


def _check_translations(project: Project) -> None:
    """Translations (`x.nl.md` beside `x.md`): languages, headers, currency, quiz structure, strings."""
    from ..i18n import translations

    layout = project.layout
    kinds = translations.kinds(layout.content, layout.curriculum, layout.quizzes)
    site_file = project.root / layout.site_config / "site.yml"
    found = translations.check_translations(project.root, site_file, project.problems, kinds)
    _check_translation_links(project, found)


def _check_translation_links(project: Project, found: list[Translation]) -> None:
    """The links inside translated pages and modules, at the translation's own lines.

    A translation is shown at its source's address, so its links are relative to the source's
    page; an anchor must exist in the target as that language's site shows it (its translation,
    where there is one, else the source), since translators may reword headings without ids.
    """
    known = set(project.pages) | project.generated_pages
    base = {src: page.anchors for src, page in project.pages.items()} | generated_anchors(project)
    content = project.root / project.layout.content
    modules = {m.path.resolve(): m for m in project.modules.values()}
    by_language: dict[str, list[tuple[str, Path, str, int]]] = {}
    translated: dict[str, dict[str, set[str]]] = {}
    for t in found:
        if t.current_sha is None or t.kind not in {"page", "module"}:
            continue
        if t.kind == "page":
            src = t.source.relative_to(content).as_posix()
            if src not in project.pages:
                continue
        elif t.source.resolve() in modules:
            src = modules[t.source.resolve()].src
        else:
            continue
        text = load_markdown(t.path, Problems(project.root))  # the file's own problems: reported elsewhere
        by_language.setdefault(t.language, []).append((src, t.path, text.body, text.body_line))
        heads = markdown.headings(text.body, text.body_line)
        translated.setdefault(t.language, {})[src] = {h.anchor for h in heads}
    for language, sources in by_language.items():
        anchors = base | translated.get(language, {})
        _check_body_links(project, sources, known, anchors)


def _yaml_files(folder: Path) -> list[Path]:
    """The YAML sources of a folder; translations beside them (`x.nl.yml`) are read by academy.i18n."""
    return sorted(p for p in [*folder.glob("*.yml"), *folder.glob("*.yaml")] if not is_translation(p))


class _Identified(Protocol):
    """What `_by_id` needs of a module, track, certificate, quiz or thread."""

    @property
    def id(self) -> str: ...

    @property
    def path(self) -> Path: ...


T = TypeVar("T")
Item = TypeVar("Item", bound=_Identified)


def _by_id(items: Sequence[Item | None], problems: Problems, kind: str) -> dict[str, Item]:
    found: dict[str, Item] = {}
    for item in items:
        if item is None:
            continue
        if item.id in found:
            problems.add(
                item.path,
                1,
                f'{kind} id "{item.id}" is already used by {problems.display(found[item.id].path)}',
                f"give each {kind} its own id",
            )
            continue
        found[item.id] = item
    return found


def _check_references(project: Project) -> None:
    problems, sections = project.problems, project.sections
    listed: dict[str, list[Track]] = {}
    for track in project.tracks.values():
        for index, module_id in enumerate(track.modules):
            listed.setdefault(module_id, []).append(track)
            if module_id not in project.modules and module_id not in project.unreadable:
                problems.add(
                    track.path,
                    track.data["modules"].line_of(index),
                    f'module "{module_id}" does not exist',
                    f"create curriculum/modules/{module_id}.md (academy new module {module_id} --track {track.id})"
                    f" or remove it from the list{_suggest(module_id, project.modules)}",
                )
        if track.certificate and track.certificate not in project.certificates | dict.fromkeys(project.unreadable):
            problems.add(
                track.path,
                track.data.line_of("certificate"),
                f'certificate "{track.certificate}" does not exist',
                f"create curriculum/certificates/{track.certificate}.yml"
                + _suggest(track.certificate, project.certificates),
            )
    for module in project.modules.values():
        # An unreadable track file has its own problem reported already.
        track_known = module.track not in project.unreadable
        if track_known and module.track not in project.tracks:
            problems.add(
                module.path,
                module.line_of("track"),
                f'track "{module.track}" does not exist',
                f"use one of: {', '.join(sorted(project.tracks)) or '(no tracks yet)'}",
            )
        elif track_known and module.id not in project.tracks[module.track].modules:
            problems.add(
                module.path,
                module.line_of("track"),
                f'track "{module.track}" does not list this module',
                f"add - {module.id} to modules: in {problems.display(project.tracks[module.track].path)}",
            )
        for track in listed.get(module.id, []):
            if track.id != module.track:
                problems.add(
                    track.path,
                    track.data.line_of("modules"),
                    f'module "{module.id}" belongs to track "{module.track}"',
                    f"remove it here or set track: {track.id} in {problems.display(module.path)}",
                )
        for index, prereq in enumerate(module.prerequisites):
            line = module.meta["prerequisites"].line_of(index)
            if prereq == module.id:
                problems.add(module.path, line, "the module lists itself as a prerequisite", "remove it")
            elif prereq not in project.modules and prereq not in project.unreadable:
                problems.add(
                    module.path,
                    line,
                    f'prerequisite "{prereq}" is not a module',
                    f"use an existing module id{_suggest(prereq, project.modules)}",
                )
        for index, ref in enumerate(module.teaches):
            if ref not in sections:
                problems.add(
                    module.path,
                    module.meta["teaches"].line_of(index),
                    f'guideline section "{ref}" does not exist',
                    f"cite a section as PAGE#anchor{_suggest_section(ref, sections)}",
                )
        if module.quiz not in project.quizzes and module.quiz not in project.unreadable:
            problems.add(
                module.path,
                module.line_of("quiz"),
                f'quiz "{module.quiz}" does not exist',
                f"create quizzes/{module.quiz}.yml{_suggest(module.quiz, project.quizzes)}",
            )
    for rule in project.certificates.values():
        for index, module_id in enumerate(rule.modules):
            if module_id not in project.modules and module_id not in project.unreadable:
                problems.add(
                    rule.path,
                    rule.data["modules"].line_of(index),
                    f'module "{module_id}" does not exist',
                    f"use an existing module id{_suggest(module_id, project.modules)}",
                )
    for version in project.changelog:
        for change in version.changes:
            ref = change.section
            if ("#" in ref and ref not in sections) or project.guideline(ref) is None:
                problems.add(
                    project.root / project.layout.content / "guidelines" / "changelog.yml",
                    change.line,
                    f'section "{ref}" does not exist',
                    f"name a guideline page or PAGE#anchor{_suggest_section(ref, sections)}",
                )


def _check_threads(project: Project) -> None:
    """Both ends of a practice thread: its `module:` exists, and that module's lesson holds its marker."""
    problems, modules = project.problems, project.modules
    placed: dict[str, str] = {}
    for module in modules.values():
        for offset, text in enumerate(module.body.splitlines()):
            for match in THREAD_MARKER.finditer(text):
                thread_id, line = match.group(1), module.body_line + offset
                thread = project.threads.get(thread_id)
                if thread is None:
                    if thread_id not in project.unreadable:
                        problems.add(
                            module.path,
                            line,
                            f'practice thread "{thread_id}" does not exist',
                            f"create sandbox/{thread_id}.yml (academy new thread {thread_id} --module {module.id})"
                            f" or remove the line{_suggest(thread_id, project.threads)}",
                        )
                elif thread.module != module.id:
                    problems.add(
                        module.path,
                        line,
                        f'practice thread "{thread_id}" belongs to module "{thread.module}"',
                        f"set module: {module.id} in {problems.display(thread.path)}, or move this line there",
                    )
                elif thread_id in placed:
                    problems.add(module.path, line, f'practice thread "{thread_id}" is placed twice', "keep one line")
                else:
                    placed[thread_id] = module.id
    for thread in project.threads.values():
        line = thread.data.line_of("module")
        if thread.module not in modules:
            if thread.module not in project.unreadable:
                problems.add(
                    thread.path,
                    line,
                    f'module "{thread.module}" does not exist',
                    f"use an existing module id{_suggest(thread.module, modules)}",
                )
        elif thread.id not in placed:
            problems.add(
                thread.path,
                line,
                f'module "{thread.module}" does not show this thread',
                f"add the line <!-- academy:thread {thread.id} --> to the lesson in "
                f"{problems.display(modules[thread.module].path)}",
            )


def _suggest_section(ref: str, sections: dict[str, Section]) -> str:
    """A likely intended `PAGE#anchor`: the closest anchor on the same page, or the closest page."""
    return section_hint(ref, sections)  # lists the sections that exist (adoption_checks)


def _suggest(word: str, choices: object) -> str:
    match = closest(word, choices)  # type: ignore[arg-type]
    return f'; did you mean "{match}"?' if match else ""


def _check_prerequisite_cycles(project: Project) -> None:
    """Report each cycle once, as the chain a trainer can follow through the files."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()
    # An explicit stack, not recursion: a chain of 1,000 modules is deeper than Python's limit.
    for start in project.modules:
        if start in state:
            continue
        state[start] = 1
        path = [start]
        pending = [iter(project.modules[start].prerequisites)]
        while pending:
            for prereq in pending[-1]:
                if prereq not in project.modules:
                    continue
                if state.get(prereq) == 1:
                    cycle = path[path.index(prereq) :] + [prereq]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        first = project.modules[cycle[0]]
                        project.problems.add(
                            first.path,
                            first.line_of("prerequisites"),
                            "prerequisite cycle: " + " → ".join(cycle),
                            "remove one of these prerequisites so the modules can be taken in some order",
                        )
                elif prereq not in state:
                    state[prereq] = 1
                    path.append(prereq)
                    pending.append(iter(project.modules[prereq].prerequisites))
                    break
            else:
                state[path.pop()] = 2
                pending.pop()


def _check_videos(project: Project) -> None:
    """Every ```video block names existing files, captions and a transcript (`core/video.py`)."""
    content = project.root / project.layout.content
    sources = [(p.src, p.path, p.body, p.body_line) for p in project.pages.values()]
    sources += [(m.src, m.path, m.body, m.body_line) for m in project.modules.values()]
    for src, path, body, first in sources:
        if video.FENCE in body:
            video.find(body, src, path, content, project.problems, first)


def _check_links(project: Project) -> None:
    known = set(project.pages) | project.generated_pages
    anchors = {src: page.anchors for src, page in project.pages.items()} | generated_anchors(project)
    sources = [(p.src, p.path, p.body, p.body_line) for p in project.pages.values()]
    sources += [(m.src, m.path, m.body, m.body_line) for m in project.modules.values()]
    sources += [(s.src, s.path, s.text, s.line) for s in extra_link_sources(project)]
    _check_body_links(project, sources, known, anchors)


def _check_body_links(
    project: Project,
    sources: list[tuple[str, Path, str, int]],
    known: set[str],
    anchors: dict[str, set[str]],
) -> None:
    """The links of each `(src, file, body, first line)`: `src` is the page the body is shown as
    (links are relative to it), `file` the file whose lines a problem names."""
    content = project.root / project.layout.content
    for src, path, body, first in sources:
        for link in markdown.links(body, first):
            if link.image and not link.text.strip():
                project.problems.add(
                    path,
                    link.line,
                    f'image "{link.target}" has no alt text',
                    "describe the image between the brackets: ![what it shows](…)",
                )
            target = link.target
            absolute = absolute_link(target, src, known)
            if absolute:
                project.problems.add(path, link.line, *absolute)
                continue
            if not target or "://" in target or target.startswith(("mailto:", "tel:", "/", "data:")):
                continue
            file_part, _, anchor = target.partition("#")
            dest = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(file_part))) if file_part else src
            if file_part and not file_part.endswith(".md"):
                if not (content / dest).exists():
                    project.problems.add(
                        path,
                        link.line,
                        f'link target "{target}" does not exist',
                        "link to a Markdown file (…/page.md) or a file inside content/",
                    )
                continue
            if dest not in known:
                project.problems.add(
                    path,
                    link.line,
                    f'link to "{target}" points to a page that does not exist',
                    f"fix the path; links are relative to this page ({src}){suggest_page(dest, src, project)}",
                )
            elif anchor and dest in anchors and anchor not in anchors[dest]:
                project.problems.add(
                    path,
                    link.line,
                    f'anchor "#{anchor}" does not exist in {dest}',
                    f"use one of the page's headings{_suggest(anchor, anchors[dest])}",
                )

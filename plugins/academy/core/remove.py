"""`academy remove module ID`: take a module out of the curriculum and everything that refers to it.

What refers to a module id, and what happens to it:

* its files: the module (and its translations `ID.LANG.md`), its practice quiz (unless another
  module or a page uses that quiz), its exam bank, its practice threads: deleted;
* tracks and certificate rules that list it: the line is removed; an exam whose pool gets too
  small for its `draw:` gets the largest draw the rest of the pool allows (and a note says so);
* other modules' `prerequisites:`: the id is removed;
* links to its pages (`workshops/ID.md`, `trainers/ID.md`) in the guide, the other modules and
  the tracks' and rules' texts: the link is replaced by its text; `nav:` lines naming those pages
  are removed.

Refused, with nothing changed, when the result cannot be valid: a track or a certificate rule
left with no module (the trainer decides whether to add another or delete it), or any new problem
that `academy validate` would report afterwards (the files are put back as they were).
YAML is edited line by line (`yaml_lines`), so comments and order stay.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from academy.errors import AcademyError

from .adoption_checks import nav_entries
from .layout import MKDOCS_FILE, Layout
from .problems import closest
from .project import Project, load_project
from .site_checks import MARKER as QUIZ_MARKER
from .yaml_lines import EditError, append_item, front_matter_end, list_items, remove_item, set_scalar

#: An inline Markdown link or image: [text](target "title").
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
#: A link reference definition on its own line: [label]: target "title".
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<target>\S+)[^\n]*\n?", re.M)
#: A reference-style link: [text][label], [label][] or [label].
_REFERENCE = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\](?:\[(?P<label>[^\]\n]*)\])?(?![(:])")


class RemoveError(AcademyError):
    """Why nothing was removed: one line per reason (`path:line: what — how to fix it`)."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


@dataclass
class Removal:
    """What removing a module does: files changed (with why), files deleted, and notes."""

    module: str
    #: New text per changed file.
    changed: dict[Path, str] = field(default_factory=dict)
    #: Why each changed file changes, in the trainer's words.
    why: dict[Path, list[str]] = field(default_factory=dict)
    deleted: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def edit(self, path: Path, text: str, reason: str) -> None:
        self.changed[path] = text
        self.why.setdefault(path, []).append(reason)

    def text(self, path: Path) -> str:
        """The file's text as this removal leaves it so far."""
        changed = self.changed.get(path)
        return changed if changed is not None else path.read_text(encoding="utf-8")


def plan_removal(root: Path, module_id: str, layout: Layout | None = None, project: Project | None = None) -> Removal:
    """What removing `module_id` changes and deletes; RemoveError when the result cannot be valid.

    `project` is the project as read from `root` already (read again when not given).
    """
    layout = layout or Layout()
    project = project or load_project(root, layout)
    root = project.root
    module = project.modules.get(module_id)
    if module is None:
        hint = closest(module_id, sorted(project.modules))
        known = f'did you mean "{hint}"?' if hint else "use one of: " + (", ".join(sorted(project.modules)) or "none")
        raise RemoveError([f'module "{module_id}" does not exist — {known}'])
    removal = Removal(module_id)
    show = project.problems.display
    refusals: list[str] = []
    for track in project.tracks.values():
        if module_id not in track.modules:
            continue
        if len(track.modules) == 1:
            refusals.append(
                f'{show(track.path)}:{track.data.line_of("modules")}: track "{track.id}" would have no module left — '
                f"add another first (academy new module ID --track {track.id}), or delete the track: remove "
                f"{show(track.path)} (and its certificate rule) by hand"
            )
            continue
        text = _remove(removal.text(track.path), "modules", module_id)
        removal.edit(track.path, text, f"removed {module_id} from modules:")
    for rule in project.certificates.values():
        if module_id not in rule.modules:
            continue
        if len(rule.modules) == 1:
            refusals.append(
                f'{show(rule.path)}:{rule.data.line_of("modules")}: certificate rule "{rule.id}" covers only '
                f'"{module_id}" — add another module to its modules: first, or delete {show(rule.path)} '
                "(and certificate: in its track) by hand"
            )
            continue
        text = _remove(removal.text(rule.path), "modules", module_id)
        reason = f"removed {module_id} from modules:"
        if rule.exam is not None:
            pool = sum(len(project.banks[m].questions) for m in rule.modules if m != module_id and m in project.banks)
            if pool < 2 * rule.exam.draw:
                draw = pool // 2
                if draw < 1:
                    refusals.append(
                        f"{show(rule.path)}:{rule.exam.draw_line}: the exam of \"{rule.id}\" would have {pool} "
                        "question(s) left, too few to draw from — write more questions in the other modules' banks "
                        "first"
                    )
                    continue
                text = set_scalar(text, "draw", str(draw), indent=_child_indent(text, "exam"))
                reason += f"; exam draw: {rule.exam.draw} → {draw}"
                removal.notes.append(
                    f'the exam of "{rule.id}" now draws {draw} questions instead of {rule.exam.draw}: without '
                    f"{module_id} its pool has {pool} (a draw needs twice as many) — write more questions to raise "
                    f"it again, and check the criteria text of {show(rule.path)}"
                )
        removal.edit(rule.path, text, reason)
    if refusals:
        raise RemoveError(refusals)
    for other in project.modules.values():
        if other.id == module_id or module_id not in other.prerequisites:
            continue
        # The chain stays: A → B → C without B is A → C (its prerequisites take its place).
        text = removal.text(other.path)
        text = remove_item(text, "prerequisites", module_id, 1, front_matter_end(text))
        inherited = [p for p in module.prerequisites if p not in other.prerequisites and p != other.id]
        for prereq in inherited:
            text = append_item(text, "prerequisites", prereq, 1, front_matter_end(text))
        reason = f"removed {module_id} from prerequisites:"
        removal.edit(other.path, text, reason + (f" (its own prerequisites take its place: {', '.join(inherited)})"
                                                 if inherited else ""))
    _unlink(project, removal, module_id)
    _nav(project, removal, module_id)
    _deletions(project, removal, module_id)
    return removal


def _remove(text: str, key: str, item: str) -> str:
    try:
        if item not in list_items(text, key):
            raise EditError(f"{item} is not on a line of its own under {key}:")
        return remove_item(text, key, item)
    except EditError as error:
        raise RemoveError([f"{error} — remove {item} from {key}: by hand, then run academy remove again"]) from error


def _child_indent(text: str, key: str) -> str:
    """The indent of the first child line of the top-level mapping `key`."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            for child in lines[index + 1 :]:
                if child.strip() and not child.lstrip().startswith("#"):
                    return child[: len(child) - len(child.lstrip())]
    return "  "


def _unlink(project: Project, removal: Removal, module_id: str) -> None:
    """Links to the module's pages become their text, in every page, module and track or rule file."""
    gone = {f"workshops/{module_id}.md", f"trainers/{module_id}.md"}
    sources: list[tuple[Path, str]] = [(p.path, p.src) for p in project.pages.values()]
    sources += [(m.path, m.src) for m in project.modules.values() if m.id != module_id]
    sources += [(t.path, t.src) for t in project.tracks.values()]
    sources += [(r.path, "certificates/index.md") for r in project.certificates.values()]
    for path, src in sources:
        text = removal.text(path)
        new = _LINK.sub(functools.partial(_plain, src=src, gone=gone), text)
        new = _unlink_references(new, src, gone)
        if new != text:
            lines = [n for n, (a, b) in enumerate(zip(text.splitlines(), new.splitlines(), strict=False), 1) if a != b]
            where = ", ".join(map(str, lines))
            removal.edit(path, new, f"links to {module_id} made plain text (line {where}): reword them if needed")


def _unlink_references(text: str, src: str, gone: set[str]) -> str:
    """Reference-style links (`[text][label]` with `[label]: target`) to `gone` pages: their text."""
    labels = set()
    for match in _DEFINITION.finditer(text):
        if _plain_target(match.group("target"), src, gone):
            labels.add(match.group("label").lower())
    if not labels:
        return text
    text = _DEFINITION.sub(lambda m: "" if m.group("label").lower() in labels else m.group(0), text)

    def plain(match: re.Match[str]) -> str:
        label = (match.group("label") or match.group("text")).lower()
        return match.group("text") if label in labels else match.group(0)

    return _REFERENCE.sub(plain, text)


def _plain_target(target: str, src: str, gone: set[str]) -> bool:
    file_part = target.partition("#")[0]
    if not file_part or "://" in file_part:
        return False
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), file_part)) in gone


def _plain(match: re.Match[str], src: str, gone: set[str]) -> str:
    """The link's text when it points to a page in `gone` (relative to the page `src`), else the link."""
    return match.group("text") if _plain_target(match.group("target"), src, gone) else match.group(0)


def _nav(project: Project, removal: Removal, module_id: str) -> None:
    """`nav:` lines in mkdocs.yml that name the module's pages."""
    path = project.root / MKDOCS_FILE
    found = nav_entries(path) if path.is_file() else None
    if not found:
        return
    gone = {f"workshops/{module_id}.md", f"trainers/{module_id}.md"}
    lines = {line for page, line in found[0] if page in gone}
    if lines:
        text = removal.text(path).splitlines(keepends=True)
        kept = "".join(line for number, line in enumerate(text, 1) if number not in lines)
        removal.edit(path, kept, "removed from nav:")


def _deletions(project: Project, removal: Removal, module_id: str) -> None:
    """The module's own files: the module and its translations, quiz, exam bank and practice threads."""
    module = project.modules[module_id]
    removal.deleted.append(module.path)
    removal.deleted += sorted(module.path.parent.glob(f"{module_id}.*.md"))
    quiz = project.quizzes.get(module.quiz)
    used_elsewhere = any(m.quiz == module.quiz for m in project.modules.values() if m.id != module_id) or any(
        match.group(1) == module.quiz for page in project.pages.values() for match in QUIZ_MARKER.finditer(page.body)
    )
    if quiz is not None and not used_elsewhere:
        removal.deleted.append(quiz.path)
    elif quiz is not None:
        removal.notes.append(f"kept {project.problems.display(quiz.path)}: another module or page uses the quiz")
    bank = project.banks.get(module_id)
    if bank is not None:
        removal.deleted.append(bank.path)
    removal.deleted += sorted(t.path for t in project.threads.values() if t.module == module_id)


def remove_module(root: Path, module_id: str, layout: Layout | None = None) -> Removal:
    """Remove `module_id` and its references; RemoveError (with nothing changed) when that cannot be valid.

    The files are changed, the project is read again, and any problem that was not there before
    puts every file back and is reported.
    """
    layout = layout or Layout()
    project = load_project(root, layout)
    before = {(p.path, p.message) for p in project.problems}
    removal = plan_removal(root, module_id, layout, project)
    saved = {path: path.read_bytes() for path in [*removal.changed, *removal.deleted]}
    try:
        for path, text in removal.changed.items():
            path.write_text(text, encoding="utf-8")
        for path in removal.deleted:
            path.unlink()
        after = [p for p in load_project(root, layout).problems if (p.path, p.message) not in before]
    except BaseException:
        _restore(saved)
        raise
    if after:
        _restore(saved)
        raise RemoveError(
            [str(p) for p in after]
            + [f"removing {module_id} would leave these problems, so nothing was changed — fix them first"]
        )
    return removal


def _restore(saved: dict[Path, bytes]) -> None:
    for path, content in saved.items():
        path.write_bytes(content)

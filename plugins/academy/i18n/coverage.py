"""How much of the academy each language has: per sort of source, translated, out of date, missing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.project import Project
from .translations import Translation

#: The sorts of source a language is counted on, with their plural label.
KINDS = (
    ("page", "pages"),
    ("module", "modules"),
    ("quiz", "quizzes"),
    ("exam", "exam banks"),
    ("track", "tracks"),
    ("certificate", "certificates"),
)


@dataclass
class Count:
    """One language's coverage of one sort of source."""

    total: int = 0
    current: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def sources(project: Project) -> dict[str, list[str]]:
    """The source files of each sort, as the project root names them."""
    root = project.root

    def rel(path) -> str:
        return path.relative_to(root).as_posix()

    content = root / project.layout.content
    return {
        "page": [rel(content / src) for src in sorted(project.pages)],
        "module": [rel(m.path) for m in project.modules.values()],
        "quiz": [rel(q.path) for q in project.quizzes.values()],
        "exam": [rel(b.path) for b in project.banks.values()],
        "track": [rel(t.path) for t in project.tracks.values()],
        "certificate": [rel(c.path) for c in project.certificates.values()],
    }


def coverage(
    project: Project, translations: list[Translation], languages: tuple[str, ...]
) -> dict[str, dict[str, Count]]:
    """Language -> sort -> counts, over every source of the project."""
    by_source = {(t.language, t.source_rel): t for t in translations}
    result: dict[str, dict[str, Count]] = {}
    for code in languages:
        result[code] = {}
        for kind, files in sources(project).items():
            count = Count(total=len(files))
            for src in sorted(files):
                t = by_source.get((code, src))
                if t is None:
                    count.missing.append(src)
                elif t.current:
                    count.current.append(src)
                else:
                    count.outdated.append(src)
            result[code][kind] = count
    return result

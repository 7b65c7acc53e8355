"""The site's own pages in `content/`, the guideline sections they define and the changelog."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n.languages import is_translation
from . import markdown, schema
from .problems import Problems
from .source import Node, NodeList, load_markdown, load_yaml

GUIDELINES = "guidelines"
CHANGELOG = "changelog.yml"


@dataclass
class Section:
    """A `##` section of a guideline page: what modules cite as `PAGE#anchor`."""

    page: str
    anchor: str
    title: str
    line: int

    @property
    def ref(self) -> str:
        return f"{self.page}#{self.anchor}"


@dataclass
class ContentPage:
    """One Markdown file of `content/`."""

    #: Path relative to `content/`, with forward slashes: the page's MkDocs `src_uri`.
    src: str
    path: Path
    title: str
    body: str
    body_line: int
    anchors: set[str]
    sections: list[Section] = field(default_factory=list)

    @property
    def guideline_id(self) -> str | None:
        """`listening` for `guidelines/listening.md`; None outside the guide."""
        prefix = f"{GUIDELINES}/"
        if self.src.startswith(prefix) and self.src.count("/") == 1:
            return self.src[len(prefix) : -len(".md")]
        return None


@dataclass
class Change:
    section: str
    text: str
    line: int


@dataclass
class Version:
    version: str
    date: str
    summary: str
    changes: list[Change]
    line: int


def load_content(content_dir: Path, problems: Problems) -> dict[str, ContentPage]:
    """Every Markdown page below `content_dir`, keyed by its `src`."""
    pages: dict[str, ContentPage] = {}
    for path in sorted(p for p in content_dir.rglob("*.md") if not is_translation(p)):  # x.nl.md: academy.i18n
        src = path.relative_to(content_dir).as_posix()
        pages[src] = load_page(src, path, problems)
    return pages


def load_page(src: str, path: Path, problems: Problems) -> ContentPage:
    """The page `src` as `path` holds it (its source, or a translation of it: academy.i18n)."""
    source = load_markdown(path, problems)
    found = markdown.headings(source.body, source.body_line)
    title = next((h.title for h in found if h.level == 1), None) or source.meta.get("title") or ""
    page = ContentPage(src, path, str(title), source.body, source.body_line, {h.anchor for h in found})
    if page.guideline_id is not None:
        page.sections = [Section(page.guideline_id, h.anchor, h.title, h.line) for h in found if h.level == 2]
        for heading in found:
            if heading.level == 2 and not heading.explicit:
                problems.add(
                    path,
                    heading.line,
                    f'guideline section "{heading.title}" has no stable id',
                    f"end the heading with {{#{heading.anchor}}} so citations survive a new wording",
                )
    return page


def load_changelog(content_dir: Path, problems: Problems) -> list[Version]:
    """The guide's versions, newest first, from `content/guidelines/changelog.yml`."""
    path = content_dir / GUIDELINES / CHANGELOG
    if not path.is_file():
        return []
    data = load_yaml(path, problems)
    if data is None:
        return []
    if not schema.check(data, "changelog", path, problems):
        return []
    versions: list[Version] = []
    assert isinstance(data, NodeList)
    for index, entry in enumerate(data):
        assert isinstance(entry, Node)
        changes = entry.get("changes", NodeList())
        versions.append(
            Version(
                version=str(entry["version"]),
                date=str(entry["date"]),
                summary=entry.get("summary", ""),
                changes=[Change(c["section"], c["change"], changes.line_of(i)) for i, c in enumerate(changes)],
                line=data.line_of(index),
            )
        )
    dates = [v.date for v in versions]
    if dates != sorted(dates, reverse=True):
        problems.add(path, data.line, "versions are not newest first", "order the entries by date, newest at the top")
    return versions

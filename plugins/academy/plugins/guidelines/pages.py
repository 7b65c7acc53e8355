"""Markdown of the guide's generated pages and of the lines added to each guideline page."""

from __future__ import annotations

import re

from ...core.curriculum import Module
from ...core.guidelines import ContentPage, Version
from ...core.project import Project
from ...i18n.dates import long_date
from ...i18n.strings import Translator

#: The strings of a build in the source language without overrides (callers pass the build's own).
ENGLISH = Translator("en")

_HEADING = re.compile(r"^(#{1,5})\s+(.*?)\s*(?:\{\s*#([\w-]+)\s*\})?\s*$")
_LOCAL_LINK = re.compile(r"\]\(([\w-]+\.md)?(?:#([\w-]+))?\)")


def human_date(iso: str, code: str = "en") -> str:
    """A changelog date in the language's long format (babel)."""
    return long_date(iso, code)


def version_line(latest: Version | None, t: Translator = ENGLISH) -> str:
    if latest is None:
        return ""
    version = _escape(t("guidelines.version", version=latest.version, date=human_date(latest.date, t.code)))
    return (
        f"{version} · [{_escape(t('guidelines.what_changed'))}](changes.md) · "
        f"[{_escape(t('guidelines.print_link'))}](print.md)\n{{ .academy-guide-version }}\n"
    )


def taught_line(modules: list[Module], page_src: str, t: Translator = ENGLISH) -> str:
    depth = page_src.count("/")
    up = "../" * depth
    links = " · ".join(f"[{_escape(m.title)}]({up}{m.src})" for m in modules)
    marker = "\x00links\x00"  # the links are Markdown: escape the sentence around them only
    sentence = _escape(t("guidelines.taught", links=marker)).replace(marker, links)
    return f"{sentence}\n{{ .academy-taught-in }}\n"


def annotate(
    markdown: str,
    page: ContentPage,
    latest: Version | None,
    taught: dict[str, list[Module]],
    t: Translator = ENGLISH,
) -> str:
    """The guideline page with its version under the title and its workshops under each section."""
    out: list[str] = []
    fence = False
    for line in markdown.splitlines():
        out.append(line)
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if not match:
            continue
        level, anchor = len(match.group(1)), match.group(3)
        if level == 1 and latest:
            out += ["", version_line(latest, t)]
        elif level == 2 and anchor and (modules := taught.get(f"{page.guideline_id}#{anchor}")):
            out += ["", taught_line(modules, page.src, t)]
    return "\n".join(out) + "\n"


def changes_page(versions: list[Version], project: Project, t: Translator = ENGLISH) -> str:
    sections = project.sections
    lines = [
        "---",
        f"title: {_json(t('guidelines.changes.title'))}",
        f"description: {_json(t('guidelines.changes.description'))}",
        "---",
        "",
        f"# {_escape(t('guidelines.changes.title'))}",
        "",
        _escape(t("guidelines.changes.intro")),
        "",
    ]
    for version in versions:
        anchor = "v" + version.version.replace(".", "-")
        heading = t("guidelines.changes.version", version=version.version, date=human_date(version.date, t.code))
        lines += [
            f"## {_escape(heading)} {{#{anchor}}}",
            "",
            _escape(version.summary),
            "",
        ]
        for change in version.changes:
            page_id, _, section_anchor = change.section.partition("#")
            section = sections.get(change.section)
            page = project.guideline(change.section)
            title = section.title if section else (page.title if page else change.section)
            target = f"{page_id}.md" + (f"#{section_anchor}" if section_anchor else "")
            lines.append(f"- [{_escape(title)}]({target}): {_escape(change.text)}")
        lines.append("")
    return "\n".join(lines)


def print_page(pages: list[ContentPage], latest: Version | None, t: Translator = ENGLISH) -> str:
    """All guideline pages as one, headings one level down and links turned into in-page anchors."""
    version = (
        t("guidelines.print.version", version=latest.version, date=human_date(latest.date, t.code)) if latest else ""
    )
    lines = [
        "---",
        f"title: {_json(t('guidelines.print.title'))}",
        f"description: {_json(t('guidelines.print.description'))}",
        "hide:",
        "  - navigation",
        "  - toc",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {_escape(t('guidelines.print.heading'))}",
        "",
        f"{_escape(version)} {_escape(t('guidelines.print.intro'))}".strip(),
        "",
        '<p class="academy-print-actions"><button type="button" class="md-button md-button--primary" data-print>'
        f"{_escape(t('guidelines.print.button'))}</button></p>",
        "",
    ]
    printed = {page.guideline_id for page in pages}
    for page in pages:
        page_id = page.guideline_id or ""
        fence = False
        for line in page.body.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
            match = None if fence else _HEADING.match(line)
            if match:
                level, title, anchor = len(match.group(1)), match.group(2), match.group(3)
                if level == 1:
                    line = f"## {title} {{#{page_id}}}"
                    lines += ['<div class="academy-print-break"></div>', ""]
                else:
                    line = f"{'#' * (level + 1)} {title}" + (f" {{#{page_id}--{anchor}}}" if anchor else "")
            elif not fence:
                line = _LOCAL_LINK.sub(lambda m, p=page_id: _local(m, p, printed), line)
            lines.append(line)
        lines.append("")
    return "\n".join(lines)


def _local(match: re.Match[str], page_id: str, printed: set[str | None]) -> str:
    target_page = match.group(1)[: -len(".md")] if match.group(1) else page_id
    if target_page not in printed:  # a page beside the guide, such as "what changed": link to it
        return match.group(0)
    anchor = match.group(2)
    return f"](#{target_page}--{anchor})" if anchor else f"](#{target_page})"


def _json(text: str) -> str:
    """A front-matter value: JSON is YAML, whatever the translation's punctuation (`:`, `#`)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _escape(text: str) -> str:
    """Text from YAML shown in Markdown: no raw HTML, no accidental links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")

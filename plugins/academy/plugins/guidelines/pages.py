"""Markdown of the guide's generated pages and of the lines added to each guideline page."""

from __future__ import annotations

import re
from datetime import date

from ...core.curriculum import Module
from ...core.guidelines import ContentPage, Version
from ...core.project import Project

_HEADING = re.compile(r"^(#{1,5})\s+(.*?)\s*(?:\{\s*#([\w-]+)\s*\})?\s*$")
_LOCAL_LINK = re.compile(r"\]\(([\w-]+\.md)?(?:#([\w-]+))?\)")


def human_date(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso):%-d %B %Y}"
    except ValueError:
        return iso


def version_line(latest: Version | None) -> str:
    if latest is None:
        return ""
    return (
        f"Version {latest.version} of {human_date(latest.date)} · [What changed](changes.md) · "
        "[Print the whole guide](print.md)\n{ .academy-guide-version }\n"
    )


def taught_line(modules: list[Module], page_src: str) -> str:
    depth = page_src.count("/")
    up = "../" * depth
    links = " · ".join(f"[{_escape(m.title)}]({up}{m.src})" for m in modules)
    return f"Practise this in a workshop: {links}\n{{ .academy-taught-in }}\n"


def annotate(markdown: str, page: ContentPage, latest: Version | None, taught: dict[str, list[Module]]) -> str:
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
            out += ["", version_line(latest)]
        elif level == 2 and anchor and (modules := taught.get(f"{page.guideline_id}#{anchor}")):
            out += ["", taught_line(modules, page.src)]
    return "\n".join(out) + "\n"


def changes_page(versions: list[Version], project: Project) -> str:
    sections = project.sections
    lines = [
        "---",
        "title: What changed in the guidelines",
        "description: Every version of the guide and what it changed.",
        "---",
        "",
        "# What changed in the guidelines",
        "",
        "The guide is updated when platforms, laws or our experience change. Here is every version, newest first.",
        "",
    ]
    for version in versions:
        anchor = "v" + version.version.replace(".", "-")
        lines += [
            f"## Version {version.version}, {human_date(version.date)} {{#{anchor}}}",
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


def print_page(pages: list[ContentPage], latest: Version | None) -> str:
    """All guideline pages as one, headings one level down and links turned into in-page anchors."""
    version = f"Version {latest.version} of {human_date(latest.date)}." if latest else ""
    lines = [
        "---",
        "title: The whole guide, to print",
        "description: The whole social-media guide on one page, for printing or offline reading.",
        "hide:",
        "  - navigation",
        "  - toc",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# The social-media guide",
        "",
        f"{version} The whole guide on one page, to print or to save as PDF.",
        "",
        '<p class="academy-print-actions"><button type="button" class="md-button md-button--primary" data-print>'
        "Print or save as PDF</button></p>",
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


def _escape(text: str) -> str:
    """Text from YAML shown in Markdown: no raw HTML, no accidental links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")

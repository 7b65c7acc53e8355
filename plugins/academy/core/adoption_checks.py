"""Checks for what adopting the academy breaks, before the strict build or the first verifier does.

* `mkdocs.yml`'s `nav` and `content/`: every page listed, no listed page missing (MkDocs only
  finds out while building, and names neither the file nor the line).
* Certificate rules and tracks: a module added to a track but not to the track's certificate rule
  is not assessed for the certificate (a warning: a rule may leave a module out on purpose).
* The site's `url` and the issuer keys: keys are bound to the issuer id `URL/issuer/profile.json`,
  so changing `url` after the first key makes every certificate "unknown issuer".
* Suggestions: "did you mean" names a real source file by a path relative to the linking page,
  and "section does not exist" lists the sections that do.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .. import routes
from .layout import MKDOCS_FILE
from .problems import closest

if TYPE_CHECKING:
    from .guidelines import Section
    from .project import Project

#: A translation beside its source (`page.nl.md`): the i18n layout keeps these out of the nav.
TRANSLATION = re.compile(r"\.[a-z]{2}(?:-[A-Za-z]{2})?\.md$")


def check_adoption(project: Project) -> None:
    """Every check of this module; findings go to `project.problems`."""
    check_nav(project)
    check_rule_coverage(project)
    check_issuer_url(project)


def nav_entries(path: Path) -> tuple[list[tuple[str, int]], list[str]] | None:
    """The `.md` pages `nav` lists, with their lines, and the `not_in_nav` patterns; None without a nav."""
    try:
        # Composed, not loaded: mkdocs.yml has tags (!ENV, !!python/name) that only MkDocs constructs.
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # MkDocs reports an unreadable configuration itself
    if not isinstance(root, yaml.MappingNode):
        return None
    nav, not_in_nav = None, []
    for key, value in root.value:
        if key.value == "nav":
            nav = value
        elif key.value == "not_in_nav" and isinstance(value, yaml.ScalarNode):
            not_in_nav = [line.strip() for line in str(value.value).splitlines() if line.strip()]
    if nav is None:
        return None
    return [(node.value, node.start_mark.line + 1) for node in _scalars(nav) if _is_page(node.value)], not_in_nav


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """The values of a nav tree (titles are mapping keys, so they are left out)."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _scalars(value)


def _is_page(value: object) -> bool:
    return isinstance(value, str) and value.endswith(".md") and "://" not in value


def check_nav(project: Project) -> None:
    """`nav` in mkdocs.yml lists every page of `content/`, and only pages that exist or are generated."""
    path = project.root / MKDOCS_FILE
    found = nav_entries(path) if path.is_file() else None
    if found is None:
        return  # no nav: MkDocs lists every page itself
    entries, not_in_nav = found
    listed = {page for page, _ in entries}
    known = set(project.pages) | project.generated_pages
    content = project.layout.content
    for page, line in entries:
        if page not in known:
            hint = closest(page, sorted(known))
            project.problems.add(
                path,
                line,
                f'nav lists "{page}", which is not a page of {content}/',
                f"remove the line, or create {content}/{page}" + (f'; did you mean "{hint}"?' if hint else ""),
            )
    for src, source in sorted(project.pages.items()):
        if src in listed or TRANSLATION.search(src) or any(_matches(src, p) for p in not_in_nav):
            continue
        project.problems.add(
            source.path,
            1,
            f"this page is not in the nav of {MKDOCS_FILE}, so the strict build stops",
            f"add - {src} to nav: in {MKDOCS_FILE} (for a guide page: under Guidelines:), "
            "or list it under not_in_nav:",
        )


def _matches(src: str, pattern: str) -> bool:
    """A `not_in_nav` line (gitignore style, simplified: a path, a folder/ or a *.glob)."""
    import fnmatch

    pattern = pattern.lstrip("/")
    return src == pattern or src.startswith(pattern.rstrip("/") + "/") or fnmatch.fnmatch(src, pattern)


def check_rule_coverage(project: Project) -> None:
    """Warn on a module that a track lists but the track's certificate rule does not assess."""
    for track in project.tracks.values():
        rule = project.certificates.get(track.certificate or "")
        if rule is None:
            continue
        for index, module_id in enumerate(track.modules):
            if module_id in project.modules and module_id not in rule.modules:
                project.problems.warn(
                    track.path,
                    track.data["modules"].line_of(index),
                    f'module "{module_id}" is in track "{track.id}" but not in its certificate rule '
                    f'"{rule.id}", so the certificate does not cover it',
                    f"add - {module_id} to modules: in {project.problems.display(rule.path)}"
                    " (and its exam bank, if the rule has an exam), or leave it out on purpose",
                )


def check_issuer_url(project: Project) -> None:
    """The issuer keys held in `<issuer_dir>/` belong to the issuer at the current `url`."""
    site = project.site
    keys_path = project.root / project.layout.keys_file
    if site is None or not keys_path.is_file():
        return
    try:
        entries = json.loads(keys_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # the credentials commands report a broken keys file with their own message
    issuer = routes.issuer_id(site.url)
    controllers = sorted(
        {e["controller"] for e in entries if isinstance(e, dict) and isinstance(e.get("controller"), str)}
    )
    if not controllers or issuer in controllers:
        return
    old = controllers[-1].removesuffix(routes.ISSUER_PROFILE)
    project.problems.add(
        project.root / project.layout.site_file,
        _url_line(project),
        f'url is "{site.url}", but the issuer keys in {project.layout.keys_file} belong to "{old}": every certificate '
        "issued so far would verify as from an unknown issuer",
        f"keep url: {old} (the address certificates point to), or move on purpose: set the new url, run "
        "`academy keys rotate` and `academy reissue --key KEY` for each old key (see the adoption guide, "
        "'Changing the site address')",
    )


def _url_line(project: Project) -> int:
    path = project.root / project.layout.site_file
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith("url:")), 1)


def suggest_page(dest: str, src: str, project: Project) -> str:
    """'; did you mean "../guide/voice.md"?': the closest real page, as a path relative to `src`.

    Real pages are the files of `content/` and the module pages (whose source is a module file);
    other generated pages (the catalogue, the print page…) are offered only when nothing else is close.
    """
    sources = set(project.pages) | {m.src for m in project.modules.values()}
    match = closest(dest, sorted(sources)) or closest(dest, sorted(project.generated_pages))
    if not match:
        return ""
    return f'; did you mean "{posixpath.relpath(match, posixpath.dirname(src) or ".")}"?'


def section_hint(ref: str, sections: dict[str, Section]) -> str:
    """A likely intended `PAGE#anchor`, and the sections that exist to choose from."""
    page, _, anchor = ref.partition("#")
    anchors = [s.anchor for s in sections.values() if s.page == page]
    if anchors:
        match = closest(anchor, anchors) if anchor else None
        listing = f"{page} has: {', '.join(anchors)}"
        return f'; did you mean "{page}#{match}"?' if match else f"; {listing}"
    pages = sorted({s.page for s in sections.values()})
    match = closest(page, pages)
    if match:
        listing = ", ".join(s.anchor for s in sections.values() if s.page == match)
        return f'; did you mean "{match}"? (its sections: {listing})'
    return f"; the guide's pages are: {', '.join(pages)}" if pages else "; the guide has no sections yet"

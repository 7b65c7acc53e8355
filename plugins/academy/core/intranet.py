"""`intranet: true` in site.yml: the site makes no request outside its own address, checked.

The academy requests nothing from other hosts by default, but four things an author writes can:
the repository widget (`repo_facts: true`: every visitor's browser calls the host's API), a theme
font (`theme.font` in mkdocs.yml: Google Fonts), a video block with `embed:` (an external player,
loaded when the learner clicks) and an image or frame whose address is on another host. With
`intranet: true` each one is an error at its line, so a site for a network with no way out (or a
policy against third-party requests) stays whole instead of showing broken images and players.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import video
from .layout import MKDOCS_FILE
from .problems import Problems
from .source import Node, load_yaml

if TYPE_CHECKING:
    from .project import Project

#: An image or frame the browser loads from an absolute address: Markdown `![…](https://…)` and
#: HTML `<img src>`, `<iframe src>`, `<source src>`, `<video poster>` (protocol-relative `//…` too).
_EXTERNAL = re.compile(
    r"!\[[^\]]*\]\(\s*<?(?P<md>(?:https?:)?//[^)\s>]+)"
    r"|<(?:img|iframe|source|video|audio|script)\b[^>]*?\s(?:src|poster)\s*=\s*[\"']?(?P<html>(?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)


def check_intranet(project: Project) -> None:
    """Every outside request the sources would make, as an error, when site.yml says `intranet: true`."""
    if project.site is None or not project.site.intranet:
        return
    problems = project.problems
    settings = project.root / project.layout.site_config / "site.yml"
    if project.site.repo_facts:
        data = load_yaml(settings, Problems())
        line = data.line_of("repo_facts") if isinstance(data, Node) else None
        problems.add(
            settings,
            line,
            "repo_facts: true makes every visitor's browser call the repository host's API, but intranet: true "
            "forbids outside requests",
            "remove repo_facts (or set it to false)",
        )
    _check_font(project.root / MKDOCS_FILE, problems)
    content = project.root / project.layout.content
    sources = [(p.src, p.path, p.body, p.body_line) for p in project.pages.values()]
    sources += [(m.src, m.path, m.body, m.body_line) for m in project.modules.values()]
    for src, path, body, first in sources:
        for match in _EXTERNAL.finditer(body):
            address = match.group("md") or match.group("html")
            problems.add(
                path,
                first + body.count("\n", 0, match.start()),
                f"{address} is loaded from another host, but intranet: true forbids outside requests",
                "put the file inside content/ and link it by a relative path",
            )
        if video.FENCE in body:
            for block in video.find(body, src, path, content, Problems(), first):
                if block.embed:
                    problems.add(
                        path,
                        block.line,
                        f"the video plays from {block.host} (embed:), but intranet: true forbids outside requests",
                        "give the video as a file of the site: src: ../media/NAME.webm with captions: NAME.vtt",
                    )


def _check_font(config: Path, problems: Problems) -> None:
    """Material loads `theme.font` from Google Fonts unless it is `false`."""
    try:
        # Composed, not loaded: mkdocs.yml has tags (!ENV, !!python/name) that only MkDocs constructs.
        root = yaml.compose(config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return  # MkDocs reports an unreadable configuration itself
    theme = _value(root, "theme")
    font = _value(theme, "font") if theme is not None else None
    if font is None:
        line = theme.start_mark.line + 1 if theme is not None else None
        problems.add(
            config,
            line,
            "the theme's font is not switched off, so Material loads it from Google Fonts, but intranet: true "
            "forbids outside requests",
            "add font: false under theme:",
        )
    elif not (isinstance(font, yaml.ScalarNode) and font.value == "false"):
        problems.add(
            config,
            font.start_mark.line + 1,
            "theme.font makes Material load the font from Google Fonts, but intranet: true forbids outside requests",
            "write font: false (system fonts)",
        )


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if name.value == key), None)

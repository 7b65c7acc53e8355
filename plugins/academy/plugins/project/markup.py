"""What the `academy` plugin changes in every page: plain functions on text, free of MkDocs."""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from html import escape
from pathlib import Path
from typing import Any

#: Front-matter keys whose values are text, although MkDocs and Material print them as HTML.
TEXT_META = ("title", "description")

_TASK_BOX = re.compile(r'(<label class="task-list-control"><input type="checkbox" disabled(?:="disabled")?)')


def escape_text_meta(meta: MutableMapping[str, Any]) -> None:
    """Titles and descriptions from front matter are text. MkDocs and Material treat a page's title
    as HTML (a title from a heading already is) and print it unescaped in the navigation, the
    header and `<title>`, so a title such as `<script>…` would run: escape it once, in place."""
    for key in TEXT_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def hide_task_boxes(html: str) -> str:
    """A checklist's ticks are drawn, not used: hide the disabled boxes, which have no label, from
    screen readers, which then read the items as a plain list (axe: label)."""
    return _TASK_BOX.sub(r'\1 aria-hidden="true"', html)


def is_utf8(path: Path) -> bool:
    """Whether a page's source can be read as UTF-8 (with or without a BOM); an unreadable file is
    left for MkDocs to report."""
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    except OSError:
        return True
    return True

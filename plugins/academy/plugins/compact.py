"""Scripts and stylesheets as pages get them: smaller, so that every page stays within its budget."""

from __future__ import annotations


def compact(source: str) -> str:
    """A script or stylesheet without its comment lines and indentation, to fit the page-weight budget.

    Only whole lines go: comments that start a line (`//`, `/* … */`) and leading spaces, never
    anything inside a line, so no string or pattern can be cut. The readable file is the source.
    """
    lines, in_comment = [], False
    for line in source.splitlines():
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
            continue
        if text.startswith("/*"):
            in_comment = "*/" not in text
            continue
        if text and not text.startswith("//"):
            lines.append(text)
    return "\n".join(lines) + "\n"

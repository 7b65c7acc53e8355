"""Just enough Markdown reading for validation: headings, anchors, links, blocks.

Fenced code is skipped so that examples of Markdown inside lessons are not
taken for real links or headings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)[^}]*\})?\s*#*\s*$")
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)
_BLOCK = re.compile(r"^( *)(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+\"(.*)\")?\s*$")
_INLINE = re.compile(r"`([^`]*)`|\*\*|__|[*_~]|<[^>]+>|\[([^\]]*)\]\([^)]*\)")


def slugify(text: str) -> str:
    """The anchor Python-Markdown's `toc` extension gives a heading by default."""
    text = _INLINE.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str
    line: int
    explicit: bool


@dataclass(frozen=True)
class Link:
    target: str
    text: str
    line: int
    image: bool


@dataclass(frozen=True)
class Block:
    """An admonition such as `!!! exercise "Title"` with its dedented body."""

    kind: str
    title: str
    line: int
    indent: int
    body: str
    #: Index of the block's first and one-past-last line in the text.
    start: int
    end: int


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code, with their 0-based index."""
    if "```" not in text and "~~~" not in text:
        yield from enumerate(text.splitlines())  # no fence (most snippets): no line to skip
        return
    fence = ""
    for index, line in enumerate(text.splitlines()):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if not fence:
                fence = marker
            elif marker == fence:
                fence = ""
            continue
        if not fence:
            yield index, line


def code_free_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code, with their 0-based index."""
    return _lines(text)


def headings(text: str, first_line: int = 1) -> list[Heading]:
    """Every ATX heading with the anchor it will get, de-duplicated as `toc` does."""
    found: list[Heading] = []
    if "#" not in text:
        return found  # most snippets (options, feedback) have no heading at all
    seen: set[str] = set()
    for index, line in _lines(text):
        match = _HEADING.match(line)
        if not match:
            continue
        title = match.group(2).strip()
        anchor = match.group(3) or slugify(title)
        base, n = anchor, 0
        while anchor in seen:
            n += 1
            anchor = f"{base}_{n}"
        seen.add(anchor)
        found.append(Heading(len(match.group(1)), title, anchor, first_line + index, bool(match.group(3))))
    return found


def links(text: str, first_line: int = 1) -> list[Link]:
    """Markdown links and images, and raw `<img>` tags (as images with their alt text)."""
    found: list[Link] = []
    if "](" not in text and "<img" not in text.lower():
        return found  # a link or image needs one of these; most quiz snippets have neither
    for index, line in _lines(text):
        stripped = re.sub(r"`[^`]*`", "", line)
        for match in _LINK.finditer(stripped):
            found.append(Link(match.group(3), match.group(2), first_line + index, bool(match.group(1))))
        for tag in _IMG_TAG.findall(stripped):
            alt = _ALT.search(tag)
            src = re.search(r"\bsrc\s*=\s*[\"']([^\"']*)", tag, re.I)
            found.append(Link(src.group(1) if src else "", alt.group(1)[1:-1] if alt else "", first_line + index, True))
    return found


def blocks(text: str, kinds: set[str], first_line: int = 1) -> list[Block]:
    """Admonition blocks of the given kinds, at any depth, in document order."""
    lines = text.splitlines()
    found: list[Block] = []
    for index, line in _lines(text):
        match = _BLOCK.match(line)
        if not match or match.group(3) not in kinds:
            continue
        indent = len(match.group(1))
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= indent + 4):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1
        body = "\n".join(part[indent + 4 :] for part in lines[index + 1 : end])
        found.append(Block(match.group(3), match.group(4) or "", first_line + index, indent, body, index, end))
    return found


def remove_blocks(text: str, removed: list[Block]) -> str:
    """The text without the given blocks (and the blank lines that follow them)."""
    lines = text.splitlines()
    drop: set[int] = set()
    for block in removed:
        drop.update(range(block.start, block.end))
    kept = [line for index, line in enumerate(lines) if index not in drop]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def word_count(text: str) -> int:
    """Words of prose: code, markup and link targets do not count."""
    prose = "\n".join(line for _, line in _lines(text))
    prose = re.sub(r"\]\([^)]*\)", "]", prose)
    prose = re.sub(r"<[^>]+>|\{[^}]*\}", " ", prose)
    return len(re.findall(r"[A-Za-z0-9À-ÿ]+(?:['’-][A-Za-z0-9À-ÿ]+)*", prose))

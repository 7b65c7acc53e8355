"""Small line-based edits of YAML lists and scalars that keep comments, order and layout.

The academy's YAML files are written by people, with comments that explain them; a round trip
through a YAML library would drop those. These edits touch only the lines they change. They
handle the two list styles the files use: a block list (`- item` lines below `key:`) and a flow
list on one line (`key: [a, b]`, a trailing comment kept). Items are ids (no commas or quotes
needed), which is all the commands edit.
"""

from __future__ import annotations

import re

from academy.errors import AcademyError

_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")


class EditError(AcademyError, ValueError):
    """The list could not be found or edited line by line."""


def _split_comment(text: str) -> tuple[str, str]:
    """`value  # comment` → ("value", "  # comment"); a # inside quotes is not a comment."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1].isspace()):
            start = len(text[:index].rstrip())
            return text[:start], text[start:]
    return text.rstrip(), ""


def _unquote(item: str) -> str:
    item = item.strip()
    return item[1:-1] if len(item) >= 2 and item[0] == item[-1] and item[0] in "\"'" else item


def _find_key(lines: list[str], key: str, start: int, end: int) -> int:
    """The index of the top-level `key:` line between `start` and `end`."""
    for index in range(start, end):
        match = _KEY.match(lines[index])
        if match and match.group("key") == key and not match.group("indent"):
            return index
    raise EditError(f"no {key}: line")


def _block_items(lines: list[str], key_index: int, end: int) -> list[int]:
    """The indexes of a block list's `- item` lines below `lines[key_index]`."""
    items = []
    for index in range(key_index + 1, end):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") or stripped == "-":
            items.append(index)
            continue
        if lines[index][: len(lines[index]) - len(lines[index].lstrip())]:
            continue  # a continuation line of an item
        break
    return items


def _rest(line: str) -> str:
    """What follows `key:` on a line that `_find_key` found."""
    match = _KEY.match(line)
    if match is None:
        raise EditError("not a key: line")
    return match.group("rest")


def _locate(text: str, key: str, start: int, end: int | None) -> tuple[list[str], int, int, str, str, str]:
    """`text`'s lines, the index of `key:`, the end line, its value, its comment and its line ending."""
    lines = text.splitlines(keepends=True)
    end = len(lines) if end is None else end
    index = _find_key(lines, key, start, end)
    value, comment = _split_comment(_rest(lines[index]))
    newline = "\n" if lines[index].endswith("\n") else ""
    return lines, index, end, value, comment, newline


def list_items(text: str, key: str, start: int = 0, end: int | None = None) -> list[str]:
    """The items of the top-level list `key` (lines `start`..`end` of `text`)."""
    lines = text.splitlines(keepends=True)
    end = len(lines) if end is None else end
    index = _find_key(lines, key, start, end)
    value, _ = _split_comment(_rest(lines[index]))
    if value.strip().startswith("["):
        inner = value.strip()[1:-1] if value.strip().endswith("]") else None
        if inner is None:
            raise EditError(f"{key}: is a flow list over several lines")
        return [_unquote(i) for i in inner.split(",") if i.strip()]
    return [_unquote(_split_comment(lines[i].strip()[1:])[0]) for i in _block_items(lines, index, end)]


def remove_item(text: str, key: str, item: str, start: int = 0, end: int | None = None) -> str:
    """`text` without `item` in the top-level list `key`; an emptied list becomes `key: []`."""
    lines, index, end, value, comment, newline = _locate(text, key, start, end)
    if value.strip().startswith("["):
        items = list_items(text, key, start, end)
        kept = [i for i in items if i != item]
        lines[index] = f"{key}: [{', '.join(kept)}]{comment.rstrip()}{newline}"
        return "".join(lines)
    block = _block_items(lines, index, end)
    kept_lines = [i for i in block if _unquote(_split_comment(lines[i].strip()[1:])[0]) != item]
    if len(kept_lines) == len(block):
        return text
    drop = set(block) - set(kept_lines)
    if not kept_lines:
        lines[index] = f"{key}: []{comment.rstrip()}{newline}"
    return "".join(line for number, line in enumerate(lines) if number not in drop)


def append_item(text: str, key: str, item: str, start: int = 0, end: int | None = None) -> str:
    """`text` with `item` appended to the top-level list `key` in the list's own style."""
    lines, index, end, value, comment, newline = _locate(text, key, start, end)
    if value.strip().startswith("[") or not _block_items(lines, index, end):
        items = list_items(text, key, start, end) if value.strip() else []
        lines[index] = f"{key}: [{', '.join([*items, item])}]{comment.rstrip()}{newline}"
        return "".join(lines)
    last = _block_items(lines, index, end)[-1]
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, f"{indent}- {item}\n")
    return "".join(lines)


def set_scalar(text: str, key: str, value: str, start: int = 0, end: int | None = None, indent: str = "") -> str:
    """`text` with `key: value` (at `indent`) replaced, its comment kept; appended when missing at top level."""
    lines = text.splitlines(keepends=True)
    end = len(lines) if end is None else end
    for index in range(start, end):
        match = _KEY.match(lines[index])
        if match and match.group("key") == key and match.group("indent") == indent:
            _, comment = _split_comment(match.group("rest"))
            newline = "\n" if lines[index].endswith("\n") else ""
            lines[index] = f"{indent}{key}: {value}{comment}{newline}"
            return "".join(lines)
    if indent:
        raise EditError(f"no {key}: line")
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(end, f"{key}: {value}\n")
    return "".join(lines)


def front_matter_end(text: str) -> int:
    """The index of the closing `---` of a Markdown file's front matter (0 when there is none)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].strip() in {"---", "..."}:
            return index
    return 0

"""Reading YAML and Markdown front matter so that every value keeps its line number.

Mappings come back as `Node` dicts and sequences as `NodeList` lists: ordinary
Python containers that also remember where each entry stands in the file, so any
later check can point a trainer at the exact line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems


class Node(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 1
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class NodeList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 1
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


# libyaml's parser, where PyYAML was built with it, reads about ten times faster; the marks
# that give line numbers are the same.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Loader(_SafeLoader):  # type: ignore[valid-type, misc]
    """Safe loader that builds `Node`/`NodeList` and reports duplicate keys."""

    def __init__(self, stream: str, offset: int, duplicates: list[tuple[int, str]]) -> None:
        super().__init__(stream)
        self.offset = offset
        self.duplicates = duplicates

    def get_single_data(self) -> Any:
        """The document, built straight from libyaml's node tree.

        PyYAML's generic `construct_object` (a state machine with generators per container)
        was most of the time spent reading a large curriculum; plain mappings, sequences and
        strings are built here directly, with the same `Node`/`NodeList` lines and the same
        duplicate-key report. Anything else (numbers, booleans, other tags) still goes through
        PyYAML's constructors.
        """
        node = self.get_single_node()
        return None if node is None else self._build(node, {})

    def _build(self, node: yaml.Node, built: dict[int, Any]) -> Any:
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            if id(node) in built:  # an alias (a recursive one gets the object being built)
                return built[id(node)]
            data = Node()
            built[id(node)] = data
            data.line = node.start_mark.line + 1 + self.offset
            data.lines = {}
            for key_node, value_node in node.value:
                key = self._build(key_node, built)
                if not isinstance(key, str):
                    key = str(key).lower() if isinstance(key, bool) else str(key)
                line = key_node.start_mark.line + 1 + self.offset
                if key in data:
                    self.duplicates.append((line, key))
                data[key] = self._build(value_node, built)
                data.lines[key] = line
            return data
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            if id(node) in built:
                return built[id(node)]
            items = NodeList()
            built[id(node)] = items
            items.line = node.start_mark.line + 1 + self.offset
            items.lines = [item.start_mark.line + 1 + self.offset for item in node.value]
            items.extend(self._build(item, built) for item in node.value)
            return items
        return self.construct_object(node, deep=True)

    def construct_yaml_map(self, node: yaml.MappingNode) -> Iterator[Node]:
        data = Node()
        data.line = node.start_mark.line + 1 + self.offset
        data.lines = {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                # YAML reads `yes`, `on`, `1` as non-strings; our formats only have text keys.
                key = str(key).lower() if isinstance(key, bool) else str(key)
            line = key_node.start_mark.line + 1 + self.offset
            if key in data:
                self.duplicates.append((line, key))
            data[key] = self.construct_object(value_node, deep=True)
            data.lines[key] = line

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Iterator[NodeList]:
        data = NodeList()
        data.line = node.start_mark.line + 1 + self.offset
        data.lines = [item.start_mark.line + 1 + self.offset for item in node.value]
        yield data
        data.extend(self.construct_object(item, deep=True) for item in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
# Dates stay text: the formats compare and print them as written.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def parse_yaml(text: str, path: Path, problems: Problems, offset: int = 0) -> Any:
    """Parse YAML text; on a syntax error record it with its line and return None."""
    duplicates: list[tuple[int, str]] = []
    loader = _Loader(text, offset, duplicates)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or "invalid YAML"
        if error.context_mark is not None and "quoted scalar" in (error.context or ""):
            # An unclosed quote runs on to the end of the file: point at the quote that opened it.
            mark = error.context_mark
            what = "a quote opened here is never closed"
        line = (mark.line + 1 if mark else 1) + offset
        problems.add(
            path,
            line,
            f"YAML syntax error: {what}",
            "check the indentation and quote text that contains a colon, # or starts with a quote",
        )
        return None
    except yaml.YAMLError as error:
        problems.add(path, 1 + offset, f"YAML error: {error}", "fix the YAML syntax")
        return None
    finally:
        loader.dispose()
        for line, key in duplicates:
            problems.add(path, line, f'key "{key}" appears twice', "keep one of the two entries")


def read_text(path: Path, problems: Problems) -> str | None:
    """A source file's text, a leading UTF-8 BOM dropped; None (with the problem recorded) when it
    is not UTF-8, so that one file saved in another encoding never stops the others being checked."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        problems.add(
            path,
            line,
            f"the file is not UTF-8 text (byte 0x{byte} cannot be read as UTF-8; the editor saved it in another "
            "encoding, such as Latin-1 or Windows-1252)",
            "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)",
        )
        return None


def load_yaml(path: Path, problems: Problems) -> Any:
    """Read and parse one YAML file."""
    text = read_text(path, problems)
    if text is None:
        return None
    return parse_yaml(text, path, problems)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class MarkdownSource:
    """A Markdown file split into its front matter and body."""

    path: Path
    meta: Node
    body: str
    #: Line number in the file of the first line of `body`.
    body_line: int
    text: str = field(repr=False, default="")
    #: False when the file could not be read as UTF-8 (the problem is recorded).
    readable: bool = True


def load_markdown(path: Path, problems: Problems, require_front_matter: bool = False) -> MarkdownSource:
    """Read a Markdown file with optional YAML front matter between `---` lines."""
    text = read_text(path, problems)
    if text is None:
        empty = Node()
        empty.lines = {}
        return MarkdownSource(path, empty, "", 1, "", readable=False)
    match = _FRONT_MATTER.match(text)
    meta = Node()
    meta.lines = {}
    if not match:
        if require_front_matter:
            problems.add(
                path,
                1,
                "missing front matter",
                "start the file with a line '---', the YAML fields, and another line '---'",
            )
        elif text.startswith("---"):
            problems.add(path, 1, "front matter is not closed", "add a line '---' after the last field")
        return MarkdownSource(path, meta, text, 1, text)
    data = parse_yaml(match.group(1) or "", path, problems, offset=1)
    if data is not None and not isinstance(data, Node):
        problems.add(path, 2, "front matter must be a set of 'field: value' lines", "write one field per line")
    elif isinstance(data, Node):
        meta = data
    body_line = text.count("\n", 0, match.end()) + 1
    return MarkdownSource(path, meta, text[match.end() :], body_line, text)

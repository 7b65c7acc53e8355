"""Video blocks in modules and guide pages: a fenced block of YAML that names the video,
its captions and its transcript.

    ```video
    title: Our CEO introduces the Foundations track
    src: ../media/ceo-foundations.webm      # a file inside content/, relative to the page
    captions: ../media/ceo-foundations.en.vtt
    poster: ../media/ceo-foundations.jpg    # optional
    transcript: |
      Hello, I'm …
    ```

or, for a video on an external host, `embed: https://www.youtube-nocookie.com/embed/ID` and
`captions: host` (the host's player shows its own captions). The transcript is required either
way: it is the accessible alternative, it is printed and it is what search finds. The site
renders an external video as a button; nothing is requested from the host before the click.

This module reads and checks the blocks; the `academy-video` plugin renders them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Problems, did_you_mean
from .source import Node, parse_yaml

FENCE = "video"
#: A ```video block: its opening line, its YAML and its closing fence.
_BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*video[ \t]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)
_FIELDS = ("title", "src", "embed", "captions", "poster", "transcript", "language")
#: Containers and their MIME types, for `<source type>`; browsers skip what they cannot play.
MEDIA_TYPES = {".webm": "video/webm", ".mp4": "video/mp4", ".m4v": "video/mp4", ".ogv": "video/ogg"}
HOST_CAPTIONS = "host"


@dataclass(frozen=True)
class Video:
    """One video block, checked; paths are as written (relative to the page)."""

    title: str
    transcript: str
    src: str | None
    embed: str | None
    captions: str | None
    poster: str | None
    language: str | None
    #: Line of the opening fence in the source file.
    line: int
    #: Offsets of the whole block (fences included) in the text it was found in.
    start: int
    end: int

    @property
    def host(self) -> str | None:
        """The external host's name, shown to the reader before they choose to load it."""
        return urlsplit(self.embed).hostname if self.embed else None


def find(text: str, page: str, path: Path, content_dir: Path, problems: Problems, first_line: int = 1) -> list[Video]:
    """Every video block of `text`, checked; `page` is the `src_uri` that paths are relative to.

    Problems are reported at the line of the field in `path`; a block with a problem is left out.
    """
    videos = []
    for match in _BLOCK.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        video = _read(match, line, page, path, content_dir, problems)
        if video is not None:
            videos.append(video)
    return videos


def _read(
    match: re.Match[str], line: int, page: str, path: Path, content_dir: Path, problems: Problems
) -> Video | None:
    found = len(problems)
    data = parse_yaml(match.group("body"), path, problems, offset=line)
    if len(problems) > found:
        return None
    if not isinstance(data, Node):
        problems.add(path, line, "a video block holds 'field: value' lines", f"write the fields {', '.join(_FIELDS)}")
        return None

    def at(key: str) -> int:
        return data.line_of(key) if key in data else line

    def text_of(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            problems.add(path, at(key), f"video field {key} must be text", f"write {key}: followed by the text")
            return None
        return value.strip()

    for key in data:
        if key not in _FIELDS:
            problems.add(
                path, at(key), f'unknown video field "{key}"{did_you_mean(key, _FIELDS)}', f"use {', '.join(_FIELDS)}"
            )
    title, transcript = text_of("title"), text_of("transcript")
    src, embed, captions, poster = text_of("src"), text_of("embed"), text_of("captions"), text_of("poster")
    if title is None and "title" not in data:
        problems.add(
            path,
            line,
            "video has no title",
            "add title: what the video is about (players and screen readers announce it)",
        )
    if transcript is None and "transcript" not in data:
        problems.add(
            path,
            line,
            "video has no transcript",
            "add transcript: | with what is said and shown (for readers who cannot watch or hear it, and for search)",
        )
    if (src is None) == (embed is None):
        problems.add(
            path,
            line,
            "a video needs exactly one of src (a file of the site) and embed (an external player address)",
            "write src: ../media/NAME.webm for a file inside content/, or embed: https://… for an external host",
        )
    if src is not None:
        _file(src, "src", at("src"), page, path, content_dir, problems, MEDIA_TYPES)
        if captions is None or captions == HOST_CAPTIONS:
            problems.add(
                path,
                at("captions"),
                "a self-hosted video needs a WebVTT captions file",
                "add captions: ../media/NAME.vtt (a file that starts with WEBVTT)",
            )
        else:
            vtt = _file(captions, "captions", at("captions"), page, path, content_dir, problems, {".vtt": "text/vtt"})
            if vtt is not None and not _is_webvtt(vtt):
                problems.add(
                    path,
                    at("captions"),
                    f'captions file "{captions}" is not WebVTT',
                    "the file must start with the line WEBVTT followed by cues (00:00.000 --> 00:04.000)",
                )
    if embed is not None:
        if urlsplit(embed).scheme != "https" or not urlsplit(embed).hostname:
            problems.add(
                path,
                at("embed"),
                f'embed address "{embed}" is not an https address',
                "use the host's embed address, https://…",
            )
        if captions != HOST_CAPTIONS:
            problems.add(
                path,
                at("captions") if "captions" in data else line,
                "an external video must say that its host shows captions",
                "turn on captions at the host, then write captions: host",
            )
    if poster is not None:
        _file(poster, "poster", at("poster"), page, path, content_dir, problems, None)
    language = text_of("language")
    if len(problems) > found or title is None or transcript is None:
        return None
    return Video(title, transcript, src, embed, captions, poster, language, line, match.start(), match.end())


def _file(
    value: str,
    key: str,
    line: int,
    page: str,
    path: Path,
    content_dir: Path,
    problems: Problems,
    types: dict[str, str] | None,
) -> Path | None:
    """The file a video field names, inside `content/`; None (with a problem) when it is not there."""
    if "://" in value or value.startswith("/"):
        problems.add(
            path,
            line,
            f'video {key} "{value}" must be a file of the site',
            f"put the file inside content/ and write its path relative to {page}",
        )
        return None
    if types is not None and posixpath.splitext(value)[1].lower() not in types:
        problems.add(
            path, line, f'video {key} "{value}" has an unsupported type', f"use one of {', '.join(sorted(types))}"
        )
        return None
    dest = site_path(page, value)
    file = content_dir / dest
    if dest.startswith("../") or not file.is_file():
        problems.add(
            path,
            line,
            f'video {key} "{value}" does not exist',
            f"put the file at content/{dest} or fix the path (relative to {page})",
        )
        return None
    return file


def site_path(page: str, value: str) -> str:
    """A path written in `page` as a path of the site (relative to `content/`)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(value)))


def _is_webvtt(file: Path) -> bool:
    head = file.read_bytes()[:16].decode("utf-8", "replace").lstrip("\ufeff")
    return head.startswith("WEBVTT") and (len(head) == 6 or head[6] in " \t\r\n")

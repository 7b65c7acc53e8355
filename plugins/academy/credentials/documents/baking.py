"""Baked badges (Open Badges 3.0, section "Baking"): the signed credential inside the badge image.

- PNG: an `iTXt` chunk with keyword `openbadgecredential`, no compression, whose text is the
  credential's JSON; placed before `IEND`. Any earlier baked chunk is replaced.
- SVG: an `<openbadges:credential>` element (namespace `https://purl.imsglobal.org/ob/v3p0`)
  right after the opening `<svg>` tag, holding the JSON in a CDATA section.

`bake_png`/`bake_svg` write; `extract` reads either back (BakingError says why it cannot);
`is_image` tells an image from a JSON file or a link. Issuance writes `<uuid>.png` and
`<uuid>.svg` beside `<uuid>.json` (`baked_images`), from the rule's badge in `site_config/badges/`.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from academy.errors import AcademyError

from ... import routes
from ...core.layout import Layout

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"openbadgecredential"
SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
#: Largest image read: a badge is a small picture, not a photograph.
MAX_IMAGE = 8 * 1024 * 1024
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_CREDENTIAL = re.compile(
    rb"<(?P<prefix>[A-Za-z_][\w.-]*):credential\b[^>]*?(?:/>|>(?P<body>.*?)</(?P=prefix):credential\s*>)", re.DOTALL
)


class BakingError(AcademyError, ValueError):
    """An image that holds no readable credential; the message says why."""


#: The badge image file names looked up, per certificate rule first, then for every rule; the folder
#: with the default layout (a project that renames `site_config_dir` passes its `Layout.badges`).
BADGE_FOLDER = Layout().badges
BADGE_NAME = "badge"


def badge_images(root: Path, rule_id: str, folder: str = BADGE_FOLDER) -> dict[str, bytes]:
    """The rule's badge image as PNG and SVG: `<folder>/<rule id>.png|.svg`, else
    `<folder>/badge.png|.svg`, else the bundled default (a check mark on a disc)."""
    found: dict[str, bytes] = {}
    for suffix in (".png", ".svg"):
        for name in (rule_id, BADGE_NAME):
            path = root / folder / f"{name}{suffix}"
            if path.is_file():
                found[suffix] = path.read_bytes()
                break
        else:
            default = resources.files("academy.credentials.documents").joinpath("badge", f"default-badge{suffix}")
            found[suffix] = default.read_bytes()
    return found


def image_url(site_url: str, rule_id: str) -> str:
    """Where the site publishes the rule's badge image (the achievement's `image`)."""
    return f"{site_url}{routes.badge_image(rule_id, '.png')}"


def baked_images(
    root: Path, credential: Mapping[str, Any], credential_json: str, folder: str = BADGE_FOLDER
) -> dict[str, bytes]:
    """The credential baked into its rule's badge images, by file suffix (".png", ".svg")."""
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    ident = achievement.get("id") if isinstance(achievement, Mapping) else None
    rule_id = str(ident).rstrip("/").rsplit("/", 1)[-1] if ident else BADGE_NAME
    images = badge_images(root, rule_id, folder)
    return {".png": bake_png(images[".png"], credential_json), ".svg": bake_svg(images[".svg"], credential_json)}


def is_image(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return data.startswith(PNG_SIGNATURE) or head.startswith(b"<svg") or head.startswith(b"<?xml")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk; BakingError when the file is not a well-formed PNG."""
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG image")
    found: list[tuple[bytes, bytes]] = []
    pos = len(PNG_SIGNATURE)
    while pos < len(png):
        if pos + 12 > len(png):
            raise BakingError("the PNG image is truncated")
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(png):
            raise BakingError("the PNG image is truncated")
        found.append((kind, body))
        pos += 12 + length
        if kind == b"IEND":
            return found
    raise BakingError("the PNG image has no IEND chunk")


def bake_png(png: bytes, credential_json: str) -> bytes:
    """`png` with `credential_json` in an `openbadgecredential` iTXt chunk (replacing any earlier one)."""
    chunks = [(k, b) for k, b in _chunks(png) if not (k == b"iTXt" and b.startswith(PNG_KEYWORD + b"\x00"))]
    text = PNG_KEYWORD + b"\x00\x00\x00" + b"\x00" + b"\x00" + credential_json.encode("utf-8")
    out = [PNG_SIGNATURE]
    for kind, body in chunks:
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", text))
        out.append(_chunk(kind, body))
    return b"".join(out)


def bake_svg(svg: bytes, credential_json: str) -> bytes:
    """`svg` with `<openbadges:credential>` holding `credential_json` (replacing any earlier one)."""
    svg = _SVG_CREDENTIAL.sub(b"", svg)
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise BakingError("not an SVG image (no <svg> element)")
    tag = match.group(0)
    if b"xmlns:openbadges=" not in tag:
        tag = tag[:-1].rstrip(b"/") + f' xmlns:openbadges="{SVG_NAMESPACE}">'.encode()
    # "]]>" cannot occur in CDATA: split it across two sections (JSON text never needs it whole).
    body = credential_json.replace("]]>", "]]]]><![CDATA[>").encode("utf-8")
    element = b"<openbadges:credential><![CDATA[" + body + b"]]></openbadges:credential>"
    return svg[: match.start()] + tag + element + svg[match.end() :]


def extract(data: bytes) -> str:
    """The credential text baked into a PNG or SVG badge; BakingError when there is none."""
    if len(data) > MAX_IMAGE:
        raise BakingError(f"the image is larger than {MAX_IMAGE // (1024 * 1024)} MiB")
    if data.startswith(PNG_SIGNATURE):
        for kind, body in _chunks(data):
            if kind == b"iTXt" and body.startswith(PNG_KEYWORD + b"\x00"):
                rest = body[len(PNG_KEYWORD) + 1 :]
                if len(rest) < 2 or rest[0] != 0:
                    raise BakingError("the baked credential is compressed, which Open Badges 3.0 does not allow")
                parts = rest[2:].split(b"\x00", 2)
                if len(parts) != 3:
                    raise BakingError("the openbadgecredential chunk is malformed")
                try:
                    return parts[2].decode("utf-8")
                except UnicodeDecodeError as error:
                    raise BakingError("the baked credential is not UTF-8 text") from error
        raise BakingError("a PNG image with no baked credential (no openbadgecredential chunk)")
    match = _SVG_CREDENTIAL.search(data)
    if _SVG_OPEN.search(data[:4096]) is None:
        raise BakingError("neither a PNG nor an SVG image")
    if match is None or not match.group("prefix") or match.group("body") is None:
        raise BakingError("an SVG image with no baked credential (no <openbadges:credential> element)")
    body = match.group("body").strip()
    text = b"".join(re.findall(rb"<!\[CDATA\[(.*?)\]\]>", body, re.DOTALL)) if body.startswith(b"<![CDATA[") else body
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BakingError("the baked credential is not UTF-8 text") from error
    if not body.startswith(b"<![CDATA["):
        import html

        decoded = html.unescape(decoded)
    return decoded

"""The QR code of a certificate: the verify page's URL with the signed summary in the fragment.

It stays at QR version 15 or lower (77 × 77 modules) so it scans from a printed page, at
error correction M, or L when M needs a larger version.
"""

from __future__ import annotations

from dataclasses import replace

import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from academy.errors import AcademyError

from . import summary as summaries

MAX_VERSION = 15
#: Bytes a version-15 code holds at error correction L.
CAPACITY_L = 520
_FIXED = summaries._HEAD.size + 2 + summaries.SIGNATURE


class QRError(AcademyError, ValueError):
    """The content does not fit a printable QR code."""


def make(text: str) -> segno.QRCode:
    """The QR code of `text` at the strongest error correction (M, else L) that keeps version ≤ 15."""
    for level in ("m", "l"):
        code = segno.make(text, error=level, boost_error=True, micro=False)
        if isinstance(code.version, int) and code.version <= MAX_VERSION:
            return code
    raise QRError(f"{len(text.encode('utf-8'))} bytes need QR version {code.version}, more than {MAX_VERSION}")


def link(
    verify_url: str, summary: summaries.Summary, issuer_id: str, key: Ed25519PrivateKey
) -> tuple[str, segno.QRCode]:
    """The verify link of `summary` and its QR code, shortening the texts when they do not fit."""
    room = (CAPACITY_L - len(verify_url.encode("utf-8")) - 1 - len(summaries.PREFIX)) * 3 // 4 - _FIXED
    for attempt in range(8):
        budget = room - attempt * 8
        fitted = _fit(summary, max(budget, 16))
        url = f"{verify_url}#{summaries.encode(fitted, issuer_id, key)}"
        try:
            return url, make(url)
        except QRError:
            continue
    raise QRError(f"the verify URL {verify_url} is too long to leave room for a summary in a QR code")


def _fit(summary: summaries.Summary, budget: int) -> summaries.Summary:
    name, achievement = summary.name.encode("utf-8"), summary.achievement.encode("utf-8")
    if len(name) + len(achievement) <= budget and max(len(name), len(achievement)) <= 255:
        return summary
    achievement_room = min(255, max(budget - len(name), min(len(achievement), 40)))
    short_achievement = summaries.shorten(summary.achievement, achievement_room)
    name_room = min(255, budget - len(short_achievement.encode("utf-8")))
    return replace(summary, achievement=short_achievement, name=summaries.shorten(summary.name, max(name_room, 8)))

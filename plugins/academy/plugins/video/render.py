"""A checked video block as HTML. Every text from the source is escaped or rendered as Markdown."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from html import escape

from ...core.video import MEDIA_TYPES, Video

#: How a relative path of the source becomes a URL relative to the page being rendered.
Resolve = Callable[[str], str]


def render_video(
    video: Video, number: int, *, resolve: Resolve, markdown: Callable[[str], str], language: str, transcript_open: bool
) -> str:
    """The figure: player (or a consent button for an external host), caption and transcript."""
    label = f"academy-video-{number}"
    title = escape(video.title)
    player = _player(video, label, resolve, language) if video.src else _consent(video, label)
    return (
        f'<figure class="academy-video" id="{label}">'
        f"{player}"
        f'<figcaption id="{label}-title">{title}</figcaption>'
        f'<details class="academy-video__transcript"{" open" if transcript_open else ""}>'
        f"<summary>Transcript</summary>{markdown(video.transcript)}</details>"
        "</figure>"
    )


def _player(video: Video, label: str, resolve: Resolve, language: str) -> str:
    assert video.src is not None and video.captions is not None
    src = escape(resolve(video.src))
    kind = MEDIA_TYPES[posixpath.splitext(video.src)[1].lower()]
    poster = f' poster="{escape(resolve(video.poster))}"' if video.poster else ""
    lang = escape(video.language or language)
    # preload="none": nothing of the video is fetched until the reader presses play.
    return (
        f'<video controls preload="none" playsinline{poster} aria-labelledby="{label}-title">'
        f'<source src="{src}" type="{kind}">'
        f'<track kind="captions" src="{escape(resolve(video.captions))}" srclang="{lang}" label="Captions" default>'
        f'<p>Your browser cannot play this video: <a href="{src}" download>download it</a> '
        "or read the transcript below.</p></video>"
    )


def _consent(video: Video, label: str) -> str:
    assert video.embed is not None
    host = escape(video.host or "")
    return (
        f'<div class="academy-video__consent" data-embed="{escape(video.embed)}">'
        f"<p>This video is played from <strong>{host}</strong>. Nothing is loaded from there until you choose "
        "to play it; the host then receives your IP address and may set cookies. The transcript below has "
        "everything the video says.</p>"
        f'<button type="button" class="md-button md-button--primary academy-video__play" '
        f'aria-describedby="{label}-title">Play video from {host}</button></div>'
    )

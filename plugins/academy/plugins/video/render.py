"""A checked video block as HTML. Every text from the source is escaped or rendered as Markdown."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from html import escape

from ...core.video import MEDIA_TYPES, Video
from ..words import Words, words

#: How a relative path of the source becomes a URL relative to the page being rendered.
Resolve = Callable[[str], str]


def render_video(
    video: Video,
    number: int,
    *,
    resolve: Resolve,
    markdown: Callable[[str], str],
    language: str,
    transcript_open: bool,
    page_language: str = "en",
) -> str:
    """The figure: player (or a consent button for an external host), caption and transcript.

    `language` is what the captions are in when the block does not say (the site's source
    language); the words around the video are in `page_language` (the build's: strings `video.*`).
    """
    w = words(page_language, "video")
    label = f"academy-video-{number}"
    title = escape(video.title)
    player = _player(video, label, resolve, language, w) if video.src else _consent(video, label, w)
    return (
        f'<figure class="academy-video" id="{label}">'
        f"{player}"
        f'<figcaption id="{label}-title">{title}</figcaption>'
        f'<details class="academy-video__transcript"{" open" if transcript_open else ""}>'
        f"<summary>{w.html('transcript')}</summary>{markdown(video.transcript)}</details>"
        "</figure>"
    )


def _player(video: Video, label: str, resolve: Resolve, language: str, w: Words) -> str:
    assert video.src is not None and video.captions is not None
    src = escape(resolve(video.src))
    kind = MEDIA_TYPES[posixpath.splitext(video.src)[1].lower()]
    poster = f' poster="{escape(resolve(video.poster))}"' if video.poster else ""
    lang = escape(video.language or language)
    download = f'<a href="{src}" download>{w.html("download")}</a>'
    # preload="none": nothing of the video is fetched until the reader presses play.
    return (
        f'<video controls preload="none" playsinline{poster} aria-labelledby="{label}-title">'
        f'<source src="{src}" type="{kind}">'
        f'<track kind="captions" src="{escape(resolve(video.captions))}" srclang="{lang}"'
        f' label="{escape(w("captions"))}" default>'
        f"<p>{w.html('cannot_play', download=download)}</p></video>"
    )


def _consent(video: Video, label: str, w: Words) -> str:
    assert video.embed is not None
    host = escape(video.host or "")
    return (
        f'<div class="academy-video__consent" data-embed="{escape(video.embed)}" data-title="{escape(video.title)}">'
        f"<p>{w.html('consent', host=f'<strong>{host}</strong>')}</p>"
        f'<button type="button" class="md-button md-button--primary academy-video__play" '
        f'aria-describedby="{label}-title">{w.html("play", host=host)}</button></div>'
    )

"""A video block's words (transcript, captions, the fallback text, the consent to an outside host)
in the language of the page; the video's own title and the host's name stay as written, escaped."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from academy.core.video import Video
from academy.i18n import strings
from academy.plugins.video.render import render_video

FILE = Video("Disclosure <in> 60 seconds", "Hello.", "clip.mp4", None, "clip.vtt", None, None, 1, 0, 0)
EMBED = Video("A talk", "Hi.", None, "https://www.youtube-nocookie.com/embed/x", None, None, None, 1, 0, 0)


def _render(video: Video, code: str) -> BeautifulSoup:
    html = render_video(
        video, 1, resolve=lambda v: v, markdown=lambda t: f"<p>{t}</p>", language="en", transcript_open=False,
        page_language=code,
    )
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("code", ["en", "nl", "it", "da"])
def test_the_words_around_a_video_are_the_pages(code: str) -> None:
    page = _render(FILE, code)
    assert page.summary.get_text() == strings.text(code, "video.transcript")
    assert page.track["label"] == strings.text(code, "video.captions") and page.track["srclang"] == "en"
    fallback = strings.text(code, "video.cannot_play", download=strings.text(code, "video.download"))
    assert page.video.p.get_text() == fallback and page.video.p.a["href"] == "clip.mp4"
    assert page.figcaption.get_text() == "Disclosure <in> 60 seconds"  # escaped, as written
    consent = _render(EMBED, code)
    host = "www.youtube-nocookie.com"
    assert consent.select_one(".academy-video__consent p").get_text() == strings.text(code, "video.consent", host=host)
    assert consent.select_one(".academy-video__consent strong").get_text() == host
    assert consent.button.get_text() == strings.text(code, "video.play", host=host)
    assert consent.select_one("[data-title]")["data-title"] == "A talk"


def test_english_is_as_it_was() -> None:
    page = _render(FILE, "en")
    assert page.video.p.get_text() == "Your browser cannot play this video: download it or read the transcript below."
    assert _render(EMBED, "en").button.get_text() == "Play video from www.youtube-nocookie.com"
    assert _render(FILE, "nl").summary.get_text() == "Transcriptie"

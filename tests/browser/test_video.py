"""Video blocks in Chromium: nothing loads before the click, captions play, the transcript is searchable."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from support.harness import served_build

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg", reason="imageio-ffmpeg is not installed (make setup)")

EMBED = "https://www.youtube-nocookie.com/embed/northwind-intro"
#: A word that appears only in the transcript, so search can only find it there.
TRANSCRIPT_WORD = "thermodynamicus"
BLOCKS = f"""
## Watch {{#watch}}

```video
title: Our CEO introduces the guide
src: ../media/intro.webm
captions: ../media/intro.vtt
transcript: |
  Hello, I am Dana. Our guide is short on rules and long on tips; the word {TRANSCRIPT_WORD} is only said here.
```

```video
title: A talk hosted elsewhere
embed: {EMBED}
captions: host
transcript: |
  The hosted talk, transcribed.
```
"""
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello, I am Dana.\n"


def _make_video(target: Path) -> None:
    """A two-second WebM (VP8 and Vorbis, which Chromium plays) made with the ffmpeg that imageio-ffmpeg ships."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [
            ffmpeg,
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x90:rate=10:duration=2",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:v",
            "libvpx",
            "-b:v",
            "100k",
            "-c:a",
            "libvorbis",
            "-shortest",
            str(target),
        ],
        check=True,
    )


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import shutil

    from support.harness import ROOT

    project = tmp_path_factory.mktemp("video") / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", project)
    config = project / "mkdocs.yml"  # as the shipped site: system fonts, no request to a font service
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  font: false\n")
    )
    media = project / "content" / "media"
    media.mkdir()
    _make_video(media / "intro.webm")
    (media / "intro.vtt").write_text(CAPTIONS, encoding="utf-8")
    page = project / "content" / "guidelines" / "principles.md"
    page.write_text(page.read_text(encoding="utf-8") + BLOCKS, encoding="utf-8")
    with served_build(project, project / "built") as url:
        yield url


def test_nothing_loads_before_the_click_then_the_video_plays_with_captions(page: Page, video_site: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    host: list[str] = []

    def fake_host(route: Route) -> None:
        host.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>hosted player</p>")

    page.route("https://www.youtube-nocookie.com/**", fake_host)
    page.goto(f"{video_site}guidelines/principles/")
    player = page.get_by_role("figure", name="Our CEO introduces the guide")
    player.scroll_into_view_if_needed()
    # The browser has chosen the video's source and, with preload=none, loads nothing more: IDLE.
    media = player.locator("video").element_handle()
    page.wait_for_function("v => v.networkState !== HTMLMediaElement.NETWORK_EMPTY", arg=media)
    assert media.evaluate("v => v.networkState === HTMLMediaElement.NETWORK_IDLE")
    assert not [url for url in requests if url.endswith(".webm")], "preload=none: no video bytes before play"
    # The mini fixture has no theme overrides, so Material's repository widget still asks its API
    # (the shipped site turns that off: tests/browser/test_site_reliability.py); nothing else leaves.
    assert host == [] and [u for u in requests if not u.startswith(video_site) and "api.github" not in u] == []

    video = player.locator("video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("v => v.currentTime > 0.2", arg=video.element_handle(), timeout=10_000)
    cues = video.evaluate(
        "v => new Promise(done => { const t = v.textTracks[0]; t.mode = 'showing';"
        " const check = () => t.cues && t.cues.length ? done(t.cues[0].text) : setTimeout(check, 50);"
        " check(); })"
    )
    assert cues == "Hello, I am Dana."

    hosted = page.get_by_role("figure", name="A talk hosted elsewhere")
    button = hosted.get_by_role("button", name="Play video from www.youtube-nocookie.com")
    assert "Nothing is loaded from there until you choose" in hosted.inner_text()
    assert host == []
    button.press("Enter")  # keyboard: the consent is an ordinary button
    frame = hosted.locator("iframe")
    frame.wait_for()
    assert frame.get_attribute("title") == "A talk hosted elsewhere"
    assert frame.get_attribute("src") == f"{EMBED}?autoplay=1"
    # The frame's request is routed asynchronously after the iframe is inserted: wait until the fake
    # player is rendered inside it (under load, a bare round-trip came back before the route ran).
    hosted.frame_locator("iframe").get_by_text("hosted player").wait_for()
    assert host and host[0].startswith(EMBED)


def test_the_transcript_is_in_the_page_and_found_by_search(page: Page, video_site: str) -> None:
    page.goto(f"{video_site}guidelines/principles/")
    transcript = page.locator("details.academy-video__transcript").first
    assert TRANSCRIPT_WORD in transcript.inner_text() or TRANSCRIPT_WORD in transcript.text_content()
    transcript.locator("summary").click()
    assert transcript.get_attribute("open") is not None
    page.goto(video_site)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Typed key by key, as a reader does: the search worker may still be loading the index.
    page.locator(".md-search__input").type(TRANSCRIPT_WORD, delay=40)
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    assert "guidelines/principles/" in (result.get_attribute("href") or "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_video_blocks_have_no_serious_accessibility_violation(chromium, video_site: str, scheme: str) -> None:
    from support.harness import ROOT, serious_violations

    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    assert axe.exists(), "axe-core is not installed: run make setup (needs npm)"
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{video_site}guidelines/principles/#watch")
    page.add_script_tag(content=axe.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run('.academy-video', {resultTypes: ['violations']})")
    context.close()
    serious = serious_violations(result)
    assert not serious, "\n".join(serious)

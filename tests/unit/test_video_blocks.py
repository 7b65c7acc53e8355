"""Video blocks: what `academy validate` requires of them (captions, transcript, files, hosts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core import video
from academy.core.problems import Problems

WEBVTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    media = tmp_path / "content" / "media"
    media.mkdir(parents=True)
    (media / "intro.webm").write_bytes(b"\x1aE\xdf\xa3")
    (media / "intro.vtt").write_text(WEBVTT, encoding="utf-8")
    (media / "notes.txt").write_text("not captions", encoding="utf-8")
    (media / "bad.vtt").write_text("00:00.000 --> 00:02.000\nHello.\n", encoding="utf-8")
    return tmp_path / "content"


def _find(content: Path, block: str, page: str = "guidelines/page.md") -> tuple[list[video.Video], list[str]]:
    problems = Problems(content.parent)
    text = f"# Page\n\nSome text.\n\n```video\n{block}```\n\nMore text.\n"
    found = video.find(text, page, content / page, content, problems)
    return found, [f"{p.line}: {p.message} — {p.fix}" for p in problems]


SELF_HOSTED = """title: Our CEO on the Foundations track
src: ../media/intro.webm
captions: ../media/intro.vtt
transcript: |
  Welcome to the **Foundations** track.
"""


def test_a_complete_self_hosted_block_is_read_with_its_place(content: Path) -> None:
    found, problems = _find(content, SELF_HOSTED)
    assert problems == []
    [block] = found
    assert (block.title, block.src, block.captions, block.line) == (
        "Our CEO on the Foundations track",
        "../media/intro.webm",
        "../media/intro.vtt",
        5,
    )
    assert block.transcript.startswith("Welcome to the **Foundations**")


def test_paths_are_relative_to_the_page_like_links(content: Path) -> None:
    block = SELF_HOSTED.replace("../media/", "media/")
    assert _find(content, block, page="index.md")[1] == []
    problems = _find(content, block, page="guidelines/page.md")[1]
    assert any(
        'video src "media/intro.webm" does not exist' in p and "content/guidelines/media/intro.webm" in p
        for p in problems
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("transcript: |\n  Welcome to the **Foundations** track.\n", ""), "5: video has no transcript"),
        (("title: Our CEO on the Foundations track\n", ""), "5: video has no title"),
        (("captions: ../media/intro.vtt\n", ""), "5: a self-hosted video needs a WebVTT captions file"),
        (("../media/intro.vtt", "../media/notes.txt"), 'video captions "../media/notes.txt" has an unsupported type'),
        (("../media/intro.vtt", "../media/bad.vtt"), '8: captions file "../media/bad.vtt" is not WebVTT'),
        (("../media/intro.webm", "../media/missing.webm"), '7: video src "../media/missing.webm" does not exist'),
        (("../media/intro.webm", "https://cdn.example/intro.webm"), "must be a file of the site"),
        (("title:", "titel:"), 'unknown video field "titel" (did you mean "title"?)'),
    ],
)
def test_each_mistake_is_named_at_its_line(content: Path, change: tuple[str, str], expected: str) -> None:
    found, problems = _find(content, SELF_HOSTED.replace(*change))
    assert found == []
    assert any(expected in p for p in problems), problems


def test_an_external_video_needs_https_and_host_captions(content: Path) -> None:
    embed = "title: A talk\nembed: https://www.youtube-nocookie.com/embed/abc\ncaptions: host\ntranscript: Words.\n"
    [block] = _find(content, embed)[0]
    assert block.host == "www.youtube-nocookie.com"
    problems = _find(content, embed.replace("captions: host\n", ""))[1]
    assert any("must say that its host shows captions" in p for p in problems)
    problems = _find(content, embed.replace("https://", "http://"))[1]
    assert any("is not an https address" in p for p in problems)
    both = embed + "src: ../media/intro.webm\n"
    assert any("exactly one of src" in p for p in _find(content, both)[1])


def test_broken_yaml_in_a_block_is_reported_at_the_file_line(content: Path) -> None:
    found, problems = _find(content, 'title: "unclosed\ntranscript: x\n')
    assert found == []
    # At a line of the file (the block spans lines 5 to 8), not of the block's own YAML.
    assert problems and int(problems[0].split(":")[0]) in range(5, 9) and "YAML" in problems[0]

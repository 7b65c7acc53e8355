"""`intranet: true`: every source of an outside request is an error at its line (core/intranet.py)."""

from __future__ import annotations

from pathlib import Path

from academy.core.project import load_project

EXTERNAL = """
![Team photo](https://images.example.com/team.png)

<img alt="chart" src="//cdn.example.com/chart.svg">

```video
title: A talk hosted elsewhere
embed: https://www.youtube-nocookie.com/embed/abc
captions: host
transcript: |
  The speaker says hello.
```

A [plain link](https://example.com/) is fine: the browser requests it only when clicked.
"""


def _project(root: Path, intranet: bool) -> list[str]:
    page = root / "content" / "guidelines" / "principles.md"
    start = page.read_text(encoding="utf-8").count("\n") + 1
    page.write_text(page.read_text(encoding="utf-8") + EXTERNAL, encoding="utf-8")
    settings = root / "site_config" / "site.yml"
    extra = "repo_facts: true\n" + ("intranet: true\n" if intranet else "")
    settings.write_text(settings.read_text(encoding="utf-8") + extra, encoding="utf-8")
    project = load_project(root)
    text = page.read_text(encoding="utf-8").splitlines()
    lines = {
        "image": text.index("![Team photo](https://images.example.com/team.png)") + 1,
        "img": text.index('<img alt="chart" src="//cdn.example.com/chart.svg">') + 1,
        "video": text.index("```video", start - 1) + 1,
    }
    return [f"{p.path}:{p.line}: {p.message}" for p in project.problems if "intranet" in p.message] + [
        f"lines {lines['image']} {lines['img']} {lines['video']}"
    ]


def test_each_outside_request_is_an_error_at_its_line(mini_project: Path) -> None:
    *found, lines = _project(mini_project, intranet=True)
    image, img, block = lines.split()[1:]
    assert any(f"principles.md:{image}: https://images.example.com/team.png is loaded" in f for f in found), found
    assert any(f"principles.md:{img}: //cdn.example.com/chart.svg is loaded" in f for f in found), found
    assert any(f"principles.md:{block}: the video plays from www.youtube-nocookie.com" in f for f in found), found
    assert any("site.yml" in f and "repo_facts: true" in f for f in found), found
    # The mini fixture's mkdocs.yml switches the font off already; the plain link is no request.
    assert not any("font" in f or "example.com/ " in f for f in found), found
    assert len(found) == 4, found


def test_a_theme_font_is_an_error_with_intranet(mini_project: Path) -> None:
    config = mini_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  font: false", "  font:\n    text: Roboto"), encoding="utf-8")
    found = _project(mini_project, intranet=True)[:-1]
    assert any(f.startswith("mkdocs.yml:") and "Google Fonts" in f for f in found), found


def test_without_intranet_nothing_is_refused(mini_project: Path) -> None:
    assert _project(mini_project, intranet=False)[:-1] == []

"""The quiz plugin's fast marker replacement does exactly what the plain regular expression does."""

from __future__ import annotations

import re

import pytest

from academy.plugins.quiz.plugin import MARKER, sub_markers

CASES = [
    "<p><!-- academy:quiz a --></p>",
    "<h1>T</h1>\n<p>\n  <!--academy:quiz  b-c -->\n</p>\n<p>after</p>",
    "<!-- academy:quiz one --><!-- academy:quiz two -->",
    "<p>text <!-- academy:quiz inline --> more</p>",
    "<p> <p><!-- academy:quiz nested --> </p></p>",
    "no marker <!-- other comment --> <p></p>",
    "<p><!-- academy:quiz x --> </p> <p>\t<!-- academy:quiz y -->",
    "<!-- academy:quiz -->",  # no id: not a marker
    "",
]


@pytest.mark.parametrize("html", CASES)
def test_sub_markers_matches_the_regular_expression(html: str) -> None:
    def replace(match: re.Match[str]) -> str:
        return f"[{match.group(1)}]"

    assert sub_markers(html, replace) == MARKER.sub(replace, html)


def test_a_large_page_is_replaced_once_per_marker() -> None:
    page = "<div>" + "<p>x</p>" * 20_000 + "<p><!-- academy:quiz q --></p>" + "<a>y</a>" * 20_000
    seen: list[str] = []
    result = sub_markers(page, lambda m: seen.append(m.group(1)) or "QUIZ")
    assert seen == ["q"]
    assert result == MARKER.sub("QUIZ", page)

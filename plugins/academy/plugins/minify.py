"""Page scripts minified: `compact` (whole comment lines and indentation) and then rjsmin, which
takes the spaces inside lines out as well, never inside a string, template or pattern.

For scripts on every page or beside the quiz, where the page-weight budget is tight
(tests/site/test_page_weight.py): academy.js, quiz.js, video.js. The readable file in the
repository is the source the tests run; tests/unit/test_minified_scripts.py holds each minified
copy to the same syntax tree as its source, in Node.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

from .compact import compact

#: The scripts served minified, by plugin: what the syntax-tree test checks.
SCRIPTS = (
    Path(__file__).parent / "curriculum" / "assets" / "academy.js",
    Path(__file__).parent / "quiz" / "assets" / "quiz.js",
    Path(__file__).parent / "video" / "assets" / "video.js",
)


def minified(path: Path) -> str:
    """The script at `path` as pages get it."""
    return rjsmin.jsmin(compact(path.read_text(encoding="utf-8"))) + "\n"

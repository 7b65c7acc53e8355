"""Print the item-writing figures (issue #11) over the shipped practice quizzes and exam banks.

Usage: `.venv/bin/python scripts/item_figures.py [PROJECT]` (default: this repository). Exits 1
when a target is not met. The same report: `academy validate --figures`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from academy.core.itemcheck import figures, format_figures  # noqa: E402
from academy.core.project import load_project  # noqa: E402


def main(argv: list[str]) -> int:
    project = load_project(Path(argv[0]) if argv else ROOT)
    result = figures(project)
    print(format_figures(result, project.certificates))
    for quiz, (random, longest) in sorted(result.quizzes.items()):
        print(f"    quiz {quiz}: random {random:.1f} %, longest {longest:.1f} %")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

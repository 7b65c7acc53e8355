"""Print the curriculum's figures: modules per track, lesson words per module, quiz and exam sizes.

Run from the project root: `.venv/bin/python scripts/curriculum_figures.py` (or pass another root).
The item-writing figures of the quizzes and exams are `scripts/item_figures.py`.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from academy.core import markdown
from academy.core.project import load_project


def main(root: Path) -> int:
    project = load_project(root)
    if project.problems:
        print(f"{len(project.problems)} problem(s): run academy validate first", file=sys.stderr)
        return 1
    modules = project.ordered_modules()
    guide = [page for page in project.pages.values() if page.guideline_id]
    guide_words = sum(markdown.word_count(page.body) for page in guide)
    print(f"{len(modules)} modules in {len(project.tracks)} tracks; guide: {len(guide)} pages, {guide_words:,} words")
    for track in project.tracks.values():
        print(f"  {track.title}: {len(track.modules)} modules")
    words = [m.lesson_words for m in modules]
    print(
        f"lesson words per module: median {statistics.median(words):,.0f}, "
        f"min {min(words):,}, max {max(words):,}, total {sum(words):,}"
    )
    print(f"{'module':34} {'lesson words':>12} {'exercises':>9} {'quiz qs':>7} {'exam qs':>7}  formats")
    for module in modules:
        quiz = project.quizzes.get(module.quiz)
        bank = project.banks.get(module.id)
        print(
            f"{module.id:34} {module.lesson_words:>12,} {len(module.exercises):>9} "
            f"{len(quiz.questions) if quiz else 0:>7} {len(bank.questions) if bank else 0:>7}  {module.format}"
        )
    for exam in project.exams.values():
        print(f"exam {exam.id}: draws {exam.draw_size} of {exam.pool_size}, pass mark {exam.pass_mark} %")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))

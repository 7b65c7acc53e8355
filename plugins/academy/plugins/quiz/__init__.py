"""The `academy-quiz` plugin: renders self-scored quizzes into pages and ships their keys."""

from .plugin import QuizPlugin

__all__ = ["QuizPlugin"]

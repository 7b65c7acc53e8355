"""The `academy-exams` plugin: one public page per certificate rule and its certification assessment."""

from .plugin import ExamsPlugin

__all__ = ["ExamsPlugin"]

"""The `academy` plugin: reads and validates the project once per build."""

from .plugin import ProjectPlugin, get_project

__all__ = ["ProjectPlugin", "get_project"]

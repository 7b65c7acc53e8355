"""The `academy` plugin: reads and validates the project once per build.

`plugin` holds the MkDocs event hooks; `brand` (settings and stylesheet from site.yml) and
`markup` (what changes in every page) are plain functions that import nothing from MkDocs, so
they are tested without it. The plugin is imported only when asked for, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .plugin import ProjectPlugin, get_project

__all__ = ["ProjectPlugin", "get_project"]


def __getattr__(name: str) -> Any:
    """`from academy.plugins.project import get_project` loads the plugin (and MkDocs) on first use."""
    if name in __all__:
        from . import plugin

        return getattr(plugin, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
